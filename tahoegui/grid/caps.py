"""What a cap is: parsed with tahoe-capabilities, never with hand-written patterns."""

from __future__ import annotations

import base64
from dataclasses import dataclass

import tahoe_capabilities as tc


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


def _capability(cap: str) -> tc.Capability:
    """tahoe-capabilities' object for `cap`, or CapError.

    The message never quotes the text: a malformed cap may still be mostly secret, and
    the library's own errors (kept out of `__cause__`) repeat it.
    """
    try:
        obj = tc.capability_from_string(cap.strip())
    except Exception:  # the library raises NotRecognized, KeyError, IndexError, binascii.Error…
        obj = None
    if obj is None or not _keys_whole(obj):
        raise CapError(f"not a recognised cap ({_describe_junk(cap)})")
    return obj


# tahoe-capabilities decodes fields without checking their lengths: a cap cut short
# in copy and paste would parse. These are the sizes tahoe itself requires.
_KEY_LENGTHS = {"readkey": 16, "writekey": 16, "storage_index": 16, "fingerprint": 32, "uri_extension_hash": 32}


def _keys_whole(obj: object) -> bool:
    for name, length in _KEY_LENGTHS.items():
        value = getattr(obj, name, None)
        if isinstance(value, bytes) and len(value) != length:
            return False
    return all(
        _keys_whole(inner)
        for name in ("cap_object", "reader", "verifier")
        if (inner := getattr(obj, name, None)) is not None
    )


def _describe_junk(text: str) -> str:
    """What a bad cap looked like, without any of its secret parts."""
    fields = text.strip().split(":")
    if fields[0] == "URI" and len(fields) > 1 and fields[1].replace("-", "").isalnum():
        return f"a {fields[1][:20]} cap of {len(fields) - 2} field(s)"
    return f"{len(text.strip())} characters"


def parse(cap: str) -> CapInfo:
    """Classify `cap`. Raises CapError (naming no part of the cap) if it is not one."""
    obj = _capability(cap)
    return CapInfo(
        kind=obj.prefix,
        is_directory=tc.is_directory(obj),
        is_mutable=tc.is_mutable(obj),
        is_writable=tc.is_write(obj),
        is_verify=tc.is_verify(obj),
    )


_WRITE_CAPS = (tc.SSKWrite, tc.MDMFWrite, tc.SSKDirectoryWrite, tc.MDMFDirectoryWrite)


def is_cap(text: str) -> bool:
    """True if `text` starts with a cap prefix (`URI:`), as `tahoe` decides it."""
    return text.strip().startswith("URI:")


def diminish(cap: str) -> str:
    """The read-only form of `cap`: what is safe to share by default."""
    obj = _capability(cap)
    if isinstance(obj, _WRITE_CAPS):  # what tc.is_write() tests, in a form mypy can narrow
        obj = obj.reader
    return tc.danger_real_capability_string(obj)


def verify_cap(cap: str) -> str | None:
    """The verify cap of `cap` (it checks an object's health and reads nothing); None for a
    literal (LIT) file, whose bytes are in the cap itself and which has nothing to verify."""
    obj = _capability(cap)
    if tc.is_verify(obj):
        return tc.danger_real_capability_string(obj)
    reader = obj.reader if isinstance(obj, _WRITE_CAPS) else obj
    verifier = getattr(reader, "verifier", None)
    if verifier is None:
        return None
    return tc.danger_real_capability_string(verifier)


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


def storage_index(cap: str) -> str | None:
    """The storage index of the object `cap` opens (where its shares are kept), in lowercase
    base32 as `tahoe debug dump-cap` and the node's `t=info` show it; None for a literal (LIT)
    file or directory, whose data is in the cap itself. Any cap of an object gives the same."""
    obj = _capability(cap)
    verifier: object = obj
    if not tc.is_verify(obj):
        reader = obj.reader if isinstance(obj, _WRITE_CAPS) else obj
        verifier = getattr(reader, "verifier", None)
        if verifier is None:
            return None
    raw = getattr(getattr(verifier, "cap_object", verifier), "storage_index", None)
    if not isinstance(raw, bytes):
        return None
    return base64.b32encode(raw).decode("ascii").lower().rstrip("=")


def format_label(cap: str) -> str | None:
    """The storage format of what `cap` opens, as the node names file formats: CHK, LIT, SDMF
    or MDMF (a directory is stored in one of them too: `URI:DIR2:` is SDMF, `URI:DIR2-MDMF:`
    MDMF, `URI:DIR2-CHK:` CHK). None for what is not a cap we know."""
    try:
        kind = parse(cap).kind
    except CapError:
        return None
    for prefix, label in (("LIT", "LIT"), ("CHK", "CHK"), ("MDMF", "MDMF"), ("SSK", "SDMF")):
        if prefix in kind:
            return label
    return "SDMF" if kind.startswith("DIR2") else None
