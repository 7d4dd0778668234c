"""GridEntry.from_json on real `?t=json` answers of a Tahoe-LAFS node (saved in data/, recorded
from a private test grid by data/record.py): every kind of child a listing holds, a listing
through a read cap, a file by path and by bare cap."""

from __future__ import annotations

import pytest

from tahoegui.grid.caps import parse
from tahoegui.grid.types import GridEntry
from tests.unit.grid.saved_answers import saved

MTIME = 1_234_567_890.5  # the user metadata record.py linked café.txt with


def children(answer: str) -> dict[str, GridEntry]:
    nodetype, listing = saved(answer)
    assert nodetype == "dirnode"
    return {name: GridEntry.from_json(name, child) for name, child in listing["children"].items()}


def cap_kind(cap: str | None) -> str | None:
    return None if cap is None else parse(cap).kind


def test_a_listing_holds_every_kind_of_child():
    assert set(children("directory.json")) == {
        "big.bin",
        "tiny.txt",
        "sdmf.txt",
        "mdmf.txt",
        "sub",
        "frozen",
        "future",
        "café.txt",
    }


# name: (kind, format, mutable, size, write cap kind, read cap kind, verify cap kind)
EXPECTED = {
    "big.bin": ("file", "CHK", False, 4300, None, "CHK", "CHK-Verifier"),
    "tiny.txt": ("file", "CHK", False, 3, None, "LIT", None),  # LIT shows as CHK, with no verify cap
    "café.txt": ("file", "CHK", False, 125, None, "CHK", "CHK-Verifier"),
    # a listing gives no size for a mutable file
    "sdmf.txt": ("file", "SDMF", True, None, "SSK", "SSK-RO", "SSK-Verifier"),
    "mdmf.txt": ("file", "MDMF", True, None, "MDMF", "MDMF-RO", "MDMF-Verifier"),
    "sub": ("directory", None, True, None, "DIR2", "DIR2-RO", "DIR2-Verifier"),
    "frozen": ("directory", None, False, None, None, "DIR2-CHK", "DIR2-CHK-Verifier"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_child_of_a_listing_parses_to_its_kind_format_size_and_caps(name):
    entry = children("directory.json")[name]
    kind, fmt, mutable, size, rw, ro, verify = EXPECTED[name]

    assert entry.name == name
    assert (entry.kind, entry.format, entry.mutable, entry.size) == (kind, fmt, mutable, size)
    assert (cap_kind(entry.rw_uri), cap_kind(entry.ro_uri), cap_kind(entry.verify_uri)) == (rw, ro, verify)
    assert entry.is_dir == (kind == "directory") and entry.is_file == (kind == "file")
    assert entry.writable == (rw is not None)
    assert entry.best_cap == (entry.rw_uri or entry.ro_uri)
    assert entry.read_cap == entry.ro_uri


def test_an_object_of_unknown_kind_is_kept_with_its_cap_as_given():
    future = children("directory.json")["future"]

    assert future.kind == "unknown" and not future.is_file and not future.is_dir
    assert future.ro_uri == "ro.x-tahoe-crazy://from-the-future" and future.rw_uri is None
    assert future.read_cap == future.ro_uri and not future.writable
    assert (future.size, future.format, future.mutable) == (None, None, False)


def test_link_times_come_from_the_tahoe_metadata_and_user_metadata_is_kept_apart():
    raw = saved("directory.json")[1]["children"]
    for name, entry in children("directory.json").items():
        tahoe = raw[name][1]["metadata"]["tahoe"]
        assert entry.link_created == tahoe["linkcrtime"] and entry.link_modified == tahoe["linkmotime"]
        assert "tahoe" not in entry.metadata

    cafe = children("directory.json")["café.txt"]
    assert cafe.metadata == {"mtime": MTIME, "note": "user metadata"}
    assert cafe.mtime == MTIME  # the file's own time wins over the link's
    big = children("directory.json")["big.bin"]
    assert big.metadata == {} and big.mtime == big.link_modified


def test_the_listed_directory_itself_parses_as_a_writable_directory():
    node = GridEntry.from_json("", saved("directory.json"))

    assert node.is_dir and node.mutable and node.writable
    assert (cap_kind(node.rw_uri), cap_kind(node.ro_uri), cap_kind(node.verify_uri)) == (
        "DIR2",
        "DIR2-RO",
        "DIR2-Verifier",
    )
    assert node.link_created is None and node.metadata == {}  # a bare cap has no link


def test_a_listing_through_a_read_cap_holds_no_write_cap():
    read_only, writable = children("directory-ro.json"), children("directory.json")
    node = GridEntry.from_json("", saved("directory-ro.json"))

    assert node.is_dir and not node.writable and node.ro_uri == GridEntry.from_json("", saved("directory.json")).ro_uri
    assert set(read_only) == set(writable)
    for name, entry in read_only.items():
        assert entry.rw_uri is None and not entry.writable, name
        assert entry.ro_uri == writable[name].ro_uri, name
        assert (entry.kind, entry.format, entry.mutable) == (
            writable[name].kind,
            writable[name].format,
            writable[name].mutable,
        )


def test_a_file_by_path_has_its_link_times_and_a_mutable_file_by_cap_its_size():
    by_path = GridEntry.from_json("big.bin", saved("file-chk.json"))
    assert (by_path.kind, by_path.format, by_path.size, by_path.mutable) == ("file", "CHK", 4300, False)
    assert by_path.ro_uri == children("directory.json")["big.bin"].ro_uri
    assert by_path.link_created is not None and by_path.mtime == by_path.link_modified

    by_cap = GridEntry.from_json("", saved("file-mdmf.json"))
    assert (by_cap.kind, by_cap.format, by_cap.mutable, by_cap.writable) == ("file", "MDMF", True, True)
    assert by_cap.size == len(b"an MDMF mutable file\n")  # asked alone, a mutable file says its size
    assert by_cap.link_created is None and by_cap.mtime is None
    assert by_cap.rw_uri == children("directory.json")["mdmf.txt"].rw_uri


def test_an_entry_shows_no_cap_in_its_repr():
    for entry in children("directory.json").values():
        assert "URI:" not in repr(entry), entry.name
