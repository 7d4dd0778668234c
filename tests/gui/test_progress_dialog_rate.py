"""The rate and time-left line of the progress dialog: exact texts, on a clock the test moves.

The events go through the job's `progressed` signal, as a running copy sends them; no copy
runs, so nothing else reaches the dialog."""

from __future__ import annotations

import pytest

from tahoegui.copier import CopyResult, ProgressEvent
from tahoegui.jobs.copy_job import CopyJob
from tahoegui.jobs.rate import RateEstimator
from tahoegui.ui.progress_dialog import CopyProgressDialog

MB = 1_000_000


class Clock:
    def __init__(self) -> None:
        self.now = 500.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def dialog(qtbot, clock: Clock) -> CopyProgressDialog:
    job = CopyJob(["/src"], "URI:DIR2:aaaa:bbbb", "'src' to the grid", client_factory=lambda: None, aliases={})
    dialog = CopyProgressDialog(job)
    dialog.rate = RateEstimator(clock=clock)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def send(dialog: CopyProgressDialog, done: int, total: int, phase: str = "copying", files: int = 1) -> None:
    dialog.job.progressed.emit(ProgressEvent(phase, f"{files}/4 files", files, 4, 0, 1, done, total))


def test_the_rate_is_measured_before_it_is_shown(dialog, clock):
    send(dialog, 1 * MB, 10 * MB)
    assert dialog.rate_label.text() == "measuring speed…"
    clock.now += 0.1
    send(dialog, 2 * MB, 10 * MB)
    assert dialog.rate_label.text() == "measuring speed…"  # a tenth of a second tells nothing yet


def test_rate_and_time_left_in_seconds_minutes_and_hours(dialog, clock):
    send(dialog, 1 * MB, 10 * MB)
    clock.now += 2
    send(dialog, 3 * MB, 10 * MB)
    assert dialog.rate_label.text() == "1.0 MB/s · about 7 s left"

    clock.now += 2
    send(dialog, 5 * MB, 500 * MB)  # more was found to copy: 495 MB to go at 1 MB/s
    assert dialog.rate_label.text() == "1.0 MB/s · about 8 min 15 s left"

    clock.now += 1
    send(dialog, 5_500_000, 5 * 1000 * MB)  # and more: 4,994.5 MB at 0.9 MB/s (4.5 MB in 5 s)
    assert dialog.rate_label.text() == "900.0 kB/s · about 1 h 32 min left"


def test_a_stalled_transfer_shows_no_time_left(dialog, clock):
    send(dialog, 0, 10 * MB)
    clock.now += 1
    send(dialog, 2 * MB, 10 * MB)
    clock.now += 30  # nothing moves: older samples leave the five-second window
    send(dialog, 2 * MB, 10 * MB)
    assert dialog.rate_label.text() == "0 B/s · time left unknown"


def test_the_line_speaks_of_the_node_while_it_finishes_and_is_empty_at_the_end(dialog, clock):
    send(dialog, 1 * MB, 10 * MB)
    clock.now += 1
    send(dialog, 10 * MB, 10 * MB, files=3)  # every byte sent, a file still open: the node encodes it
    assert dialog.rate_label.text() == "the node is encoding and storing the last files"
    dialog.job.finished.emit(CopyResult())
    assert dialog.rate_label.text() == ""
