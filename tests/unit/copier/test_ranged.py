"""Large immutable downloads in parallel byte ranges: whole, in place, and nothing left on failure."""

from __future__ import annotations

import itertools
import os
import threading
import time
from contextlib import contextmanager

import pytest

from tahoegui.copier.progress import CancelToken, CopyCancelled
from tahoegui.copier.ranged import part_bounds, write_local_in_parts
from tahoegui.copier.transfer import SourceChangedError

DATA = os.urandom(300_001)


def ranges_of(data: bytes, chunk: int = 7_000, fail_at: int | None = None, short_by: int = 0, seen=None):
    """A fake node: serves inclusive ranges of `data` in chunks; may fail or cut a range short."""

    @contextmanager
    def fetch(first: int, last: int):
        if seen is not None:
            seen.append((first, last))

        def chunks():
            end = last + 1 - (short_by if first == 0 else 0)
            for offset in range(first, end, chunk):
                if fail_at is not None and first <= fail_at < offset + chunk and first == 0:
                    raise OSError("connection reset")
                yield data[offset : min(offset + chunk, end)]

        yield chunks()

    return fetch


def leftovers(directory) -> list[str]:
    return sorted(os.listdir(directory))


@pytest.mark.parametrize("size,parts", [(1, 2), (2, 2), (3, 2), (10, 3), (300_001, 2), (300_001, 4)])
def test_parts_cover_every_byte_once(size, parts):
    bounds = part_bounds(size, parts)
    assert bounds[0][0] == 0 and bounds[-1][1] == size - 1
    assert all(b[0] == a[1] + 1 for a, b in itertools.pairwise(bounds))
    assert len(bounds) <= parts


def test_the_file_is_whole_counted_and_dated(tmp_path):
    target = tmp_path / "big.bin"
    counted: list[int] = []
    seen: list[tuple[int, int]] = []
    lock = threading.Lock()

    def on_bytes(n: int) -> None:
        with lock:
            counted.append(n)

    written = write_local_in_parts(
        str(target), len(DATA), ranges_of(DATA, seen=seen), on_bytes, CancelToken(), mtime=1_000_000.0, parts=2
    )
    assert written == len(DATA) and target.read_bytes() == DATA and sum(counted) == len(DATA)
    assert sorted(seen) == [(0, 150_000), (150_001, 300_000)]
    assert target.stat().st_mtime == 1_000_000.0
    assert leftovers(tmp_path) == ["big.bin"]


def test_a_failing_part_leaves_nothing_and_keeps_the_old_file(tmp_path):
    target = tmp_path / "big.bin"
    target.write_bytes(b"old contents")
    with pytest.raises(OSError, match="connection reset"):
        write_local_in_parts(
            str(target), len(DATA), ranges_of(DATA, fail_at=70_000), lambda n: None, CancelToken(), mtime=None, parts=2
        )
    assert target.read_bytes() == b"old contents" and leftovers(tmp_path) == ["big.bin"]


def test_a_part_that_ends_early_is_an_error_not_a_short_file(tmp_path):
    with pytest.raises(SourceChangedError, match="ended early"):
        write_local_in_parts(
            str(tmp_path / "big.bin"),
            len(DATA),
            ranges_of(DATA, short_by=10),
            lambda n: None,
            CancelToken(),
            mtime=None,
            parts=2,
        )
    assert leftovers(tmp_path) == []


def test_cancelling_stops_every_part_and_leaves_nothing(tmp_path):
    cancel = CancelToken()

    def on_bytes(n: int) -> None:
        cancel.cancel()  # cancelled as soon as the first bytes arrive

    with pytest.raises(CopyCancelled):
        write_local_in_parts(
            str(tmp_path / "big.bin"), len(DATA), ranges_of(DATA), on_bytes, cancel, mtime=None, parts=2
        )
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("failing_part", [0, 1])
def test_the_error_of_the_failing_part_is_the_one_raised(tmp_path, failing_part):
    """Whichever part fails, its own error comes out: not a cancellation of the other part
    (which the executor would take for the user's Cancel and report nothing)."""
    half = len(DATA) // 2 + 1
    first_of_failing = 0 if failing_part == 0 else half
    gate = threading.Event()

    @contextmanager
    def fetch(first: int, last: int):
        def chunks():
            if first == first_of_failing:
                gate.wait(5)  # the other part is streaming by now
                raise ConnectionError("the node went away")
            for offset in range(first, last + 1, 1000):
                gate.set()
                time.sleep(0.001)
                yield DATA[offset : min(offset + 1000, last + 1)]

        yield chunks()

    with pytest.raises(ConnectionError, match="went away"):
        write_local_in_parts(
            str(tmp_path / "big.bin"), len(DATA), fetch, lambda n: None, CancelToken(), mtime=None, parts=2
        )
    assert leftovers(tmp_path) == []
