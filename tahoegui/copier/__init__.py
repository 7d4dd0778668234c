"""`tahoe cp -r` semantics: classify, plan (every error found before any write), execute.

No Qt here. The one entry point most callers need is `copy()`.
"""

from tahoegui.copier.api import copy
from tahoegui.copier.errors import CopyError
from tahoegui.copier.options import CONFLICT_POLICIES, ConflictPolicy, CopyOptions
from tahoegui.copier.progress import (
    CancelToken,
    CopyCancelled,
    ProgressCallback,
    ProgressEvent,
)
from tahoegui.copier.result import CopyResult, ItemResult

__all__ = [
    "copy", "CopyError", "CopyOptions", "ConflictPolicy", "CONFLICT_POLICIES",
    "CancelToken", "CopyCancelled", "ProgressCallback", "ProgressEvent", "CopyResult", "ItemResult",
]
