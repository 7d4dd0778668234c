"""`make app-archive`: pack dist/tahoegui/ as dist/tahoegui-VERSION-linux-ARCH.tar.gz.

The archive holds one folder, tahoegui-VERSION/: the app's programs and _internal/, the
.desktop file, metainfo and icons (resources/), scripts/install-desktop.sh with a wrapper
`install-desktop.sh` that puts the extracted tahoegui into the desktop's application menu,
and a README. Prints one line saying what it produced.
"""

from __future__ import annotations

import io
import platform
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "dist" / "tahoegui"

WRAPPER = """#!/usr/bin/env bash
# Adds this tahoegui to your desktop's application menu (its .desktop file, metainfo and icons
# under ${XDG_DATA_HOME:-~/.local/share}); `./install-desktop.sh --uninstall` takes it out again.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [ "${1:-}" = "--uninstall" ]; then exec "$here/scripts/install-desktop.sh" --uninstall; fi
exec "$here/scripts/install-desktop.sh" "$here/tahoegui"
"""

README = """tahoegui {version}: a dual-pane file manager for Tahoe-LAFS grids, standalone for Linux ({arch}).

Nothing else needs installing: Python, Qt and tahoe-lafs come inside.

  ./tahoegui                  the window (with no node in ~/.tahoe, it starts a private grid of its own)
  ./tahoegui-grid stop        stops that private grid (the window leaves it running for next time)
  ./tahoegui-cp               a drop-in for `tahoe cp`
  ./tahoe                     tahoe-lafs's own command line
  ./install-desktop.sh        adds tahoegui to your desktop's application menu (--uninstall removes it)

Project: https://github.com/tahoegui/tahoegui (GPL-2.0-or-later)
"""


def main() -> int:
    if not (APP / "tahoegui").is_file():
        print(f"make app-archive: {APP} is missing: run `make app` first")
        return 1
    # the built app's own word for its version, so the name matches what is inside
    version = subprocess.run([str(APP / "tahoegui"), "--version"], capture_output=True, text=True, check=True)
    number = version.stdout.split()[-1]
    arch = platform.machine()
    top = f"tahoegui-{number}"
    archive = APP.parent / f"{top}-linux-{arch}.tar.gz"
    partial = archive.with_name(archive.name + ".partial")
    with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
        for path in sorted(APP.iterdir()):
            tar.add(path, f"{top}/{path.name}", filter=_owned_by_root)
        tar.add(ROOT / "resources", f"{top}/resources", filter=_resources_only)
        tar.add(ROOT / "scripts" / "install-desktop.sh", f"{top}/scripts/install-desktop.sh", filter=_owned_by_root)
        _add_text(tar, f"{top}/install-desktop.sh", WRAPPER, executable=True)
        _add_text(tar, f"{top}/README", README.format(version=number, arch=arch))
    partial.replace(archive)
    size = archive.stat().st_size
    print(
        f"make app-archive: packed {archive.relative_to(ROOT)} ({size / 2**20:.0f} MiB): "
        f"{top}/ with its 4 programs, the .desktop file, metainfo, icons and install-desktop.sh"
    )
    return 0


def _owned_by_root(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = "root"
    return info


def _resources_only(info: tarfile.TarInfo) -> tarfile.TarInfo | None:
    """The .desktop file, metainfo and icons; not the Python package's __init__.py or caches."""
    name = Path(info.name).name
    if name == "__pycache__" or name.endswith((".py", ".pyc")):
        return None
    return _owned_by_root(info)


def _add_text(tar: tarfile.TarFile, name: str, text: str, executable: bool = False) -> None:
    data = text.encode()
    info = _owned_by_root(tarfile.TarInfo(name))
    info.size = len(data)
    info.mode = 0o755 if executable else 0o644
    info.mtime = int(time.time())
    tar.addfile(info, io.BytesIO(data))


if __name__ == "__main__":
    sys.exit(main())
