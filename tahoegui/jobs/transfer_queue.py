"""The queue of copy jobs: one runs at a time (the node is CPU-bound; parallel jobs only fight)."""

from __future__ import annotations

from PySide6.QtCore import QObject, QThreadPool, Signal

from tahoegui.jobs.copy_job import CopyJob, CopyRunnable


class TransferQueue(QObject):
    """Holds every job of this session, in order; runs them one after another."""

    jobAdded = Signal(object)  # CopyJob
    jobChanged = Signal(object)  # CopyJob (state or progress)
    jobFinished = Signal(object)  # CopyJob

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.jobs: list[CopyJob] = []
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)

    def submit(self, job: CopyJob) -> CopyJob:
        job.setParent(self)
        self.jobs.append(job)
        job.progressed.connect(lambda _e, j=job: self.jobChanged.emit(j))
        job.stateChanged.connect(lambda j=job: self.jobChanged.emit(j))
        job.finished.connect(lambda _r, j=job: self.jobFinished.emit(j))
        self.jobAdded.emit(job)
        self.pool.start(CopyRunnable(job))
        return job

    @property
    def active_jobs(self) -> list[CopyJob]:
        return [j for j in self.jobs if j.is_active]

    def cancel_all(self) -> None:
        for job in self.active_jobs:
            job.cancel()

    def wait(self, msecs: int = 60000) -> bool:
        """Block until the running job ends (when the window closes)."""
        return self.pool.waitForDone(msecs)
