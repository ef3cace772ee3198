"""The station's side of sync: enrol once, then push the outbox and pull the region's changes.

A sync is: push every pending change in batches (each batch's answer settled in one transaction),
then pull pages after the stored cursor (each page and the new cursor in one transaction). A crash
at any point leaves either the old state or the new one; whatever was not acknowledged is sent
again, and the server recognises a resend by its change id.
"""

from __future__ import annotations

import base64
import logging
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import Text, delete, func, insert, select, type_coerce, update

from app.errors import SyncError, SyncKind, storage_guard
from app.files import write_atomic
from app.i18n import QT_TRANSLATE_NOOP, translate
from app.keys import KeyRing
from app.practice import demo_refusal
from app.sync import state
from app.sync.apply import apply_acks, apply_alias, apply_keys, apply_records
from app.sync.digest import differences, digest
from app.sync.entities import ENTITIES, row_fields
from app.sync.hlc import stamp_key
from app.sync.transport import Encoded, Transport, encode, is_loopback, split_code
from db.base import utcnow
from db.models import Employer, OutboxEntry, Seeker

log = logging.getLogger("linggong.sync")

PUSH_BATCH = 1000
PULL_PAGE = 1000
SKEW_WARN_MS = 5 * 60 * 1000
CLOCK_SLACK_MS = 2000  # a clock error below this is left alone (the network's jitter)
TOKEN_FILE = "sync.token"  # noqa: S105 - a file name
PIN_FILE = "server.pin"  # the server certificate's SHA-256, from the enrolment code

# sync_state keys
STATION_ID, STATION_CODE, REGION, SERVER_URL = "station_id", "station_code", "region", "server_url"
LAST_OK, LAST_ERROR, SKEW = "last_ok", "last_error", "clock_skew_ms"
# The check against the server's digest (DESIGN §5.8): when it last ran and what it found.
CHECKED_AT, CHECK_RESULT = "check_at", "check_result"
CHECK_EVERY_S = 6 * 3600


# What the clerk calls each synced table.
ENTITY_LABELS = {
    "seeker": QT_TRANSLATE_NOOP("Sync", "求职人员"),
    "employer": QT_TRANSLATE_NOOP("Sync", "用人单位"),
    "posting": QT_TRANSLATE_NOOP("Sync", "招聘岗位"),
    "referral": QT_TRANSLATE_NOOP("Sync", "推荐"),
    "referral_outcome": QT_TRANSLATE_NOOP("Sync", "推荐结果"),
    "follow_up_call": QT_TRANSLATE_NOOP("Sync", "回访"),
}


def queue_counts(db: Any) -> tuple[int, int]:
    """(changes waiting to go up, changes the server refused) in the outbox."""
    with db.read() as s:
        rows = dict(s.execute(select(OutboxEntry.state, func.count()).group_by(OutboxEntry.state)).all())
    return int(rows.get("pending", 0)), int(rows.get("quarantined", 0))


# Why a counter asks the server for a person by ID number: they are at the counter registering.
LOOKUP_AT_COUNTER = "本人在窗口登记（持身份证）"


@dataclass
class SyncResult:
    pushed: int = 0
    refused: int = 0
    pulled: int = 0
    pending: int = 0
    quarantined: int = 0
    skew_ms: int = 0
    finished_at: str = ""
    warnings: list[str] = field(default_factory=list)
    repulled: bool = False  # the check after the sync found a difference and pulled everything again

    @property
    def complete(self) -> bool:
        """Everything queued went up and everything waiting came down."""
        return self.pending == 0


def token_path(key_dir: Path) -> Path:
    return key_dir / TOKEN_FILE


def read_token(key_dir: Path) -> str:
    try:
        return token_path(key_dir).read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return ""


def pin_path(key_dir: Path) -> Path:
    return key_dir / PIN_FILE


def read_pin(key_dir: Path) -> str:
    """The fingerprint pinned at enrolment ("" for a plain-http server or one with a CA's certificate)."""
    try:
        return pin_path(key_dir).read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return ""


def clock_offset_ms(reading: tuple[int, int, float, float], machine_ms: int, perf_now: float) -> int:
    """How far the server's clock is ahead of this machine's, from one answer (NTP's formula): the
    server's time on receiving and on answering against this machine's on sending and on receiving
    back, so the server's work on the request does not count as network delay. `machine_ms` and
    `perf_now` are read together now; the perf_counter() readings are turned into machine time."""
    received, answered, sent_at, back_at = reading
    local_back = machine_ms - (perf_now - back_at) * 1000
    local_sent = local_back - (back_at - sent_at) * 1000
    return round(((received - local_sent) + (answered - local_back)) / 2)


class SyncClient:
    """Sync for one station. Not thread-safe: the counter runs it on its own sync worker."""

    def __init__(
        self, station: Any, *, transport: Transport | None = None, sleep: Callable[[float], None] | None = None
    ):
        self.station = station
        self.db = station.db
        url = self.server_url()
        keys = station.data.keys
        self.transport = transport or Transport(url, read_token(keys), pin=read_pin(keys))
        if sleep is not None:
            self.transport.sleep = sleep

    # ---- facts --------------------------------------------------------------------------------
    def _state(self, key: str) -> str:
        with self.db.read() as s:
            return state.get(s, key)

    def server_url(self) -> str:
        return self._state(SERVER_URL) or self.station.settings.server_url

    def enrolled(self) -> bool:
        return bool(self._state(STATION_ID)) and bool(read_token(self.station.data.keys))

    def counts(self) -> tuple[int, int]:
        """(changes waiting, changes quarantined)."""
        return queue_counts(self.db)

    def refuse_demo(self) -> None:
        """A practice folder or a database holding demo rows talks to no server (app/practice.py)."""
        why = demo_refusal(self.db, self.station.data.root)
        if why is not None:
            raise SyncError(SyncKind.REFUSED, why)

    # ---- one sync -----------------------------------------------------------------------------
    def sync(self) -> SyncResult:
        self.refuse_demo()
        if not self.enrolled():
            raise SyncError(SyncKind.NOT_ENROLLED, translate("Sync", "本站尚未登记到服务器：请先在“设置 → 同步”中登记"))
        result = SyncResult()
        try:
            self.push_all(result)
            self.pull_all(result)
            result.pending, result.quarantined = self.counts()
            if result.pending:
                # Changes made while this sync ran: go up next time ("synced" is not claimed).
                result.warnings.append(
                    translate("Sync", "同步期间又有 {n} 条新修改，下次同步上传").format(n=result.pending)
                )
            elif not result.quarantined:
                self._check_when_due(result)
        except SyncError as exc:
            self._remember_error(exc.message)
            raise
        self._finish(result)
        return result

    # ---- the check after a sync ---------------------------------------------------------------
    def _check_when_due(self, result: SyncResult) -> None:
        """Every CHECK_EVERY_S, after a sync that left nothing waiting: compare with the server's
        digest; on a difference pull everything again (nothing local is lost: nothing waits) and
        compare once more. A difference that stays is logged and shown, and the next check only
        compares, so a lasting one does not re-pull every time."""
        with self.db.read() as s:
            last, verdict = state.get(s, CHECKED_AT), state.get(s, CHECK_RESULT)
        now = utcnow()
        try:
            # abs(): a clock set back after running fast does not put the next check off.
            if last and abs((now - datetime.fromisoformat(last)).total_seconds()) < CHECK_EVERY_S:
                return
        except ValueError:
            pass  # an unreadable time: the check is due
        try:
            self._check(result, verdict, now)
        except SyncError as exc:
            # Push and pull went through; a check that could not run waits for the next sync.
            log.warning("sync check not done: %s", exc.message)

    def _check(self, result: SyncResult, verdict: str, now: datetime) -> None:
        differs = self.check()
        if differs is None:
            return  # something waits here or on the server: compared after a later sync
        if differs and verdict != "differs":
            log.warning("sync check: %s differ from the server; pulling everything again", ", ".join(differs))
            result.repulled = True
            with storage_guard(), self.db.write(sync_apply=True) as s:
                state.put(s, state.CURSOR, "0")
            self.pull_all(result)
            differs = self.check()
            if differs is None:
                return
        if differs:
            log.warning("sync check: %s still differ from the server", ", ".join(differs))
            result.warnings.append(
                translate("Sync", "与服务器核对仍有差异（{tables}），已记入日志").format(
                    tables="、".join(translate("Sync", ENTITY_LABELS.get(t, t)) for t in differs)
                )
            )
        with storage_guard(), self.db.write(sync_apply=True) as s:
            state.put(s, CHECKED_AT, now.isoformat())
            state.put(s, CHECK_RESULT, "differs" if differs else "ok")

    def check(self) -> list[str] | None:
        """The tables where this station's rows differ from what the server says it should hold
        ([] when none), or None when the server has something newer for it to pull first."""
        with self.db.read() as s:
            if s.scalar(select(func.count()).select_from(OutboxEntry)):
                return None  # an edit made since the sync, or a refused change: not comparable
            cursor = int(state.get(s, state.CURSOR, "0") or 0)
            open_upto = int(state.get(s, state.OPEN_UPTO, "0") or 0)
            rows = []
            for ent in ENTITIES:
                t = ent.model.__table__  # type: ignore[attr-defined]
                rows += [(ent.name, *r) for r in s.execute(select(t.c.id, t.c.hlc, t.c.field_hlc))]
        theirs = self.transport.get("/api/v1/sync/digest", {"cursor": cursor, "open_upto": open_upto})
        if not isinstance(theirs, dict) or theirs.get("stale") or not isinstance(theirs.get("tables"), dict):
            return None
        parents = theirs.get("parents")
        only = {str(p) for p in parents} if isinstance(parents, list) else set()
        return differences(digest(rows, by_id_only=only), theirs["tables"])

    def _learn_clock(self, result: SyncResult) -> None:
        reading = self.transport.last_clock
        if reading is None:
            return
        received, answered, sent_at, back_at = reading
        if (back_at - sent_at) * 1000 - (answered - received) > 2 * CLOCK_SLACK_MS:
            return  # a slow network (a large page on a slow line): its error could pass the slack
        offset = clock_offset_ms(reading, self.station.clock.machine_ms(), time.perf_counter())
        clock = self.station.clock
        # Small drifts are left alone (the network's jitter); a wrong kiosk clock is corrected.
        clock.offset_ms = offset if abs(offset) > CLOCK_SLACK_MS else 0
        result.skew_ms = -offset
        if abs(offset) > SKEW_WARN_MS:
            result.warnings.append(clock_warning(-offset))

    def push_all(self, result: SyncResult) -> None:
        """Push the queue in batches, one request at a time, pipelined: the next batch is read and
        encoded while the server applies this one, and goes up while this one's answer is settled here. A batch
        is sent only after the server answered the one before, so the server sees them in order."""
        batch = self._read_batch(after=0)
        if not batch:
            return
        with ThreadPoolExecutor(1, thread_name_prefix="sync-push") as pool:
            sending = pool.submit(self.transport.post, "/api/v1/sync/push", self._push_body(batch))
            while batch:
                upcoming = self._read_batch(after=batch[-1].seq)
                body = self._push_body(upcoming) if upcoming else None
                reply = sending.result()
                self._learn_clock(result)
                if body is not None:
                    sending = pool.submit(self.transport.post, "/api/v1/sync/push", body)
                self._settle_batch(batch, reply, result)
                batch = upcoming

    def _read_batch(self, *, after: int) -> list[Any]:
        with storage_guard(), self.db.read() as s:
            return list(
                s.execute(
                    select(
                        OutboxEntry.seq,
                        OutboxEntry.change_id,
                        OutboxEntry.entity,
                        OutboxEntry.row_id,
                        OutboxEntry.hlc,
                        type_coerce(OutboxEntry.fields, Text).label("fields"),
                    )
                    .where(OutboxEntry.state == "pending", OutboxEntry.seq > after)
                    .order_by(OutboxEntry.seq)
                    .limit(PUSH_BATCH)
                )
            )

    def _push_body(self, entries: list[Any]) -> Encoded:
        return encode(
            {
                "station_time_ms": self.station.clock.machine_ms(),
                "changes": [
                    # The fields go up as stored: already JSON, not decoded and encoded again.
                    {
                        "change_id": e.change_id,
                        "entity": e.entity,
                        "row_id": e.row_id,
                        "hlc": e.hlc,
                        "fields": orjson.Fragment(e.fields),
                    }
                    for e in entries
                ],
            }
        )

    def _settle_batch(self, entries: list[Any], reply: Any, result: SyncResult) -> None:
        acks = reply.get("acks") if isinstance(reply, dict) else None
        if not isinstance(acks, list):
            raise SyncError(SyncKind.SERVER, translate("Sync", "服务器的回答不完整"))
        with storage_guard(), self.db.write(sync_apply=True) as s:
            fresh = s.execute(
                select(OutboxEntry.seq, OutboxEntry.change_id, OutboxEntry.entity, OutboxEntry.row_id).where(
                    OutboxEntry.seq.in_([e.seq for e in entries])
                )
            ).all()
            done, refused = apply_acks(s, fresh, acks)
        result.pushed += done
        result.refused += refused
        if done + refused == 0:
            raise SyncError(SyncKind.SERVER, translate("Sync", "服务器没有确认任何修改"))

    def pull_all(self, result: SyncResult) -> None:
        """Pull pages after the stored cursor until the server has nothing more. Pipelined: the next
        page is asked for (its cursor is in this page's answer) while this one is written here; the
        stored cursor moves only with a written page, so a page lost in between is asked for again."""
        with self.db.read() as s:
            since = int(state.get(s, state.CURSOR, "0") or 0)
            # Sent even from cursor 0: a station pulling everything again keeps its first pull's
            # scope (a new station has none yet, and the server gives it the head).
            open_upto = int(state.get(s, state.OPEN_UPTO, "0") or 0)
        with ThreadPoolExecutor(1, thread_name_prefix="sync-pull") as pool:
            asking = pool.submit(self._get_page, since, open_upto)
            while True:
                page = asking.result()
                self._learn_clock(result)
                if since == 0 and isinstance(page.get("open_upto"), int):
                    open_upto = page["open_upto"]
                if page.get("more"):
                    asking = pool.submit(self._get_page, page["next"], open_upto)
                remember = {state.OPEN_UPTO: str(open_upto)} if since == 0 and open_upto else {}
                result.pulled += self.apply_page(page, cursor=page["next"], remember=remember)
                if not page.get("more"):
                    return
                since = page["next"]

    def _get_page(self, since: int, open_upto: int) -> dict[str, Any]:
        params = {"since": since, "limit": PULL_PAGE}
        if open_upto:
            params["open_upto"] = open_upto
        page = self.transport.get("/api/v1/sync/pull", params)
        if not isinstance(page, dict) or not isinstance(page.get("next"), int):
            raise SyncError(SyncKind.SERVER, translate("Sync", "服务器的回答不完整"))
        return page

    def apply_page(self, page: dict[str, Any], *, cursor: int | None, remember: dict[str, str] | None = None) -> int:
        """Apply a page of records (and aliases, keys), move the cursor and keep `remember` in the
        sync state, all in one transaction."""
        records = [r for r in page.get("records", []) if isinstance(r, dict)]
        with storage_guard(), self.db.write(sync_apply=True) as s:
            for a in page.get("aliases", []):
                apply_alias(s, str(a["entity"]), str(a["old"]), str(a["new"]))
            changed = apply_records(s, records)
            apply_keys(s, page.get("keys", []))
            if cursor is not None:
                state.put(s, state.CURSOR, str(cursor))
            for key, value in (remember or {}).items():
                state.put(s, key, value)
            top = max((str(r.get("hlc", "")) for r in records), default="", key=stamp_key)
            if top:
                self.station.clock.observe(top)
        return changed

    def _finish(self, result: SyncResult) -> None:
        result.finished_at = utcnow().isoformat(timespec="seconds")
        with storage_guard(), self.db.write(sync_apply=True) as s:
            state.put(s, state.LAST_HLC, self.station.clock.now())
            state.put(s, LAST_OK, result.finished_at)
            state.put(s, LAST_ERROR, "")
            state.put(s, SKEW, str(result.skew_ms))
        if self.station.settings.clock_offset_ms != self.station.clock.offset_ms:
            self.station.settings.clock_offset_ms = self.station.clock.offset_ms
            self.station.save_settings()
        log.info(
            "sync: %d pushed, %d refused, %d pulled, %d waiting",
            result.pushed,
            result.refused,
            result.pulled,
            result.pending,
        )

    def _remember_error(self, message: str) -> None:
        try:
            with storage_guard(), self.db.write(sync_apply=True) as s:
                state.put(s, LAST_ERROR, message)
        except Exception:  # noqa: BLE001 - the sync error is what the user must see
            log.warning("could not record the sync error")

    # ---- a person registered elsewhere -------------------------------------------------------
    def lookup_seeker(self, id_key: str, reason: str = LOOKUP_AT_COUNTER) -> str | None:
        """Fetch a person registered at another station by id_key; their id here, or None. The server
        records the look-up with its reason and the clerk, and limits how many a station makes (a
        SyncError says so when the limit is reached)."""
        self.refuse_demo()
        body = {"id_key": id_key, "reason": reason, "clerk": self.station.settings.clerk_name[:30]}
        try:
            found = self.transport.post("/api/v1/seekers/lookup", body)
        except SyncError as exc:
            if exc.kind is SyncKind.REFUSED and exc.code == "not_found":
                return None  # nobody with that number on the server
            raise
        self.apply_page(found, cursor=None)
        return str(found.get("seeker_id") or "") or None

    def close(self) -> None:
        self.transport.close()


def clock_warning(skew_ms: int) -> str:
    hours = abs(skew_ms) / 3_600_000
    ahead = skew_ms > 0
    amount = (
        translate("Sync", "{n:.0f} 分钟").format(n=abs(skew_ms) / 60_000)
        if hours < 1
        else translate("Sync", "{n:.1f} 小时").format(n=hours)
    )
    return (
        translate("Sync", "本机时钟快了 {amount}，请校准电脑时间（同步时已按服务器时间纠正）")
        if ahead
        else translate("Sync", "本机时钟慢了 {amount}，请校准电脑时间（同步时已按服务器时间纠正）")
    ).format(amount=amount)


# ---- enrolment -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Enrolled:
    station_code: str
    name: str
    region: str
    queued: int


def enroll(
    station: Any, url: str, code: str, *, transport: Transport | None = None, allow_plain: bool = False
) -> Enrolled:
    """Trade a one-time code for this station's identity and the deployment's keys; re-key the
    station's ID numbers under those keys and queue every existing record for the first push.

    A practice folder, or a station holding demo rows, is refused first: nothing is sent or changed.
    The code's fingerprint pins the server's certificate, here and at every later sync. Plain http
    sends the token and the deployment's keys in clear: only to this machine, or with `allow_plain`
    (`linggong enroll --plain-http`)."""
    why = demo_refusal(station.db, station.data.root)
    if why is not None:
        raise SyncError(SyncKind.REFUSED, why)
    url = url.strip().rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise SyncError(SyncKind.REFUSED, translate("Sync", "服务器地址须以 http:// 或 https:// 开头"))
    typed, pin = split_code(code)
    plain = url.startswith("http://")
    if plain and not (allow_plain or is_loopback(url)):
        raise SyncError(
            SyncKind.REFUSED,
            translate(
                "Sync",
                "服务器地址是不加密的 http://：凭证和部署密钥会明文经过网络。请用 https:// 地址；"
                "确需在受信的内网里明文登记，由管理员在命令行运行 linggong enroll --plain-http",
            ),
        )
    pin = "" if plain else pin  # nothing to pin on plain http
    own = transport is None
    transport = transport or Transport(url, timeout=30.0, attempts=2, pin=pin)
    try:
        reply = transport.post(
            "/api/v1/enrol",
            {"code": typed, "slip_public_key": base64.b64encode(station.slip_key.public_key).decode("ascii")},
        )
    finally:
        if own:
            transport.close()
    try:
        token = str(reply["token"])
        new_keys = KeyRing(base64.b64decode(reply["data_key"]), base64.b64decode(reply["lookup_key"]))
        facts = {
            STATION_ID: str(reply["station_id"]),
            STATION_CODE: str(reply["code"]),
            REGION: str(reply["region"]),
            SERVER_URL: url,
        }
        name = str(reply["name"])
    except (KeyError, TypeError, ValueError) as exc:
        raise SyncError(SyncKind.SERVER, translate("Sync", "服务器的回答不完整")) from exc
    keys_dir = station.data.keys
    with storage_guard():
        # The token and the new keys go to disk first: if the power fails before the database
        # commits, the next start finds the database still on the old keys and drops the new ones.
        write_atomic(token_path(keys_dir), token.encode("ascii"), mode=0o600)
        write_atomic(pin_path(keys_dir), pin.encode("ascii"), mode=0o600)
        new_keys.save(keys_dir, pending=True)
        queued = _rekey_and_queue(station, new_keys, facts)
        KeyRing.commit_pending(keys_dir)
    station.keys = new_keys
    station.seekers.keys = new_keys
    station.employers.keys = new_keys
    adopt_identity(station, facts)
    station.referrals.register_own_key()
    log.info("station enrolled as %s (region %s); %d records queued", facts[STATION_CODE], facts[REGION], queued)
    return Enrolled(facts[STATION_CODE], name, facts[REGION], queued)


def adopt_identity(station: Any, facts: dict[str, str]) -> None:
    """Settings follow what the database says the station is (it is the record that commits)."""
    st = station.settings
    changed = (st.station_code, st.station_id, st.region, st.server_url) != (
        facts[STATION_CODE],
        facts[STATION_ID],
        facts[REGION],
        facts[SERVER_URL],
    )
    st.station_code, st.station_id, st.region, st.server_url = (
        facts[STATION_CODE],
        facts[STATION_ID],
        facts[REGION],
        facts[SERVER_URL],
    )
    station.clock.node = facts[STATION_CODE]
    if changed:
        station.save_settings()


def identity_facts(db: Any) -> dict[str, str] | None:
    with db.read() as s:
        facts = {k: state.get(s, k) for k in (STATION_ID, STATION_CODE, REGION, SERVER_URL)}
    return facts if facts[STATION_ID] else None


def _recode(s: Any, station: Any, new_code: str) -> None:
    """Records made before enrolment carry the code the station called itself then (GY01 by
    default); the server takes only codes of the station it enrolled, so they take its code.
    Referral signatures are made again for the new code; a slip printed before keeps working at
    this counter (`ReferralService.scan` reads its old code through state.FORMER_CODE)."""
    old = station.clock.node
    if not old or old == new_code:
        return
    from app.slips.qr import referral_message
    from db.models import Posting, Referral
    from db.name_index import compact_name

    for model in (Posting, Referral):
        for row in s.scalars(select(model).where(model.code.like(old + "-%"))):
            was, row.code = row.code, new_code + row.code[len(old) :]
            if model is Posting:
                found_by = compact_name(was).casefold(), compact_name(row.code).casefold()
                row.search_text = row.search_text.replace(*found_by)
            else:
                message = referral_message(row.code, row.id, row.seeker_id, row.posting_id, row.valid_until)
                row.signature = station.slip_key.sign(message)
    for ent in ENTITIES:
        table = ent.model.__table__  # type: ignore[attr-defined]
        s.execute(update(table).where(table.c.origin_station.in_((old, ""))).values(origin_station=new_code))
    s.flush()
    s.expire_all()  # the rows are read again below, with their new origin
    state.put(s, state.FORMER_CODE, old)
    log.info("records made before enrolment recoded from %s to %s", old, new_code)


def _rekey_and_queue(station: Any, new: KeyRing, facts: dict[str, str]) -> int:
    old: KeyRing = station.keys
    same = old.lookup_key == new.lookup_key and old.data_key == new.data_key
    queued = 0
    with station.db.write(sync_apply=True) as s:
        first = not state.get(s, STATION_ID)
        if not same:
            for row in s.scalars(select(Seeker)):
                number = old.decrypt(row.id_cipher)
                row.id_key, row.id_cipher = new.id_key(number), new.encrypt(number)
            for emp in s.scalars(select(Employer).where(Employer.owner_id_cipher.is_not(None))):
                assert emp.owner_id_cipher is not None
                number = old.decrypt(emp.owner_id_cipher)
                emp.owner_id_key, emp.owner_id_cipher = new.id_key(number), new.encrypt(number)
            s.flush()
        if first:
            _recode(s, station, facts[STATION_CODE])
            # Everything made before enrolment goes up in the first push, parents first.
            # (changes queued before enrolment are in these full rows already)
            s.execute(delete(OutboxEntry).where(OutboxEntry.state == "pending"))
            now = utcnow()
            for ent in ENTITIES:
                rows = []
                for row in s.scalars(select(ent.model).where(ent.model.deleted.is_(False))):  # type: ignore[attr-defined]
                    rows.append(
                        {
                            "change_id": str(uuid.uuid4()),
                            "entity": ent.name,
                            "row_id": row.id,
                            "fields": row_fields(ent, row),
                            "hlc": row.hlc or station.clock.now(),
                            "created_at": now,
                            "state": "pending",
                            "reason": "",
                        }
                    )
                    if len(rows) >= 5000:
                        s.execute(insert(OutboxEntry), rows)
                        queued += len(rows)
                        rows = []
                if rows:
                    s.execute(insert(OutboxEntry), rows)
                    queued += len(rows)
        for key, value in facts.items():
            state.put(s, key, value)
        state.put(s, "keyring", new.key_id.hex())
    return queued
