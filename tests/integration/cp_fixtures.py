"""Helpers for the copier's acceptance tests: a node directory, running `tahoegui-cp`
in-process or as a program, the CopyOut grid tree, and snapshots of trees on both sides.

No pytest fixtures here (those live in conftest.py): plain functions and values that
test modules import.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from tahoegui.grid.client import GridClient

# ---- the `tahoe cp` error texts (cp-semantics.md) -----------------------------------------

E_TEXTS = {
    # E2 quotes the first source spec upstream; ours redacts a cap in it, so match up to "but".
    "E2-DESTNAME": "when copying into a directory, all source files must have names, but",
    "E4-NEED-R": "cannot copy directories without --recursive",
    "E5-DIRTOFILE": "cannot copy directory into a file",
    "E6-MANYONE": "copying multiple things requires target be a directory",
    "E7-BADSLASH": "target is not a directory, but ends with a slash",
    "E8-BADSLASH": "is not a directory, but ends with a slash",
    "E9-COLLIDING-TARGETS": "cannot copy multiple files with the same name into the same target directory",
}


def error_code_of(text: str) -> str | None:
    """Which E-code a message is, as upstream's CopyOut test recognises them."""
    text = text.strip()
    if E_TEXTS["E2-DESTNAME"] in text:
        return "E2-DESTNAME"
    if "source " in text and E_TEXTS["E8-BADSLASH"] in text and E_TEXTS["E7-BADSLASH"] not in text:
        return "E8-BADSLASH"
    for code in ("E4-NEED-R", "E5-DIRTOFILE", "E6-MANYONE", "E7-BADSLASH", "E9-COLLIDING-TARGETS"):
        if E_TEXTS[code] in text:
            return code
    return None


# ---- a node directory for `-d` ----------------------------------------------------------------


@dataclass
class NodeDir:
    """A throwaway node directory: `node.url` pointing at a running node, `private/aliases`."""

    path: Path
    node_url: str
    aliases: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        (self.path / "private").mkdir(parents=True, exist_ok=True)
        (self.path / "node.url").write_text(self.node_url.rstrip("/") + "/\n", encoding="utf-8")
        self._write_aliases()

    def add_alias(self, name: str, cap: str) -> None:
        self.aliases[name] = cap
        self._write_aliases()

    def _write_aliases(self) -> None:
        text = "".join(f"{name}: {cap}\n" for name, cap in self.aliases.items())
        (self.path / "private" / "aliases").write_text(text, encoding="utf-8")


# ---- running the CLI ---------------------------------------------------------------------


@dataclass
class CpRun:
    """One run of `tahoegui-cp`: exit code and what it wrote."""

    rc: int
    out: str
    err: str
    # Whatever went to sys.stdout/sys.stderr instead of the streams main() was given.
    stray_out: str = ""
    stray_err: str = ""
    raised_system_exit: bool = False

    def __str__(self) -> str:
        return f"rc={self.rc}\n--- stdout ---\n{self.out}--- stderr ---\n{self.err}"


def run_cp_in_process(argv: list[str]) -> CpRun:
    """`tahoegui.cli.cp.main(argv, stdout, stderr)` with both streams captured."""
    from tahoegui.cli.cp import main

    out, err = io.StringIO(), io.StringIO()
    stray_out, stray_err = io.StringIO(), io.StringIO()
    raised = False
    with contextlib.redirect_stdout(stray_out), contextlib.redirect_stderr(stray_err):
        try:
            rc = main(list(argv), out, err)
        except SystemExit as e:  # argparse's habit; the contract is to return the code
            raised = True
            rc = e.code if isinstance(e.code, int) else (0 if e.code is None else 2)
    return CpRun(
        rc=rc,
        out=out.getvalue() + stray_out.getvalue(),
        err=err.getvalue() + stray_err.getvalue(),
        stray_out=stray_out.getvalue(),
        stray_err=stray_err.getvalue(),
        raised_system_exit=raised,
    )


def console_script() -> str:
    """The installed `tahoegui-cp` program beside this Python."""
    return str(Path(sys.executable).parent / "tahoegui-cp")


def run_cp_program(argv: list[str], timeout: float = 120, env: dict[str, str] | None = None) -> CpRun:
    """Run the installed `tahoegui-cp` as a separate process."""
    proc = subprocess.run(
        [console_script(), *argv], capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL, env=env
    )
    return CpRun(rc=proc.returncode, out=proc.stdout, err=proc.stderr)


def assert_clean_error(run: CpRun, *, one_line: bool = True) -> str:
    """rc 1, nothing on stdout, and a readable error: no traceback, no cap. Answers the error."""
    assert run.rc == 1, str(run)
    assert run.out == "", str(run)
    assert "Traceback" not in run.err, str(run)
    assert "URI:" not in run.err and "URI%3A" not in run.err, str(run)
    text = run.err.strip()
    assert text, "an error must say something"
    if one_line:
        assert len(text.splitlines()) == 1, f"expected a one-line error:\n{run}"
    return text


def assert_no_caps(text: str) -> None:
    assert "URI:" not in text and "URI%3A" not in text, text
    assert "Traceback" not in text, text


# ---- the copier API ------------------------------------------------------------------------


@dataclass
class ApiRun:
    """One call of `tahoegui.copier.copy()` and every progress event it reported."""

    result: Any
    events: list[Any]


def run_copy_api(
    sources: list[str],
    target: str,
    *,
    client: GridClient | None,
    aliases: dict[str, str],
    recursive: bool = False,
    caps_only: bool = False,
    jobs: int | None = None,
    conflict: str | None = None,
    cancel: Any = None,
    on_event: Callable[[Any], None] | None = None,
) -> ApiRun:
    from tahoegui.copier import CopyOptions, copy

    kwargs: dict[str, Any] = {"recursive": recursive, "caps_only": caps_only}
    if jobs is not None:
        kwargs["jobs"] = jobs
    if conflict is not None:
        kwargs["conflict"] = conflict
    events: list[Any] = []

    def progress(event: Any) -> None:
        events.append(event)
        if on_event is not None:
            on_event(event)

    result = copy(
        sources, target, client=client, aliases=aliases, options=CopyOptions(**kwargs), progress=progress, cancel=cancel
    )
    return ApiRun(result=result, events=events)


def result_texts(result: Any) -> str:
    """A CopyResult's error and every item's source, target and reason, as one text."""
    return "\n".join([result.error or ""] + [f"{i.source} {i.target} {i.reason}" for i in result.items])


# ---- the CopyOut grid tree ------------------------------------------------------------------

FILE_CONTENTS = b"file text"
FILE_CONTENTS_5 = b"5"
FILE_CONTENTS_6 = b"6"
EXISTING_CONTENTS = b"existing file contents\n"


@dataclass(frozen=True)
class CopyOutTree:
    """upstream's CopyOut setup: $PARENTCAP with dir (= $DIRCAP = ALIAS:, holding `file`
    = $FILECAP), dir2/file2, dir3/file3, dir4/emptydir/, dir5/dir/collide, dir6/dir/collide."""

    filecap: str
    dircap: str
    parentcap: str
    dircap5: str
    dircap6: str
    alias: str = "ALIAS"

    def substitute(self, word: str) -> str:
        return (
            word.replace("$PARENTCAP", self.parentcap)
            .replace("$DIRCAP5", self.dircap5)
            .replace("$DIRCAP6", self.dircap6)
            .replace("$DIRCAP", self.dircap)
            .replace("$DIRALIAS", f"{self.alias}:")
            .replace("$FILECAP", self.filecap)
        )


def build_copyout_tree(client: GridClient) -> CopyOutTree:
    """Build the CopyOut tree with a handful of requests (directories born with their children)."""
    filecap = client.upload(FILE_CONTENTS)
    assert filecap.startswith("URI:LIT:"), "FILECAP must be a LIT, as upstream's"
    five, six = client.upload(FILE_CONTENTS_5), client.upload(FILE_CONTENTS_6)
    dircap = client.mkdir_with_children({"file": (filecap, {})})
    dir2 = client.mkdir_with_children({"file2": (filecap, {})})
    dir3 = client.mkdir_with_children({"file3": (filecap, {})})
    dir4 = client.mkdir_with_children({"emptydir": (client.mkdir(), {})})
    dircap5 = client.mkdir_with_children({"dir": (client.mkdir_with_children({"collide": (five, {})}), {})})
    dircap6 = client.mkdir_with_children({"dir": (client.mkdir_with_children({"collide": (six, {})}), {})})
    parentcap = client.mkdir_with_children(
        {
            "dir": (dircap, {}),
            "dir2": (dir2, {}),
            "dir3": (dir3, {}),
            "dir4": (dir4, {}),
            "dir5": (dircap5, {}),
            "dir6": (dircap6, {}),
        }
    )
    return CopyOutTree(filecap=filecap, dircap=dircap, parentcap=parentcap, dircap5=dircap5, dircap6=dircap6)


def copyout_results(top: Path) -> set[str]:
    """What is under `top` (named `to`), in the table's notation: `to/`, `to/dir/`, `to/file`
    (contents "file text"), `to/x=5`, `to/x=6`, `to/x=existing`; anything else `to/x=?...`."""
    results: set[str] = set()
    base = top.parent
    for dirpath, _dirnames, filenames in os.walk(top):
        here = Path(dirpath).relative_to(base).as_posix()
        results.add(here + "/")
        for fn in filenames:
            data = (Path(dirpath) / fn).read_bytes()
            name = f"{here}/{fn}"
            if data == FILE_CONTENTS:
                results.add(name)
            elif data == FILE_CONTENTS_5:
                results.add(name + "=5")
            elif data == FILE_CONTENTS_6:
                results.add(name + "=6")
            elif data == EXISTING_CONTENTS:
                results.add(name + "=existing")
            else:
                results.add(f"{name}=?{data[:40]!r}")
    return results


def with_parents(paths: Iterable[str]) -> set[str]:
    """`to/dir/file` -> {to/, to/dir/, to/dir/file}, as upstream's expectation is completed."""
    expected = set(paths)
    for p in list(expected):
        pieces = p.rstrip("/").split("/")
        for i in range(1, len(pieces)):
            expected.add("/".join(pieces[:i]) + "/")
    return expected


# ---- snapshots -----------------------------------------------------------------------------


def local_tree(root: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and directory (None, with a trailing `/`) below `root`.
    Symlinks are listed, not followed (their target as bytes prefixed `-> `)."""
    tree: dict[str, bytes | None] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        rel = Path(dirpath).relative_to(root)
        for d in dirnames:
            p = Path(dirpath) / d
            key = (rel / d).as_posix()
            tree[key + ("" if p.is_symlink() else "/")] = (b"-> " + os.readlink(p).encode()) if p.is_symlink() else None
        for f in filenames:
            p = Path(dirpath) / f
            key = (rel / f).as_posix()
            tree[key] = (b"-> " + os.readlink(p).encode()) if p.is_symlink() else p.read_bytes()
    return tree


def grid_tree(client: GridClient, cap: str, path: str = "", _seen: set[str] | None = None) -> dict[str, str]:
    """Every entry below a grid directory: `path` -> its best cap (directories end in `/`).
    A directory met twice is listed but not entered again."""
    seen = _seen if _seen is not None else set()
    listing = client.list_dir(cap, path)
    seen.add(listing.node.ro_uri or "")
    tree: dict[str, str] = {}
    for name, entry in sorted(listing.children.items()):
        child = f"{path}/{name}" if path else name
        if entry.is_dir:
            tree[child + "/"] = entry.best_cap or ""
            if entry.ro_uri not in seen and "/" not in name and name not in (".", "..", ""):
                tree.update(grid_tree(client, cap, child, seen))
        else:
            tree[child] = entry.best_cap or ""
    return tree


def node_statistics(node_url: str) -> dict[str, Any]:
    return requests.get(node_url.rstrip("/") + "/statistics", params={"t": "json"}, timeout=10).json()


def upload_counters(node_url: str) -> dict[str, int]:
    """The node's counters that move when bytes are stored: immutable uploads and mutable publishes."""
    counters = node_statistics(node_url).get("counters", {})
    return {
        k: v
        for k, v in counters.items()
        if k.startswith("uploader.") or k in ("mutable.files_published", "mutable.bytes_published")
    }


def immutable_upload_counters(node_url: str) -> dict[str, int]:
    counters = node_statistics(node_url).get("counters", {})
    return {k: counters.get(k, 0) for k in ("uploader.files_uploaded", "uploader.bytes_uploaded")}


def json_of(text: str) -> Any:
    return json.loads(text)
