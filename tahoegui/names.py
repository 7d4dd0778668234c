"""Which names a new or renamed file or folder may have, in either pane. No Qt.

The same rules hold on the grid and on disk: a name is one path segment, so it can't be
empty, `.`, `..`, or contain `/`. Leading and trailing spaces are dropped, as the node
itself does for renames (`t=rename` strips both names).
"""

from __future__ import annotations

import unicodedata


def clean_name(text: str) -> str:
    """What the user typed, as it would be stored: stripped of surrounding spaces."""
    return text.strip()


def name_problem(name: str) -> str | None:
    """Why `name` can't be a file or folder name, in a user's words; None when it can."""
    if not name:
        return "A name can't be empty"
    if name in (".", ".."):
        return f"'{name}' can't be a name"
    if "/" in name:
        return "A name can't contain '/'"
    if "\x00" in name:
        return "A name can't contain a NUL character"
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return "A name must be valid text (UTF-8)"
    return None


def same_name(a: str, b: str) -> bool:
    """True if the grid would store `a` and `b` under one name (it keeps names NFC)."""
    return unicodedata.normalize("NFC", a) == unicodedata.normalize("NFC", b)
