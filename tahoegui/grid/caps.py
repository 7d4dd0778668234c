"""What a cap is: parsed with tahoe-capabilities, never with hand-written patterns."""

from __future__ import annotations

from dataclasses import dataclass

import tahoe_capabilities as tc

from tahoegui.grid.redact import redact


class CapError(ValueError):
    """A string that is not a cap we recognise."""


@dataclass(frozen=True)
class CapInfo:
    """The facts about a cap that decide how it may be used."""

    kind: str  # e.g. "DIR2", "CHK", "LIT", "SSK", "MDMF-RO"
    is_directory: bool
    is_mutable: bool
    is_writable: bool
    is_verify: bool


def parse(cap: str) -> CapInfo:
    """Classify `cap`. Raises CapError (with the cap redacted) if it is not one."""
    try:
        obj = tc.capability_from_string(cap.strip())
    except (tc.NotRecognized, ValueError, KeyError, IndexError) as e:
        raise CapError(f"not a recognised cap: {redact(cap)}") from e
    return CapInfo(
        kind=obj.prefix,
        is_directory=tc.is_directory(obj),
        is_mutable=tc.is_mutable(obj),
        is_writable=tc.is_write(obj),
        is_verify=tc.is_verify(obj),
    )


def is_cap(text: str) -> bool:
    """True if `text` starts with a cap prefix (`URI:`), as `tahoe` decides it."""
    return text.strip().startswith("URI:")


def diminish(cap: str) -> str:
    """The read-only form of `cap`: what is safe to share by default."""
    try:
        obj = tc.capability_from_string(cap.strip())
    except (tc.NotRecognized, ValueError, KeyError, IndexError) as e:
        raise CapError(f"not a recognised cap: {redact(cap)}") from e
    if tc.is_write(obj):
        obj = obj.reader
    return tc.danger_real_capability_string(obj)


def kind_label(cap: str) -> str:
    """A person's word for what the cap opens."""
    try:
        info = parse(cap)
    except CapError:
        return "unknown"
    if info.is_directory:
        return "directory" if info.is_writable else "read-only directory"
    if info.is_mutable:
        return "mutable file" if info.is_writable else "read-only mutable file"
    return "immutable file"
