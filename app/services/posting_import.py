"""Bulk import of job postings from .csv (UTF-8 or GBK) and .xlsx, e.g. lists from online platforms.

Each row is one posting with its employer's name and unified social credit code. The employer is
matched by that code, or registered from the row when the station does not know it yet (once, however
many rows it has). Every bad row is reported with its row number, field and reason; the valid rows,
with their new employers, are written in one transaction, so nothing is ever half-written.

Imported postings land as "pending": a supervisor reviews them (and any demands of fees, deposits or
ID cards they contain) before they are open to seekers.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import clock as wallclock
from app.errors import FormInvalid, ValidationError, storage_guard
from app.i18n import translate
from app.reference import find_district, find_district_in_text, find_job_type
from app.services.employers import CleanEmployer, EmployerInput, EmployerService, Suspension, validate_employer
from app.services.importer import (
    ImportReport,
    RowError,
    _date,
    _text,
    cell_reader,
    first_per_field,
    map_columns,
    read_table,
    unit_key,
    write_header_template,
    yes_no,
)
from app.services.postings import Checked, CleanPosting, PostingInput, PostingService, validate_posting
from app.validation.credit_code import INDIVIDUAL_BUSINESS_PREFIX, parse_credit_code
from db.base import new_uuid, utcnow
from db.models import Employer, Posting

# Accepted headers for each field: Chinese first, then English.
POSTING_HEADERS: dict[str, tuple[str, ...]] = {
    "employer_name": ("单位名称", "用人单位", "企业名称", "employer_name", "employer"),
    "credit_code": ("统一社会信用代码", "社会信用代码", "信用代码", "credit_code", "uscc"),
    "title": ("岗位名称", "职位名称", "title", "job_title"),
    "job_type": ("工种", "job_type"),
    "headcount": ("招聘人数", "人数", "headcount"),
    "pay": ("薪资", "工资", "薪酬", "pay", "wage"),
    "pay_unit": ("薪资单位", "工资单位", "pay_unit", "wage_unit"),
    "settlement": ("结算方式", "settlement"),
    "work_place": ("工作地点", "work_place", "workplace"),
    "start_date": ("开始日期", "start_date"),
    "end_date": ("结束日期", "end_date"),
    "contact_name": ("联系人", "contact_name", "contact"),
    "contact_phone": ("联系电话", "联系方式", "contact_phone", "phone"),
    "district_code": ("工作区县", "区县", "district"),
    "duties": ("工作内容", "岗位职责", "duties"),
    "requirements": ("任职要求", "岗位要求", "requirements"),
    "daily_hours": ("每日工时", "daily_hours"),
    "source_channel": ("信息来源", "来源", "source_channel", "source"),
    "notes": ("备注", "notes"),
    "meals": ("包吃", "meals"),
    "lodging": ("包住", "lodging"),
    "transport": ("交通", "transport"),
}
POSTING_REQUIRED = (
    "employer_name",
    "credit_code",
    "title",
    "job_type",
    "headcount",
    "pay",
    "pay_unit",
    "settlement",
    "work_place",
    "start_date",
    "end_date",
    "contact_name",
    "contact_phone",
)
POSTING_TEMPLATE_COLUMNS = (
    *POSTING_REQUIRED[:8],
    "meals",
    "lodging",
    "transport",
    "work_place",
    "district_code",
    "start_date",
    "end_date",
    "daily_hours",
    "contact_name",
    "contact_phone",
    "duties",
    "requirements",
    "source_channel",
    "notes",
)
# What the 信息来源 of a row says when the cell is empty and no --source was given.
DEFAULT_SOURCE = "批量导入"

_SETTLEMENT_WORDS = {
    "daily": ("日结", "当日结", "当天结", "daily"),
    "weekly": ("周结", "weekly"),
    "monthly": ("月结", "monthly"),
    "completion": ("完工结", "完工结算", "干完结", "completion", "on_completion", "on completion"),
}
# An employer registered from a row: its fields as the row names them.
_EMPLOYER_FIELDS = {"name": "employer_name", "phone": "contact_phone"}
# Placeholder so validate_posting checks the rest; replaced by the employer's id when written.
_EMPLOYER_PENDING = "(import)"


@dataclass
class _Row:
    """A row that passed every check, waiting for the write."""

    row_no: int
    credit_code: str
    checked: Checked
    employer: EmployerInput


def _settlement_key(text: str) -> str | None:
    text = text.lower()
    return next((k for k, words in _SETTLEMENT_WORDS.items() if text in words), None)


def _district(cell_text: str, work_place: str, province: str) -> tuple[str, ValidationError | None]:
    """The posting's county from the 工作区县 cell, or, when that is empty, from the work place."""
    if cell_text:
        code = find_district(cell_text, province) or find_district_in_text(cell_text, province)
        if code is None:
            return "", ValidationError("district_code", translate("Import", "找不到区县“{v}”").format(v=cell_text))
        return code, None
    code = find_district_in_text(work_place, province)
    if code is None:
        return "", ValidationError(
            "district_code", translate("Import", "请填写工作区县，或在工作地点中写明所在区县（如“观山湖区”）")
        )
    return code, None


def row_to_posting(
    cells: list[Any], columns: dict[str, int], province: str, source: str
) -> tuple[PostingInput, str, EmployerInput, list[ValidationError]]:
    """One row as a posting, its employer's credit code and details, and a problem per unreadable cell.

    An empty 工作内容 becomes the title: online platforms often list a job with its title only, and a
    posting must say what the work is.
    """
    errors: list[ValidationError] = []
    cell = cell_reader(cells, columns)

    def text(key: str) -> str:
        return _text(cell(key))

    inp = PostingInput(employer_id=_EMPLOYER_PENDING)
    for key in ("title", "headcount", "pay", "work_place", "contact_name", "contact_phone", "requirements", "notes"):
        setattr(inp, key, text(key))
    inp.duties = text("duties") or inp.title
    inp.daily_hours = text("daily_hours") or "8"
    inp.source_channel = text("source_channel") or source

    job_text = text("job_type")
    inp.job_type = ""
    if job_text:
        code = find_job_type(job_text)
        if code is None:
            errors.append(ValidationError("job_type", translate("Import", "工种目录中没有“{v}”").format(v=job_text)))
        else:
            inp.job_type = code
    unit_text = text("pay_unit")
    inp.pay_unit = (unit_key(unit_text) or "") if unit_text else ""
    if unit_text and not inp.pay_unit:
        errors.append(ValidationError("pay_unit", translate("Validation", "薪资单位应为小时、天、件或月")))
    settlement_text = text("settlement")
    inp.settlement = (_settlement_key(settlement_text) or "") if settlement_text else ""
    if settlement_text and not inp.settlement:
        errors.append(ValidationError("settlement", translate("Validation", "结算方式应为日结、周结、月结或完工结")))
    inp.district_code, district_error = _district(text("district_code"), inp.work_place, province)
    if district_error is not None:
        errors.append(district_error)
    for key in ("start_date", "end_date"):
        try:
            setattr(inp, key, _date(cell(key), key))
        except ValidationError as e:
            errors.append(e)
    for key in ("meals", "lodging", "transport"):
        try:
            setattr(inp, key, bool(yes_no(cell(key), key)))
        except ValidationError as e:
            errors.append(e)

    raw_code = cell("credit_code")
    if isinstance(raw_code, (int, float)) and len(str(int(raw_code))) >= 15:
        lost = translate("Import", "统一社会信用代码被 Excel 存成了数字，末几位可能已丢失；请把该列设为文本后重新填写")
        errors.append(ValidationError("credit_code", lost))
        credit_code = ""
    else:
        try:
            credit_code = parse_credit_code(_text(raw_code)).code
        except ValidationError as e:
            errors.append(e)
            credit_code = ""
    employer = EmployerInput(
        kind="individual" if credit_code.startswith(INDIVIDUAL_BUSINESS_PREFIX) else "enterprise",
        name=text("employer_name"),
        credit_code=credit_code,
        contact_name=inp.contact_name,
        phone=inp.contact_phone,
        district_code=inp.district_code,
        terms_accepted=False,  # accepted by the employer in person, at its first visit
    )
    if len(_text(employer.name)) < 2:
        errors.append(ValidationError("employer_name", translate("Validation", "请输入单位名称（至少2个字）")))
    return inp, credit_code, employer, errors


def _known_employers(s: Session, codes: list[str]) -> dict[str, Employer]:
    found: dict[str, Employer] = {}
    for i in range(0, len(codes), 500):
        for row in s.scalars(select(Employer).where(Employer.credit_code.in_(codes[i : i + 500]))):
            assert row.credit_code is not None
            found[row.credit_code] = row
    return found


def _refusal(employer: Employer) -> str | None:
    """Why no posting of this employer can be written, or None."""
    if employer.deleted:
        return translate("Validation", "找不到该用人单位")
    if employer.suspended:
        why = Suspension(
            employer.suspension_reason, employer.suspension_note, employer.suspended_on, employer.suspended_by
        ).describe()
        return translate("Postings", "{name}{why}，不能发布岗位").format(name=employer.name, why=why)
    return None


def _employer_problems(employer: EmployerInput, today: date) -> list[ValidationError]:
    """What keeps a new employer from being registered from this row (name too long, …).

    Its contact, phone and district are the posting's, so their problems are reported under the
    posting's fields (where the posting's own checks have usually said the same).
    """
    try:
        validate_employer(employer, today=today, needs_terms=False)
    except FormInvalid as bad:
        return [ValidationError(_EMPLOYER_FIELDS.get(e.field, e.field), e.message) for e in bad.errors]
    return []


def _codes(s: Session, postings: PostingService, day: date) -> Iterator[str]:
    """This station's next posting codes for the day, counting up within the one transaction."""
    first = postings._next_code(s, day)
    prefix, number = first.rsplit("-", 1)
    n = int(number)
    while True:
        yield f"{prefix}-{n:04d}"
        n += 1


def import_postings(
    employers: EmployerService,
    postings: PostingService,
    path: Path,
    *,
    province: str = "52",
    source: str = "",
    progress: Callable[[int, int], None] | None = None,
    today: date | None = None,
) -> ImportReport:
    """Import the postings in a table; `source` is the 信息来源 of rows that leave it empty.

    Raises InputFileError when the file cannot be read or lacks a required column (nothing is
    written then), StorageError when the database fails (and the transaction is rolled back).
    """
    today = today or wallclock.today()
    source = _text(source) or DEFAULT_SOURCE
    header, body = read_table(path)
    columns = map_columns(header, POSTING_HEADERS, POSTING_REQUIRED)
    rows = list(body)
    report = ImportReport(total=len(rows))
    parsed = [(row_no, *row_to_posting(list(cells), columns, province, source)) for row_no, cells in rows]

    with storage_guard(), employers.db.read() as s:
        known = {code: _refusal(e) for code, e in _known_employers(s, sorted({p[2] for p in parsed if p[2]})).items()}

    valid: list[_Row] = []
    for done, (row_no, inp, credit_code, employer, cell_errors) in enumerate(parsed, 1):
        problems = list(cell_errors)
        checked: Checked | None = None
        try:
            checked = validate_posting(inp, postings.policy, today=today)
        except FormInvalid as bad:
            problems.extend(bad.errors)
        if credit_code:
            if credit_code in known:
                refusal = known[credit_code]
                if refusal is not None:
                    problems.insert(0, ValidationError("employer_id", refusal))
            else:
                problems.extend(_employer_problems(employer, today))
        if problems:
            report.errors.extend(RowError(row_no, e.field, e.message) for e in first_per_field(problems))
        else:
            assert checked is not None
            valid.append(_Row(row_no, credit_code, checked, employer))
        if progress and done % 200 == 0:
            progress(done, len(rows))

    with storage_guard(), employers.db.write() as s:
        # Read again under the write lock: an employer may have been registered or suspended since.
        holders = _known_employers(s, sorted({r.credit_code for r in valid}))
        writable: list[tuple[_Row, Employer]] = []
        for r in valid:
            holder = holders.get(r.credit_code)
            if holder is None:
                clean: CleanEmployer = validate_employer(r.employer, today=today, needs_terms=False)[0]
                holder = Employer(id=new_uuid(), origin_station=employers.clock.node)
                employers.apply(holder, clean)
                s.add(holder)
                holders[r.credit_code] = holder
                report.employers_created += 1
            refusal = _refusal(holder)
            if refusal is not None:
                report.errors.append(RowError(r.row_no, "employer_id", refusal))
                continue
            twin = _same_posting(s, holder, r.checked.posting, [p for p, h in writable if h is holder])
            if twin is not None:
                report.errors.append(RowError(r.row_no, "title", twin))
                continue
            writable.append((r, holder))
        s.flush()  # the new employers exist before postings refer to them
        codes = _codes(s, postings, today)
        now = utcnow()
        for r, holder in writable:
            row = Posting(origin_station=postings.clock.node, status="pending", code=next(codes), submitted_at=now)
            row.flagged_terms = []
            checked = replace(r.checked, posting=replace(r.checked.posting, employer_id=holder.id))
            postings.apply(s, row, checked, holder)
            s.add(row)
            report.created += 1
    report.errors.sort(key=lambda e: e.row)
    if progress:
        progress(len(rows), len(rows))
    return report


def _same_posting(s: Session, employer: Employer, p: CleanPosting, earlier: list[_Row]) -> str | None:
    """Why a row repeats a live posting of the same employer (the same file imported twice), if it does."""
    for r in earlier:
        q = r.checked.posting
        if (q.title, q.start_date, q.end_date, q.work_place) == (p.title, p.start_date, p.end_date, p.work_place):
            return translate("Import", "与第{n}行是同一岗位").format(n=r.row_no)
    if employer.pk is None:
        return None  # registered by this import: it has no postings yet
    code = s.scalar(
        select(Posting.code).where(
            Posting.employer_id == employer.id,
            Posting.status.in_(("draft", "pending", "open")),
            Posting.title == p.title,
            Posting.start_date == p.start_date,
            Posting.end_date == p.end_date,
            Posting.work_place == p.work_place,
        )
    )
    return translate("Import", "已有相同岗位{code}，未重复导入").format(code=code) if code else None


def write_posting_template(path: Path) -> None:
    """An empty posting table to fill in; credit codes and phones formatted as text in Excel."""
    columns = list(POSTING_TEMPLATE_COLUMNS)
    text_columns = tuple(columns.index(k) + 1 for k in ("credit_code", "contact_phone"))
    write_header_template(path, [POSTING_HEADERS[k][0] for k in columns], "招聘岗位", text_columns=text_columns)
