"""Starting the counter app."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from app.errors import StorageError
from app.settings import Settings
from app.station import open_station
from ui.errors import install_excepthook
from ui.setup import make_application

log = logging.getLogger("linggong.ui")


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
    window.show()
    window.offer_demo_data()
    code = app.exec()
    station.close()
    log.info("counter closed")
    return code
