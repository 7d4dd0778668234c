"""Record the node answers that tests/unit/grid parses, from a real Tahoe-LAFS node.

    .venv/bin/python tests/unit/grid/data/record.py            # on a private grid of its own
    .venv/bin/python tests/unit/grid/data/record.py -u URL     # on a running node (writes to it)

It builds one directory holding every kind of child the grid pane and the copier meet (an
immutable file, a LIT file, SDMF and MDMF mutable files, a subdirectory, an immutable
directory, an object of unknown kind, a non-ASCII name, user metadata) and saves the node's
answers byte for byte, next to this script:

    directory.json      GET /uri/DIRCAP?t=json            the listing
    directory-ro.json   GET /uri/DIR-RO-CAP?t=json        the same through its read cap
    file-chk.json       GET /uri/DIRCAP/big.bin?t=json    a file by path (immutable)
    file-mdmf.json      GET /uri/MDMFCAP?t=json           a file by bare cap (mutable)
    welcome.json        GET /?t=json                      the welcome page: servers and their state
    check.json          POST /uri/DIRCAP/big.bin?t=check&output=JSON

Caps in them belong to a throwaway test grid: harmless. The tests check the answers' shape,
not their caps or times, so re-recording needs no test change unless the node's answers do.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[3]))  # this checkout's tahoegui

import requests  # noqa: E402

from tahoegui.grid.client import GridClient  # noqa: E402
from tahoegui.grid.testing import running_grid  # noqa: E402

UNKNOWN = "x-tahoe-crazy://from-the-future"
MTIME = 1_234_567_890.5


def build_directory(client: GridClient) -> dict[str, str]:
    """The directory to list, and the caps the answers are fetched by."""
    root = client.mkdir()
    client.upload_to(root, "big.bin", b"immutable bytes, more than a LIT cap holds\n" * 100)
    client.upload_to(root, "tiny.txt", b"lit")
    sdmf = client.upload_to(root, "sdmf.txt", b"an SDMF mutable file\n", fmt="SDMF")
    mdmf = client.upload_to(root, "mdmf.txt", b"an MDMF mutable file\n", fmt="MDMF")
    client.upload_to(root, "sub/inside.txt", b"in a subdirectory\n")
    frozen = client.mkdir_with_children({"kept.txt": (client.upload(b"kept\n" * 20), {})}, immutable=True)
    client.set_children(
        root,
        {
            "frozen": (frozen, {}),
            "future": (UNKNOWN, {}),
            "café.txt": (client.upload(b"a name that is not ASCII\n" * 5), {"mtime": MTIME, "note": "user metadata"}),
        },
    )
    return {"root": root, "root_ro": client.list_dir(root).node.ro_uri or "", "sdmf": sdmf, "mdmf": mdmf}


def record(node_url: str, client: GridClient) -> None:
    caps = build_directory(client)
    base = node_url.rstrip("/")
    session = requests.Session()
    session.trust_env = False

    def uri(cap: str, path: str = "") -> str:
        return f"{base}/uri/{quote(cap, safe='')}" + (f"/{quote(path)}" if path else "")

    answers = {
        "directory.json": ("GET", uri(caps["root"]), {"t": "json"}),
        "directory-ro.json": ("GET", uri(caps["root_ro"]), {"t": "json"}),
        "file-chk.json": ("GET", uri(caps["root"], "big.bin"), {"t": "json"}),
        "file-mdmf.json": ("GET", uri(caps["mdmf"]), {"t": "json"}),
        "welcome.json": ("GET", base + "/", {"t": "json"}),
        "check.json": ("POST", uri(caps["root"], "big.bin"), {"t": "check", "output": "JSON"}),
    }
    for name, (method, url, params) in answers.items():
        resp = session.request(method, url, params=params, timeout=60)
        resp.raise_for_status()
        resp.json()  # it is JSON
        (HERE / name).write_bytes(resp.content)
        print(f"{name}: {len(resp.content)} bytes")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-u", "--node-url", help="a running node (default: start a private grid)")
    args = parser.parse_args()
    if args.node_url:
        client = GridClient(args.node_url)
        try:
            record(args.node_url, client)
        finally:
            client.close()
        return
    with running_grid() as grid:
        client = grid.client()
        try:
            record(grid.node_url, client)
        finally:
            client.close()


if __name__ == "__main__":
    main()
