"""`make app`: build the standalone app into dist/tahoegui/ with PyInstaller (installer/tahoegui.spec).

PyInstaller's own chatter goes to build/pyinstaller.log; this prints one line saying what was
built, its size and how long it took (or the log's last lines, if the build failed).
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
APP = DIST / "tahoegui"
WORK = ROOT / "build" / "pyinstaller"
LOG = ROOT / "build" / "pyinstaller.log"
PROGRAMS = ("tahoegui", "tahoe", "tahoegui-grid", "tahoegui-cp")


def main() -> int:
    LOG.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath", str(DIST), "--workpath", str(WORK)]
    started = time.monotonic()
    with open(LOG, "w") as log:
        proc = subprocess.run([*command, str(ROOT / "installer" / "tahoegui.spec")], cwd=ROOT, stdout=log, stderr=log)
    seconds = time.monotonic() - started
    missing = [name for name in PROGRAMS if not (APP / name).is_file()]
    if proc.returncode != 0 or missing:
        sys.stdout.write("".join(LOG.read_text(errors="replace").splitlines(keepends=True)[-25:]))
        print(f"make app: FAILED after {seconds:.0f} s (exit {proc.returncode}, missing {missing}); log in {LOG}")
        return 1
    version = subprocess.run([str(APP / "tahoegui"), "--version"], capture_output=True, text=True).stdout.strip()
    size = sum(p.lstat().st_size for p in APP.rglob("*") if p.is_file() and not p.is_symlink())
    print(
        f"make app: built {APP.relative_to(ROOT)}/ ({version}; programs {', '.join(PROGRAMS)}), "
        f"{size / 2**20:.0f} MiB, in {seconds:.0f} s; log in {LOG.relative_to(ROOT)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
