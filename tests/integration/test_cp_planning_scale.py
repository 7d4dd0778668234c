"""Planning thousands of local files into a grid folder: every name decided, the target
listed once, and a rename policy that looks names up instead of gathering them per file.
(benchmarks/big_folder.py shows the time per file staying flat from 2,500 to 10,000.)"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest

from tahoegui.copier import CopyOptions
from tahoegui.copier.plan import TargetDir
from tahoegui.copier.planner import Planner

pytestmark = pytest.mark.grid

FILES = 3_000


@pytest.fixture
def requests_seen(client) -> list[tuple[str, str]]:
    seen: list[tuple[str, str]] = []
    client.session.hooks["response"].append(
        lambda response, *a, **k: seen.append((response.request.method, unquote(response.request.url)))
    )
    return seen


@pytest.fixture
def many(tmp_path: Path) -> list[str]:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(FILES):
        (folder / f"f{i:05d}.txt").write_bytes(b"x")
    return sorted(str(p) for p in folder.iterdir())


def plan(client, sources: list[str], target: str, conflict: str = "overwrite"):
    options = CopyOptions(recursive=True, conflict=conflict)  # type: ignore[arg-type]
    return Planner(client, {}, options, lambda message, phase: None).make_plan(sources, target)


def test_thousands_of_selected_files_are_planned_against_one_listing_of_the_target(
    client, fresh_dir, many, requests_seen
):
    requests_seen.clear()
    made = plan(client, many, fresh_dir)
    assert sorted(f.name for f in made.files()) == [Path(p).name for p in many]
    assert {f.action for f in made.files()} == {"write"}
    reads = [u for m, u in requests_seen if m == "GET"]
    assert len(reads) == 1, reads  # the target, once: not once per file


def test_renaming_thousands_of_files_onto_the_same_names_gives_each_the_next_free_name(client, fresh_dir, many):
    tiny = client.upload(b"x")
    existing = {Path(p).name: (tiny, {}) for p in many}
    existing["f00000 (1).txt"] = (tiny, {})  # f00000's first free number is 2
    target = client.mkdir_with_children(existing)
    # a source named as another's first choice: the one planned later takes the next number
    clash = Path(many[0]).parent / "f00001 (1).txt"
    clash.write_bytes(b"y")

    made = plan(client, [str(clash), *many], target, conflict="rename")

    names = {f.source.display: f.name for f in made.files()}
    assert len(names) == FILES + 1 == len(set(names.values()))
    assert names[str(clash)] == "f00001 (1).txt"  # free on the grid: kept
    assert names[many[0]] == "f00000 (2).txt"  # "(1)" is on the grid
    assert names[many[1]] == "f00001 (2).txt"  # "(1)" was given out by this plan
    assert all(names[p] == f"{Path(p).stem} (1).txt" for p in many[2:])


def test_taken_names_see_the_names_the_plan_gives_out():
    target = TargetDir("t", cap="URI:DIR2:x")
    target.existing["a"] = "file"
    taken = target.taken_names()
    assert "a" in taken and "b" not in taken
    target.subdirs["b"] = TargetDir("t/b")
    assert "b" in taken  # looked up each time, not a copy made when asked
