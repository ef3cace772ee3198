"""Registering employers (用人单位), checking who they are, and suspending them."""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app import clock as wallclock
from app.errors import ConflictError, FormInvalid, NotAllowed, NotFoundError, ValidationError, storage_guard
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.keys import KeyRing
from app.pinyin import name_initials
from app.reference import EMPLOYER_KINDS, INDUSTRIES, SUSPENSION_REASONS, choice_keys, label_of, region_known
from app.supervisor import Supervisor
from app.sync.hlc import HybridLogicalClock
from app.validation.credit_code import normalize_credit_code, parse_credit_code
from app.validation.names import normalize_name
from app.validation.phone import mask_contact_phone, normalize_contact_phone
from app.validation.resident_id import ResidentId, normalize_id, parse_resident_id
from db.base import utcnow
from db.models import Employer, Posting
from db.name_index import posting_search_text
from db.session import Database

log = logging.getLogger("linggong.employers")

ADULT_AGE = 18
MAX_NAME, MAX_SHORT_NAME, MAX_ADDRESS, MAX_NOTES = 100, 12, 200, 500

# The terms every employer acknowledges at first registration; the version is stored with the record.
TERMS_VERSION = "2026-1"
TERMS_TEXT = QT_TRANSLATE_NOOP(
    "Employers",
    "本市场是公益性就业服务机构，不是用工单位，不承担用工责任。用人单位承诺：发布的岗位信息真实合法；"
    "不向求职者收取任何费用或押金、保证金；不扣押求职者的身份证或其他证件；按约定足额、按时支付劳动报酬；"
    "依法提供劳动保护和安全作业条件。违反上述承诺的，市场可暂停其发布岗位。",
)

EMPLOYER_FIELD_LABELS = {
    "kind": QT_TRANSLATE_NOOP("Fields", "单位类型"),
    "name": QT_TRANSLATE_NOOP("Fields", "单位名称"),
    "short_name": QT_TRANSLATE_NOOP("Fields", "大屏简称"),
    "credit_code": QT_TRANSLATE_NOOP("Fields", "统一社会信用代码"),
    "owner_id_number": QT_TRANSLATE_NOOP("Fields", "雇主身份证号码"),
    "contact_name": QT_TRANSLATE_NOOP("Fields", "联系人"),
    "phone": QT_TRANSLATE_NOOP("Fields", "联系电话"),
    "phone2": QT_TRANSLATE_NOOP("Fields", "备用电话"),
    "address": QT_TRANSLATE_NOOP("Fields", "单位地址"),
    "district_code": QT_TRANSLATE_NOOP("Fields", "所在区县"),
    "industry": QT_TRANSLATE_NOOP("Fields", "所属行业"),
    "terms_accepted": QT_TRANSLATE_NOOP("Fields", "承诺书"),
    "notes": QT_TRANSLATE_NOOP("Fields", "备注"),
}


def employer_field_label(key: str) -> str:
    return translate("Fields", EMPLOYER_FIELD_LABELS.get(key, key))


@dataclass
class EmployerInput:
    kind: str = "enterprise"
    name: str = ""
    short_name: str = ""
    credit_code: str = ""
    owner_id_number: str = ""
    contact_name: str = ""
    phone: str = ""
    phone2: str = ""
    address: str = ""
    district_code: str = ""
    industry: str = ""
    terms_accepted: bool = False
    notes: str = ""


@dataclass(frozen=True)
class CleanEmployer:
    kind: str
    name: str
    short_name: str
    credit_code: str | None
    owner: ResidentId | None
    contact_name: str
    phone: str
    phone2: str
    address: str
    district_code: str
    industry: str
    terms_accepted: bool
    notes: str


def _text(value: str) -> str:
    """NFKC with runs of whitespace made one space: what a name or address is stored as."""
    return " ".join(unicodedata.normalize("NFKC", value).split())


def validate_employer(
    inp: EmployerInput, *, today: date | None = None, needs_terms: bool = True
) -> tuple[CleanEmployer, list[str]]:
    today = today or wallclock.today()
    errors: list[ValidationError] = []
    notices: list[str] = []

    def attempt(fn, *args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return fn(*args, **kwargs)
        except ValidationError as e:
            errors.append(e)
            return None

    kind = inp.kind
    if kind not in choice_keys(EMPLOYER_KINDS):
        errors.append(ValidationError("kind", translate("Validation", "请选择单位类型")))
    name = _text(inp.name)
    if len(name) < 2:
        errors.append(ValidationError("name", translate("Validation", "请输入单位名称（至少2个字）")))
    elif len(name) > MAX_NAME:
        errors.append(ValidationError("name", translate("Validation", "最多{n}个字").format(n=MAX_NAME)))
    short_name = _text(inp.short_name)
    if len(short_name) > MAX_SHORT_NAME:
        errors.append(
            ValidationError("short_name", translate("Validation", "大屏简称最多{n}个字").format(n=MAX_SHORT_NAME))
        )

    credit_code: str | None = None
    owner: ResidentId | None = None
    if kind in ("enterprise", "individual"):
        parsed = attempt(parse_credit_code, inp.credit_code)
        if parsed is not None:
            if kind == "individual" and not parsed.is_individual_business:
                errors.append(
                    ValidationError(
                        "credit_code",
                        translate("Validation", "个体工商户的代码以92开头；这个代码属于企业或机构，请改选单位类型"),
                    )
                )
            elif kind == "enterprise" and parsed.is_individual_business:
                errors.append(
                    ValidationError(
                        "credit_code",
                        translate("Validation", "以92开头的代码属于个体工商户，请把单位类型改为个体工商户"),
                    )
                )
            credit_code = parsed.code
    elif kind == "household":
        owner = attempt(parse_resident_id, inp.owner_id_number, today=today, field="owner_id_number")
        if owner is not None:
            notices.extend(owner.notices)
            if owner.age_on(today) < ADULT_AGE:
                errors.append(
                    ValidationError("owner_id_number", translate("Validation", "雇主须年满{n}周岁").format(n=ADULT_AGE))
                )

    contact = attempt(normalize_name, inp.contact_name, field="contact_name")
    phone = attempt(normalize_contact_phone, inp.phone)
    phone2 = attempt(normalize_contact_phone, inp.phone2, field="phone2") if inp.phone2.strip() else ""
    address = _text(inp.address)
    if len(address) > MAX_ADDRESS:
        errors.append(ValidationError("address", translate("Validation", "最多{n}个字").format(n=MAX_ADDRESS)))
    district = inp.district_code.strip()
    if not district:
        errors.append(ValidationError("district_code", translate("Validation", "请选择所在区县")))
    elif not region_known(district):
        errors.append(ValidationError("district_code", translate("Validation", "区县代码{c}不存在").format(c=district)))
    if inp.industry and inp.industry not in choice_keys(INDUSTRIES):
        errors.append(ValidationError("industry", translate("Validation", "所属行业无效")))
    if needs_terms and not inp.terms_accepted:
        errors.append(
            ValidationError("terms_accepted", translate("Validation", "首次登记须由用人单位确认市场服务承诺书"))
        )
    notes = inp.notes.strip()
    if len(notes) > MAX_NOTES:
        errors.append(ValidationError("notes", translate("Validation", "最多{n}个字").format(n=MAX_NOTES)))

    if errors:
        raise FormInvalid(errors)
    assert contact is not None and phone is not None and phone2 is not None
    return (
        CleanEmployer(
            kind=kind,
            name=name,
            short_name=short_name,
            credit_code=credit_code,
            owner=owner,
            contact_name=contact,
            phone=phone,
            phone2=phone2,
            address=address,
            district_code=district,
            industry=inp.industry,
            terms_accepted=inp.terms_accepted,
            notes=notes,
        ),
        notices,
    )


@dataclass(frozen=True)
class Suspension:
    reason: str
    note: str
    on: date | None
    by: str

    def describe(self) -> str:
        """'已暂停发布岗位：拖欠工资（2026-11-20，王主管）— note' for a banner or a refusal."""
        text = translate("Employers", "已暂停发布岗位：{reason}（{on}，{by}）").format(
            reason=label_of(SUSPENSION_REASONS, self.reason), on=self.on.isoformat() if self.on else "", by=self.by
        )
        return text + (f" — {self.note}" if self.note else "")


@dataclass(frozen=True)
class EmployerDetail:
    id: str
    kind: str
    name: str
    short_name: str
    credit_code: str | None
    owner_id_masked: str
    contact_name: str
    phone: str
    phone2: str
    address: str
    district_code: str
    industry: str
    terms_accepted: bool
    terms_accepted_at: datetime | None
    terms_version: str
    suspension: Suspension | None
    notes: str
    created_at: datetime
    updated_at: datetime

    @property
    def board_name(self) -> str:
        return self.short_name or self.name


@dataclass(frozen=True)
class EmployerRow:
    """One line of the employer list; phones masked, a household owner's ID never shown."""

    id: str
    kind: str
    name: str
    short_name: str
    credit_code: str
    contact_name: str
    phone_masked: str
    district_code: str
    suspended: bool
    suspension_reason: str
    updated_at: datetime


@dataclass(frozen=True)
class EmployerSaveResult:
    employer_id: str
    created: bool
    notices: tuple[str, ...] = ()


def _suspension(row: Employer) -> Suspension | None:
    if not row.suspended:
        return None
    return Suspension(row.suspension_reason, row.suspension_note, row.suspended_on, row.suspended_by)


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class EmployerService:
    def __init__(self, db: Database, keys: KeyRing, clock: HybridLogicalClock) -> None:
        self.db = db
        self.keys = keys
        self.clock = clock

    def apply(self, row: Employer, clean: CleanEmployer) -> None:
        row.kind = clean.kind
        row.name = clean.name
        row.short_name = clean.short_name
        row.name_initials = name_initials(clean.short_name or clean.name)
        row.credit_code = clean.credit_code
        if clean.owner is not None:
            row.owner_id_key = self.keys.id_key(clean.owner.number)
            row.owner_id_cipher = self.keys.encrypt(clean.owner.number)
            row.owner_id_masked = clean.owner.masked
        else:
            row.owner_id_key, row.owner_id_cipher, row.owner_id_masked = None, None, ""
        row.contact_name = clean.contact_name
        row.phone, row.phone2 = clean.phone, clean.phone2
        row.address = clean.address
        row.district_code = clean.district_code
        row.industry = clean.industry
        if clean.terms_accepted and not row.terms_accepted:
            row.terms_accepted = True
            row.terms_accepted_at = utcnow()
            row.terms_version = TERMS_VERSION
        row.notes = clean.notes
        row.hlc = self.clock.now()

    def _holder(self, s: Session, clean: CleanEmployer) -> Employer | None:
        if clean.credit_code is not None:
            return s.scalar(select(Employer).where(Employer.credit_code == clean.credit_code))
        if clean.owner is not None:
            key = self.keys.id_key(clean.owner.number)
            return s.scalar(select(Employer).where(Employer.owner_id_key == key))
        return None

    def save(
        self, inp: EmployerInput, *, employer_id: str | None = None, today: date | None = None
    ) -> EmployerSaveResult:
        """Register a new employer or update one; a credit code (or owner ID) never makes two."""
        if employer_id is not None and inp.kind == "household" and not inp.owner_id_number.strip():
            # The form shows a registered owner's ID masked; not retyping it keeps it.
            kept = self._owner_id(employer_id)
            if kept:
                inp = replace(inp, owner_id_number=kept)
        clean, notices = validate_employer(inp, today=today, needs_terms=employer_id is None)
        with storage_guard(), self.db.write() as s:
            holder = self._holder(s, clean)
            if employer_id is None:
                if holder is not None:
                    raise ConflictError(
                        translate("Validation", "该单位已登记：{name}").format(name=holder.name), holder.id
                    )
                row = Employer(origin_station=self.clock.node)
                s.add(row)
            else:
                found = s.scalar(select(Employer).where(Employer.id == employer_id))
                if found is None:
                    raise NotFoundError(employer_id)
                row = found
                if holder is not None and holder.id != employer_id:
                    raise ConflictError(
                        translate("Validation", "该代码已登记为另一家单位：{name}").format(name=holder.name), holder.id
                    )
            renamed = (row.name, row.short_name) != (clean.name, clean.short_name)
            self.apply(row, clean)
            try:
                s.flush()
            except IntegrityError as exc:
                raise ConflictError(translate("Validation", "该单位已登记")) from exc
            if renamed and employer_id is not None:
                self._reindex_postings(s, row)
            result = EmployerSaveResult(row.id, employer_id is None, tuple(notices))
        log.info("employer %s %s", result.employer_id, "registered" if result.created else "updated")
        return result

    def find_by_credit_code(self, text: str) -> str | None:
        code = normalize_credit_code(text)
        with storage_guard(), self.db.read() as s:
            return s.scalar(select(Employer.id).where(Employer.credit_code == code, Employer.deleted.is_(False)))

    def find_by_owner_id(self, id_number: str) -> str | None:
        key = self.keys.id_key(normalize_id(id_number))
        with storage_guard(), self.db.read() as s:
            return s.scalar(select(Employer.id).where(Employer.owner_id_key == key, Employer.deleted.is_(False)))

    def get(self, employer_id: str) -> EmployerDetail:
        with storage_guard(), self.db.read() as s:
            row = s.scalar(select(Employer).where(Employer.id == employer_id))
            if row is None:
                raise NotFoundError(employer_id)
            return EmployerDetail(
                id=row.id,
                kind=row.kind,
                name=row.name,
                short_name=row.short_name,
                credit_code=row.credit_code,
                owner_id_masked=row.owner_id_masked,
                contact_name=row.contact_name,
                phone=row.phone,
                phone2=row.phone2,
                address=row.address,
                district_code=row.district_code,
                industry=row.industry,
                terms_accepted=row.terms_accepted,
                terms_accepted_at=row.terms_accepted_at,
                terms_version=row.terms_version,
                suspension=_suspension(row),
                notes=row.notes,
                created_at=row.created_at,
                updated_at=row.updated_at,
            )

    def _reindex_postings(self, s: Session, employer: Employer) -> None:
        """Postings are found by their employer's names: keep that true after a rename."""
        for posting in s.scalars(select(Posting).where(Posting.employer_id == employer.id)):
            posting.search_text = posting_search_text(
                posting.code, posting.title, employer.short_name, employer.name, posting.work_place
            )

    def _owner_id(self, employer_id: str) -> str:
        with storage_guard(), self.db.read() as s:
            blob = s.scalar(select(Employer.owner_id_cipher).where(Employer.id == employer_id))
        return self.keys.decrypt(blob) if blob is not None else ""

    def reveal_owner_id(self, employer_id: str) -> str:
        with storage_guard(), self.db.read() as s:
            blob = s.scalar(select(Employer.owner_id_cipher).where(Employer.id == employer_id))
        if blob is None:
            raise NotFoundError(employer_id)
        log.info("employer %s: owner ID number revealed at the counter", employer_id)
        return self.keys.decrypt(blob)

    def suspend(self, employer_id: str, reason: str, note: str, by: Supervisor, *, on: date | None = None) -> None:
        if reason not in choice_keys(SUSPENSION_REASONS):
            raise FormInvalid([ValidationError("reason", translate("Validation", "请选择暂停原因"))])
        note = note.strip()
        if reason == "other" and not note:
            raise FormInvalid([ValidationError("note", translate("Validation", "原因为“其他”时请写明情况"))])
        with storage_guard(), self.db.write() as s:
            row = s.scalar(select(Employer).where(Employer.id == employer_id))
            if row is None:
                raise NotFoundError(employer_id)
            row.suspended = True
            row.suspension_reason, row.suspension_note = reason, note
            row.suspended_on = on or wallclock.today()
            row.suspended_by = by.name
            row.hlc = self.clock.now()
            # Its open and pending postings come off the list and the board at once.
            why = Suspension(reason, note, row.suspended_on, by.name).describe()
            closed = 0
            for posting in s.scalars(
                select(Posting).where(Posting.employer_id == employer_id, Posting.status.in_(("open", "pending")))
            ):
                posting.status, posting.ended_at, posting.end_reason = "closed", utcnow(), why[:200]
                posting.hlc = self.clock.now()
                closed += 1
        log.info("employer %s suspended (%s); %s postings closed", employer_id, reason, closed)

    def lift_suspension(self, employer_id: str, by: Supervisor) -> None:
        with storage_guard(), self.db.write() as s:
            row = s.scalar(select(Employer).where(Employer.id == employer_id))
            if row is None:
                raise NotFoundError(employer_id)
            if not row.suspended:
                raise NotAllowed(translate("Employers", "该单位未被暂停"))
            row.suspended = False
            row.suspension_note = translate("Employers", "{by}于{on}恢复").format(
                by=by.name, on=wallclock.today().isoformat()
            )
            row.hlc = self.clock.now()
        log.info("employer %s: suspension lifted", employer_id)

    def search(
        self, text: str = "", *, kind: str = "", district: str = "", suspended: bool | None = None, limit: int = 500
    ) -> list[EmployerRow]:
        """Employers whose name, short name, code, initials or contact match `text`, newest first."""
        q = select(Employer).where(Employer.deleted.is_(False))
        text = unicodedata.normalize("NFKC", text).strip()
        if text:
            pattern = _like(text)
            q = q.where(
                or_(
                    Employer.name.like(pattern, escape="\\"),
                    Employer.short_name.like(pattern, escape="\\"),
                    Employer.credit_code == text.upper(),
                    Employer.name_initials.like(text.lower() + "%"),
                    Employer.contact_name == text,
                    Employer.phone == text,
                )
            )
        if kind:
            q = q.where(Employer.kind == kind)
        if district:
            q = q.where(Employer.district_code == district)
        if suspended is not None:
            q = q.where(Employer.suspended.is_(suspended))
        q = q.order_by(Employer.updated_at.desc()).limit(limit)
        with storage_guard(), self.db.read() as s:
            return [
                EmployerRow(
                    id=r.id,
                    kind=r.kind,
                    name=r.name,
                    short_name=r.short_name,
                    credit_code=r.credit_code or "",
                    contact_name=r.contact_name,
                    phone_masked=mask_contact_phone(r.phone),
                    district_code=r.district_code,
                    suspended=r.suspended,
                    suspension_reason=r.suspension_reason,
                    updated_at=r.updated_at,
                )
                for r in s.scalars(q)
            ]

    def count(self) -> int:
        with storage_guard(), self.db.read() as s:
            return s.scalar(select(func.count()).select_from(Employer).where(Employer.deleted.is_(False))) or 0
