"""Source trees: what will be copied, scanned once, before anything is written.

Local directories are walked by real path and grid directories by cap, each visited
once; a directory that is its own ancestor (a symlink loop, or a grid directory that
links to itself) is a planning error instead of an endless walk.
"""

from __future__ import annotations

import os
import stat as stat_mod
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from tahoegui.copier.errors import CopyError
from tahoegui.copier.spec import GridSpec, LocalSpec
from tahoegui.grid.client import GridClient, nfc
from tahoegui.grid.errors import GridError, NotFoundError
from tahoegui.grid.redact import redacting_repr
from tahoegui.grid.types import GridEntry


@redacting_repr
@dataclass
class LocalFileSource:
    path: str
    name: str | None
    size: int
    mtime: float

    @property
    def display(self) -> str:
        return self.path

    @property
    def size_known(self) -> bool:
        return True


@redacting_repr
@dataclass
class GridFileSource:
    entry: GridEntry
    name: str | None
    display: str

    @property
    def size(self) -> int:
        return self.entry.size or 0

    @property
    def size_known(self) -> bool:
        """Listings give no size for mutable files; the download's Content-Length does."""
        return self.entry.size is not None

    @property
    def mutable(self) -> bool:
        return self.entry.mutable


@redacting_repr
@dataclass
class SkippedSource:
    """A child we will not copy (dangling symlink, special file, unknown grid object)."""

    name: str
    display: str
    reason: str
    is_error: bool  # unknown objects make the copy's exit status 1; dangling links don't


@redacting_repr
@dataclass
class LocalDirSource:
    path: str
    name: str | None
    children: dict[str, Source] = field(default_factory=dict)

    @property
    def display(self) -> str:
        return self.path


@redacting_repr
@dataclass
class GridDirSource:
    entry: GridEntry
    name: str | None
    display: str
    children: dict[str, Source] = field(default_factory=dict)

    @property
    def immutable(self) -> bool:
        """An immutable directory can be linked by cap instead of recreated."""
        return not self.entry.mutable and self.entry.ro_uri is not None


FileSource = LocalFileSource | GridFileSource
DirSource = LocalDirSource | GridDirSource
Source = FileSource | DirSource | SkippedSource
Progress = Callable[[str], None]


PREFETCH_THREADS = 4


def require_client(client: GridClient | None) -> GridClient:
    """The client, or the error for a grid argument when no node is configured."""
    if client is None:
        raise CopyError("no Tahoe-LAFS node is configured (use -u URL or -d NODEDIR)")
    return client


def source_mtime(source: FileSource) -> float | None:
    """When the source file was last modified, if known (grid: its `mtime` metadata, else
    when it was linked)."""
    if isinstance(source, LocalFileSource):
        return source.mtime
    return source.entry.mtime


def describe_missing(spec: str) -> str:
    return f"No such file or directory '{spec}'"


class SourceScanner:
    """Turns source arguments into source trees, reporting `examining i of n` as it goes."""

    def __init__(self, client: GridClient | None, progress: Progress):
        self.client = client
        self.progress = progress
        # listings by directory identity; subdirectories are fetched ahead, in parallel,
        # while the walk (and its `examining` lines) stays in order
        self._listings: dict[str, Future[dict[str, GridEntry]]] = {}
        self._prefetch = ThreadPoolExecutor(max_workers=PREFETCH_THREADS, thread_name_prefix="tahoegui-scan")
        # listings of parents that several named sources share, by (root cap, parent path)
        self._parents: dict[tuple[str, str], Future[dict[str, GridEntry]]] = {}
        # told how many source directories were just found (the planner orders signing keys)
        self.on_directories: Callable[[int], None] = lambda count: None

    # ---- the top-level sources ------------------------------------------------------

    def local_source(self, spec: LocalSpec) -> LocalFileSource | LocalDirSource:
        path = spec.path
        if not os.path.exists(path):
            raise CopyError(describe_missing(spec.spec))
        name = os.path.basename(path)
        if os.path.isdir(path):
            return LocalDirSource(path, name)
        if spec.trailing_slash:
            raise CopyError(f"source '{spec.spec}' is not a directory, but ends with a slash")
        if not os.path.isfile(path):
            raise CopyError(f"source '{path}' is neither a file nor a directory, I can't handle it")
        st = os.stat(path)
        return LocalFileSource(path, name, st.st_size, st.st_mtime)

    def list_shared_parents(self, specs: Sequence[GridSpec]) -> None:
        """Start listing, in parallel, each parent that two or more named sources share
        (`PARENTCAP/a PARENTCAP/b …`, a selection in the window): each name is then found
        in its parent's listing. Asking for each name instead makes the node read the whole
        parent once per name. A lone name is still examined by itself: its parent may be big."""
        named = Counter(_parent_key(s) for s in specs if s.name is not None)
        for key, count in named.items():
            if count > 1 and key not in self._parents:
                self._parents[key] = self._prefetch.submit(_children, require_client(self.client), *key)

    def grid_source(self, spec: GridSpec) -> GridFileSource | GridDirSource:
        entry = self._from_parent_listing(spec)
        if entry is None:
            return self._examined_source(spec)
        name = spec.name
        if entry.is_dir:
            self._fetch(entry)  # its own listing comes ahead, while the other names resolve
            return GridDirSource(entry, name, spec.spec)
        return self._file_source(spec, entry)

    def _from_parent_listing(self, spec: GridSpec) -> GridEntry | None:
        """The entry of a named source from its parent's shared listing; None when there is
        none, or anything is unusual (the parent failed to list, the name is not there):
        examining it by itself then gives `tahoe cp`'s own answer and error text."""
        future = self._parents.get(_parent_key(spec)) if spec.name is not None else None
        if future is None:
            return None
        try:
            children = future.result()
        except GridError:
            return None
        return children.get(nfc(spec.name or ""))

    def _examined_source(self, spec: GridSpec) -> GridFileSource | GridDirSource:
        client = require_client(self.client)
        try:
            listing = client.examine(spec.rootcap, spec.path)
        except NotFoundError:
            raise CopyError(describe_missing(spec.spec)) from None
        except GridError as e:
            raise CopyError(f"Error examining source '{spec.spec}': {e.reason or e}") from None
        name, entry = spec.name, listing.node
        if entry.is_dir:
            # the scan starts from these children instead of asking for them again
            self._listings.setdefault(_dir_key(entry), _done(listing.children))
            return GridDirSource(entry, name, spec.spec)
        return self._file_source(spec, entry)

    @staticmethod
    def _file_source(spec: GridSpec, entry: GridEntry) -> GridFileSource:
        name = spec.name
        if entry.kind == "unknown":
            raise CopyError(f"source '{spec.spec}' is an object of an unknown kind, I can't handle it")
        if spec.trailing_slash:
            raise CopyError(f"source '{spec.spec}' is not a directory, but ends with a slash")
        return GridFileSource(entry, name, spec.spec)

    # ---- recursive scans ------------------------------------------------------------

    def populate(self, source: DirSource) -> None:
        """Fill `source.children` recursively."""
        self.on_directories(1)
        if isinstance(source, LocalDirSource):
            self._populate_local(source, ancestors=frozenset())
        else:
            self._populate_grid(source, ancestors=())

    def close(self) -> None:
        """Stop fetching ahead: queued listings are dropped, running ones finish first (they
        share the caller's HTTP session, which may be closed next)."""
        self._prefetch.shutdown(wait=True, cancel_futures=True)

    def _populate_local(self, source: LocalDirSource, ancestors: frozenset[str]) -> None:
        real = os.path.realpath(source.path)
        if real in ancestors:
            raise CopyError(f"symlink loop: '{source.path}' leads back to '{real}'")
        ancestors = ancestors | {real}
        try:
            names = sorted(os.listdir(source.path))
        except OSError as e:
            raise CopyError(f"cannot read directory '{source.path}': {e.strerror}") from None
        for i, name in enumerate(names):
            self.progress(f"examining {i + 1} of {len(names)}")
            path = os.path.join(source.path, name)
            child = self._local_child(path, name)
            if isinstance(child, LocalDirSource):
                self.on_directories(1)
                self._populate_local(child, ancestors)
            source.children[name] = child

    @staticmethod
    def _local_child(path: str, name: str) -> Source:
        try:
            st = os.stat(path)  # follows symlinks, as `tahoe cp` does
        except FileNotFoundError:
            return SkippedSource(name, path, "dangling symbolic link", is_error=False)
        except OSError as e:
            return SkippedSource(name, path, e.strerror or "unreadable", is_error=True)
        if stat_mod.S_ISDIR(st.st_mode):
            return LocalDirSource(path, name)
        if stat_mod.S_ISREG(st.st_mode):
            return LocalFileSource(path, name, st.st_size, st.st_mtime)
        return SkippedSource(name, path, "neither a file nor a directory", is_error=False)

    def _populate_grid(self, source: GridDirSource, ancestors: tuple[str, ...]) -> None:
        key = _dir_key(source.entry)
        if key in ancestors:
            raise CopyError(f"directory '{source.display}' contains itself; refusing to copy a cycle")
        ancestors = (*ancestors, key)
        children = self._list(source)
        subdirs = [entry for entry in children.values() if entry.is_dir and entry.read_cap]
        for entry in subdirs:
            self._fetch(entry)
        if subdirs:
            self.on_directories(len(subdirs))
        names = list(children)
        for i, name in enumerate(names):
            self.progress(f"examining {i + 1} of {len(names)}")
            entry = children[name]
            display = f"{source.display.rstrip('/')}/{name}"
            child: Source
            if entry.is_dir:
                child = subdir = GridDirSource(entry, name, display)
                self._populate_grid(subdir, ancestors)
            elif entry.is_file:
                child = GridFileSource(entry, name, display)
            else:
                child = SkippedSource(name, display, "an object of an unknown kind", is_error=True)
            source.children[name] = child

    def _fetch(self, entry: GridEntry) -> Future[dict[str, GridEntry]]:
        key = _dir_key(entry)
        if key not in self._listings:
            # read by its read cap: a copy never needs the write caps inside a source
            cap = entry.read_cap
            assert cap is not None
            client = require_client(self.client)
            self._listings[key] = self._prefetch.submit(lambda: client.list_dir(cap).children)
        return self._listings[key]

    def _list(self, source: GridDirSource) -> dict[str, GridEntry]:
        try:
            return self._fetch(source.entry).result()
        except GridError as e:
            raise CopyError(f"Error examining source '{source.display}': {e.reason or e}") from None


def _done(children: dict[str, GridEntry]) -> Future[dict[str, GridEntry]]:
    future: Future[dict[str, GridEntry]] = Future()
    future.set_result(children)
    return future


def _children(client: GridClient, rootcap: str, path: str) -> dict[str, GridEntry]:
    return client.list_dir(rootcap, path).children


def _parent_key(spec: GridSpec) -> tuple[str, str]:
    return spec.rootcap, spec.parent_path


def _dir_key(entry: GridEntry) -> str:
    """A directory's identity: its read cap (the same for its write cap)."""
    return entry.read_cap or ""
