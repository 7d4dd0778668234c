"""Test support: one private grid per test session, in a temporary directory.

Lives in the package (not tests/) so every suite, and benchmarks, can start the same
kind of grid. No Qt and no pytest import at module level.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tahoegui.grid.aliases import write_aliases_file
from tahoegui.grid.client import GridClient
from tahoegui.grid.localgrid import LocalGrid
from tahoegui.grid.nodedir import NodeDirectory


@dataclass
class RunningGrid:
    """A started private grid and the handles tests need."""

    grid: LocalGrid
    node_dir: NodeDirectory
    node_url: str

    def client(self) -> GridClient:
        return self.node_dir.client(self.node_url)

    def make_node_dir(self, path: Path, aliases: dict[str, str]) -> Path:
        """A node directory for `-d` that points at this grid: node.url, the grid's encoding
        in tahoe.cfg, and `aliases` in private/aliases."""
        path.mkdir(parents=True, exist_ok=True)
        (path / "node.url").write_text(self.node_url + "\n")
        needed, happy, total = self.node_dir.encoding()
        (path / "tahoe.cfg").write_text(
            f"[client]\nshares.needed = {needed}\nshares.happy = {happy}\nshares.total = {total}\n"
        )
        write_aliases_file(path / "private" / "aliases", aliases)
        return path


@contextmanager
def running_grid(storage_nodes: int = 3, base_dir: Path | None = None) -> Iterator[RunningGrid]:
    """Start a private grid, yield it, and stop every process on exit."""
    with tempfile.TemporaryDirectory(prefix="tahoegui-grid-") as tmp:
        grid = LocalGrid(base_dir or Path(tmp), storage_nodes)
        try:
            status = grid.start()
            assert status.node_url
            yield RunningGrid(grid, NodeDirectory(grid.client_dir), status.node_url)
        finally:
            grid.stop()
