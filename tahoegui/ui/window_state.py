"""The window's side of remembered settings: what to read from its widgets at close, and
how to put it back at the next start. The file and its format are settings.py's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QHeaderView, QTreeView

from tahoegui.settings import Settings, ViewSettings

if TYPE_CHECKING:
    from tahoegui.ui.main_window import MainWindow


def remembered_settings(window: MainWindow, previous: Settings) -> Settings:
    """The settings to save as `window` closes. Before any connection the grid location of
    `previous` is kept: a window that never reached the grid has nothing new to say."""
    grid_location = window.grid_pane.location_to_remember()
    return Settings(
        window_geometry=_text(window.saveGeometry()),
        window_state=_text(window.saveState()),
        splitter_state=_text(window.splitter.saveState()),
        local_view=_view_settings(window.local_view),
        grid_view=_view_settings(window.grid_view),
        local_folder=window.local_pane.current_path(),
        grid_location=previous.grid_location if grid_location is None else grid_location,
        show_hidden=window.local_pane.hidden_toggle.isChecked(),
    )


def restore_settings(window: MainWindow, settings: Settings) -> None:
    """Put back what `settings` remembers of the window's widgets. The local folder is the
    caller's choice (an explicit --local-root wins); the grid location waits for a connection."""
    if settings.window_geometry:
        window.restoreGeometry(_bytes(settings.window_geometry))
    if settings.window_state:
        window.restoreState(_bytes(settings.window_state))
    if settings.splitter_state:
        window.splitter.restoreState(_bytes(settings.splitter_state))
    _restore_view(window.local_view, settings.local_view)
    _restore_view(window.grid_view, settings.grid_view)
    window.local_pane.hidden_toggle.setChecked(settings.show_hidden)


def _view_settings(view: QTreeView) -> ViewSettings:
    header = view.header()
    return ViewSettings(
        column_widths=tuple(header.sectionSize(i) for i in range(header.count())),
        sort_column=max(0, header.sortIndicatorSection()),
        sort_descending=header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder,
    )


def _restore_view(view: QTreeView, settings: ViewSettings) -> None:
    header = view.header()
    for column, width in enumerate(settings.column_widths[: header.count()]):
        # a hidden column reads as 0 wide; a stretching one takes what the others leave
        if width > 0 and header.sectionResizeMode(column) != QHeaderView.ResizeMode.Stretch:
            header.resizeSection(column, width)
    if settings.sort_column < header.count():
        order = Qt.SortOrder.DescendingOrder if settings.sort_descending else Qt.SortOrder.AscendingOrder
        view.sortByColumn(settings.sort_column, order)


def _text(blob: QByteArray) -> str:
    return bytes(blob.toBase64().data()).decode("ascii")


def _bytes(text: str) -> QByteArray:
    return QByteArray.fromBase64(QByteArray(text.encode("ascii")))
