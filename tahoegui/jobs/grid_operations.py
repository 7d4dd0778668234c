"""The file manager's grid writes, off the UI thread: a new folder, a rename, unlinking,
moving entries between folders (relink), linking a cap under a name, and the aliases that
name root folders.

Each function submits one blocking call to the `BackgroundRunner` and returns at once;
`on_done` or `on_error` is called later on the UI thread. Errors arrive as one sentence in
the user's words (`Could not rename 'a' to 'b': …`), redacted like every GridError. Nothing
here ever replaces an existing name: new folders and links are made with replace=false, so
the node answers 409 instead of overwriting. No widgets: ask the user first, then call.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from tahoegui.grid.aliases import alias_name_problem
from tahoegui.grid.caps import CapError, parse
from tahoegui.grid.client import GridClient
from tahoegui.grid.errors import ConflictError, GridError, ReadOnlyError
from tahoegui.grid.nodedir import DEFAULT_ALIAS, NodeDirectory
from tahoegui.grid.redact import redacting_repr
from tahoegui.jobs.background import BackgroundRunner

T = TypeVar("T")
Failed = Callable[[str], None]


class OperationError(GridError):
    """An operation refused or failed, said the way the user would put it."""

    def __init__(self, action: str, reason: str = ""):
        super().__init__(action, reason, None)


@redacting_repr
@dataclass(frozen=True)
class GridFolder:
    """A grid folder as the tree knows it: a root cap and the path below it."""

    root_cap: str
    path: str = ""

    def child(self, name: str) -> str:
        return f"{self.path}/{name}" if self.path else name


def _reason(e: GridError, name: str) -> str:
    if isinstance(e, ConflictError):
        return f"there is already something named '{name}' there"
    if isinstance(e, ReadOnlyError):
        return "the folder is read-only"
    return e.reason or e.message


def _run(
    runner: BackgroundRunner,
    action: str,
    name: str,
    work: Callable[[], T],
    on_done: Callable[[T], None],
    on_error: Failed,
) -> None:
    def guarded() -> T:
        try:
            return work()
        except GridError as e:
            raise OperationError(action, _reason(e, name)) from None
        except (OSError, ValueError, LookupError) as e:  # the aliases file, a bad name or cap
            reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
            raise OperationError(action, reason) from None

    runner.submit(guarded, on_done, on_error)


# ---- folders and names ------------------------------------------------------------------


def make_folder(
    runner: BackgroundRunner,
    client: GridClient,
    folder: GridFolder,
    name: str,
    on_done: Callable[[str], None],
    on_error: Failed,
) -> None:
    """A new empty folder `name` in `folder`; `on_done` hears its cap.

    Made by `t=mkdir-with-children` with a name, which never replaces: the plain `t=mkdir`
    replaces an existing child by default, and the path form answers an existing folder as
    if it were new."""
    _run(
        runner,
        f"Could not create folder '{name}'",
        name,
        lambda: client.mkdir_with_children({}, folder.root_cap, name, path=folder.path),
        on_done,
        on_error,
    )


def rename(
    runner: BackgroundRunner,
    client: GridClient,
    folder: GridFolder,
    old: str,
    new: str,
    on_done: Callable[[None], None],
    on_error: Failed,
) -> None:
    """Rename `old` to `new` within `folder`, never over an existing `new` (replace=false)."""
    _run(
        runner,
        f"Could not rename '{old}' to '{new}'",
        new,
        lambda: client.rename(folder.root_cap, old, new, path=folder.path, replace=False),
        on_done,
        on_error,
    )


@dataclass
class UnlinkResult:
    """What an unlink of several names did: each name is in one of the two lists."""

    folder: GridFolder
    unlinked: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # name, reason


def unlink(
    runner: BackgroundRunner,
    client: GridClient,
    folder: GridFolder,
    names: list[str],
    on_done: Callable[[UnlinkResult], None],
    on_error: Failed,
) -> None:
    """Unlink each of `names` from `folder`, one request each; one failure does not stop
    the others. The objects themselves stay on the grid, readable by whoever holds a cap."""

    def work() -> UnlinkResult:
        result = UnlinkResult(folder)
        for name in names:
            if "/" in name:  # the path would name something else: `a/b` inside folder `a`
                result.failed.append((name, "its name contains '/', which can't be addressed"))
                continue
            try:
                client.unlink(folder.root_cap, folder.child(name))
            except GridError as e:
                result.failed.append((name, _reason(e, name)))
            else:
                result.unlinked.append(name)
        return result

    _run(runner, "Could not delete", "", work, on_done, on_error)


@dataclass
class RelinkResult:
    """What a move within the grid did: each name is in one of the two lists."""

    target: GridFolder
    moved: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # name, reason


def relink(
    runner: BackgroundRunner,
    client: GridClient,
    moves: list[tuple[GridFolder, str]],
    target: GridFolder,
    on_done: Callable[[RelinkResult], None],
    on_error: Failed,
) -> None:
    """Move each (folder, name) into `target` under the same name by `t=relink`: the entry
    keeps its cap and its metadata, no bytes move, and nothing is left under the old name.
    Never over an existing name (replace=false: the node answers 409 and leaves the source
    in place). One request each; one failure does not stop the others."""

    def work() -> RelinkResult:
        result = RelinkResult(target)
        for folder, name in moves:
            if "/" in name:
                result.failed.append((name, "its name contains '/', which can't be addressed"))
                continue
            try:
                client.relink(folder.root_cap, name, target.root_cap, target.path, path=folder.path, replace=False)
            except GridError as e:
                result.failed.append((name, _reason(e, name)))
            else:
                result.moved.append(name)
        return result

    _run(runner, "Could not move", "", work, on_done, on_error)


def attach(
    runner: BackgroundRunner,
    client: GridClient,
    folder: GridFolder,
    name: str,
    cap: str,
    on_done: Callable[[None], None],
    on_error: Failed,
) -> None:
    """Link an existing object by its cap as `name` in `folder`, never over an existing name."""
    _run(
        runner,
        f"Could not link '{name}'",
        name,
        lambda: client.attach(folder.root_cap, folder.child(name), cap.strip(), replace=False),
        on_done,
        on_error,
    )


# ---- aliases ----------------------------------------------------------------------------


def _check_alias_name(name: str, existing: set[str] | None = None) -> None:
    problem = alias_name_problem(name)
    if problem is not None:
        raise ValueError(problem)
    if existing is not None and name in existing:
        raise ValueError(f"there is already an alias named '{name}'")


def new_alias(
    runner: BackgroundRunner,
    client: GridClient,
    node_dir: NodeDirectory,
    name: str,
    on_done: Callable[[str], None],
    on_error: Failed,
) -> None:
    """A new empty directory on the grid, added as alias `name` to `private/aliases`;
    `on_done` hears the directory's cap."""

    def work() -> str:
        _check_alias_name(name, set(node_dir.read_aliases().aliases))
        cap = client.mkdir()
        node_dir.add_alias(name, cap)
        return cap

    _run(runner, f"Could not create alias '{name}'", name, work, on_done, on_error)


def add_alias(
    runner: BackgroundRunner,
    node_dir: NodeDirectory,
    name: str,
    cap: str,
    on_done: Callable[[str], None],
    on_error: Failed,
) -> None:
    """Add an existing directory cap as alias `name`; `on_done` hears the cap as stored."""

    def work() -> str:
        _check_alias_name(name, set(node_dir.read_aliases().aliases))
        try:
            is_directory = parse(cap).is_directory
        except CapError:
            raise ValueError("that is not a cap") from None
        if not is_directory:
            raise ValueError("an alias must name a directory, and that cap is not one")
        node_dir.add_alias(name, cap.strip())
        return cap.strip()

    _run(runner, f"Could not add alias '{name}'", name, work, on_done, on_error)


def rename_alias(
    runner: BackgroundRunner,
    node_dir: NodeDirectory,
    old: str,
    new: str,
    on_done: Callable[[None], None],
    on_error: Failed,
) -> None:
    """Rename alias `old` to `new` in `private/aliases` (the directory is untouched)."""

    def work() -> None:
        try:
            node_dir.rename_alias(old, new)
        except LookupError:
            raise ValueError(_not_in_file(node_dir, old)) from None

    _run(runner, f"Could not rename alias '{old}'", new, work, on_done, on_error)


def remove_alias(
    runner: BackgroundRunner,
    node_dir: NodeDirectory,
    name: str,
    on_done: Callable[[str], None],
    on_error: Failed,
) -> None:
    """Remove alias `name` from `private/aliases`; the directory stays on the grid.
    `on_done` hears the cap the alias held."""

    def work() -> str:
        try:
            return node_dir.remove_alias(name)
        except LookupError:
            raise ValueError(_not_in_file(node_dir, name)) from None

    _run(runner, f"Could not remove alias '{name}'", name, work, on_done, on_error)


def _not_in_file(node_dir: NodeDirectory, name: str) -> str:
    if name == DEFAULT_ALIAS and node_dir.root_dir_cap_path.exists():
        return f"'{name}' comes from private/root_dir.cap, not from the aliases file"
    return f"the aliases file has no alias '{name}' (it may have changed meanwhile)"
