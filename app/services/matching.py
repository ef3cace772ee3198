"""Matching people and open postings (人岗匹配): the hard rules, a fit score, and the reasons for it.

A posting and a person *fit* unless a hard rule says no: the posting is open, in date and its
employer not suspended; the person is of the age and sex a justified limit asks, free on some of
the days, and not already placed in a job whose days and hours clash (two short jobs on one day
are fine when their hours do not overlap). Among those that fit, points rank them:

    job type     exact 40, related (same category of the taxonomy) 20
    distance     same county 25, same prefecture 15, farther 0   (by GB/T 2260 codes; day work is local)
    pay          up to 15, against the person's expectation, per day where the units differ
    dates        up to 10, for how many of the remaining work days the person is free
    hours        up to 10, for how much of the working time falls in the parts of the day they are free
    certificates up to 5, when the requirements name certificates (健康证, 电工证…) the skills list
    headcount    5 while places are not all taken by pending referrals

People in special groups come first when otherwise equal (employment-assistance policy), then
the newest registration. Each result says why it ranks where it does: "工种一致 · 日薪高于期望¥20 · 同区".

Both directions read candidates tier by tier — (exact or related type) × (county, prefecture,
province, elsewhere) — from indexes, best possible score first, and stop once the `limit`-th
result beats the best the next tier could reach; a million people are never all scored.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypeVar

from app import clock as wallclock
from app.errors import NotFoundError, storage_guard
from app.i18n import translate
from app.reference import SPECIAL_GROUPS, county_name, job_type_by_code, label_of, region_name
from app.services.postings import yuan
from app.validation.phone import mask_phone
from app.validation.work_time import SLOT_WINDOWS, Window, parse_work_windows, slots_of, windows_overlap
from db.session import Database

log = logging.getLogger("linggong.matching")

JOB_EXACT, JOB_RELATED = 40.0, 20.0
NEAR = {"county": 25.0, "prefecture": 15.0, "province": 0.0, "elsewhere": 0.0}
PAY, DATES, HOURS, CERTS, HEADCOUNT = 15.0, 10.0, 10.0, 5.0, 5.0
REST = PAY + DATES + HOURS + CERTS + HEADCOUNT
# 法定月计薪天数: a monthly wage compared per day.
MONTH_PAY_DAYS = 21.75
MIN_WORKING_AGE = 16
DEFAULT_LIMIT = 30

# Certificates a requirement may name, each with the ways people write it.
CERTIFICATES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("健康证", ("健康证",)),
    ("电工证", ("电工证", "电工操作证", "低压电工", "高压电工")),
    ("焊工证", ("焊工证", "焊接证", "焊工操作证")),
    ("叉车证", ("叉车证", "叉车操作证", "叉车司机证")),
    ("驾驶证", ("驾驶证", "驾照", "C1", "C2", "B1", "B2", "A1", "A2")),
    ("高处作业证", ("高处作业证", "登高证", "高空作业证")),
    ("育婴员证", ("育婴员", "育婴师")),
    ("养老护理员证", ("养老护理员", "护理员证")),
    ("保安员证", ("保安员证", "保安证")),
    ("厨师证", ("厨师证", "厨师资格", "中式烹调师证")),
    ("家政服务员证", ("家政服务员证", "家政证")),
)


def certificates_in(text: str) -> tuple[str, ...]:
    upper = (text or "").upper()
    return tuple(name for name, words in CERTIFICATES if any(w in upper for w in words))


def _near_word(county: str) -> str:
    name = county_name(county)
    return {"区": translate("Matching", "同区"), "县": translate("Matching", "同县")}.get(
        name[-1:], translate("Matching", "同在{place}").format(place=name)
    )


def _period_words(unit: str) -> str:
    return {
        "hour": translate("Matching", "时薪"),
        "day": translate("Matching", "日薪"),
        "month": translate("Matching", "月薪"),
        "piece": translate("Matching", "计件单价"),
    }.get(unit, unit)


@dataclass(frozen=True)
class Fit:
    score: float
    reasons: tuple[str, ...]  # why it ranks where it does, good news first
    concerns: tuple[str, ...]  # what a clerk should mention (lower pay, a missing certificate…)

    @property
    def summary(self) -> str:
        return " · ".join(self.reasons + self.concerns)


@dataclass(frozen=True)
class SeekerFacts:
    id: str
    pk: int
    name: str
    id_masked: str
    phone: str
    sex: str
    birth_date: str  # ISO, compared as text
    district: str
    job_types: tuple[str, ...]
    skills: str
    avail_from: str | None
    avail_to: str | None
    slots: frozenset[str]
    wage_cents: int | None
    wage_unit: str
    groups: tuple[str, ...]


@dataclass(frozen=True)
class PostingFacts:
    id: str
    pk: int
    code: str
    title: str
    job_type: str
    employer_name: str
    headcount: int
    hired: int
    pending: int
    pay_cents: int
    pay_unit: str
    settlement: str
    district: str
    start: str
    end: str
    daily_hours: float
    work_time: str
    requirements: str
    age_min: int | None
    age_max: int | None
    sex_limit: str
    limit_reason: str = ""

    @property
    def free(self) -> int:
        """Places neither filled nor promised to a pending referral."""
        return self.headcount - self.hired - self.pending


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


class Scorer:
    """Everything about one posting that scoring needs, computed once; then `fit(seeker)` is cheap."""

    def __init__(self, posting: PostingFacts, today: date) -> None:
        self.p = posting
        types = job_type_by_code()
        jt = types.get(posting.job_type)
        self.category = jt.category if jt else ""
        self.related = frozenset(c for c, t in types.items() if t.category == self.category) - {posting.job_type}
        first = max(date.fromisoformat(posting.start), today)
        self.first, self.last = first, date.fromisoformat(posting.end)
        self.period = (first.isoformat(), posting.end)
        self.days = (self.last - first).days + 1
        # Born on or before `born_by` (old enough) and after `born_after` (not too old), compared with
        # the birth date as kept: the 1st of the month. Someone counts as old enough once every day of
        # the birth month is, and as not too old while the 1st of it still is: at a limit's edge a
        # person may wait up to a month, but nobody too young or too old is ever matched or referred.
        old_enough = _years_before(first, max(posting.age_min or 0, MIN_WORKING_AGE))
        self.born_by = ((old_enough + timedelta(days=1)).replace(day=1) - timedelta(days=1)).isoformat()
        self.born_after = _years_before(first, posting.age_max + 1).isoformat() if posting.age_max else ""
        self.windows = parse_work_windows(posting.work_time)
        self.slots = slots_of(self.windows) if self.windows else frozenset()
        self.certs = certificates_in(posting.requirements)
        self.cert_words = {name: words for name, words in CERTIFICATES if name in self.certs}
        self.pay_unit_word = _period_words(posting.pay_unit)
        self.prefecture = posting.district[:4]
        self.province = posting.district[:2]
        self.near_word = _near_word(posting.district)
        prefecture = region_name(self.prefecture + "00")
        self.prefecture_word = (
            translate("Matching", "同市") if prefecture.endswith("市") else translate("Matching", "同市州")
        )

    # -- hard rules ---------------------------------------------------------------------------
    def allows(self, s: SeekerFacts) -> bool:
        p = self.p
        if s.birth_date > self.born_by or (self.born_after and s.birth_date <= self.born_after):
            return False
        if p.sex_limit and s.sex != p.sex_limit:
            return False
        return not ((s.avail_from and s.avail_from > self.period[1]) or (s.avail_to and s.avail_to < self.period[0]))

    # -- points -------------------------------------------------------------------------------
    def fit(self, s: SeekerFacts) -> Fit | None:
        if not self.allows(s):
            return None
        reasons: list[str] = []
        concerns: list[str] = []
        score = 0.0
        if self.p.job_type in s.job_types:
            score += JOB_EXACT
            reasons.append(translate("Matching", "工种一致"))
        else:
            score += JOB_RELATED
            reasons.append(translate("Matching", "相近工种"))
        score += self._pay(s, reasons, concerns)
        score += self._distance(s, reasons, concerns)
        score += self._dates(s, concerns)
        score += self._hours(s, reasons, concerns)
        score += self._certs(s, reasons, concerns)
        if self.p.free > 0:
            score += HEADCOUNT
        else:
            concerns.append(translate("Matching", "名额已被待定推荐占满"))
        return Fit(round(score, 1), tuple(reasons), tuple(concerns))

    def _distance(self, s: SeekerFacts, reasons: list[str], concerns: list[str]) -> float:
        if s.district == self.p.district:
            reasons.append(self.near_word)
            return NEAR["county"]
        if s.district[:4] == self.prefecture:
            reasons.append(self.prefecture_word)
            return NEAR["prefecture"]
        if s.district[:2] == self.province:
            concerns.append(translate("Matching", "跨市州"))
            return NEAR["province"]
        concerns.append(translate("Matching", "省外"))
        return NEAR["elsewhere"]

    def _pay(self, s: SeekerFacts, reasons: list[str], concerns: list[str]) -> float:
        p = self.p
        if not s.wage_cents:
            return PAY * 2 / 3
        if p.pay_unit == "piece" or s.wage_unit == "piece":
            if p.pay_unit == s.wage_unit:
                offered, wanted, word, assumption = p.pay_cents, s.wage_cents, self.pay_unit_word, ""
            else:
                concerns.append(translate("Matching", "计件与计时工资无法比较"))
                return PAY / 2
        elif p.pay_unit == s.wage_unit:
            offered, wanted, word, assumption = p.pay_cents, s.wage_cents, self.pay_unit_word, ""
        else:
            # Converted figures are compared in whole yuan: ¥0.46 of a rounding says nothing.
            offered = round(self._per_day(p.pay_cents, p.pay_unit), -2)
            wanted = round(self._per_day(s.wage_cents, s.wage_unit), -2)
            word = _period_words("day")
            assumption = self._assumption(p.pay_unit, s.wage_unit)
        diff = offered - wanted
        if diff >= 0:
            text = (
                translate("Matching", "{word}高于期望¥{d}").format(word=word, d=yuan(diff))
                if diff
                else translate("Matching", "{word}符合期望").format(word=word)
            )
            reasons.append(text + assumption)
            return PAY
        concerns.append(translate("Matching", "{word}低于期望¥{d}").format(word=word, d=yuan(-diff)) + assumption)
        return PAY * max(0.0, 1 - 3 * (-diff) / wanted)

    def _per_day(self, cents: int, unit: str) -> int:
        if unit == "hour":
            return round(cents * self.p.daily_hours)
        if unit == "month":
            return round(cents / MONTH_PAY_DAYS)
        return cents

    def _assumption(self, *units: str) -> str:
        parts = []
        if "hour" in units:
            parts.append(translate("Matching", "按每天{h}小时").format(h=f"{self.p.daily_hours:g}"))
        if "month" in units:
            parts.append(translate("Matching", "按每月{d}天").format(d=f"{MONTH_PAY_DAYS:g}"))
        return translate("Matching", "（{a}折算）").format(a="、".join(parts)) if parts else ""

    def _dates(self, s: SeekerFacts, concerns: list[str]) -> float:
        lo = max(self.period[0], s.avail_from or self.period[0])
        hi = min(self.period[1], s.avail_to or self.period[1])
        if (lo, hi) == self.period:
            return DATES
        free = (date.fromisoformat(hi) - date.fromisoformat(lo)).days + 1
        concerns.append(translate("Matching", "{n}天中{m}天有空").format(n=self.days, m=free))
        return DATES * free / self.days

    def _hours(self, s: SeekerFacts, reasons: list[str], concerns: list[str]) -> float:
        wanted = s.slots & SLOT_WINDOWS.keys()
        if not wanted or not self.slots:
            return HOURS
        if self.slots <= wanted:
            reasons.append(translate("Matching", "时段合适"))
            return HOURS
        if self.slots & wanted:
            concerns.append(translate("Matching", "时段部分符合"))
            return HOURS / 2
        concerns.append(translate("Matching", "时段不符"))
        return 0.0

    def _certs(self, s: SeekerFacts, reasons: list[str], concerns: list[str]) -> float:
        if not self.certs:
            return CERTS
        skills = s.skills.upper()
        missing = [name for name, words in self.cert_words.items() if not any(w in skills for w in words)]
        if missing:
            concerns.append(translate("Matching", "缺{certs}").format(certs="、".join(missing)))
            return CERTS * (1 - len(missing) / len(self.certs))
        reasons.append(translate("Matching", "有{certs}").format(certs="、".join(self.certs)))
        return CERTS


@dataclass(frozen=True)
class SeekerMatch:
    seeker: SeekerFacts
    fit: Fit
    referred: bool  # a referral to this posting is pending

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.seeker.phone)

    @property
    def group_labels(self) -> str:
        return "、".join(label_of(SPECIAL_GROUPS, g) for g in self.seeker.groups)


@dataclass(frozen=True)
class PostingMatch:
    posting: PostingFacts
    fit: Fit
    referred: bool


@dataclass(frozen=True)
class Placement:
    """A job a person is hired for: the days and the hours."""

    posting_title: str
    employer_name: str
    work_from: str
    work_to: str
    windows: tuple[Window, ...] | None


_SEEKER_COLUMNS = (
    "s.id, s.pk, s.name, s.id_masked, s.phone, s.sex, s.birth_date, s.district_code, s.job_types, s.skills,"
    " s.avail_from, s.avail_to, s.avail_slots, s.wage_expect_cents, s.wage_unit, s.groups"
)
_POSTING_COLUMNS = (
    "p.id, p.pk, p.code, p.title, p.job_type, coalesce(nullif(e.short_name, ''), e.name), p.headcount,"
    " (SELECT count(*) FROM referrals r WHERE r.posting_id = p.id AND r.status = 'hired'),"
    " (SELECT count(*) FROM referrals r WHERE r.posting_id = p.id AND r.status = 'pending'),"
    " p.pay_cents, p.pay_unit, p.settlement, p.district_code, p.start_date, p.end_date, p.daily_hours,"
    " p.work_time, p.requirements || ' ' || p.conditions, p.age_min, p.age_max, p.sex_limit, p.limit_reason"
)
# Open, in date, and the employer not suspended: the only postings anyone is matched with.
_POSTING_LIVE = (
    "p.status = 'open' AND p.deleted = 0 AND p.end_date >= ? AND (p.expires_on IS NULL OR p.expires_on >= ?)"
    " AND e.suspended = 0 AND e.deleted = 0"
)

_TIERS = (
    (False, "county"), (False, "prefecture"), (False, "province"), (False, "elsewhere"),
    (True, "county"), (True, "prefecture"), (True, "province"), (True, "elsewhere"),
)  # fmt: skip


def _district_clause(column: str, near: str, district: str) -> tuple[str, list[str]]:
    """A condition on `column` selecting one ring around `district`, served by an index range."""
    pref, prov = district[:4], district[:2]
    if near == "county":
        return f"{column} = ?", [district]
    if near == "prefecture":
        return f"{column} >= ? AND {column} < ? AND {column} <> ?", [pref, pref + "~", district]
    if near == "province":
        sql = f"{column} >= ? AND {column} < ? AND NOT ({column} >= ? AND {column} < ?)"
        return sql, [prov, prov + "~", pref, pref + "~"]
    return f"NOT ({column} >= ? AND {column} < ?)", [prov, prov + "~"]


class Matcher:
    """Ranked matches, as hand-written SQL on a read connection kept for one thread (like search)."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._conn: Any = None
        self._json: dict[str, Any] = {}

    def _rows(self, sql: str, params: Iterable[Any]) -> list[tuple[Any, ...]]:
        if self._conn is None:
            self._conn = self.db.raw_reader()
        return list(self._conn.execute(sql, list(params)).fetchall())

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _parsed(self, text: str | None) -> Any:
        """JSON lists repeat a lot (the same slots, the same groups): parse each text once."""
        key = text or "[]"
        value = self._json.get(key)
        if value is None:
            value = json.loads(key)
            if len(self._json) < 50_000:
                self._json[key] = value
        return value

    def _seeker(self, r: tuple[Any, ...]) -> SeekerFacts:
        return SeekerFacts(
            r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], tuple(self._parsed(r[8])), r[9] or "",
            r[10], r[11], frozenset(self._parsed(r[12])), r[13], r[14], tuple(self._parsed(r[15])),
        )  # fmt: skip

    @staticmethod
    def _posting(r: tuple[Any, ...]) -> PostingFacts:
        return PostingFacts(*r)

    # -- placements -----------------------------------------------------------------------------
    def placements(self, seeker_id: str, today: date | None = None) -> list[Placement]:
        """The jobs a person is hired for that have not ended."""
        today = today or wallclock.today()
        with storage_guard():
            rows = self._rows(
                "SELECT p.title, coalesce(nullif(e.short_name, ''), e.name), r.work_from, r.work_to, p.work_time"
                " FROM referrals r JOIN postings p ON p.id = r.posting_id JOIN employers e ON e.id = p.employer_id"
                " WHERE r.seeker_id = ? AND r.status = 'hired' AND r.work_to >= ? AND r.deleted = 0"
                " ORDER BY r.work_from",
                [seeker_id, today.isoformat()],
            )
        return [Placement(t, e, f, to, parse_work_windows(wt)) for t, e, f, to, wt in rows]

    def _busy(self, first: str, last: str) -> dict[str, list[tuple[Window, ...] | None]]:
        """Everyone hired for days between first and last, with the hours of those jobs."""
        busy: dict[str, list[tuple[Window, ...] | None]] = {}
        for seeker_id, work_time in self._rows(
            "SELECT r.seeker_id, p.work_time FROM referrals r JOIN postings p ON p.id = r.posting_id"
            " WHERE r.status = 'hired' AND r.work_to >= ? AND r.work_from <= ? AND r.deleted = 0",
            [first, last],
        ):
            busy.setdefault(seeker_id, []).append(parse_work_windows(work_time))
        return busy

    # -- one posting, many people ----------------------------------------------------------------
    def seekers_for(
        self, posting_id: str, *, today: date | None = None, limit: int = DEFAULT_LIMIT
    ) -> list[SeekerMatch]:
        today = today or wallclock.today()
        iso = today.isoformat()
        with storage_guard():
            rows = self._rows(
                f"SELECT {_POSTING_COLUMNS} FROM postings p JOIN employers e ON e.id = p.employer_id"
                f" WHERE p.id = ? AND {_POSTING_LIVE}",
                [posting_id, iso, iso],
            )
            if not rows:
                return []
            scorer = Scorer(self._posting(rows[0]), today)
            busy = self._busy(*scorer.period)
            referred = {r[0] for r in self._rows(
                "SELECT seeker_id FROM referrals WHERE posting_id = ? AND status = 'pending'", [posting_id]
            )}  # fmt: skip
            hired_here = {r[0] for r in self._rows(
                "SELECT seeker_id FROM referrals WHERE posting_id = ? AND status = 'hired'", [posting_id]
            )}  # fmt: skip

            def candidates(related: bool, near: str) -> list[tuple[Any, ...]]:
                types = sorted(scorer.related) if related else [scorer.p.job_type]
                if not types:
                    return []
                where, params = _district_clause("j.district_code", near, scorer.p.district)
                marks = ",".join("?" * len(types))
                return self._rows(
                    f"SELECT {_SEEKER_COLUMNS} FROM seeker_job_index j JOIN seekers s ON s.pk = j.seeker_pk"
                    f" WHERE j.job_type IN ({marks}) AND {where}",
                    [*types, *params],
                )

            def accept(row: tuple[Any, ...]) -> SeekerMatch | None:
                s = self._seeker(row)
                if s.id in hired_here or any(windows_overlap(scorer.windows, w) for w in busy.get(s.id, ())):
                    return None
                fit = scorer.fit(s)
                return SeekerMatch(s, fit, s.id in referred) if fit else None

            return _ranked(
                tier_bound, candidates, accept, key=lambda m: (m.fit.score, bool(m.seeker.groups), m.seeker.pk),
                ident=lambda row: row[1], limit=limit,
            )  # fmt: skip

    # -- one person, many postings ---------------------------------------------------------------
    def postings_for(
        self, seeker_id: str, *, today: date | None = None, limit: int = DEFAULT_LIMIT
    ) -> list[PostingMatch]:
        today = today or wallclock.today()
        iso = today.isoformat()
        with storage_guard():
            rows = self._rows(f"SELECT {_SEEKER_COLUMNS} FROM seekers s WHERE s.id = ? AND s.deleted = 0", [seeker_id])
            if not rows:
                raise NotFoundError(seeker_id)
            seeker = self._seeker(rows[0])
            jobs = self.placements(seeker_id, today)
            status_by_posting = dict(self._rows(
                "SELECT posting_id, status FROM referrals WHERE seeker_id = ? AND status IN ('pending', 'hired')",
                [seeker_id],
            ))  # fmt: skip
            types = job_type_by_code()
            exact = sorted(set(seeker.job_types))
            categories = {types[c].category for c in exact if c in types}
            related = sorted({c for c, t in types.items() if t.category in categories} - set(exact))

            def candidates(is_related: bool, near: str) -> list[tuple[Any, ...]]:
                codes = related if is_related else exact
                if not codes:
                    return []
                where, params = _district_clause("p.district_code", near, seeker.district)
                marks = ",".join("?" * len(codes))
                return self._rows(
                    f"SELECT {_POSTING_COLUMNS} FROM postings p JOIN employers e ON e.id = p.employer_id"
                    f" WHERE p.job_type IN ({marks}) AND {where} AND {_POSTING_LIVE}",
                    [*codes, *params, iso, iso],
                )

            def accept(row: tuple[Any, ...]) -> PostingMatch | None:
                posting = self._posting(row)
                if status_by_posting.get(posting.id) == "hired":
                    return None
                scorer = Scorer(posting, today)
                if any(
                    job.work_from <= scorer.period[1]
                    and job.work_to >= scorer.period[0]
                    and windows_overlap(scorer.windows, job.windows)
                    for job in jobs
                ):
                    return None
                fit = scorer.fit(seeker)
                return PostingMatch(posting, fit, posting.id in status_by_posting) if fit else None

            return _ranked(
                tier_bound, candidates, accept, key=lambda m: (m.fit.score, 0, m.posting.pk),
                ident=lambda row: row[1], limit=limit,
            )  # fmt: skip


def tier_bound(related: bool, near: str) -> float:
    """The most a candidate of a tier can score."""
    return (JOB_RELATED if related else JOB_EXACT) + NEAR[near] + REST


M = TypeVar("M")


def _ranked(
    bound: Callable[[bool, str], float],
    candidates: Callable[[bool, str], list[tuple[Any, ...]]],
    accept: Callable[[tuple[Any, ...]], M | None],
    *,
    key: Callable[[M], tuple[float, int, int]],
    ident: Callable[[tuple[Any, ...]], int],
    limit: int,
) -> list[M]:
    """Walk the tiers best-first; stop when the limit-th result beats everything still unread."""
    tiers = sorted(_TIERS, key=lambda t: -bound(*t))
    found: list[M] = []
    seen: set[int] = set()
    for i, (related, near) in enumerate(tiers):
        for row in candidates(related, near):
            k = ident(row)
            if k in seen:
                continue
            seen.add(k)
            match = accept(row)
            if match is not None:
                found.append(match)
        found.sort(key=key, reverse=True)
        del found[limit:]
        if len(found) == limit and i + 1 < len(tiers) and key(found[-1])[0] > bound(*tiers[i + 1]):
            break
    return found
