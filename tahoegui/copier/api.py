"""The copier's front door: plan, then execute, reporting progress to a callback."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from tahoegui.copier.options import CopyOptions
from tahoegui.copier.progress import CancelToken, ProgressCallback
from tahoegui.copier.result import CopyResult
from tahoegui.grid.client import GridClient


def copy(sources: Sequence[str], target: str, *, client: GridClient | None,
         aliases: Mapping[str, str], options: CopyOptions = CopyOptions(),
         progress: ProgressCallback | None = None, cancel: CancelToken | None = None) -> CopyResult:
    """Copy `sources` to `target` as `tahoe cp` would; never raises for expected failures.

    Sources and target are `tahoe cp` arguments: local paths, `alias:path`, or caps with
    an optional `/sub/path`. A planning error comes back as `result.error` with nothing
    written; per-file failures are in `result.failed`.
    """
    raise NotImplementedError("the copier is being written")
