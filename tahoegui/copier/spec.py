"""Classifying a `tahoe cp` argument: a local path, or a grid path under a cap or alias.

The rules are `tahoe`'s (scripts/common.py get_alias): a `URI:` prefix is a cap (sub-path
after the first `/`, or the legacy `:./`); `alias:path` when the part before the first
colon has no `/`; anything else is local.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from tahoegui.copier.errors import CopyError
from tahoegui.grid.redact import redacting_repr


@redacting_repr
@dataclass(frozen=True)
class LocalSpec:
    """A local path, made absolute as `tahoe` does (`~` expanded, trailing slash noted)."""

    spec: str
    path: str
    trailing_slash: bool

    @property
    def name(self) -> str:
        return os.path.basename(self.path)


@redacting_repr
@dataclass(frozen=True)
class GridSpec:
    """A grid path: a root cap (from an alias or given) and a path below it.

    `name` is the last path component, or None for a bare cap or a bare `alias:`
    (an *unnamed* source, whose contents are copied rather than itself).
    """

    spec: str
    rootcap: str
    path: str  # without leading or trailing slashes
    trailing_slash: bool

    @property
    def name(self) -> str | None:
        return self.path.rsplit("/", 1)[-1] if self.path else None

    @property
    def parent_path(self) -> str:
        return self.path.rsplit("/", 1)[0] if "/" in self.path else ""


ArgSpec = LocalSpec | GridSpec


def unknown_alias_message(alias: str) -> str:
    return f"error: Unknown alias '{alias}', please create it with 'tahoe add-alias' or 'tahoe create-alias'."


def parse_spec(spec: str, aliases: Mapping[str, str]) -> ArgSpec:
    """Classify one argument. Raises CopyError for an unknown alias."""
    text = spec.strip(" ")
    if text.startswith("URI:"):
        sep = text.find(":./")
        if sep != -1:
            rootcap, path = text[:sep], text[sep + 3 :]
        elif "/" in text:
            rootcap, path = text.split("/", 1)
        else:
            rootcap, path = text, ""
        return _grid(spec, rootcap, path)
    colon = text.find(":")
    if colon == -1 or "/" in text[:colon]:
        return LocalSpec(spec, _abspath(text), text.endswith("/"))
    alias = text[:colon]
    if alias not in aliases:
        raise CopyError(unknown_alias_message(alias))
    return _grid(spec, aliases[alias].strip(), text[colon + 1 :])


def _grid(spec: str, rootcap: str, path: str) -> GridSpec:
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        shown = path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        raise CopyError(f"grid path '{shown}' is not valid UTF-8") from None
    trailing = path.endswith("/")
    return GridSpec(spec, rootcap, "/".join(p for p in path.split("/") if p), trailing)


def _abspath(path: str) -> str:
    return os.path.abspath(os.path.expanduser(path)) if path else os.path.abspath(".")
