"""The programs' log files: one-liners on stderr, redacted details in a file that rotates."""

from __future__ import annotations

import io
import logging

from tahoegui import logs
from tahoegui.logs import configure_logging, log_file_path


def test_the_log_file_rotates_and_stays_redacted(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    monkeypatch.setattr(logs, "LOG_MAX_BYTES", 2000)
    stderr = io.StringIO()
    configure_logging(stderr, program="tahoegui-test")
    log = logging.getLogger("tahoegui.test")
    cap = "URI:DIR2:" + "a" * 26 + ":" + "b" * 52
    try:
        for i in range(100):
            log.warning("problem %d with %s", i, cap)
    finally:
        owner = logging.getLogger("tahoegui")
        for handler in [h for h in owner.handlers if getattr(h, logs._MARK, False)]:
            owner.removeHandler(handler)
            handler.close()
    path = log_file_path("tahoegui-test")
    assert str(path).startswith(str(tmp_path))
    files = sorted(p.name for p in path.parent.iterdir())
    assert files == ["tahoegui-test.log", "tahoegui-test.log.1", "tahoegui-test.log.2"]
    for name in files:
        text = (path.parent / name).read_text()
        assert len(text) <= 2000 and "URI:" not in text and "<DIR2:aaaa…>" in text
    assert "problem 99" in path.read_text()
    assert stderr.getvalue().splitlines()[-1] == "warning: problem 99 with <DIR2:aaaa…>"
