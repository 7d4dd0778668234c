"""The aliases, managed in the window: New Alias…, Add Alias…, Rename Alias…, Remove Alias….

The actions belong to the main window (`actionNewAlias`, `actionAddAlias`,
`actionRenameAlias`, `actionRemoveAlias`) and sit in its Grid menu and in the alias
selector's context menu. Rename and Remove act on the alias the selector shows. They change
`NODEDIR/private/aliases` (the file `tahoe` reads, written atomically with mode 0600) in
the background, then the selector and the tree at once. Without a node directory (a window
started with `-u URL` and no ~/.tahoe) there is no aliases file, and the actions say so.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow

from tahoegui.grid.aliases import alias_name_problem
from tahoegui.grid.caps import CapError, parse
from tahoegui.jobs import grid_operations
from tahoegui.jobs.background import BackgroundRunner
from tahoegui.jobs.connection import GridConnection
from tahoegui.ui import prompts
from tahoegui.ui.file_actions import ask_name
from tahoegui.ui.grid_pane import GridPane

NOT_CONNECTED = "Not connected to a node yet"
NO_NODE_DIR = (
    "Unavailable: this window was started with -u URL and there is no node directory, so there "
    "is no aliases file to change. Start it with -d NODEDIR to manage aliases."
)
TIPS = {
    "actionNewAlias": "Make a new directory on the grid and give it an alias",
    "actionAddAlias": "Give an existing directory (by its cap) an alias",
    "actionRenameAlias": "Rename the alias shown in the alias selector",
    "actionRemoveAlias": "Remove the alias shown in the alias selector (the directory stays on the grid)",
}


class AliasActions(QObject):
    """Owns the four alias actions; `set_connection` tells it which node directory to change."""

    def __init__(self, window: QMainWindow, pane: GridPane, runner: BackgroundRunner):
        super().__init__(window)
        self.window, self.pane, self.runner = window, pane, runner
        self.connection: GridConnection | None = None
        self.new_alias = self._action("actionNewAlias", "New Alias…", self.make_alias)
        self.add_alias = self._action("actionAddAlias", "Add Alias…", self.add_existing)
        self.rename_alias = self._action("actionRenameAlias", "Rename Alias…", self.rename_shown)
        self.remove_alias = self._action("actionRemoveAlias", "Remove Alias…", self.remove_shown)
        actions = [self.new_alias, self.add_alias, self.rename_alias, self.remove_alias]
        menu = window.menuBar().addMenu("&Grid")
        menu.setToolTipsVisible(True)
        menu.addActions(actions)
        selector = pane.alias_selector
        selector.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        selector.addActions(actions)
        selector.currentIndexChanged.connect(self.update)
        self.update()

    def _action(self, name: str, text: str, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.triggered.connect(slot)
        return action

    def set_connection(self, connection: GridConnection) -> None:
        self.connection = connection
        self.update()

    def update(self) -> None:
        if self.connection is None:
            why: str | None = NOT_CONNECTED
        elif self.connection.node_dir is None:
            why = NO_NODE_DIR
        else:
            why = None
        shown = self.pane.shown_alias()
        for action in (self.new_alias, self.add_alias):
            action.setEnabled(why is None)
        for action in (self.rename_alias, self.remove_alias):
            action.setEnabled(why is None and shown is not None)
        for action in (self.new_alias, self.add_alias, self.rename_alias, self.remove_alias):
            tip = TIPS[action.objectName()]
            if why is None and not action.isEnabled():
                tip += ": choose an alias in the selector first"
            action.setToolTip(why or tip)

    def _say(self, text: str) -> None:
        self.pane.message.emit(text)

    def _check_new(self, name: str, keep: str | None = None) -> str | None:
        problem = alias_name_problem(name)
        if problem is not None:
            return problem[0].upper() + problem[1:]
        if name != keep and name in self.pane.model.aliases():
            return f"There is already an alias named '{name}'"
        return None

    # ---- New Alias -------------------------------------------------------------------

    def make_alias(self) -> None:
        conn, client = self.connection, self.pane.model.client
        if conn is None or conn.node_dir is None or client is None:
            self._say(NO_NODE_DIR if conn is not None else NOT_CONNECTED)
            return
        name, problem = ask_name(self.window, "New Alias", "Name of the new alias:", self._check_new)
        if name is None:
            if problem:
                self._say(f"No alias made: {problem}")
            return
        self._say(f"Creating a directory for alias '{name}'…")
        grid_operations.new_alias(
            self.runner, client, conn.node_dir, name, lambda cap: self._added(conn, name, cap), self._say
        )

    # ---- Add Alias -------------------------------------------------------------------

    def add_existing(self) -> None:
        conn = self.connection
        if conn is None or conn.node_dir is None:
            self._say(NO_NODE_DIR if conn is not None else NOT_CONNECTED)
            return
        name, problem = ask_name(self.window, "Add Alias", "Name of the alias:", self._check_new)
        if name is None:
            if problem:
                self._say(f"No alias added: {problem}")
            return
        cap = prompts.ask_text(self.window, "Add Alias", f"The directory cap that '{name}:' will open (URI:DIR2…):")
        if cap is None:
            return
        cap = cap.strip()
        try:
            is_directory = parse(cap).is_directory
        except CapError:
            self._say(f"No alias added: that is not a cap ({len(cap)} characters)")
            return
        if not is_directory:
            self._say("No alias added: an alias must open a directory, and that cap is not one")
            return
        grid_operations.add_alias(
            self.runner, conn.node_dir, name, cap, lambda stored: self._added(conn, name, stored), self._say
        )

    def _added(self, conn: GridConnection, name: str, cap: str) -> None:
        if conn is not self.connection:
            return  # another node meanwhile: the file changed, but this window shows another
        conn.aliases[name] = cap
        index = self.pane.model.add_alias(name, cap)
        self.pane.show_aliases()
        self.pane.navigate(index)
        self._say(f"Added alias '{name}:'")

    # ---- Rename Alias ----------------------------------------------------------------

    def rename_shown(self) -> None:
        conn, old = self.connection, self.pane.shown_alias()
        if conn is None or conn.node_dir is None or old is None:
            self._say("Choose an alias in the selector first" if conn and conn.node_dir else NO_NODE_DIR)
            return
        name, problem = ask_name(
            self.window, "Rename Alias", f"New name for the alias '{old}':", lambda n: self._check_new(n, old), old
        )
        if name is None or name == old:
            if problem:
                self._say(f"Alias not renamed: {problem}")
            return
        grid_operations.rename_alias(
            self.runner, conn.node_dir, old, name, lambda _: self._renamed(conn, old, name), self._say
        )

    def _renamed(self, conn: GridConnection, old: str, new: str) -> None:
        if conn is not self.connection:
            return
        conn.aliases = {new if n == old else n: cap for n, cap in conn.aliases.items()}
        self.pane.model.rename_alias(old, new)
        self.pane.show_aliases()
        self._show_location_again()
        self._say(f"Renamed alias '{old}:' to '{new}:'")

    # ---- Remove Alias ----------------------------------------------------------------

    def remove_shown(self) -> None:
        conn, name = self.connection, self.pane.shown_alias()
        if conn is None or conn.node_dir is None or name is None:
            self._say("Choose an alias in the selector first" if conn and conn.node_dir else NO_NODE_DIR)
            return
        text = (
            f"Remove the alias '{name}:'?\n\n"
            f"The directory stays on the grid, with everything in it: only the name '{name}' goes "
            f"from the aliases file ({conn.node_dir.aliases_path}). If nothing else links to the "
            "directory, you will need its cap to open it again."
        )
        if not prompts.confirm(self.window, "Remove Alias", text, destructive=True):
            return
        grid_operations.remove_alias(
            self.runner, conn.node_dir, name, lambda _cap: self._removed(conn, name), self._say
        )

    def _removed(self, conn: GridConnection, name: str) -> None:
        if conn is not self.connection:
            return
        conn.aliases.pop(name, None)
        # a folder being shown below the alias stays shown, under its (redacted) cap
        shown_below = self.pane.shown_alias() == name
        self.pane.model.remove_alias(name, keep_open=shown_below)
        self.pane.show_aliases()
        self._show_location_again()
        if shown_below:
            self._say(f"Removed alias '{name}:'. The directory is still on the grid, and stays open here under its cap")
        else:
            self._say(f"Removed alias '{name}:' (the directory is still on the grid)")

    def _show_location_again(self) -> None:
        index = self.pane.current_index()
        self.pane.nav.show_location(self.pane.model.item(index).location() if index.isValid() else "")
