"""Renaming and removing aliases in `private/aliases`: tahoe's format, other lines kept,
atomic writes with mode 0600, and the names tahoe accepts."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from tahoegui.grid.aliases import (
    alias_name_problem,
    read_aliases_file,
    remove_alias_from_file,
    rename_alias_in_file,
)
from tahoegui.grid.nodedir import NodeDirectory

# Real caps made on a private grid (throwaway keys).
DIR = "URI:DIR2:vtstevmoqyg6xgywfwunypzdpe:wcatnck6blvjwxfwyho4sfb3cphohqphmnjkzwsnenhfazqiwj6a"
RO = "URI:DIR2-RO:yqkpgzohkmw5y5rqpyuf6gkvgq:wcatnck6blvjwxfwyho4sfb3cphohqphmnjkzwsnenhfazqiwj6a"
MDMF = "URI:DIR2-MDMF:vhilbhzvp2jcsbz2xpszakwc4q:rf5cb63kiuf4bw75fhvc7u75coq6x7kphhgxk3rohsy5pzys6wma"


@pytest.fixture
def aliases(tmp_path: Path) -> Path:
    path = tmp_path / "private" / "aliases"
    path.parent.mkdir()
    path.write_text(f"# my aliases\nwork: {DIR}\nbroken line\n\nphotos: {RO}\nlast: {MDMF}\n")
    path.chmod(0o644)
    return path


def test_rename_keeps_the_cap_the_place_and_every_other_line(aliases):
    rename_alias_in_file(aliases, "photos", "pictures")
    assert aliases.read_text() == f"# my aliases\nwork: {DIR}\nbroken line\n\npictures: {RO}\nlast: {MDMF}\n"
    assert stat.S_IMODE(aliases.stat().st_mode) == 0o600
    assert list(read_aliases_file(aliases).aliases) == ["work", "pictures", "last"]


def test_rename_of_a_duplicated_alias_keeps_the_cap_that_counted(aliases):
    aliases.write_text(f"a: {DIR}\nb: {MDMF}\na: {RO}\n")  # tahoe reads the later line
    rename_alias_in_file(aliases, "a", "c")
    assert aliases.read_text() == f"c: {RO}\nb: {MDMF}\n"


def test_rename_refuses_a_taken_or_bad_name_and_an_unknown_alias(aliases):
    before = aliases.read_text()
    with pytest.raises(ValueError, match="already an alias"):
        rename_alias_in_file(aliases, "work", "last")
    for bad in ("", "a:b", "a/b", "a b", "#x"):
        with pytest.raises(ValueError):
            rename_alias_in_file(aliases, "work", bad)
    with pytest.raises(LookupError):
        rename_alias_in_file(aliases, "nope", "other")
    assert aliases.read_text() == before


def test_remove_answers_the_cap_and_keeps_every_other_line(aliases):
    assert remove_alias_from_file(aliases, "work") == DIR
    assert aliases.read_text() == f"# my aliases\nbroken line\n\nphotos: {RO}\nlast: {MDMF}\n"
    assert stat.S_IMODE(aliases.stat().st_mode) == 0o600
    with pytest.raises(LookupError):
        remove_alias_from_file(aliases, "work")


def test_writes_are_atomic_a_failed_one_leaves_the_file_whole(aliases, monkeypatch):
    import os

    before = aliases.read_text()
    monkeypatch.setattr(os, "replace", lambda *a: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError):
        rename_alias_in_file(aliases, "work", "job")
    with pytest.raises(OSError):
        remove_alias_from_file(aliases, "work")
    assert aliases.read_text() == before
    assert sorted(p.name for p in aliases.parent.iterdir()) == ["aliases"]  # no temporary file left


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("", "needs a name"),
        ("a:b", "':' or '/'"),
        ("a/b", "':' or '/'"),
        ("a b", "spaces"),
        ("tab\tname", "spaces"),
        ("#x", "'#'"),
    ],
)
def test_alias_names_follow_tahoes_rules(name, problem):
    assert problem in (alias_name_problem(name) or "")


@pytest.mark.parametrize("name", ["tahoe", "my-files", "ünïcode", "x#y", "2024"])
def test_good_alias_names_pass(name):
    assert alias_name_problem(name) is None


def test_node_directory_renames_and_removes(tmp_path):
    node = NodeDirectory(tmp_path)
    node.add_alias("one", DIR)
    node.add_alias("two", RO)
    node.rename_alias("one", "first")
    assert node.remove_alias("two") == RO
    assert node.read_aliases().aliases == {"first": DIR}


def test_the_tahoe_alias_from_root_dir_cap_is_not_in_the_file(tmp_path):
    node = NodeDirectory(tmp_path)
    (tmp_path / "private").mkdir()
    node.root_dir_cap_path.write_text(DIR + "\n")
    assert node.read_aliases().aliases == {"tahoe": DIR}
    with pytest.raises(LookupError):
        node.rename_alias("tahoe", "home")
    with pytest.raises(LookupError):
        node.remove_alias("tahoe")
