"""A move: a copy job (the copier, `tahoe cp -r`), then the sources whose copy fully
succeeded are removed, in the same worker thread.

Each source is matched to its outcomes in `CopyResult.items`: an item belongs to a source
when the item's source or target is that source, or lies below it (`ItemResult` texts are
redacted, so the sources are compared redacted too; an item the planner refused names its
target in both fields). A source is removed only when none of its items failed or was
skipped, and only when the copy as a whole ran to its end: a cancelled copy, or one that
stopped with an error, removes nothing (files it had not reached yet are in no list). If a
problem can't be matched to a source, nothing is removed.

Removing: a grid source is unlinked from its folder (the object stays readable by its cap,
as after any unlink). A local file is deleted for good, not trashed: its bytes are safely
on the other side already, a move that filled the trash with a second copy of everything
would not free the disk it was meant to free, and `mv` and the desktops' own Move do the
same. A local folder goes file by file: exactly the files the copy reports as copied, then
each folder left empty, deepest first, so a file that appeared in it during the copy, or
one reached through a symbolic link, is left where it was (and the folder with it). A
symbolic link chosen as a source is itself removed, never what it points to.
"""

from __future__ import annotations

import dataclasses
import os
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QObject

from tahoegui.copier import CancelToken, CopyOptions, CopyResult, ItemResult, ProgressCallback
from tahoegui.copier import copy as copier_copy
from tahoegui.copier.naming import join_display, printable_name
from tahoegui.grid.client import GridClient
from tahoegui.grid.errors import GridError
from tahoegui.grid.redact import redact, redacting_repr
from tahoegui.jobs.copy_job import CopyFunction, CopyJob

NOT_FINISHED = "the copy did not finish, so nothing was removed"
UNMATCHED = "a problem of the copy could not be traced to one of the items, so nothing was removed"


@redacting_repr
@dataclass(frozen=True)
class MoveSource:
    """One thing to move: a local path, or a grid entry as `PARENTCAP/path/name`."""

    spec: str
    name: str

    @property
    def is_local(self) -> bool:
        return os.path.isabs(self.spec)

    @property
    def grid_place(self) -> tuple[str, str]:
        """A grid source as (root cap, path below it)."""
        root, _, path = self.spec.partition("/")
        return root, path.strip("/")

    @property
    def grid_parent(self) -> str:
        """The grid folder the source is in, as a `tahoe cp` argument."""
        root, path = self.grid_place
        parent = path.rsplit("/", 1)[0] if "/" in path else ""
        return f"{root}/{parent}" if parent else root


@dataclass
class MoveResult(CopyResult):
    """A copy's result, and what became of each source: removed, or kept (and why)."""

    removed: list[str] = field(default_factory=list)  # names
    kept: list[tuple[str, str]] = field(default_factory=list)  # name, why it is still where it was

    @classmethod
    def of_copy(cls, copied: CopyResult) -> MoveResult:
        return cls(**{f.name: getattr(copied, f.name) for f in dataclasses.fields(CopyResult)})

    @property
    def ok(self) -> bool:
        return super().ok and not self.kept


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _under(text: str, prefix: str) -> bool:
    return text == prefix or text.startswith(prefix + "/")


def settle(
    result: CopyResult, sources: Sequence[MoveSource], target: str
) -> tuple[list[MoveSource], list[tuple[MoveSource, str]]]:
    """Which sources may go (every item of theirs copied or linked), and which stay, with
    the first problem of each."""
    if result.cancelled or result.error is not None:
        return [], [(s, NOT_FINISHED) for s in sources]
    prefixes = {
        id(s): (
            _nfc(redact(s.spec.rstrip("/"))),
            _nfc(redact(join_display(target, printable_name(s.name)))),
        )
        for s in sources
    }
    problems: dict[int, ItemResult] = {}
    for item in result.items:
        if item.outcome not in ("failed", "skipped"):
            continue
        texts = [_nfc(t) for t in (item.source, item.target) if t]
        # every source it could belong to: two caps may redact alike (`<DIR2:abcd…>`)
        owners = [s for s in sources if any(_under(t, p) for t in texts for p in prefixes[id(s)])]
        if not owners:
            return [], [(s, UNMATCHED) for s in sources]
        for owner in owners:
            problems.setdefault(id(owner), item)
    removable = [s for s in sources if id(s) not in problems]
    kept = [(s, _problem_text(problems[id(s)])) for s in sources if id(s) in problems]
    return removable, kept


def _problem_text(item: ItemResult) -> str:
    what = "could not be copied" if item.outcome == "failed" else "was skipped"
    where = os.path.basename(item.source.rstrip("/")) or item.source
    return f"'{where}' {what}" + (f": {item.reason}" if item.reason else "")


# ---- removing ------------------------------------------------------------------------------


def _remove_local(source: MoveSource, copied: CopyResult) -> str | None:
    """Delete a local source whose copy succeeded; answer why something stayed, if it did."""
    path = source.spec.rstrip("/") or source.spec
    if os.path.islink(path) or not os.path.isdir(path):
        os.unlink(path)
        return None
    done = {item.source for item in copied.items if item.outcome in ("copied", "linked")}
    # os.walk never follows a symbolic link to a folder: what lies behind one stays
    for folder, _dirs, files in os.walk(path, topdown=False):
        for name in files:
            file_path = os.path.join(folder, name)
            if redact(file_path) in done:
                os.unlink(file_path)
        try:
            os.rmdir(folder)
        except OSError:
            pass  # not empty: something in it was not part of the copy
    if os.path.lexists(path):
        return "copied, but it holds things that were not part of the copy; they were left in place"
    return None


def _remove_grid(source: MoveSource, client: GridClient | None) -> str | None:
    root, path = source.grid_place
    if client is None or not path:
        raise ValueError("it has no folder to be removed from")
    client.unlink(root, path)
    return None


def remove_sources(
    result: MoveResult, sources: Sequence[MoveSource], target: str, client: GridClient | None
) -> MoveResult:
    """Remove the sources `settle` lets go; record each as removed or kept."""
    removable, kept = settle(result, sources, target)
    result.kept.extend((s.name, reason) for s, reason in kept)
    for source in removable:
        try:
            problem = _remove_local(source, result) if source.is_local else _remove_grid(source, client)
        except GridError as e:
            problem = f"copied, but it could not be unlinked: {e.reason or e}"
        except (OSError, ValueError) as e:
            reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
            problem = f"copied, but it could not be removed: {reason}"
        if problem is None:
            result.removed.append(source.name)
        else:
            result.kept.append((source.name, redact(problem)))
    return result


def move(
    sources: Sequence[MoveSource],
    target: str,
    *,
    client: GridClient | None,
    aliases: Mapping[str, str],
    options: CopyOptions,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    copy_fn: CopyFunction = copier_copy,
) -> MoveResult:
    """Copy `sources` into the folder `target` (`tahoe cp -r`), then remove each source
    whose copy fully succeeded. Never raises for expected failures, like the copier."""
    copied = copy_fn(
        [s.spec for s in sources],
        target,
        client=client,
        aliases=aliases,
        options=options,
        progress=progress,
        cancel=cancel or CancelToken(),
    )
    return remove_sources(MoveResult.of_copy(copied), sources, target, client)


class MoveJob(CopyJob):
    """A `CopyJob` whose work is a move: it queues, shows progress and cancels like a copy;
    its result is a `MoveResult`."""

    def __init__(
        self,
        sources: Sequence[MoveSource],
        target: str,
        description: str,
        *,
        client_factory: Callable[[], GridClient],
        aliases: Mapping[str, str],
        copy_fn: CopyFunction = copier_copy,
        options: CopyOptions | None = None,
        parent: QObject | None = None,
    ):
        moves = list(sources)

        def move_fn(_specs: list[str], target: str, **kwargs: object) -> MoveResult:
            return move(moves, target, copy_fn=copy_fn, **kwargs)  # type: ignore[arg-type]  # CopyJob's keywords

        super().__init__(
            [s.spec for s in moves],
            target,
            description,
            client_factory=client_factory,
            aliases=aliases,
            copy_fn=move_fn,
            options=options,
            parent=parent,
        )
        self.moves = moves
