"""Words for the end of a copy: the summary counts, the items that failed, the error message."""

from __future__ import annotations

from collections.abc import Mapping

from tahoegui.copier import CopyResult
from tahoegui.grid.redact import redact

MAX_LISTED = 50


def counts_line(result: CopyResult) -> str:
    return (f"Copied {len(result.copied)}, linked {len(result.linked)}, "
            f"skipped {len(result.skipped)}, failed {len(result.failed)}")


def with_alias_names(text: str, aliases: Mapping[str, str]) -> str:
    """`<DIR2:abcd…>/Photos/a.jpg` as `home:Photos/a.jpg` when the redacted cap is the root of
    exactly one alias. Results carry only redacted caps, whose short prefixes could in
    principle match two aliases; then the redacted form stays."""
    text = redact(text)
    roots: dict[str, list[str]] = {}
    for name, cap in aliases.items():
        roots.setdefault(redact(cap), []).append(name)
    for root, names in roots.items():
        if len(names) == 1 and text.startswith(root):
            rest = text[len(root):]
            if not rest or rest.startswith("/"):
                return f"{names[0]}:{rest.lstrip('/')}"
    return text


def details(result: CopyResult, aliases: Mapping[str, str] | None = None) -> str:
    """Failed and skipped items with their reasons, a line each (caps redacted, grid
    targets under an alias named by it)."""
    lines = []
    for label, items in (("Failed", result.failed), ("Skipped", result.skipped)):
        for item in items[:MAX_LISTED]:
            reason = f": {item.reason}" if item.reason else ""
            target = with_alias_names(item.target, aliases or {})
            lines.append(redact(f"{label}: {item.source} → {target}{reason}"))
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
