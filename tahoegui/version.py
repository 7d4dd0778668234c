"""Which tahoegui this is: the version in the installed package's metadata, for `--version`
and the About box. No Qt."""

from __future__ import annotations

import argparse
from importlib import metadata

DISTRIBUTION = "tahoegui"
PROJECT_URL = "https://github.com/tahoegui/tahoegui"
LICENSE = "GPL-2.0-or-later"


def version() -> str:
    """The installed version ("0.1.0"), or "unknown" for a copy that was never installed."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "unknown"


def version_line(program: str) -> str:
    """What `PROGRAM --version` prints: `tahoegui-cp 0.1.0`."""
    return f"{program} {version()}"


def add_version_option(parser: argparse.ArgumentParser) -> None:
    """`--version`: print `PROG VERSION` on stdout and exit 0 (before any other argument is checked)."""
    parser.add_argument("--version", action="version", version=version_line(parser.prog), help="print the version")
