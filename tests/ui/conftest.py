"""UI fixtures: a main window on a temporary station; message boxes answered without blocking."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

from app.station import Station
from ui.setup import install_translations, load_bundled_font, set_names


class Dialogs:
    """Records every message box instead of showing it."""

    def __init__(self) -> None:
        self.shown: list[tuple[str, str, str]] = []
        self.answer = QMessageBox.StandardButton.No

    def texts(self) -> str:
        return "\n".join(f"{k} {t} {m}" for k, t, m in self.shown)


@pytest.fixture(autouse=True)
def dialogs(monkeypatch: pytest.MonkeyPatch) -> Dialogs:
    rec = Dialogs()

    def static(kind: str) -> Any:
        def show(parent: Any, title: str, text: str, *args: Any, **kwargs: Any) -> Any:
            rec.shown.append((kind, title, text))
            return rec.answer if kind == "question" else QMessageBox.StandardButton.Ok

        return show

    for kind in ("critical", "warning", "information", "question", "about"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(static(kind)))

    def exec_(box: QMessageBox) -> int:
        rec.shown.append(("exec", box.windowTitle(), box.text() + "\n" + box.detailedText()))
        return int(QMessageBox.StandardButton.Ok.value)

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return rec


@pytest.fixture
def window(qtbot: Any, station: Station, qapp: QApplication) -> Iterator[Any]:
    set_names()
    qapp.setFont(load_bundled_font())
    install_translations(qapp, "zh_CN")
    from ui.main_window import MainWindow

    w = MainWindow(station)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.close()
