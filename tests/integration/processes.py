"""Finding the processes a private grid left behind."""

from __future__ import annotations

from pathlib import Path

import psutil


def processes_of(directory: Path) -> list[psutil.Process]:
    """Live processes whose command line mentions `directory`."""
    found = []
    for p in psutil.process_iter(["cmdline", "status"]):
        try:
            if p.info["status"] != psutil.STATUS_ZOMBIE and any(str(directory) in a for a in p.info["cmdline"] or []):
                found.append(p)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            pass
    return found
