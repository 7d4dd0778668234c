"""Take docs/window.png (the window with its menus, toolbar and key bar) and docs/properties.png
(the Properties dialog of a grid file), under Xvfb.

Usage: .venv/bin/python scripts/screenshot_file_manager.py   (re-runs itself under `xvfb-run`
when there is no display; starts its own private grid; ~30 s)
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WINDOW_PNG = ROOT / "docs" / "window.png"
PROPERTIES_PNG = ROOT / "docs" / "properties.png"
SCREEN = (1280, 800)


def reexec_under_xvfb() -> None:
    if os.environ.get("DISPLAY") or os.environ.get("TAHOEGUI_UNDER_XVFB"):
        return
    if not shutil.which("xvfb-run"):
        sys.exit("needs a display or xvfb-run (apt-get install xvfb)")
    env = dict(os.environ, TAHOEGUI_UNDER_XVFB="1", QT_QPA_PLATFORM="xcb")
    cmd = ["xvfb-run", "-a", "-s", f"-screen 0 {SCREEN[0]}x{SCREEN[1]}x24", sys.executable, *sys.argv]
    sys.exit(subprocess.call(cmd, env=env))


def seed(local: Path, client, home: str) -> None:  # type: ignore[no-untyped-def]
    """A home folder and a grid folder worth looking at."""
    for name in ("Camera", "Documents", "Music", "Projects"):
        (local / name).mkdir()
    (local / "notes.txt").write_text("remember the milk\n")
    (local / "budget.ods").write_bytes(os.urandom(48_000))
    (local / "family.jpg").write_bytes(os.urandom(180_000))
    for path, size in (
        ("Backups/laptop-2024-06.tar", 120_000),
        ("Papers/thesis.pdf", 240_000),
        ("recipes.txt", 2_000),
    ):
        client.upload_to(home, path, os.urandom(size))
    client.mkdir(home, "Photos")
    photo = client.upload(os.urandom(180_000))
    client.set_children(home, {"family.jpg": (photo, {"mtime": time.time() - 86400 * 40})})
    client.upload_to(home, "shared-todo.txt", b"- buy milk\n", fmt="MDMF")


def main() -> int:
    reexec_under_xvfb()
    sys.path.insert(0, str(ROOT))
    scratch = Path(tempfile.mkdtemp(prefix="tahoegui-shot-home-"))
    for name in ("XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        os.environ[name] = str(scratch / name.lower())  # nothing of the user's is read or written

    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication, QDialog, QPushButton

    from tahoegui.app import build_main_window
    from tahoegui.grid.testing import running_grid

    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("tahoegui")

    def wait(condition, timeout: float) -> None:  # type: ignore[no-untyped-def]
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise SystemExit("timed out waiting for the window")
            loop = QEventLoop()
            QTimer.singleShot(20, loop.quit)
            loop.exec()

    def settle() -> None:
        wait(lambda: not time.sleep(0.05), 1)
        for _ in range(10):
            app.processEvents()

    def grab(path: Path, widget=None) -> None:  # type: ignore[no-untyped-def]
        settle()
        shot = widget.grab() if widget is not None else app.primaryScreen().grabWindow(0)
        path.parent.mkdir(parents=True, exist_ok=True)
        if shot.isNull() or not shot.save(str(path)):
            raise SystemExit(f"could not save {path}")
        print(f"wrote {path} ({shot.width()}x{shot.height()})")

    try:
        with running_grid() as grid, tempfile.TemporaryDirectory(prefix="tahoegui-shot-") as tmp:
            client = grid.client()
            home = client.mkdir()
            node = grid.make_node_dir(Path(tmp) / "node", {"home": home, "work": client.mkdir()})
            local = Path(tmp) / "alice"
            local.mkdir()
            seed(local, client, home)

            window = build_main_window(["-d", str(node), "--local-root", str(local)])
            window.setGeometry(0, 0, SCREEN[0], SCREEN[1])
            window.show()
            model = window.grid_pane.model
            wait(
                lambda: (
                    window.grid_view.rootIndex().isValid()
                    and model.child_index(window.grid_view.rootIndex(), "shared-todo.txt").isValid()
                    and "servers connected" in window.status.servers_label.text()
                ),
                60,
            )
            family = model.child_index(window.grid_view.rootIndex(), "family.jpg")
            window.grid_view.setCurrentIndex(family)
            window.grid_view.setFocus()
            window.activateWindow()
            window.menus.focus.refresh()  # the toolbar and key bar follow the grid pane
            settle()
            grab(WINDOW_PNG)

            props = next(a for a in window.grid_view.actions() if a.objectName() == "actionProperties")
            props.trigger()
            dialog = window.findChildren(QDialog, "propertiesDialog")[-1]
            wait(lambda: not dialog.asking, 30)
            reveal = dialog.findChild(QPushButton, "revealReadCap")
            reveal.click()
            dialog.adjustSize()
            dialog.move(window.x() + 300, window.y() + 120)
            dialog.raise_()
            dialog.activateWindow()
            dialog.setFocus(Qt.FocusReason.OtherFocusReason)
            grab(PROPERTIES_PNG, dialog)
            dialog.close()
            window.close()
            client.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
