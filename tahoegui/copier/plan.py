"""A copy plan: every directory to create and every file to move or link, decided up front."""

from __future__ import annotations

from collections.abc import Container, Iterator
from dataclasses import dataclass, field
from typing import Literal

from tahoegui.copier.sources import DirSource, FileSource, GridDirSource, SkippedSource
from tahoegui.grid.redact import redacting_repr
from tahoegui.grid.types import GridEntry

# How one file reaches its target:
#   write  - bytes move (upload, download, or local to local)
#   link   - an immutable grid file is linked by cap; no bytes move
#   update - an existing writable mutable grid file is updated in place
#   caps   - --caps-only: the file's read cap is written as its contents
FileAction = Literal["write", "link", "update", "caps"]


@redacting_repr
@dataclass
class FileCopy:
    """One file of the plan."""

    source: FileSource
    name: str  # the name it gets in its target directory
    action: FileAction
    display: str  # where it goes, for messages (caps in it are redacted when shown)
    existing: GridEntry | None = None  # the grid entry it replaces or updates
    local_path: str | None = None  # the file to write, when the target is local

    @property
    def moves_bytes(self) -> bool:
        return self.action in ("write", "update")


@redacting_repr
@dataclass
class TargetDir:
    """A directory the copy writes into: existing or to be created, local or on the grid.

    Local: `local_path`. Grid: `cap` (the write cap) of an existing directory; for a new grid
    directory the cap appears only when it is created, with its children, in one request.
    """

    display: str
    local_path: str | None = None
    cap: str | None = None
    read_cap: str | None = None
    exists: bool = True
    files: list[FileCopy] = field(default_factory=list)
    subdirs: dict[str, TargetDir] = field(default_factory=dict)
    dir_links: dict[str, GridDirSource] = field(default_factory=dict)  # immutable dirs linked by cap
    existing: dict[str, object] = field(default_factory=dict)  # name -> GridEntry or "file"/"dir"
    listed: bool = False
    file_names: set[str] = field(default_factory=set)  # names in `files`, for O(1) collision checks
    merged_from: list[DirSource] = field(default_factory=list)  # the source directories copied here

    def add_file(self, item: FileCopy) -> None:
        self.files.append(item)
        self.file_names.add(item.name)

    @property
    def is_local(self) -> bool:
        return self.local_path is not None

    def walk(self) -> Iterator[TargetDir]:
        """This directory and every directory below it, parents first."""
        yield self
        for sub in self.subdirs.values():
            yield from sub.walk()

    def taken_names(self) -> Container[str]:
        """The names in use here (existing, or given out by the plan so far). Looked up in
        place: a rename policy asks once per file, and a set built each time made planning
        N files onto N existing names take time N²."""
        return _TakenNames(self)


class _TakenNames:
    def __init__(self, target: TargetDir):
        self.target = target

    def __contains__(self, name: object) -> bool:
        t = self.target
        return name in t.existing or name in t.file_names or name in t.subdirs or name in t.dir_links


@redacting_repr
@dataclass
class GridLinkPoint:
    """Where a new top-level grid directory (or a single file) is linked: a path under a cap."""

    rootcap: str
    parent_path: str
    name: str
    parent_exists: bool


@redacting_repr
@dataclass
class CopyPlan:
    """Everything a copy will do. `single` is set for a file-to-file copy, `root` otherwise."""

    single: FileCopy | None = None
    single_link: GridLinkPoint | None = None
    root: TargetDir | None = None
    root_link: GridLinkPoint | None = None  # set when `root` is a new grid directory
    skipped: list[SkippedSource] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (display, reason) — errors per entry

    def directories(self) -> list[TargetDir]:
        return list(self.root.walk()) if self.root else []

    @property
    def is_empty(self) -> bool:
        """Nothing to do (every file was skipped by the conflict policy)."""
        return self.single is None and self.root is None

    def files(self) -> list[FileCopy]:
        if self.single:
            return [self.single]
        return [f for d in self.directories() for f in d.files]

    @property
    def files_total(self) -> int:
        return len(self.files())

    @property
    def bytes_total(self) -> int:
        return sum(f.source.size for f in self.files() if f.moves_bytes)

    @property
    def sizes_unknown(self) -> int:
        """Files whose bytes move but whose size the listing did not give (mutable files)."""
        return sum(1 for f in self.files() if f.moves_bytes and not f.source.size_known)

    @property
    def new_grid_dirs(self) -> int:
        """Mutable grid directories this copy creates: one signing key each."""
        return sum(1 for d in self.directories() if not d.is_local and not d.exists)

    @property
    def dirs_total(self) -> int:
        """Directories that receive files, as `tahoe cp` counts its targets."""
        return sum(1 for d in self.directories() if d.files)
