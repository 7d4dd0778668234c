"""The programs' log files: one-liners on stderr, redacted details in a file that rotates."""

from __future__ import annotations

import io
import logging

from tahoegui import logs
from tahoegui.logs import configure_logging, log_file_path

CAP = "URI:DIR2:" + "a" * 26 + ":" + "b" * 52


def log_lines(count: int, start: int = 0) -> io.StringIO:
    stderr = io.StringIO()
    configure_logging(stderr, program="tahoegui-test")
    log = logging.getLogger("tahoegui.test")
    try:
        for i in range(start, start + count):
            log.warning("problem %d with %s", i, CAP)
    finally:
        owner = logging.getLogger("tahoegui")
        for handler in [h for h in owner.handlers if getattr(h, logs._MARK, False)]:
            owner.removeHandler(handler)
            handler.close()
    return stderr


def test_a_program_starts_a_fresh_log_when_the_last_is_too_big_and_keeps_two(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    monkeypatch.setattr(logs, "LOG_MAX_BYTES", 2000)
    path = log_file_path("tahoegui-test")
    assert str(path).startswith(str(tmp_path))
    for run in range(4):  # four program starts, each writing well over the limit
        stderr = log_lines(40, start=100 * run)
    assert stderr.getvalue().splitlines()[-1] == "warning: problem 339 with <DIR2:aaaa…>"
    files = sorted(p.name for p in path.parent.iterdir())
    assert files == ["tahoegui-test.log", "tahoegui-test.log.1", "tahoegui-test.log.2"]
    assert "problem 339" in path.read_text() and "problem 299" not in path.read_text()
    assert "problem 239" in path.with_name("tahoegui-test.log.1").read_text()
    assert "problem 139" in path.with_name("tahoegui-test.log.2").read_text()
    for name in files:
        assert "URI:" not in (path.parent / name).read_text()


def test_a_small_log_is_appended_to(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path))
    log_lines(2)
    log_lines(2, start=10)
    text = log_file_path("tahoegui-test").read_text()
    assert "problem 0" in text and "problem 11" in text
    assert len(list(log_file_path("tahoegui-test").parent.iterdir())) == 1
