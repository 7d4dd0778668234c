"""Argument classification follows tahoe's get_alias rules."""

import os

import pytest

from tahoegui.copier.errors import CopyError
from tahoegui.copier.spec import GridSpec, LocalSpec, parse_spec

DIRCAP = "URI:DIR2:aaaaaaaaaaaaaaaaaaaaaaaaaa:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbba"
ALIASES = {"tahoe": DIRCAP, "work": DIRCAP}


def test_alias_path_is_a_named_grid_path():
    spec = parse_spec("work:docs/a.txt", ALIASES)
    assert isinstance(spec, GridSpec)
    assert (spec.rootcap, spec.path, spec.name) == (DIRCAP, "docs/a.txt", "a.txt")


def test_bare_alias_and_bare_cap_are_unnamed():
    assert parse_spec("tahoe:", ALIASES).name is None
    assert parse_spec(DIRCAP, ALIASES).name is None


def test_cap_with_sub_path_and_legacy_separator():
    assert parse_spec(DIRCAP + "/x/y", ALIASES).path == "x/y"
    assert parse_spec(DIRCAP + ":./x", ALIASES).path == "x"


def test_trailing_slash_is_noted_and_stripped_from_the_name():
    spec = parse_spec("tahoe:dir/", ALIASES)
    assert spec.trailing_slash and spec.name == "dir"


def test_colon_after_a_slash_is_a_local_path(tmp_path):
    spec = parse_spec("some/dir:7", ALIASES)
    assert isinstance(spec, LocalSpec)
    assert spec.path == os.path.abspath("some/dir:7")


def test_no_colon_is_local_and_made_absolute():
    spec = parse_spec("~/x", ALIASES)
    assert isinstance(spec, LocalSpec) and spec.path == os.path.expanduser("~/x")


def test_unknown_alias_gives_tahoes_message():
    with pytest.raises(CopyError) as e:
        parse_spec("nope:x", ALIASES)
    assert str(e.value) == (
        "error: Unknown alias 'nope', please create it with 'tahoe add-alias' or 'tahoe create-alias'."
    )
