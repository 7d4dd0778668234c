"""A folder of 10,000 entries, all selected: what a drag, F5, a drop and a sort carry and keep.

benchmarks/big_folder.py measures how long these take; here, that they are right, and that
the work does not grow with the selection in the ways that made them slow (counted calls
into the model, never time).
"""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtWidgets import QApplication

from tahoegui.copier import CopyResult
from tahoegui.models.grid_item import NAME, SIZE
from tahoegui.models.grid_model import GridTreeModel
from tahoegui.models.mime import GRID_ITEMS_MIME, grid_items_from, local_paths_from
from tests.gui.helpers import drop

ROWS = 10_000
FOLDERS = 3  # sorted first, whatever the column


class CountingModel:
    """Counts the calls Qt makes into the grid model's index() and flags() (installed on the
    class before the window is built: the binding looks a method up once)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        index, flags = GridTreeModel.index, GridTreeModel.flags

        def counted_index(model, *args):
            self.calls += 1
            return index(model, *args)

        def counted_flags(model, *args):
            self.calls += 1
            return flags(model, *args)

        monkeypatch.setattr(GridTreeModel, "index", counted_index)
        monkeypatch.setattr(GridTreeModel, "flags", counted_flags)


@pytest.fixture
def model_calls(monkeypatch) -> CountingModel:
    return CountingModel(monkeypatch)


@pytest.fixture
def copies(window) -> list[tuple[list[str], str]]:
    """The copies the window starts, instead of running them: (sources, target)."""
    started: list[tuple[list[str], str]] = []

    def record(sources, target, **_):
        started.append((list(sources), target))
        return CopyResult()

    window.copy_fn = record
    return started


@pytest.fixture
def big(qtbot, window, client, fresh_dir) -> QModelIndex:
    """`gui:big`, 10,000 entries (3 folders, files of 20 sizes), shown in the grid pane."""
    lits = [client.upload(b"x" * (n + 1)) for n in range(20)]  # small: the data is in the cap
    children = {f"file-{i:05d}.txt": (lits[(i * 7) % 20], {}) for i in range(ROWS - FOLDERS)}
    children.update({f"dir-{i}": (client.mkdir(), {}) for i in range(FOLDERS)})
    client.mkdir_with_children(children, fresh_dir, "big")
    model, view = window.grid_pane.model, window.grid_view
    window.grid_pane.open_location("gui:big")

    def shown() -> bool:
        root = view.rootIndex()
        return (
            root.isValid()
            and model.item(root).name == "big"
            and model.rowCount(root) == ROWS
            and not model.is_loading(root)
        )

    qtbot.waitUntil(shown, timeout=60000)
    view.setFocus()
    return view.rootIndex()


def names_in(model, parent: QModelIndex) -> list[str]:
    return [model.item(parent).children[r].name for r in range(model.rowCount(parent))]


def selected_names(window) -> set[str]:
    model = window.grid_pane.model
    return {item.name for item in model.items_in_ranges(window.grid_view.selected_ranges())}


def test_a_drag_of_ten_thousand_rows_carries_each_item_once(model_calls, window, big, fresh_dir):
    view, model = window.grid_view, window.grid_pane.model
    view.selectAll()
    model_calls.calls = 0
    mime = view.drag_payload()

    items = grid_items_from(mime)
    assert len(items) == ROWS
    assert sorted(i.name for i in items) == sorted(names_in(model, big))
    assert {i.source for i in items} == {f"{fresh_dir}/big/{i.name}" for i in items}
    assert sum(i.is_dir for i in items) == FOLDERS
    assert all(i.node_url == model.node_url for i in items)
    # what another program gets: the same items as JSON, and never text/plain (caps)
    raw = json.loads(bytes(mime.data(GRID_ITEMS_MIME).data()))
    assert [tuple(r.values()) for r in raw] == [tuple(i) for i in items]
    assert not mime.hasText() and not mime.hasUrls()
    # built from the selection's ranges, not by asking the model about each row or cell
    assert model_calls.calls < 100, model_calls.calls

    model_calls.calls = 0
    view.startDrag(Qt.DropAction.CopyAction)  # offscreen, the drag itself ends at once
    assert model_calls.calls < 1000, model_calls.calls  # the picture: the rows on screen


def test_f5_on_ten_thousand_rows_copies_every_name(qtbot, window, big, fresh_dir, local_root, copies):
    window.grid_view.selectAll()
    job = window.copy_selection_to_local()
    assert job is not None
    qtbot.waitUntil(lambda: len(copies) == 1, timeout=10000)
    sources, target = copies[0]
    assert target == str(local_root)
    assert len(sources) == ROWS == len(set(sources))
    assert set(sources) == {f"{fresh_dir}/big/{name}" for name in names_in(window.grid_pane.model, big)}
    assert job.description == f"{ROWS} items to {local_root}"


def test_ten_thousand_grid_rows_dropped_on_the_local_pane_are_all_copied(
    qtbot, window, big, fresh_dir, local_root, copies
):
    window.grid_view.selectAll()
    drop(window.local_view, window.grid_view.drag_payload())
    qtbot.waitUntil(lambda: len(copies) == 1, timeout=10000)
    sources, target = copies[0]
    assert target == str(local_root)
    assert sorted(sources) == sorted(f"{fresh_dir}/big/{name}" for name in names_in(window.grid_pane.model, big))


def test_sorting_keeps_the_selection_and_folders_first(window, big):
    view, model = window.grid_view, window.grid_pane.model
    selection = view.selectionModel()
    # every third row: thousands of ranges, not one
    chosen = QItemSelection()
    for row in range(0, ROWS, 3):
        chosen.select(model.index(row, 0, big), model.index(row, 0, big))
    selection.select(chosen, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
    before = selected_names(window)
    assert len(before) == len(range(0, ROWS, 3))

    for column, order in ((SIZE, Qt.SortOrder.DescendingOrder), (NAME, Qt.SortOrder.AscendingOrder)):
        view.sortByColumn(column, order)
        assert selected_names(window) == before
        assert {model.item(i).name for i in selection.selectedRows(NAME)} == before  # Qt's own reading
        items = model.item(big).children
        assert [i.is_folder for i in items[:FOLDERS]] == [True] * FOLDERS
        assert not any(i.is_folder for i in items[FOLDERS:])
        files = items[FOLDERS:]
        if column == SIZE:
            sizes = [i.entry.size for i in files]
            assert sizes == sorted(sizes, reverse=True)
        else:
            assert [i.name for i in files] == sorted(i.name for i in files)

    view.selectAll()
    view.sortByColumn(SIZE, Qt.SortOrder.AscendingOrder)
    assert len(selection.selectedRows(NAME)) == ROWS


def test_select_all_takes_the_rows_on_view_and_in_expanded_folders_only(qtbot, window, client, fresh_dir):
    client.upload_to(fresh_dir, "top/a.txt", b"a")
    client.upload_to(fresh_dir, "top/open/inside.txt", b"i")
    client.upload_to(fresh_dir, "top/shut/hidden.txt", b"h")
    client.upload_to(fresh_dir, "elsewhere.txt", b"e")
    model, view = window.grid_pane.model, window.grid_view
    window.grid_pane.open_location("gui:top")
    qtbot.waitUntil(lambda: model.item(view.rootIndex()).name == "top" and model.rowCount(view.rootIndex()) == 3)
    top = view.rootIndex()
    opened, shut = model.child_index(top, "open"), model.child_index(top, "shut")
    view.expand(opened)
    qtbot.waitUntil(lambda: model.rowCount(opened) == 1 and not model.is_loading(opened))
    view.expand(shut)
    qtbot.waitUntil(lambda: model.rowCount(shut) == 1 and not model.is_loading(shut))
    view.collapse(shut)

    view.selectAll()

    assert selected_names(window) == {"a.txt", "open", "shut", "inside.txt"}
    assert {i.name for i in window.grid_pane.selected_items()} == {"a.txt", "open", "shut", "inside.txt"}


def test_the_header_does_not_ask_about_every_selected_row_when_it_repaints(model_calls, window, big):
    # Painting a header section asked whether its whole column was selected, cell by cell,
    # whenever the window lost focus (a dialog opening: F5, a drop) or the selection changed
    view = window.grid_view
    view.selectAll()
    model_calls.calls = 0
    for widget in (view, view.header(), view.header().viewport()):
        QApplication.sendEvent(widget, QEvent(QEvent.Type.WindowDeactivate))
    view.header().repaint()
    assert model_calls.calls < 1000, model_calls.calls


def test_a_drag_moving_over_a_pane_is_looked_into_once(window, big):
    window.grid_view.selectAll()
    mime = window.grid_view.drag_payload()
    asked = []
    accepts = window.local_view.accepts
    window.local_view.accepts = lambda m: asked.append(m) or accepts(m)
    window.copy_fn = lambda *a, **k: CopyResult()

    drop(window.local_view, mime)  # enter, move, drop

    assert len(asked) == 1


def test_ten_thousand_local_files_dragged_to_the_grid_are_all_copied(qtbot, window, local_root, fresh_dir, copies):
    folder = local_root / "many"
    folder.mkdir()
    expected = set()
    for i in range(ROWS):
        path = folder / f"f{i:05d} ü.txt"
        path.write_bytes(b"x")
        expected.add(str(path))
    pane, view = window.local_pane, window.local_view
    pane.navigate(str(folder))
    root = pane.model.index(str(folder))
    qtbot.waitUntil(lambda: pane.model.rowCount(root) == ROWS, timeout=60000)
    view.setFocus()
    view.selectAll()

    assert set(pane.selected_paths()) == expected
    mime = view.drag_payload()
    assert set(local_paths_from(mime)) == expected
    drop(window.grid_view, mime)  # onto the folder the grid pane shows: gui:
    qtbot.waitUntil(lambda: len(copies) == 1, timeout=10000)
    sources, target = copies[0]
    assert set(sources) == expected and len(sources) == ROWS
    assert target == fresh_dir

    window.copy_selection_to_grid()  # F5
    qtbot.waitUntil(lambda: len(copies) == 2, timeout=10000)
    assert set(copies[1][0]) == expected


def test_a_selection_left_in_another_folder_is_not_copied(qtbot, window, client, fresh_dir, local_root, copies):
    client.upload_to(fresh_dir, "sub/inner.txt", b"i")
    client.upload_to(fresh_dir, "outer.txt", b"o")
    model, view = window.grid_pane.model, window.grid_view
    root = view.rootIndex()
    model.load(root)
    qtbot.waitUntil(lambda: model.child_index(root, "outer.txt").isValid() and not model.is_loading(root))
    view.selectAll()
    window.grid_pane.open_location("gui:sub")
    qtbot.waitUntil(lambda: model.item(view.rootIndex()).name == "sub" and model.rowCount(view.rootIndex()) == 1)

    assert window.copy_selection_to_local() is None  # nothing selected in the folder shown
    assert not copies
