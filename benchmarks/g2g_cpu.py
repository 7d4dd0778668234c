#!/usr/bin/env python3
"""Where the CPU of a grid -> grid copy goes: the copying program, the client node, the
storage nodes. On a small machine the sum over its cores is a floor for the wall time, which
says how close a copy is to as fast as it can be here. Not a test: it measures and prints.

    .venv/bin/python benchmarks/g2g_cpu.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.cp_vs_tahoe import OURS, TAHOE, small_tree
from tahoegui.grid.testing import running_grid

TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with running_grid() as grid, tempfile.TemporaryDirectory(prefix="tahoegui-bench-") as tmp:
        node = str(grid.node_dir.path)
        grid.node_dir.add_alias("bench", grid.client().mkdir())
        subprocess.run(
            [OURS, "-d", node, "-r", str(small_tree(Path(tmp))), "bench:src"], check=True, stdout=subprocess.DEVNULL
        )
        pids = grid.grid.node_pids()
        client_pid = pids.pop(grid.grid.client_dir)
        rows: dict[str, list[tuple[float, float, float, float]]] = {"tahoegui-cp": [], "tahoe cp": []}
        for rnd in range(args.rounds):
            for label, cmd in (("tahoegui-cp", [OURS, "-d", node]), ("tahoe cp", [TAHOE, "-d", node, "cp"])):
                before = children_cpu(), cpu_seconds(client_pid), sum(cpu_seconds(p) for p in pids.values())
                start = time.perf_counter()
                subprocess.run(
                    [*cmd, "-r", "bench:src", f"bench:copy-{label[:5]}-{rnd}"], check=True, stdout=subprocess.DEVNULL
                )
                wall = time.perf_counter() - start
                after = children_cpu(), cpu_seconds(client_pid), sum(cpu_seconds(p) for p in pids.values())
                rows[label].append((wall, *(a - b for a, b in zip(after, before, strict=True))))
        cores = os.cpu_count() or 1
        print(
            f"\n{'grid->grid, 200 files in 12 dirs':34} {'wall':>7} {'program':>8} {'node':>7} "
            f"{'storage':>8} {'CPU sum':>8} {'sum/' + str(cores) + ' cores':>12}"
        )
        for label, runs in rows.items():
            wall, prog, node_cpu, storage = (statistics.median(r[i] for r in runs) for i in range(4))
            total = prog + node_cpu + storage
            print(
                f"{label:34} {wall:6.2f}s {prog:7.2f}s {node_cpu:6.2f}s {storage:7.2f}s {total:7.2f}s "
                f"{total / cores:11.2f}s"
            )
        print(f"(median of {args.rounds} alternating rounds; CPU is user+system seconds)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
