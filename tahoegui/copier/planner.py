"""Planning a copy: `tahoe cp`'s decisions, in its order, with every error found before
anything is created or uploaded. The result is a CopyPlan for the executor."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence

from tahoegui.copier.errors import CopyError
from tahoegui.copier.naming import is_safe_local_name, is_valid_grid_name, printable_name, unique_name
from tahoegui.copier.options import CopyOptions
from tahoegui.copier.plan import CopyPlan, FileAction, FileCopy, TargetDir
from tahoegui.copier.sources import (
    DirSource,
    FileSource,
    GridDirSource,
    GridFileSource,
    LocalDirSource,
    Source,
    SkippedSource,
    SourceScanner,
)
from tahoegui.copier.spec import GridSpec, LocalSpec, parse_spec
from tahoegui.copier.targets import GridTarget, LocalTarget, TargetLister, classify_target, link_point
from tahoegui.grid.client import GridClient
from tahoegui.grid.types import GridEntry

E2 = "when copying into a directory, all source files must have names, but '{}' is unnamed"
E4 = "cannot copy directories without --recursive"
E5 = "cannot copy directory into a file"
E6 = "copying multiple things requires target be a directory"
E7 = "target is not a directory, but ends with a slash"
E9 = "cannot copy multiple files with the same name into the same target directory"
READ_ONLY_MUTABLE = "PUT to a mutable file: replace or update requested with read-only cap"


class Planner:
    """Builds a CopyPlan from `tahoe cp` arguments; raises CopyError with `tahoe`'s texts."""

    def __init__(self, client: GridClient | None, aliases: Mapping[str, str], options: CopyOptions,
                 progress: Callable[[str], None]):
        self.client = client
        self.aliases = aliases
        self.options = options
        self.progress = progress
        self.scanner = SourceScanner(client, progress)
        self.lister = TargetLister(client, progress)
        self.plan = CopyPlan()

    def make_plan(self, source_specs: Sequence[str], target_spec: str) -> CopyPlan:
        tspec = parse_spec(target_spec, self.aliases)
        target = classify_target(tspec, self.client)
        sources = [self._source(parse_spec(s, self.aliases)) for s in source_specs]

        if any(_is_dir(s) for s in sources) and not self.options.recursive:
            raise CopyError(E4)
        if target.kind == "missing":
            target_is_file = len(sources) == 1 and not _is_dir(sources[0])
        else:
            target_is_file = target.kind == "file"
        if target_is_file and target_spec.endswith("/"):
            raise CopyError(E7)
        if len(sources) > 1 and target_is_file:
            raise CopyError(E6)
        if target_is_file:
            if _is_dir(sources[0]):
                raise CopyError(E5)
            self._plan_single(sources[0], target)  # type: ignore[arg-type]
            return self.plan
        for source in sources:
            if not _is_dir(source) and source.name is None:
                raise CopyError(E2.format(source_specs[0]))
        self._plan_directory(sources, target)
        return self.plan

    def _source(self, spec: LocalSpec | GridSpec) -> FileSource | DirSource:
        if isinstance(spec, LocalSpec):
            return self.scanner.local_source(spec)
        return self.scanner.grid_source(spec)

    # ---- one file to one file -------------------------------------------------------

    def _plan_single(self, source: FileSource, target: LocalTarget | GridTarget) -> None:
        if isinstance(target, LocalTarget):
            path = target.spec.path
            if not os.path.isdir(os.path.dirname(path)):
                raise CopyError(f"No such file or directory '{os.path.dirname(path)}'")
            name = os.path.basename(path)
            if target.kind == "file":
                decided = self._resolve_conflict(source, name, os.stat(path).st_mtime,
                                                 set(os.listdir(os.path.dirname(path))), path)
                if decided is None:
                    return
                if decided != name:
                    path = os.path.join(os.path.dirname(path), decided)
            action = "caps" if isinstance(source, GridFileSource) and self.options.caps_only else "write"
            self.plan.single = FileCopy(source, os.path.basename(path), action, path)
            self.plan.single_local_path = path
            return
        spec = target.spec
        existing = target.entry if target.kind == "file" else None
        if existing is not None and existing.mutable and not spec.path:
            # a bare mutable file cap: only an in-place update is possible
            self._plan_grid_file_into_existing(source, existing, spec)
            return
        point = link_point(spec, self._need_client())
        name = point.name
        if existing is not None:
            taken = set(self._need_client().list_dir(spec.rootcap, spec.parent_path).children)
            decided = self._resolve_conflict(source, name, existing.mtime, taken, spec.spec)
            if decided is None:
                return
            if decided != name:
                point.name, existing = decided, None
        if existing is not None and existing.mutable:
            self._plan_grid_file_into_existing(source, existing, spec)
            self.plan.single_link = None
            return
        self.plan.single = FileCopy(source, point.name, self._grid_action(source, None), spec.spec)
        self.plan.single_grid = spec
        self.plan.single_link = point

    def _plan_grid_file_into_existing(self, source: FileSource, existing: GridEntry, spec: GridSpec) -> None:
        if existing.rw_uri is None:
            raise CopyError(f"error: cannot replace '{spec.spec}': {READ_ONLY_MUTABLE}")
        self.plan.single = FileCopy(source, spec.name or "", "update", spec.spec, existing)
        self.plan.single_grid = spec

    # ---- things into a directory ----------------------------------------------------

    def _plan_directory(self, sources: list[FileSource | DirSource], target: LocalTarget | GridTarget) -> None:
        root = self._root_target(target)
        self.lister.ensure_listed(root)
        try:
            for source in sources:
                if _is_dir(source):
                    self.scanner.populate(source)  # type: ignore[arg-type]
        finally:
            self.scanner.close()
        files = sum(1 for s in sources if not _is_dir(s))
        self.progress(f"attaching sources to targets, {files} files / {len(sources) - files} dirs in root")
        for source in sources:
            if not _is_dir(source):
                self._attach(root, source.name or "", source)  # type: ignore[arg-type]
            elif source.name is not None:
                sub = self._child_target(root, source.name, source)  # type: ignore[arg-type]
                if sub is not None:
                    self._assign(source, sub)  # type: ignore[arg-type]
            else:
                self._assign(source, root)  # type: ignore[arg-type]
        self.plan.root = root
        self._check_writable(root)
        self.progress(f"targets assigned, {self.plan.dirs_total} dirs, {self.plan.files_total} files")

    def _root_target(self, target: LocalTarget | GridTarget) -> TargetDir:
        if isinstance(target, LocalTarget):
            return TargetDir(target.spec.path, local_path=target.spec.path, exists=target.kind == "dir")
        spec = target.spec
        if target.kind == "dir":
            assert target.entry is not None
            return TargetDir(spec.spec, cap=target.entry.rw_uri, read_cap=target.entry.ro_uri)
        self.plan.root_link = link_point(spec, self._need_client())
        return TargetDir(spec.spec, exists=False)

    def _assign(self, source: DirSource, target: TargetDir) -> None:
        for name, child in source.children.items():
            if isinstance(child, SkippedSource):
                self.plan.skipped.append(child)
            elif _is_dir(child):
                sub = self._child_target(target, name, child)  # type: ignore[arg-type]
                if sub is not None:
                    self._assign(child, sub)  # type: ignore[arg-type]
            else:
                self._attach(target, name, child)  # type: ignore[arg-type]

    def _child_target(self, parent: TargetDir, name: str, source: DirSource) -> TargetDir | None:
        """The target directory for source directory `name` inside `parent` (None if refused)."""
        display = _join(parent.display, printable_name(name))
        if not self._acceptable_name(parent, name, display):
            return None
        if name in parent.subdirs:
            return parent.subdirs[name]
        if name in parent.dir_links or any(f.name == name for f in parent.files):
            raise CopyError(E9)
        self.lister.ensure_listed(parent)
        existing = parent.existing.get(name)
        if existing is not None and existing != "dir" and not (isinstance(existing, GridEntry) and existing.is_dir):
            raise CopyError(f"cannot copy directory '{source.display}': '{display}' exists and is not a directory")
        if parent.is_local:
            sub = TargetDir(display, local_path=os.path.join(parent.local_path or "", name),
                            exists=existing is not None)
        elif isinstance(existing, GridEntry):
            sub = TargetDir(display, cap=existing.rw_uri, read_cap=existing.ro_uri)
        elif isinstance(source, GridDirSource) and source.immutable and not self.options.caps_only:
            parent.dir_links[name] = source  # an immutable directory is linked, not rebuilt
            return None
        else:
            sub = TargetDir(display, exists=False)
        parent.subdirs[name] = sub
        return sub

    def _attach(self, target: TargetDir, name: str, source: FileSource) -> None:
        display = _join(target.display, printable_name(name))
        if not self._acceptable_name(target, name, display):
            return
        if any(f.name == name for f in target.files) or name in target.subdirs or name in target.dir_links:
            raise CopyError(E9)
        self.lister.ensure_listed(target)
        existing = target.existing.get(name)
        if existing == "dir" or (isinstance(existing, GridEntry) and existing.is_dir):
            raise CopyError(f"cannot copy file '{_display(source)}': '{display}' is a directory")
        grid_existing = existing if isinstance(existing, GridEntry) else None
        if existing is not None:
            mtime = grid_existing.mtime if grid_existing else os.stat(os.path.join(target.local_path or "", name)).st_mtime
            decided = self._resolve_conflict(source, name, mtime, target.taken_names(), display)
            if decided is None:
                return
            if decided != name:
                name, display, grid_existing = decided, _join(target.display, decided), None
        if target.is_local:
            action: FileAction = "caps" if isinstance(source, GridFileSource) and self.options.caps_only else "write"
        else:
            if grid_existing is not None and grid_existing.mutable and grid_existing.rw_uri is None:
                raise CopyError(f"error: cannot replace '{display}': {READ_ONLY_MUTABLE}")
            action = self._grid_action(source, grid_existing)
        target.files.append(FileCopy(source, name, action, display, grid_existing))

    def _acceptable_name(self, target: TargetDir, name: str, display: str) -> bool:
        """Refuse (for this entry only) a name the target cannot hold safely."""
        if target.is_local and not is_safe_local_name(name):
            self.plan.refused.append((display, "unsafe name for a local file; not copied"))
            return False
        if not target.is_local and not is_valid_grid_name(name):
            self.plan.refused.append((display, "the name is not valid UTF-8; not copied"))
            return False
        return True

    def _grid_action(self, source: FileSource, existing: GridEntry | None) -> FileAction:
        if existing is not None and existing.mutable:
            return "update"
        if isinstance(source, GridFileSource):
            if self.options.caps_only:
                return "caps"
            if not source.mutable:
                return "link"
        return "write"

    def _resolve_conflict(self, source: FileSource, name: str, target_mtime: float | None,
                          taken: set[str], display: str) -> str | None:
        """Apply the conflict policy to an existing target: the name to write, or None to skip."""
        policy = self.options.conflict
        if policy == "overwrite":
            return name
        if policy == "error":
            raise CopyError(f"target '{display}' already exists")
        if policy == "rename":
            return unique_name(name, taken)
        source_mtime = _source_mtime(source)
        if policy == "newer" and source_mtime is not None and target_mtime is not None \
                and source_mtime > target_mtime:
            return name
        reason = "target exists" if policy == "skip" else "target is not older than the source"
        self.plan.skipped.append(SkippedSource(name, display, reason, is_error=False))
        return None

    def _check_writable(self, root: TargetDir) -> None:
        for d in root.walk():
            if not d.is_local and d.exists and d.cap is None and (d.files or d.subdirs or d.dir_links):
                raise CopyError(f"cannot write into '{d.display}': the target directory is read-only")

    def _need_client(self) -> GridClient:
        if self.client is None:
            raise CopyError("no Tahoe-LAFS node is configured (use -u URL or -d NODEDIR)")
        return self.client


def _is_dir(source: Source) -> bool:
    return isinstance(source, (LocalDirSource, GridDirSource))


def _join(parent: str, name: str) -> str:
    return f"{parent.rstrip('/')}/{name}"


def _display(source: FileSource) -> str:
    return source.display


def _source_mtime(source: FileSource) -> float | None:
    if isinstance(source, GridFileSource):
        return source.entry.mtime
    return source.mtime
