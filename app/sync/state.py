"""Reading and writing the small `sync_state` table (always inside the caller's transaction)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.models import OutboxEntry, SyncState

CURSOR = "pull_cursor"
# The server's head when this station's first pull began: sent back until the first pull is done.
OPEN_UPTO = "pull_open_upto"
LAST_HLC = "last_hlc"
# The code the station called itself before it enrolled (its slips printed then carry it).
FORMER_CODE = "former_station_code"
# Demo data never reaches a server (app/practice.py): "1" in a practice data folder, and wherever
# demo rows were written (set in the demo rows' own transaction).
PRACTICE = "practice"
DEMO_ROWS = "demo_rows"


def get(s: Session, key: str, default: str = "") -> str:
    row = s.get(SyncState, key)
    return row.value if row is not None else default


def put(s: Session, key: str, value: str) -> None:
    row = s.get(SyncState, key)
    if row is None:
        s.add(SyncState(key=key, value=value))
    else:
        row.value = value


def last_stamp(s: Session) -> str:
    """The newest stamp this station has made or seen, so a restart never stamps backwards."""
    queued = s.scalar(select(func.max(OutboxEntry.hlc))) or ""
    return max(queued, get(s, LAST_HLC))
