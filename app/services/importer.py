"""Bulk import of seekers from .csv (UTF-8 or GBK) and .xlsx, with a row-by-row report.

Valid rows are written in one transaction, so an import is either wholly applied or not at all;
every invalid row is reported with its row number, field and reason, and never half-written.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from app.errors import FormInvalid, InputFileError, ValidationError, storage_guard
from app.files import write_atomic
from app.i18n import translate
from app.reference import SPECIAL_GROUPS, TIME_SLOTS, Choice, find_district, find_job_type
from app.services.seekers import CleanSeeker, SeekerInput, SeekerService, field_label, validate
from db.models import Seeker

# Accepted headers for each field: Chinese first, then English.
HEADERS: dict[str, tuple[str, ...]] = {
    "name": ("姓名", "name"),
    "id_number": ("身份证号码", "身份证号", "公民身份号码", "id_number", "id_no", "resident_id"),
    "phone": ("手机号码", "手机号", "联系电话", "phone", "mobile"),
    "district_code": ("现居区县", "现居住区县", "区县", "district"),
    "job_types": ("求职工种", "工种", "job_types", "job_type"),
    "wage_expect": ("期望工资", "期望薪资", "wage_expect", "expected_wage", "wage"),
    "wage_unit": ("工资单位", "薪资单位", "wage_unit"),
    "groups": ("人员类别", "groups", "special_groups"),
    "skills": ("技能证书", "技能", "skills"),
    "avail_from": ("可工作开始日期", "avail_from", "available_from"),
    "avail_to": ("可工作截止日期", "avail_to", "available_to"),
    "avail_slots": ("可工作时段", "avail_slots", "available_slots"),
    "consent": ("同意授权", "consent"),
    "notes": ("备注", "notes"),
}
REQUIRED = ("name", "id_number", "phone")
TEMPLATE_COLUMNS = (
    "name",
    "id_number",
    "phone",
    "district_code",
    "job_types",
    "wage_expect",
    "wage_unit",
    "groups",
    "skills",
    "avail_from",
    "avail_to",
    "avail_slots",
    "consent",
    "notes",
)

_LIST_SPLIT = re.compile(r"[、,，;；/|\s]+")
_UNIT_WORDS = {
    "hour": ("元/小时", "小时", "时", "元/时", "hour", "h"),
    "day": ("元/天", "天", "日", "元/日", "day", "d"),
    "piece": ("元/件", "件", "计件", "piece"),
    "month": ("元/月", "月", "month"),
}
_YES = {"是", "y", "yes", "true", "1", "同意", "√"}
_NO = {"否", "n", "no", "false", "0", "不同意"}


@dataclass(frozen=True)
class RowError:
    row: int  # as the spreadsheet numbers it: the header is row 1
    field: str
    message: str


@dataclass
class ImportReport:
    total: int = 0
    created: int = 0
    updated: int = 0
    errors: list[RowError] = field(default_factory=list)
    # Employers registered on the way (a posting import creates the employers it does not know).
    employers_created: int = 0

    @property
    def rejected_rows(self) -> int:
        return len({e.row for e in self.errors})

    @property
    def exit_status(self) -> int:
        return 0 if not self.errors else 1

    def write_csv(self, path: Path, label: Callable[[str], str] = field_label) -> None:
        """The rejected rows as CSV; `label` names a field (seekers' labels unless told otherwise)."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow([translate("Import", "行号"), translate("Import", "字段"), translate("Import", "原因")])
        for e in self.errors:
            writer.writerow([e.row, label(e.field), e.message])
        write_atomic(path, out.getvalue().encode("utf-8-sig"))  # BOM so Excel opens it as UTF-8


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


def read_table(path: Path) -> tuple[list[str], Iterator[tuple[int, list[Any]]]]:
    """Header cells and (row number, cells) for each data row; InputFileError if unreadable."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise InputFileError(translate("Import", "找不到文件：{p}").format(p=path))
    if suffix == ".csv":
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputFileError(translate("Import", "无法读取文件：{p}").format(p=path)) from exc
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:  # pragma: no cover — gb18030 decodes any byte string
            raise InputFileError(translate("Import", "无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV"))
        rows = list(csv.reader(io.StringIO(text)))
    elif suffix == ".xlsx":
        try:
            from openpyxl import load_workbook

            book = load_workbook(path, read_only=True, data_only=True)
            rows = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
            book.close()
        except Exception as exc:
            raise InputFileError(translate("Import", "无法读取 Excel 文件：{e}").format(e=type(exc).__name__)) from exc
    else:
        raise InputFileError(translate("Import", "只支持 .csv 和 .xlsx 文件"))
    if not rows:
        raise InputFileError(translate("Import", "文件是空的"))
    header = [_text(c) for c in rows[0]]
    body = ((i + 1, r) for i, r in enumerate(rows) if i > 0 and any(_text(c) for c in r))
    return header, body


def map_columns(
    header: list[str], headers: dict[str, tuple[str, ...]] = HEADERS, required: tuple[str, ...] = REQUIRED
) -> dict[str, int]:
    """Field → column index, from the header cells and a table of accepted names for each field.

    InputFileError names every required column the header lacks.
    """
    wanted = {alias.replace(" ", "").lower(): key for key, aliases in headers.items() for alias in aliases}
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        key = wanted.get(name.replace(" ", "").lower())
        if key is not None and key not in columns:
            columns[key] = index
    missing = [k for k in required if k not in columns]
    if missing:
        names = "、".join(headers[k][0] for k in missing)
        raise InputFileError(translate("Import", "缺少必需的列：{cols}").format(cols=names))
    return columns


def _choice_keys(text: str, choices: tuple[Choice, ...], field_name: str) -> list[str]:
    by_label = {c.source_label: c.key for c in choices} | {c.key: c.key for c in choices}
    by_label |= {c.label: c.key for c in choices}
    keys: list[str] = []
    unknown: list[str] = []
    for part in filter(None, _LIST_SPLIT.split(text)):
        key = by_label.get(part) or by_label.get(part.lower())
        (keys if key else unknown).append(key or part)
    if unknown:
        raise ValidationError(field_name, translate("Import", "无法识别：{v}").format(v="、".join(unknown)))
    return keys


def cell_reader(cells: list[Any], columns: dict[str, int]) -> Callable[[str], Any]:
    """cell(key): the raw value of a field's column in a row, None when absent or short."""

    def cell(key: str) -> Any:
        i = columns.get(key)
        return cells[i] if i is not None and i < len(cells) else None

    return cell


def unit_key(text: str) -> str | None:
    """'元/天', '天', 'day' → 'day'; None for a word that is not a wage unit."""
    text = text.lower()
    return next((k for k, words in _UNIT_WORDS.items() if text in words), None)


def yes_no(value: Any, field_name: str) -> bool | None:
    """'是' → True, '否' → False, empty → None; ValidationError for anything else."""
    answer = _text(value).lower()
    if not answer:
        return None
    if answer not in _YES | _NO:
        raise ValidationError(field_name, translate("Import", "请填写“是”或“否”"))
    return answer in _YES


def first_per_field(problems: list[ValidationError]) -> list[ValidationError]:
    """One problem per field, the first one given (an unreadable cell before what a validator says)."""
    seen: set[str] = set()
    unique = []
    for e in problems:
        if e.field not in seen:
            seen.add(e.field)
            unique.append(e)
    return unique


def _date(value: Any, field_name: str) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    if not text:
        return None
    digits = re.sub(r"[年月日/.\-]", "-", text).strip("-")
    for fmt in ("%Y-%m-%d", "%Y%m%d"):
        try:
            return datetime.strptime(digits, fmt).date()
        except ValueError:
            continue
    raise ValidationError(field_name, translate("Import", "日期格式应为 2026-11-24"))


def row_to_input(cells: list[Any], columns: dict[str, int], province: str) -> tuple[SeekerInput, list[ValidationError]]:
    """One row's cells as a SeekerInput, and a problem for each cell that could not be read."""
    errors: list[ValidationError] = []
    cell = cell_reader(cells, columns)
    inp = SeekerInput(consent="consent" not in columns)
    raw_id = cell("id_number")
    if isinstance(raw_id, (int, float)) and len(str(int(raw_id))) >= 15:
        errors.append(
            ValidationError(
                "id_number",
                translate("Import", "身份证号码被 Excel 存成了数字，末几位可能已丢失；请把该列设为文本后重新填写"),
            )
        )
    inp.name, inp.id_number, inp.phone = _text(cell("name")), _text(raw_id), _text(cell("phone"))
    inp.skills, inp.notes = _text(cell("skills")), _text(cell("notes"))
    inp.wage_expect = _text(cell("wage_expect"))

    district = _text(cell("district_code"))
    if district:
        code = find_district(district, province)
        if code is None:
            errors.append(ValidationError("district_code", translate("Import", "找不到区县“{v}”").format(v=district)))
        else:
            inp.district_code = code
    types_text = _text(cell("job_types"))
    for part in filter(None, _LIST_SPLIT.split(types_text)):
        code = find_job_type(part)
        if code is None:
            errors.append(ValidationError("job_types", translate("Import", "工种目录中没有“{v}”").format(v=part)))
        else:
            inp.job_types.append(code)

    unit_text = _text(cell("wage_unit"))
    if unit_text:
        unit = unit_key(unit_text)
        if unit is None:
            errors.append(
                ValidationError("wage_unit", translate("Import", "工资单位应为 元/小时、元/天、元/件 或 元/月"))
            )
        else:
            inp.wage_unit = unit
    elif inp.wage_expect:
        errors.append(ValidationError("wage_unit", translate("Import", "填写了期望工资，请同时填写工资单位")))

    for key, choices in (("groups", SPECIAL_GROUPS), ("avail_slots", TIME_SLOTS)):
        try:
            setattr(inp, key, _choice_keys(_text(cell(key)), choices, key))
        except ValidationError as e:
            errors.append(e)
    for key in ("avail_from", "avail_to"):
        try:
            setattr(inp, key, _date(cell(key), key))
        except ValidationError as e:
            errors.append(e)
    if "consent" in columns:
        try:
            answer = yes_no(cell("consent"), "consent")
            if answer is None:
                errors.append(ValidationError("consent", translate("Import", "请填写“是”或“否”")))
            inp.consent = bool(answer)
        except ValidationError as e:
            errors.append(e)
    return inp, errors


def row_problems(inp: SeekerInput, cell_errors: list[ValidationError], today: date | None) -> list[ValidationError]:
    """Every problem of a row, one per field: an unreadable cell before what the validator says."""
    problems = list(cell_errors)
    try:
        validate(inp, today=today)
    except FormInvalid as bad:
        problems.extend(bad.errors)
    return first_per_field(problems)


def import_seekers(
    service: SeekerService,
    path: Path,
    *,
    province: str = "52",
    progress: Callable[[int, int], None] | None = None,
    today: date | None = None,
) -> ImportReport:
    header, body = read_table(path)
    columns = map_columns(header)
    rows = list(body)
    report = ImportReport(total=len(rows))
    valid: list[tuple[str, CleanSeeker]] = []
    first_row_of: dict[str, int] = {}
    for done, (row_no, cells) in enumerate(rows, 1):
        inp, cell_errors = row_to_input(list(cells), columns, province)
        problems = row_problems(inp, cell_errors, today)
        if problems:
            report.errors.extend(RowError(row_no, e.field, e.message) for e in problems)
            continue
        clean, _notices = validate(inp, today=today)
        key = service.keys.id_key(clean.resident_id.number)
        if key in first_row_of:
            message = translate("Import", "与第{n}行的身份证号码重复").format(n=first_row_of[key])
            report.errors.append(RowError(row_no, "id_number", message))
            continue
        first_row_of[key] = row_no
        valid.append((key, clean))
        if progress and done % 200 == 0:
            progress(done, len(rows))

    with storage_guard(), service.db.write() as s:
        existing: dict[str, Seeker] = {}
        keys = [k for k, _ in valid]
        for i in range(0, len(keys), 500):
            for row in s.scalars(select(Seeker).where(Seeker.id_key.in_(keys[i : i + 500]))):
                existing[row.id_key] = row
        for key, clean in valid:
            known = existing.get(key)
            if known is None:
                row = Seeker(origin_station=service.clock.node)
                s.add(row)
                report.created += 1
            else:
                row = known
                report.updated += 1
            service.apply(row, clean)
    if progress:
        progress(len(rows), len(rows))
    return report


def write_template(path: Path) -> None:
    # ID numbers and phones as text, so Excel never rounds them.
    write_header_template(path, [HEADERS[k][0] for k in TEMPLATE_COLUMNS], "求职人员", text_columns=(2, 3))


def write_header_template(path: Path, headers: list[str], sheet_title: str, *, text_columns: tuple[int, ...]) -> None:
    """An empty table with these headers, as .xlsx (the 1-based `text_columns` formatted as text) or .csv."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from openpyxl import Workbook
        from openpyxl.utils import get_column_letter

        book = Workbook()
        sheet = book.active
        sheet.title = sheet_title
        sheet.append(headers)
        for i, _ in enumerate(headers, 1):
            sheet.cell(row=1, column=i).number_format = "@"
        for col in map(get_column_letter, text_columns):
            for r in range(2, 2001):
                sheet[f"{col}{r}"].number_format = "@"
        buf = io.BytesIO()
        book.save(buf)
        write_atomic(path, buf.getvalue())
    elif suffix == ".csv":
        out = io.StringIO()
        csv.writer(out).writerow(headers)
        write_atomic(path, out.getvalue().encode("utf-8-sig"))
    else:
        raise InputFileError(translate("Import", "模板只能保存为 .xlsx 或 .csv"))
