"""Fixtures shared by every suite: the real private grid, started once per session."""

from __future__ import annotations

import logging
import os
import uuid

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tahoegui.grid.client import GridClient  # noqa: E402
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
        self.messages.append(record.getMessage())


@pytest.fixture(scope="session")
def all_log_messages():
    """Every log message emitted during the session, for the no-caps-in-logs check."""
    handler = _CapturedRecords()
    root = logging.getLogger()
    root.addHandler(handler)
    previous = root.level
    root.setLevel(logging.DEBUG)
    yield handler.messages
    root.removeHandler(handler)
    root.setLevel(previous)
