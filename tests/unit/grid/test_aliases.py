"""The aliases file in tahoe's format, and finding a node the way `tahoe` does."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tahoegui.grid.aliases import (
    format_aliases,
    parse_aliases,
    read_aliases_file,
    write_aliases_file,
)
from tahoegui.grid.caps import CapError
from tahoegui.grid.nodedir import NodeDirectory
from tests.unit.grid.sample_caps import CAPS

DIR, RO, CHK = CAPS["DIR2"], CAPS["DIR2-RO"], CAPS["CHK"]


def test_tahoe_format_round_trips():
    aliases = {"tahoe": DIR, "work": RO, "file": CHK}
    text = format_aliases(aliases)
    assert text == f"tahoe: {DIR}\nwork: {RO}\nfile: {CHK}\n"
    parsed = parse_aliases(text)
    assert parsed.aliases == aliases and list(parsed.aliases) == ["tahoe", "work", "file"]
    assert parsed.problems == []


def test_comments_and_blank_lines_are_skipped_and_names_split_on_the_first_colon():
    text = f"# my aliases\n\n   \nwork:{DIR}\n  # indented comment\nother :  {RO}  \n"
    parsed = parse_aliases(text)
    assert parsed.aliases == {"work": DIR, "other": RO}
    assert parsed.problems == []


def test_a_malformed_line_is_reported_with_its_number_and_the_others_load():
    text = f"good: {DIR}\nno colon here\n\nbad: not-a-cap\nalso good: {RO}\nfine2: {CHK}\n"
    parsed = parse_aliases(text)
    assert parsed.aliases == {"good": DIR, "fine2": CHK}
    assert [p.line_number for p in parsed.problems] == [2, 4, 5]
    assert str(parsed.problems[0]).startswith("aliases file line 2:")
    assert all("URI:" not in str(p) for p in parsed.problems)


def test_a_broken_cap_line_names_no_part_of_the_cap():
    broken = DIR[:-6]
    parsed = parse_aliases(f"x: {broken}\n")
    assert parsed.aliases == {}
    assert "URI:" not in str(parsed.problems[0]) and broken[9:20] not in str(parsed.problems[0])


def test_write_is_atomic_with_mode_0600(tmp_path: Path):
    path = tmp_path / "private" / "aliases"
    path.parent.mkdir()
    path.write_text("old contents\n")
    path.chmod(0o644)
    write_aliases_file(path, {"a": DIR, "b": RO})
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert read_aliases_file(path).aliases == {"a": DIR, "b": RO}
    assert sorted(p.name for p in path.parent.iterdir()) == ["aliases"]  # no temp file left


def test_a_failed_write_leaves_the_old_file_whole(tmp_path: Path, monkeypatch):
    path = tmp_path / "aliases"
    write_aliases_file(path, {"a": DIR})
    import os

    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError):
        write_aliases_file(path, {"b": RO})
    assert read_aliases_file(path).aliases == {"a": DIR}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["aliases"]


@pytest.mark.parametrize("name", ["", "a:b", "a/b", "a b", "#x", "tab\tname"])
def test_write_refuses_names_that_could_not_be_read_back(tmp_path, name):
    with pytest.raises(ValueError):
        write_aliases_file(tmp_path / "aliases", {name: DIR})


def test_write_refuses_junk_caps(tmp_path):
    with pytest.raises(CapError):
        write_aliases_file(tmp_path / "aliases", {"x": "URI:junk"})


def test_missing_file_is_no_aliases(tmp_path):
    parsed = read_aliases_file(tmp_path / "nope")
    assert parsed.aliases == {} and parsed.problems == []


# ---- NodeDirectory --------------------------------------------------------------------------


def make_node(tmp_path: Path, cfg: str = "", url: str | None = "http://127.0.0.1:3456/\n") -> NodeDirectory:
    (tmp_path / "private").mkdir(parents=True, exist_ok=True)
    (tmp_path / "tahoe.cfg").write_text(cfg)
    if url is not None:
        (tmp_path / "node.url").write_text(url)
    return NodeDirectory(tmp_path)


def test_root_dir_cap_becomes_the_tahoe_alias(tmp_path):
    node = make_node(tmp_path)
    (tmp_path / "private" / "root_dir.cap").write_text(DIR + "\n")
    (tmp_path / "private" / "aliases").write_text(f"work: {RO}\n")
    assert node.read_aliases().aliases == {"tahoe": DIR, "work": RO}


def test_an_explicit_tahoe_alias_wins_over_root_dir_cap_as_in_tahoe(tmp_path):
    node = make_node(tmp_path)
    (tmp_path / "private" / "root_dir.cap").write_text(DIR)
    (tmp_path / "private" / "aliases").write_text(f"tahoe: {RO}\n")
    assert node.read_aliases().aliases == {"tahoe": RO}


def test_add_alias_keeps_comments_and_other_lines(tmp_path):
    node = make_node(tmp_path)
    original = f"# hand-written notes\nwork: {DIR}\nbroken line\n\nold: {CHK}\n"
    node.aliases_path.write_text(original)
    node.add_alias("old", RO)
    node.add_alias("new", DIR)
    text = node.aliases_path.read_text()
    assert text == f"# hand-written notes\nwork: {DIR}\nbroken line\n\nold: {RO}\nnew: {DIR}\n"
    assert stat.S_IMODE(node.aliases_path.stat().st_mode) == 0o600
    assert node.read_aliases().aliases == {"work": DIR, "old": RO, "new": DIR}


def test_add_alias_creates_the_file(tmp_path):
    node = NodeDirectory(tmp_path / "fresh")
    node.add_alias("a", DIR)
    assert node.read_aliases().aliases == {"a": DIR}


def test_node_url_comes_from_node_url_file(tmp_path):
    assert make_node(tmp_path).node_url() == "http://127.0.0.1:3456/"
    assert NodeDirectory(tmp_path / "none").node_url() is None


def test_encoding_comes_from_tahoe_cfg(tmp_path):
    cfg = "[node]\nnickname = 100% mine\n[client]\nshares.needed = 2\nshares.happy = 3\nshares.total = 4\n"
    node = make_node(tmp_path, cfg)
    assert node.encoding() == (2, 3, 4)
    client = node.client()
    assert (client.needed, client.happy, client.total) == (2, 3, 4)
    assert client.node_url == "http://127.0.0.1:3456/"
    assert node.client("http://10.0.0.1:1/").node_url == "http://10.0.0.1:1/"


def test_encoding_defaults_to_tahoes_when_missing_or_broken(tmp_path):
    assert make_node(tmp_path / "a", "").encoding() == (3, 7, 10)
    assert make_node(tmp_path / "b", "[client]\nshares.happy = lots\n").encoding() == (3, 7, 10)
    assert NodeDirectory(tmp_path / "nothing").encoding() == (3, 7, 10)


def test_a_node_without_node_url_cannot_give_a_client(tmp_path):
    from tahoegui.grid.errors import GridError

    with pytest.raises(GridError, match=r"no node\.url"):
        make_node(tmp_path, url=None).client()
