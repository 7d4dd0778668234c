"""Render resources/icons/tahoegui.svg to the hicolor PNGs (16 … 256 px) with Qt's own SVG renderer.

Usage: .venv/bin/python scripts/render_icons.py   (no display needed; commit the PNGs it writes)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 32, 48, 64, 128, 256)


def png_path(size: int) -> Path:
    return ICONS / "hicolor" / f"{size}x{size}" / "apps" / "tahoegui.png"


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (QPainter needs one)
    renderer = QSvgRenderer(str(ICONS / "tahoegui.svg"))
    if not renderer.isValid():
        sys.exit(f"{ICONS / 'tahoegui.svg'} is not an SVG Qt can render")
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter, QRectF(0, 0, size, size))
        painter.end()
        path = png_path(size)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(path), "PNG"):
            sys.exit(f"could not write {path}")
    print(f"rendered {len(SIZES)} PNGs ({', '.join(map(str, SIZES))} px) into {ICONS / 'hicolor'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
