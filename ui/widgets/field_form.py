"""A form whose every field has its own error (red) and warning (amber) line right beneath it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.reference import current_counties

NO_DATE = QDate(2000, 1, 1)  # shown as 不限 (special value text)
ERROR_STYLE = "color: #b71c1c;"
WARNING_STYLE = "color: #8d5a00;"
NOTICE_STYLE = "background: #fff8e1; color: #5d4037; padding: 6px; border: 1px solid #ffe082;"


def to_qdate(d: date | None) -> QDate:
    return QDate(d.year, d.month, d.day) if d else NO_DATE


def from_qdate(q: QDate) -> date | None:
    return None if q == NO_DATE else date(q.year(), q.month(), q.day())


def optional_date_edit(parent: QWidget, any_day_text: str) -> QDateEdit:
    """A date box that starts empty, shown as `any_day_text` (不限)."""
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(NO_DATE)
    edit.setSpecialValueText(any_day_text)
    edit.setDate(NO_DATE)
    return edit


def district_combo(province: str, parent: QWidget, placeholder: str) -> QComboBox:
    """An editable county list that completes on any part of the name (南明 → 贵阳市南明区)."""
    combo = QComboBox(parent)
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    for code, name in current_counties(province):
        combo.addItem(name, code)
    completer = QCompleter(combo.model(), parent)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    combo.setCompleter(completer)
    line = combo.lineEdit()
    if line is not None:
        line.setPlaceholderText(placeholder)
    return combo


def combo_code(combo: QComboBox) -> str:
    """The code of what is in an editable combo's box: typing over a chosen item counts."""
    typed = combo.currentText().strip()
    index = combo.findText(typed) if typed else -1
    return str(combo.itemData(index) or "") if index >= 0 else ""


def set_combo_code(combo: QComboBox, code: str) -> None:
    index = combo.findData(code)
    combo.setCurrentIndex(index)
    if index < 0 and combo.isEditable():
        combo.setEditText("")


class FieldForm(QWidget):
    """Fields added with `add_field` get an error and a warning line; Enter submits, Esc leaves."""

    leave_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._errors: dict[str, QLabel] = {}
        self._warnings: dict[str, QLabel] = {}
        self._inputs: dict[str, QWidget] = {}
        self._holders: dict[str, tuple[QFormLayout, QWidget]] = {}
        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 16pt; font-weight: bold;")
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet(NOTICE_STYLE)
        self.notice.hide()

    @staticmethod
    def new_form_layout() -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        return form

    def add_field(
        self,
        form: QFormLayout,
        key: str,
        label: str,
        widget: QWidget,
        focus: QWidget | None = None,
        extra: QWidget | None = None,
    ) -> None:
        error = QLabel(self)
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.hide()
        error.setObjectName(f"error_{key}")
        warning = QLabel(self)
        warning.setStyleSheet(WARNING_STYLE)
        warning.setWordWrap(True)
        warning.hide()
        warning.setObjectName(f"warning_{key}")
        box = QVBoxLayout()
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        box.addWidget(widget)
        if extra is not None:
            box.addWidget(extra)
        box.addWidget(error)
        box.addWidget(warning)
        holder = QWidget(self)
        holder.setLayout(box)
        form.addRow(label, holder)
        self._errors[key] = error
        self._warnings[key] = warning
        self._inputs[key] = focus or widget
        self._holders[key] = (form, holder)

    def set_field_visible(self, key: str, visible: bool) -> None:
        form, holder = self._holders[key]
        form.setRowVisible(holder, visible)

    def share_lines(self, key: str, with_key: str) -> None:
        """Show `key`'s messages on `with_key`'s lines (two inputs on one row)."""
        self._errors[key] = self._errors[with_key]
        self._warnings[key] = self._warnings[with_key]

    def date_edit(self, *, optional: bool) -> QDateEdit:
        if optional:
            return optional_date_edit(self, self.tr("不限"))
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    def row_of(self, widgets: Iterable[QWidget], *, stretch: bool = True) -> QWidget:
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        for w in widgets:
            row.addWidget(w)
        if stretch:
            row.addStretch(1)
        box = QWidget(self)
        box.setLayout(row)
        return box

    def text_box(self, placeholder: str, lines: int = 2) -> QPlainTextEdit:
        """A short multi-line box where Tab moves on (as every other field) instead of typing a tab."""
        edit = QPlainTextEdit(self)
        edit.setTabChangesFocus(True)
        edit.setPlaceholderText(placeholder)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + 14)
        return edit

    # ---- messages --------------------------------------------------------------------------
    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def clear_errors(self) -> None:
        for label in (*self._errors.values(), *self._warnings.values()):
            label.clear()
            label.hide()

    def _sorted(self, keys: Iterable[str]) -> list[str]:
        order = list(self._inputs)
        return sorted(keys, key=lambda k: order.index(k) if k in order else len(order))

    def show_errors(self, errors: list[ValidationError], warnings: dict[str, str] | None = None) -> None:
        """Each message beside its field; focus goes to the first field in the form's order."""
        self.clear_errors()
        self.show_warnings(warnings or {})
        first: QWidget | None = None
        by_field: dict[str, list[str]] = {}
        for e in errors:
            by_field.setdefault(e.field, []).append(e.message)
        for key in self._sorted(by_field):
            label = self._errors.get(key)
            if label is None:
                continue
            label.setText("；".join(filter(None, [label.text(), *by_field[key]])))
            label.show()
            if first is None:
                first = self._inputs.get(key)
        if first is not None:
            first.setFocus()

    def show_warnings(self, warnings: dict[str, str]) -> None:
        for label in self._warnings.values():
            label.clear()
            label.hide()
        for key, message in warnings.items():
            line = self._warnings.get(key)
            if line is not None:
                line.setText("⚠ " + message)
                line.show()

    def error_text(self, key: str) -> str:
        return self._errors[key].text()

    def warning_text(self, key: str) -> str:
        return self._warnings[key].text()

    def submit(self) -> None:
        raise NotImplementedError

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.leave_requested.emit()
            event.accept()
            return
        super().keyPressEvent(event)
