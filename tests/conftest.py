"""Fixtures shared by every suite: the real private grid, started once per session."""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import tempfile
import uuid
from dataclasses import dataclass, field

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The suite's logs, settings and any private grid go to a directory of its own, never
# the user's (the programs the tests start inherit this too).
_HOME = tempfile.mkdtemp(prefix="tahoegui-tests-home-")
atexit.register(shutil.rmtree, _HOME, ignore_errors=True)
for _name in ("XDG_STATE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
    os.environ[_name] = os.path.join(_HOME, _name.lower())

from tahoegui.grid.client import GridClient  # noqa: E402
from tahoegui.grid.errors import GridError  # noqa: E402
from tahoegui.grid.testing import RunningGrid, running_grid  # noqa: E402


@pytest.fixture(scope="session")
def grid() -> RunningGrid:
    """One private grid (3 storage nodes, 2-of-3) for the whole test session."""
    with running_grid() as g:
        yield g


@pytest.fixture
def client(grid: RunningGrid) -> GridClient:
    c = grid.client()
    yield c
    c.close()


@pytest.fixture
def fresh_dir(client: GridClient) -> str:
    """A new, empty writable grid directory (its cap) for one test."""
    return client.mkdir()


@pytest.fixture
def unique() -> str:
    return uuid.uuid4().hex[:8]


class _CapturedRecords(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None:  # as any Formatter would show it
            text += "\n" + (record.exc_text or logging.Formatter().formatException(record.exc_info))
        self.messages.append(f"{record.name}: {text}")


@dataclass
class LeakCollector:
    """Every log line and every GridError text of the session, for the no-caps check."""

    log_messages: list[str] = field(default_factory=list)
    error_texts: list[str] = field(default_factory=list)


@pytest.fixture(scope="session", autouse=True)
def leak_collector() -> LeakCollector:
    """Record all log messages (root at DEBUG, so urllib3's request lines too) and the
    str() of every GridError made during the session.
    tests/integration/test_zz_no_caps_leaked.py scans them for caps."""
    collector = LeakCollector()
    handler = _CapturedRecords()
    handler.messages = collector.log_messages
    root = logging.getLogger()
    previous_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)

    original_init = GridError.__init__

    def recording_init(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        collector.error_texts.append(f"{type(self).__name__}: {self}")

    GridError.__init__ = recording_init
    try:
        yield collector
    finally:
        GridError.__init__ = original_init
        root.removeHandler(handler)
        root.setLevel(previous_level)


@pytest.fixture(scope="session")
def all_log_messages(leak_collector: LeakCollector) -> list[str]:
    """Every log message emitted during the session, for the no-caps-in-logs check."""
    return leak_collector.log_messages
