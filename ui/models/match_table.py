"""Ranked matches: the open postings that suit a person, or the people who suit a posting, with why."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from app import clock as wallclock
from app.reference import SETTLEMENTS, WAGE_UNITS, county_name, label_of
from app.services.matching import PostingMatch, SeekerMatch
from app.services.postings import yuan
from ui.models.row_table import Index, RowTableModel


def _short_dates(start: str, end: str) -> str:
    a, b = date.fromisoformat(start), date.fromisoformat(end)
    fmt = "%m-%d" if a.year == b.year == wallclock.today().year else "%Y-%m-%d"
    return f"{a.strftime(fmt)} ~ {b.strftime(fmt)}"


class _MatchModel(RowTableModel):
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if index.isValid() and role == Qt.ItemDataRole.ForegroundRole and self.row_at(index.row()).referred:
            return QColor("#78909c")  # already referred: greyed, cannot be referred again
        if index.isValid() and role == Qt.ItemDataRole.ToolTipRole and self.COLUMNS[index.column()] == "why":
            return "\n".join(self.row_at(index.row()).fit.reasons + self.row_at(index.row()).fit.concerns)
        return super().data(index, role)


class PostingMatchModel(_MatchModel):
    # The reasons come early: they are what the clerk reads out.
    COLUMNS = ("score", "title", "employer", "pay", "why", "free", "district", "dates")

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("匹配度"),
            self.tr("岗位"),
            self.tr("用人单位"),
            self.tr("薪资"),
            self.tr("匹配理由"),
            self.tr("尚缺"),
            self.tr("工作区县"),
            self.tr("工作日期"),
        )

    def display(self, m: PostingMatch, column: str) -> str:
        p = m.posting
        match column:
            case "score":
                return self.tr("已推荐") if m.referred else f"{m.fit.score:.0f}"
            case "title":
                return p.title
            case "employer":
                return p.employer_name
            case "pay":
                return f"{yuan(p.pay_cents)} {label_of(WAGE_UNITS, p.pay_unit)} · {label_of(SETTLEMENTS, p.settlement)}"
            case "district":
                return county_name(p.district)
            case "dates":
                return _short_dates(p.start, p.end)
            case "free":
                return self.tr("{n}人").format(n=max(0, p.headcount - p.hired))
            case "why":
                return m.fit.summary
        return ""


class SeekerMatchModel(_MatchModel):
    COLUMNS = ("score", "name", "phone", "why", "groups", "district")

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("匹配度"),
            self.tr("姓名"),
            self.tr("手机"),
            self.tr("匹配理由"),
            self.tr("人员类别"),
            self.tr("现居区县"),
        )

    def display(self, m: SeekerMatch, column: str) -> str:
        s = m.seeker
        match column:
            case "score":
                return self.tr("已推荐") if m.referred else f"{m.fit.score:.0f}"
            case "name":
                return s.name
            case "phone":
                return m.phone_masked
            case "district":
                return county_name(s.district)
            case "groups":
                return m.group_labels
            case "why":
                return m.fit.summary
        return ""
