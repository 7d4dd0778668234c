"""source_chunks tells the size of a grid file its listing gave none, even when it fails."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

from tahoegui.copier.sources import GridFileSource
from tahoegui.copier.transfer import source_chunks
from tahoegui.grid.errors import GridError
from tahoegui.grid.types import GridEntry

MDMF_CAP = "URI:MDMF-RO:aaaaaaaaaaaaaaaaaaaaaaaaaa:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"


class FakeClient:
    def __init__(self, size: int | None, fail_before_headers: bool = False):
        self.size, self.fail = size, fail_before_headers

    @contextmanager
    def download(self, cap, on_size=None):
        if self.fail:
            raise GridError("downloading the file", "the node closed the connection")
        if on_size is not None:
            on_size(self.size)
        yield iter([b"x" * (self.size or 0)])


def mutable_source(size: int | None) -> GridFileSource:
    entry = GridEntry(name="m", kind="file", size=size, format="MDMF", mutable=True, ro_uri=MDMF_CAP)
    return GridFileSource(entry, "m", "tahoe:m")


def test_an_unknown_size_is_told_from_the_download():
    told: list[int | None] = []
    with source_chunks(mutable_source(None), FakeClient(5), False, on_size=told.append) as chunks:
        assert b"".join(chunks) == b"xxxxx"
    assert told == [5]


def test_a_known_size_is_not_told_again():
    told: list[int | None] = []
    with source_chunks(mutable_source(5), FakeClient(5), False, on_size=told.append) as chunks:
        b"".join(chunks)
    assert told == []


def test_a_download_failing_before_its_size_still_ends_the_wait():
    told: list[int | None] = []
    with pytest.raises(GridError):
        with source_chunks(mutable_source(None), FakeClient(5, fail_before_headers=True), False, on_size=told.append):
            pass
    assert told == [None]
