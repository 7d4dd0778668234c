"""Words for the end of a copy: the summary counts, the items that failed, the error message."""

from __future__ import annotations

from tahoegui.copier import CopyResult
from tahoegui.grid.redact import redact

MAX_LISTED = 50


def counts_line(result: CopyResult) -> str:
    return (f"Copied {len(result.copied)}, linked {len(result.linked)}, "
            f"skipped {len(result.skipped)}, failed {len(result.failed)}")


def details(result: CopyResult) -> str:
    """Failed and skipped items with their reasons, a line each (caps redacted)."""
    lines = []
    for label, items in (("Failed", result.failed), ("Skipped", result.skipped)):
        for item in items[:MAX_LISTED]:
            reason = f": {item.reason}" if item.reason else ""
            lines.append(redact(f"{label}: {item.source} → {item.target}{reason}"))
        if len(items) > MAX_LISTED:
            lines.append(f"… and {len(items) - MAX_LISTED} more {label.lower()}")
    return "\n".join(lines)


def error_message(result: CopyResult) -> str | None:
    """The message a failed copy shows the user, or None if nothing failed."""
    if result.error:
        return redact(result.error)
    failed = result.failed
    if not failed:
        return None
    first = failed[0]
    more = f" (and {len(failed) - 1} more)" if len(failed) > 1 else ""
    return redact(f"{len(failed)} item(s) could not be copied. {first.source}: "
                  f"{first.reason or 'failed'}{more}")
