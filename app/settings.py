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

    @classmethod
    def load(cls, path: Path) -> Settings:
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            log.warning("settings file unreadable (%s); using defaults", type(exc).__name__)
            return cls()
        known = {f.name for f in fields(cls)}
        settings = cls(**{k: v for k, v in raw.items() if k in known})
        if settings.language not in LANGUAGES:
            settings.language = DEFAULT_LANGUAGE
        return settings

    def save(self, path: Path) -> None:
        data = json.dumps(asdict(self), ensure_ascii=False, indent=2).encode("utf-8")
        write_atomic(path, data)
