"""Moving bytes: streamed in chunks with constant memory, counted, cancellable, and
written to local disk atomically (temporary file in the target directory, then rename)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import IO

from tahoegui.atomic import replacing
from tahoegui.copier.progress import CancelToken
from tahoegui.copier.sources import FileSource, GridFileSource
from tahoegui.grid.client import GridClient

CHUNK = 1024 * 1024
REPORT_EVERY = 256 * 1024

BytesCallback = Callable[[int], None]


class CountingReader:
    """A file-like body for requests: streamed (it has __len__, so Content-Length is sent),
    counted for progress, and checked against the cancel token on every read."""

    def __init__(self, stream: IO[bytes], length: int, on_bytes: BytesCallback, cancel: CancelToken):
        self._stream = stream
        self._length = length
        self._on_bytes = on_bytes
        self._cancel = cancel
        self._pending = 0
        self._sent = 0

    def __len__(self) -> int:
        return self._length

    def read(self, size: int = -1) -> bytes:
        self._cancel.raise_if_cancelled()
        wanted = CHUNK if size is None or size < 0 else max(size, 64 * 1024)
        # Never send more than the Content-Length we promised: extra bytes would be read
        # by the node as the start of the next request on this keep-alive connection.
        data = self._stream.read(min(wanted, self._length - self._sent))
        if not data and self._sent < self._length:
            raise SourceChangedError(
                f"the file shrank while it was being copied ({self._sent} of {self._length} bytes)"
            )
        self._sent += len(data)
        self._pending += len(data)
        if self._pending >= REPORT_EVERY or not data:
            self._on_bytes(self._pending)
            self._pending = 0
        return data


class SourceChangedError(Exception):
    """A local source shrank while it was being sent. Not an OSError: urllib3 would wrap
    that into a vague connection error."""


def counted(chunks: Iterable[bytes], on_bytes: BytesCallback, cancel: CancelToken) -> Iterator[bytes]:
    """Pass chunks through, counting them and stopping when cancelled."""
    for chunk in chunks:
        cancel.raise_if_cancelled()
        on_bytes(len(chunk))
        yield chunk


@contextmanager
def requests_broken_off_by(cancel: CancelToken, client: GridClient | None) -> Iterator[None]:
    """While the block runs, a cancel breaks off the client's requests in flight (and
    refuses new ones) instead of waiting for a stalled node. Once the block is left the
    client works again, and nothing more is broken off."""
    if client is None:
        yield
        return
    try:
        with cancel.while_cancellable(client.interrupt):
            yield
    finally:  # the listener is gone by now, so no interrupt can follow this
        client.resume()


@contextmanager
def source_chunks(
    source: FileSource, client: GridClient | None, caps_only: bool, on_size: Callable[[int | None], None] | None = None
) -> Iterator[Iterable[bytes]]:
    """The source's contents as chunks (or, with --caps-only, a grid file's read cap).
    `on_size` hears the size of a grid file whose listing gave none."""
    if isinstance(source, GridFileSource):
        cap = source.entry.read_cap
        assert cap is not None and client is not None
        if caps_only:
            yield [cap.encode("ascii")]
            return
        if source.size_known or on_size is None:
            with client.download(cap) as chunks:
                yield chunks
            return
        told = False

        def tell(size: int | None) -> None:
            nonlocal told
            told = True
            on_size(size)

        try:
            with client.download(cap, on_size=tell) as chunks:
                yield chunks
        finally:
            if not told:  # the download failed before the node said: stop waiting for it
                on_size(None)
        return
    with open(source.path, "rb") as f:
        yield iter(lambda: f.read(CHUNK), b"")


def write_local_atomically(path: str, chunks: Iterable[bytes], mtime: float | None) -> int:
    """Write `chunks` to `path` via a temporary file beside it; no partial file is ever left.

    Answers the number of bytes written. The temporary file is removed on any failure,
    cancellation included.
    """
    written = 0
    with replacing(path) as (fd, tmp):
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                out.write(chunk)
                written += len(chunk)
        finish_local_file(tmp, path, mtime)
    return written


def finish_local_file(tmp: str, path: str, mtime: float | None) -> None:
    """Give a finished temporary file the mode `path` has (or a new file's) and `mtime`."""
    if os.path.exists(path):
        os.chmod(tmp, os.stat(path).st_mode & 0o7777)
    else:
        os.chmod(tmp, 0o666 & ~_UMASK)
    if mtime is not None:
        try:
            os.utime(tmp, (mtime, mtime))
        except (OverflowError, ValueError, OSError):
            pass  # a nonsensical stored mtime (say 1e300) is not worth failing the copy


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _read_umask()  # read once: os.umask() briefly changes process-wide state
