"""The window follows `NODEDIR/private/aliases`: what `tahoe create-alias` or an editor does to
the file shows in the selector and the tree without a restart."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox

from tahoegui.grid.aliases import format_aliases, read_aliases_file, write_aliases_file
from tahoegui.grid.localgrid import tahoe_executable
from tahoegui.grid.redact import redact
from tahoegui.ui.main_window import MainWindow
from tests.gui.scripted_prompts import ScriptedPrompts

pytestmark = pytest.mark.grid

WAIT_MS = 10000  # "within a few seconds"


def tahoe(node_dir: Path, *args: str) -> str:
    done = subprocess.run([tahoe_executable(), "-d", str(node_dir), *args], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def aliases_in(node_dir: Path) -> dict[str, str]:
    return read_aliases_file(node_dir / "private" / "aliases").aliases


def selector_names(window: MainWindow) -> list[str]:
    selector = window.findChild(QComboBox, "aliasSelector")
    return [selector.itemText(i) for i in range(1, selector.count())]


def test_an_alias_made_by_tahoe_create_alias_appears(qtbot, window, node_dir, client):
    tahoe(node_dir, "create-alias", "music")  # tahoe writes a new file and renames it into place
    qtbot.waitUntil(lambda: "music" in selector_names(window), timeout=WAIT_MS)
    cap = aliases_in(node_dir)["music"]
    model = window.grid_pane.model
    index = model.alias_index("music")
    assert index.isValid() and model.item(index).root_cap == cap
    assert window.connection.aliases["music"] == cap  # copies to `music:` work too
    assert selector_names(window) == ["gui", "music"]

    # the watch survived the atomic replace: a second alias made the same way shows too
    tahoe(node_dir, "create-alias", "films")
    qtbot.waitUntil(lambda: "films" in selector_names(window), timeout=WAIT_MS)
    client.upload_to(aliases_in(node_dir)["films"], "trailer.txt", b"coming soon")
    window.grid_pane.open_location("films:")
    qtbot.waitUntil(lambda: model.child_index(window.grid_view.rootIndex(), "trailer.txt").isValid(), timeout=WAIT_MS)


def test_a_removed_alias_goes_and_the_folder_shown_stays_open_under_its_cap(qtbot, window, node_dir, client):
    cap = aliases_in(node_dir)["gui"]
    client.mkdir(cap, "inside")
    tahoe(node_dir, "create-alias", "other")
    qtbot.waitUntil(lambda: "other" in selector_names(window), timeout=WAIT_MS)
    window.grid_pane.open_location("gui:inside")
    model = window.grid_pane.model
    qtbot.waitUntil(lambda: model.item(window.grid_view.rootIndex()).path == "inside", timeout=WAIT_MS)
    shown = window.grid_view.rootIndex()

    # an editor's in-place rewrite, without `gui`
    (node_dir / "private" / "aliases").write_text(format_aliases({"other": aliases_in(node_dir)["other"]}))
    qtbot.waitUntil(lambda: selector_names(window) == ["other"], timeout=WAIT_MS)
    assert not model.alias_index("gui").isValid()
    assert "gui" not in window.connection.aliases
    assert window.grid_view.rootIndex() == shown  # still showing the same folder
    item = model.item(shown)
    assert item.root_cap == cap and item.path == "inside"
    assert window.grid_pane.nav.location.text() == f"{redact(cap)}/inside"
    assert cap not in window.grid_pane.nav.location.text()


def test_an_alias_removed_while_not_shown_leaves_the_tree(qtbot, window, node_dir):
    tahoe(node_dir, "create-alias", "spare")
    qtbot.waitUntil(lambda: "spare" in selector_names(window), timeout=WAIT_MS)
    aliases = aliases_in(node_dir)
    del aliases["spare"]
    write_aliases_file(node_dir / "private" / "aliases", aliases)  # atomic, as our own actions write
    qtbot.waitUntil(lambda: selector_names(window) == ["gui"], timeout=WAIT_MS)
    model = window.grid_pane.model
    assert [model.item(model.index(r, 0)).name for r in range(model.rowCount())] == ["gui"]


def test_a_renamed_alias_keeps_its_folder_shown(qtbot, window, node_dir):
    cap = aliases_in(node_dir)["gui"]
    shown = window.grid_view.rootIndex()
    (node_dir / "private" / "aliases").write_text(f"# renamed by hand\nwork: {cap}\n")
    qtbot.waitUntil(lambda: selector_names(window) == ["work"], timeout=WAIT_MS)
    assert window.grid_view.rootIndex() == shown
    assert window.grid_pane.nav.location.text() == "work:"
    assert window.findChild(QComboBox, "aliasSelector").currentText() == "work"


def test_an_aliases_file_made_after_the_window_opened_is_followed(qtbot, window, node_dir):
    (node_dir / "private" / "aliases").unlink()
    qtbot.waitUntil(lambda: selector_names(window) == [], timeout=WAIT_MS)
    tahoe(node_dir, "create-alias", "fresh")
    qtbot.waitUntil(lambda: selector_names(window) == ["fresh"], timeout=WAIT_MS)


def test_the_windows_own_new_alias_shows_once(qtbot, window, node_dir, monkeypatch):
    """New Alias… writes the file, and the watch reads it again: one row, not two."""
    ScriptedPrompts(texts=["photos"]).install(monkeypatch)
    reads = []
    window.alias_follower.watcher.changed.connect(reads.append)
    window.findChild(QAction, "actionNewAlias").trigger()
    qtbot.waitUntil(lambda: "photos" in selector_names(window), timeout=30000)
    qtbot.waitUntil(lambda: any("photos" in r.aliases for r in reads), timeout=WAIT_MS)
    assert selector_names(window) == ["gui", "photos"]
    model = window.grid_pane.model
    assert [model.item(model.index(r, 0)).name for r in range(model.rowCount())] == ["gui", "photos"]


def test_an_alias_reported_twice_is_one_row(window, fresh_dir):
    """The watch may read the file before the window's own New Alias… has shown its alias:
    adding the same alias with the same cap again changes nothing."""
    model = window.grid_pane.model
    first = model.add_alias("twice", fresh_dir)
    again = model.add_alias("twice", fresh_dir)
    assert again == first
    assert model.aliases() == ["gui", "twice"]
