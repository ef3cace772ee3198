"""Station settings: a small JSON file in the data dir, read at start and written atomically."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from app.files import write_atomic
from app.i18n import DEFAULT_LANGUAGE, LANGUAGES

log = logging.getLogger("linggong.settings")


@dataclass
class Settings:
    language: str = DEFAULT_LANGUAGE
    station_code: str = "GY01"
    market_name: str = "贵州省贵阳市观山湖区零工市场"
    # Province whose counties the district list offers (GB/T 2260, two digits).
    province: str = "52"
    demo_offered: bool = False
    # Local minimum wage (Guizhou tier-1 areas from 2023-12: 1,890 元/月, 19.6 元/小时); pay per day
    # is checked against the hourly figure times the posting's daily hours.
    min_wage_hour_cents: int = 1960
    min_wage_month_cents: int = 189000
    # An open posting without an earlier end date expires this many days after it opened.
    posting_open_days: int = 30
    # A referral slip is valid for this many days, the day of issue included.
    referral_valid_days: int = 3
    # The slip layout last chosen at this counter: "a5" (with the 回执) or "receipt" (80 mm roll).
    slip_layout: str = "a5"
    # The clerk at this counter, printed on slips as 经办人 (asked once, changed in 设置).
    clerk_name: str = ""
    # The central server (issue 6); when set, slip QR codes carry a link to it.
    server_url: str = ""
    # Sync with the central server (set by enrolment): this station's id there, its region (GB/T 2260
    # code whose postings it receives), how often the counter syncs, and what to add to this
    # machine's clock to get the server's, learnt at each sync.
    station_id: str = ""
    region: str = ""
    sync_interval_seconds: int = 60
    clock_offset_ms: int = 0
    # The hall board shows the next page of open posts after this many seconds.
    board_page_seconds: int = 10
    # scrypt hash of the supervisor PIN ("" until one is set on this station).
    supervisor_pin_hash: str = ""

    @classmethod
    def load(cls, path: Path) -> Settings:
        """The settings in `path`; the defaults when it is missing or unreadable."""
        try:
            return cls.read(path)
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            log.warning("settings file unreadable (%s); using defaults", type(exc).__name__)
            return cls()

    @classmethod
    def read(cls, path: Path) -> Settings:
        """The settings in `path`; raises OSError or ValueError when it cannot be read whole."""
        raw = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(raw, dict):
            raise ValueError("settings are not a JSON object")
        known = {f.name for f in fields(cls)}
        settings = cls(**{k: v for k, v in raw.items() if k in known})
        if settings.language not in LANGUAGES:
            settings.language = DEFAULT_LANGUAGE
        return settings

    def save(self, path: Path) -> None:
        data = json.dumps(asdict(self), ensure_ascii=False, indent=2).encode("utf-8")
        write_atomic(path, data, mode=0o600)  # it holds the supervisor PIN's hash
