"""Sizes, rates, durations and dates in words: one convention for every pane and dialog."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tahoegui.formats import SIZE_UNITS, format_duration, format_rate, format_size, format_time

MULTIPLIER = {"B": 1, **{unit: 1000 ** (i + 1) for i, unit in enumerate(SIZE_UNITS)}}
SIZE_TEXT = re.compile(r"^(\d+(?:\.\d)?) (B|" + "|".join(SIZE_UNITS) + r")$")
SIZES = st.integers(min_value=0, max_value=10**21)


def bytes_meant(text: str) -> float:
    """What a size text says, in bytes."""
    match = SIZE_TEXT.match(text)
    assert match, f"{text!r} is not a size"
    return float(match.group(1)) * MULTIPLIER[match.group(2)]


def seconds_meant(text: str) -> int:
    units = {"h": 3600, "min": 60, "s": 1}
    parts = text.split()
    return sum(int(n) * units[u] for n, u in zip(parts[::2], parts[1::2], strict=True))


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (None, ""),
        (0, "0 B"),
        (18, "18 B"),
        (999, "999 B"),
        (1000, "1.0 kB"),
        (48_000, "48.0 kB"),
        (46_880, "46.9 kB"),
        (180_000, "180.0 kB"),
        (999_949, "999.9 kB"),
        (999_950, "1.0 MB"),  # not "1000.0 kB"
        (120_000_000, "120.0 MB"),
        (1_500_000_000, "1.5 GB"),
    ],
)
def test_sizes_use_decimal_units_with_one_decimal(size, text):
    assert format_size(size) == text


@given(SIZES)
def test_a_size_text_is_within_half_its_last_digit_of_the_size(size):
    text = format_size(size)
    unit = SIZE_TEXT.match(text).group(2)
    if unit == "B":
        assert text == f"{size} B"
    else:
        assert abs(bytes_meant(text) - size) <= 0.05 * MULTIPLIER[unit] * (1 + 1e-9)


@given(SIZES)
@example(999_950)  # the sizes that round up into the next unit
@example(999_999_999)
def test_a_size_text_never_reaches_a_thousand_of_its_unit(size):
    number, unit = format_size(size).split()
    assert float(number) < 1000 or unit == SIZE_UNITS[-1]


@given(SIZES, SIZES)
def test_a_bigger_size_never_reads_smaller(a, b):
    small, big = sorted((a, b))
    assert bytes_meant(format_size(small)) <= bytes_meant(format_size(big))


@given(st.floats(min_value=0, max_value=1e13, allow_nan=False))
def test_a_rate_is_a_size_per_second(rate):
    assert format_rate(rate) == format_size(int(rate)) + "/s"


def test_a_negative_rate_reads_as_nothing_moving():
    assert format_rate(-5.0) == "0 B/s"


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (0, "0 s"),
        (42, "42 s"),
        (59.4, "59 s"),
        (59.6, "1 min 0 s"),
        (0.4, "0 s"),
        (185, "3 min 5 s"),
        (3599, "59 min 59 s"),
        (3600, "1 h 0 min"),
        (3720, "1 h 2 min"),
        (3725, "1 h 2 min"),
        (90_000, "25 h 0 min"),
        (-3, "0 s"),
    ],
)
def test_durations_read_in_hours_minutes_and_seconds(seconds, text):
    assert format_duration(seconds) == text


@given(st.floats(min_value=0, max_value=10**7, allow_nan=False))
def test_a_duration_text_is_exact_to_the_second_below_an_hour_and_to_the_minute_above(seconds):
    meant = seconds_meant(format_duration(seconds))
    assert abs(meant - seconds) <= (0.5 if round(seconds) < 3600 else 60)


@given(st.floats(min_value=0, max_value=10**7, allow_nan=False), st.floats(min_value=0, max_value=10**7))
def test_a_longer_duration_never_reads_shorter(a, b):
    short, long = sorted((a, b))
    assert seconds_meant(format_duration(short)) <= seconds_meant(format_duration(long))


def test_dates_are_local_time_to_the_minute():
    stamp = time.mktime((2026, 11, 26, 1, 40, 59, 0, 0, -1))
    assert format_time(stamp) == "2026-11-26 01:40"
    assert format_time(None) == ""


# 1971–2100: four-digit years, where the text sorts as the time does
STAMPS = st.floats(min_value=40_000_000, max_value=4_102_444_800, allow_nan=False)


@given(STAMPS)
def test_a_date_text_reads_back_as_the_minute_it_falls_in(stamp):
    read_back = time.mktime(time.strptime(format_time(stamp), "%Y-%m-%d %H:%M"))
    minute = time.localtime(stamp)
    assert time.localtime(read_back)[:5] == minute[:5]


@given(STAMPS, STAMPS)
def test_a_later_date_never_reads_earlier(a, b):
    # later on the wall clock: where summer time ends, an hour's clock times come twice
    early, late = sorted((a, b), key=lambda stamp: time.localtime(stamp)[:6])
    assert format_time(early) <= format_time(late)


@pytest.mark.parametrize("stamp", [1e300, float("inf"), float("nan")])
def test_a_time_no_calendar_holds_reads_as_unknown(stamp):
    assert format_time(stamp) == ""
