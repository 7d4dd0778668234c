"""Keeping caps out of text: every message, log line and title passes through here."""

from __future__ import annotations

import logging
import re
from urllib.parse import unquote

# A cap is "URI:" followed by its kind and base32/number fields. In URLs the colons
# may be percent-encoded ("URI%3ADIR2%3A..."), so both spellings are matched.
_CAP_PATTERN = re.compile(
    r"URI(?::|%3[Aa])(?P<kind>[A-Za-z0-9-]+)(?::|%3[Aa])[A-Za-z0-9:%._-]*"
)
_PREFIX_CHARS = 4


def _short(match: re.Match[str]) -> str:
    kind = match.group("kind")
    rest = unquote(match.group(0)).split(":", 2)[2] if match.group(0) else ""
    return f"URI:{kind}:{rest[:_PREFIX_CHARS]}…"


def redact(text: str) -> str:
    """Replace every cap in `text` by its kind and a short prefix (`URI:DIR2:abcd…`)."""
    return _CAP_PATTERN.sub(_short, text)


class RedactingFilter(logging.Filter):
    """A logging filter that redacts caps from the formatted message of every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message or record.args:
            record.msg = cleaned
            record.args = None
        return True


def install_log_redaction(logger: logging.Logger | None = None) -> None:
    """Attach the redacting filter to the handlers of `logger` (default: the root logger)."""
    target = logger or logging.getLogger()
    for handler in target.handlers:
        if not any(isinstance(f, RedactingFilter) for f in handler.filters):
            handler.addFilter(RedactingFilter())
