"""Unsafe grid names are refused on disk; renames pick the first free "name (n)"."""

import pytest

from tahoegui.copier.naming import is_safe_local_name, unique_name


@pytest.mark.parametrize("name", ["", ".", "..", "a/b", "a\\b", "nul\x00"])
def test_names_that_could_escape_the_target_are_unsafe(name):
    assert not is_safe_local_name(name)


@pytest.mark.parametrize("name", ["a", "..a", "a..", "Ärtonwall", ".hidden"])
def test_ordinary_names_are_safe(name):
    assert is_safe_local_name(name)


def test_unique_name_keeps_a_free_name():
    assert unique_name("a.txt", {"b.txt"}) == "a.txt"


def test_unique_name_numbers_before_the_extension():
    assert unique_name("a.txt", {"a.txt", "a (1).txt"}) == "a (2).txt"


def test_unique_name_without_extension_and_dotfiles():
    assert unique_name("name", {"name"}) == "name (1)"
    assert unique_name(".bashrc", {".bashrc"}) == ".bashrc (1)"
