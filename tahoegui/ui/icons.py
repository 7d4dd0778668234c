"""Icons for the toolbar: the desktop theme's (freedesktop icon names), else the style's own.

Under a desktop, Qt knows the icon theme. Without one (a bare X server, a window manager
with no settings daemon) it knows no theme at all; an icon theme installed on the system is
then used if there is one, so the toolbar looks like the rest of the desktop would.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

INSTALLED_THEMES = ("breeze", "Adwaita", "gnome", "oxygen", "Tango")


def _icon_dirs() -> list[Path]:
    data_dirs = os.environ.get("XDG_DATA_DIRS") or "/usr/local/share:/usr/share"
    home = os.environ.get("XDG_DATA_HOME") or os.path.expanduser("~/.local/share")
    return [Path(d) / "icons" for d in [home, *data_dirs.split(":")] if d]


def use_an_installed_theme() -> None:
    """When Qt knows no icon theme (none, or only `hicolor`, the base every theme builds on,
    which has next to no action icons), use one installed on the system (if any)."""
    if QIcon.themeName() not in ("", "hicolor"):
        return
    dirs = [d for d in _icon_dirs() if d.is_dir()]
    for theme in INSTALLED_THEMES:
        if any((d / theme / "index.theme").is_file() for d in dirs):
            known = QIcon.themeSearchPaths()
            QIcon.setThemeSearchPaths([*known, *(str(d) for d in dirs if str(d) not in known)])
            QIcon.setThemeName(theme)
            return


def theme_icon(name: str, fallback: QStyle.StandardPixmap) -> QIcon:
    """The theme's icon `name` (or its `-symbolic` form), else the style's `fallback`."""
    for candidate in (name, f"{name}-symbolic"):
        icon = QIcon.fromTheme(candidate)
        if not icon.isNull():
            return icon
    return QApplication.style().standardIcon(fallback)
