"""Take docs/screenshot.png: the window mid-copy, with its progress dialog, under Xvfb.

Usage: .venv/bin/python scripts/screenshot.py   (re-runs itself under `xvfb-run` when there is
no display; starts its own private grid; ~30 s)
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
OUTPUT = ROOT / "docs" / "screenshot.png"
SCREEN = (1280, 800)


def reexec_under_xvfb() -> None:
    if os.environ.get("DISPLAY") or os.environ.get("TAHOEGUI_UNDER_XVFB"):
        return
    if not shutil.which("xvfb-run"):
        sys.exit("needs a display or xvfb-run (apt-get install xvfb)")
    env = dict(os.environ, TAHOEGUI_UNDER_XVFB="1", QT_QPA_PLATFORM="xcb")
    cmd = ["xvfb-run", "-a", "-s", f"-screen 0 {SCREEN[0]}x{SCREEN[1]}x24", sys.executable, *sys.argv]
    sys.exit(subprocess.call(cmd, env=env))


def seed(local: Path, client, alias_cap: str) -> Path:  # type: ignore[no-untyped-def]
    """A camera folder to copy (big enough to take a while), and a grid folder worth looking at;
    one photo is on both sides, with one size and time, so the panes can be seen to agree."""
    camera = local / "Camera"
    for i in range(40):
        folder = camera / ("2024-summer" if i < 24 else "2024-autumn")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"IMG_{4100 + i}.jpg").write_bytes(os.urandom(3_000_000))
    for name in ("Documents", "Music", "Projects"):
        (local / name).mkdir()
    (local / "notes.txt").write_text("remember the milk\n")
    (local / "budget.ods").write_bytes(os.urandom(48_000))
    photo = os.urandom(180_000)
    (local / "family.jpg").write_bytes(photo)
    client.set_children(
        alias_cap, {"family.jpg": (client.upload(photo), {"mtime": (local / "family.jpg").stat().st_mtime})}
    )
    for path, size in (
        ("Backups/laptop-2024-06.tar", 120_000),
        ("Backups/phone.zip", 64_000),
        ("Papers/thesis.pdf", 240_000),
        ("Papers/notes.md", 900),
        ("recipes.txt", 2_000),
    ):
        client.upload_to(alias_cap, path, os.urandom(size))
    client.upload_to(alias_cap, "shared-todo.txt", b"- buy milk\n", fmt="MDMF")
    client.mkdir(alias_cap, "Photos")
    return camera


def main() -> int:
    reexec_under_xvfb()
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from tahoegui.app import build_main_window
    from tahoegui.grid.testing import running_grid
    from tahoegui.ui.progress_dialog import CopyProgressDialog

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

    with running_grid() as grid, tempfile.TemporaryDirectory(prefix="tahoegui-shot-") as tmp:
        client = grid.client()
        home = client.mkdir()
        node = grid.make_node_dir(Path(tmp) / "node", {"home": home, "work": client.mkdir()})
        local = Path(tmp) / "alice"
        local.mkdir()
        camera = seed(local, client, home)

        os.environ["XDG_CONFIG_HOME"] = str(Path(tmp) / "config")  # the user's remembered settings stay theirs
        window = build_main_window(["-d", str(node), "--local-root", str(local)])
        window.setGeometry(0, 0, SCREEN[0], SCREEN[1])
        window.show()
        wait(
            lambda: (
                window.grid_view.rootIndex().isValid()
                and window.grid_pane.model.rowCount(window.grid_view.rootIndex()) >= 5
                and "servers connected" in window.status.servers_label.text()
            ),
            30,
        )
        model = window.local_pane.model
        wait(lambda: model.index(str(camera)).isValid(), 10)
        window.local_view.setCurrentIndex(model.index(str(camera)))
        window.local_view.setFocus()

        job = window.copy_selection_to_grid()
        assert job is not None
        dialog = next(d for d in window.findChildren(CopyProgressDialog) if d.job is job)
        dialog.resize(520, dialog.sizeHint().height())
        dialog.move(window.x() + (SCREEN[0] - 520) // 2 + 120, window.y() + 300)
        wait(
            lambda: (
                job.last_event is not None
                and job.last_event.bytes_total > 0
                and job.last_event.bytes_done > job.last_event.bytes_total * 0.3
                and "/s" in dialog.rate_label.text()
            ),
            120,
        )
        wait(lambda: not time.sleep(0.05), 1)  # one more paint
        OUTPUT.parent.mkdir(parents=True, exist_ok=True)
        shot = app.primaryScreen().grabWindow(0)
        if shot.isNull() or not shot.save(str(OUTPUT)):
            raise SystemExit("could not grab the screen")
        print(f"wrote {OUTPUT} ({shot.width()}x{shot.height()})")
        job.cancel()
        wait(lambda: not window.queue.active_jobs, 60)
        window.close()
        client.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
