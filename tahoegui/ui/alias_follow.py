"""The window follows `NODEDIR/private/aliases`: aliases made, removed or renamed outside it
(`tahoe create-alias`, a text editor) show in the selector and the tree within a moment.

A removed alias whose folder (or a folder below it) is being shown does not take that folder
away: it stays open under its redacted cap, as Remove Alias… leaves it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from tahoegui.grid.aliases import AliasFile
from tahoegui.jobs.alias_watch import AliasFileWatcher
from tahoegui.jobs.background import BackgroundRunner
from tahoegui.jobs.connection import GridConnection
from tahoegui.ui.grid_pane import GridPane


class AliasFollower(QObject):
    """Applies what the AliasFileWatcher reads to the connection's aliases, the tree and the
    selector. `after` runs after each change (the alias actions' enablement)."""

    def __init__(
        self,
        pane: GridPane,
        runner: BackgroundRunner,
        say: Callable[[str], None],
        after: Callable[[], None],
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.pane, self.say, self.after = pane, say, after
        self.connection: GridConnection | None = None
        self.watcher = AliasFileWatcher(runner, self)
        self.watcher.changed.connect(self.apply)

    def follow(self, connection: GridConnection) -> None:
        self.connection = connection
        self.watcher.follow(connection.node_dir)

    def apply(self, found: AliasFile) -> None:
        """Make the window's aliases those of the file, changing only what differs."""
        conn = self.connection
        if conn is None:
            return
        old, new = dict(conn.aliases), dict(found.aliases)
        if old == new:
            return
        model = self.pane.model
        shown = self.pane.shown_alias()
        gone = [n for n in old if new.get(n) != old[n]]
        came = [n for n in new if old.get(n) != new[n]]
        renamed: list[tuple[str, str]] = []
        for name in gone:
            to = next((n for n in came if n not in old and new[n] == old[name]), None)
            if to is not None:  # the same cap under a new name: a rename
                came.remove(to)
                renamed.append((name, to))
                model.rename_alias(name, to)
            else:  # a folder being shown below it stays open, under its cap
                model.remove_alias(name, keep_open=shown == name)
        for name in came:
            model.add_alias(name, new[name])
        conn.aliases.clear()
        conn.aliases.update(new)
        self.pane.show_aliases()
        index = self.pane.current_index()
        self.pane.nav.show_location(model.item(index).location() if index.isValid() else "")
        self.after()
        changed = [n for n in came if n in old]
        added = [n for n in came if n not in old]
        removed = [n for n in gone if n not in new and all(n != a for a, _ in renamed)]
        self.say(_summary(added, removed, renamed, changed, found))


def _summary(
    added: list[str], removed: list[str], renamed: list[tuple[str, str]], changed: list[str], found: AliasFile
) -> str:
    parts = []
    if changed:
        parts.append("'" + "', '".join(f"{n}:" for n in changed) + "' now open another directory")
    if added:
        parts.append("added " + ", ".join(f"'{n}:'" for n in added))
    if removed:
        parts.append("removed " + ", ".join(f"'{n}:'" for n in removed))
    if renamed:
        parts.append("renamed " + ", ".join(f"'{a}:' to '{b}:'" for a, b in renamed))
    text = "The aliases file changed: " + "; ".join(parts)
    if found.problems:
        text += " (" + "; ".join(str(p) for p in found.problems) + ")"
    return text
