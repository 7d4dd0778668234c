"""The copy progress dialog: phase, the copier's own words, current file, bytes with rate and ETA."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tahoegui.colours import ERROR_STYLE
from tahoegui.copier import CopyResult, ProgressEvent
from tahoegui.formats import format_duration, format_rate, format_size
from tahoegui.grid.redact import redact
from tahoegui.jobs.copy_job import CopyJob
from tahoegui.jobs.rate import RateEstimator
from tahoegui.ui.copy_summary import counts_line, details, error_message, target_label

PHASE_TITLES = {
    "examining": "Examining the sources…",
    "planning": "Planning the copy…",
    "copying": "Copying",
    "finishing": "Finishing on the grid…",
    "done": "Done",
}
BAR_STEPS = 1000


def readable_path(path: str) -> str:
    """A grid path as a person reads it: `Photos/cat.jpg`, not `URI:DIR2:…/Photos/cat.jpg`."""
    if path.startswith("URI:"):
        path = path.partition("/")[2]
    return redact(path)


class CopyProgressDialog(QDialog):
    """Follows one copy job. Not modal: the window stays usable while a copy runs."""

    def __init__(self, job: CopyJob, parent: QWidget | None = None):
        super().__init__(parent)
        self.job = job
        self.rate = RateEstimator()
        self.setObjectName("copyProgressDialog")
        self.setWindowTitle(f"Copying {job.description}")
        self.setModal(False)
        self.setMinimumWidth(480)

        self.phase_label = self._label("phaseLabel", bold=True)
        self.message_label = self._label("messageLabel")
        self.current_label = self._label("currentLabel")
        self.current_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.bar = QProgressBar(self)
        self.bar.setObjectName("bytesBar")
        self.rate_label = self._label("rateLabel")
        self.error_label = self._label("errorLabel")
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        self.summary = QPlainTextEdit(self)
        self.summary.setObjectName("summary")
        self.summary.setReadOnly(True)
        self.summary.hide()

        self.buttons = QDialogButtonBox(self)
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setObjectName("cancelButton")
        self.cancel_button.clicked.connect(self.cancel)
        self.close_button = QPushButton("Close", self)
        self.close_button.setObjectName("closeButton")
        self.close_button.clicked.connect(self.accept)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.addButton(self.close_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button.hide()  # after addButton, which shows it

        layout = QVBoxLayout(self)
        for w in (
            self.phase_label,
            self.message_label,
            self.current_label,
            self.bar,
            self.rate_label,
            self.error_label,
            self.summary,
            self.buttons,
        ):
            layout.addWidget(w)
        self.error_box: QMessageBox | None = None

        self.phase_label.setText("Waiting for other copies to finish…")
        self._busy_bar()
        job.progressed.connect(self.show_progress)
        job.finished.connect(self.show_result)

    def _label(self, name: str, bold: bool = False) -> QLabel:
        label = QLabel(self)
        label.setObjectName(name)
        label.setWordWrap(True)
        if bold:
            font = QFont(label.font())
            font.setBold(True)
            font.setPointSizeF(font.pointSizeF() * 1.15)
            label.setFont(font)
        return label

    # ---- while it runs ---------------------------------------------------------------

    def show_progress(self, event: ProgressEvent) -> None:
        if self.job.cancel_token.cancelled:
            return  # keep saying "Cancelling…" until the copier has stopped
        finishing = event.phase == "finishing" or (
            event.phase == "copying"
            and event.bytes_total > 0
            and not event.sizes_pending
            and event.bytes_done >= event.bytes_total
            and event.files_done < event.files_total
        )
        self.phase_label.setText(PHASE_TITLES["finishing" if finishing else event.phase])
        self.message_label.setText(redact(event.message))
        self.current_label.setText(f"Current file: {readable_path(event.current)}" if event.current else "")
        if event.phase in ("examining", "planning") or finishing:
            self._busy_bar()
            self.rate_label.setText("the node is encoding and storing the last files" if finishing else "")
            return
        if event.bytes_total > 0:
            self.rate.add(event.bytes_done)
            self._show_bytes(event)
            self.rate_label.setText(self._rate_text(event.bytes_total))
        elif event.files_total > 0:
            self.bar.setRange(0, event.files_total)
            self.bar.setValue(event.files_done)
            self.bar.setFormat(f"{event.files_done} of {event.files_total} files")
            self.rate_label.setText("")

    def _show_bytes(self, event: ProgressEvent) -> None:
        self.bar.setRange(0, BAR_STEPS)
        self.bar.setValue(int(BAR_STEPS * min(event.bytes_done, event.bytes_total) / event.bytes_total))
        self.bar.setFormat(f"{format_size(event.bytes_done)} of {format_size(event.bytes_total)} (%p%)")

    def _rate_text(self, bytes_total: int) -> str:
        rate = self.rate.rate
        if rate is None:
            return "measuring speed…"
        left = self.rate.seconds_left(bytes_total)
        eta = f"about {format_duration(left)} left" if left is not None else "time left unknown"
        return f"{format_rate(rate)} · {eta}"

    def _busy_bar(self) -> None:
        self.bar.setRange(0, 0)
        self.bar.setFormat("")

    def cancel(self) -> None:
        """Stop the copy; the copier removes what it had half written."""
        self.job.cancel()
        self.cancel_button.setEnabled(False)
        self.phase_label.setText("Cancelling…")

    # ---- at the end ------------------------------------------------------------------

    def show_result(self, result: CopyResult) -> None:
        self.cancel_button.hide()
        self.close_button.show()
        self.close_button.setDefault(True)
        self.bar.setRange(0, BAR_STEPS)
        self.current_label.setText("")
        self.rate_label.setText("")
        problem = error_message(result)
        if result.cancelled:
            self.phase_label.setText("Cancelled")
            last = self.job.last_event  # what had moved when it stopped (the bar froze at the click)
            if last is not None and last.bytes_total > 0:
                self._show_bytes(last)
            if os.path.isabs(self.job.target):
                kept = "Files finished before that were kept; no partial file was left behind."
            elif result.changed_in_place:
                kept = (
                    "Nothing new was linked into the grid folder, but files already replaced "
                    "in place keep their new contents; the list below says which."
                )
            else:
                kept = "Nothing was linked into the grid folder, so it is as it was."
            self.message_label.setText(f"The copy was cancelled. {kept}")
        elif result.error:
            self.phase_label.setText("The copy could not be done")
            self.message_label.setText("")
        else:
            self.phase_label.setText("Done" if result.ok else "Finished with problems")
            self.message_label.setText(
                redact(f"Success: {result.success_message}") if result.success_message and not result.failed else ""
            )
            self.bar.setValue(BAR_STEPS)
            self.bar.setFormat("%p%")
        if not result.error:
            text = counts_line(result)
            more = details(result, target_label(self.job.target, self.job.aliases))
            self.summary.setPlainText(text + ("\n\n" + more if more else ""))
            self.summary.show()
        if problem and not result.cancelled:
            self.error_label.setText(problem)
            self.error_label.show()
            self._open_error(problem)

    def _open_error(self, text: str) -> None:
        """A clear message in its own box; opened without blocking so the window stays live."""
        box = QMessageBox(QMessageBox.Icon.Warning, "Copy failed", text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("copyErrorMessage")
        box.setModal(False)
        box.show()
        self.error_box = box
