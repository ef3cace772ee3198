"""Practice data: demo people live in a data folder of their own and never reach a sync server.

A practice folder is `<data dir>/practice` (DataDir.practice), marked as such in its own database
(sync_state "practice"), so a copied or renamed folder still says what it is. Demo rows mark the
database they are written to (sync_state "demo_rows", in their own transaction). Either mark stops
enrolment and sync before anything is sent: demo people carry valid ID numbers and would merge
into real persons on the server.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from app.errors import storage_guard
from app.i18n import translate
from app.paths import PRACTICE_DIR, DataDir
from app.settings import Settings
from app.sync import state
from db.session import Database, open_database

if TYPE_CHECKING:
    from app.station import Station


def is_practice_folder(root: Path) -> bool:
    """Whether `root` holds a practice station; read only, nothing is created or migrated."""
    database = DataDir(root).database
    if not database.is_file():
        return False
    try:
        with closing(sqlite3.connect(f"{database.absolute().as_uri()}?mode=ro", uri=True)) as conn:
            row = conn.execute("SELECT value FROM sync_state WHERE key = ?", (state.PRACTICE,)).fetchone()
    except sqlite3.Error:
        return False  # no sync_state yet (an old or empty database): not a practice folder
    return row is not None and row[0] == "1"


def practice_root(root: Path) -> Path:
    """The practice folder of the station in `root` (`root` itself when it already is one)."""
    return root if is_practice_folder(root) else DataDir(root).practice


# What a new practice folder takes from its station's settings: the same language, districts and
# rules, never its server, its identity there or its supervisor PIN.
_SHARED_SETTINGS = (
    "language",
    "market_name",
    "province",
    "min_wage_hour_cents",
    "min_wage_month_cents",
    "posting_open_days",
    "referral_valid_days",
    "slip_layout",
    "clerk_name",
    "board_page_seconds",
)


def prepare_practice(root: Path) -> Path:
    """Find or make the practice folder of the station in `root`, marked as one; its path."""
    target = practice_root(root)
    data = DataDir(target)
    with storage_guard():
        data.ensure()
        if target != root and not data.settings.exists() and DataDir(root).settings.exists():
            real = Settings.load(DataDir(root).settings)
            fresh = Settings()
            for name in _SHARED_SETTINGS:
                setattr(fresh, name, getattr(real, name))
            fresh.save(data.settings)
        db = open_database(data.database)
        try:
            with db.write(sync_apply=True) as s:
                state.put(s, state.PRACTICE, "1")
        finally:
            db.dispose()
    return target


def demo_refusal(db: Database, root: Path) -> str | None:
    """Why the station in `root` may not enrol or sync, in the clerk's words (how to start clean);
    None when it may."""
    with db.read() as s:
        practice = state.get(s, state.PRACTICE) == "1"
        demo = state.get(s, state.DEMO_ROWS) == "1"
    if practice and root.name == PRACTICE_DIR:
        return translate(
            "Practice",
            "这是练习数据目录（{dir}），里面的演示数据不能登记到同步服务器，也不会同步。"
            "正式数据目录是 {real}：不带 --practice 打开服务台，在“设置 → 连接同步服务器…”中登记。",
        ).format(dir=root, real=root.parent)
    if practice:
        return translate(
            "Practice",
            "这是练习数据目录（{dir}），里面的演示数据不能登记到同步服务器，也不会同步。"
            "正式使用请换一个数据目录（不带 --practice 打开服务台），在“设置 → 连接同步服务器…”中登记。",
        ).format(dir=root)
    if demo:
        return translate(
            "Practice",
            "本站数据里有演示数据，不能登记到同步服务器（演示人员会被当作真实的人上传）。"
            "请从空的数据目录重新开始：关闭服务台，把数据目录 {dir} 改名或移走（先确认其中没有要保留的正式记录），"
            "再打开服务台并登记。演示数据请放在练习数据目录（linggong --practice）。",
        ).format(dir=root)
    return None


@dataclass(frozen=True)
class DemoMade:
    seekers: int
    employers: int
    postings: int
    referrals: int


def make_demo(
    station: Station,
    *,
    seekers: int,
    postings: int | None = None,
    referrals: int | None = None,
    seed: int = 1,
    progress: Callable[[int, int], None] | None = None,
    step: Callable[[str], None] | None = None,
) -> DemoMade:
    """Demo people, employers, postings and referrals in a practice station (`linggong demo`, the
    counter's offer); `step` hears each part's summary as it is done."""
    from app.services.demo import make_seekers
    from app.services.demo_postings import DEMO_POSTINGS, make_postings
    from app.services.demo_referrals import DEMO_REFERRALS, make_referrals

    if not station.practice:
        raise ValueError("demo data goes into a practice data folder only")
    say = step or (lambda _text: None)
    made = make_seekers(
        station.db,
        station.keys,
        station.clock,
        seekers,
        seed=seed,
        province=station.settings.province,
        progress=progress,
    )
    say(translate("Cli", "已生成{n}名演示求职人员").format(n=made))
    employers = made_postings = made_referrals = 0
    n_postings = DEMO_POSTINGS if postings is None else postings
    if n_postings > 0:
        result = make_postings(station, n_postings, seed=seed, progress=progress)
        employers, made_postings = result.employers, result.postings
        say(translate("Cli", "已生成{n}个演示岗位，来自{e}家用人单位").format(n=made_postings, e=employers))
    n_referrals = DEMO_REFERRALS if referrals is None else referrals
    if n_referrals > 0:
        made_referrals = make_referrals(station, n_referrals, seed=seed)
        say(translate("Cli", "已生成{n}条演示推荐记录").format(n=made_referrals))
    return DemoMade(made, employers, made_postings, made_referrals)
