"""The progress dialog and the copy job, driven by a scripted copier (exact events, no timing luck)."""

from __future__ import annotations

import itertools
import threading

import pytest
from PySide6.QtWidgets import QMessageBox

from tahoegui.copier import CopyResult, ItemResult, ProgressEvent
from tahoegui.copier.result import MAYBE_REPLACED
from tahoegui.jobs.copy_job import CopyJob, JobState
from tahoegui.jobs.rate import RateEstimator
from tahoegui.jobs.throttle import ProgressThrottle
from tahoegui.ui.progress_dialog import CopyProgressDialog


def scripted_copier(events: list[ProgressEvent], result: CopyResult, gate: threading.Event | None = None):
    """A copy function that reports `events`, waits at `gate` (if given), then answers `result`."""

    def copy(sources, target, *, client, aliases, options, progress, cancel):
        assert options.recursive
        for event in events:
            progress(event)
        if gate is not None:
            while not gate.wait(0.01):
                if cancel.cancelled:
                    return CopyResult(cancelled=True)
        return result

    return copy


def start(qtbot, copy_fn) -> tuple[CopyJob, CopyProgressDialog]:
    job = CopyJob(
        ["/src"], "URI:DIR2:aaaa:bbbb", "'src' to the grid", client_factory=lambda: None, aliases={}, copy_fn=copy_fn
    )  # type: ignore[arg-type]
    dialog = CopyProgressDialog(job)
    qtbot.addWidget(dialog)
    dialog.show()
    threading.Thread(target=job.run, daemon=True).start()
    return job, dialog


def test_dialog_shows_phase_messages_current_file_bytes_rate_and_finishing(qtbot):
    gate = threading.Event()
    events = [
        ProgressEvent("examining", "examining 3 of 40"),
        ProgressEvent(
            "copying", "12/40 files, 2/5 directories", 12, 40, 2, 5, 4_000_000, 10_000_000, current="photos/cat.jpg"
        ),
    ]
    job, dialog = start(qtbot, scripted_copier(events, CopyResult(), gate))

    qtbot.waitUntil(lambda: dialog.message_label.text() == "12/40 files, 2/5 directories", timeout=5000)
    assert dialog.phase_label.text() == "Copying"
    assert "photos/cat.jpg" in dialog.current_label.text()
    assert dialog.bar.value() == 400 and dialog.bar.format() == "4.0 MB of 10.0 MB (%p%)"
    assert dialog.rate_label.text() == "measuring speed…"  # one sample tells no speed yet
    now = [100.0]
    dialog.rate = RateEstimator(clock=lambda: now[0])  # the rate over seconds the test controls
    dialog.show_progress(ProgressEvent("copying", "13/40 files", 13, 40, 2, 5, 4_000_000, 10_000_000))
    now[0] = 102.0
    dialog.show_progress(ProgressEvent("copying", "14/40 files", 14, 40, 2, 5, 6_000_000, 10_000_000))
    assert dialog.rate_label.text() == "1.0 MB/s · about 4 s left"

    # The known bytes are in, but a mutable file's size is not known yet: still copying.
    dialog.show_progress(ProgressEvent("copying", "39/40 files", 39, 40, 5, 5, 10_000_000, 10_000_000, sizes_pending=1))
    assert dialog.phase_label.text() == "Copying"
    # All bytes sent but files still open: the node is encoding. Say so honestly.
    dialog.show_progress(ProgressEvent("copying", "39/40 files", 39, 40, 5, 5, 10_000_000, 10_000_000))
    assert dialog.phase_label.text() == "Finishing on the grid…"
    assert dialog.bar.maximum() == 0  # busy, not a frozen 100 %
    gate.set()
    qtbot.waitUntil(lambda: job.state is JobState.DONE, timeout=5000)
    assert dialog.phase_label.text() == "Done"
    assert dialog.close_button.isVisible() and not dialog.cancel_button.isVisible()


def test_cancel_stops_the_job_and_says_so(qtbot):
    gate = threading.Event()  # never set: only cancelling ends this copy
    job, dialog = start(qtbot, scripted_copier([ProgressEvent("copying", "1/2 files", 1, 2)], CopyResult(), gate))
    qtbot.waitUntil(lambda: job.state is JobState.RUNNING, timeout=5000)

    dialog.cancel_button.click()

    qtbot.waitUntil(lambda: job.state is JobState.CANCELLED, timeout=5000)
    assert dialog.phase_label.text() == "Cancelled"


def test_after_a_cancel_the_bar_shows_what_had_moved_when_it_stopped(qtbot):
    def copy(sources, target, *, client, aliases, options, progress, cancel):
        progress(ProgressEvent("copying", "", 0, 4, 0, 1, 1_000_000, 10_000_000))
        while not cancel.cancelled:
            threading.Event().wait(0.01)
        progress(ProgressEvent("copying", "", 1, 4, 0, 1, 3_000_000, 10_000_000))  # winding down
        return CopyResult(cancelled=True)

    job, dialog = start(qtbot, copy)
    qtbot.waitUntil(lambda: "1.0 MB of 10.0 MB" in dialog.bar.format(), timeout=5000)
    dialog.cancel_button.click()

    qtbot.waitUntil(lambda: job.state is JobState.CANCELLED, timeout=5000)
    assert "3.0 MB of 10.0 MB" in dialog.bar.format() and dialog.bar.value() == 300


def test_a_cancel_that_comes_too_late_shows_what_happened(qtbot):
    # The click lands while the grid folder is being written; the copier finishes that
    # and says so. The window must not claim that nothing was linked.
    linking, release = threading.Event(), threading.Event()

    def copy(sources, target, *, client, aliases, options, progress, cancel):
        progress(ProgressEvent("finishing", "1/1 directories"))
        linking.set()
        release.wait(5)
        return CopyResult(
            items=[ItemResult("/src/a", "URI:DIR2:aaaa:bbbb/a", "copied", size=1)], success_message="files copied"
        )

    job, dialog = start(qtbot, copy)
    assert linking.wait(5)
    dialog.cancel_button.click()
    release.set()

    qtbot.waitUntil(lambda: job.state is not JobState.RUNNING and job.result is not None, timeout=5000)
    assert job.state is JobState.DONE
    assert dialog.phase_label.text() == "Done" and "Copied 1" in dialog.summary.toPlainText()


@pytest.mark.parametrize(
    "items, says",
    [
        ([], "Nothing was linked into the grid folder, so it is as it was."),
        ([ItemResult("/src/notes", "URI:DIR2:aaaa:bbbb/notes", "skipped", MAYBE_REPLACED)], "replaced in place"),
        ([ItemResult("/src/notes", "URI:DIR2:aaaa:bbbb/notes", "copied", size=3)], "replaced in place"),
    ],
)
def test_a_cancelled_grid_copy_says_whether_the_folder_changed(qtbot, items, says):
    job, dialog = start(qtbot, scripted_copier([], CopyResult(items=items, cancelled=True)))
    qtbot.waitUntil(lambda: job.state is JobState.CANCELLED, timeout=5000)
    assert says in dialog.message_label.text()


def test_end_summary_lists_failures_with_reasons_and_opens_a_clear_message(qtbot):
    result = CopyResult(
        items=[
            ItemResult("/src/a", "URI:DIR2:aaaa:bbbb/a", "copied", size=3),
            ItemResult("/src/b", "URI:DIR2:aaaa:bbbb/b", "linked"),
            ItemResult("/src/c", "URI:DIR2:aaaa:bbbb/c", "failed", reason="the node is full"),
        ]
    )
    job, dialog = start(qtbot, scripted_copier([], result))
    qtbot.waitUntil(lambda: job.state is JobState.FAILED, timeout=5000)

    summary = dialog.summary.toPlainText()
    assert "Copied 1, linked 1, skipped 0, failed 1" in summary
    assert "the node is full" in summary
    assert "URI:" not in summary  # caps in targets are redacted
    box = dialog.findChild(QMessageBox, "copyErrorMessage")
    assert box is not None and "the node is full" in box.text()


def test_a_crashing_copier_becomes_a_message_not_a_traceback(qtbot):
    def broken(*args, **kwargs):
        raise KeyError("internal detail")

    job, dialog = start(qtbot, broken)
    qtbot.waitUntil(lambda: job.state is JobState.FAILED, timeout=5000)
    text = dialog.error_label.text()
    assert "internal error" in text and "Traceback" not in text and "internal detail" not in text


class NeverFires:
    """A throttle timer under the test's control: it runs only when the test calls it."""

    def cancel(self) -> None:
        pass


def test_throttle_passes_about_ten_events_a_second_but_never_drops_a_phase_change():
    sent: list[ProgressEvent] = []
    now = [0.0]
    throttle = ProgressThrottle(
        sent.append, interval=0.1, clock=lambda: now[0], start_timer=lambda delay, action: NeverFires()
    )
    for i in range(1000):  # one second of events, a millisecond apart
        now[0] = i / 1000
        throttle(ProgressEvent("copying", "", bytes_done=i))
    throttle(ProgressEvent("finishing", ""))
    throttle(ProgressEvent("done", ""))
    copying = [e.bytes_done for e in sent if e.phase == "copying"]
    gaps = [later - earlier for earlier, later in itertools.pairwise(copying)]
    assert len(copying) == 10 and min(gaps) >= 100, copying
    assert [e.phase for e in sent[-2:]] == ["finishing", "done"]


def test_throttle_sends_a_held_event_one_interval_later_when_nothing_follows_it():
    sent: list[ProgressEvent] = []
    now = [0.0]
    timers: list[tuple[float, object]] = []

    def start_timer(delay, action):
        timers.append((delay, action))
        return NeverFires()

    throttle = ProgressThrottle(sent.append, interval=0.1, clock=lambda: now[0], start_timer=start_timer)
    for i in range(5):  # a burst, then the transfer stalls
        now[0] = i / 1000
        throttle(ProgressEvent("copying", "", bytes_done=i))
    assert [e.bytes_done for e in sent] == [0]
    assert len(timers) == 1  # one timer for the whole burst
    delay, action = timers[0]
    assert delay == pytest.approx(0.099)  # started by the first held event, due when the interval ends
    now[0] = 0.1
    action()  # the timer fires: the newest event of the burst goes out
    assert [e.bytes_done for e in sent] == [0, 4]
    throttle.flush()  # nothing is held any more: nothing is sent twice
    assert [e.bytes_done for e in sent] == [0, 4]


def test_throttle_with_real_timers_shows_the_last_event_of_a_burst():
    sent: list[ProgressEvent] = []
    delivered = threading.Event()
    throttle = ProgressThrottle(
        lambda e: (sent.append(e), delivered.set() if e.bytes_done == 9 else None), interval=0.05
    )
    for i in range(10):
        throttle(ProgressEvent("copying", "", bytes_done=i))
    assert delivered.wait(2), "the held event was never sent"
    assert sent[0].bytes_done == 0 and sent[-1].bytes_done == 9
