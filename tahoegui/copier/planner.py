"""Planning a copy: `tahoe cp`'s decisions, in its order, with every error found before
anything is created or uploaded. The result is a CopyPlan for the executor."""

from __future__ import annotations

import os
from collections.abc import Callable, Container, Mapping, Sequence

from tahoegui.copier.errors import CopyError
from tahoegui.copier.naming import (
    is_safe_local_name,
    is_valid_grid_name,
    join_display,
    printable_name,
    unique_name,
)
from tahoegui.copier.options import CopyOptions
from tahoegui.copier.plan import CopyPlan, FileAction, FileCopy, TargetDir
from tahoegui.copier.progress import Phase
from tahoegui.copier.sources import (
    DirSource,
    FileSource,
    GridDirSource,
    GridFileSource,
    LocalDirSource,
    SkippedSource,
    SourceScanner,
    require_client,
    source_mtime,
)
from tahoegui.copier.spec import GridSpec, LocalSpec, parse_spec
from tahoegui.copier.targets import (
    GridTarget,
    LocalTarget,
    TargetLister,
    classify_target,
    link_point,
)
from tahoegui.grid.client import GridClient, nfc
from tahoegui.grid.signing_keys import SigningKeyPool
from tahoegui.grid.types import GridEntry

E2 = "when copying into a directory, all source files must have names, but '{}' is unnamed"
E4 = "cannot copy directories without --recursive"
E5 = "cannot copy directory into a file"
E6 = "copying multiple things requires target be a directory"
E7 = "target is not a directory, but ends with a slash"
E9 = "cannot copy multiple files with the same name into the same target directory"
READ_ONLY_MUTABLE = "PUT to a mutable file: replace or update requested with read-only cap"

Say = Callable[[str, Phase | None], None]


class Planner:
    """Builds a CopyPlan from `tahoe cp` arguments; raises CopyError with `tahoe`'s texts."""

    def __init__(
        self,
        client: GridClient | None,
        aliases: Mapping[str, str],
        options: CopyOptions,
        say: Say,
        keys: SigningKeyPool | None = None,
        note: Callable[[str], None] | None = None,
    ):
        self.client = client
        self.keys = keys
        self.aliases = aliases
        self.options = options
        self.say = say
        self.note = note or (lambda message: None)
        self.scanner = SourceScanner(client, lambda message: say(message, None))
        self.lister = TargetLister(client, lambda message: say(message, None))
        self.plan = CopyPlan()

    def make_plan(self, source_specs: Sequence[str], target_spec: str) -> CopyPlan:
        tspec = parse_spec(target_spec, self.aliases)
        target = classify_target(tspec, self.client)
        specs = [parse_spec(s, self.aliases) for s in source_specs]
        # names that share a parent are found in one listing of it, not one request each
        self.scanner.list_shared_parents([s for s in specs if isinstance(s, GridSpec)])
        sources = []
        for i, spec in enumerate(specs):
            self.note(f"examining {i + 1} of {len(specs)}")
            sources.append(self._source(spec))

        if any(isinstance(s, DIR_SOURCES) for s in sources) and not self.options.recursive:
            raise CopyError(E4)
        if target.kind == "missing":
            target_is_file = len(sources) == 1 and not isinstance(sources[0], DIR_SOURCES)
        else:
            target_is_file = target.kind == "file"
        if target_is_file and target_spec.endswith("/"):
            raise CopyError(E7)
        if len(sources) > 1 and target_is_file:
            raise CopyError(E6)
        if target_is_file:
            if isinstance(sources[0], DIR_SOURCES):
                raise CopyError(E5)
            self._plan_single(sources[0], target)
            return self.plan
        for source in sources:
            if not isinstance(source, DIR_SOURCES) and source.name is None:
                raise CopyError(E2.format(source_specs[0]))
        self._plan_directory(sources, target)
        return self.plan

    def _order_keys_while_scanning(self, target: GridTarget) -> None:
        """Each source directory found will most likely become a new grid directory:
        order its signing key now, so that it is made while the scan goes on."""
        assert self.keys is not None
        if target.kind == "missing":
            self.keys.expect_more(1)
        self.scanner.on_directories = self.keys.expect_more

    def _source(self, spec: LocalSpec | GridSpec) -> FileSource | DirSource:
        if isinstance(spec, LocalSpec):
            return self.scanner.local_source(spec)
        return self.scanner.grid_source(spec)

    # ---- one file to one file -------------------------------------------------------

    def _plan_single(self, source: FileSource, target: LocalTarget | GridTarget) -> None:
        if isinstance(target, LocalTarget):
            self._plan_single_local(source, target)
        else:
            self._plan_single_grid(source, target)

    def _plan_single_local(self, source: FileSource, target: LocalTarget) -> None:
        path = target.spec.path
        if target.kind == "file" and os.path.islink(path):
            path = os.path.realpath(path)  # the user named this file: write through the link, as cp does
        directory = os.path.dirname(path)
        if not os.path.isdir(directory):
            raise CopyError(f"No such file or directory '{directory}'")
        if target.kind == "file":
            decided = self._resolve_conflict(
                source, os.path.basename(path), lambda: os.stat(path).st_mtime, lambda: set(os.listdir(directory)), path
            )
            if decided is None:
                return
            path = os.path.join(directory, decided)
        action: FileAction = "caps" if isinstance(source, GridFileSource) and self.options.caps_only else "write"
        self.plan.single = FileCopy(source, os.path.basename(path), action, path, local_path=path)

    def _plan_single_grid(self, source: FileSource, target: GridTarget) -> None:
        spec = target.spec
        existing = target.entry if target.kind == "file" else None
        if existing is not None and existing.mutable and not spec.path:
            # a bare mutable file cap: only an in-place update is possible
            self._plan_update(source, existing, spec.spec)
            return
        point = link_point(spec, require_client(self.client))
        display = spec.spec
        if existing is not None:
            parent = spec.parent_path
            existing_mtime = existing.mtime
            decided = self._resolve_conflict(
                source,
                point.name,
                lambda: existing_mtime,
                lambda: set(require_client(self.client).list_dir(spec.rootcap, parent).children),
                spec.spec,
            )
            if decided is None:
                return
            if decided != point.name:
                point.name, existing = decided, None
                display = join_display(spec.spec.rsplit("/", 1)[0], decided)
        if existing is not None and existing.mutable:
            self._plan_update(source, existing, spec.spec)
            return
        self.plan.single = FileCopy(source, point.name, self._grid_action(source, None), display)
        self.plan.single_link = point

    def _plan_update(self, source: FileSource, existing: GridEntry, display: str) -> None:
        if existing.rw_uri is None:
            raise CopyError(f"error: cannot replace '{display}': {READ_ONLY_MUTABLE}")
        self.plan.single = FileCopy(source, existing.name, "update", display, existing)

    # ---- things into a directory ----------------------------------------------------

    def _plan_directory(self, sources: list[FileSource | DirSource], target: LocalTarget | GridTarget) -> None:
        if isinstance(target, GridTarget) and self.keys is not None:
            self._order_keys_while_scanning(target)
        root = self._root_target(target)
        self.lister.ensure_listed(root)
        try:
            for source in sources:
                if isinstance(source, DIR_SOURCES):
                    self.scanner.populate(source)
        finally:
            self.scanner.close()
        files = sum(1 for s in sources if not isinstance(s, DIR_SOURCES))
        self.say(f"attaching sources to targets, {files} files / {len(sources) - files} dirs in root", "planning")
        for source in sources:
            if not isinstance(source, DIR_SOURCES):
                self._attach(root, source.name or "", source)
            elif source.name is not None:
                sub = self._child_target(root, source.name, source)
                if sub is not None:
                    self._assign(source, sub)
            else:
                self._assign(source, root)
        self.plan.root = root
        self._check_writable(root)
        if not root.is_local and not self.options.caps_only:
            _link_immutable_dirs(root)
        self.say(f"targets assigned, {self.plan.dirs_total} dirs, {self.plan.files_total} files", None)

    def _root_target(self, target: LocalTarget | GridTarget) -> TargetDir:
        if isinstance(target, LocalTarget):
            return TargetDir(target.spec.path, local_path=target.spec.path, exists=target.kind == "dir")
        spec = target.spec
        if target.kind == "dir":
            assert target.entry is not None
            root = TargetDir(spec.spec, cap=target.entry.rw_uri, read_cap=target.entry.ro_uri)
            if target.children is not None:
                self.lister.use_listing(root, target.children)
            return root
        self.plan.root_link = link_point(spec, require_client(self.client))
        return TargetDir(spec.spec, exists=False)

    def _assign(self, source: DirSource, target: TargetDir) -> None:
        target.merged_from.append(source)
        for name, child in source.children.items():
            if isinstance(child, SkippedSource):
                self.plan.skipped.append(child)
            elif isinstance(child, DIR_SOURCES):
                sub = self._child_target(target, name, child)
                if sub is not None:
                    self._assign(child, sub)
            else:
                self._attach(target, name, child)

    def _target_name(self, target: TargetDir, name: str) -> str | None:
        """The name as the target will hold it (the grid stores NFC), or None if refused."""
        display = join_display(target.display, printable_name(name))
        if target.is_local:
            if not is_safe_local_name(name):
                self.plan.refused.append((display, "unsafe name for a local file; not copied"))
                return None
            return name
        if not is_valid_grid_name(name):
            self.plan.refused.append((display, "the name is not valid UTF-8; not copied"))
            return None
        return nfc(name)

    def _child_target(self, parent: TargetDir, name: str, source: DirSource) -> TargetDir | None:
        """The target directory for source directory `name` inside `parent` (None if refused)."""
        checked = self._target_name(parent, name)
        if checked is None:
            return None
        name = checked
        if name in parent.subdirs:
            return parent.subdirs[name]
        if name in parent.file_names:
            raise CopyError(E9)
        display = join_display(parent.display, printable_name(name))
        self.lister.ensure_listed(parent)
        existing = parent.existing.get(name)
        if existing is not None and existing != "dir" and not (isinstance(existing, GridEntry) and existing.is_dir):
            raise CopyError(f"cannot copy directory '{source.display}': '{display}' exists and is not a directory")
        if parent.is_local:
            sub = TargetDir(
                display, local_path=os.path.join(parent.local_path or "", name), exists=existing is not None
            )
        elif isinstance(existing, GridEntry):
            sub = TargetDir(display, cap=existing.rw_uri, read_cap=existing.ro_uri)
        else:
            sub = TargetDir(display, exists=False)
        parent.subdirs[name] = sub
        return sub

    def _attach(self, target: TargetDir, name: str, source: FileSource) -> None:
        checked = self._target_name(target, name)
        if checked is None:
            return
        name = checked
        if name in target.file_names or name in target.subdirs:
            raise CopyError(E9)
        display = join_display(target.display, printable_name(name))
        self.lister.ensure_listed(target)
        existing = target.existing.get(name)
        if existing == "dir" or (isinstance(existing, GridEntry) and existing.is_dir):
            raise CopyError(f"cannot copy file '{source.display}': '{display}' is a directory")
        grid_existing = existing if isinstance(existing, GridEntry) else None
        if existing is not None:
            local_file = os.path.join(target.local_path or "", name)
            decided = self._resolve_conflict(
                source,
                name,
                lambda: grid_existing.mtime if grid_existing else os.lstat(local_file).st_mtime,
                target.taken_names,
                display,
            )
            if decided is None:
                return
            if decided != name:
                name, display, grid_existing = decided, join_display(target.display, printable_name(decided)), None
        local_path = os.path.join(target.local_path, name) if target.local_path else None
        if target.is_local:
            action: FileAction = "caps" if isinstance(source, GridFileSource) and self.options.caps_only else "write"
        else:
            if grid_existing is not None and grid_existing.mutable and grid_existing.rw_uri is None:
                raise CopyError(f"error: cannot replace '{display}': {READ_ONLY_MUTABLE}")
            action = self._grid_action(source, grid_existing)
        target.add_file(FileCopy(source, name, action, display, grid_existing, local_path))

    def _grid_action(self, source: FileSource, existing: GridEntry | None) -> FileAction:
        if existing is not None and existing.mutable:
            return "update"
        if isinstance(source, GridFileSource):
            if self.options.caps_only:
                return "caps"
            if not source.mutable:
                return "link"
        return "write"

    def _resolve_conflict(
        self,
        source: FileSource,
        name: str,
        target_mtime: Callable[[], float | None],
        taken: Callable[[], Container[str]],
        display: str,
    ) -> str | None:
        """Apply the conflict policy to an existing target: the name to write, or None to skip.
        The target's mtime and the names in its directory are looked up only if needed."""
        policy = self.options.conflict
        if policy == "overwrite":
            return name
        if policy == "error":
            raise CopyError(f"target '{display}' already exists")
        if policy == "rename":
            return unique_name(name, taken())
        if policy == "newer":
            mine, theirs = source_mtime(source), target_mtime()
            if mine is not None and theirs is not None and mine > theirs:
                return name
        reason = "target exists" if policy == "skip" else "target is not older than the source"
        self.plan.skipped.append(SkippedSource(name, display, reason, is_error=False))
        return None

    def _check_writable(self, root: TargetDir) -> None:
        for d in root.walk():
            if not d.is_local and d.exists and d.cap is None and (d.files or d.subdirs or d.dir_links):
                raise CopyError(f"cannot write into '{d.display}': the target directory is read-only")


def _link_immutable_dirs(parent: TargetDir) -> None:
    """A new grid directory made from exactly one immutable grid directory is linked by its
    cap instead of rebuilt: same contents, no bytes moved, no directory created."""
    for name, sub in list(parent.subdirs.items()):
        only = sub.merged_from[0] if len(sub.merged_from) == 1 else None
        if not sub.exists and isinstance(only, GridDirSource) and only.immutable:
            del parent.subdirs[name]
            parent.dir_links[name] = only
        else:
            _link_immutable_dirs(sub)


# isinstance() with this tuple narrows both ways (to DirSource, and to the rest when false)
DIR_SOURCES = (LocalDirSource, GridDirSource)
