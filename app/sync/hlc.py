"""Hybrid logical clock: change stamps that order correctly even when a kiosk's clock is wrong."""

from __future__ import annotations

import threading
from collections.abc import Callable

from app import clock as wallclock


def format_hlc(wall_ms: int, counter: int, node: str) -> str:
    # Fixed-width so stamps compare correctly as strings in SQL.
    return f"{wall_ms:015d}.{counter:05d}.{node}"


def parse_hlc(stamp: str) -> tuple[int, int, str]:
    wall, counter, node = stamp.split(".", 2)
    return int(wall), int(counter), node


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
