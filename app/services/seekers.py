"""Registering, updating and reading job seekers (求职登记)."""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app import clock as wallclock
from app.errors import ConflictError, FormInvalid, NotFoundError, ValidationError, storage_guard
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.keys import KeyRing
from app.pinyin import name_initials
from app.reference import SPECIAL_GROUPS, TIME_SLOTS, WAGE_UNITS, choice_keys, job_type_by_code, region_known
from app.sync.hlc import HybridLogicalClock
from app.validation.names import normalize_name
from app.validation.phone import mask_phone, normalize_mobile
from app.validation.resident_id import ResidentId, normalize_id, parse_resident_id
from db.base import utcnow
from db.models import Seeker
from db.session import Database

log = logging.getLogger("linggong.seekers")

MIN_WORKING_AGE = 16
MAX_SKILLS, MAX_NOTES = 200, 500
# Upper bounds that catch a slipped key (2000 元/小时), not real negotiation.
WAGE_CEILING = {"hour": 1000, "day": 5000, "piece": 10000, "month": 100000}

FIELD_LABELS = {
    "name": QT_TRANSLATE_NOOP("Fields", "姓名"),
    "id_number": QT_TRANSLATE_NOOP("Fields", "身份证号码"),
    "phone": QT_TRANSLATE_NOOP("Fields", "手机号码"),
    "district_code": QT_TRANSLATE_NOOP("Fields", "现居区县"),
    "job_types": QT_TRANSLATE_NOOP("Fields", "求职工种"),
    "skills": QT_TRANSLATE_NOOP("Fields", "技能证书"),
    "avail_from": QT_TRANSLATE_NOOP("Fields", "可工作开始日期"),
    "avail_to": QT_TRANSLATE_NOOP("Fields", "可工作截止日期"),
    "avail_slots": QT_TRANSLATE_NOOP("Fields", "可工作时段"),
    "wage_expect": QT_TRANSLATE_NOOP("Fields", "期望工资"),
    "wage_unit": QT_TRANSLATE_NOOP("Fields", "工资单位"),
    "groups": QT_TRANSLATE_NOOP("Fields", "人员类别"),
    "consent": QT_TRANSLATE_NOOP("Fields", "同意授权"),
    "notes": QT_TRANSLATE_NOOP("Fields", "备注"),
}


def field_label(key: str) -> str:
    return translate("Fields", FIELD_LABELS.get(key, key))


@dataclass
class SeekerInput:
    """What a clerk typed (or an import row held), before validation."""

    name: str = ""
    id_number: str = ""
    phone: str = ""
    district_code: str = ""
    job_types: list[str] = field(default_factory=list)
    skills: str = ""
    avail_from: date | None = None
    avail_to: date | None = None
    avail_slots: list[str] = field(default_factory=list)
    wage_expect: str = ""
    wage_unit: str = "day"
    groups: list[str] = field(default_factory=list)
    consent: bool = False
    notes: str = ""


@dataclass(frozen=True)
class CleanSeeker:
    name: str
    resident_id: ResidentId
    phone: str
    district_code: str
    job_types: list[str]
    skills: str
    avail_from: date | None
    avail_to: date | None
    avail_slots: list[str]
    wage_expect_cents: int | None
    wage_unit: str
    groups: list[str]
    consent: bool
    notes: str


def parse_wage(text: str, unit: str, *, field_name: str = "wage_expect") -> int | None:
    """'180', '¥22.5', '２００' → cents; '' → None."""
    raw = unicodedata.normalize("NFKC", str(text)).strip().replace("¥", "").replace("元", "").replace(",", "")
    if not raw:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise ValidationError(field_name, translate("Validation", "期望工资应为数字，例如 180")) from None
    if not value.is_finite() or value <= 0:
        raise ValidationError(field_name, translate("Validation", "期望工资应大于0"))
    ceiling = WAGE_CEILING.get(unit, 100000)
    if value > ceiling:
        raise ValidationError(
            field_name,
            translate("Validation", "期望工资{v}过高（上限{max}），请核对金额和单位").format(v=value, max=ceiling),
        )
    return int((value * 100).quantize(Decimal(1)))


def validate(inp: SeekerInput, *, today: date | None = None) -> tuple[CleanSeeker, list[str]]:
    """Check every field; raise FormInvalid listing each problem, or return the clean record and notices."""
    today = today or wallclock.today()
    errors: list[ValidationError] = []
    notices: list[str] = []

    def attempt(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return fn(*args, **kwargs)
        except ValidationError as e:
            errors.append(e)
            return None

    name = attempt(normalize_name, inp.name)
    rid: ResidentId | None = attempt(parse_resident_id, inp.id_number, today=today)
    if rid is not None:
        notices.extend(rid.notices)
        age = rid.age_on(today)
        if age < MIN_WORKING_AGE:
            errors.append(
                ValidationError(
                    "id_number",
                    translate("Validation", "未满{n}周岁（现{age}岁），不能登记求职").format(
                        n=MIN_WORKING_AGE, age=age
                    ),
                )
            )
    phone = attempt(normalize_mobile, inp.phone)

    district = inp.district_code.strip()
    if not district:
        errors.append(ValidationError("district_code", translate("Validation", "请选择现居区县")))
    elif not region_known(district):
        errors.append(ValidationError("district_code", translate("Validation", "区县代码{c}不存在").format(c=district)))

    known_types = job_type_by_code()
    job_types = list(dict.fromkeys(inp.job_types))
    if not job_types:
        errors.append(ValidationError("job_types", translate("Validation", "请至少选择一个求职工种")))
    for code in job_types:
        if code not in known_types:
            errors.append(
                ValidationError("job_types", translate("Validation", "工种“{c}”不在工种目录中").format(c=code))
            )

    if inp.avail_from and inp.avail_to and inp.avail_from > inp.avail_to:
        errors.append(ValidationError("avail_to", translate("Validation", "截止日期不能早于开始日期")))
    if inp.avail_to and inp.avail_to < today:
        errors.append(ValidationError("avail_to", translate("Validation", "可工作截止日期已经过去")))
    slots = list(dict.fromkeys(inp.avail_slots))
    if set(slots) - choice_keys(TIME_SLOTS):
        errors.append(ValidationError("avail_slots", translate("Validation", "可工作时段无效")))

    unit = inp.wage_unit or "day"
    if unit not in choice_keys(WAGE_UNITS):
        errors.append(ValidationError("wage_unit", translate("Validation", "工资单位应为小时、天、件或月")))
    wage = attempt(parse_wage, inp.wage_expect, unit)

    groups = list(dict.fromkeys(inp.groups))
    if set(groups) - choice_keys(SPECIAL_GROUPS):
        errors.append(ValidationError("groups", translate("Validation", "人员类别无效")))
    if not inp.consent:
        errors.append(ValidationError("consent", translate("Validation", "须经本人同意授权使用个人信息后方可登记")))
    skills, notes = inp.skills.strip(), inp.notes.strip()
    if len(skills) > MAX_SKILLS:
        errors.append(ValidationError("skills", translate("Validation", "最多{n}个字").format(n=MAX_SKILLS)))
    if len(notes) > MAX_NOTES:
        errors.append(ValidationError("notes", translate("Validation", "最多{n}个字").format(n=MAX_NOTES)))

    if errors:
        raise FormInvalid(errors)
    assert name is not None and rid is not None and phone is not None
    clean = CleanSeeker(
        name=name,
        resident_id=rid,
        phone=phone,
        district_code=district,
        job_types=job_types,
        skills=skills,
        avail_from=inp.avail_from,
        avail_to=inp.avail_to,
        avail_slots=slots,
        wage_expect_cents=wage,
        wage_unit=unit,
        groups=groups,
        consent=True,
        notes=notes,
    )
    return clean, notices


@dataclass(frozen=True)
class SaveResult:
    seeker_id: str
    created: bool
    notices: tuple[str, ...] = ()


@dataclass(frozen=True)
class SeekerDetail:
    """A whole record as its own form shows it: phone in full, ID masked unless revealed."""

    id: str
    name: str
    id_masked: str
    sex: str
    birth_date: date  # the 1st of the birth month: the day is not kept
    phone: str
    district_code: str
    job_types: list[str]
    skills: str
    avail_from: date | None
    avail_to: date | None
    avail_slots: list[str]
    wage_expect_cents: int | None
    wage_unit: str
    groups: list[str]
    consent: bool
    notes: str
    created_at: datetime
    updated_at: datetime

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)


class SeekerService:
    def __init__(self, db: Database, keys: KeyRing, clock: HybridLogicalClock) -> None:
        self.db = db
        self.keys = keys
        self.clock = clock

    def apply(self, row: Seeker, clean: CleanSeeker) -> None:
        rid = clean.resident_id
        row.name = clean.name
        row.name_initials = name_initials(clean.name)
        row.id_key = self.keys.id_key(rid.number)
        row.id_cipher = self.keys.encrypt(rid.number)
        row.id_masked = rid.masked
        row.sex = rid.sex
        row.birth_date = rid.birth_month  # the year and month only: the day would narrow the ID down
        row.phone = clean.phone
        row.phone_last4 = clean.phone[-4:]
        row.district_code = clean.district_code
        row.job_types = clean.job_types
        row.skills = clean.skills
        row.avail_from, row.avail_to = clean.avail_from, clean.avail_to
        row.avail_slots = clean.avail_slots
        row.wage_expect_cents, row.wage_unit = clean.wage_expect_cents, clean.wage_unit
        row.groups = clean.groups
        if not row.consent:
            row.consent_at = utcnow()
        row.consent = clean.consent
        row.notes = clean.notes
        row.hlc = self.clock.now()

    def save(self, inp: SeekerInput, *, seeker_id: str | None = None, today: date | None = None) -> SaveResult:
        """Register a new person (seeker_id None) or update one. The same ID never makes two people."""
        if seeker_id is not None and not inp.id_number.strip():
            # The form shows a registered person's ID masked; not retyping it keeps it.
            inp = replace(inp, id_number=self.reveal_id_number(seeker_id))
        clean, notices = validate(inp, today=today)
        id_key = self.keys.id_key(clean.resident_id.number)
        with storage_guard(), self.db.write() as s:
            holder = s.scalar(select(Seeker).where(Seeker.id_key == id_key, Seeker.deleted.is_(False)))
            if seeker_id is None:
                if holder is not None:
                    raise ConflictError(translate("Validation", "该身份证号码已登记"), holder.id)
                row = Seeker(origin_station=self.clock.node)
                s.add(row)
            else:
                found = s.scalar(select(Seeker).where(Seeker.id == seeker_id))
                if found is None:
                    raise NotFoundError(seeker_id)
                row = found
                if holder is not None and holder.id != seeker_id:
                    raise ConflictError(translate("Validation", "该身份证号码已登记为另一人"), holder.id)
            self.apply(row, clean)
            try:
                s.flush()
            except IntegrityError as exc:  # a concurrent registration of the same ID elsewhere
                raise ConflictError(translate("Validation", "该身份证号码已登记")) from exc
            result = SaveResult(row.id, seeker_id is None, tuple(notices))
        log.info("seeker %s %s", result.seeker_id, "registered" if result.created else "updated")
        return result

    def find_id_by_number(self, id_number: str) -> str | None:
        key = self.keys.id_key(normalize_id(id_number))
        with storage_guard(), self.db.read() as s:
            return s.scalar(select(Seeker.id).where(Seeker.id_key == key, Seeker.deleted.is_(False)))

    def get(self, seeker_id: str) -> SeekerDetail:
        with storage_guard(), self.db.read() as s:
            row = s.scalar(select(Seeker).where(Seeker.id == seeker_id))
            if row is None:
                raise NotFoundError(seeker_id)
            return SeekerDetail(
                id=row.id,
                name=row.name,
                id_masked=row.id_masked,
                sex=row.sex,
                birth_date=row.birth_date,
                phone=row.phone,
                district_code=row.district_code,
                job_types=list(row.job_types),
                skills=row.skills,
                avail_from=row.avail_from,
                avail_to=row.avail_to,
                avail_slots=list(row.avail_slots),
                wage_expect_cents=row.wage_expect_cents,
                wage_unit=row.wage_unit,
                groups=list(row.groups),
                consent=row.consent,
                notes=row.notes,
                created_at=row.created_at,
                updated_at=row.updated_at,
            )

    def reveal_id_number(self, seeker_id: str) -> str:
        """The full ID number, for the person's own form when the clerk asks to see it."""
        with storage_guard(), self.db.read() as s:
            blob = s.scalar(select(Seeker.id_cipher).where(Seeker.id == seeker_id))
        if blob is None:
            raise NotFoundError(seeker_id)
        log.info("seeker %s: ID number revealed at the counter", seeker_id)
        return self.keys.decrypt(blob)

    def count(self) -> int:
        with storage_guard(), self.db.read() as s:
            return s.scalar(select(func.count()).select_from(Seeker).where(Seeker.deleted.is_(False))) or 0
