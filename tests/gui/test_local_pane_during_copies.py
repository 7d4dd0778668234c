"""The local pane while copies write into the folder it shows: it stops following the disk
(each new file made it read and sort the folder again), and shows everything when they end."""

from __future__ import annotations

from PySide6.QtWidgets import QFileSystemModel

from tests.gui.helpers import grid_index, local_index, select, wait_for_copy


def shown_names(window) -> set[str]:
    model, root = window.local_pane.model, window.local_view.rootIndex()
    return {model.index(r, 0, root).data() for r in range(model.rowCount(root))}


def test_files_copied_into_the_folder_shown_all_appear_when_the_copy_ends(qtbot, window, client, fresh_dir, local_root):
    names = [f"n{i:03d}.txt" for i in range(40)]
    for name in names:
        client.upload_to(fresh_dir, f"batch/{name}", name.encode())
    (local_root / "already.txt").write_bytes(b"a")
    local_index(qtbot, window, local_root / "already.txt")
    rows = [grid_index(qtbot, window, "batch")]
    select(window.grid_view, rows)
    watching = window.local_pane.model.options() & QFileSystemModel.Option.DontWatchForChanges

    job = window.copy_selection_to_local()  # F5: into the folder the local pane shows
    assert job is not None
    assert window.local_pane.model.options() & QFileSystemModel.Option.DontWatchForChanges  # while it runs
    done = wait_for_copy(qtbot, window)
    assert done.result is not None and done.result.ok, done.result

    qtbot.waitUntil(lambda: "batch" in shown_names(window), timeout=10000)
    assert window.local_pane.model.options() & QFileSystemModel.Option.DontWatchForChanges == watching
    # and it follows the disk again
    (local_root / "later.txt").write_bytes(b"l")
    qtbot.waitUntil(lambda: "later.txt" in shown_names(window), timeout=10000)
    assert sorted(p.name for p in (local_root / "batch").iterdir()) == names
