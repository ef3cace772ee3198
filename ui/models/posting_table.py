"""The posting list: what a clerk scans to match people — title, employer, pay, dates, status."""

from __future__ import annotations

from app import clock as wallclock
from app.reference import SETTLEMENTS, WAGE_UNITS, job_type_label, label_of, region_name
from app.services.postings import PostingRow, status_label, yuan
from ui.models.row_table import RowTableModel


class PostingTableModel(RowTableModel[PostingRow]):
    COLUMNS = ("code", "title", "employer", "job_type", "headcount", "pay", "settlement", "district", "dates",
               "status", "source")  # fmt: skip

    def headers(self) -> tuple[str, ...]:
        return (
            self.tr("编号"),
            self.tr("岗位名称"),
            self.tr("用人单位"),
            self.tr("工种"),
            self.tr("人数"),
            self.tr("薪资"),
            self.tr("结算"),
            self.tr("工作区县"),
            self.tr("工作日期"),
            self.tr("状态"),
            self.tr("来源"),
        )

    def display(self, r: PostingRow, column: str) -> str:
        match column:
            case "code":
                return r.code
            case "title":
                return r.title
            case "employer":
                return r.employer_short_name or r.employer_name
            case "job_type":
                return job_type_label(r.job_type)
            case "headcount":
                return str(r.headcount)
            case "pay":
                return f"{yuan(r.pay_cents)} {label_of(WAGE_UNITS, r.pay_unit)}"
            case "settlement":
                return label_of(SETTLEMENTS, r.settlement)
            case "district":
                return region_name(r.district_code)
            case "dates":
                this_year = wallclock.today().year
                fmt = "%m-%d" if r.start_date.year == r.end_date.year == this_year else "%Y-%m-%d"
                return f"{r.start_date.strftime(fmt)} ~ {r.end_date.strftime(fmt)}"
            case "status":
                text = status_label(r.status)
                return text + self.tr("（待核实）") if r.flagged else text
            case "source":
                return r.source_channel
        return ""

    def attention(self, r: PostingRow) -> bool:
        return r.flagged
