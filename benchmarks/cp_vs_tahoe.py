#!/usr/bin/env python3
"""Benchmark: `tahoegui-cp` against `tahoe cp` on one private grid, same data, alternating.

Prints, per scenario, the median wall time of each tool, their ratio, and the peak
memory (max RSS) of each. Every upload gets fresh random data so that convergent
encoding does not flatter either side. Not a test: it measures and prints.

    .venv/bin/python benchmarks/cp_vs_tahoe.py [--rounds 3] [--skip-1gib]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tahoegui.grid.testing import running_grid

BIN = Path(sys.executable).parent
TAHOE = str(BIN / "tahoe")
OURS = str(BIN / "tahoegui-cp")
KIB, MIB = 1024, 1024 * 1024


@dataclass
class Run:
    seconds: float
    max_rss_mb: float


@dataclass
class Scenario:
    name: str
    ours: list[Run] = field(default_factory=list)
    theirs: list[Run] = field(default_factory=list)
    theirs_label: str = "tahoe cp"


def timed(cmd: list[str]) -> Run:
    """Run `cmd`; its wall time and its peak resident memory.

    The peak is VmHWM from /proc, sampled until the process exits: it is the high-water
    mark of the program's own memory since exec (rusage's ru_maxrss would also count the
    image of this Python process, which the child carries until it execs).
    """
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_kb = 0
    status = Path(f"/proc/{proc.pid}/status")
    while proc.poll() is None:
        try:
            for line in status.read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peak_kb = max(peak_kb, int(line.split()[1]))
        except (OSError, ValueError):
            pass
        time.sleep(0.02)
    elapsed = time.perf_counter() - start
    stderr = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd[:3])} ...\n{stderr[-2000:]}")
    return Run(elapsed, peak_kb / 1024)


def write_random(path: Path, size: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as f:
        remaining = size
        while remaining:
            n = min(remaining, 4 * MIB)
            f.write(os.urandom(n))
            remaining -= n


def small_tree(root: Path) -> Path:
    """200 files of 4 KiB in 10 directories."""
    tree = root / "small"
    for d in range(10):
        for i in range(20):
            write_random(tree / f"dir{d}" / f"file{i}.bin", 4 * KIB)
    return tree


def medium_files(root: Path) -> Path:
    tree = root / "medium"
    for i in range(20):
        write_random(tree / f"file{i}.bin", MIB)
    return tree


def big_file(root: Path, size: int = 100 * MIB) -> Path:
    path = root / "big.bin"
    write_random(path, size)
    return path


def median(runs: list[Run]) -> float:
    return statistics.median(r.seconds for r in runs)


def peak(runs: list[Run]) -> float:
    return max(r.max_rss_mb for r in runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--skip-1gib", action="store_true", help="skip the 1 GiB peak-memory run")
    args = parser.parse_args()

    with running_grid() as grid, tempfile.TemporaryDirectory(prefix="tahoegui-bench-") as tmp:
        node = str(grid.node_dir.path)
        client = grid.client()
        grid.node_dir.add_alias("bench", client.mkdir())
        work = Path(tmp)
        scenarios: list[Scenario] = []

        def cp(tool: str, *argv: str) -> Run:
            return timed([tool, "-d", node, "cp", *argv] if tool == TAHOE else [tool, "-d", node, *argv])

        def upload_round(scn: Scenario, make, recursive: bool, rnd: int) -> None:
            for label, tool, runs in (("ours", OURS, scn.ours), ("theirs", TAHOE, scn.theirs)):
                src_root = work / f"{scn.name}-{label}-{rnd}"
                src = make(src_root)  # fresh random data for every upload
                flags = ["-r"] if recursive else []
                runs.append(cp(tool, *flags, str(src), f"bench:{scn.name}-{label}-{rnd}"))
                shutil.rmtree(src_root)

        def download_round(scn: Scenario, grid_path: str, recursive: bool, rnd: int) -> None:
            for label, tool, runs in (("ours", OURS, scn.ours), ("theirs", TAHOE, scn.theirs)):
                dest = work / f"dl-{scn.name}-{label}-{rnd}"
                flags = ["-r"] if recursive else []
                runs.append(cp(tool, *flags, f"bench:{grid_path}", str(dest)))
                shutil.rmtree(dest, ignore_errors=True)
                if dest.exists():
                    dest.unlink()

        up_small = Scenario("upload 200x4KiB tree")
        up_medium = Scenario("upload 20x1MiB")
        up_big = Scenario("upload 100MiB file")
        # the same 100 MiB upload through a plain curl PUT: the floor for any client,
        # measured in the same rounds so that both see the same machine
        curl = Scenario("upload 100MiB file", theirs_label="curl -T")
        curl.ours = up_big.ours
        for rnd in range(args.rounds):
            upload_round(up_small, small_tree, True, rnd)
            upload_round(up_medium, medium_files, True, rnd)
            upload_round(up_big, big_file, False, rnd)
            path = big_file(work / f"curl-{rnd}")
            curl.theirs.append(
                timed(["curl", "-sS", "-f", "-o", "/dev/null", "-T", str(path), grid.node_url.rstrip("/") + "/uri"])
            )
            shutil.rmtree(path.parent)
        scenarios += [up_small, up_medium, up_big, curl]

        # downloads of what was uploaded in round 0 (by ours: the data is the same kind)
        down_small, down_medium, down_big = (
            Scenario("download 200x4KiB tree"),
            Scenario("download 20x1MiB"),
            Scenario("download 100MiB file"),
        )
        for rnd in range(args.rounds):
            download_round(down_small, f"{up_small.name}-ours-0", True, rnd)
            download_round(down_medium, f"{up_medium.name}-ours-0", True, rnd)
            download_round(down_big, f"{up_big.name}-ours-0", False, rnd)
        scenarios += [down_small, down_medium, down_big]

        g2g = Scenario("grid->grid 200-file tree")
        for rnd in range(args.rounds):
            for label, tool, runs in (("ours", OURS, g2g.ours), ("theirs", TAHOE, g2g.theirs)):
                runs.append(cp(tool, "-r", f"bench:{up_small.name}-ours-0", f"bench:g2g-{label}-{rnd}"))
        scenarios.append(g2g)

        print(
            f"\n{'scenario':28} {'tahoegui-cp':>12} {'other':>12} {'ratio':>7}  "
            f"{'peak MB ours':>12} {'peak MB other':>13}  other"
        )
        for s in scenarios:
            ours, theirs = median(s.ours), median(s.theirs)
            print(
                f"{s.name:28} {ours:11.2f}s {theirs:11.2f}s {ours / theirs:7.2f}  "
                f"{peak(s.ours):12.0f} {peak(s.theirs):13.0f}  {s.theirs_label}"
            )
        print(
            f"(median of {args.rounds} alternating rounds; ratio = tahoegui-cp / other; "
            f"grid->grid speed-up = {median(g2g.theirs) / median(g2g.ours):.1f}x)"
        )

        if not args.skip_1gib:
            path = big_file(work / "gib", 1024 * MIB)
            run = cp(OURS, str(path), "bench:one-gib")
            print(f"\n1 GiB upload with tahoegui-cp: {run.seconds:.1f}s, peak memory {run.max_rss_mb:.0f} MB")
            dest = work / "gib-back"
            run = cp(OURS, "bench:one-gib", str(dest))
            print(f"1 GiB download with tahoegui-cp: {run.seconds:.1f}s, peak memory {run.max_rss_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
