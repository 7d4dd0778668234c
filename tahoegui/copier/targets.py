"""The target argument: what it is now (missing, a file, a directory), and what is in it."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from tahoegui.copier.errors import CopyError
from tahoegui.copier.plan import GridLinkPoint, TargetDir
from tahoegui.copier.sources import require_client
from tahoegui.copier.spec import GridSpec, LocalSpec
from tahoegui.grid.client import GridClient
from tahoegui.grid.errors import GridError, NotFoundError
from tahoegui.grid.redact import redacting_repr
from tahoegui.grid.types import GridEntry


@redacting_repr
@dataclass(frozen=True)
class LocalTarget:
    spec: LocalSpec
    kind: str  # "missing" | "file" | "dir"


@redacting_repr
@dataclass(frozen=True)
class GridTarget:
    spec: GridSpec
    kind: str  # "missing" | "file" | "dir"
    entry: GridEntry | None
    children: dict[str, GridEntry] | None = None  # a directory's, from the same request


Target = LocalTarget | GridTarget


def classify_target(spec: LocalSpec | GridSpec, client: GridClient | None) -> Target:
    """Look at the target once: missing, an existing file, or an existing directory."""
    if isinstance(spec, LocalSpec):
        path = spec.path
        if not os.path.exists(path):
            return LocalTarget(spec, "missing")
        if os.path.isdir(path):
            return LocalTarget(spec, "dir")
        if not os.path.isfile(path):
            raise CopyError(f"target '{path}' is neither a file nor a directory, I can't handle it")
        return LocalTarget(spec, "file")
    client = require_client(client)
    try:
        listing = client.examine(spec.rootcap, spec.path)  # a directory's children come along
    except NotFoundError:
        return GridTarget(spec, "missing", None)
    except GridError as e:
        raise CopyError(f"Error examining target '{spec.spec}': {e.reason or e}") from None
    if listing.node.is_dir:
        return GridTarget(spec, "dir", listing.node, listing.children)
    return GridTarget(spec, "file", listing.node)


def link_point(spec: GridSpec, client: GridClient) -> GridLinkPoint:
    """Where a new object named by `spec` will be linked; its parent must be a writable
    directory or missing (then created on the way, as `tahoe` does)."""
    if not spec.path:
        raise CopyError(f"cannot create '{spec.spec}': a cap alone names no place to link into")
    parent = GridSpec(spec.spec, spec.rootcap, spec.parent_path, False)
    try:
        entry = client.stat(parent.rootcap, parent.path)
    except NotFoundError:
        return GridLinkPoint(spec.rootcap, spec.parent_path, spec.name or "", parent_exists=False)
    except GridError as e:
        raise CopyError(f"Error examining target '{spec.spec}': {e.reason or e}") from None
    if not entry.is_dir:
        raise CopyError(f"cannot create '{spec.spec}': '{spec.parent_path}' is a file, not a directory")
    writable = entry.rw_uri is not None
    if not writable:
        raise CopyError(f"cannot write into '{spec.spec}': the target directory is read-only")
    return GridLinkPoint(spec.rootcap, spec.parent_path, spec.name or "", parent_exists=True)


class TargetLister:
    """Lists what already exists in a target directory, once, saying `examining i of n`."""

    def __init__(self, client: GridClient | None, progress: Callable[[str], None]):
        self.client = client
        self.progress = progress

    def ensure_listed(self, target: TargetDir) -> None:
        if target.listed:
            return
        target.listed = True
        if not target.exists:
            return
        if target.is_local:
            self._list_local(target)
        else:
            self._list_grid(target)

    def use_listing(self, target: TargetDir, children: dict[str, GridEntry]) -> None:
        """`target`'s children are already known (classify_target read them): no request."""
        target.listed = True
        self._record(target, children)

    def _list_local(self, target: TargetDir) -> None:
        assert target.local_path is not None
        try:
            names = sorted(os.listdir(target.local_path))
        except OSError as e:
            raise CopyError(f"cannot read target directory '{target.local_path}': {e.strerror}") from None
        for i, name in enumerate(names):
            self.progress(f"examining {i + 1} of {len(names)}")
            path = os.path.join(target.local_path, name)
            target.existing[name] = "dir" if os.path.isdir(path) else "file"

    def _list_grid(self, target: TargetDir) -> None:
        cap = target.cap or target.read_cap
        assert cap is not None and self.client is not None
        try:
            children = self.client.list_dir(cap).children
        except GridError as e:
            raise CopyError(f"Error examining target '{target.display}': {e.reason or e}") from None
        self._record(target, children)

    def _record(self, target: TargetDir, children: dict[str, GridEntry]) -> None:
        for i, (name, entry) in enumerate(children.items()):
            self.progress(f"examining {i + 1} of {len(children)}")
            target.existing[name] = entry
