"""The search results list: a table model over SeekerRow, with ID and phone already masked."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from app.reference import SPECIAL_GROUPS, job_type_label, label_of, region_name
from app.services.search import SeekerRow
from app.validation.resident_id import sex_label

ID_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class SeekerTableModel(QAbstractTableModel):
    COLUMNS = ("name", "sex", "age", "id_masked", "phone_masked", "district", "job_types", "groups", "updated")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[SeekerRow] = []
        self._today = date.today()

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("姓名"),
            self.tr("性别"),
            self.tr("年龄"),
            self.tr("身份证号"),
            self.tr("手机号"),
            self.tr("现居区县"),
            self.tr("求职工种"),
            self.tr("人员类别"),
            self.tr("更新时间"),
        )

    def set_rows(self, rows: list[SeekerRow]) -> None:
        self.beginResetModel()
        self._rows = rows
        self._today = date.today()
        self.endResetModel()

    def row_at(self, row: int) -> SeekerRow:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def display(self, r: SeekerRow, column: str) -> str:
        match column:
            case "name":
                return r.name
            case "sex":
                return sex_label(r.sex)
            case "age":
                return str(r.age_on(self._today))
            case "id_masked":
                return r.id_masked
            case "phone_masked":
                return r.phone_masked
            case "district":
                return region_name(r.district_code)
            case "job_types":
                return "、".join(job_type_label(c) for c in r.job_types)
            case "groups":
                return "、".join(label_of(SPECIAL_GROUPS, g) for g in r.groups)
            case "updated":
                return r.updated_at[:16]
        return ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.display(r, self.COLUMNS[index.column()])
        if role == ID_ROLE:
            return r.id
        return None
