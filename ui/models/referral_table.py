"""The referral list (who was sent where, by whom, and what came of it) and one referral's history."""

from __future__ import annotations

from datetime import date
from typing import Any

from app import clock as wallclock
from app.services.referrals import HistoryEntry, ReferralRow
from ui.models.row_table import RowTableModel


def overdue(r: ReferralRow, today: date | None = None) -> bool:
    """Still waiting for an outcome after the slip ran out: to be phoned (跟踪回访)."""
    return r.status == "pending" and (today or wallclock.today()) > r.valid_until


class ReferralTableModel(RowTableModel[ReferralRow]):
    """Overdue rows are red, except in the follow-up list (`mark_overdue` False), where all are."""

    COLUMNS = ("code", "seeker", "phone", "posting", "employer", "issued_on", "valid_until", "status", "clerk",
               "calls")  # fmt: skip

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.mark_overdue = True

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("编号"),
            self.tr("求职者"),
            self.tr("手机"),
            self.tr("岗位"),
            self.tr("用人单位"),
            self.tr("推荐日期"),
            self.tr("有效期至"),
            self.tr("状态"),
            self.tr("经办人"),
            self.tr("回访"),
        )

    def display(self, r: ReferralRow, column: str) -> str:
        match column:
            case "code":
                return r.code
            case "seeker":
                return r.seeker_name
            case "phone":
                return r.seeker_phone_masked
            case "posting":
                return r.posting_title
            case "employer":
                return r.employer_name
            case "issued_on":
                return r.issued_on.isoformat()
            case "valid_until":
                return r.valid_until.isoformat()
            case "status":
                return r.status_text + self.tr("（已过期）") if overdue(r) else r.status_text
            case "clerk":
                return r.clerk
            case "calls":
                if not r.calls:
                    return ""
                return self.tr("{n}次 · {last}").format(n=r.calls, last=r.last_call)
        return ""

    def attention(self, r: ReferralRow) -> bool:
        return self.mark_overdue and overdue(r)


class HistoryTableModel(RowTableModel[HistoryEntry]):
    """A referral's history, oldest first: made, calls, outcomes and corrections."""

    COLUMNS = ("at", "what", "by", "note")

    def headers(self) -> tuple[str, ...]:
        return (self.tr("时间"), self.tr("事项"), self.tr("经办人"), self.tr("说明"))

    def display(self, r: HistoryEntry, column: str) -> str:
        return str(getattr(r, column))
