"""How sizes, rates, durations and dates read, in every pane, dialog and list. No Qt.

Sizes use decimal (SI) units, as Tahoe-LAFS's own web pages do: 1 kB is 1000 bytes, and
`46.9 kB`, `180.0 kB`, `1.5 GB` carry one decimal; under 1000 bytes the count is exact
(`18 B`). Dates are local time to the minute, `2026-11-26 01:40`, so that a file and its
copy on the other side read alike however precisely each side keeps its time.
"""

from __future__ import annotations

import time

SIZE_UNITS = ("kB", "MB", "GB", "TB", "PB", "EB")
DATE_FORMAT = "%Y-%m-%d %H:%M"


def format_size(size: int | None) -> str:
    """`18 B`, `46.9 kB`, `180.0 kB`, `1.5 GB`; empty when the size is unknown (None)."""
    if size is None:
        return ""
    if size < 1000:
        return f"{size} B"
    value = size / 1000
    for unit in SIZE_UNITS:
        text = f"{value:.1f}"
        # 999,950 bytes would round to `1000.0 kB`: that is `1.0 MB`
        if float(text) < 1000 or unit == SIZE_UNITS[-1]:
            return f"{text} {unit}"
        value /= 1000
    raise AssertionError("unreachable: the last unit always answers")


def format_rate(bytes_per_second: float) -> str:
    """`33.2 MB/s`."""
    return f"{format_size(max(0, int(bytes_per_second)))}/s"


def format_duration(seconds: float) -> str:
    """`42 s`, `3 min 5 s`, `1 h 2 min` (rounded to the second; never negative)."""
    s = max(0, round(seconds))
    if s < 60:
        return f"{s} s"
    if s < 3600:
        return f"{s // 60} min {s % 60} s"
    return f"{s // 3600} h {(s % 3600) // 60} min"


def format_time(stamp: float | None) -> str:
    """`2026-11-26 01:40` in local time, from seconds since the epoch; empty when unknown."""
    if stamp is None:
        return ""
    try:
        return time.strftime(DATE_FORMAT, time.localtime(stamp))
    except (OverflowError, OSError, ValueError):  # link metadata can hold any number
        return ""
