"""A scripted session inside the real window of the built app: what `make smoke` checks.

The bundle's `tahoegui` runs it when TAHOEGUI_SELF_TEST=DIR is set (installer/run_tahoegui.py).
It builds the window exactly as `tahoegui.app.main` does, with the same arguments, and then,
in Qt's own event loop: waits for the grid connection, lists the first alias, copies
DIR/upload.bin into it (local → grid), waits for the row to appear, copies that grid file
into DIR/download/ (grid → local), compares the bytes, closes the window and exits 0.
Any failure or a step that takes too long exits 1 with one line on stdout saying which.
Progress lines go to stdout, so that stderr stays empty unless something is wrong.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QModelIndex, QTimer
from PySide6.QtWidgets import QApplication

from tahoegui.app import main
from tahoegui.jobs.copy_job import CopyJob, JobState
from tahoegui.models.grid_item import LoadState
from tahoegui.ui.main_window import MainWindow

STEP_TIMEOUT = 180.0  # a private grid's first start (creating four nodes) takes 10–60 s here
POLL_MS = 100

Step = tuple[str, Callable[[], bool]]  # what is awaited, and a test of whether it has happened


class SelfTestFailed(Exception):
    """A step did not go as it should: the message says what was seen."""


def run(argv: list[str], workdir: str) -> int:
    """Run `tahoegui ARGV` with the scripted session; answer the exit code."""
    if QApplication.instance() is None:
        QApplication(sys.argv[:1])  # main() uses this one
    QApplication.setQuitOnLastWindowClosed(False)  # the script, not the window, says how it ends
    session = SelfTest(Path(workdir))
    QTimer.singleShot(0, session.begin)
    return main(argv)


class SelfTest:
    """Drives the window's steps one after another, polling each until it has happened."""

    def __init__(self, workdir: Path):
        self.workdir = workdir
        self.window: MainWindow | None = None
        self.steps: Iterator[Step] | None = None
        self.waiting: Step | None = None
        self.deadline = 0.0
        self.started = time.monotonic()
        self.timer = QTimer()
        self.timer.setInterval(POLL_MS)
        self.timer.timeout.connect(self._poll)

    def begin(self) -> None:
        windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow)]
        if not windows:
            self._end(1, "no main window was built")
            return
        self.window = windows[0]
        self.steps = self._script(self.window)
        self._advance()
        self.timer.start()

    def _advance(self) -> None:
        assert self.steps is not None
        try:
            self.waiting = next(self.steps)
        except StopIteration:
            self._end(0, "passed")
            return
        except SelfTestFailed as e:
            self._end(1, str(e))
            return
        except Exception as e:
            self._end(1, f"{type(e).__name__}: {e}")
            raise
        self.deadline = time.monotonic() + STEP_TIMEOUT
        self._say(f"waiting: {self.waiting[0]}")

    def _poll(self) -> None:
        if self.waiting is None:
            return
        what, happened = self.waiting
        try:
            done = happened()
        except SelfTestFailed as e:
            self._end(1, str(e))
            return
        except Exception as e:  # a broken step must end the run, not repeat every POLL_MS
            self._end(1, f"{type(e).__name__}: {e} while waiting for: {what}")
            raise
        if done:
            self._say(f"done: {what}")
            self._advance()
        elif time.monotonic() > self.deadline:
            self._end(1, f"timed out after {STEP_TIMEOUT:.0f} s waiting for: {what}")

    def _script(self, window: MainWindow) -> Iterator[Step]:
        upload = self.workdir / "upload.bin"
        download_dir = self.workdir / "download"
        download_dir.mkdir(exist_ok=True)
        data = upload.read_bytes()

        yield "the grid connection", lambda: window.connection is not None
        assert window.connection is not None
        if not window.connection.aliases:
            raise SelfTestFailed("the private grid has no alias")
        alias = next(iter(window.connection.aliases))
        model = window.grid_pane.model
        root = model.alias_index(alias)
        window.grid_pane.navigate(root)
        yield f"the listing of alias {alias}:", lambda: _loaded(window, root)

        target = window.grid_pane.current_target()
        if target is None:
            raise SelfTestFailed(f"alias {alias}: shows no folder to copy into")
        up = window.start_copy([str(upload)], target, "self-test upload")
        if up is None:
            raise SelfTestFailed("the window did not start the local → grid copy")
        yield "the local → grid copy", lambda: _finished(up)
        yield "upload.bin in the grid listing", lambda: model.child_index(root, "upload.bin").isValid()

        items = model.dragged_items([model.child_index(root, "upload.bin")])
        down = window.start_copy([items[0].source], str(download_dir), "self-test download")
        if down is None:
            raise SelfTestFailed("the window did not start the grid → local copy")
        yield "the grid → local copy", lambda: _finished(down)
        arrived = (download_dir / "upload.bin").read_bytes()
        if arrived != data:
            raise SelfTestFailed(f"grid → local: {len(arrived)} bytes arrived, not the {len(data)} sent")
        self._say(f"grid → local: all {len(data)} bytes arrived intact")

    def _end(self, code: int, message: str) -> None:
        self.timer.stop()
        self.waiting = None
        self._say(f"{'PASS' if code == 0 else 'FAIL'}: {message} ({time.monotonic() - self.started:.1f} s)")
        if self.window is not None:
            self.window.close()  # as a user would: the poller and the runner stop cleanly
        QApplication.exit(code)

    @staticmethod
    def _say(text: str) -> None:
        print(f"self-test: {text}", flush=True)


def _loaded(window: MainWindow, index: QModelIndex) -> bool:
    item = window.grid_pane.model.item(index)
    if item.state is LoadState.FAILED:
        raise SelfTestFailed(f"listing {item.location()} failed")
    return item.state is LoadState.LOADED


def _finished(job: CopyJob) -> bool:
    if job.is_active:
        return False
    if job.state is not JobState.DONE or job.result is None or not job.result.ok:
        result = job.result
        why = result.error if result and result.error else [i.reason for i in result.failed] if result else "no result"
        raise SelfTestFailed(f"{job.description}: {job.state.value}: {why}")
    return True
