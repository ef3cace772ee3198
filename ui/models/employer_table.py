"""The employer list: kind, name, code, contact with the phone masked, and any suspension in red."""

from __future__ import annotations

from app.reference import EMPLOYER_KINDS, SUSPENSION_REASONS, label_of, region_name
from app.services.employers import EmployerRow
from ui.models.row_table import RowTableModel


class EmployerTableModel(RowTableModel[EmployerRow]):
    COLUMNS = ("name", "short_name", "kind", "credit_code", "contact", "phone", "district", "state")

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("单位名称"),
            self.tr("简称"),
            self.tr("类型"),
            self.tr("统一社会信用代码"),
            self.tr("联系人"),
            self.tr("联系电话"),
            self.tr("所在区县"),
            self.tr("状态"),
        )

    def display(self, r: EmployerRow, column: str) -> str:
        match column:
            case "name":
                return r.name
            case "short_name":
                return r.short_name
            case "kind":
                return label_of(EMPLOYER_KINDS, r.kind)
            case "credit_code":
                return r.credit_code
            case "contact":
                return r.contact_name
            case "phone":
                return r.phone_masked
            case "district":
                return region_name(r.district_code)
            case "state":
                if r.suspended:
                    return self.tr("已暂停：{reason}").format(reason=label_of(SUSPENSION_REASONS, r.suspension_reason))
                return self.tr("正常")
        return ""

    def attention(self, r: EmployerRow) -> bool:
        return r.suspended
