"""The search results list: a table model over SeekerRow, with ID and phone already masked."""

from __future__ import annotations

from typing import Any

from app import clock as wallclock
from app.reference import SPECIAL_GROUPS, job_type_label, label_of, region_name
from app.services.search import SeekerRow
from app.validation.resident_id import sex_label
from ui.models.row_table import ID_ROLE, RowTableModel

__all__ = ["ID_ROLE", "SeekerTableModel"]


class SeekerTableModel(RowTableModel[SeekerRow]):
    COLUMNS = ("name", "sex", "age", "id_masked", "phone_masked", "district", "job_types", "groups", "updated")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._today = wallclock.today()

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
        self._today = wallclock.today()
        super().set_rows(rows)

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
