"""Job postings (招聘岗位): the fields of a public recruitment notice, the rules, and the lifecycle.

    draft ──submit──▶ pending ──approve (supervisor)──▶ open ──▶ filled / closed / expired
      ▲                  │
      └──return (supervisor)

A posting with text asking seekers for fees, deposits or their ID card is flagged and cannot be
approved until a supervisor clears the flags. Pay below the configured local minimum wage is
refused with the figure. Open postings expire after their end date or after a set number of days.
"""

from __future__ import annotations

import json
import logging
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import clock as wallclock
from app.errors import FormInvalid, NotAllowed, NotFoundError, ValidationError, storage_guard
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.reference import (
    POSTING_STATUSES,
    SETTLEMENTS,
    SEX_LIMITS,
    WAGE_UNITS,
    choice_keys,
    job_type_by_code,
    label_of,
    region_known,
)
from app.services.employers import Suspension
from app.supervisor import Supervisor
from app.sync.hlc import HybridLogicalClock
from app.validation.names import normalize_name
from app.validation.notice_terms import FlaggedTerm, scan
from app.validation.phone import mask_contact_phone, normalize_contact_phone
from db.base import utcnow
from db.models import Employer, Posting
from db.name_index import compact_name, match_expression, posting_search_text
from db.session import Database

log = logging.getLogger("linggong.postings")

MIN_HIRING_AGE = 16
MAX_TITLE, MAX_TEXT, MAX_SHORT = 30, 1000, 200
MAX_HEADCOUNT = 9999
MAX_DAILY_HOURS = 12
STANDARD_DAILY_HOURS = 8
PAY_CEILING = {"hour": 1000, "day": 5000, "piece": 10000, "month": 100000}
EDITABLE = ("draft", "pending", "open")
ENDED = ("filled", "closed", "expired")
# Fields of the public notice scanned for demands of fees, deposits or ID cards.
SCANNED_FIELDS = (
    "title", "duties", "requirements", "conditions", "benefits_note", "safety", "work_place", "work_time",
    "limit_reason",
)  # fmt: skip

POSTING_FIELD_LABELS = {
    "employer_id": QT_TRANSLATE_NOOP("Fields", "用人单位"),
    "title": QT_TRANSLATE_NOOP("Fields", "岗位名称"),
    "job_type": QT_TRANSLATE_NOOP("Fields", "工种"),
    "headcount": QT_TRANSLATE_NOOP("Fields", "招聘人数"),
    "duties": QT_TRANSLATE_NOOP("Fields", "工作内容"),
    "requirements": QT_TRANSLATE_NOOP("Fields", "任职要求"),
    "conditions": QT_TRANSLATE_NOOP("Fields", "录用条件"),
    "pay": QT_TRANSLATE_NOOP("Fields", "薪资"),
    "pay_unit": QT_TRANSLATE_NOOP("Fields", "薪资单位"),
    "settlement": QT_TRANSLATE_NOOP("Fields", "结算方式"),
    "benefits_note": QT_TRANSLATE_NOOP("Fields", "其他福利"),
    "safety": QT_TRANSLATE_NOOP("Fields", "劳动保护"),
    "work_place": QT_TRANSLATE_NOOP("Fields", "工作地点"),
    "district_code": QT_TRANSLATE_NOOP("Fields", "工作区县"),
    "start_date": QT_TRANSLATE_NOOP("Fields", "开始日期"),
    "end_date": QT_TRANSLATE_NOOP("Fields", "结束日期"),
    "daily_hours": QT_TRANSLATE_NOOP("Fields", "每日工时"),
    "work_time": QT_TRANSLATE_NOOP("Fields", "工作时间"),
    "contact_name": QT_TRANSLATE_NOOP("Fields", "联系人"),
    "contact_phone": QT_TRANSLATE_NOOP("Fields", "联系电话"),
    "age_min": QT_TRANSLATE_NOOP("Fields", "最低年龄"),
    "age_max": QT_TRANSLATE_NOOP("Fields", "最高年龄"),
    "sex_limit": QT_TRANSLATE_NOOP("Fields", "性别要求"),
    "limit_reason": QT_TRANSLATE_NOOP("Fields", "限制理由"),
    "source_channel": QT_TRANSLATE_NOOP("Fields", "信息来源"),
    "notes": QT_TRANSLATE_NOOP("Fields", "备注"),
    "meals": QT_TRANSLATE_NOOP("Fields", "包吃"),
    "lodging": QT_TRANSLATE_NOOP("Fields", "包住"),
    "transport": QT_TRANSLATE_NOOP("Fields", "交通"),
    "credit_code": QT_TRANSLATE_NOOP("Fields", "统一社会信用代码"),
    "employer_name": QT_TRANSLATE_NOOP("Fields", "单位名称"),
}


def posting_field_label(key: str) -> str:
    return translate("Fields", POSTING_FIELD_LABELS.get(key, key))


def yuan(cents: int) -> str:
    """1960 → '19.6', 15680 → '156.8', 18000 → '180'."""
    text = f"{Decimal(cents) / 100:.2f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass(frozen=True)
class WagePolicy:
    """The local minimum wage (最低工资标准) the station is configured with."""

    hour_cents: int
    month_cents: int

    def floor(self, unit: str, daily_hours: float) -> tuple[int, str] | None:
        """The lowest lawful pay for a unit in cents, with the sentence that explains it."""
        if unit == "hour":
            return self.hour_cents, translate("Postings", "每小时不低于{min}元").format(min=yuan(self.hour_cents))
        if unit == "day":
            cents = round(self.hour_cents * daily_hours)
            return cents, translate("Postings", "按每天{h}小时、每小时{hour}元计，日薪不低于{min}元").format(
                h=f"{daily_hours:g}", hour=yuan(self.hour_cents), min=yuan(cents)
            )
        if unit == "month":
            return self.month_cents, translate("Postings", "月薪不低于{min}元").format(min=yuan(self.month_cents))
        return None  # piece rates cannot be compared without a rate of output


@dataclass
class PostingInput:
    employer_id: str = ""
    title: str = ""
    job_type: str = ""
    headcount: str = ""
    duties: str = ""
    requirements: str = ""
    conditions: str = ""
    pay: str = ""
    pay_unit: str = "day"
    settlement: str = ""
    meals: bool = False
    transport: bool = False
    lodging: bool = False
    benefits_note: str = ""
    safety: str = ""
    work_place: str = ""
    district_code: str = ""
    start_date: date | None = None
    end_date: date | None = None
    daily_hours: str = "8"
    work_time: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    age_min: str = ""
    age_max: str = ""
    sex_limit: str = ""
    limit_reason: str = ""
    source_channel: str = ""
    notes: str = ""


@dataclass(frozen=True)
class CleanPosting:
    employer_id: str
    title: str
    job_type: str
    headcount: int
    duties: str
    requirements: str
    conditions: str
    pay_cents: int
    pay_unit: str
    settlement: str
    meals: bool
    transport: bool
    lodging: bool
    benefits_note: str
    safety: str
    work_place: str
    district_code: str
    start_date: date
    end_date: date
    daily_hours: float
    work_time: str
    contact_name: str
    contact_phone: str
    age_min: int | None
    age_max: int | None
    sex_limit: str
    limit_reason: str
    source_channel: str
    notes: str

    @property
    def has_limits(self) -> bool:
        return self.age_min is not None or self.age_max is not None or bool(self.sex_limit)


@dataclass(frozen=True)
class Checked:
    """A valid posting, with warnings to show beside fields and the banned terms it contains."""

    posting: CleanPosting
    warnings: dict[str, str] = field(default_factory=dict)
    flagged: tuple[FlaggedTerm, ...] = ()


def _text(value: str) -> str:
    return unicodedata.normalize("NFKC", value or "").strip()


def _number(text: str, field_name: str, message: str) -> Decimal | None:
    raw = _text(text).replace("¥", "").replace("元", "").replace(",", "").replace("小时", "").replace("人", "")
    if not raw:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValidationError(field_name, message) from None
    if not value.is_finite():
        raise ValidationError(field_name, message)
    return value


def validate_posting(inp: PostingInput, policy: WagePolicy, *, today: date | None = None) -> Checked:
    """Check every field; raise FormInvalid with each problem, or return the clean posting."""
    today = today or wallclock.today()
    errors: list[ValidationError] = []
    warnings: dict[str, str] = {}

    def err(field_name: str, message: str) -> None:
        errors.append(ValidationError(field_name, message))

    def attempt(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return fn(*args, **kwargs)
        except ValidationError as e:
            errors.append(e)
            return None

    if not inp.employer_id:
        err("employer_id", translate("Validation", "请先选择用人单位"))
    title = " ".join(_text(inp.title).split())
    if not title:
        err("title", translate("Validation", "请输入岗位名称"))
    elif len(title) > MAX_TITLE:
        err("title", translate("Validation", "岗位名称最多{n}个字").format(n=MAX_TITLE))
    if not inp.job_type:
        err("job_type", translate("Validation", "请选择工种"))
    elif inp.job_type not in job_type_by_code():
        err("job_type", translate("Validation", "工种“{c}”不在工种目录中").format(c=inp.job_type))

    headcount = 0
    count = attempt(_number, inp.headcount, "headcount", translate("Validation", "招聘人数应为整数，例如 5"))
    if count is None:
        if not any(e.field == "headcount" for e in errors):
            err("headcount", translate("Validation", "请输入招聘人数"))
    elif count != count.to_integral_value() or not 1 <= count <= MAX_HEADCOUNT:
        err("headcount", translate("Validation", "招聘人数应为1至{n}的整数").format(n=MAX_HEADCOUNT))
    else:
        headcount = int(count)

    texts = {k: _text(getattr(inp, k)) for k in ("duties", "requirements", "conditions", "safety", "notes")}
    if not texts["duties"]:
        err("duties", translate("Validation", "请写明工作内容"))
    for key, value in texts.items():
        if len(value) > MAX_TEXT:
            err(key, translate("Validation", "最多{n}个字").format(n=MAX_TEXT))
    benefits_note = _text(inp.benefits_note)
    if len(benefits_note) > MAX_SHORT:
        err("benefits_note", translate("Validation", "最多{n}个字").format(n=MAX_SHORT))

    hours = 0.0
    raw_hours = attempt(_number, inp.daily_hours, "daily_hours", translate("Validation", "每日工时应为数字，例如 8"))
    if raw_hours is None:
        if not any(e.field == "daily_hours" for e in errors):
            err("daily_hours", translate("Validation", "请输入每日工时"))
    elif not Decimal("0.5") <= raw_hours <= MAX_DAILY_HOURS:
        err("daily_hours", translate("Validation", "每日工时应在0.5至{n}小时之间").format(n=MAX_DAILY_HOURS))
    else:
        hours = float(raw_hours)
        if hours > STANDARD_DAILY_HOURS:
            warnings["daily_hours"] = translate(
                "Validation", "每日工作超过{n}小时，须依法安排延长工作时间并支付加班工资"
            ).format(n=STANDARD_DAILY_HOURS)

    unit = inp.pay_unit
    pay_cents = 0
    if unit not in choice_keys(WAGE_UNITS):
        err("pay_unit", translate("Validation", "薪资单位应为小时、天、件或月"))
    pay = attempt(_number, inp.pay, "pay", translate("Validation", "薪资应为数字，例如 180"))
    if pay is None:
        if not any(e.field == "pay" for e in errors):
            err("pay", translate("Validation", "请输入薪资"))
    elif pay <= 0:
        err("pay", translate("Validation", "薪资应大于0"))
    elif unit in PAY_CEILING and pay > PAY_CEILING[unit]:
        err(
            "pay",
            translate("Validation", "薪资{v}过高（上限{max}），请核对金额和单位").format(v=pay, max=PAY_CEILING[unit]),
        )
    else:
        pay_cents = int((pay * 100).quantize(Decimal(1)))
        floor = policy.floor(unit, hours or STANDARD_DAILY_HOURS)
        if floor is not None and pay_cents < floor[0]:
            err(
                "pay",
                translate("Validation", "低于本地最低工资标准：{rule}").format(rule=floor[1]),
            )
        elif unit == "piece":
            warnings["pay"] = translate(
                "Validation", "计件工资无法自动核对最低工资，请确认正常工时内折算不低于每小时{min}元"
            ).format(min=yuan(policy.hour_cents))
    if not inp.settlement:
        err("settlement", translate("Validation", "请选择结算方式"))
    elif inp.settlement not in choice_keys(SETTLEMENTS):
        err("settlement", translate("Validation", "结算方式应为日结、周结、月结或完工结"))

    work_place = " ".join(_text(inp.work_place).split())
    if not work_place:
        err("work_place", translate("Validation", "请输入工作地点"))
    elif len(work_place) > MAX_SHORT:
        err("work_place", translate("Validation", "最多{n}个字").format(n=MAX_SHORT))
    district = inp.district_code.strip()
    if not district:
        err("district_code", translate("Validation", "请选择工作区县"))
    elif not region_known(district):
        err("district_code", translate("Validation", "区县代码{c}不存在").format(c=district))

    if inp.start_date is None:
        err("start_date", translate("Validation", "请输入开始日期"))
    if inp.end_date is None:
        err("end_date", translate("Validation", "请输入结束日期"))
    elif inp.start_date is not None and inp.end_date < inp.start_date:
        err("end_date", translate("Validation", "结束日期不能早于开始日期"))
    elif inp.end_date < today:
        err("end_date", translate("Validation", "结束日期已经过去"))

    contact = attempt(normalize_name, inp.contact_name, field="contact_name")
    phone = attempt(normalize_contact_phone, inp.contact_phone, field="contact_phone")

    age_min = age_max = None
    for key in ("age_min", "age_max"):
        value = attempt(_number, getattr(inp, key), key, translate("Validation", "年龄应为整数"))
        if value is None:
            continue
        if value != value.to_integral_value() or not MIN_HIRING_AGE <= value <= 100:
            err(
                key,
                translate("Validation", "不得招用未满{n}周岁的人员；年龄应为{n}至100的整数").format(n=MIN_HIRING_AGE),
            )
            continue
        if key == "age_min":
            age_min = int(value)
        else:
            age_max = int(value)
    if age_min is not None and age_max is not None and age_min > age_max:
        err("age_max", translate("Validation", "最高年龄不能小于最低年龄"))
    if inp.sex_limit not in choice_keys(SEX_LIMITS):
        err("sex_limit", translate("Validation", "性别要求无效"))
    limit_reason = _text(inp.limit_reason)
    if (age_min is not None or age_max is not None or inp.sex_limit) and not limit_reason:
        warnings["limit_reason"] = translate(
            "Validation", "设置了年龄或性别限制，请写明岗位确需限制的理由，否则不能提交审核"
        )
    source = _text(inp.source_channel)
    if len(source) > 40:
        err("source_channel", translate("Validation", "最多{n}个字").format(n=40))

    work_time = _text(inp.work_time)
    if len(work_time) > 60:
        err("work_time", translate("Validation", "最多{n}个字").format(n=60))
    flagged = scan(
        {"title": title, "duties": texts["duties"], "requirements": texts["requirements"]}
        | {"conditions": texts["conditions"], "benefits_note": benefits_note, "safety": texts["safety"]}
        | {"work_place": work_place, "work_time": work_time, "limit_reason": limit_reason}
    )
    for key in SCANNED_FIELDS:
        terms = [f.describe() for f in flagged if f.field == key]
        if terms:
            warnings[key] = translate("Validation", "含有{terms}，须经主管审核放行").format(terms="、".join(terms))

    if errors:
        raise FormInvalid(errors)
    assert inp.start_date is not None and inp.end_date is not None and contact is not None and phone is not None
    clean = CleanPosting(
        employer_id=inp.employer_id,
        title=title,
        job_type=inp.job_type,
        headcount=headcount,
        duties=texts["duties"],
        requirements=texts["requirements"],
        conditions=texts["conditions"],
        pay_cents=pay_cents,
        pay_unit=unit,
        settlement=inp.settlement,
        meals=inp.meals,
        transport=inp.transport,
        lodging=inp.lodging,
        benefits_note=benefits_note,
        safety=texts["safety"],
        work_place=work_place,
        district_code=district,
        start_date=inp.start_date,
        end_date=inp.end_date,
        daily_hours=hours,
        work_time=work_time,
        contact_name=contact,
        contact_phone=phone,
        age_min=age_min,
        age_max=age_max,
        sex_limit=inp.sex_limit,
        limit_reason=limit_reason,
        source_channel=source,
        notes=texts["notes"],
    )
    return Checked(clean, warnings, tuple(flagged))


def status_label(status: str) -> str:
    return label_of(POSTING_STATUSES, status)


@dataclass(frozen=True)
class PostingSaveResult:
    posting_id: str
    code: str
    created: bool
    status: str
    warnings: dict[str, str]
    notices: tuple[str, ...] = ()


@dataclass(frozen=True)
class PostingDetail:
    id: str
    code: str
    employer_id: str
    employer_name: str
    employer_short_name: str
    employer_suspension: Suspension | None
    title: str
    job_type: str
    headcount: int
    duties: str
    requirements: str
    conditions: str
    pay_cents: int
    pay_unit: str
    settlement: str
    meals: bool
    transport: bool
    lodging: bool
    benefits_note: str
    safety: str
    work_place: str
    district_code: str
    start_date: date
    end_date: date
    daily_hours: float
    work_time: str
    contact_name: str
    contact_phone: str
    age_min: int | None
    age_max: int | None
    sex_limit: str
    limit_reason: str
    flagged_terms: list[str]
    flags_cleared_by: str
    flags_cleared_at: datetime | None
    status: str
    submitted_at: datetime | None
    reviewed_by: str
    reviewed_at: datetime | None
    review_note: str
    opened_at: datetime | None
    expires_on: date | None
    ended_at: datetime | None
    end_reason: str
    source_channel: str
    notes: str
    created_at: datetime
    updated_at: datetime

    @property
    def flags_outstanding(self) -> bool:
        return bool(self.flagged_terms) and not self.flags_cleared_by

    def as_input(self) -> PostingInput:
        return PostingInput(
            employer_id=self.employer_id,
            title=self.title,
            job_type=self.job_type,
            headcount=str(self.headcount),
            duties=self.duties,
            requirements=self.requirements,
            conditions=self.conditions,
            pay=yuan(self.pay_cents),
            pay_unit=self.pay_unit,
            settlement=self.settlement,
            meals=self.meals,
            transport=self.transport,
            lodging=self.lodging,
            benefits_note=self.benefits_note,
            safety=self.safety,
            work_place=self.work_place,
            district_code=self.district_code,
            start_date=self.start_date,
            end_date=self.end_date,
            daily_hours=f"{self.daily_hours:g}",
            work_time=self.work_time,
            contact_name=self.contact_name,
            contact_phone=self.contact_phone,
            age_min="" if self.age_min is None else str(self.age_min),
            age_max="" if self.age_max is None else str(self.age_max),
            sex_limit=self.sex_limit,
            limit_reason=self.limit_reason,
            source_channel=self.source_channel,
            notes=self.notes,
        )


@dataclass(frozen=True)
class PostingFilter:
    status: str = ""
    job_type: str = ""
    district_code: str = ""
    pay_unit: str = ""
    work_on: date | None = None  # postings whose work period includes this day
    text: str = ""
    employer_id: str = ""
    limit: int = 500


@dataclass(frozen=True)
class PostingRow:
    """One line of the posting list. The contact phone is masked; no personal data of seekers."""

    id: str
    code: str
    title: str
    job_type: str
    headcount: int
    pay_cents: int
    pay_unit: str
    settlement: str
    district_code: str
    start_date: date
    end_date: date
    status: str
    flagged: bool
    source_channel: str
    employer_name: str
    employer_short_name: str
    contact_phone_masked: str
    updated_at: str


def search_text(code: str, title: str, employer: Employer, work_place: str) -> str:
    return posting_search_text(code, title, employer.short_name, employer.name, work_place)


class PostingService:
    def __init__(self, db: Database, clock: HybridLogicalClock, policy: WagePolicy, *, open_days: int = 30) -> None:
        self.db = db
        self.clock = clock
        self.policy = policy
        self.open_days = open_days

    # ---- writing ---------------------------------------------------------------------------
    def _employer(self, s: Session, employer_id: str) -> Employer:
        employer = s.scalar(select(Employer).where(Employer.id == employer_id, Employer.deleted.is_(False)))
        if employer is None:
            raise FormInvalid([ValidationError("employer_id", translate("Validation", "找不到该用人单位"))])
        if employer.suspended:
            suspension = Suspension(
                employer.suspension_reason, employer.suspension_note, employer.suspended_on, employer.suspended_by
            )
            raise NotAllowed(
                translate("Postings", "{name}{why}，不能发布岗位").format(name=employer.name, why=suspension.describe())
            )
        return employer

    def _next_code(self, s: Session, day: date) -> str:
        prefix = f"{self.clock.node}-P{day:%Y%m%d}-"
        last = s.scalar(select(func.max(Posting.code)).where(Posting.code.like(prefix + "%")))
        n = int(last.rsplit("-", 1)[1]) + 1 if last else 1
        return f"{prefix}{n:04d}"

    def apply(self, s: Session, row: Posting, checked: Checked, employer: Employer) -> None:
        c = checked.posting
        terms = sorted({f.term for f in checked.flagged})
        reworded = any(getattr(row, name, None) != getattr(c, name) for name in SCANNED_FIELDS)
        if terms != sorted(row.flagged_terms or []) or (terms and reworded):
            # A clearance is for the wording the supervisor read: any change to it needs a new one.
            row.flagged_terms = terms
            row.flags_cleared_by, row.flags_cleared_at = "", None
        for name in (
            "employer_id", "title", "job_type", "headcount", "duties", "requirements", "conditions",
            "pay_cents", "pay_unit", "settlement", "meals", "transport", "lodging", "benefits_note", "safety",
            "work_place", "district_code", "start_date", "end_date", "daily_hours", "work_time",
            "contact_name", "contact_phone", "age_min", "age_max", "sex_limit", "limit_reason",
            "notes",
        ):  # fmt: skip
            setattr(row, name, getattr(c, name))
        if c.source_channel or not row.source_channel:
            row.source_channel = c.source_channel
        row.search_text = search_text(row.code, c.title, employer, c.work_place)
        row.hlc = self.clock.now()

    def save(self, inp: PostingInput, *, posting_id: str | None = None, today: date | None = None) -> PostingSaveResult:
        """Create a draft or update a posting. An open posting that is edited goes back to review."""
        today = today or wallclock.today()
        checked = validate_posting(inp, self.policy, today=today)
        notices: list[str] = []
        with storage_guard(), self.db.write() as s:
            employer = self._employer(s, checked.posting.employer_id)
            if posting_id is None:
                row = Posting(origin_station=self.clock.node, status="draft", code=self._next_code(s, today))
                row.flagged_terms = []
                s.add(row)
            else:
                row = self._load(s, posting_id, change=True)
                if row.status not in EDITABLE:
                    raise NotAllowed(
                        translate("Postings", "{status}的岗位不能修改；如需再招，请新建岗位").format(
                            status=status_label(row.status)
                        )
                    )
                if row.status == "open":
                    row.status, row.submitted_at = "pending", utcnow()
                    row.opened_at, row.expires_on = None, None
                    notices.append(translate("Postings", "已招聘中的岗位修改后需重新审核"))
            self.apply(s, row, checked, employer)
            s.flush()
            result = PostingSaveResult(
                row.id, row.code, posting_id is None, row.status, checked.warnings, tuple(notices)
            )
        log.info("posting %s %s", result.code, "created" if result.created else "updated")
        return result

    def _load(self, s: Session, posting_id: str, *, change: bool = False) -> Posting:
        row = s.scalar(select(Posting).where(Posting.id == posting_id))
        if row is None:
            raise NotFoundError(posting_id)
        if change and row.origin_station and row.origin_station != self.clock.node:
            # The server takes a posting's changes only from the station that released it.
            raise NotAllowed(
                translate("Postings", "岗位{code}由站点{station}发布，只能由该站修改或结束").format(
                    code=row.code, station=row.origin_station
                )
            )
        return row

    def _require(self, row: Posting, *statuses: str) -> None:
        if row.status not in statuses:
            raise NotAllowed(
                translate("Postings", "岗位{code}当前为“{status}”，不能进行此操作").format(
                    code=row.code, status=status_label(row.status)
                )
            )

    def _detail_input(self, row: Posting) -> PostingInput:
        return self._to_detail(row, row_employer=None).as_input()

    @staticmethod
    def _require_limit_reason(checked: Checked) -> None:
        if checked.posting.has_limits and not checked.posting.limit_reason:
            raise FormInvalid([ValidationError("limit_reason", checked.warnings["limit_reason"])])

    def submit(self, posting_id: str, *, today: date | None = None) -> None:
        """draft → pending. The posting must be complete, lawful and with a reason for any limit."""
        today = today or wallclock.today()
        with storage_guard(), self.db.write() as s:
            row = self._load(s, posting_id, change=True)
            self._require(row, "draft")
            self._employer(s, row.employer_id)
            checked = validate_posting(self._detail_input(row), self.policy, today=today)
            self._require_limit_reason(checked)
            row.status, row.submitted_at = "pending", utcnow()
            row.hlc = self.clock.now()
        log.info("posting %s submitted for review", posting_id)

    def approve(self, posting_id: str, by: Supervisor, *, today: date | None = None) -> date:
        """pending → open, by a supervisor; returns the day it will expire."""
        today = today or wallclock.today()
        with storage_guard(), self.db.write() as s:
            row = self._load(s, posting_id, change=True)
            self._require(row, "pending")
            self._employer(s, row.employer_id)
            if row.flagged_terms and not row.flags_cleared_by:
                raise NotAllowed(
                    translate("Postings", "岗位含有“{terms}”等须核实的内容，请先核实并放行后再发布").format(
                        terms="、".join(row.flagged_terms)
                    )
                )
            checked = validate_posting(self._detail_input(row), self.policy, today=today)  # the floor may rise
            self._require_limit_reason(checked)
            row.status = "open"
            row.reviewed_by, row.reviewed_at, row.review_note = by.name, utcnow(), ""
            row.opened_at = utcnow()
            row.expires_on = min(row.end_date, today + timedelta(days=self.open_days))
            row.hlc = self.clock.now()
            expires = row.expires_on
        log.info("posting %s opened", posting_id)
        return expires

    def return_to_draft(self, posting_id: str, by: Supervisor, note: str) -> None:
        """pending → draft with the reviewer's note, for the clerk to correct."""
        note = note.strip()
        if not note:
            raise FormInvalid([ValidationError("review_note", translate("Validation", "请写明退回原因"))])
        with storage_guard(), self.db.write() as s:
            row = self._load(s, posting_id, change=True)
            self._require(row, "pending")
            row.status = "draft"
            row.reviewed_by, row.reviewed_at, row.review_note = by.name, utcnow(), note[:MAX_SHORT]
            row.hlc = self.clock.now()
        log.info("posting %s returned to draft", posting_id)

    def clear_flags(self, posting_id: str, by: Supervisor) -> None:
        """A supervisor has checked the flagged wording (e.g. 押金 is for a tool the employer lends)."""
        with storage_guard(), self.db.write() as s:
            row = self._load(s, posting_id, change=True)
            if not row.flagged_terms:
                raise NotAllowed(translate("Postings", "该岗位没有须核实的内容"))
            row.flags_cleared_by, row.flags_cleared_at = by.name, utcnow()
            row.hlc = self.clock.now()
        log.info("posting %s: flagged terms cleared", posting_id)

    def _end(self, posting_id: str, status: str, reason: str, allowed: Iterable[str]) -> None:
        with storage_guard(), self.db.write() as s:
            row = self._load(s, posting_id, change=True)
            self._require(row, *allowed)
            row.status, row.ended_at, row.end_reason = status, utcnow(), reason.strip()[:MAX_SHORT]
            row.hlc = self.clock.now()
        log.info("posting %s → %s", posting_id, status)

    def mark_filled(self, posting_id: str) -> None:
        self._end(posting_id, "filled", "", ("open",))

    def close(self, posting_id: str, reason: str) -> None:
        if not reason.strip():
            raise FormInvalid([ValidationError("end_reason", translate("Validation", "请写明关闭原因"))])
        self._end(posting_id, "closed", reason, ("draft", "pending", "open"))

    def expire_due(self, today: date | None = None) -> int:
        """Open postings past their expiry day, and drafts or pending ones past their end date, become
        expired (a pending posting whose work is over can no longer be approved); returns how many."""
        today = today or wallclock.today()
        n = 0
        with storage_guard(), self.db.write() as s:
            for condition in (
                (Posting.status == "open") & (Posting.expires_on < today),
                Posting.status.in_(("draft", "pending")) & (Posting.end_date < today),
            ):
                # Row by row, not one UPDATE: each change must reach the outbox (app/sync/outbox.py).
                # Only this station's own: another station's posting expires there and comes by pull.
                mine = Posting.origin_station.in_((self.clock.node, ""))
                for row in s.scalars(select(Posting).where(condition, mine)):
                    row.status, row.ended_at = "expired", utcnow()
                    row.hlc = self.clock.now()
                    n += 1
        if n:
            log.info("%d postings expired", n)
        return n

    # ---- reading ---------------------------------------------------------------------------
    def _to_detail(self, row: Posting, row_employer: Employer | None) -> PostingDetail:
        e = row_employer
        suspension = None
        if e is not None and e.suspended:
            suspension = Suspension(e.suspension_reason, e.suspension_note, e.suspended_on, e.suspended_by)
        return PostingDetail(
            id=row.id,
            code=row.code,
            employer_id=row.employer_id,
            employer_name=e.name if e else "",
            employer_short_name=e.short_name if e else "",
            employer_suspension=suspension,
            title=row.title,
            job_type=row.job_type,
            headcount=row.headcount,
            duties=row.duties,
            requirements=row.requirements,
            conditions=row.conditions,
            pay_cents=row.pay_cents,
            pay_unit=row.pay_unit,
            settlement=row.settlement,
            meals=row.meals,
            transport=row.transport,
            lodging=row.lodging,
            benefits_note=row.benefits_note,
            safety=row.safety,
            work_place=row.work_place,
            district_code=row.district_code,
            start_date=row.start_date,
            end_date=row.end_date,
            daily_hours=row.daily_hours,
            work_time=row.work_time,
            contact_name=row.contact_name,
            contact_phone=row.contact_phone,
            age_min=row.age_min,
            age_max=row.age_max,
            sex_limit=row.sex_limit,
            limit_reason=row.limit_reason,
            flagged_terms=list(row.flagged_terms or []),
            flags_cleared_by=row.flags_cleared_by,
            flags_cleared_at=row.flags_cleared_at,
            status=row.status,
            submitted_at=row.submitted_at,
            reviewed_by=row.reviewed_by,
            reviewed_at=row.reviewed_at,
            review_note=row.review_note,
            opened_at=row.opened_at,
            expires_on=row.expires_on,
            ended_at=row.ended_at,
            end_reason=row.end_reason,
            source_channel=row.source_channel,
            notes=row.notes,
            created_at=row.created_at,
            updated_at=row.updated_at,
        )

    def get(self, posting_id: str) -> PostingDetail:
        with storage_guard(), self.db.read() as s:
            row = self._load(s, posting_id)
            employer = s.scalar(select(Employer).where(Employer.id == row.employer_id))
            return self._to_detail(row, employer)

    def warnings_for(self, detail: PostingDetail, *, today: date | None = None) -> dict[str, str]:
        """The warnings to show beside the fields of a saved posting (as saving it again would give)."""
        try:
            return validate_posting(detail.as_input(), self.policy, today=today).warnings
        except FormInvalid:
            return {}  # e.g. the end date has passed since: nothing to warn about that matters now

    def count(self, status: str = "") -> int:
        q = select(func.count()).select_from(Posting).where(Posting.deleted.is_(False))
        if status:
            q = q.where(Posting.status == status)
        with storage_guard(), self.db.read() as s:
            return s.scalar(q) or 0


class PostingQuery:
    """The filtered posting list, as hand-written SQL on a DBAPI connection kept for one thread.

    Like the seeker search this is a hot read (each filter change re-runs it), so it avoids ORM
    overhead; every filter is served by an index, and text goes through the bigram index.
    """

    COLUMNS = (
        "p.id, p.code, p.title, p.job_type, p.headcount, p.pay_cents, p.pay_unit, p.settlement, p.district_code,"
        " p.start_date, p.end_date, p.status, p.flagged_terms, p.flags_cleared_by, p.source_channel,"
        " e.name, e.short_name, p.contact_phone, p.updated_at"
    )

    def __init__(self, db: Database) -> None:
        self.db = db
        self._conn: Any = None

    def statement(self, f: PostingFilter) -> tuple[str, list[Any]]:
        where = ["p.deleted = 0"]
        params: list[Any] = []
        for column, value in (
            ("p.status", f.status),
            ("p.job_type", f.job_type),
            ("p.district_code", f.district_code),
            ("p.pay_unit", f.pay_unit),
            ("p.employer_id", f.employer_id),
        ):
            if value:
                where.append(f"{column} = ?")
                params.append(value)
        if f.work_on is not None:
            where.append("p.start_date <= ? AND p.end_date >= ?")
            params += [f.work_on.isoformat(), f.work_on.isoformat()]
        text = compact_name(f.text).casefold()
        if len(text) >= 2:
            where.append("p.pk IN (SELECT rowid FROM posting_text_fts WHERE posting_text_fts MATCH ?)")
            params.append(match_expression(text))
        if text:
            where.append("instr(p.search_text, ?) > 0")
            params.append(text)
        sql = (
            f"SELECT {self.COLUMNS} FROM postings p JOIN employers e ON e.id = p.employer_id"
            f" WHERE {' AND '.join(where)} ORDER BY p.pk DESC LIMIT ?"
        )
        return sql, [*params, f.limit]

    def run(self, f: PostingFilter) -> list[PostingRow]:
        sql, params = self.statement(f)
        with storage_guard():
            if self._conn is None:
                self._conn = self.db.raw_reader()
            rows = self._conn.execute(sql, params).fetchall()
        return [
            PostingRow(
                id=r[0],
                code=r[1],
                title=r[2],
                job_type=r[3],
                headcount=r[4],
                pay_cents=r[5],
                pay_unit=r[6],
                settlement=r[7],
                district_code=r[8],
                start_date=date.fromisoformat(r[9]),
                end_date=date.fromisoformat(r[10]),
                status=r[11],
                flagged=bool(json.loads(r[12] or "[]")) and not r[13],
                source_channel=r[14],
                employer_name=r[15],
                employer_short_name=r[16],
                contact_phone_masked=mask_contact_phone(r[17]),
                updated_at=str(r[18]),
            )
            for r in rows
        ]

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
