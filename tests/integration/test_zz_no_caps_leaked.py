"""Runs last in tests/integration: no cap in any log line or GridError text of the session.

tests/conftest.py's autouse `leak_collector` records every log record (root logger at
DEBUG, so urllib3's request lines, whose URLs carry caps, are among them) and the str()
of every GridError constructed during the session.
"""

from __future__ import annotations

import re

import pytest

from tahoegui.grid.errors import NotFoundError

pytestmark = pytest.mark.grid

CAP_TEXT = re.compile(r"URI(:|%3A)", re.I)
SIGNING_KEY_TEXT = re.compile(r"private-key(=|%3D)(?!<redacted>)", re.I)  # see signing_keys.py


def test_no_cap_in_any_log_line_or_error_message(leak_collector, client, fresh_dir):
    # Make sure there is something to scan even when this file runs alone: a listing,
    # an upload below a cap, and an error whose URL carries a cap.
    client.upload_to(fresh_dir, "leak-check.txt", b"checking" * 10)
    client.list_dir(fresh_dir)
    with pytest.raises(NotFoundError):
        client.stat(fresh_dir, "missing")

    logs, errors = leak_collector.log_messages, leak_collector.error_texts
    assert logs and errors, "the collector caught nothing: the check would pass vacuously"
    request_lines = [m for m in logs if m.startswith("urllib3.connectionpool:") and '"GET /uri/' in m]
    assert request_lines, "urllib3's request lines (which carry caps) were not captured"
    assert any("/uri/<DIR2:" in m for m in request_lines), "caps in request lines were not redacted"

    leaked = [m for m in logs + errors if CAP_TEXT.search(m) or SIGNING_KEY_TEXT.search(m)]
    assert leaked == [], f"{len(leaked)} of {len(logs)} log lines / {len(errors)} errors carry a cap"
