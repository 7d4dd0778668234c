"""`tahoegui`: the window, built from `[-u URL | -d NODEDIR | --local-grid [DIR]] [--local-root PATH]`."""

from __future__ import annotations

import argparse
import gc
import os
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMainWindow

from tahoegui import paths
from tahoegui.grid.errors import GridError
from tahoegui.grid.nodedir import NodeDirectory
from tahoegui.grid.signing_keys import load_key_library
from tahoegui.jobs.connection import (
    find_default_node,
    from_node_dir,
    from_url,
    start_private_grid,
)
from tahoegui.logs import configure_logging
from tahoegui.resources import DESKTOP_FILE_NAME
from tahoegui.settings import Settings, load_settings
from tahoegui.ui.app_icon import app_icon
from tahoegui.ui.crash_dialog import install_crash_handlers
from tahoegui.ui.main_window import MainWindow
from tahoegui.ui.qt_messages import install_qt_message_handler
from tahoegui.version import add_version_option


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="tahoegui", description="A dual-pane file manager for Tahoe-LAFS grids.")
    add_version_option(parser)
    where = parser.add_mutually_exclusive_group()
    where.add_argument("-u", "--node-url", metavar="URL", help="the node's web-API URL")
    where.add_argument(
        "-d",
        "--node-directory",
        metavar="NODEDIR",
        type=Path,
        help="a node directory (its node.url and private/aliases are used)",
    )
    where.add_argument(
        "--local-grid",
        metavar="DIR",
        nargs="?",
        type=Path,
        const=paths.default_grid_dir(),
        help="use (and start if needed) a private grid on this computer",
    )
    parser.add_argument(
        "--local-root",
        metavar="PATH",
        type=Path,
        default=None,
        help="the local folder to start in (default: the one shown last time, else your home folder)",
    )
    return parser.parse_args(argv)


def build_main_window(argv: list[str]) -> QMainWindow:
    """The window for these arguments, without entering the event loop (a QApplication must exist).

    Anything that may block (probing ~/.tahoe, starting the private grid) runs in the background.
    """
    args = parse_args(argv)
    load_key_library()  # before the window shows: its import would stall the first copy
    collect_garbage_less_often()
    settings = load_settings()
    window = MainWindow(start_folder(args.local_root, settings))
    window.restore(settings)
    window.setWindowIcon(app_icon())
    try:
        if args.node_url:
            window.set_connection(from_url(args.node_url))
        elif args.node_directory:
            window.set_connection(from_node_dir(NodeDirectory(args.node_directory.expanduser())))
        elif args.local_grid:
            grid_dir = args.local_grid.expanduser()
            window.connect_in_background(lambda: start_private_grid(grid_dir, window.closing), "starting private grid…")
        else:
            window.connect_in_background(
                lambda: find_default_node(paths.default_grid_dir(), window.closing), "looking for a Tahoe-LAFS node…"
            )
    except GridError as e:
        window.status.set_starting("not connected")
        window.say(str(e))
    return window


# Opening a folder of 10,000 entries makes ~100,000 objects (its listing, its entries, its
# rows). At Python's default thresholds (700, 10, 10) that is ~100 collections and, with
# the window's own objects, a full one each time: 50-90 ms per opening, in whichever thread
# allocates, holding the GIL, so the window stops too. At these, ~10 ms.
GC_THRESHOLDS = (10_000, 20, 20)


def collect_garbage_less_often() -> None:
    gc.set_threshold(*GC_THRESHOLDS)


def start_folder(local_root: Path | None, settings: Settings) -> Path:
    """Where the local pane starts: an explicit --local-root, else the folder shown last
    time (if it is still a folder), else the home folder."""
    if local_root is not None:
        return local_root.expanduser()
    if settings.local_folder and os.path.isdir(settings.local_folder):
        return Path(settings.local_folder)
    return paths.home_dir()


def main(argv: list[str] | None = None) -> int:
    """The `tahoegui` program."""
    argv = sys.argv[1:] if argv is None else argv
    parse_args(argv)  # --version and --help answer (and bad arguments fail) before Qt needs a display
    configure_logging(sys.stderr, program="tahoegui")
    install_qt_message_handler()  # before the QApplication: the platform plugin speaks first
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("tahoegui")
    QApplication.setDesktopFileName(DESKTOP_FILE_NAME)  # the desktop matches the window to tahoegui.desktop
    QApplication.setWindowIcon(app_icon())
    window = build_main_window(argv)
    install_crash_handlers(window)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
