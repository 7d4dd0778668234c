"""Parsing and diminishing caps with tahoe-capabilities."""

from __future__ import annotations

import pytest

from tahoegui.grid.caps import CapError, diminish, format_label, is_cap, kind_label, parse, storage_index
from tests.unit.grid.sample_caps import CAPS

# kind: (is_directory, is_mutable, is_writable, is_verify)
EXPECTED = {
    "CHK": (False, False, False, False),
    "CHK-Verifier": (False, False, False, True),
    "LIT": (False, False, False, False),
    "SSK": (False, True, True, False),
    "SSK-RO": (False, True, False, False),
    "SSK-Verifier": (False, True, False, True),
    "MDMF": (False, True, True, False),
    "MDMF-RO": (False, True, False, False),
    "MDMF-Verifier": (False, True, False, True),
    "DIR2": (True, True, True, False),
    "DIR2-RO": (True, True, False, False),
    "DIR2-Verifier": (True, True, False, True),
    "DIR2-MDMF": (True, True, True, False),
    "DIR2-MDMF-RO": (True, True, False, False),
    "DIR2-CHK": (True, False, False, False),
    "DIR2-LIT": (True, False, False, False),
}


@pytest.mark.parametrize("kind", sorted(CAPS))
def test_parse_tells_the_kind_of_each_real_cap(kind):
    info = parse(CAPS[kind])
    assert info.kind == kind
    assert (info.is_directory, info.is_mutable, info.is_writable, info.is_verify) == EXPECTED[kind]


def test_parse_ignores_surrounding_whitespace():
    assert parse(f"  {CAPS['DIR2']}\n").kind == "DIR2"


@pytest.mark.parametrize(
    "write, read", [("DIR2", "DIR2-RO"), ("SSK", "SSK-RO"), ("MDMF", "MDMF-RO"), ("DIR2-MDMF", "DIR2-MDMF-RO")]
)
def test_diminish_turns_a_write_cap_into_its_read_cap(write, read):
    assert diminish(CAPS[write]) == CAPS[read]


@pytest.mark.parametrize("kind", ["CHK", "LIT", "DIR2-RO", "MDMF-RO", "DIR2-CHK", "CHK-Verifier"])
def test_diminish_leaves_read_only_caps_alone(kind):
    assert diminish(CAPS[kind]) == CAPS[kind]


JUNK = [
    "",
    "hello",
    "URI:",
    "URI:garbage",
    "URI:CHK:",
    "URI:CHK:aaa:bbb:1:2:3",
    "URI:DIR2:!!!:???",
    CAPS["CHK"].rsplit(":", 1)[0] + ":x",
    "ro." + CAPS["CHK"],
    CAPS["DIR2"][:-5],
]


@pytest.mark.parametrize("junk", JUNK)
def test_junk_raises_cap_error_naming_no_part_of_the_cap(junk):
    for call in (parse, diminish):
        with pytest.raises(CapError) as err:
            call(junk)
        message = str(err.value)
        assert "URI:" not in message and "URI%3A" not in message
        for secret_part in junk.split(":")[2:]:
            assert len(secret_part) < 5 or secret_part not in message
        # the library's own exception (which repeats the text) is not chained
        assert err.value.__cause__ is None
        assert err.value.__context__ is None or err.value.__suppress_context__


def test_kind_labels_and_is_cap():
    assert kind_label(CAPS["DIR2"]) == "directory"
    assert kind_label(CAPS["DIR2-RO"]) == "read-only directory"
    assert kind_label(CAPS["MDMF"]) == "mutable file"
    assert kind_label(CAPS["SSK-RO"]) == "read-only mutable file"
    assert kind_label(CAPS["CHK"]) == "immutable file"
    assert kind_label("nonsense") == "unknown"
    assert is_cap(CAPS["LIT"]) and is_cap("  URI:whatever") and not is_cap("alias:path")


# what `tahoe debug dump-cap` prints as "storage index" for each sample cap
STORAGE_INDEXES = {
    "CHK": "7535twl7sp6ms7jf7setnvgk2m",
    "SSK": "sokjoizveqwkfvmaybswhjieaa",
    "MDMF": "n5lynczgay346wf46vxyglvphu",
    "DIR2": "wmjzmzxaqdzy2jhxtrp47lzgpm",
    "DIR2-MDMF": "y2ix247m5hhh6sogbm2swhan44",
    "DIR2-CHK": "gakire74kl4nyjicxbxegtjchy",
}


@pytest.mark.parametrize("kind", sorted(CAPS))
def test_storage_index_is_the_same_from_every_cap_of_an_object(kind):
    family = kind.removesuffix("-Verifier").removesuffix("-RO")
    expected = STORAGE_INDEXES.get(family)
    assert storage_index(CAPS[kind]) == expected  # None for LIT and DIR2-LIT: the data is in the cap


@pytest.mark.parametrize(
    ("kind", "label"),
    [
        ("CHK", "CHK"),
        ("CHK-Verifier", "CHK"),
        ("LIT", "LIT"),
        ("SSK", "SDMF"),
        ("SSK-RO", "SDMF"),
        ("MDMF", "MDMF"),
        ("MDMF-Verifier", "MDMF"),
        ("DIR2", "SDMF"),
        ("DIR2-RO", "SDMF"),
        ("DIR2-MDMF", "MDMF"),
        ("DIR2-CHK", "CHK"),
        ("DIR2-LIT", "LIT"),
    ],
)
def test_format_label_names_the_storage_format(kind, label):
    assert format_label(CAPS[kind]) == label


def test_storage_index_of_junk_is_a_cap_error_and_format_label_none():
    with pytest.raises(CapError):
        storage_index("URI:CHK:short")
    assert format_label("alias:path") is None
