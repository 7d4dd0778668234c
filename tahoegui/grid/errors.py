"""One exception family for everything that goes wrong talking to a node, and the one
message for a failure that is a bug of ours."""

from __future__ import annotations

import html
import json
import logging
import re

from tahoegui.grid.redact import redact


class GridError(Exception):
    """Something the node refused or could not do, fit to show a user.

    `action` says what was attempted, `reason` the node's one useful line, and
    `status` the HTTP status (None when no answer came). No text carries a cap.
    """

    def __init__(self, action: str, reason: str = "", status: int | None = None):
        self.action = redact(action)
        self.reason = redact(reason)
        self.status = status
        super().__init__(self.message)

    @property
    def message(self) -> str:
        parts = [self.action]
        if self.status is not None:
            parts.append(f"({self.status})")
        text = " ".join(parts)
        return f"{text}: {self.reason}" if self.reason else text

    def __str__(self) -> str:
        return self.message


class NodeUnreachableError(GridError):
    """No node answers at the URL: it is not running or the URL is wrong."""

    def __init__(self, node_url: str, action: str = ""):
        self.node_url = node_url
        reason = f"cannot reach the Tahoe-LAFS node at {redact(node_url)}"
        super().__init__(action or "contacting the node", reason, None)

    @property
    def message(self) -> str:
        return self.reason


class NotFoundError(GridError):
    """The path or cap names nothing (404)."""


class ConflictError(GridError):
    """The name exists and replacing it was not allowed (409)."""


class ReadOnlyError(GridError):
    """A write was aimed at a read-only file or directory."""


class UnhappyUploadError(GridError):
    """Too few storage servers are connected for an upload to succeed."""


def internal_error(exc: BaseException) -> str:
    """What the user reads when something failed through a bug of ours, not the node's or
    theirs: the exception's type (never its text, which could carry anything) and where its
    traceback was logged. The one such message, for the copier, the jobs and the window."""
    return f"an internal error occurred ({type(exc).__name__}); details are in {_log_location()}"


def _log_location() -> str:
    """The file tahoegui's records go to (see tahoegui/logs.py), or `the log` when none is set up."""
    for handler in logging.getLogger("tahoegui").handlers:
        if isinstance(handler, logging.FileHandler):
            return handler.baseFilename
    return "the log"


_TAG = re.compile(r"<[^>]+>")
_INVISIBLE = re.compile(r"<(style|script|head)\b.*?</\1\s*>", re.S | re.I)
_EXCEPTION_LINE = re.compile(r"^\s*(?:Failure:\s*)?([\w.]+(Error|Exception|Failure)\b.*)$")
# Lines of tahoe's and twisted's error pages that say nothing about what went wrong.
_FILLER = re.compile(r"^(\d{3}\s*-\s*)?(error|exception|no details|processing failed|:)$", re.I)


def useful_reason(body: str) -> str:
    """Reduce a node's error body (HTML page, traceback or text) to its one useful line."""
    text = body.strip()
    if not text:
        return ""
    if text.startswith("{"):
        try:
            detail = json.loads(text)
        except ValueError:
            detail = None
        if isinstance(detail, dict) and isinstance(detail.get("error"), str):
            text = detail["error"].strip()
    if text.startswith("<") and ">" in text:  # a page; a plain traceback may hold a <repr> too
        title = re.search(r"<title>(.*?)</title>", text, re.S | re.I)
        text = html.unescape(_TAG.sub("\n", _INVISIBLE.sub("\n", text)))
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        # The detail is in the body; the title only when the body says nothing more.
        meaningful = [ln for ln in lines if not _FILLER.match(ln)]
        if not meaningful and title:
            meaningful = [title.group(1).strip()]
        text = "\n".join(meaningful)
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    if not lines:
        return ""
    if any(ln.startswith("Traceback") for ln in lines):
        for line in reversed(lines):
            if m := _EXCEPTION_LINE.match(line):
                return redact(_strip_module(m.group(1)))
        return redact(lines[-1])
    for line in lines:
        if m := _EXCEPTION_LINE.match(line):
            return redact(_strip_module(m.group(1)))
    return redact(lines[0] if len(lines) < 4 else " ".join(lines[:3]))


def _strip_module(line: str) -> str:
    """`allmydata.mutable.common.NotWriteableError: x` -> `NotWriteableError: x`."""
    head, _sep, tail = line.partition(":")
    tail = tail.strip()
    name = head.rsplit(".", 1)[-1]
    return f"{name}: {tail}" if tail else name
