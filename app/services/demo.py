"""Realistic demo people: Chinese names with their usual frequencies, valid Guizhou IDs, phones."""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

from app import clock as wallclock
from app.errors import storage_guard
from app.keys import KeyRing
from app.pinyin import name_initials
from app.reference import current_counties, job_types
from app.sync import state
from app.sync.hlc import HybridLogicalClock
from app.validation.resident_id import check_digit, mask_id
from db.session import Database

# Surnames with their approximate share of the population (per mille), most common first.
SURNAMES = (
    ("王", 72),
    ("李", 72),
    ("张", 68),
    ("刘", 53),
    ("陈", 45),
    ("杨", 32),
    ("黄", 23),
    ("赵", 22),
    ("吴", 20),
    ("周", 19),
    ("徐", 15),
    ("孙", 15),
    ("马", 13),
    ("朱", 13),
    ("胡", 12),
    ("郭", 12),
    ("何", 12),
    ("罗", 11),
    ("高", 11),
    ("林", 10),
    ("龙", 9),
    ("田", 9),
    ("潘", 8),
    ("杨", 8),
    ("韦", 7),
    ("石", 7),
    ("吴", 7),
    ("蒙", 5),
    ("谢", 6),
    ("宋", 5),
    ("唐", 6),
    ("许", 5),
    ("邓", 6),
    ("冯", 5),
    ("韩", 5),
    ("曹", 5),
    ("曾", 5),
    ("彭", 5),
    ("萧", 3),
    ("蔡", 4),
    ("袁", 4),
    ("邹", 3),
    ("余", 4),
    ("杜", 3),
    ("叶", 4),
    ("程", 3),
    ("魏", 3),
    ("苏", 3),
    ("吕", 3),
    ("丁", 3),
    ("任", 3),
    ("卢", 3),
    ("姚", 3),
    ("沈", 3),
    ("钟", 3),
    ("姜", 3),
    ("崔", 2),
    ("谭", 3),
    ("陆", 2),
    ("范", 2),
    ("汪", 2),
    ("廖", 3),
    ("金", 2),
    ("贾", 2),
    ("夏", 2),
    ("付", 2),
    ("方", 2),
    ("邹", 2),
    ("熊", 2),
    ("白", 2),
    ("孟", 2),
    ("秦", 2),
    ("邱", 2),
    ("侯", 2),
    ("江", 2),
    ("尹", 2),
    ("薛", 2),
    ("闫", 2),
    ("段", 2),
    ("雷", 2),
    ("黎", 2),
    ("史", 2),
    ("陶", 2),
    ("贺", 2),
    ("毛", 2),
    ("郝", 1),
    ("顾", 1),
    ("龚", 1),
    ("邵", 1),
    ("万", 1),
    ("覃", 1),
    ("欧阳", 1),
    ("诸葛", 1),
    ("单", 1),
    ("岑", 1),
)
GIVEN_MALE = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳文兵建国志峰亮成海东江晨宏勇德福贵才发荣松"
GIVEN_FEMALE = "芳娜敏静丽艳娟霞燕秀玲桂英梅琳兰红萍雪琴云莲洁慧颖倩婷露瑶佳欣怡彩凤春翠花菊蓉玉珍秋月雅丹"
GIVEN_ANY = "小永世家学光天正中金明德玉春秀云红海建兴乐安"
MINORITY_NAMES = ("阿依古丽·买买提", "热依拉·艾力", "古丽娜尔·吐尔逊", "扎西·顿珠", "卓玛·次仁")
PHONE_PREFIXES = (
    "130",
    "131",
    "132",
    "133",
    "135",
    "136",
    "137",
    "138",
    "139",
    "150",
    "151",
    "152",
    "155",
    "157",
    "158",
    "159",
    "166",
    "170",
    "173",
    "177",
    "180",
    "181",
    "182",
    "183",
    "185",
    "186",
    "187",
    "188",
    "189",
    "191",
    "198",
    "199",
)
GROUP_ODDS = (
    ("rural_labour", 0.45),
    ("poverty_lifted", 0.18),
    ("relocated", 0.08),
    ("monitored", 0.04),
    ("hard_to_employ", 0.05),
    ("disabled", 0.02),
    ("graduate", 0.05),
    ("veteran", 0.02),
)
SKILLS = ("", "", "", "电工证", "焊工证", "健康证", "叉车证", "驾驶证C1", "育婴员证", "养老护理员证", "会做饭")


def _weighted(pairs: tuple[tuple[str, int], ...]) -> tuple[list[str], list[int]]:
    names, weights = zip(*pairs, strict=True)
    cum, total = [], 0
    for w in weights:
        total += w
        cum.append(total)
    return list(names), cum


class PersonMaker:
    """Makes plausible people from a seed; the same seed makes the same people."""

    def __init__(self, seed: int, province: str = "52", today: date | None = None) -> None:
        self.rng = random.Random(seed)
        self.today = today or wallclock.today()
        self.counties = [code for code, _ in current_counties(province)]
        self.surnames, self.surname_cum = _weighted(SURNAMES)
        self.types = [t.code for t in job_types()]
        self.ids: set[str] = set()

    def name(self, sex: str) -> str:
        rng = self.rng
        if rng.random() < 0.001:
            return rng.choice(MINORITY_NAMES)
        surname = rng.choices(self.surnames, cum_weights=self.surname_cum)[0]
        pool = GIVEN_MALE if sex == "M" else GIVEN_FEMALE
        given = rng.choice(pool) if rng.random() < 0.25 else rng.choice(GIVEN_ANY + pool) + rng.choice(pool)
        return surname + given

    def id_number(self) -> tuple[str, str]:
        rng = self.rng
        while True:
            county = rng.choice(self.counties)
            birth = self.today - timedelta(days=rng.randint(18 * 365, 64 * 365))
            seq = rng.randint(0, 999)
            first17 = f"{county}{birth:%Y%m%d}{seq:03d}"
            number = first17 + check_digit(first17)
            if number not in self.ids:
                self.ids.add(number)
                return number, "M" if seq % 2 else "F"

    def phone(self) -> str:
        return self.rng.choice(PHONE_PREFIXES) + f"{self.rng.randint(0, 99_999_999):08d}"

    def wage(self) -> tuple[int, str]:
        rng = self.rng
        unit = rng.choices(("day", "hour", "month", "piece"), weights=(70, 18, 10, 2))[0]
        low_high = {"day": (150, 300), "hour": (18, 35), "month": (3000, 6500), "piece": (1, 5)}[unit]
        step = 10 if unit in ("day", "month") else 1
        return rng.randrange(low_high[0], low_high[1] + 1, step) * 100, unit

    def groups(self) -> list[str]:
        return [g for g, p in GROUP_ODDS if self.rng.random() < p]


INSERT_SQL = (
    "INSERT OR IGNORE INTO seekers (id, hlc, origin_station, deleted, created_at, updated_at, name, name_initials, "
    "id_key, id_cipher, id_masked, sex, birth_date, phone, phone_last4, district_code, job_types, skills, "
    "avail_from, avail_to, avail_slots, wage_expect_cents, wage_unit, groups, consent, consent_at, notes) "
    "VALUES (?,?,?,0,?,?,?,?,?,?,?,?,?,?,?,?,?,?,NULL,NULL,?,?,?,?,1,?,'')"
)


# Written in the demo rows' own transaction: a database holding demo rows says so (app/practice.py),
# and refuses to enrol or sync.
MARK_DEMO_SQL = f"INSERT OR REPLACE INTO sync_state (key, value) VALUES ('{state.DEMO_ROWS}', '1')"


def _rows(maker: PersonMaker, keys: KeyRing, clock: HybridLogicalClock, n: int) -> Iterator[tuple[object, ...]]:
    import uuid

    rng = maker.rng
    # Stored times are UTC, as the services write them. A market registers people every day, so a
    # few demo people came in today and more this month: the hall board's counts are not all zero.
    now = wallclock.utcnow().replace(microsecond=0)
    local = wallclock.local_now()
    today_minutes = local.hour * 60 + local.minute
    for _ in range(n):
        number, sex = maker.id_number()
        name = maker.name(sex)
        phone = maker.phone()
        wage, unit = maker.wage()
        recent = rng.random()
        span = today_minutes if recent < 0.02 else 30 * 24 * 60 if recent < 0.12 else 2 * 365 * 24 * 60
        when = (now - timedelta(minutes=rng.randint(0, span))).isoformat(" ")
        slots = [s for s in ("morning", "afternoon", "night", "weekend") if rng.random() < 0.6]
        yield (
            str(uuid.UUID(int=rng.getrandbits(128), version=4)),
            clock.now(),
            clock.node,
            when,
            when,
            name,
            name_initials(name),
            keys.id_key(number),
            keys.encrypt(number),
            mask_id(number),
            sex,
            f"{number[6:10]}-{number[10:12]}-01",  # the birth month, kept as the services keep it
            phone,
            phone[-4:],
            rng.choice(maker.counties),
            json.dumps(rng.sample(maker.types, rng.randint(1, 3))),
            rng.choice(SKILLS),
            json.dumps(slots),
            wage,
            unit,
            json.dumps(maker.groups()),
            when,
        )


def make_seekers(
    db: Database,
    keys: KeyRing,
    clock: HybridLogicalClock,
    n: int,
    *,
    seed: int = 1,
    province: str = "52",
    batch: int = 20_000,
    progress: Callable[[int, int], None] | None = None,
    marked: bool = True,
) -> int:
    """Insert `n` demo people in batches (one transaction each); returns how many were made.

    Someone already registered (a second run with the same seed) is skipped, not made twice.
    `marked=False` only for load tests whose rows are meant to reach a server (server/bench.py).
    """
    maker = PersonMaker(seed, province)
    rows = _rows(maker, keys, clock, n)
    done = made = 0
    with storage_guard():
        conn = db.writer.raw_connection()
        try:
            raw: Any = conn.driver_connection
            raw.execute("PRAGMA cache_size = -524288")  # 512 MB while bulk-loading random-key indexes
            while done < n:
                chunk = [next(rows) for _ in range(min(batch, n - done))]
                raw.execute("BEGIN IMMEDIATE")
                try:
                    if marked:
                        raw.execute(MARK_DEMO_SQL)
                    # rowcount counts the people inserted; total_changes also counted the rows
                    # the triggers wrote into the search indexes.
                    made += raw.executemany(INSERT_SQL, chunk).rowcount
                    raw.execute("COMMIT")
                except BaseException:
                    raw.execute("ROLLBACK")
                    raise
                done += len(chunk)
                if progress:
                    progress(done, n)
        finally:
            conn.close()
    return made
