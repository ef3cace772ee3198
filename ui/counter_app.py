"""Starting the counter app."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app.errors import StorageError
from app.settings import Settings
from app.station import open_station
from ui.errors import install_excepthook
from ui.setup import make_application

log = logging.getLogger("linggong.ui")

# Set by the start-up benchmark (packaging/startup_bench.py): once the first window has painted,
# print a line and quit, so the time from launch to a usable window can be measured from outside.
STARTUP_PROBE = "LINGGONG_STARTUP_PROBE"


class _FirstPaint(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.done = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self.done:
            self.done = True
            QTimer.singleShot(0, self._report)  # after this paint has been drawn
        return False

    def _report(self) -> None:
        print("first window painted", flush=True)
        QApplication.quit()


def run_counter(data_dir: Path) -> int:
    language = Settings.load(data_dir / "settings.json").language
    app = make_application(sys.argv, language)
    install_excepthook()
    try:
        station = open_station(data_dir)
    except StorageError as exc:
        QMessageBox.critical(None, app.translate("Errors", "无法打开数据"), f"{exc}\n\n{data_dir}")
        return 3
    from ui.main_window import MainWindow

    window = MainWindow(station)
    if os.environ.get(STARTUP_PROBE):
        _FirstPaint(window)
    window.show()
    window.offer_demo_data()
    code = app.exec()
    station.close()
    log.info("counter closed")
    return code
