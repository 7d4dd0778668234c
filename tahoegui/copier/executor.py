"""Executing a CopyPlan: transfers run concurrently; grid directories are created
bottom-up, each with all its children in one request, and only after every upload
into it has finished. Cancelling stops the transfers and links nothing."""

from __future__ import annotations

import logging
import os
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from contextlib import contextmanager

from tahoegui.copier import ranged
from tahoegui.copier.naming import join_display
from tahoegui.copier.options import CopyOptions
from tahoegui.copier.plan import CopyPlan, FileCopy, TargetDir
from tahoegui.copier.progress import CancelToken, CopyCancelled
from tahoegui.copier.reporter import ProgressReporter
from tahoegui.copier.result import MAYBE_REPLACED, CopyResult, ItemResult, Outcome
from tahoegui.copier.sources import GridFileSource, LocalFileSource, source_mtime
from tahoegui.copier.transfer import (
    CountingReader,
    SourceChangedError,
    counted,
    requests_broken_off_by,
    source_chunks,
    write_local_atomically,
)
from tahoegui.grid.client import ChildLink, GridClient, nfc
from tahoegui.grid.errors import GridError, NodeUnreachableError, UnhappyUploadError, internal_error
from tahoegui.grid.redact import redact
from tahoegui.grid.signing_keys import SigningKeyPool
from tahoegui.grid.types import UploadBody

log = logging.getLogger(__name__)

# The node answers an upload only after encoding and storing it: allow for that.
UPLOAD_BASE_TIMEOUT = 300.0
UPLOAD_SECONDS_PER_MIB = 1.0


class Executor:
    """Runs one plan once; collects a CopyResult."""

    def __init__(
        self,
        client: GridClient | None,
        plan: CopyPlan,
        options: CopyOptions,
        reporter: ProgressReporter,
        cancel: CancelToken,
        keys: SigningKeyPool | None = None,
    ):
        self.client = client
        self.keys = keys
        self.plan = plan
        self.options = options
        self.reporter = reporter
        self.cancel = cancel
        self.result = CopyResult()
        self.caps: dict[int, str] = {}  # id(FileCopy) -> cap to link, for grid targets
        # grid files whose bytes are on the grid but which count only once linked
        self._awaiting_link: list[ItemResult] = []
        self._linked = False
        self._fatal: str | None = None

    # ---- the whole copy -------------------------------------------------------------

    def run(self) -> CopyResult:
        self._record_refusals()
        files = self.plan.files()
        self.reporter.set_totals(
            len(files), self.plan.dirs_total, self.plan.bytes_total, sizes_pending=self.plan.sizes_unknown
        )
        if self.plan.single is None:
            self.reporter.say(f"starting copy, {len(files)} files, {self.plan.dirs_total} directories", "copying")
            try:
                self._make_local_dirs()
            except OSError as e:
                return self._finish(error=redact(f"cannot create directory '{e.filename}': {e.strerror}"))
        else:
            self.reporter.set_phase("copying")
        # A transfer blocked on a slow node is broken off by a cancel; linking never is, so
        # a folder is either written whole or not at all.
        with requests_broken_off_by(self.cancel, self.client):
            self._transfer_all(files)
        if self._fatal:
            return self._finish(error=self._fatal)
        if self.cancel.cancelled:
            self.result.cancelled = True
            return self._finish()
        self.reporter.set_phase("finishing")
        try:
            self._link_all()
            self._linked = True
        except GridError as e:
            return self._finish(error=str(e))
        except Exception as e:
            log.exception("linking the copied files failed unexpectedly")
            return self._finish(error=internal_error(e))
        return self._finish()

    def _finish(self, error: str | None = None) -> CopyResult:
        for item in self._awaiting_link:
            if self._linked:
                self.result.items.append(item)
            else:  # the copy stopped before its folder was written: the upload is unreachable
                self.result.items.append(
                    ItemResult(
                        item.source,
                        item.target,
                        "skipped",
                        "not linked: the copy stopped before its folder was written",
                    )
                )
        self.result.error = error
        if self.result.ok:
            self.result.success_message = self._success_message()
        self.reporter.set_phase("done")
        return self.result

    def _success_message(self) -> str:
        single = self.plan.single
        if single is not None:
            return "file linked" if single.action == "link" else "file copied"
        if self.plan.is_empty:
            return "nothing to copy"
        return "files copied"

    def _record_refusals(self) -> None:
        for skipped in self.plan.skipped:
            outcome: Outcome = "failed" if skipped.is_error else "skipped"
            self.result.items.append(ItemResult(skipped.display, "", outcome, skipped.reason))
        for display, reason in self.plan.refused:
            self.result.items.append(ItemResult(display, "", "failed", reason))

    def _make_local_dirs(self) -> None:
        for d in self.plan.directories():
            if d.is_local and not d.exists:
                os.makedirs(d.local_path or "", exist_ok=True)

    # ---- transfers ------------------------------------------------------------------

    def _transfer_all(self, files: list[FileCopy]) -> None:
        jobs = max(1, self.options.jobs)
        with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="tahoegui-copy") as pool:
            pending: dict[Future[None], FileCopy] = {}
            queue = deque(files)
            while queue or pending:
                while queue and len(pending) < jobs and not self._stopping():
                    item = queue.popleft()
                    if item.action == "link":  # no I/O: not worth a thread hop
                        self._transfer_one(item)
                        continue
                    pending[pool.submit(self._transfer_one, item)] = item
                if not pending:
                    break
                done, _ = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                for future in done:
                    item = pending.pop(future)
                    if (exc := future.exception()) is not None:  # _transfer_one reports everything; be sure
                        self._failed(item, internal_error(exc))
                if self._stopping():
                    queue.clear()

    def _stopping(self) -> bool:
        return self.cancel.cancelled or self._fatal is not None

    def _transfer_one(self, item: FileCopy) -> None:
        try:
            self.reporter.started(item.display)
            self._do_transfer(item)
        except CopyCancelled:
            return
        except Exception as e:
            if not self.cancel.cancelled:
                self._transfer_failed(item, e)
            else:  # broken off by the cancel (GridClient.interrupt): not the file's failure
                log.debug("a transfer ended by the cancel: %s", e, exc_info=e)
                if item.action == "update":  # the whole new version may have reached the node
                    self.result.items.append(ItemResult(item.source.display, item.display, "skipped", MAYBE_REPLACED))
            return
        outcome: Outcome = "linked" if item.action == "link" else "copied"
        done = ItemResult(item.source.display, item.display, outcome, size=item.source.size if item.moves_bytes else 0)
        if item.local_path is None and item.action != "update":
            self._awaiting_link.append(done)
        else:
            self.result.items.append(done)
        self.reporter.file_done(announce=self.plan.single is None)

    def _transfer_failed(self, item: FileCopy, e: Exception) -> None:
        if isinstance(e, (NodeUnreachableError, UnhappyUploadError)):
            self._fatal = str(e)  # nothing else can succeed either: stop, and link nothing
            self._failed(item, str(e))
        elif isinstance(e, (GridError, SourceChangedError)):
            self._failed(item, str(e))
        elif isinstance(e, OSError):
            self._failed(item, e.strerror or str(e))
        else:  # a bug of ours must still show up as this file's failure
            log.error("copying one file failed unexpectedly", exc_info=e)
            self._failed(item, internal_error(e))

    def _failed(self, item: FileCopy, reason: str) -> None:
        self.result.items.append(ItemResult(item.source.display, item.display, "failed", reason))

    def _do_transfer(self, item: FileCopy) -> None:
        if item.local_path is not None:
            if self._in_ranges(item):
                assert isinstance(item.source, GridFileSource) and item.source.entry.ro_uri
                cap, client = item.source.entry.ro_uri, self._client()
                ranged.write_local_in_parts(
                    item.local_path,
                    item.source.size,
                    lambda first, last: client.download(cap, start=first, end=last),
                    self.reporter.add_bytes,
                    self.cancel,
                    source_mtime(item.source),
                    parts=ranged.RANGED_PARTS,
                )
                return
            with source_chunks(
                item.source, self.client, item.action == "caps", on_size=self.reporter.size_learned
            ) as chunks:
                mtime = None if item.action == "caps" else source_mtime(item.source)
                write_local_atomically(item.local_path, counted(chunks, self.reporter.add_bytes, self.cancel), mtime)
            return
        client = self._client()
        if item.action == "link":
            assert isinstance(item.source, GridFileSource)
            self.caps[id(item)] = item.source.entry.ro_uri or ""
            return
        timeout = UPLOAD_BASE_TIMEOUT + UPLOAD_SECONDS_PER_MIB * item.source.size / 2**20
        with self._body(item) as body:
            if item.action == "update":
                assert item.existing is not None and item.existing.rw_uri is not None
                # in place: the caps stay the same; the directory link is refreshed (mtime) later
                client.upload_to(item.existing.rw_uri, "", body, read_timeout=timeout)
                self.caps[id(item)] = item.existing.rw_uri
                return
            fmt = "CHK"
            if isinstance(item.source, GridFileSource) and item.source.mutable and item.action != "caps":
                fmt = item.source.entry.format or "SDMF"  # a mutable file stays mutable
            self.caps[id(item)] = client.upload(body, fmt=fmt, read_timeout=timeout)

    @staticmethod
    def _in_ranges(item: FileCopy) -> bool:
        """A large immutable grid file downloads faster as parallel ranges (ranged.py)."""
        source = item.source
        return (
            isinstance(source, GridFileSource)
            and item.action != "caps"
            and not source.mutable
            and source.entry.ro_uri is not None
            and source.size >= ranged.RANGED_MIN_SIZE
        )

    @contextmanager
    def _body(self, item: FileCopy) -> Iterator[UploadBody]:
        """A streamed request body for the item's bytes: a sized reader for local files
        (Content-Length is their size when opened), a chunked generator for grid bytes."""
        if isinstance(item.source, LocalFileSource) and item.action != "caps":
            with open(item.source.path, "rb") as f:
                size = os.fstat(f.fileno()).st_size
                yield CountingReader(f, size, self.reporter.add_bytes, self.cancel)
            return
        with source_chunks(
            item.source, self.client, item.action == "caps", on_size=self.reporter.size_learned
        ) as chunks:
            yield counted(chunks, self.reporter.add_bytes, self.cancel)

    # ---- linking --------------------------------------------------------------------

    def _link_all(self) -> None:
        single, root = self.plan.single, self.plan.root
        if single is not None:
            point = self.plan.single_link
            if point is not None and id(single) in self.caps:
                self._ensure_parent(point.rootcap, point.parent_path, point.parent_exists)
                self._client().set_children(
                    point.rootcap, {point.name: self._child_link(single)}, path=point.parent_path
                )
            return
        if root is None:
            return  # every file was skipped
        if root.is_local:
            for d in self.plan.directories():
                if d.files:
                    self.reporter.dir_done()
            return
        point = self.plan.root_link
        if point is not None:
            self._ensure_parent(point.rootcap, point.parent_path, point.parent_exists)
        self._publish_tree(root)

    def _publish_tree(self, root: TargetDir) -> None:
        """Link everything below `root`, deepest directories first. Directories of the same
        depth do not depend on each other, so they are published concurrently (creating a
        directory costs the node a key generation, which it can do on several cores)."""
        levels: list[list[TargetDir]] = []

        def collect(d: TargetDir, depth: int) -> None:
            if len(levels) <= depth:
                levels.append([])
            levels[depth].append(d)
            for sub in d.subdirs.values():
                collect(sub, depth + 1)

        collect(root, 0)
        new_caps: dict[int, str] = {}
        with ThreadPoolExecutor(max_workers=max(1, self.options.jobs), thread_name_prefix="tahoegui-link") as pool:
            for level in reversed(levels):
                for d, cap in zip(level, pool.map(lambda d: self._publish_dir(d, new_caps), level), strict=True):
                    if cap is not None:
                        new_caps[id(d)] = cap

    def _publish_dir(self, d: TargetDir, new_caps: dict[int, str]) -> str | None:
        """One request for one directory: set_children on an existing one, mkdir-with-children
        for a new one (whose new subdirectories are already in `new_caps`). Answers the cap
        of a new directory."""
        children: dict[str, ChildLink] = {}
        for item in d.files:
            if id(item) in self.caps:
                children[item.name] = self._child_link(item)
        for name, sub in d.subdirs.items():
            if id(sub) in new_caps:
                children[name] = (new_caps[id(sub)], {})
        for name, linked in d.dir_links.items():
            children[name] = (linked.entry.ro_uri or "", dict(linked.entry.metadata))
        client = self._client()
        if d.exists:
            assert d.cap is not None
            client.set_children(d.cap, children)
            new_cap = None
        else:
            # mkdir-with-children keeps the link times we give (set_children makes its own)
            now = time.time()
            stamped = {
                name: (cap, {**meta, "tahoe": {"linkcrtime": now, "linkmotime": now}})
                for name, (cap, meta) in children.items()
            }
            point = self.plan.root_link if d is self.plan.root else None
            key = self.keys.take() if self.keys is not None else None
            if point is not None and key is None:  # the node makes the key and links the directory
                new_cap = client.mkdir_with_children(
                    stamped, dircap=point.rootcap, path=point.parent_path, name=point.name
                )
            else:
                new_cap = client.mkdir_with_children(stamped, signing_key=key)
                if point is not None:  # linked last, refusing a name taken meanwhile as the node would
                    client.attach(
                        point.rootcap,
                        "/".join(filter(None, (point.parent_path, nfc(point.name)))),
                        new_cap,
                        replace=False,
                    )
        for name, linked in d.dir_links.items():
            self.result.items.append(ItemResult(linked.display, join_display(d.display, name), "linked"))
        if d.files:
            self.reporter.dir_done()
        return new_cap

    def _child_link(self, item: FileCopy) -> ChildLink:
        metadata: dict[str, object] = {}
        if isinstance(item.source, GridFileSource):
            metadata.update(item.source.entry.metadata)
        mtime = source_mtime(item.source)
        if mtime is not None and item.action != "caps":
            metadata["mtime"] = mtime
        return self.caps[id(item)], metadata

    def _ensure_parent(self, rootcap: str, parent_path: str, exists: bool) -> None:
        if not exists and parent_path:
            self._client().mkdir(rootcap, parent_path)

    def _client(self) -> GridClient:
        assert self.client is not None
        return self.client
