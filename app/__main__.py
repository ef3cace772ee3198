"""`python -m app` runs the `linggong` command."""

import sys

from app.cli import main

sys.exit(main())
