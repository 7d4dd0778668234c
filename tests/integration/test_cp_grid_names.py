"""Names from the grid on a local disk, on the real grid: names unsafe on disk (`..`, `a/b`,
empty) are refused per entry and nothing is written outside the target; a long name downloads;
a grid path that is not UTF-8 is a clean error.
"""

from __future__ import annotations

import os

import pytest

from tahoegui.grid.client import GridClient
from tests.integration.cp_fixtures import (
    assert_clean_error,
    assert_no_caps,
    local_tree,
    result_texts,
    run_copy_api,
)

pytestmark = pytest.mark.grid


UNSAFE_NAMES = ["..", ".", "a/b", "x\\y", ""]


@pytest.fixture
def unsafe_dir(client: GridClient, tahoe_root: str) -> str:
    """tahoe:unsafe with `ok` and one entry for each unsafe name. The node accepts all of them
    through set_children; `..` is a directory holding `escaped`, the classic way out."""
    escaped = client.mkdir_with_children({"escaped": (client.upload(b"escaped!"), {})})
    children = {"ok": (client.upload(b"fine"), {}), "..": (escaped, {})}
    for name in UNSAFE_NAMES:
        if name != "..":
            children[name] = (client.upload(f"evil {name!r}".encode()), {})
    unsafe = client.mkdir_with_children({"ok": children.pop("ok")})
    client.set_children(unsafe, children)
    assert set(client.list_dir(unsafe).children) == {"ok", *UNSAFE_NAMES}, "the node refused a name"
    client.attach(tahoe_root, "unsafe", unsafe)
    return unsafe


def test_unsafe_grid_names_are_refused_and_nothing_is_written_outside_the_target(cp, work, unsafe_dir):
    to = work / "to"
    to.mkdir()
    outside_before = local_tree(work.parent)

    run = cp("-r", "tahoe:unsafe", to)

    assert run.rc == 1, str(run)
    assert "Traceback" not in run.err and "URI:" not in run.out + run.err, str(run)
    assert local_tree(to) == {"unsafe/": None, "unsafe/ok": b"fine"}
    after = local_tree(work.parent)
    new = {k for k in after if k not in outside_before}
    assert new == {"work/to/unsafe/", "work/to/unsafe/ok"}, f"written outside the target: {sorted(new)}"


def test_unsafe_grid_names_are_each_reported(client, tahoe_root, work, unsafe_dir):
    to = work / "to"
    to.mkdir()

    result = run_copy_api(
        ["tahoe:unsafe"], str(to), client=client, aliases={"tahoe": tahoe_root}, recursive=True
    ).result

    refused = {(i.outcome, i.source, i.target, i.reason) for i in result.items if i.outcome != "copied"}
    # each is named by where it would have gone
    unsafe = "unsafe name for a local file; not copied"
    assert refused == {("failed", f"{to}/unsafe/{name}", "", unsafe) for name in UNSAFE_NAMES}, result.items
    assert [(i.source, i.target) for i in result.copied] == [("tahoe:unsafe/ok", f"{to}/unsafe/ok")]
    assert result.exit_code == 1
    assert_no_caps(result_texts(result))


def test_a_grid_name_of_250_bytes_downloads(cp, client, tahoe_root, work):
    name = "x" * 250
    client.upload_to(tahoe_root, name, b"long")
    run = cp("-r", "tahoe:", work / "out")
    assert run.rc == 0, str(run)
    assert (work / "out" / name).read_bytes() == b"long"


def test_a_grid_path_that_is_not_utf8_is_a_clean_error(cp, work):
    (work / "a.txt").write_bytes(b"x")
    bad = os.fsdecode(b"tahoe:bad\xff")
    assert "not valid UTF-8" in assert_clean_error(cp(work / "a.txt", bad))
