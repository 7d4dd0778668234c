"""Fixtures shared by every suite: the real private grid, started once per session.

Two session-wide rules live here too:
- every test whose fixtures include `grid` carries the `grid` marker (so `-m "not grid"`
  never starts one), and the grid refuses to start for a test without it;
- no cap reaches a log line or a GridError text: `leak_collector` records them all and
  checks them when the session ends, failing the run (an error at teardown) if one does.
"""

from __future__ import annotations

import atexit
import logging
import os
import re
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
from tahoegui.grid.errors import GridError, NotFoundError  # noqa: E402
from tahoegui.grid.testing import RunningGrid, running_grid  # noqa: E402

_CURRENT_ITEM = pytest.StashKey[pytest.Item]()


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Every test that uses the session grid, directly or through another fixture, is marked
    `grid`. (Tests that start a grid of their own carry the marker explicitly.) Runs before
    `-m` selects, so `-m "not grid"` deselects them."""
    for item in items:
        if "grid" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.grid)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    item.config.stash[_CURRENT_ITEM] = item  # before its fixtures: the grid fixture looks


@pytest.fixture(scope="session")
def grid(request: pytest.FixtureRequest, leak_collector: LeakCollector) -> RunningGrid:
    """One private grid (3 storage nodes, 2-of-3) for the whole test session."""
    item = request.config.stash.get(_CURRENT_ITEM, None)
    if item is not None and item.get_closest_marker("grid") is None:
        pytest.fail(f"{item.nodeid} starts the session grid but has no `grid` marker", pytrace=False)
    with running_grid() as g:
        yield g
        _give_the_leak_check_something_to_scan(g)
        leak_collector.grid_probed = True


def _give_the_leak_check_something_to_scan(g: RunningGrid) -> None:
    """A listing, an upload below a cap, and an error whose URL carries a cap, so the no-caps
    check never passes vacuously, whichever tests ran."""
    c = g.client()
    try:
        d = c.mkdir()
        c.upload_to(d, "leak-check.txt", b"checking" * 10)
        c.list_dir(d)
        with pytest.raises(NotFoundError):
            c.stat(d, "missing")
    finally:
        c.close()


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


CAP_TEXT = re.compile(r"URI(:|%3A)", re.I)
SIGNING_KEY_TEXT = re.compile(r"private-key(=|%3D)(?!<redacted>)", re.I)  # see signing_keys.py


@dataclass
class LeakCollector:
    """Every log line and every GridError text of the session, for the no-caps check."""

    log_messages: list[str] = field(default_factory=list)
    error_texts: list[str] = field(default_factory=list)
    grid_probed: bool = False  # the session grid ran, and made requests below caps at its end

    def assert_no_cap_leaked(self) -> None:
        """No cap (or unredacted signing key) in any log line or error text of the session."""
        logs, errors = self.log_messages, self.error_texts
        if self.grid_probed:
            assert logs and errors, "the collector caught nothing: the check would pass vacuously"
            request_lines = [m for m in logs if m.startswith("urllib3.connectionpool:") and '"GET /uri/' in m]
            assert request_lines, "urllib3's request lines (which carry caps) were not captured"
            assert any("/uri/<DIR2:" in m for m in request_lines), "caps in request lines were not redacted"

        leaked = [m for m in logs + errors if CAP_TEXT.search(m) or SIGNING_KEY_TEXT.search(m)]
        assert leaked == [], (
            f"no-caps check at the end of the session (tests/conftest.py): {len(leaked)} of {len(logs)} log lines"
            f" / {len(errors)} GridError texts of the whole run carry a cap (not necessarily from the last test)"
        )


@pytest.fixture(scope="session", autouse=True)
def leak_collector() -> LeakCollector:
    """Record all log messages (root at DEBUG, so urllib3's request lines too) and the
    str() of every GridError made during the session; when the session ends (this is the
    first fixture set up, so the last torn down), check that none carries a cap. A leak
    fails the run as an error in this fixture's teardown."""
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
    collector.assert_no_cap_leaked()


@pytest.fixture(scope="session")
def all_log_messages(leak_collector: LeakCollector) -> list[str]:
    """Every log message emitted during the session, for the no-caps-in-logs check."""
    return leak_collector.log_messages
