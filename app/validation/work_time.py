"""Reading a posting's working time ("08:00-17:00", "早8点到晚6点", "9:00-12:00，14:00-18:00") as
windows of minutes after midnight, so matching can tell whether two short jobs clash in a day.

A window that runs past midnight ends after 1440 (22:00-06:00 is (1320, 1800)). Text that names
no time range gives None: matching then treats the job as taking the whole day.
"""

from __future__ import annotations

import re

DAY = 24 * 60

# Parts of the day a seeker can say they are free (TIME_SLOTS), as windows.
SLOT_WINDOWS: dict[str, tuple[int, int]] = {
    "morning": (6 * 60, 12 * 60),
    "afternoon": (12 * 60, 18 * 60),
    "night": (18 * 60, 30 * 60),
}

_PM_WORDS = ("下午", "晚上", "傍晚", "晚")
_TIME = (
    r"(?P<{p}pre>早上|上午|中午|下午|傍晚|晚上|凌晨|早|晚)?\s*"
    r"(?P<{p}h>\d{{1,2}})(?:[:：](?P<{p}m>\d{{2}})|点(?:(?P<{p}half>半)|(?P<{p}m2>\d{{1,2}})分?)?)"
)
_RANGE = re.compile(_TIME.format(p="a") + r"\s*(?:-|—|–|~|～|至|到)+\s*" + _TIME.format(p="b"))

Window = tuple[int, int]


def _minutes(m: re.Match[str], p: str) -> tuple[int, bool] | None:
    hour = int(m[p + "h"])
    minute = 30 if m[p + "half"] else int(m[p + "m"] or m[p + "m2"] or 0)
    if hour > 24 or minute >= 60:
        return None
    prefix = m[p + "pre"] or ""
    if (prefix in _PM_WORDS and hour < 12) or (prefix == "中午" and hour < 11):
        hour += 12
    return hour * 60 + minute, bool(prefix)


def parse_work_windows(text: str) -> tuple[Window, ...] | None:
    """The time ranges a working-time text names, or None when it names none."""
    windows: list[Window] = []
    for m in _RANGE.finditer(text or ""):
        start, end = _minutes(m, "a"), _minutes(m, "b")
        if start is None or end is None:
            continue
        (a, _), (b, b_marked) = start, end
        if b <= a:
            if not b_marked and a < 12 * 60 and b + 12 * 60 > a:
                b += 12 * 60  # "8点-5点": a day shift, 08:00-17:00
            else:
                b += DAY  # "22:00-06:00": a night shift
        if b > a:
            windows.append((a, b))
    return tuple(windows) or None


def windows_overlap(a: tuple[Window, ...] | None, b: tuple[Window, ...] | None) -> bool:
    """Whether two jobs' hours clash on a day; an unknown working time clashes with everything."""
    if a is None or b is None:
        return True
    return any(
        x0 < y1 + shift and y0 + shift < x1 for x0, x1 in a for y0, y1 in b for shift in (-DAY, 0, DAY)
    )


def slots_of(windows: tuple[Window, ...]) -> frozenset[str]:
    """The parts of the day (morning / afternoon / night) the windows touch."""
    touched = set()
    for w0, w1 in windows:
        for slot, (s0, s1) in SLOT_WINDOWS.items():
            # Early morning before 06:00 counts as night.
            if any(w0 < s1 + shift and s0 + shift < w1 for shift in (-DAY, 0, DAY)):
                touched.add(slot)
    return frozenset(touched)


def describe_windows(windows: tuple[Window, ...]) -> str:
    """'08:00-12:00、14:00-18:00' (the end of a night shift shown as the next day's clock)."""
    return "、".join(f"{a // 60:02d}:{a % 60:02d}-{(b % DAY) // 60:02d}:{b % 60:02d}" for a, b in windows)
