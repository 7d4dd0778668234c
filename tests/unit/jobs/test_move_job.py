"""Which sources a move may remove, from the copy's item results (no grid, no Qt event loop)."""

from __future__ import annotations

import os
from pathlib import Path

from tahoegui.copier import CopyResult, ItemResult
from tahoegui.jobs.move_job import NOT_FINISHED, UNMATCHED, MoveResult, MoveSource, remove_sources, settle

HOME = "URI:DIR2:wjpsaaaaaaaaaaaaaaaaaaaaaa:" + "b" * 52
TWIN = "URI:DIR2:wjpszzzzzzzzzzzzzzzzzzzzzz:" + "d" * 52  # redacts like HOME: <DIR2:wjps…>
TARGET = "URI:DIR2:qqqqaaaaaaaaaaaaaaaaaaaaaa:" + "c" * 52


def names(sources: list[MoveSource]) -> list[str]:
    return [s.name for s in sources]


def test_a_source_goes_only_when_none_of_its_items_failed_or_was_skipped():
    g, gg, solo = (
        MoveSource("/home/a/g", "g"),
        MoveSource("/home/a/gg", "gg"),
        MoveSource("/home/a/solo.txt", "solo.txt"),
    )
    result = CopyResult(
        items=[
            ItemResult("/home/a/g/x", f"{TARGET}/g/x", "copied"),
            ItemResult("/home/a/gg/y", f"{TARGET}/gg/y", "failed", "it broke"),
            ItemResult("/home/a/solo.txt", f"{TARGET}/solo.txt", "copied"),
        ]
    )
    removable, kept = settle(result, [g, gg, solo], TARGET)
    assert names(removable) == ["g", "solo.txt"]  # `gg` failing says nothing about `g`
    assert [(s.name, why) for s, why in kept] == [("gg", "'y' could not be copied: it broke")]


def test_an_item_the_planner_refused_is_traced_by_its_target():
    """A refusal names where the item would have gone, in both fields."""
    tree = MoveSource("/home/a/tree", "tree")
    refused = ItemResult(f"{TARGET}/tree/sub/bad\\xff", "", "failed", "the name is not valid UTF-8; not copied")
    removable, kept = settle(CopyResult(items=[refused]), [tree], TARGET)
    assert removable == [] and names([s for s, _ in kept]) == ["tree"]


def test_grid_sources_are_compared_redacted_and_a_twin_prefix_keeps_both():
    mine, twin = MoveSource(f"{HOME}/docs", "docs"), MoveSource(f"{TWIN}/docs", "docs")
    result = CopyResult(items=[ItemResult(f"{TWIN}/docs/x", "/tmp/t/docs/x", "failed", "no")])
    removable, kept = settle(result, [mine, twin], "/tmp/t")
    assert removable == [] and len(kept) == 2  # can't tell which: neither goes


def test_nothing_goes_when_the_copy_did_not_finish_or_a_problem_belongs_to_no_source():
    a = MoveSource("/home/a/a.txt", "a.txt")
    assert settle(CopyResult(cancelled=True), [a], TARGET) == ([], [(a, NOT_FINISHED)])
    assert settle(CopyResult(error="planning failed"), [a], TARGET) == ([], [(a, NOT_FINISHED)])
    stray = CopyResult(items=[ItemResult("/somewhere/else", "", "skipped", "odd")])
    assert settle(stray, [a], TARGET) == ([], [(a, UNMATCHED)])


def test_a_local_folder_loses_exactly_the_files_that_were_copied(tmp_path: Path):
    folder = tmp_path / "folder"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "copied.txt").write_text("c")
    (folder / "top.txt").write_text("t")
    (folder / "empty").mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "behind-a-link.txt").write_text("l")
    os.symlink(tmp_path / "elsewhere", folder / "link")
    copied = [ItemResult(str(p), f"{TARGET}/x", "copied") for p in (folder / "sub" / "copied.txt", folder / "top.txt")]
    copied.append(ItemResult(str(folder / "link" / "behind-a-link.txt"), f"{TARGET}/y", "copied"))
    result = remove_sources(MoveResult(items=copied), [MoveSource(str(folder), "folder")], TARGET, None)
    # what lies behind a symbolic link stays, and so does the link, and the folder with it
    assert sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) == ["link"]
    assert (tmp_path / "elsewhere" / "behind-a-link.txt").exists()
    assert result.removed == [] and result.kept[0][0] == "folder"

    os.unlink(folder / "link")
    (folder / "again.txt").write_text("a")
    again = MoveResult(items=[ItemResult(str(folder / "again.txt"), f"{TARGET}/a", "copied")])
    assert remove_sources(again, [MoveSource(str(folder), "folder")], TARGET, None).removed == ["folder"]
    assert not folder.exists()


def test_a_symbolic_link_chosen_as_a_source_goes_itself_never_its_target(tmp_path: Path):
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "data.txt").write_text("d")
    os.symlink(tmp_path / "real", tmp_path / "link")
    items = [ItemResult(str(tmp_path / "link" / "data.txt"), f"{TARGET}/link/data.txt", "copied")]
    result = remove_sources(MoveResult(items=items), [MoveSource(str(tmp_path / "link"), "link")], TARGET, None)
    assert result.removed == ["link"] and not os.path.lexists(tmp_path / "link")
    assert (tmp_path / "real" / "data.txt").read_text() == "d"


def test_a_move_result_is_ok_only_when_every_source_moved():
    assert MoveResult(removed=["a"]).ok
    assert not MoveResult(removed=["a"], kept=[("b", "why")]).ok
