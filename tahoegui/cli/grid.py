"""`tahoegui-grid start|status|stop`: run a private grid on this computer."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from tahoegui.grid.localgrid import LocalGrid, LocalGridError, default_grid_dir
from tahoegui.version import add_version_option


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tahoegui-grid", description="Run a private Tahoe-LAFS grid on 127.0.0.1.")
    add_version_option(parser)
    sub = parser.add_subparsers(dest="command", required=True)
    for name, text in (
        ("start", "create if needed, start, and wait until uploads can work"),
        ("status", "tell whether the grid runs and how many servers are connected"),
        ("stop", "stop every process of the grid"),
    ):
        cmd = sub.add_parser(name, help=text)
        cmd.add_argument("--dir", type=Path, default=None, help=f"grid directory (default {default_grid_dir()})")
        if name == "start":
            cmd.add_argument("--storage-nodes", type=int, default=3, help="number of storage nodes (default 3)")
        if name in ("start", "status"):
            cmd.add_argument("--json", action="store_true", help="print JSON")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    grid = LocalGrid(args.dir or default_grid_dir(), getattr(args, "storage_nodes", 3))
    try:
        if args.command == "start":
            if grid.storage_nodes < 1:
                print("error: --storage-nodes must be at least 1", file=sys.stderr)
                return 2
            status = grid.start()
            if args.json:
                print(json.dumps({"node_dir": str(status.node_dir), "node_url": status.node_url}))
            else:
                print(f"node directory: {status.node_dir}")
                print(f"web API:        {status.node_url}")
                print(f"servers:        {status.connected} connected, {status.happy} needed")
        elif args.command == "status":
            status = grid.status()
            if args.json:
                print(json.dumps(status.to_json()))
            else:
                state = "running" if status.running else "stopped"
                print(f"{state}; {status.connected} of {status.happy} storage servers connected")
                if status.node_url:
                    print(f"web API: {status.node_url}")
            return 0 if status.running else 3
        else:
            grid.stop()
            print("stopped")
    except LocalGridError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except OSError as e:
        print(f"error: {e.strerror or e}: {e.filename or grid.base_dir}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
