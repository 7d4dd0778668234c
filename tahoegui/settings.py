"""What the window remembers between runs, and the one file it lives in. No Qt.

The file is JSON with a `version` field, written atomically and always mode 0600: the
last grid location may be a cap, and whoever holds a cap has its access. A file that
is damaged, or written by another version, is ignored with one warning in the log: the
window then starts with defaults, and the next close writes a good file over it.
"""

from __future__ import annotations

import base64
import binascii
import json
import logging
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from tahoegui import paths
from tahoegui.atomic import replacing

SETTINGS_VERSION = 1
MAX_COLUMNS = 64  # far more than any pane has: a longer list is damage, not settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ViewSettings:
    """One pane's list: column widths in pixels (by column number) and how it is sorted."""

    column_widths: tuple[int, ...] = ()
    sort_column: int = 0
    sort_descending: bool = False


@dataclass(frozen=True)
class Settings:
    """Everything the window remembers. Qt's own blobs (geometry, splitter, docks) are kept
    as base64 text that only the Qt side interprets; empty means "not remembered"."""

    window_geometry: str = ""
    window_state: str = ""
    splitter_state: str = ""
    local_view: ViewSettings = field(default_factory=ViewSettings)
    grid_view: ViewSettings = field(default_factory=ViewSettings)
    local_folder: str | None = None
    grid_location: str | None = None  # `alias:path`, or a cap and path: a secret (hence 0600)
    show_hidden: bool = False


class _Invalid(ValueError):
    """Why a settings file can't be used, in words fit for the log."""


def load_settings(path: Path | None = None) -> Settings:
    """The settings in `path` (default: the user's settings file); defaults when there is
    none yet, or (after one warning in the log) when it is damaged or from another version."""
    path = paths.settings_file() if path is None else path
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings()
    except (OSError, UnicodeDecodeError) as e:
        log.warning("ignoring the settings file %s (it can't be read: %s); starting with defaults", path, e)
        return Settings()
    try:
        return settings_from_json(text)
    except _Invalid as e:
        log.warning("ignoring the settings file %s (%s); starting with defaults", path, e)
        return Settings()


def save_settings(settings: Settings, path: Path | None = None) -> bool:
    """Write `settings` to `path` (default: the user's settings file) atomically, mode 0600.
    False (and a warning in the log) if it could not be written: never an exception."""
    path = paths.settings_file() if path is None else path
    data = json.dumps({"version": SETTINGS_VERSION, **asdict(settings)}, indent=2) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with replacing(path) as (fd, _tmp), os.fdopen(fd, "w", encoding="utf-8") as f:
            os.fchmod(f.fileno(), 0o600)
            f.write(data)
    except OSError as e:
        log.warning("could not save the settings to %s: %s", path, e)
        return False
    return True


def settings_from_json(text: str) -> Settings:
    """Parse a settings file's text; `_Invalid` says what is wrong with it."""
    try:
        data = json.loads(text)
    except ValueError as e:  # JSONDecodeError, and lone surrogates json refuses
        raise _Invalid(f"not valid JSON: {e}") from None
    if not isinstance(data, dict):
        raise _Invalid("not a JSON object")
    version = data.get("version")
    if version != SETTINGS_VERSION or isinstance(version, bool):
        written = f"version {version}" if _is_count(version) else "no version number"
        raise _Invalid(f"{written}, where this program reads version {SETTINGS_VERSION}")
    known = {f.name for f in fields(Settings)}
    values: dict[str, Any] = {}
    for name in known & data.keys():  # unknown keys are ignored
        value = data[name]
        if name in ("local_view", "grid_view"):
            values[name] = _view_settings(name, value)
        elif name in ("window_geometry", "window_state", "splitter_state"):
            values[name] = _base64_text(name, value)
        elif name in ("local_folder", "grid_location"):
            if value is not None and not isinstance(value, str):
                raise _Invalid(f"{name!r} is not text")
            values[name] = value
        elif name == "show_hidden":
            if not isinstance(value, bool):
                raise _Invalid(f"{name!r} is not true or false")
            values[name] = value
    return Settings(**values)


def _view_settings(name: str, value: object) -> ViewSettings:
    if not isinstance(value, dict):
        raise _Invalid(f"{name!r} is not an object")
    widths = value.get("column_widths", [])
    if not isinstance(widths, list) or len(widths) > MAX_COLUMNS or not all(_is_count(w) for w in widths):
        raise _Invalid(f"{name}.column_widths is not a list of widths")
    column = value.get("sort_column", 0)
    if not _is_count(column) or column >= MAX_COLUMNS:
        raise _Invalid(f"{name}.sort_column is not a column number")
    descending = value.get("sort_descending", False)
    if not isinstance(descending, bool):
        raise _Invalid(f"{name}.sort_descending is not true or false")
    return ViewSettings(tuple(widths), column, descending)


def _base64_text(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise _Invalid(f"{name!r} is not text")
    try:
        base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise _Invalid(f"{name!r} is not base64") from None
    return value


def _is_count(value: object) -> bool:
    """A non-negative int (JSON's true and false are ints to Python: not these)."""
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0
