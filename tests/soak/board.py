"""Soak run of the hall board: the real `linggong board` process for N minutes while another process
changes the data every few seconds, its memory sampled all along.

    python -m tests.soak.board --minutes 30        (or: make soak)

The board runs offscreen with its ticker, clock and page timers live, so every repaint and re-read
of a working day happens. Memory is the board process's resident set (VmRSS). The first two
minutes are warm-up (fonts, glyph caches, the first QR); growth is measured after them.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from app import clock as wallclock
from app.errors import LinggongError
from app.services.demo import make_seekers
from app.services.demo_postings import make_postings
from app.services.demo_referrals import make_referrals
from app.services.postings import PostingInput
from app.services.referrals import OutcomeInput
from app.services.seekers import SeekerInput
from app.station import Station, open_station
from app.validation.resident_id import check_digit

WARM_UP_S = 120


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


class Changer:
    """Counter work at a busy market: people registered, posts opened and closed, people hired."""

    def __init__(self, station: Station, seed: int = 7) -> None:
        self.station = station
        self.rng = random.Random(seed)
        self.n = 0
        station.supervisor.set_pin("246810")
        self.boss = station.supervisor.verify("王主管", "246810")
        with station.db.read() as s:
            self.employers = [
                str(r[0]) for r in s.connection().exec_driver_sql("SELECT id FROM employers WHERE suspended = 0")
            ]
        self.opened: list[str] = []

    def person(self) -> SeekerInput:
        self.n += 1
        born = f"199{self.rng.randint(0, 9)}0{self.rng.randint(1, 9)}1{self.rng.randint(0, 9)}"
        first17 = f"520115{born}{self.n % 1000:03d}"
        return SeekerInput(
            name=self.rng.choice(("王", "李", "张", "刘", "杨")) + self.rng.choice(("明", "芳", "强", "丽", "军")) * 2,
            id_number=first17 + check_digit(first17),
            phone=f"139{self.n:08d}",
            district_code="520115",
            job_types=["4-09-07-01"],
            consent=True,
            wage_expect="160",
        )

    def step(self) -> str:
        today = wallclock.today()
        kind = self.rng.choice(("register", "post", "hire", "close"))
        try:
            if kind == "register":
                self.station.seekers.save(self.person())
            elif kind == "post" or not self.opened:
                saved = self.station.postings.save(
                    PostingInput(
                        employer_id=self.rng.choice(self.employers),
                        title=f"保洁员（第{self.n}批）",
                        duties="写字楼公共区域日常保洁",
                        job_type="4-09-07-01",
                        headcount=str(self.rng.randint(1, 9)),
                        pay="160",
                        pay_unit="day",
                        settlement="daily",
                        work_place="观山湖区金阳南路",
                        district_code="520115",
                        start_date=today,
                        end_date=today + timedelta(days=20),
                        daily_hours="8",
                        contact_name="李红",
                        contact_phone="0851-22386002",
                    )
                )
                self.station.postings.submit(saved.posting_id)
                self.station.postings.approve(saved.posting_id, self.boss)
                self.opened.append(saved.posting_id)
                kind = "post"
            elif kind == "hire":
                seeker = self.station.seekers.save(self.person()).seeker_id
                ref = self.station.referrals.refer(seeker, self.rng.choice(self.opened), clerk="周敏")
                self.station.referrals.record_outcome(
                    ref.id, OutcomeInput("hired", start_date=today, agreed_pay="160", agreed_pay_unit="day"), by="周敏"
                )
            else:
                self.station.postings.close(self.opened.pop(0), "招满")
        except LinggongError as exc:  # a full posting, a clash: the counter would say so; carry on
            return f"{kind} refused: {type(exc).__name__}"
        return kind


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    p.add_argument("--minutes", type=float, default=30)
    p.add_argument("--every", type=float, default=3.0, help="seconds between changes")
    p.add_argument("--sample", type=float, default=15.0, help="seconds between memory samples")
    p.add_argument("--json", type=Path, help="write the samples and figures here")
    args = p.parse_args(argv)

    root = Path(tempfile.mkdtemp(prefix="board-soak-"))
    station = open_station(root)
    make_seekers(station.db, station.keys, station.clock, 5000, province=station.settings.province)
    make_postings(station, 300)
    make_referrals(station, 400)
    station.settings.board_page_seconds = 4
    station.settings.server_url = "https://jy.example.cn"  # the QR box is drawn too
    station.save_settings()
    changer = Changer(station)

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    # The board's stderr goes to a file: a pipe nobody reads could fill and stall it.
    stderr_path = root / "board-stderr.txt"
    stderr = stderr_path.open("wb")
    board = subprocess.Popen(
        [sys.executable, "-m", "app", "--data-dir", str(root), "board", "--windowed"], env=env, stderr=stderr
    )
    samples: list[tuple[float, int]] = []
    changes = applied = 0
    started = time.monotonic()
    next_change = next_sample = started
    try:
        while (now := time.monotonic()) - started < args.minutes * 60:
            if board.poll() is not None:
                err = stderr_path.read_text(errors="replace")
                print(f"the board exited with {board.returncode}:\n{err}", file=sys.stderr)
                return 1
            if now >= next_change:
                applied += "refused" not in changer.step()
                changes += 1
                next_change += args.every
            if now >= next_sample:
                samples.append((now - started, rss_kib(board.pid)))
                t, kib = samples[-1]
                print(f"{t / 60:5.1f} min  RSS {kib / 1024:6.1f} MB  changes {changes}", flush=True)
                next_sample += args.sample
            time.sleep(0.2)
    finally:
        board.terminate()
        board.wait(10)
        stderr.close()
        station.close()

    log = root / "logs" / "board.log"
    reads = sum("board read:" in line for line in log.read_text(encoding="utf-8").splitlines()) if log.exists() else 0
    after = [(t, k) for t, k in samples if t >= WARM_UP_S] or samples
    base = after[0][1]
    end = after[-1][1]
    peak = max(k for _, k in after)
    # Least-squares slope after warm-up: a slow leak shows here before it shows in the end figure.
    slope = 0.0
    if len(after) > 2:
        ts = [t for t, _ in after]
        ks = [k for _, k in after]
        mt, mk = sum(ts) / len(ts), sum(ks) / len(ks)
        slope = sum((t - mt) * (k - mk) for t, k in after) / sum((t - mt) ** 2 for t in ts)
    figures = {
        "minutes": args.minutes,
        "changes": changes,
        "changes_committed": applied,
        "board_reads": reads,
        "rss_after_warm_up_mb": round(base / 1024, 1),
        "rss_end_mb": round(end / 1024, 1),
        "rss_peak_mb": round(peak / 1024, 1),
        "growth_mb": round((end - base) / 1024, 1),
        "trend_mb_per_hour": round(slope * 3600 / 1024, 2),
        "stderr_lines": len(stderr_path.read_text(errors="replace").splitlines()),
        "samples": samples,
    }
    print(json.dumps({k: v for k, v in figures.items() if k != "samples"}, ensure_ascii=False))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=1))
    # The board must have kept up (a read after nearly every committed change; a refused one commits
    # nothing) and kept its memory.
    return 0 if end - base < 10 * 1024 and reads >= 0.9 * applied else 1


if __name__ == "__main__":
    sys.exit(main())
