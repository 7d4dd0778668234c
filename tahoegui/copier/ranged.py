"""Downloading one large immutable file as several byte ranges at once.

The node decodes a download on its CPU; several downloads keep more of its cores busy
than one. So a large immutable file is fetched as `parts` ranges side by side, each
written at its offset of the same temporary file, which then replaces the target as
any download does (transfer.write_local_atomically): no partial file is ever left.
Only immutable files: the parts of a mutable file could come from different versions.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from contextlib import AbstractContextManager

from tahoegui.atomic import replacing
from tahoegui.copier.progress import CancelToken
from tahoegui.copier.transfer import BytesCallback, SourceChangedError, finish_local_file

MIB = 1024 * 1024
# Below this a single stream is about as fast, and not worth a second request.
RANGED_MIN_SIZE = 16 * MIB
RANGED_PARTS = 2

# (first byte, last byte) -> the bytes of that range, as chunks
FetchRange = Callable[[int, int], AbstractContextManager[Iterable[bytes]]]


def part_bounds(size: int, parts: int) -> list[tuple[int, int]]:
    """`parts` contiguous inclusive byte ranges covering `size` bytes."""
    step = -(-size // parts)
    return [(start, min(start + step, size) - 1) for start in range(0, size, step)]


class _StoppedForAnotherPart(Exception):
    """A part gave up because another part failed: never the error to report."""


def write_local_in_parts(
    path: str,
    size: int,
    fetch: FetchRange,
    on_bytes: BytesCallback,
    cancel: CancelToken,
    mtime: float | None,
    parts: int = RANGED_PARTS,
) -> int:
    """Fetch `size` bytes in `parts` ranges at once into `path`, atomically. Answers the
    byte count. A failing part stops the others and its error is raised (CopyCancelled
    only when the copy was cancelled); nothing is left behind."""
    stop = threading.Event()  # set when any part fails, so the others end early

    def fetch_into(fd: int, first: int, last: int) -> None:
        offset = first
        with fetch(first, last) as chunks:
            for chunk in chunks:
                cancel.raise_if_cancelled()
                if stop.is_set():
                    raise _StoppedForAnotherPart()
                if offset + len(chunk) > last + 1:
                    raise SourceChangedError("the node sent more bytes than the file has")
                _pwrite_all(fd, chunk, offset)
                offset += len(chunk)
                on_bytes(len(chunk))
        if offset != last + 1:
            raise SourceChangedError(
                f"the download ended early ({offset - first} of {last + 1 - first} bytes of one part)"
            )

    with replacing(path) as (fd, tmp):
        try:
            with ThreadPoolExecutor(max_workers=parts, thread_name_prefix="tahoegui-range") as pool:
                futures = [pool.submit(fetch_into, fd, first, last) for first, last in part_bounds(size, parts)]
                done, _ = wait(futures, return_when=FIRST_EXCEPTION)
                if any(f.exception() is not None for f in done):
                    stop.set()
                wait(futures)
            cancel.raise_if_cancelled()
            errors = [e for f in futures if (e := f.exception()) is not None]
            first_real = next((e for e in errors if not isinstance(e, _StoppedForAnotherPart)), None)
            if first_real is not None:
                raise first_real
        finally:
            os.close(fd)
        finish_local_file(tmp, path, mtime)
    return size


def _pwrite_all(fd: int, data: bytes, offset: int) -> None:
    view = memoryview(data)
    while view:
        written = os.pwrite(fd, view, offset)
        view, offset = view[written:], offset + written
