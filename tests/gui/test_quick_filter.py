"""Quick filter: typing in the box above a pane (Ctrl+F goes there) hides the rows of the folder
shown whose names don't contain the text; hidden rows are never acted on."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from tahoegui.ui import quick_filter
from tahoegui.ui.main_window import MainWindow
from tests.gui.helpers import grid_index, local_index
from tests.gui.scripted_prompts import ScriptedPrompts

pytestmark = pytest.mark.grid

NAMES = ("alpha.txt", "Alphabet.md", "beta.txt", "gamma.log")


def shown_names(view, names_of) -> list[str]:
    """The names of the rows of the folder shown that are on view."""
    root = view.rootIndex()
    model = view.model()
    rows = range(model.rowCount(root))
    return sorted(names_of(model.index(r, 0, root)) for r in rows if not view.isRowHidden(r, root))


def grid_names(window: MainWindow):
    model = window.grid_pane.model
    return lambda index: model.item(index).name


def filter_box(window: MainWindow, view_name: str) -> QLineEdit:
    box = window.findChild(QLineEdit, f"{view_name}Filter")
    assert box is not None and box.isVisible()
    return box


@pytest.fixture
def grid_folder(qtbot, window, client, fresh_dir) -> MainWindow:
    for name in NAMES:
        client.upload_to(fresh_dir, name, name.encode())
    client.mkdir(fresh_dir, "alps")
    grid_index(qtbot, window, "alps")
    for name in NAMES:
        grid_index(qtbot, window, name)
    return window


def test_typing_in_the_grid_filter_hides_the_rows_that_do_not_match(qtbot, grid_folder):
    window = grid_folder
    view, names = window.grid_view, grid_names(window)
    box = filter_box(window, "gridView")
    qtbot.keyClicks(box, "ALP")  # any case
    qtbot.waitUntil(lambda: shown_names(view, names) == ["Alphabet.md", "alpha.txt", "alps"], timeout=5000)
    qtbot.keyClicks(box, "h")
    qtbot.waitUntil(lambda: shown_names(view, names) == ["Alphabet.md", "alpha.txt"], timeout=5000)
    assert window.grid_filter.shown_count() == 2
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # clears, back to the list
    assert box.text() == ""
    assert shown_names(view, names) == sorted((*NAMES, "alps"))
    assert QApplication.focusWidget() is view


def test_ctrl_f_goes_to_the_focused_panes_filter(qtbot, window):
    window.grid_view.setFocus()
    qtbot.keyClick(window.grid_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is filter_box(window, "gridView")
    window.local_view.setFocus()
    qtbot.keyClick(window.local_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is filter_box(window, "localView")


def test_the_local_filter_hides_local_rows(qtbot, window, local_root):
    for name in NAMES:
        (local_root / name).write_text(name)
    for name in NAMES:
        local_index(qtbot, window, local_root / name)
    model = window.local_pane.model
    window.local_filter.set_text(".TXT")
    assert shown_names(window.local_view, model.fileName) == ["alpha.txt", "beta.txt"]
    window.local_filter.set_text("")
    assert shown_names(window.local_view, model.fileName) == sorted(NAMES)


def test_hidden_rows_are_not_selected_so_delete_leaves_them(qtbot, grid_folder, client, fresh_dir, monkeypatch):
    window = grid_folder
    answers = ScriptedPrompts(confirms=[True, True]).install(monkeypatch)
    delete = next(a for a in window.grid_view.actions() if a.objectName() == "actionDelete")
    window.grid_view.setFocus()
    window.grid_view.selectAll()  # everything, then a filter: what goes out of sight is deselected
    window.grid_filter.set_text("beta")
    assert shown_names(window.grid_view, grid_names(window)) == ["beta.txt"]
    delete.trigger()
    assert "beta.txt" in answers.asked[-1].text and "gamma.log" not in answers.asked[-1].text
    qtbot.waitUntil(lambda: "beta.txt" not in client.list_dir(fresh_dir).children, timeout=30000)
    assert sorted(client.list_dir(fresh_dir).children) == sorted(n for n in (*NAMES, "alps") if n != "beta.txt")

    window.grid_filter.set_text("gamma")  # a select-all under a filter takes only what is shown
    window.grid_view.selectAll()
    window.grid_filter.set_text("")
    delete.trigger()
    qtbot.waitUntil(lambda: "gamma.log" not in client.list_dir(fresh_dir).children, timeout=30000)
    assert sorted(client.list_dir(fresh_dir).children) == ["Alphabet.md", "alpha.txt", "alps"]


def test_rows_that_arrive_later_are_filtered_too(qtbot, grid_folder, client, fresh_dir):
    window = grid_folder
    window.grid_filter.set_text("alp")
    client.upload_to(fresh_dir, "zeta.txt", b"z")
    client.upload_to(fresh_dir, "alpine.jpg", b"a")
    window.grid_pane.refresh()
    grid_index(qtbot, window, "zeta.txt")
    qtbot.waitUntil(
        lambda: shown_names(window.grid_view, grid_names(window)) == ["Alphabet.md", "alpha.txt", "alpine.jpg", "alps"],
        timeout=10000,
    )


def test_another_folder_clears_the_filter_and_the_first_shows_whole_again(qtbot, grid_folder):
    window = grid_folder
    view, names = window.grid_view, grid_names(window)
    first = view.rootIndex()
    window.grid_filter.set_text("gamma")
    assert shown_names(view, names) == ["gamma.log"]
    window.grid_pane.navigate(grid_index(qtbot, window, "alps"))
    assert window.grid_filter.text() == ""
    window.grid_pane.go_back()
    assert view.rootIndex() == first
    assert shown_names(view, names) == sorted((*NAMES, "alps"))


def test_notes_are_never_hidden(qtbot, window):
    """The aliases list at the top is filtered like any folder, by alias name."""
    window.grid_pane.navigate(QModelIndex())
    window.grid_filter.set_text("zzz")
    assert shown_names(window.grid_view, grid_names(window)) == []
    window.grid_filter.set_text("gu")
    assert shown_names(window.grid_view, grid_names(window)) == ["gui"]


def test_a_big_folder_is_filtered_in_batches_between_which_the_window_lives(
    qtbot, window, client, fresh_dir, monkeypatch
):
    monkeypatch.setattr(quick_filter, "BATCH_ROWS", 40)  # 300 rows stand for 10,000
    tiny = client.upload(b"x")
    client.mkdir_with_children({f"file-{i:03d}.txt": (tiny, {}) for i in range(300)}, fresh_dir, "big")
    window.grid_pane.navigate(grid_index(qtbot, window, "big"))
    view, names = window.grid_view, grid_names(window)
    qtbot.waitUntil(lambda: window.grid_pane.model.rowCount(view.rootIndex()) == 300, timeout=10000)
    window.grid_filter.set_text("file-04")
    assert window.grid_filter.busy  # not all at once: the rest follow turn by turn
    qtbot.waitUntil(lambda: not window.grid_filter.busy, timeout=10000)
    assert shown_names(view, names) == [f"file-{i:03d}.txt" for i in range(40, 50)]
    window.grid_filter.set_text("")
    assert window.grid_filter.busy
    qtbot.waitUntil(lambda: not window.grid_filter.busy, timeout=10000)
    assert len(shown_names(view, names)) == 300
