"""Replacing a file atomically: write a temporary file beside it, then rename it over.

A reader sees the old file or the new one, never half of one, and a failure or
cancellation leaves nothing behind. Shared by the copier (downloads) and the grid
layer (the aliases file). No Qt.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replacing(path: str | Path) -> Iterator[tuple[int, str]]:
    """Yield `(fd, temporary path)` in `path`'s directory; on a clean exit the temporary
    file replaces `path`, on any exception it is deleted. The caller closes `fd`."""
    # a short fixed prefix: `.{name}…` would overflow the 255-byte limit for long names
    fd, tmp = tempfile.mkstemp(prefix=".tahoegui-", suffix=".part", dir=os.path.dirname(os.fspath(path)) or ".")
    try:
        yield fd, tmp
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
