"""Where the icons, the .desktop file and the AppStream metainfo are at run time. No Qt.

They live in the repository's top-level `resources/` folder. A checkout (and the editable
install, which runs from it) finds them there, next to the `tahoegui` package; a wheel ships
the same folder as the package `tahoegui_resources` (pyproject.toml maps it).
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

ICON_SIZES = (16, 32, 48, 64, 128, 256)
DESKTOP_FILE_NAME = "tahoegui"  # tahoegui.desktop: what the desktop matches windows and icons by
PACKAGED = "tahoegui_resources"


@functools.cache
def resources_dir() -> Path:
    """The folder that holds `icons/`, `tahoegui.desktop` and `tahoegui.metainfo.xml`."""
    checkout = Path(__file__).resolve().parent.parent / "resources"
    if _complete(checkout):
        return checkout
    spec = importlib.util.find_spec(PACKAGED)
    if spec is not None and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            if _complete(Path(location)):
                return Path(location)
    raise FileNotFoundError(f"tahoegui's resources are missing: neither {checkout} nor an installed {PACKAGED}")


def _complete(folder: Path) -> bool:
    return (folder / "icons" / "tahoegui.svg").is_file() and (folder / "tahoegui.desktop").is_file()


def icon_svg() -> Path:
    """The application icon, scalable."""
    return resources_dir() / "icons" / "tahoegui.svg"


def icon_png(size: int) -> Path:
    """The application icon rendered at `size` px (one of ICON_SIZES)."""
    return resources_dir() / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "tahoegui.png"


def desktop_file() -> Path:
    return resources_dir() / "tahoegui.desktop"


def metainfo_file() -> Path:
    return resources_dir() / "tahoegui.metainfo.xml"
