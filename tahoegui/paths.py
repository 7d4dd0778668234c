"""Every place on disk the programs use, in one module: settings, data, logs, the private grid.

All of them come from platformdirs for the app name `tahoegui`, so the platform's
conventions (on Linux `XDG_CONFIG_HOME`, `XDG_DATA_HOME`, `XDG_STATE_HOME`) move them.
They are computed on each call, never cached, so a changed environment takes effect.
No Qt.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "tahoegui"
SETTINGS_FILE_NAME = "settings.json"


def config_dir() -> Path:
    """The user's config directory for tahoegui (`~/.config/tahoegui` on Linux)."""
    return Path(platformdirs.user_config_dir(APP_NAME))


def settings_file() -> Path:
    """The one file the window's remembered settings live in."""
    return config_dir() / SETTINGS_FILE_NAME


def data_dir() -> Path:
    """The user's data directory for tahoegui (`~/.local/share/tahoegui` on Linux)."""
    return Path(platformdirs.user_data_dir(APP_NAME))


def log_dir() -> Path:
    """Where the programs' log files go (`~/.local/state/tahoegui/log` on Linux)."""
    return Path(platformdirs.user_log_dir(APP_NAME))


def log_file(program: str) -> Path:
    """The log file of one program (`tahoegui`, `tahoegui-cli`)."""
    return log_dir() / f"{program}.log"


def default_grid_dir() -> Path:
    """Where the app keeps its private grid: under the user's data directory."""
    return data_dir() / "local-grid"


def default_node_dir() -> Path:
    """`~/.tahoe`: Tahoe-LAFS's own convention, which the `tahoe` command line uses too."""
    return Path(os.path.expanduser("~/.tahoe"))


def home_dir() -> Path:
    """The user's home folder: where the local pane starts when nothing else says where."""
    return Path.home()
