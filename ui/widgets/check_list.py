"""A checkable list with a filter box, for choosing several items by keyboard (工种).

Type Chinese, pinyin initials (bj → 保洁员) or a code to filter; Enter ticks the first match,
Down moves into the list, Space toggles.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

KEY_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2


class CheckList(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setClearButtonEnabled(True)
        self.source = QStandardItemModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.source)
        self.proxy.setFilterRole(SEARCH_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.view = QListView(self)
        self.view.setModel(self.proxy)
        self.view.setMaximumHeight(130)
        self.chosen_label = QLabel(self)
        self.chosen_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.view)
        layout.addWidget(self.chosen_label)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.filter_edit.installEventFilter(self)
        self.source.itemChanged.connect(self._on_item_changed)
        self.setFocusProxy(self.filter_edit)

    def set_items(self, items: Iterable[tuple[str, str, str]]) -> None:
        """(key, label, extra search text) for each choice."""
        self.source.clear()
        for key, label, search in items:
            item = QStandardItem(label)
            item.setCheckable(True)
            item.setEditable(False)
            item.setData(key, KEY_ROLE)
            item.setData(f"{label} {search} {key}", SEARCH_ROLE)
            self.source.appendRow(item)
        self._update_label()

    def keys(self) -> list[str]:
        return [
            self.source.item(i).data(KEY_ROLE)
            for i in range(self.source.rowCount())
            if self.source.item(i).checkState() == Qt.CheckState.Checked
        ]

    def set_keys(self, keys: Iterable[str]) -> None:
        wanted = set(keys)
        self.source.blockSignals(True)
        for i in range(self.source.rowCount()):
            item = self.source.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(KEY_ROLE) in wanted else Qt.CheckState.Unchecked)
        self.source.blockSignals(False)
        self.filter_edit.clear()
        self._update_label()

    def _on_item_changed(self, _item: QStandardItem) -> None:
        self._update_label()
        self.changed.emit()

    def _update_label(self) -> None:
        labels = [
            self.source.item(i).text()
            for i in range(self.source.rowCount())
            if self.source.item(i).checkState() == Qt.CheckState.Checked
        ]
        self.chosen_label.setText(self.tr("已选：") + ("、".join(labels) if labels else self.tr("（无）")))

    def toggle_first_match(self) -> bool:
        if self.proxy.rowCount() == 0:
            return False
        item = self.source.itemFromIndex(self.proxy.mapToSource(self.proxy.index(0, 0)))
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
        self.filter_edit.clear()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.filter_edit and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.filter_edit.text():
                self.toggle_first_match()
                return True  # Enter with a filter typed picks; with none it saves the form
            if event.key() == Qt.Key.Key_Down:
                self.view.setFocus()
                if self.proxy.rowCount():
                    self.view.setCurrentIndex(self.proxy.index(0, 0))
                return True
        return super().eventFilter(watched, event)
