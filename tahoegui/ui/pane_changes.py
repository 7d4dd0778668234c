"""When a pane's actions must look again at what they apply to: the folder shown, the
selection, or the rows in the model changed. One place, so every set of actions follows
the same changes."""

from __future__ import annotations

from collections.abc import Callable

from tahoegui.ui.grid_pane import GridPane
from tahoegui.ui.local_pane import LocalPane


def on_grid_pane_change(pane: GridPane, slot: Callable[..., object]) -> None:
    """Call `slot` after the grid pane's folder, selection, rows or names changed."""
    pane.locationChanged.connect(slot)
    pane.view.selectionModel().selectionChanged.connect(slot)
    model = pane.model
    for signal in (model.folderLoaded, model.modelReset, model.rowsRemoved, model.dataChanged):
        signal.connect(slot)


def on_local_pane_change(pane: LocalPane, slot: Callable[..., object]) -> None:
    """Call `slot` after the local pane's folder, selection or rows changed."""
    pane.locationChanged.connect(slot)
    pane.view.selectionModel().selectionChanged.connect(slot)
    pane.model.directoryLoaded.connect(slot)
    pane.model.rowsRemoved.connect(slot)
