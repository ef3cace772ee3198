"""The hall board's data (大屏): counts for today, this month and in all, the open posts, recent
placements. Qt-free; the board in ui/board/ only draws what this returns.

Nothing personal ever leaves here: names are masked inside SQLite (张*丰), households and sole
traders without a shop name are shown as such rather than by their owner's name, and numbers in
free text that could be a phone or an ID (one typed into a title) are blanked. ID numbers and phones
are never selected at all.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from app import clock as wallclock
from app.errors import StorageError, ValidationError, storage_guard
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.reference import SETTLEMENTS, Choice, county_name, job_type_label, label_of, place_names, region_name
from app.services.postings import yuan
from app.settings import Settings
from db.session import BUSY_TIMEOUT_MS as DB_BUSY_TIMEOUT_MS
from db.session import Database

log = logging.getLogger("linggong.board")

# The board pages through the newest open posts; more than this many pages would take longer to
# cycle than anyone stands in front of a screen. The rest are at the counter and on the phone page.
BOARD_LIMIT = 120
TICKER_LIMIT = 20
TICKER_DAYS = 7
NEW_HOURS = 24
# The board waits less than the counter for a busy database: it shows its last figures instead.
BUSY_TIMEOUT_MS = 1500

PAY_SUFFIXES: tuple[Choice, ...] = (
    Choice("hour", QT_TRANSLATE_NOOP("Board", "/时"), "Board"),
    Choice("day", QT_TRANSLATE_NOOP("Board", "/天"), "Board"),
    Choice("piece", QT_TRANSLATE_NOOP("Board", "/件"), "Board"),
    Choice("month", QT_TRANSLATE_NOOP("Board", "/月"), "Board"),
)

# A run of digits (ASCII, full-width or Chinese numerals) possibly split by the separators people
# type into numbers: 138 1234 5678, 138－1234－5678, 0851-22386002, 一三八一二三四五六七八.
_CN_DIGITS = "〇零一二三四五六七八九"
_DIGIT = rf"[\d{_CN_DIGITS}]"
_NUMBER_RUN = re.compile(rf"{_DIGIT}(?:[\s\-－—–.．/／_·]*{_DIGIT})*")
_DIGIT_MAP = str.maketrans({**{c: str(i) for i, c in enumerate("零一二三四五六七八九")}, "〇": "0"})

# The name masked by SQLite itself, so a full name is never read into the board's process:
# 王五 → 王*, 张三丰 → 张*丰, 阿依古丽·买买提 → 阿*提.
_MASKED_NAME = (
    "CASE WHEN length(s.name) <= 2 THEN substr(s.name, 1, 1) || '*'"
    " ELSE substr(s.name, 1, 1) || '*' || substr(s.name, -1, 1) END"
)


@dataclass(frozen=True)
class Counts:
    offered: int  # places (headcount) in posts released in the period
    registered: int  # job seekers registered
    placed: int  # hires recorded


@dataclass(frozen=True)
class BoardPosting:
    code: str
    title: str
    job_type: str
    pay: str  # ¥180/天
    places_left: int
    district: str
    employer: str
    settlement: str
    benefits: tuple[str, ...]  # 包吃, 包住, 交通
    posted: str  # 3小时前
    is_new: bool


@dataclass(frozen=True)
class BoardPlacement:
    name: str  # masked: 张*丰
    job: str
    employer: str
    on: date


@dataclass(frozen=True)
class BoardSnapshot:
    title: str
    taken_at: datetime  # local time
    today: Counts
    month: Counts
    total: Counts
    open_postings: int  # all open posts, of which `postings` holds the newest BOARD_LIMIT
    open_places: int  # places still to fill in them
    postings: tuple[BoardPosting, ...]
    placements: tuple[BoardPlacement, ...]
    qr_url: str  # the phone page of open posts; "" without a server
    page_seconds: int = 10


MARKET_NAME_MAX = 40
MARKET_KINDS = (QT_TRANSLATE_NOOP("Board", "零工市场"), QT_TRANSLATE_NOOP("Board", "零工驿站"))


def market_name_for(province_name: str, district_full_name: str, kind: str) -> str:
    """The name by the naming rule: province + prefecture + county + 零工市场 (or 零工驿站)."""
    return f"{province_name}{district_full_name}{kind}"


def check_market_name(text: str) -> tuple[str, str]:
    """The board title cleaned, and a warning when it does not follow the naming rule.

    Raises ValidationError("market_name", …) for an empty or overlong name.
    """
    name = "".join(text.split())
    if not name:
        raise ValidationError("market_name", translate("Board", "请输入市场或驿站名称"))
    if len(name) > MARKET_NAME_MAX:
        raise ValidationError(
            "market_name", translate("Board", "名称最多{n}个字，现在是{m}个").format(n=MARKET_NAME_MAX, m=len(name))
        )
    warning = ""
    if not name.endswith(MARKET_KINDS):
        warning = translate("Board", "按命名规范，名称应以“零工市场”或“零工驿站”结尾，如 贵州省贵阳市观山湖区零工市场")
    return name, warning


def _looks_personal(number: str) -> bool:
    """Whether a run of digits (written any way) could be a phone or an ID number."""
    plain = "".join(str(unicodedata.digit(c)) if c.isdigit() else c for c in number.translate(_DIGIT_MAP))
    groups = [g for g in re.split(r"[^0-9]+", plain) if g]
    digits = "".join(groups)
    # A mobile (11 digits from 1), a landline with its area code (10-12 from 0), an ID (15 or 18),
    # or seven digits unbroken. Pay ranges (3000-5000), dates (2026-12-01) and counts stay.
    return (
        any(len(g) >= 7 for g in groups)
        or (len(digits) == 11 and digits[0] == "1")
        or (10 <= len(digits) <= 12 and digits[0] == "0")
        or len(digits) in (15, 18)
    )


def scrub(text: str) -> str:
    """Free text fit for a public screen: anything that could be a phone or ID number blanked."""
    return _NUMBER_RUN.sub(lambda m: "***" if _looks_personal(m.group()) else m.group(), text)


def pay_board_text(cents: int, unit: str) -> str:
    return f"¥{yuan(cents)}{label_of(PAY_SUFFIXES, unit)}"


def posted_text(opened_utc: datetime, now: datetime) -> str:
    """How recently a post went up, in words: 刚刚, 3小时前, 昨天, 5天前 (days by the local calendar)."""
    opened = _local(opened_utc)
    age = now - opened
    if age < timedelta(hours=1):
        return translate("Board", "刚刚")
    if age < timedelta(hours=24):
        return translate("Board", "{n}小时前").format(n=int(age / timedelta(hours=1)))
    days = (now.date() - opened.date()).days
    if days <= 1:
        return translate("Board", "昨天")
    return translate("Board", "{n}天前").format(n=days)


def phone_page_url(server_url: str, station_code: str) -> str:
    """Where the board's QR code leads: the server's page of open posts for this station's region."""
    base = server_url.strip().rstrip("/")
    return f"{base}/jobs?station={station_code}" if base else ""


def _utc(local: datetime) -> datetime:
    """A local (Beijing) wall-clock time as the naive UTC the database stores."""
    return wallclock.to_utc(local)


def _local(utc: datetime) -> datetime:
    """A naive UTC time from the database as local (Beijing) wall-clock time."""
    return wallclock.to_local(utc)


def _day_start(day: date) -> str:
    """Local midnight as the UTC text the database compares with (created_at, opened_at)."""
    return _utc(datetime.combine(day, time())).isoformat(" ")


_COMPANY_SUFFIXES = ("股份有限公司", "有限责任公司", "有限公司")


def short_employer_name(name: str) -> str:
    """A registered name shortened for a screen when no short name was given: the places it starts
    with and the company form dropped (贵州省贵阳市观山湖区佳美餐馆 → 佳美餐馆)."""
    places = place_names()
    out = name
    stripped = True
    while stripped:
        stripped = False
        for n in range(min(len(out) - 2, 12), 1, -1):
            if out[:n] in places:
                out, stripped = out[n:], True
                break
    for suffix in _COMPANY_SUFFIXES:
        if out.endswith(suffix) and len(out) - len(suffix) >= 4:
            out = out[: -len(suffix)]
            break
    return out


# The last characters of a sole trader's name that make it a shop's name rather than the owner's.
_BUSINESS_ENDINGS = (
    "店", "馆", "行", "部", "坊", "厂", "社", "场", "所", "中心", "工作室", "公司", "超市", "餐厅", "酒家",
    "饭庄", "食堂", "铺", "园", "站", "院", "队", "摊", "庄", "厅", "吧", "屋", "堂", "房", "室",
)  # fmt: skip


def _employer_text(kind: str, short_name: str, name: str) -> str:
    if kind == "household":  # a household's name is its owner's: a person
        return translate("Board", "个人雇主")
    shown = scrub(short_name or short_employer_name(name))
    # A sole trader (个体工商户) with no shop name trades under the owner's own name.
    if kind == "individual" and not shown.endswith(_BUSINESS_ENDINGS):
        return translate("Board", "个体商户")
    return shown


def _benefits(meals: Any, lodging: Any, transport: Any) -> tuple[str, ...]:
    tags = []
    if meals:
        tags.append(translate("Board", "包吃"))
    if lodging:
        tags.append(translate("Board", "包住"))
    if transport:
        tags.append(translate("Board", "交通"))
    return tuple(tags)


def _page_seconds(value: object) -> int:
    """The page time from a settings file someone may have edited by hand: 10 s when it is not a number."""
    try:
        return max(3, min(600, int(value)))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return 10


def _district_text(code: str) -> str:
    return county_name(code) or region_name(code)


class BoardService:
    """The board's queries on one read connection of its own, used by one thread at a time.

    `changed()` is `PRAGMA data_version`: it moves when any other connection — the counter, an
    import, a sync — commits, so the board re-reads only after a change (or when the time says so).
    """

    def __init__(
        self,
        db: Database,
        settings: Settings,
        *,
        now: Callable[[], datetime] | None = None,
        limit: int = BOARD_LIMIT,
        settings_path: Path | None = None,
    ) -> None:
        self.db = db
        self.settings = settings
        self.now = now or wallclock.local_now
        self.limit = limit
        # The title, the page time and the server address can be changed at the counter while the
        # board runs: the settings file is read again when it changes.
        self.settings_path = settings_path
        self._settings_stamp = self._stamp()
        self._conn: Any = None
        self._file: tuple[int, int] | None = None
        self._version: int | None = None

    def _stamp(self) -> tuple[int, int] | None:
        if self.settings_path is None:
            return None
        try:
            st = self.settings_path.stat()
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size

    def _settings_moved(self) -> bool:
        stamp = self._stamp()
        if stamp is None or stamp == self._settings_stamp:
            return False
        assert self.settings_path is not None
        try:
            settings = Settings.read(self.settings_path)
        except (OSError, ValueError) as exc:
            # Half-written, locked by another program, unreadable: keep the last good settings (and
            # another market's default title off this screen) and try again next time.
            log.warning("board settings unreadable (%s); keeping the last ones", type(exc).__name__)
            return False
        self._settings_stamp, self.settings = stamp, settings
        return True

    def _connection(self) -> Any:
        if self._conn is None:
            with storage_guard():
                self._file = self._file_identity()
                self._conn = self.db.raw_reader()
                self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return self._conn

    def _file_identity(self) -> tuple[int, int]:
        st = self.db.path.stat()
        return st.st_dev, st.st_ino

    def _file_replaced(self) -> bool:
        """Whether the database file was replaced (restored from a backup) under the open connection,
        which would otherwise go on reading the old, deleted file without a word."""
        if self._conn is None:
            return False
        with storage_guard():
            return self._file_identity() != self._file

    def changed(self) -> bool:
        """Whether anything was committed, or the settings changed, since the last call (True the first time)."""
        try:
            if self._file_replaced():
                self.close(broken=True)
            with storage_guard():
                version = int(self._connection().execute("PRAGMA data_version").fetchone()[0])
        except StorageError:
            self.close(broken=True)  # the next try opens afresh: a restored database file is found again
            raise
        moved = version != self._version
        self._version = version
        return self._settings_moved() or moved

    def snapshot(self) -> BoardSnapshot:
        """Everything the board shows, read in one transaction so the counts agree with the list."""
        now = self.now()
        today = now.date()
        try:
            with storage_guard():
                conn = self._connection()
                conn.execute("BEGIN")
                try:
                    snapshot = self._read(conn, now, today)
                except BaseException:
                    if conn.in_transaction:  # SQLite may have rolled back already; keep the first error
                        conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
                return snapshot
        except StorageError:
            self.close(broken=True)
            raise

    def _read(self, conn: Any, now: datetime, today: date) -> BoardSnapshot:
        sql = conn.execute
        day0, day1 = _day_start(today), _day_start(today + timedelta(days=1))
        month0 = _day_start(today.replace(day=1))

        def counts(since: str | None, since_day: date | None) -> Counts:
            if since is None:
                offered = sql(
                    "SELECT COALESCE(SUM(headcount), 0) FROM postings WHERE opened_at IS NOT NULL AND deleted = 0"
                ).fetchone()[0]
                registered = sql("SELECT COUNT(*) FROM seekers WHERE deleted = 0").fetchone()[0]
                placed = sql("SELECT COUNT(*) FROM referrals WHERE status = 'hired' AND deleted = 0").fetchone()[0]
            else:
                offered = sql(
                    "SELECT COALESCE(SUM(headcount), 0) FROM postings"
                    " WHERE opened_at >= ? AND opened_at < ? AND deleted = 0",
                    (since, day1),
                ).fetchone()[0]
                registered = sql(
                    "SELECT COUNT(*) FROM seekers WHERE created_at >= ? AND created_at < ? AND deleted = 0",
                    (since, day1),
                ).fetchone()[0]
                placed = sql(
                    "SELECT COUNT(*) FROM referrals WHERE status = 'hired' AND outcome_on >= ? AND outcome_on <= ?"
                    " AND deleted = 0",
                    (str(since_day), str(today)),
                ).fetchone()[0]
            return Counts(int(offered), int(registered), int(placed))

        # Suspended or deleted employers are few: excluded by a small list instead of a join per post.
        open_where = (
            "p.status = 'open' AND p.deleted = 0 AND p.end_date >= ? AND (p.expires_on IS NULL OR p.expires_on >= ?)"
            " AND p.employer_id NOT IN (SELECT id FROM employers WHERE suspended = 1 OR deleted = 1)"
        )
        in_date = (str(today), str(today))
        open_postings, headcount = sql(
            f"SELECT COUNT(*), COALESCE(SUM(p.headcount), 0) FROM postings p INDEXED BY ix_postings_board"
            f" WHERE {open_where}",
            in_date,
        ).fetchone()
        # Hires are few next to posts: read them, then check their post is open (CROSS JOIN keeps
        # SQLite from walking every open post instead).
        hired = sql(
            f"SELECT COUNT(*) FROM referrals r CROSS JOIN postings p ON p.id = r.posting_id"
            f" WHERE r.status = 'hired' AND r.deleted = 0 AND {open_where}",
            in_date,
        ).fetchone()[0]

        now_utc = _utc(now)
        rows = sql(
            "SELECT p.code, p.title, p.job_type, p.pay_cents, p.pay_unit, p.headcount, p.district_code,"
            " p.settlement, p.meals, p.lodging, p.transport, p.opened_at, e.kind, e.short_name, e.name,"
            " (SELECT COUNT(*) FROM referrals r WHERE r.posting_id = p.id AND r.status = 'hired' AND r.deleted = 0)"
            " FROM postings p INDEXED BY ix_postings_board JOIN employers e ON e.id = p.employer_id"
            f" WHERE {open_where} ORDER BY p.opened_at DESC LIMIT ?",
            (*in_date, self.limit),
        ).fetchall()
        postings = []
        for (
            code,
            title,
            job_type,
            cents,
            unit,
            heads,
            district,
            settlement,
            meals,
            lodging,
            transport,
            opened_raw,
            kind,
            short_name,
            name,
            hires,
        ) in rows:
            opened = datetime.fromisoformat(str(opened_raw)) if opened_raw else now_utc
            postings.append(
                BoardPosting(
                    code=str(code),
                    title=scrub(str(title)),
                    job_type=job_type_label(str(job_type)),
                    pay=pay_board_text(int(cents), str(unit)),
                    places_left=max(0, int(heads) - int(hires)),
                    district=_district_text(str(district)),
                    employer=_employer_text(str(kind), str(short_name or ""), str(name)),
                    settlement=label_of(SETTLEMENTS, str(settlement)),
                    benefits=_benefits(meals, lodging, transport),
                    posted=posted_text(opened, now),
                    is_new=now_utc - opened < timedelta(hours=NEW_HOURS),
                )
            )

        placements = tuple(
            BoardPlacement(
                str(masked),
                scrub(str(title)),
                _employer_text(str(kind), str(short or ""), str(ename)),
                date.fromisoformat(str(on)),
            )
            for masked, title, kind, short, ename, on in sql(
                f"SELECT {_MASKED_NAME}, p.title, e.kind, e.short_name, e.name, r.outcome_on FROM referrals r"
                " JOIN seekers s ON s.id = r.seeker_id JOIN postings p ON p.id = r.posting_id"
                " JOIN employers e ON e.id = p.employer_id"
                " WHERE r.status = 'hired' AND r.deleted = 0 AND r.outcome_on >= ? AND r.outcome_on <= ?"
                " AND s.deleted = 0 AND p.deleted = 0 AND e.deleted = 0"
                " ORDER BY r.outcome_on DESC, r.updated_at DESC LIMIT ?",
                (str(today - timedelta(days=TICKER_DAYS - 1)), str(today), TICKER_LIMIT),
            ).fetchall()
        )

        return BoardSnapshot(
            title=str(self.settings.market_name),
            taken_at=now,
            today=counts(day0, today),
            month=counts(month0, today.replace(day=1)),
            total=counts(None, None),
            open_postings=int(open_postings),
            open_places=max(0, int(headcount) - int(hired)),
            postings=tuple(postings),
            placements=placements,
            qr_url=phone_page_url(self.settings.server_url, self.settings.station_code),
            page_seconds=_page_seconds(self.settings.board_page_seconds),
        )

    def close(self, *, broken: bool = False) -> None:
        """Give the connection back (or drop it, after a fault); the next read opens another."""
        self._version = None  # a new connection counts its own versions
        if self._conn is not None:
            try:
                if broken:
                    self._conn.invalidate()
                else:
                    self._conn.execute(f"PRAGMA busy_timeout = {DB_BUSY_TIMEOUT_MS}")  # back to the pool as it came
                    self._conn.close()
            except Exception:  # closing on the way out: nothing to tell anyone
                log.debug("board connection close failed", exc_info=True)
            self._conn = None
