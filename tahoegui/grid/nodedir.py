"""Finding a node the way `tahoe` does: `-d NODEDIR` (default ~/.tahoe), `node.url`, aliases."""

from __future__ import annotations

import configparser
from dataclasses import dataclass
from pathlib import Path

from tahoegui import paths
from tahoegui.grid.aliases import (
    AliasFile,
    read_aliases_file,
    remove_alias_from_file,
    rename_alias_in_file,
    set_alias_in_file,
)
from tahoegui.grid.client import GridClient

DEFAULT_ALIAS = "tahoe"


def default_node_dir() -> Path:
    """`~/.tahoe`, as the `tahoe` command line uses (see paths.py)."""
    return paths.default_node_dir()


@dataclass(frozen=True)
class NodeDirectory:
    """A Tahoe-LAFS node's base directory and what we read from it."""

    path: Path

    @property
    def aliases_path(self) -> Path:
        return self.path / "private" / "aliases"

    @property
    def root_dir_cap_path(self) -> Path:
        return self.path / "private" / "root_dir.cap"

    def exists(self) -> bool:
        return (self.path / "tahoe.cfg").exists() or (self.path / "node.url").exists()

    def node_url(self) -> str | None:
        """The web-API URL the node wrote at start, or None."""
        try:
            url = (self.path / "node.url").read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        return url or None

    def read_aliases(self) -> AliasFile:
        """Aliases from `private/aliases`, with `private/root_dir.cap` as `tahoe:` if present."""
        result = read_aliases_file(self.aliases_path)
        if DEFAULT_ALIAS not in result.aliases:
            try:
                root = self.root_dir_cap_path.read_text(encoding="utf-8").strip()
            except FileNotFoundError:
                root = ""
            if root:
                result.aliases = {DEFAULT_ALIAS: root, **result.aliases}
        return result

    def add_alias(self, name: str, cap: str) -> None:
        """Add or replace one alias in `private/aliases` (atomic, 0600); other lines kept."""
        set_alias_in_file(self.aliases_path, name, cap)

    def rename_alias(self, old: str, new: str) -> None:
        """Rename an alias of `private/aliases` (atomic, 0600); other lines kept.
        LookupError if it is not in that file (`tahoe:` may come from root_dir.cap)."""
        rename_alias_in_file(self.aliases_path, old, new)

    def remove_alias(self, name: str) -> str:
        """Remove an alias from `private/aliases` (atomic, 0600) and answer its cap; the
        directory itself stays on the grid. LookupError if it is not in that file."""
        return remove_alias_from_file(self.aliases_path, name)

    def encoding(self) -> tuple[int, int, int]:
        """(needed, happy, total) from tahoe.cfg's [client] section, tahoe's defaults otherwise."""
        # tahoe reads tahoe.cfg without interpolation: a '%' in any value is literal.
        cfg = configparser.ConfigParser(interpolation=None, strict=False)
        try:
            cfg.read(self.path / "tahoe.cfg", encoding="utf-8")
        except (configparser.Error, UnicodeDecodeError, OSError):
            return 3, 7, 10

        def get(key: str, default: int) -> int:
            try:
                return cfg.getint("client", key, fallback=default)
            except ValueError:
                return default

        return get("shares.needed", 3), get("shares.happy", 7), get("shares.total", 10)

    def client(self, url: str | None = None, pool_size: int = 16) -> GridClient:
        """A client of this node (at `url` if given, else at its node.url); `pool_size`
        connections may be kept open at once."""
        node_url = url or self.node_url()
        if not node_url:
            from tahoegui.grid.errors import GridError

            raise GridError(f"finding the node in {self.path}", "it has no node.url: is it running?")
        needed, happy, total = self.encoding()
        return GridClient(node_url, happy=happy, needed=needed, total=total, pool_size=pool_size)
