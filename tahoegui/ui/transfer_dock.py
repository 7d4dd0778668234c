"""The transfer queue dock: every copy of this session, its state and progress; cancel from here."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QTableView,
    QWidget,
)

from tahoegui.jobs.copy_job import CopyJob
from tahoegui.jobs.transfer_queue import TransferQueue
from tahoegui.models.transfers import TransferListModel


class TransferTable(QTableView):
    """The dock's table; Enter on a row asks for its progress dialog (see TransferDock)."""

    enterPressed = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.enterPressed.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class TransferDock(QDockWidget):
    """Lists the jobs of a TransferQueue. A double-click (or Enter, or "Show Progress")
    asks for a job's progress dialog again, once it was closed."""

    progressRequested = Signal(CopyJob)

    def __init__(self, queue: TransferQueue, parent: QWidget | None = None):
        super().__init__("Transfers", parent)
        self.setObjectName("transferQueue")
        self.model = TransferListModel(queue, self)
        self.table = TransferTable(self)
        self.table.setObjectName("transferTable")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(1, 160)
        header.resizeSection(2, 260)
        show = QAction("Show Progress", self.table)
        show.setObjectName("actionShowProgress")
        show.triggered.connect(self._show_selected)
        cancel = QAction("Cancel Copy", self.table)
        cancel.setObjectName("actionCancelCopy")
        cancel.triggered.connect(self._cancel_selected)
        self.table.addAction(show)
        self.table.addAction(cancel)
        # not `activated`: on one-click desktops a click to select a row would open it
        self.table.doubleClicked.connect(self._show)
        self.table.enterPressed.connect(self._show)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.setWidget(self.table)

    def _show(self, index: QModelIndex) -> None:
        if index.isValid():
            self.progressRequested.emit(self.model.job_at(index.row()))

    def _show_selected(self) -> None:
        for index in self.table.selectionModel().selectedRows():
            self._show(index)

    def _cancel_selected(self) -> None:
        for index in self.table.selectionModel().selectedRows():
            self.model.job_at(index.row()).cancel()
