"""Referrals (推荐), their slips, scanning them back, outcomes and follow-up calls.

A referral sends one person to one open posting. It gets a station code (GY01-20261124-0042), a
validity (`referral_valid_days`, the day of issue included) and the clerk's name, and a signature
by the station's slip key over its identity, which the QR code on the slip carries.

Outcomes (hired, not hired, no-show, cancelled) are append-only events in `referral_outcomes`;
the referral's `status` is the latest of them. Filled headcount is counted from hired referrals:
when it reaches the posting's headcount the posting becomes filled, and if a supervisor corrects
a hire away, a posting that filled that way opens again while it is still in date.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app import clock as wallclock
from app.errors import (
    ConflictError,
    FormInvalid,
    LinggongError,
    NotAllowed,
    NotFoundError,
    ValidationError,
    storage_guard,
)
from app.i18n import translate
from app.reference import (
    CALL_RESULTS,
    NOT_HIRED_REASONS,
    REFERRAL_STATUSES,
    SETTLEMENTS,
    WAGE_UNITS,
    Choice,
    choice_keys,
    job_type_by_code,
    label_of,
)
from app.services.matching import PostingFacts, Scorer, SeekerFacts, certificates_in
from app.services.postings import status_label as posting_status_label
from app.services.postings import yuan
from app.settings import Settings
from app.slips import SlipData
from app.slips.qr import (
    CODE_PATTERN,
    PayloadError,
    SlipKey,
    make_payload,
    parse_scan,
    referral_message,
    verify_signature,
)
from app.supervisor import Supervisor
from app.sync.hlc import HybridLogicalClock
from app.validation.phone import mask_phone
from app.validation.work_time import parse_work_windows, windows_overlap
from db.base import new_uuid, utcnow
from db.models import Employer, FollowUpCall, Posting, Referral, ReferralOutcome, Seeker, StationKey
from db.session import Database

log = logging.getLogger("linggong.referrals")

OUTCOMES = ("hired", "not_hired", "no_show", "cancelled")
MAX_NOTE = 200
# Filled by a hire, so a corrected hire may reopen it.
AUTO_FILLED = "headcount reached"


def looks_like_slip(text: str) -> bool:
    """Text a scanner or clerk gave that is meant as a slip: its QR text, link, or referral code."""
    upper = text.strip().upper()
    return upper.startswith(("LG1:", "HTTP://", "HTTPS://")) or re.fullmatch(CODE_PATTERN, upper) is not None


def status_label(status: str) -> str:
    return label_of(REFERRAL_STATUSES, status)


class ScanRefused(LinggongError):
    """A scanned slip that cannot be accepted; `kind` is unknown / forged / unverifiable."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class ReferralCreated:
    id: str
    code: str
    valid_until: date


@dataclass(frozen=True)
class OutcomeInput:
    """What the clerk records. Pay is typed in yuan, as on the form."""

    outcome: str
    outcome_on: date | None = None
    start_date: date | None = None
    agreed_pay: str = ""
    agreed_pay_unit: str = ""
    reason: str = ""
    note: str = ""


@dataclass(frozen=True)
class HistoryEntry:
    at: str  # 2026-11-25 14:03
    what: str
    by: str
    note: str


@dataclass(frozen=True)
class ReferralDetail:
    id: str
    code: str
    status: str
    seeker_id: str
    seeker_name: str
    seeker_id_masked: str
    seeker_phone_masked: str
    posting_id: str
    posting_code: str
    posting_title: str
    posting_status: str
    employer_name: str
    pay_text: str
    posting_pay_cents: int
    posting_pay_unit: str
    posting_start: date
    posting_end: date
    work_dates: str
    clerk: str
    issued_on: date
    valid_until: date
    match_note: str
    outcome_on: date | None
    start_date: date | None
    agreed_pay_cents: int | None
    agreed_pay_unit: str
    reason: str
    history: tuple[HistoryEntry, ...]

    def expired(self, today: date) -> bool:
        return self.status == "pending" and today > self.valid_until

    @property
    def status_text(self) -> str:
        return status_label(self.status)


@dataclass(frozen=True)
class ScanResult:
    referral: ReferralDetail
    signed: bool  # False when the code was typed, not scanned
    notice: str  # e.g. that the slip expired; "" when none


@dataclass(frozen=True)
class ReferralRow:
    id: str
    code: str
    status: str
    issued_on: date
    valid_until: date
    seeker_name: str
    seeker_phone_masked: str
    posting_title: str
    employer_name: str
    clerk: str
    calls: int
    last_call: str  # the latest call's result label, for follow-up

    @property
    def status_text(self) -> str:
        return status_label(self.status)


def pay_text(cents: int, unit: str) -> str:
    """'180 元/天', in the UI language."""
    return f"{yuan(cents)} {label_of(WAGE_UNITS, unit)}"


def _parse_pay(text: str) -> int | None:
    text = text.strip().replace("¥", "").replace("元", "").replace(",", "")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return -1
    if value <= 0 or value != value.quantize(Decimal("0.01")):
        return -1
    return int(value * 100)


def _outcome_errors(
    inp: OutcomeInput, issued_on: date, posting_end: date, today: date
) -> tuple[list[ValidationError], int | None]:
    errors: list[ValidationError] = []
    pay: int | None = None
    if inp.outcome not in OUTCOMES:
        errors.append(ValidationError("outcome", translate("Validation", "请选择结果")))
    if inp.outcome_on and inp.outcome_on > today:
        errors.append(ValidationError("outcome_on", translate("Validation", "日期不能晚于今天")))
    if inp.outcome == "hired":
        if inp.start_date is None:
            errors.append(ValidationError("start_date", translate("Validation", "请填写上岗日期")))
        elif not issued_on <= inp.start_date <= posting_end:
            errors.append(
                ValidationError(
                    "start_date",
                    translate("Validation", "上岗日期应在{a}至{b}之间").format(a=issued_on, b=posting_end),
                )
            )
        pay = _parse_pay(inp.agreed_pay)
        if pay is None:
            errors.append(ValidationError("agreed_pay", translate("Validation", "请填写约定工资")))
        elif pay < 0:
            message = translate("Validation", "工资应为正数，最多两位小数，例如 180")
            errors.append(ValidationError("agreed_pay", message))
        if inp.agreed_pay_unit not in choice_keys(WAGE_UNITS):
            errors.append(ValidationError("agreed_pay_unit", translate("Validation", "请选择工资单位")))
    elif inp.outcome == "not_hired" and inp.reason not in choice_keys(NOT_HIRED_REASONS):
        errors.append(ValidationError("reason", translate("Validation", "请选择未录用原因")))
    elif inp.outcome == "cancelled" and not inp.reason.strip():
        errors.append(ValidationError("reason", translate("Validation", "请写明取消原因")))
    if len(inp.note) > MAX_NOTE:
        errors.append(ValidationError("note", translate("Validation", "最多{n}个字").format(n=MAX_NOTE)))
    return errors, pay


class ReferralService:
    def __init__(
        self, db: Database, clock: HybridLogicalClock, slip_key: SlipKey, settings: Settings
    ) -> None:
        self.db = db
        self.clock = clock
        self.slip_key = slip_key
        self.settings = settings

    def register_own_key(self) -> None:
        """Record this station's public slip key, so its slips verify here (and, by sync, elsewhere)."""
        with storage_guard(), self.db.write() as s:
            row = s.get(StationKey, self.clock.node)
            if row is None:
                s.add(StationKey(station_code=self.clock.node, public_key=self.slip_key.public_key))
            elif row.public_key != self.slip_key.public_key:
                row.public_key = self.slip_key.public_key

    # ---- referring ---------------------------------------------------------------------------
    def _next_code(self, s: Session, day: date) -> str:
        prefix = f"{self.clock.node}-{day:%Y%m%d}-"
        last = s.scalar(select(func.max(Referral.code)).where(Referral.code.like(prefix + "%")))
        n = int(last.rsplit("-", 1)[1]) + 1 if last else 1
        return f"{prefix}{n:04d}"

    def refer(
        self, seeker_id: str, posting_id: str, *, clerk: str, match_note: str = "", today: date | None = None
    ) -> ReferralCreated:
        """Refer a person to an open posting; refused, with the reason, where a rule forbids it."""
        today = today or wallclock.today()
        clerk = clerk.strip()
        _require_clerk(clerk)
        with storage_guard(), self.db.write() as s:
            seeker = s.scalar(select(Seeker).where(Seeker.id == seeker_id, Seeker.deleted.is_(False)))
            posting = s.scalar(select(Posting).where(Posting.id == posting_id, Posting.deleted.is_(False)))
            if seeker is None or posting is None:
                raise NotFoundError(seeker_id if seeker is None else posting_id)
            employer = s.scalar(select(Employer).where(Employer.id == posting.employer_id))
            self._check_referable(s, seeker, posting, employer, today)
            code, ref_id = self._next_code(s, today), new_uuid()
            valid_until = today + timedelta(days=max(1, self.settings.referral_valid_days) - 1)
            ref = Referral(
                id=ref_id,
                code=code,
                seeker_id=seeker.id,
                posting_id=posting.id,
                clerk=clerk[:30],
                issued_on=today,
                valid_until=valid_until,
                signature=self.slip_key.sign(referral_message(code, ref_id, seeker.id, posting.id, valid_until)),
                match_note=match_note[:MAX_NOTE],
                status="pending",
                origin_station=self.clock.node,
                hlc=self.clock.now(),
            )
            s.add(ref)
            created = ReferralCreated(ref.id, ref.code, ref.valid_until)
        log.info("referral %s made", created.code)
        return created

    def _check_referable(
        self, s: Session, seeker: Seeker, posting: Posting, employer: Employer | None, today: date
    ) -> None:
        if employer is None or employer.suspended:
            raise NotAllowed(translate("Referrals", "该用人单位已暂停发布岗位，不能推荐"))
        if posting.status != "open":
            raise NotAllowed(
                translate("Referrals", "岗位{code}当前为“{status}”，只能推荐到招聘中的岗位").format(
                    code=posting.code, status=_posting_status(posting.status)
                )
            )
        if posting.end_date < today or (posting.expires_on and posting.expires_on < today):
            raise NotAllowed(translate("Referrals", "岗位{code}已过期").format(code=posting.code))
        same = s.execute(
            select(Referral.code, Referral.status).where(
                Referral.seeker_id == seeker.id,
                Referral.posting_id == posting.id,
                Referral.status.in_(("pending", "hired")),
            )
        ).first()
        if same is not None:
            raise ConflictError(
                translate("Referrals", "{name}已推荐到该岗位（{code}，{status}），不能重复推荐").format(
                    name=seeker.name, code=same.code, status=status_label(same.status)
                )
            )
        if _hires(s, posting.id) >= posting.headcount:
            raise NotAllowed(translate("Referrals", "岗位{code}已招满").format(code=posting.code))
        scorer = Scorer(_posting_facts(posting, employer), today)
        facts = _seeker_facts(seeker)
        if not scorer.allows(facts):
            raise NotAllowed(self._why_not(scorer, facts))
        windows = parse_work_windows(posting.work_time)
        for title, work_time, start, end in s.execute(
            select(Posting.title, Posting.work_time, Referral.work_from, Referral.work_to)
            .join(Posting, Posting.id == Referral.posting_id)
            .where(
                Referral.seeker_id == seeker.id,
                Referral.status == "hired",
                Referral.work_to >= scorer.first,
                Referral.work_from <= scorer.last,
            )
        ):
            if windows_overlap(windows, parse_work_windows(work_time)):
                raise NotAllowed(
                    translate("Referrals", "{name}已在“{title}”上岗（{a}至{b}），工作时间冲突").format(
                        name=seeker.name, title=title, a=start, b=end
                    )
                )

    @staticmethod
    def _why_not(scorer: Scorer, s: SeekerFacts) -> str:
        p = scorer.p
        if s.birth_date > scorer.born_by or (scorer.born_after and s.birth_date <= scorer.born_after):
            if p.age_min or p.age_max:
                return translate("Referrals", "该岗位要求年龄{a}至{b}岁（{why}），求职者不符合").format(
                    a=p.age_min or 16, b=p.age_max or "", why=p.limit_reason
                )
            return translate("Referrals", "求职者未满16周岁，不能推荐")
        if p.sex_limit and s.sex != p.sex_limit:
            return translate("Referrals", "该岗位有性别要求（{why}），求职者不符合").format(why=p.limit_reason)
        return translate("Referrals", "求职者可工作的日期与岗位工作日期（{a}至{b}）不重合").format(a=p.start, b=p.end)

    # ---- reading -----------------------------------------------------------------------------
    def _load(self, s: Session, referral_id: str) -> Referral:
        row = s.scalar(select(Referral).where(Referral.id == referral_id))
        if row is None:
            raise NotFoundError(referral_id)
        return row

    def get(self, referral_id: str) -> ReferralDetail:
        with storage_guard(), self.db.read() as s:
            return self._detail(s, self._load(s, referral_id))

    def find_by_code(self, code: str) -> ReferralDetail | None:
        with storage_guard(), self.db.read() as s:
            row = s.scalar(select(Referral).where(Referral.code == code.strip().upper()))
            return self._detail(s, row) if row else None

    def _detail(self, s: Session, ref: Referral) -> ReferralDetail:
        seeker = s.scalar(select(Seeker).where(Seeker.id == ref.seeker_id))
        posting = s.scalar(select(Posting).where(Posting.id == ref.posting_id))
        assert seeker is not None and posting is not None  # foreign keys
        employer = s.scalar(select(Employer).where(Employer.id == posting.employer_id))
        made = HistoryEntry(f"{ref.created_at:%Y-%m-%d %H:%M}", translate("Referrals", "推荐"), ref.clerk, "")
        # (when, order within one transaction: made, call, outcome) — a call that learns the outcome
        # is listed before the outcome it records.
        history: list[tuple[tuple[str, int, int], HistoryEntry]] = [((str(ref.created_at), 0, 0), made)]
        for o in s.scalars(select(ReferralOutcome).where(ReferralOutcome.referral_id == ref.id)):
            what = status_label(o.outcome)
            if o.corrected_by:
                what = translate("Referrals", "更正为{what}（原为{was}）").format(
                    what=what, was=status_label(o.previous)
                )
            by = o.recorded_by + (f" / {o.corrected_by}" if o.corrected_by and o.corrected_by != o.recorded_by else "")
            entry = HistoryEntry(f"{o.created_at:%Y-%m-%d %H:%M}", what, by, _outcome_note(o))
            history.append(((str(o.created_at), 2, o.pk), entry))
        for c in s.scalars(select(FollowUpCall).where(FollowUpCall.referral_id == ref.id)):
            history.append((
                (str(c.created_at), 1, c.pk),
                HistoryEntry(
                    f"{c.created_at:%Y-%m-%d %H:%M}",
                    translate("Referrals", "回访：{r}").format(r=label_of(CALL_RESULTS, c.result)),
                    c.called_by,
                    c.note,
                ),
            ))  # fmt: skip
        history.sort(key=lambda pair: pair[0])
        return ReferralDetail(
            id=ref.id,
            code=ref.code,
            status=ref.status,
            seeker_id=seeker.id,
            seeker_name=seeker.name,
            seeker_id_masked=seeker.id_masked,
            seeker_phone_masked=mask_phone(seeker.phone),
            posting_id=posting.id,
            posting_code=posting.code,
            posting_title=posting.title,
            posting_status=posting.status,
            employer_name=employer.name if employer else "",
            pay_text=pay_text(posting.pay_cents, posting.pay_unit),
            posting_pay_cents=posting.pay_cents,
            posting_pay_unit=posting.pay_unit,
            posting_start=posting.start_date,
            posting_end=posting.end_date,
            work_dates=_dates_text(posting.start_date, posting.end_date),
            clerk=ref.clerk,
            issued_on=ref.issued_on,
            valid_until=ref.valid_until,
            match_note=ref.match_note,
            outcome_on=ref.outcome_on,
            start_date=ref.start_date,
            agreed_pay_cents=ref.agreed_pay_cents,
            agreed_pay_unit=ref.agreed_pay_unit,
            reason=ref.reason,
            history=tuple(entry for _, entry in history),
        )

    def rows(
        self,
        *,
        status: str = "",
        seeker_id: str = "",
        posting_id: str = "",
        code: str = "",
        overdue_on: date | None = None,
        limit: int = 500,
    ) -> list[ReferralRow]:
        """Referrals newest first; `overdue_on` gives the pending ones whose slip ran out before that day."""
        calls = (
            select(FollowUpCall.referral_id, func.count().label("n"), func.max(FollowUpCall.pk).label("last"))
            .group_by(FollowUpCall.referral_id)
            .subquery()
        )
        q = (
            select(
                Referral, Seeker.name, Seeker.phone, Posting.title, Employer.name, Employer.short_name,
                calls.c.n, FollowUpCall.result,
            )
            .join(Seeker, Seeker.id == Referral.seeker_id)
            .join(Posting, Posting.id == Referral.posting_id)
            .join(Employer, Employer.id == Posting.employer_id)
            .outerjoin(calls, calls.c.referral_id == Referral.id)
            .outerjoin(FollowUpCall, FollowUpCall.pk == calls.c.last)
            .where(Referral.deleted.is_(False))
        )
        if status:
            q = q.where(Referral.status == status)
        if seeker_id:
            q = q.where(Referral.seeker_id == seeker_id)
        if posting_id:
            q = q.where(Referral.posting_id == posting_id)
        if code:
            q = q.where(Referral.code.like(f"%{code.strip().upper()}%"))
        if overdue_on is not None:
            q = q.where(Referral.status == "pending", Referral.valid_until < overdue_on)
            q = q.order_by(Referral.valid_until, Referral.pk)
        else:
            q = q.order_by(Referral.pk.desc())
        with storage_guard(), self.db.read() as s:
            rows = s.execute(q.limit(limit)).all()
        return [
            ReferralRow(
                id=r.id,
                code=r.code,
                status=r.status,
                issued_on=r.issued_on,
                valid_until=r.valid_until,
                seeker_name=name,
                seeker_phone_masked=mask_phone(phone),
                posting_title=title,
                employer_name=short or employer,
                clerk=r.clerk,
                calls=n or 0,
                last_call=label_of(CALL_RESULTS, last) if last else "",
            )
            for r, name, phone, title, employer, short, n, last in rows
        ]

    def follow_ups(self, today: date | None = None) -> list[ReferralRow]:
        """Pending referrals whose slip has run out: to be phoned (跟踪回访), oldest first."""
        return self.rows(overdue_on=today or wallclock.today())

    def placed_text(self, seeker_id: str, today: date | None = None) -> str:
        """Where a person works now: '在岗：好味道餐饮 餐厅服务员（至2026-11-30）', or ''."""
        today = today or wallclock.today()
        with storage_guard(), self.db.read() as s:
            rows = s.execute(
                select(Posting.title, Employer.name, Employer.short_name, Referral.work_to)
                .join(Posting, Posting.id == Referral.posting_id)
                .join(Employer, Employer.id == Posting.employer_id)
                .where(Referral.seeker_id == seeker_id, Referral.status == "hired", Referral.work_to >= today)
                .order_by(Referral.work_from)
            ).all()
        jobs = [
            translate("Referrals", "{employer} {title}（至{to}）").format(employer=short or name, title=title, to=to)
            for title, name, short, to in rows
        ]
        return translate("Referrals", "在岗：{jobs}").format(jobs="；".join(jobs)) if jobs else ""

    # ---- slips -------------------------------------------------------------------------------
    def qr_text(self, ref: Referral) -> str:
        return make_payload(ref.code, ref.signature, self.settings.server_url)

    def slip_data(self, referral_id: str) -> SlipData:
        with storage_guard(), self.db.read() as s:
            ref = self._load(s, referral_id)
            seeker = s.scalar(select(Seeker).where(Seeker.id == ref.seeker_id))
            posting = s.scalar(select(Posting).where(Posting.id == ref.posting_id))
            assert seeker is not None and posting is not None
            employer = s.scalar(select(Employer).where(Employer.id == posting.employer_id))
            assert employer is not None
            hours = f"每天{posting.daily_hours:g}小时"
            bring = ("本人身份证", "本介绍信", *certificates_in(posting.requirements + posting.conditions))
            phone = posting.contact_phone or employer.phone
            return SlipData(
                market_name=self.settings.market_name,
                code=ref.code,
                issued_on=ref.issued_on,
                valid_until=ref.valid_until,
                seeker_name=seeker.name,
                seeker_id_masked=seeker.id_masked,
                seeker_phone_masked=mask_phone(seeker.phone),
                job_title=posting.title,
                job_type=_zh_job_type(posting.job_type),
                pay=pay_text_zh(posting.pay_cents, posting.pay_unit),
                settlement=_zh(SETTLEMENTS, posting.settlement),
                work_place=posting.work_place,
                work_dates=f"{posting.start_date} 至 {posting.end_date}",
                work_hours=f"{posting.work_time}，{hours}" if posting.work_time else hours,
                employer_name=employer.name,
                employer_address=employer.address or posting.work_place,
                employer_contact=f"{posting.contact_name or employer.contact_name} {phone}".strip(),
                bring=bring,
                clerk=ref.clerk,
                qr_text=self.qr_text(ref),
            )

    # ---- scanning back -----------------------------------------------------------------------
    def _current_code(self, s: Session, code: str) -> str:
        """The code a referral has now: a slip printed before the station enrolled shows the code
        the station had then (app/sync/client.py `_recode`)."""
        from app.sync import state

        former = state.get(s, state.FORMER_CODE)
        if former and code.startswith(former + "-") and former != self.clock.node:
            return self.clock.node + code[len(former) :]
        return code

    def scan(self, text: str, *, today: date | None = None) -> ScanResult:
        """Open the referral a scanned (or typed) slip code names, checking its signature.

        Raises PayloadError for text that is no referral code, and ScanRefused for an unknown
        code or a signature that does not verify (a forged or altered slip).
        """
        today = today or wallclock.today()
        scanned = parse_scan(text)
        with storage_guard(), self.db.read() as s:
            ref = s.scalar(select(Referral).where(Referral.code == self._current_code(s, scanned.code)))
            if ref is None:
                raise ScanRefused(
                    "unknown",
                    translate("Referrals", "没有编号为{code}的推荐记录。若是其他站点开具的，请在联网同步后再扫").format(
                        code=scanned.code
                    ),
                )
            if scanned.signature is not None:
                key = s.get(StationKey, ref.origin_station)
                if key is None:
                    raise ScanRefused(
                        "unverifiable",
                        translate(
                            "Referrals", "暂无站点{station}的核验密钥，无法核验此介绍信；请联网同步后再试"
                        ).format(station=ref.origin_station),
                    )
                # Signed over the code the slip shows (one printed before enrolment shows the old one).
                message = referral_message(scanned.code, ref.id, ref.seeker_id, ref.posting_id, ref.valid_until)
                if not verify_signature(key.public_key, message, scanned.signature):
                    log.warning("slip %s: signature does not verify", ref.code)
                    raise ScanRefused(
                        "forged",
                        translate("Referrals", "介绍信{code}核验失败：二维码与记录不符，可能被伪造或篡改").format(
                            code=ref.code
                        ),
                    )
            detail = self._detail(s, ref)
        notice = ""
        if detail.expired(today):
            notice = translate("Referrals", "此介绍信已于{day}过期，仍可登记结果").format(day=detail.valid_until)
        elif detail.status != "pending":
            notice = translate("Referrals", "此推荐已有结果：{status}").format(status=detail.status_text)
        return ScanResult(detail, scanned.signature is not None, notice)

    # ---- outcomes ----------------------------------------------------------------------------
    def record_outcome(
        self, referral_id: str, inp: OutcomeInput, *, by: str, source: str = "counter", today: date | None = None
    ) -> ReferralDetail:
        """Record what came of a pending referral."""
        today = today or wallclock.today()
        with storage_guard(), self.db.write() as s:
            ref = self._load(s, referral_id)
            if ref.status != "pending":
                raise NotAllowed(
                    translate("Referrals", "推荐{code}已登记为“{status}”，如需更正请由主管操作").format(
                        code=ref.code, status=status_label(ref.status)
                    )
                )
            self._apply(s, ref, inp, by=by, source=source, supervisor="", today=today)
            return self._detail(s, ref)

    def correct_outcome(
        self, referral_id: str, inp: OutcomeInput, *, supervisor: Supervisor, by: str, today: date | None = None
    ) -> ReferralDetail:
        """A supervisor changes a recorded outcome; the earlier one stays in the history."""
        today = today or wallclock.today()
        if not inp.note.strip():
            raise FormInvalid([ValidationError("note", translate("Validation", "请写明更正原因"))])
        with storage_guard(), self.db.write() as s:
            ref = self._load(s, referral_id)
            if ref.status == "pending":
                raise NotAllowed(translate("Referrals", "该推荐还没有结果，请直接登记"))
            self._apply(s, ref, inp, by=by, source="counter", supervisor=supervisor.name, today=today)
            return self._detail(s, ref)

    def _apply(
        self, s: Session, ref: Referral, inp: OutcomeInput, *, by: str, source: str, supervisor: str, today: date
    ) -> None:
        _require_clerk(by)
        posting = s.scalar(select(Posting).where(Posting.id == ref.posting_id))
        assert posting is not None
        errors, pay = _outcome_errors(inp, ref.issued_on, posting.end_date, today)
        if errors:
            raise FormInvalid(errors)
        previous = ref.status
        outcome_on = inp.outcome_on or today
        hired = inp.outcome == "hired"
        s.add(
            ReferralOutcome(
                referral_id=ref.id,
                outcome=inp.outcome,
                previous=previous,
                outcome_on=outcome_on,
                start_date=inp.start_date if hired else None,
                agreed_pay_cents=pay if hired else None,
                agreed_pay_unit=inp.agreed_pay_unit if hired else "",
                reason=inp.reason.strip()[:MAX_NOTE],
                source=source,
                recorded_by=by[:30],
                corrected_by=supervisor,
                note=inp.note.strip()[:MAX_NOTE],
                origin_station=self.clock.node,
                hlc=self.clock.now(),
            )
        )
        ref.status, ref.outcome_on = inp.outcome, outcome_on
        ref.start_date = inp.start_date if hired else None
        ref.agreed_pay_cents = pay if hired else None
        ref.agreed_pay_unit = inp.agreed_pay_unit if hired else ""
        ref.reason = inp.reason.strip()[:MAX_NOTE]
        ref.work_from = inp.start_date if hired else None
        ref.work_to = posting.end_date if hired else None
        ref.hlc = self.clock.now()
        s.flush()
        self._update_fill(s, posting, today)
        log.info("referral %s: %s → %s", ref.code, previous, inp.outcome)

    def _update_fill(self, s: Session, posting: Posting, today: date) -> None:
        if posting.origin_station not in (self.clock.node, ""):
            return  # another station's posting: only it may change its status (README, "Who may change what")
        hired = _hires(s, posting.id)
        if posting.status == "open" and hired >= posting.headcount:
            posting.status, posting.ended_at, posting.end_reason = "filled", utcnow(), AUTO_FILLED
            posting.hlc = self.clock.now()
            log.info("posting %s filled", posting.code)
        elif (
            posting.status == "filled"
            and posting.end_reason == AUTO_FILLED
            and hired < posting.headcount
            and posting.end_date >= today
            and (posting.expires_on is None or posting.expires_on >= today)
        ):
            posting.status, posting.ended_at, posting.end_reason = "open", None, ""
            posting.hlc = self.clock.now()
            log.info("posting %s reopened after a corrected hire", posting.code)

    # ---- follow-up ---------------------------------------------------------------------------
    def record_call(
        self,
        referral_id: str,
        result: str,
        *,
        by: str,
        note: str = "",
        outcome: OutcomeInput | None = None,
        today: date | None = None,
    ) -> ReferralDetail:
        """A follow-up call; a call that learns the outcome records it too, in one transaction."""
        today = today or wallclock.today()
        _require_clerk(by)
        if result not in choice_keys(CALL_RESULTS):
            raise FormInvalid([ValidationError("result", translate("Validation", "请选择回访结果"))])
        if len(note) > MAX_NOTE:
            raise FormInvalid([ValidationError("note", translate("Validation", "最多{n}个字").format(n=MAX_NOTE))])
        with storage_guard(), self.db.write() as s:
            ref = self._load(s, referral_id)
            if ref.status != "pending":
                raise NotAllowed(
                    translate("Referrals", "推荐{code}已有结果“{status}”，无需回访").format(
                        code=ref.code, status=status_label(ref.status)
                    )
                )
            s.add(
                FollowUpCall(
                    referral_id=ref.id,
                    called_on=today,
                    result=result,
                    note=note.strip(),
                    called_by=by[:30],
                    origin_station=self.clock.node,
                    hlc=self.clock.now(),
                )
            )
            if result in OUTCOMES:
                inp = outcome or OutcomeInput(result)
                if inp.outcome != result:
                    raise FormInvalid([ValidationError("result", translate("Validation", "回访结果与登记结果不一致"))])
                self._apply(s, ref, inp, by=by, source="phone", supervisor="", today=today)
            return self._detail(s, ref)

    def cancel(self, referral_id: str, reason: str, *, by: str, today: date | None = None) -> ReferralDetail:
        return self.record_outcome(referral_id, OutcomeInput("cancelled", reason=reason), by=by, today=today)


# ---- helpers ----------------------------------------------------------------------------------


def _hires(s: Session, posting_id: str) -> int:
    """People hired for a posting: counted from the referrals, never kept as a counter."""
    count = select(func.count()).select_from(Referral).where(
        Referral.posting_id == posting_id, Referral.status == "hired"
    )
    return s.scalar(count) or 0


def _require_clerk(name: str) -> None:
    if not name.strip():
        raise NotAllowed(
            translate("Referrals", "请先在“设置 → 经办人姓名”中填写您的姓名，它会印在介绍信上并记入办理记录")
        )


def _posting_status(status: str) -> str:
    return posting_status_label(status)


def _zh(choices: tuple[Choice, ...], key: str) -> str:
    """The Chinese label of a choice, whatever the UI language: slips are in Chinese."""
    for c in choices:
        if c.key == key:
            return str(c.source_label)
    return key


def _zh_job_type(code: str) -> str:
    jt = job_type_by_code().get(code)
    return jt.zh if jt else code


def pay_text_zh(cents: int, unit: str) -> str:
    """'¥180/天', for the slip."""
    return f"¥{yuan(cents)}/{_zh(WAGE_UNITS, unit).removeprefix('元/')}"


def _dates_text(start: date, end: date) -> str:
    return f"{start} — {end}" if start != end else str(start)


def _outcome_note(o: ReferralOutcome) -> str:
    parts = []
    if o.outcome == "hired":
        if o.start_date:
            parts.append(translate("Referrals", "上岗{d}").format(d=o.start_date))
        if o.agreed_pay_cents:
            parts.append(pay_text(o.agreed_pay_cents, o.agreed_pay_unit))
    elif o.outcome == "not_hired" and o.reason:
        parts.append(label_of(NOT_HIRED_REASONS, o.reason))
    elif o.reason:
        parts.append(o.reason)
    if o.note:
        parts.append(o.note)
    return "；".join(parts)


def _seeker_facts(s: Seeker) -> SeekerFacts:
    return SeekerFacts(
        id=s.id,
        pk=s.pk,
        name=s.name,
        id_masked=s.id_masked,
        phone=s.phone,
        sex=s.sex,
        birth_date=s.birth_date.isoformat(),
        district=s.district_code,
        job_types=tuple(s.job_types or ()),
        skills=s.skills,
        avail_from=s.avail_from.isoformat() if s.avail_from else None,
        avail_to=s.avail_to.isoformat() if s.avail_to else None,
        slots=frozenset(s.avail_slots or ()),
        wage_cents=s.wage_expect_cents,
        wage_unit=s.wage_unit,
        groups=tuple(s.groups or ()),
    )


def _posting_facts(p: Posting, e: Employer | None) -> PostingFacts:
    return PostingFacts(
        id=p.id,
        pk=p.pk,
        code=p.code,
        title=p.title,
        job_type=p.job_type,
        employer_name=(e.short_name or e.name) if e else "",
        headcount=p.headcount,
        hired=0,
        pending=0,
        pay_cents=p.pay_cents,
        pay_unit=p.pay_unit,
        settlement=p.settlement,
        district=p.district_code,
        start=p.start_date.isoformat(),
        end=p.end_date.isoformat(),
        daily_hours=p.daily_hours,
        work_time=p.work_time,
        requirements=f"{p.requirements} {p.conditions}",
        age_min=p.age_min,
        age_max=p.age_max,
        sex_limit=p.sex_limit,
        limit_reason=p.limit_reason,
    )


__all__ = ["PayloadError", "ReferralService", "ScanRefused"]
