"""The transfer list: one row per copy job, for the transfer dock."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from tahoegui.formats import format_size
from tahoegui.jobs.copy_job import CopyJob, JobState
from tahoegui.jobs.transfer_queue import TransferQueue

TRANSFER_COLUMNS = ("Copy", "Status", "Progress")
ModelIndex = QModelIndex | QPersistentModelIndex


def job_status(job: CopyJob) -> str:
    """The job's state in a word or two, with the reason when it failed."""
    if job.state is JobState.RUNNING and job.last_event is not None:
        return job.last_event.phase
    if job.state is JobState.FAILED and job.result is not None:
        if job.result.error:
            return f"failed: {job.result.error}"
        return f"failed ({len(job.result.failed)} items)"
    return job.state.value


def job_progress(job: CopyJob) -> str:
    event = job.last_event
    if job.state is JobState.DONE and job.result is not None:
        r = job.result
        return f"{len(r.copied)} copied, {len(r.linked)} linked, {len(r.skipped)} skipped"
    if event is None or not (event.files_total or event.bytes_total):
        return ""
    text = f"{event.files_done}/{event.files_total} files"
    if event.bytes_total:
        text += f", {format_size(event.bytes_done)} of {format_size(event.bytes_total)}"
    return text


class TransferListModel(QAbstractTableModel):
    """Mirrors a TransferQueue; rows update as its jobs progress."""

    def __init__(self, queue: TransferQueue, parent: Any = None):
        super().__init__(parent)
        self.queue = queue
        self._jobs: list[CopyJob] = list(queue.jobs)
        queue.jobAdded.connect(self._added)
        queue.jobChanged.connect(self._changed)
        queue.jobFinished.connect(self._changed)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._jobs)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(TRANSFER_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return TRANSFER_COLUMNS[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        job = self._jobs[index.row()]
        return (job.description, job_status(job), job_progress(job))[index.column()]

    def job_at(self, row: int) -> CopyJob:
        return self._jobs[row]

    def _added(self, job: CopyJob) -> None:
        row = len(self._jobs)
        self.beginInsertRows(QModelIndex(), row, row)
        self._jobs.append(job)
        self.endInsertRows()

    def _changed(self, job: CopyJob) -> None:
        if job not in self._jobs:
            return
        row = self._jobs.index(job)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(TRANSFER_COLUMNS) - 1))
