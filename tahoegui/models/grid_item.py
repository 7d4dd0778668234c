"""One row of the grid tree: a root (alias or opened cap), an entry, or a loading/error note."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from tahoegui.formats import format_size, format_time
from tahoegui.grid.caps import CapError, kind_label, parse
from tahoegui.grid.redact import redacting_repr
from tahoegui.grid.types import GridEntry

COLUMNS = ("Name", "Size", "Modified", "Type", "Access")
NAME, SIZE, MODIFIED, TYPE, ACCESS = range(len(COLUMNS))


class LoadState(Enum):
    UNLOADED = "unloaded"
    LOADING = "loading"
    LOADED = "loaded"
    FAILED = "failed"


class RowKind(Enum):
    ROOT = "root"
    ENTRY = "entry"
    NOTE = "note"  # "loading…" or an error with retry, shown in place of a folder's children


@redacting_repr
@dataclass(eq=False)
class GridItem:
    """An item knows where it is (`root_cap` + `path`), so listing it needs no cap of its own."""

    kind: RowKind
    name: str
    root_cap: str
    path: str = ""
    entry: GridEntry | None = None
    parent: GridItem | None = None
    children: list[GridItem] = field(default_factory=list)
    row: int = 0
    state: LoadState = LoadState.UNLOADED
    note: str = ""
    load_token: int = 0  # bumps on every (re)load, so stale batches can tell they are stale
    alias: str | None = None  # for roots that are aliases

    # Plain attributes, not properties: views ask about every row on every layout.
    is_folder: bool = field(init=False)
    is_note: bool = field(init=False)

    _root_writable: bool = field(init=False, default=False, repr=False)

    def __post_init__(self) -> None:
        # a root is a folder, unless it is a file opened by its cap (a root with a file entry)
        self.is_folder = self.entry.is_dir if self.entry is not None else self.kind is RowKind.ROOT
        self.is_note = self.kind is RowKind.NOTE
        if self.kind is RowKind.ROOT and self.root_cap:
            self._root_writable = _is_writable_dir(self.root_cap)

    @property
    def is_file_root(self) -> bool:
        """A file opened by its cap: a row of its own at the top, in no folder."""
        return self.kind is RowKind.ROOT and not self.is_folder

    @property
    def writable(self) -> bool:
        """True for a folder or file we hold a write cap for (a writable folder takes new
        names, renames and unlinks)."""
        if self.kind is RowKind.ROOT and self.entry is None:
            return self._root_writable
        return self.entry is not None and self.entry.rw_uri is not None

    @property
    def cp_argument(self) -> str:
        """This item as a `tahoe cp` argument: the root cap plus the path below it."""
        return f"{self.root_cap}/{self.path}" if self.path else self.root_cap

    def child_path(self, name: str) -> str:
        return f"{self.path}/{name}" if self.path else name

    def location(self) -> str:
        """What the location bar shows: `alias:path`, or the redacted cap and path."""
        root = self
        while root.kind is not RowKind.ROOT and root.parent is not None:
            root = root.parent
        prefix = f"{root.alias}:" if root.alias else root.name + ("/" if self.path else "")
        return prefix + self.path

    def renumber(self, start: int = 0) -> None:
        for i in range(start, len(self.children)):
            self.children[i].row = i


def _is_writable_dir(cap: str) -> bool:
    try:
        info = parse(cap)
    except CapError:
        return False
    return info.is_directory and info.is_writable


def make_child(parent: GridItem, entry: GridEntry) -> GridItem:
    return GridItem(
        RowKind.ENTRY, entry.name, parent.root_cap, parent.child_path(entry.name), entry=entry, parent=parent
    )


def type_label(entry: GridEntry) -> str:
    """directory, immutable file (CHK/LIT) or mutable file (SDMF/MDMF), as users say it."""
    if entry.is_dir:
        return "directory"
    if entry.kind != "file":
        return "unknown"
    if entry.mutable:
        return f"mutable file ({entry.format or 'SDMF'})"
    fmt = "LIT" if (entry.ro_uri or "").startswith("URI:LIT:") else (entry.format or "CHK")
    return f"immutable file ({fmt})"


def access_label(entry: GridEntry) -> str:
    return "writable" if entry.writable else "read-only"


def display(item: GridItem, column: int) -> str:
    """The text of one cell."""
    if item.kind is RowKind.NOTE:
        return item.note if column == NAME else ""
    if item.kind is RowKind.ROOT and item.entry is None:
        writable = kind_label(item.root_cap) == "directory"
        return {NAME: item.name, TYPE: "directory", ACCESS: "writable" if writable else "read-only"}.get(column, "")
    entry = item.entry
    assert entry is not None
    if column == NAME:
        return item.name
    if column == SIZE:
        return "" if entry.is_dir else format_size(entry.size)
    if column == MODIFIED:
        return format_time(entry.mtime)
    if column == TYPE:
        return type_label(entry)
    return access_label(entry)


def sort_items(items: list[GridItem], column: int, descending: bool) -> None:
    """Sort in place: folders first whatever the order, then by the column, name breaking ties."""

    def key(item: GridItem) -> tuple[Any, ...]:
        entry = item.entry
        if column == SIZE and entry is not None:
            value: Any = entry.size or 0
        elif column == MODIFIED and entry is not None:
            value = entry.mtime or 0.0
        elif column in (TYPE, ACCESS) and entry is not None:
            value = display(item, column)
        else:
            value = item.name.casefold()
        return value, item.name

    items.sort(key=key, reverse=descending)
    # notes, then folders, then files, keeping the order within each (10,000 rows: no second sort)
    items[:] = (
        [n for n in items if n.is_note]
        + [n for n in items if n.is_folder]
        + [n for n in items if not n.is_note and not n.is_folder]
    )
