"""The lazy grid tree: model contract, big folders, failures shown in place with retry, what can be dragged."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer

from tahoegui.jobs.background import BackgroundRunner
from tahoegui.models.grid_item import SIZE, LoadState
from tahoegui.models.grid_model import BATCH_SIZE, GridTreeModel
from tests.gui.helpers import grid_index


def _loaded(model: GridTreeModel, index: QModelIndex) -> bool:
    return model.item(index).state is LoadState.LOADED


def test_grid_model_passes_the_model_tester_while_loading_sorting_and_refreshing(
    qtbot, qtmodeltester, client, fresh_dir
):
    client.upload_to(fresh_dir, "b.txt", b"bb")
    client.upload_to(fresh_dir, "a/deep.txt", b"deep")
    client.upload_to(fresh_dir, "m.txt", b"m", fmt="MDMF")
    runner = BackgroundRunner()
    model = GridTreeModel(runner)
    model.set_connection(client, client.node_url, {"t": fresh_dir})
    qtmodeltester.check(model)  # stays attached: every later change is checked too

    root = model.index(0, 0)
    model.fetchMore(root)
    qtbot.waitUntil(lambda: _loaded(model, root), timeout=10000)
    folder = model.child_index(root, "a")
    model.fetchMore(folder)
    qtbot.waitUntil(lambda: _loaded(model, folder), timeout=10000)
    model.sort(SIZE)
    client.upload_to(fresh_dir, "c.txt", b"new")
    client.unlink(fresh_dir, "b.txt")
    model.load(root)
    qtbot.waitUntil(lambda: _loaded(model, root) and model.child_index(root, "c.txt").isValid(), timeout=10000)

    assert not model.child_index(root, "b.txt").isValid()
    assert model.child_index(folder, "deep.txt").isValid()  # the expanded subfolder survived
    names = [model.index(r, 0, root).data() for r in range(model.rowCount(root))]
    assert names[0] == "a"  # folders first
    types = {model.index(r, 0, root).data(): model.index(r, 3, root).data() for r in range(model.rowCount(root))}
    assert types == {"a": "directory", "c.txt": "immutable file (LIT)", "m.txt": "mutable file (MDMF)"}
    runner.wait()


def test_a_failed_folder_load_shows_the_error_in_place_and_can_retry(qtbot, window, client, fresh_dir):
    pane = window.grid_pane
    client.mkdir(fresh_dir, "gone")
    gone = grid_index(qtbot, window, "gone")
    client.unlink(fresh_dir, "gone")  # the row is still shown; listing it now fails

    pane.navigate(gone)
    model = pane.model
    qtbot.waitUntil(lambda: model.item(gone).state is LoadState.FAILED, timeout=10000)
    note = model.index(0, 0, gone)
    assert "Could not load this folder" in note.data()
    assert "URI:" not in note.data()

    client.mkdir(fresh_dir, "gone")  # back again: a retry now works
    pane._activated(note)  # what Enter or a double-click on the note does
    qtbot.waitUntil(lambda: model.item(gone).state is LoadState.LOADED, timeout=10000)
    assert model.rowCount(gone) == 0


def test_a_ten_thousand_entry_folder_opens_without_freezing(qtbot, window, client):
    tiny = client.upload(b"x")
    big = client.mkdir_with_children({f"file-{i:05d}.txt": (tiny, {}) for i in range(10_000)})
    view, model = window.grid_view, window.grid_pane.model
    inserted: list[int] = []  # rows inserted into a folder, one entry per insertion
    loop_ran: list[bool] = []  # for each insertion after the first: did the event loop run since the one before?
    latest = [[True]]

    def on_rows_inserted(parent: QModelIndex, first: int, last: int) -> None:
        if not parent.isValid():
            return  # the opened cap's own row
        if inserted:
            loop_ran.append(latest[0][0])
        inserted.append(last - first + 1)
        mark = [False]
        latest[0] = mark
        QTimer.singleShot(0, lambda: mark.__setitem__(0, True))  # runs once the loop is back

    model.rowsInserted.connect(on_rows_inserted)
    window.grid_pane.open_location(big)
    qtbot.waitUntil(lambda: view.rootIndex().isValid() and _loaded(model, view.rootIndex()), timeout=60000)

    assert model.rowCount(view.rootIndex()) == 10_000
    assert model.index(9_999, 0, view.rootIndex()).data() == "file-09999.txt"
    assert "URI:" not in window.grid_pane.nav.location.text()
    # "Loading…", then the rows in batches, with the event loop running before each: the
    # listing is read off the UI thread and inserted a batch at a time. How long the loop
    # stops at most is measured by benchmarks/ui_stall.py, not here.
    assert inserted == [1] + [BATCH_SIZE] * (10_000 // BATCH_SIZE), inserted
    assert loop_ran == [True] * (10_000 // BATCH_SIZE), loop_ran


def test_a_refresh_asked_for_after_the_window_closed_is_dropped_quietly(qtbot, client, fresh_dir):
    # A copy that ends after its window was closed asks the grid pane to refresh; the
    # runner is shut down by then, and that must not become a traceback.
    runner = BackgroundRunner()
    model = GridTreeModel(runner)
    model.set_connection(client, client.node_url, {"t": fresh_dir})
    runner.shutdown()
    answers: list[object] = []

    runner.submit(lambda: "late", answers.append, answers.append)
    root = model.index(0, 0)
    model.load(root)

    # the load has begun (its "Loading…" row is in) and asked the runner for its listing
    qtbot.waitUntil(lambda: model.rowCount(root) == 1, timeout=5000)
    assert answers == [] and not runner.busy


def test_alias_rows_cannot_be_dragged_or_copied(qtbot, window):
    model = window.grid_pane.model
    alias_row = window.grid_view.rootIndex()
    assert alias_row.parent().isValid() is False  # it is a root
    assert not model.flags(alias_row) & Qt.ItemFlag.ItemIsDragEnabled
    assert model.dragged_items([alias_row]) == []
