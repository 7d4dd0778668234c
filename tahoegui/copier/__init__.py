"""`tahoe cp -r` semantics: classify, plan (every error found before any write), execute.

No Qt here. The one entry point most callers need is `copy()`. The names below load on
first use (PEP 562), so that importing `tahoegui.copier.options` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_HOMES = {
    "copy": "api",
    "CopyError": "errors",
    "CopyOptions": "options",
    "ConflictPolicy": "options",
    "CONFLICT_POLICIES": "options",
    "CancelToken": "progress",
    "CopyCancelled": "progress",
    "ProgressCallback": "progress",
    "ProgressEvent": "progress",
    "CopyResult": "result",
    "ItemResult": "result",
}
__all__ = [  # noqa: RUF022 — the order of _HOMES, by home module
    "copy",
    "CopyError",
    "CopyOptions",
    "ConflictPolicy",
    "CONFLICT_POLICIES",
    "CancelToken",
    "CopyCancelled",
    "ProgressCallback",
    "ProgressEvent",
    "CopyResult",
    "ItemResult",
]
assert set(__all__) == set(_HOMES)

if TYPE_CHECKING:
    from tahoegui.copier.api import copy
    from tahoegui.copier.errors import CopyError
    from tahoegui.copier.options import CONFLICT_POLICIES, ConflictPolicy, CopyOptions
    from tahoegui.copier.progress import CancelToken, CopyCancelled, ProgressCallback, ProgressEvent
    from tahoegui.copier.result import CopyResult, ItemResult


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'tahoegui.copier' has no attribute {name!r}")
    return getattr(importlib.import_module(f"tahoegui.copier.{_HOMES[name]}"), name)
