"""`tahoegui-cp`: a drop-in for `tahoe cp` over the copier (being written)."""

from __future__ import annotations

import sys
from typing import TextIO


def main(argv: list[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run `tahoegui-cp` with `argv` (default sys.argv[1:]); answers the exit code."""
    raise NotImplementedError
