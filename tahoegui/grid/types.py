"""Plain values the grid client returns: entries, listings, node status, health."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from tahoegui.grid.redact import redacting_repr

EntryKind = Literal["file", "directory", "unknown"]
_KINDS: dict[str, EntryKind] = {"filenode": "file", "dirnode": "directory"}


@redacting_repr
@dataclass(frozen=True)
class GridEntry:
    """One child of a grid directory, or a node reached by path or cap."""

    name: str
    kind: EntryKind
    size: int | None = None
    format: str | None = None  # CHK | SDMF | MDMF (LIT shows as CHK)
    mutable: bool = False
    rw_uri: str | None = None
    ro_uri: str | None = None
    verify_uri: str | None = None
    link_created: float | None = None
    link_modified: float | None = None
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def is_dir(self) -> bool:
        return self.kind == "directory"

    @property
    def is_file(self) -> bool:
        return self.kind == "file"

    @property
    def writable(self) -> bool:
        return self.rw_uri is not None

    @property
    def best_cap(self) -> str | None:
        """The strongest cap we hold for it: the write cap if any, else the read cap."""
        return self.rw_uri or self.ro_uri

    @property
    def read_cap(self) -> str | None:
        """The weakest cap that reads it: the read cap, else (unknown nodes) the write cap."""
        return self.ro_uri or self.rw_uri

    @property
    def mtime(self) -> float | None:
        """The file's own modification time if stored, else when it was last linked."""
        value = self.metadata.get("mtime")
        if isinstance(value, (int, float)):
            return float(value)
        return self.link_modified

    @classmethod
    def from_json(cls, name: str, node: list[Any]) -> GridEntry:
        """Build from one `[type, {...}]` pair of the node's `t=json` answer."""
        nodetype, d = node[0], node[1]
        kind = _KINDS.get(nodetype, "unknown")
        metadata = dict(d.get("metadata") or {})
        tahoe_meta = metadata.pop("tahoe", {}) or {}
        return cls(
            name=name,
            kind=kind,
            size=d.get("size"),
            format=d.get("format"),
            mutable=bool(d.get("mutable", False)),
            rw_uri=d.get("rw_uri"),
            ro_uri=d.get("ro_uri"),
            verify_uri=d.get("verify_uri"),
            link_created=tahoe_meta.get("linkcrtime"),
            link_modified=tahoe_meta.get("linkmotime"),
            metadata=metadata,
        )


@redacting_repr
@dataclass(frozen=True)
class GridListing:
    """A directory and its children, as one `t=json` answer gave them."""

    node: GridEntry
    children: dict[str, GridEntry]


@dataclass(frozen=True)
class StorageServer:
    """One storage server the node knows of."""

    nodeid: str
    nickname: str
    connected: bool
    available_space: int | None


@dataclass(frozen=True)
class NodeStatus:
    """The node's view of its grid: who is connected and whether uploads can work."""

    servers: list[StorageServer]
    happy: int
    needed: int
    total: int

    @property
    def connected_count(self) -> int:
        return sum(1 for s in self.servers if s.connected)

    @property
    def can_upload(self) -> bool:
        return self.connected_count >= self.happy


@dataclass(frozen=True)
class HealthReport:
    """The answer of a check, verify or repair."""

    healthy: bool
    recoverable: bool
    summary: str
    shares_good: int | None
    shares_needed: int | None
    shares_expected: int | None
    corrupt_shares: int
    repair_attempted: bool = False
    repair_successful: bool | None = None
    raw: dict[str, Any] = field(default_factory=dict, repr=False)


class Readable(Protocol):
    """A request body read in pieces: an open file, or a reader that counts what it sends."""

    def read(self, size: int = -1, /) -> bytes: ...


# What an upload sends: bytes, a reader (sized: Content-Length is sent), or chunks (chunked).
UploadBody = bytes | Readable | Iterable[bytes]
