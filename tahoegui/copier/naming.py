"""Names: which grid names are safe on disk, and FileZilla-style "name (1)" for renames."""

from __future__ import annotations

import os

_FORBIDDEN_CHARS = ("/", "\\", "\x00")


def is_safe_local_name(name: str) -> bool:
    """False for names that would escape or confuse a local directory (`..`, `a/b`, ``)."""
    return name not in ("", ".", "..") and not any(c in name for c in _FORBIDDEN_CHARS)


def unique_name(name: str, taken: set[str]) -> str:
    """`name` if free, else `stem (1).ext`, `stem (2).ext`, ... (the first free one)."""
    if name not in taken:
        return name
    stem, ext = os.path.splitext(name)
    if not stem:  # ".bashrc": the whole name is the stem
        stem, ext = name, ""
    n = 1
    while f"{stem} ({n}){ext}" in taken:
        n += 1
    return f"{stem} ({n}){ext}"
