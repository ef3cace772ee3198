"""Background work and the windows that asked for it: a window may be deleted while its work ends."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Run in its own process: the failure this guards against is a segmentation fault, which would end
# the whole test run instead of failing one test.
RACE = textwrap.dedent(
    """
    import threading, time
    import shiboken6
    from PySide6.QtWidgets import QApplication, QWidget
    from ui.tasks import TaskRunner

    app = QApplication([])
    delivered = []
    for i in range(1000):
        window = QWidget()
        runner = TaskRunner("race", window)
        gate = threading.Event()
        for _ in range(3):
            runner.run(lambda gate=gate: gate.wait(5), delivered.append, delivered.append)
        gate.set()  # the work ends now, ...
        time.sleep(0.0002 * (i % 7))
        shiboken6.delete(window)  # ... while its window is deleted, as a closed dialog is
        app.processEvents()
    print("delivered", len(delivered))
    """
)


def test_a_window_deleted_while_its_work_ends_neither_crashes_nor_gets_the_result() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    run = subprocess.run(
        [sys.executable, "-c", RACE], check=False, capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )
    assert run.returncode == 0, run.stderr[-2000:]
    assert "Traceback" not in run.stderr, run.stderr[-2000:]  # e.g. "Signal source has been deleted"
    assert run.stdout.split() == ["delivered", "0"]
