"""Uncaught exceptions in any thread are logged, redacted, and handed on to be shown."""

from __future__ import annotations

import logging
import sys
import threading

import pytest

from tahoegui.crash import CrashHandler, CrashReport

CAP = "URI:DIR2:" + "c" * 26 + ":" + "d" * 52


@pytest.fixture
def reports():
    """A handler installed as the process's hooks; yields the reports it hands on."""
    got: list[CrashReport] = []
    handler = CrashHandler(got.append)
    before = sys.excepthook, threading.excepthook
    handler.install()
    yield got
    handler.uninstall()
    assert (sys.excepthook, threading.excepthook) == before


def fail_with_cap() -> None:
    raise ValueError(f"could not list {CAP}/photos")


def test_an_exception_reaching_sys_excepthook_is_logged_with_its_traceback_and_reported(reports, caplog):
    with caplog.at_level(logging.ERROR, logger="tahoegui"):
        try:
            fail_with_cap()
        except ValueError:
            sys.excepthook(*sys.exc_info())
    [report] = reports
    assert report.where == "the window"
    assert report.summary == "ValueError: could not list <DIR2:cccc…>/photos"
    assert "Traceback" in report.details and "fail_with_cap" in report.details
    [record] = [r for r in caplog.records if r.name == "tahoegui.crash"]
    assert record.levelname == "ERROR" and "fail_with_cap" in caplog.text
    assert "URI:" not in report.details + caplog.text
    assert "<DIR2:cccc…>" in caplog.text


def test_an_exception_in_a_thread_is_reported_with_the_threads_name(reports, caplog):
    worker = threading.Thread(target=fail_with_cap, name="copier-7")
    with caplog.at_level(logging.ERROR, logger="tahoegui"):
        worker.start()
        worker.join()
    [report] = reports
    assert report.where == "thread 'copier-7'"
    assert "fail_with_cap" in report.details and "URI:" not in report.details
    assert "uncaught exception in thread 'copier-7'" in caplog.text


def test_ctrl_c_is_not_a_crash(reports, monkeypatch):
    handler = CrashHandler(reports.append)
    passed_on = []
    handler._previous_excepthook = lambda *exc: passed_on.append(exc[0])
    handler.excepthook(KeyboardInterrupt, KeyboardInterrupt(), None)
    assert passed_on == [KeyboardInterrupt] and reports == []


def test_a_failure_to_show_a_crash_is_logged_not_raised(caplog):
    def broken_notify(report: CrashReport) -> None:
        raise RuntimeError("no display")

    handler = CrashHandler(broken_notify)
    with caplog.at_level(logging.ERROR, logger="tahoegui"):
        handler.handle(ValueError, ValueError("first"), None, "the window")
    messages = [r.getMessage() for r in caplog.records]
    assert messages == ["uncaught exception in the window", "could not show an uncaught exception"]
