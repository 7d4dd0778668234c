"""Words for the end of a copy (or a move): the summary counts, the items that failed (or
stayed where they were), the error message."""

from __future__ import annotations

from collections.abc import Mapping

from tahoegui.copier import CopyResult
from tahoegui.grid.redact import redact
from tahoegui.jobs.move_job import MoveResult

MAX_LISTED = 50


def counts_line(result: CopyResult) -> str:
    line = (
        f"Copied {len(result.copied)}, linked {len(result.linked)}, "
        f"skipped {len(result.skipped)}, failed {len(result.failed)}"
    )
    if isinstance(result, MoveResult):
        kept = len(result.kept)
        line += f"\nMoved {len(result.removed)}; {kept} left where {'it was' if kept == 1 else 'they were'}"
    return line


def target_label(target: str, aliases: Mapping[str, str]) -> tuple[str, str] | None:
    """For a copy into `target` (a cap, maybe with a path), how its root reads in results
    (redacted, `<DIR2:abcd…>`) and the alias to say instead (`home:`), if the root is an
    alias's. Compared by the whole cap: short redacted prefixes could match another."""
    root = target.split("/", 1)[0]
    names = sorted(name for name, cap in aliases.items() if cap.strip() == root)
    return (redact(root), f"{names[0]}:") if names else None


def with_alias_name(text: str, label: tuple[str, str] | None) -> str:
    """`<DIR2:abcd…>/Photos/a.jpg` as `home:Photos/a.jpg` (text about this copy's target)."""
    text = redact(text)
    if label is not None:
        root, name = label
        if text == root or text.startswith(root + "/"):
            return name + text[len(root) :].lstrip("/")
    return text


def details(result: CopyResult, label: tuple[str, str] | None = None) -> str:
    """Failed and skipped items with their reasons, a line each (caps redacted; with a
    `target_label`, the target's root named by its alias)."""
    lines = []
    for kind, items in (("Failed", result.failed), ("Skipped", result.skipped)):
        for item in items[:MAX_LISTED]:
            reason = f": {item.reason}" if item.reason else ""
            target = with_alias_name(item.target, label)
            lines.append(redact(f"{kind}: {item.source} → {target}{reason}"))
        if len(items) > MAX_LISTED:
            lines.append(f"… and {len(items) - MAX_LISTED} more {kind.lower()}")
    if isinstance(result, MoveResult):
        for name, reason in result.kept[:MAX_LISTED]:
            lines.append(redact(f"Not moved: {name}: {reason}"))
        if len(result.kept) > MAX_LISTED:
            lines.append(f"… and {len(result.kept) - MAX_LISTED} more not moved")
    return "\n".join(lines)


def error_message(result: CopyResult) -> str | None:
    """The message a failed copy shows the user, or None if nothing failed."""
    if result.error:
        return redact(result.error)
    failed = result.failed
    if not failed and isinstance(result, MoveResult) and result.kept:
        name, reason = result.kept[0]
        more = f" (and {len(result.kept) - 1} more)" if len(result.kept) > 1 else ""
        return redact(f"'{name}'{more} stayed where it was: {reason}")
    if not failed:
        return None
    first = failed[0]
    more = f" (and {len(failed) - 1} more)" if len(failed) > 1 else ""
    text = f"{len(failed)} item(s) could not be copied. {first.source}: {first.reason or 'failed'}{more}"
    if isinstance(result, MoveResult) and result.kept:
        names = ", ".join(f"'{name}'" for name, _ in result.kept[:3]) + (" …" if len(result.kept) > 3 else "")
        text += (
            f"\n\nSo {names} stayed where it was."
            if len(result.kept) == 1
            else (f"\n\nSo these stayed where they were: {names}")
        )
    return redact(text)
