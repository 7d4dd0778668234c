"""`tahoegui-cp`: a drop-in for `tahoe cp`, with --jobs, --conflict and --json.

Only light modules load before the arguments are read: a recursive copy into the grid
starts making signing keys for its new directories on a spare core first, while the
HTTP client and the copier load (about 0.25 s here; see grid/signing_keys.py).
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from tahoegui.copier.options import CONFLICT_POLICIES, DEFAULT_JOBS
from tahoegui.grid.signing_keys import SigningKeyPool
from tahoegui.version import add_version_option

if TYPE_CHECKING:
    from tahoegui.copier import CancelToken, ProgressCallback, ProgressEvent
    from tahoegui.grid.client import GridClient
    from tahoegui.grid.nodedir import NodeDirectory

# keys ordered before anything is known but the arguments: what a spare core makes while
# the program loads; the scan orders the rest, and unused ones are dropped
KEYS_WHILE_LOADING = 4


# what signal.signal() answers: a handler, SIG_DFL/SIG_IGN, or None (set outside Python)
_SignalHandler = Callable[[int, FrameType | None], Any] | int | signal.Handlers | None


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # raise instead of exiting, so main() decides
        raise _UsageError(message)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="tahoegui-cp",
        usage="%(prog)s [options] FROM.. TO",
        description="Copy files or directories into, out of, or within a Tahoe-LAFS grid, as 'tahoe cp' does.",
    )
    add_version_option(p)
    p.add_argument("-r", "--recursive", action="store_true", help="copy source directories recursively")
    p.add_argument(
        "-c",
        "--caps-only",
        action="store_true",
        help="when copying to local files, write out filecaps instead of actual data",
    )
    p.add_argument("-v", "--verbose", action="store_true", help="be noisy about what is happening")
    p.add_argument("-q", "--quiet", action="store_true", help="do not print the success line")
    p.add_argument("-u", "--node-url", help="the node's web-API URL (default: NODEDIR/node.url)")
    p.add_argument(
        "-d", "--node-directory", type=Path, default=None, help="the node's base directory (default ~/.tahoe)"
    )
    p.add_argument("--jobs", type=int, default=DEFAULT_JOBS, help=f"transfers at once (default {DEFAULT_JOBS})")
    p.add_argument(
        "--conflict",
        choices=CONFLICT_POLICIES,
        default="overwrite",
        help="when a target file exists: overwrite (default, as tahoe cp), skip, rename, newer, error",
    )
    p.add_argument("--json", action="store_true", help="print a JSON summary instead of the success line")
    p.add_argument("paths", nargs="*", metavar="FROM.. TO")
    return p


def main(argv: list[str] | None = None, stdout: TextIO | None = None, stderr: TextIO | None = None) -> int:
    """Run `tahoegui-cp` with `argv` (default sys.argv[1:]); answers the exit code."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(sys.argv[1:] if argv is None else argv)
        if len(args.paths) < 2:
            raise _UsageError("need at least one source and a target")
        if args.jobs < 1:
            raise _UsageError("--jobs must be at least 1")
    except _UsageError as e:
        print(parser.format_usage().rstrip(), file=err)
        print(f"tahoegui-cp: error: {e}", file=err)
        return 2

    keys = _early_keys(args)
    # the heavy part of the program loads now, while the first keys are being made
    from tahoegui.copier import CancelToken, CopyOptions, copy
    from tahoegui.copier.naming import printable_name
    from tahoegui.grid.nodedir import NodeDirectory, default_node_dir
    from tahoegui.logs import configure_logging

    configure_logging(err)  # alias problems and unexpected errors: one line each
    node_dir = NodeDirectory(args.node_directory or default_node_dir())
    aliases_file = node_dir.read_aliases()
    client = _client(args.node_url, node_dir, pool_size=max(16, 2 * args.jobs + 4))

    cancel = CancelToken()
    previous_handler = _cancel_on_interrupt(cancel)
    progress = _verbose_printer(err) if args.verbose and not args.quiet else None
    options = CopyOptions(recursive=args.recursive, caps_only=args.caps_only, jobs=args.jobs, conflict=args.conflict)
    try:
        result = copy(
            args.paths[:-1],
            args.paths[-1],
            client=client,
            aliases=aliases_file.aliases,
            options=options,
            progress=progress,
            cancel=cancel,
            keys=keys,
        )
    except KeyboardInterrupt:  # a second Ctrl-C: stop waiting for the transfers to wind down
        print("interrupted", file=err)
        return 130
    finally:
        if client is not None:
            client.close()
        if previous_handler is not None:
            signal.signal(signal.SIGINT, previous_handler)

    for item in result.items:
        if item.outcome == "failed":
            print(f"error: {printable_name(item.target or item.source)}: {item.reason}", file=err)
        elif item.outcome == "skipped" and not args.quiet:
            print(f"skipped {printable_name(item.source)}: {item.reason}", file=err)
    if result.error:
        print(printable_name(result.error), file=err)
    if result.cancelled:
        print("cancelled", file=err)
    if args.json:
        print(json.dumps(result.to_json(), indent=1), file=out)
    elif result.ok and not args.quiet:
        print(f"Success: {result.success_message}", file=out)
    return result.exit_code


def _early_keys(args: argparse.Namespace) -> SigningKeyPool | None:
    """A key pool already at work when the arguments say a recursive copy into the grid
    (`alias:…` or a cap: the first path segment has a colon)."""
    target = args.paths[-1]
    if not args.recursive or args.caps_only or ":" not in target.split("/", 1)[0]:
        return None
    keys = SigningKeyPool()
    keys.expect_more(KEYS_WHILE_LOADING)
    return keys


def _client(node_url: str | None, node_dir: NodeDirectory, pool_size: int) -> GridClient | None:
    """A client for -u URL, else NODEDIR/node.url; None when neither names a node
    (a purely local copy still works; a grid argument then gets a clear error)."""
    url = node_url or node_dir.node_url()
    return node_dir.client(url, pool_size=pool_size) if url else None


def _verbose_printer(err: TextIO) -> ProgressCallback:
    def show(event: ProgressEvent) -> None:
        if event.new_message and event.message:
            print(event.message, file=err)

    return show


def _cancel_on_interrupt(cancel: CancelToken) -> _SignalHandler:
    """Ctrl-C cancels the copy cleanly (no partial files) instead of killing it mid-write.
    Answers the previous handler, to be put back afterwards."""
    if threading.current_thread() is not threading.main_thread():
        return None

    def first_interrupt(*_: object) -> None:
        signal.signal(signal.SIGINT, signal.default_int_handler)  # the next one interrupts for real
        # Not here: a signal handler runs in the main thread between two bytecodes, maybe
        # while that thread holds a lock the cancel's listeners need.
        threading.Thread(target=cancel.cancel, name="tahoegui-cancel", daemon=True).start()

    return signal.signal(signal.SIGINT, first_interrupt)


if __name__ == "__main__":
    sys.exit(main())
