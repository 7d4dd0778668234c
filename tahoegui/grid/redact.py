"""Keeping caps (and signing keys) out of text: every message, log line and title passes through here."""

from __future__ import annotations

import logging
import re
from typing import Any, TypeVar
from urllib.parse import unquote

# A cap is "URI:" followed by its kind and base32/number fields. In URLs the colons
# may be percent-encoded ("URI%3ADIR2%3A..."), so both spellings are matched.
_CAP_PATTERN = re.compile(r"URI(?::|%3[Aa])(?P<kind>[A-Za-z0-9-]+)(?::|%3[Aa])[A-Za-z0-9:%._-]*")
_PREFIX_CHARS = 4
T = TypeVar("T")
# A signing key sent along with a new directory (signing_keys.py) is worth its write cap:
# as a query value (`private-key=…`, `'private-key': '…'`), or bare, by the opening every
# base64 PKCS#8 RSA key shares.
_B64_VALUE = r"[A-Za-z0-9_+/-]+(?:=|%3[Dd])*"
_KEY_PATTERN = re.compile(
    r"(?P<name>private-key[\"']?\s*(?:=|%3[Dd]|:)\s*[\"']?)"
    + _B64_VALUE
    + r"|MIIE[A-Za-z0-9_+/-]{2}IBADANBgkqhkiG9w0BAQEFAASC"
    + _B64_VALUE
)


def _short(match: re.Match[str]) -> str:
    rest = unquote(match.group(0)).split(":", 2)[2]
    return f"<{match.group('kind')}:{rest[:_PREFIX_CHARS]}…>"


def redact(text: str) -> str:
    """Replace every cap in `text` by its kind and a short prefix (`<DIR2:abcd…>`), and
    every signing key by `<redacted>`."""
    return _KEY_PATTERN.sub(lambda m: f"{m.group('name') or ''}<redacted>", _CAP_PATTERN.sub(_short, text))


def redacting_repr(cls: type[T]) -> type[T]:
    """Class decorator: the class's repr (a dataclass's lists every field) is redacted.
    Objects holding caps end up in tracebacks, assertion messages and debug logs."""
    plain = cls.__repr__

    def __repr__(self: object) -> str:
        return redact(plain(self))

    cls.__repr__ = __repr__  # type: ignore[method-assign]  # replacing it is the point
    return cls


_installed = False
_TRACEBACKS = logging.Formatter()


def install_log_redaction() -> None:
    """Redact caps from every log record as it is made, whichever library logs it.

    urllib3 logs full request URLs at DEBUG level; those carry caps. A record factory
    catches them before any handler, filter or formatter sees them. A record's traceback
    is formatted and redacted then too (as its cached `exc_text`, which every Formatter
    uses): an exception's own text, such as urllib3's "Max retries exceeded with url",
    can carry a cap.
    """
    global _installed
    if _installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a malformed record is the logging module's business
            return record
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
            record.exc_text = redact(_TRACEBACKS.formatException(record.exc_info))
        return record

    logging.setLogRecordFactory(factory)
    _installed = True
