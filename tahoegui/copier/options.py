"""How a copy should behave: `tahoe cp`'s flags plus ours."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ConflictPolicy = Literal["overwrite", "skip", "rename", "newer", "error"]
CONFLICT_POLICIES: tuple[str, ...] = ("overwrite", "skip", "rename", "newer", "error")
DEFAULT_JOBS = 4


@dataclass(frozen=True)
class CopyOptions:
    """`recursive`/`caps_only` as `tahoe cp -r/--caps-only`; `jobs` transfers at once;
    `conflict` decides what happens when a target file already exists."""

    recursive: bool = False
    caps_only: bool = False
    jobs: int = DEFAULT_JOBS
    conflict: ConflictPolicy = "overwrite"
