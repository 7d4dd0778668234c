"""Names: which grid names are safe on disk, and FileZilla-style "name (1)" for renames."""

from __future__ import annotations

import os
from collections.abc import Container

_FORBIDDEN_CHARS = ("/", "\\", "\x00")


def is_safe_local_name(name: str) -> bool:
    """False for names that would escape or confuse a local directory (`..`, `a/b`, ``)."""
    return name not in ("", ".", "..") and not any(c in name for c in _FORBIDDEN_CHARS)


def unique_name(name: str, taken: Container[str]) -> str:
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


def is_valid_grid_name(name: str) -> bool:
    """False for names the grid cannot store: undecodable bytes of a local file name
    (Python keeps them as lone surrogates) cannot be written as UTF-8."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def printable_name(name: str) -> str:
    """`name` safe to print: undecodable bytes and control characters shown as `\\xff`."""
    text = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


def join_display(parent: str, name: str) -> str:
    """`parent/name` for messages, whatever slashes `parent` ends with."""
    return f"{parent.rstrip('/')}/{name}"
