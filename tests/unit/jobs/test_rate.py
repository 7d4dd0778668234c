"""The transfer rate (a rolling average over the last seconds) and the time left, on a clock
the test moves by hand."""

from __future__ import annotations

import pytest

from tahoegui.jobs.rate import RateEstimator

MB = 1_000_000


class Clock:
    def __init__(self, now: float = 1000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def estimator(window: float = 5.0) -> tuple[Clock, RateEstimator]:
    clock = Clock()
    return clock, RateEstimator(window=window, clock=clock)


def test_no_rate_before_two_samples_a_moment_apart():
    clock, rate = estimator()
    assert rate.rate is None and rate.seconds_left(10 * MB) is None
    rate.add(1 * MB)
    assert rate.rate is None  # one sample tells no speed
    clock.now += 0.1
    rate.add(2 * MB)
    assert rate.rate is None and rate.seconds_left(10 * MB) is None  # 0.1 s is too short to tell
    clock.now += 0.1
    rate.add(3 * MB)
    assert rate.rate == pytest.approx(10 * MB)  # 2 MB over the 0.2 s since the first sample


def test_the_rate_is_the_bytes_of_the_last_seconds_over_their_time():
    clock, rate = estimator(window=5.0)
    done = 0
    for _ in range(10):  # ten seconds at 1 MB/s
        rate.add(done)
        clock.now += 1
        done += 1 * MB
    for _ in range(6):  # then six at 3 MB/s: only these remain in the five-second window
        rate.add(done)
        clock.now += 1
        done += 3 * MB
    assert rate.rate == pytest.approx(3 * MB)
    assert rate.seconds_left(done - 3 * MB + 30 * MB) == pytest.approx(10.0)  # 30 MB to go at 3 MB/s


def test_time_left_is_what_remains_at_the_current_rate_and_never_negative():
    clock, rate = estimator()
    rate.add(0)
    clock.now += 4
    rate.add(2 * MB)  # 0.5 MB/s
    assert rate.seconds_left(12 * MB) == pytest.approx(20.0)
    assert rate.seconds_left(2 * MB) == 0.0
    assert rate.seconds_left(1 * MB) == 0.0  # a total smaller than what was sent: nothing left, not -2 s


def test_a_stalled_transfer_has_a_rate_of_zero_and_no_time_left():
    clock, rate = estimator(window=5.0)
    rate.add(0)
    clock.now += 1
    rate.add(1 * MB)
    clock.now += 20  # nothing moved for twenty seconds
    rate.add(1 * MB)
    assert rate.rate == 0.0
    assert rate.seconds_left(10 * MB) is None  # unknown, not infinite


def test_a_count_that_goes_back_starts_the_measurement_again():
    clock, rate = estimator()
    rate.add(0)
    clock.now += 2
    rate.add(8 * MB)
    assert rate.rate == pytest.approx(4 * MB)
    clock.now += 1
    rate.add(1 * MB)  # a new phase counts from the start again
    assert rate.rate is None
    clock.now += 1
    rate.add(2 * MB)
    assert rate.rate == pytest.approx(1 * MB)
