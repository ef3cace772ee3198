"""The supervisor's sign-off: name and PIN, checked before any supervisor action runs.

The dialog opens window-modal with open() (not exec()), so nothing blocks the event loop and the
action runs from the `accepted` path only after the gate has verified the PIN.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import LinggongError, ValidationError
from app.supervisor import Supervisor, SupervisorGate

ERROR_STYLE = "color: #b71c1c;"


def no_default_buttons(dialog: QDialog) -> QDialogButtonBox:
    return QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)


class EnterKey(QObject):
    """Enter in a field does that field's step (move on, or check) and nothing else.

    A QLineEdit passes Enter on to its dialog after `returnPressed`, where the default OK button
    would check a half-filled dialog; this filter keeps the key.
    """

    def __init__(self, parent: QObject, steps: dict[QLineEdit, Callable[[], object]]) -> None:
        super().__init__(parent)
        self.steps = steps
        for edit in steps:
            edit.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and watched in self.steps
        ):
            self.steps[watched]()
            return True
        return super().eventFilter(watched, event)


class SupervisorDialog(QDialog):
    def __init__(self, gate: SupervisorGate, action: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gate = gate
        self.supervisor: Supervisor | None = None
        self.setWindowTitle(self.tr("主管确认"))
        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText(self.tr("主管姓名"))
        self.pin_edit = QLineEdit(self)
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel(self)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("主管姓名"), self.name_edit)
        form.addRow(self.tr("主管密码"), self.pin_edit)
        buttons = no_default_buttons(self)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        what = QLabel(self.tr("此操作须由主管确认：{action}").format(action=action), self)
        what.setWordWrap(True)
        layout.addWidget(what)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._enter = EnterKey(self, {self.name_edit: self.pin_edit.setFocus, self.pin_edit: self._check})

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.activateWindow()
        self.name_edit.setFocus()

    def _check(self) -> None:
        try:
            self.supervisor = self.gate.verify(self.name_edit.text(), self.pin_edit.text())
        except ValidationError as e:
            self.error.setText(e.message)
            self.name_edit.setFocus()
            return
        except LinggongError as e:
            self.error.setText(str(e))
            self.pin_edit.clear()
            self.pin_edit.setFocus()
            return
        self.accept()


def with_supervisor(parent: QWidget, gate: SupervisorGate, action: str, then: Callable[[Supervisor], None]) -> None:
    """Ask for the supervisor's name and PIN, then run `then` with the verified supervisor."""
    dialog = SupervisorDialog(gate, action, parent)
    parent.setProperty("supervisor_dialog", dialog)  # found by tests; replaced by the next one

    def accepted() -> None:
        if dialog.supervisor is not None:
            then(dialog.supervisor)
        dialog.deleteLater()

    dialog.accepted.connect(accepted)
    dialog.rejected.connect(dialog.deleteLater)
    dialog.open()


class SetPinDialog(QDialog):
    """Set the station's supervisor PIN: typed twice; changing it needs the current supervisor."""

    def __init__(self, gate: SupervisorGate, current: Supervisor | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.gate = gate
        self.current = current
        self.setWindowTitle(self.tr("设置主管密码"))
        self.pin_edit = QLineEdit(self)
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.again_edit = QLineEdit(self)
        self.again_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel(self)
        self.error.setStyleSheet(ERROR_STYLE)
        form = QFormLayout()
        form.addRow(self.tr("新密码"), self.pin_edit)
        form.addRow(self.tr("再输一次"), self.again_edit)
        buttons = no_default_buttons(self)
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self._enter = EnterKey(self, {self.pin_edit: self.again_edit.setFocus, self.again_edit: self._check})

    def _check(self) -> None:
        if self.pin_edit.text() != self.again_edit.text():
            self.error.setText(self.tr("两次输入的密码不一致"))
            self.again_edit.clear()
            self.again_edit.setFocus()
            return
        try:
            self.gate.set_pin(self.pin_edit.text(), current=self.current)
        except ValidationError as e:
            self.error.setText(e.message)
            return
        except LinggongError as e:
            self.error.setText(str(e))
            return
        self.accept()
