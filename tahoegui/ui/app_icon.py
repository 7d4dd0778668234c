"""The application icon as a QIcon, from the PNGs in the package's resources."""

from __future__ import annotations

import logging

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from tahoegui.resources import ICON_SIZES, icon_png

log = logging.getLogger(__name__)


def app_icon() -> QIcon:
    """tahoegui's icon at every size it is drawn at (empty, with a warning, if an install lost them)."""
    icon = QIcon()
    try:
        for size in ICON_SIZES:
            icon.addFile(str(icon_png(size)), QSize(size, size))
    except FileNotFoundError as e:
        log.warning("%s", e)
    return icon
