"""Hybrid logical clock: change stamps that order correctly even when a kiosk's clock is wrong."""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Callable

from app import clock as wallclock

MAX_COUNTER = 99_999  # five digits: a clock whose counter would pass it moves on a millisecond instead
_STAMP = re.compile(r"(\d{15})\.(\d{5})\.([A-Za-z0-9_-]{1,16})")


def format_hlc(wall_ms: int, counter: int, node: str) -> str:
    # Fixed width: stamps also sort correctly as text (SQL, logs), though code compares `stamp_key`s.
    return f"{wall_ms:015d}.{counter:05d}.{node}"


def parse_hlc(stamp: str) -> tuple[int, int, str]:
    """(wall ms, counter, node) of a stamp in exactly the form `format_hlc` makes; ValueError for
    anything else ("9.0.C", a six-digit counter, a node with dots or spaces)."""
    m = _STAMP.fullmatch(stamp) if isinstance(stamp, str) else None
    if m is None:
        raise ValueError("not a clock stamp")
    return int(m[1]), int(m[2]), m[3]


@functools.lru_cache(maxsize=65_536)
def stamp_key(stamp: str) -> tuple[int, int, str]:
    """What stamps are compared by: the numbers, then the node. A malformed stored stamp (only an
    old server could hold one) sorts before every real stamp, so it never wins a merge."""
    try:
        return parse_hlc(stamp)
    except ValueError:
        return (-1, 0, "")


class HybridLogicalClock:
    def __init__(self, node: str, *, wall: Callable[[], int] | None = None, last: str = "", offset_ms: int = 0) -> None:
        self.node = node
        self._wall = wall or wallclock.epoch_ms
        # What to add to this machine's clock to get the server's (learnt at each sync): a kiosk
        # whose clock is a day out still stamps its offline edits in the right order.
        self.offset_ms = offset_ms
        self._lock = threading.Lock()
        self._ms, self._counter = (0, 0)
        if last:
            self._ms, self._counter, _ = parse_hlc(last)

    def now(self) -> str:
        """A stamp later than every stamp this clock has made or observed."""
        with self._lock:
            wall = self._wall() + self.offset_ms
            if wall > self._ms:
                self._ms, self._counter = wall, 0
            elif self._counter >= MAX_COUNTER:
                self._ms, self._counter = self._ms + 1, 0
            else:
                self._counter += 1
            return format_hlc(self._ms, self._counter, self.node)

    def observe(self, stamp: str) -> None:
        """Move past a stamp received from elsewhere."""
        ms, counter, _ = parse_hlc(stamp)
        with self._lock:
            self._ms, self._counter = max((self._ms, self._counter), (ms, counter))

    @property
    def last(self) -> str:
        """The latest stamp made or observed (not a new one)."""
        with self._lock:
            return format_hlc(self._ms, self._counter, self.node)

    def machine_ms(self) -> int:
        """This machine's own clock, uncorrected, in ms since the epoch."""
        return self._wall()

    def wall_ms(self) -> int:
        """This machine's clock corrected by the offset, in ms since the epoch."""
        return self._wall() + self.offset_ms
