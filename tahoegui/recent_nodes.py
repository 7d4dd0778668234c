"""The nodes chosen with File → Connect to Node…, newest first, remembered between runs. No Qt.

Kept in a small JSON list of its own (`recent-nodes.json` in the user's config directory,
written atomically with mode 0600: a URL may carry credentials). Once the window's settings
file (settings.py) is on this branch, this list belongs in it.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import platformdirs

from tahoegui.grid.aliases import write_private_file

MAX_RECENT = 8
log = logging.getLogger(__name__)


def recent_nodes_file() -> Path:
    return Path(platformdirs.user_config_dir("tahoegui")) / "recent-nodes.json"


def load_recent(path: Path | None = None) -> list[str]:
    """The remembered node directories and URLs, newest first ([] when none or unreadable)."""
    path = recent_nodes_file() if path is None else path
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    except (OSError, ValueError) as e:
        log.warning("ignoring the list of recent nodes %s: %s", path, e)
        return []
    if not isinstance(data, list):
        return []
    return [item for item in data if isinstance(item, str) and item][:MAX_RECENT]


def remember(location: str, path: Path | None = None) -> None:
    """Put `location` first in the list (once); never raises, a failure is logged."""
    path = recent_nodes_file() if path is None else path
    locations = [location, *(old for old in load_recent(path) if old != location)][:MAX_RECENT]
    try:
        write_private_file(path, json.dumps(locations, indent=1) + "\n")
    except OSError as e:
        log.warning("could not remember the node in %s: %s", path, e)
