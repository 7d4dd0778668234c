"""Opening a grid file: it is downloaded into a private temporary folder first, then the desktop
opens that copy.

Each run of the program keeps its copies in one folder of its own, `<pid>-<random>`, made
with mode 0700 under the user's cache directory (`~/.cache/tahoegui/opened` on Linux: a
cache, so a large file does not fill a small tmpfs, and private, since a file's contents are
as secret as its cap). Each open gets a fresh subfolder, so opening two files of the same
name never mixes them up. The copies are made read-only (edits would not go back to the
grid) and removed when the program exits (`cleanup`, registered with `atexit`); folders left
by a run that crashed are removed by the next run that opens a file.

The download is a `tahoe cp` of one file (a CopyJob, so it writes atomically, takes large
files as parallel ranges and cancels cleanly), run on a small pool of its own rather than
the transfer queue: opening a file should not wait behind a long copy.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path

import platformdirs
from PySide6.QtCore import QObject, QThreadPool, Signal

from tahoegui.copier import copy as copier_copy
from tahoegui.grid.client import GridClient
from tahoegui.jobs.copy_job import CopyFunction, CopyJob, CopyRunnable, JobState

log = logging.getLogger(__name__)

UNNAMED = "file"  # the name of a copy whose grid name can't be a local file name
OPEN_THREADS = 2


def opened_files_base() -> Path:
    """Where every run's private folder of opened copies goes (paths.py's job, once merged)."""
    return Path(platformdirs.user_cache_dir("tahoegui")) / "opened"


def local_name(name: str) -> str:
    """`name` as a file name on this computer, or UNNAMED when it can't be one."""
    if not name or name in (".", "..") or "/" in name or "\0" in name or len(name.encode("utf-8", "replace")) > 255:
        return UNNAMED
    return name


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class OpenedFiles:
    """This run's private folder of opened copies. No Qt."""

    def __init__(self, base: Path | None = None):
        self.base = base if base is not None else opened_files_base()
        self.folder: Path | None = None
        self._registered = False

    def private_folder(self) -> Path:
        """This run's folder (mode 0700), made on first use."""
        if self.folder is None or not self.folder.is_dir():
            self.base.mkdir(parents=True, exist_ok=True, mode=0o700)
            os.chmod(self.base, 0o700)
            self.remove_stale()
            self.folder = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=self.base))  # mode 0700
            if not self._registered:
                atexit.register(self.cleanup)
                self._registered = True
        return self.folder

    def new_place(self, name: str) -> Path:
        """Where the copy of a file called `name` goes: a fresh subfolder of the private folder."""
        return Path(tempfile.mkdtemp(dir=self.private_folder())) / local_name(name)

    def remove_stale(self) -> None:
        """Remove the folders of runs that have ended without cleaning up (a crash, a kill)."""
        try:
            entries = list(self.base.iterdir())
        except OSError:
            return
        for entry in entries:
            pid_text = entry.name.partition("-")[0]
            if pid_text.isdigit() and int(pid_text) != os.getpid() and not _process_alive(int(pid_text)):
                shutil.rmtree(entry, ignore_errors=True)

    def cleanup(self) -> None:
        """Remove every copy this run made (at exit; also when the window closes)."""
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None


def make_read_only(path: Path) -> None:
    """Edits to an opened copy would never reach the grid: say so by making it read-only."""
    with contextlib.suppress(OSError):
        os.chmod(path, stat.S_IRUSR)


class FileOpener(QObject):
    """Downloads grid files to open them. `ready` brings the local copy of a job that
    finished well; `failed` a message for one that did not (a cancel says nothing)."""

    started = Signal(object)  # CopyJob
    ready = Signal(object, object)  # CopyJob, Path
    failed = Signal(object, str)  # CopyJob, message

    def __init__(self, files: OpenedFiles | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.files = files if files is not None else OpenedFiles()
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(OPEN_THREADS)
        self.jobs: list[CopyJob] = []

    def download(
        self,
        source: str,
        name: str,
        *,
        client_factory: Callable[[], GridClient],
        aliases: Mapping[str, str],
        copy_fn: CopyFunction | None = None,
    ) -> CopyJob:
        """Start copying the grid file `source` (a `tahoe cp` argument) to a new private place."""
        place = self.files.new_place(name)
        job = CopyJob(
            [source],
            str(place),
            f"'{name}' to open it",
            client_factory=client_factory,
            aliases=aliases,
            copy_fn=copy_fn or copier_copy,
        )
        job.setParent(self)
        self.jobs.append(job)
        # stateChanged comes on the UI thread, once the job has taken in its result
        job.stateChanged.connect(lambda j=job: self._finished(j, place))
        self.started.emit(job)
        self.pool.start(CopyRunnable(job))
        return job

    def _finished(self, job: CopyJob, place: Path) -> None:
        if job.is_active or job not in self.jobs:
            return
        self.jobs.remove(job)
        result = job.result
        if job.state is JobState.DONE and place.is_file():
            make_read_only(place)
            self.ready.emit(job, place)
            return
        shutil.rmtree(place.parent, ignore_errors=True)  # nothing half written stays behind
        if job.state is not JobState.CANCELLED:
            reason = (result.error if result else None) or "the copy failed"
            if result is not None and result.failed:
                reason = result.failed[0].reason or reason
            self.failed.emit(job, reason)

    @property
    def active_jobs(self) -> list[CopyJob]:
        return [j for j in self.jobs if j.is_active]

    def close(self, msecs: int = 30000) -> None:
        """Cancel downloads still running, wait for them, and remove every copy."""
        for job in self.active_jobs:
            job.cancel()
        self.pool.waitForDone(msecs)
        self.files.cleanup()
