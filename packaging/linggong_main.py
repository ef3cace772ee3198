"""Entry point of the frozen `linggong` program (packaging/linggong.spec)."""

import multiprocessing
import sys

from app.cli import main

if __name__ == "__main__":
    # `linggong server --workers N` starts worker processes by running this program again.
    multiprocessing.freeze_support()
    sys.exit(main())
