"""The menu bar and the toolbar, and the focused pane they act on.

Every entry is named here once, by the object name of the action it stands for
(`MENU_LAYOUT`, `TOOLBAR_LAYOUT`). When the window is built, each name is looked up:
- a name that the panes' views have (`actionRename`, `actionDelete`, …; `A|B` for actions
  named differently in each pane, such as F5's `actionCopyToGrid|actionCopyToLocal`)
  becomes a `PaneProxy`, an entry that acts on that action of the *focused* pane (the view
  last focused, or anything in its pane) and follows its text, shortcut and enabled state;
- any other name is a window action, found with `findChild`;
- a name found nowhere (an action another part of the program has not added) is skipped,
  so entries appear by themselves once their actions exist.
Proxies show their target's shortcut but only take it while the menu bar or toolbar has the
focus (`Qt.WidgetShortcut`): the views keep their own keys, and no key is ever ambiguous.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu, QStyle, QToolBar, QWidget

from tahoegui.ui.icons import theme_icon, use_an_installed_theme
from tahoegui.ui.pane_view import PaneView

if TYPE_CHECKING:
    from tahoegui.ui.main_window import MainWindow

SEPARATOR = "-"
ALIASES = "@aliases"  # the Go menu's list of aliases, made afresh each time it opens

# Every menu, in order, and its entries by action object name.
MENU_LAYOUT: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "&File",
        (
            "actionConnectToNode",
            "actionOpenLocation",
            SEPARATOR,
            "actionOpen",
            "actionNewFolder",
            "actionAddCapHere",
            SEPARATOR,
            "actionQuit",
        ),
    ),
    (
        "&Edit",
        (
            "actionCutItems",
            "actionCopyItems",
            "actionPasteItems",
            SEPARATOR,
            "actionRename",
            "actionDelete",
            "actionDeletePermanently",
            SEPARATOR,
            "actionCopyToGrid|actionCopyToLocal",
            "actionMove",
            SEPARATOR,
            "actionSelectAll",
            SEPARATOR,
            "actionCopyReadOnlyLink",
            "actionCopyWriteCap",
            "actionCopyVerifyCap",
            SEPARATOR,
            "actionProperties",
        ),
    ),
    ("&Go", ("actionBack", "actionUp", "actionRefreshLocal|actionRefreshGrid", SEPARATOR, ALIASES)),
    ("&View", ("actionShowTransfers", "actionShowHidden", "actionFilter")),
    ("&Grid", ("actionNewAlias", "actionAddAlias", "actionRenameAlias", "actionRemoveAlias")),
    ("&Help", ("actionKeyboardShortcuts", SEPARATOR, "actionAbout", "actionAboutQt")),
)

# The toolbar: (action name, freedesktop icon name, the style's icon when the theme has none)
TOOLBAR_LAYOUT: tuple[tuple[str, str, QStyle.StandardPixmap], ...] = (
    ("actionBack", "go-previous", QStyle.StandardPixmap.SP_ArrowBack),
    ("actionUp", "go-up", QStyle.StandardPixmap.SP_ArrowUp),
    ("actionRefreshLocal|actionRefreshGrid", "view-refresh", QStyle.StandardPixmap.SP_BrowserReload),
    (SEPARATOR, "", QStyle.StandardPixmap.SP_CustomBase),
    ("actionOpen", "document-open", QStyle.StandardPixmap.SP_DialogOpenButton),
    ("actionNewFolder", "folder-new", QStyle.StandardPixmap.SP_FileDialogNewFolder),
    ("actionCopyToGrid|actionCopyToLocal", "edit-copy", QStyle.StandardPixmap.SP_ArrowRight),
    ("actionMove", "go-jump", QStyle.StandardPixmap.SP_ArrowForward),
    ("actionDelete", "edit-delete", QStyle.StandardPixmap.SP_TrashIcon),
    (SEPARATOR, "", QStyle.StandardPixmap.SP_CustomBase),
    ("actionCopyReadOnlyLink", "insert-link", QStyle.StandardPixmap.SP_FileLinkIcon),
    ("actionProperties", "document-properties", QStyle.StandardPixmap.SP_FileDialogInfoView),
    ("actionFilter", "edit-find", QStyle.StandardPixmap.SP_FileDialogContentsView),
    (SEPARATOR, "", QStyle.StandardPixmap.SP_CustomBase),
    ("actionConnectToNode", "network-server", QStyle.StandardPixmap.SP_DriveNetIcon),
)

# Short labels for the toolbar, where the menu's words would be too long.
TOOLBAR_LABELS = {
    "actionOpen": "Open",
    "actionDelete": "Delete",
    "actionCopyToGrid": "Copy",
    "actionRefreshLocal": "Refresh",
    "actionCopyReadOnlyLink": "Share",
    "actionConnectToNode": "Connect",
}


class PaneFocus(QObject):
    """Which pane the menus, toolbar and key bar act on: the one whose view (or any widget
    of it: its filter, its location bar) last had the keyboard focus. The first view to
    start with."""

    changed = Signal()

    def __init__(self, views: Sequence[PaneView], parent: QObject | None = None):
        super().__init__(parent)
        self.views = list(views)
        self.current = self.views[0]
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None:
            self._follow(new)

    def refresh(self) -> None:
        """Look again: the window's focus widget counts even while the window is not active
        (setFocus() then gives no focus event)."""
        focused = self.views[0].window().focusWidget()
        if focused is not None:
            self._follow(focused)

    def _follow(self, widget: QWidget) -> None:
        for view in self.views:
            pane = view.parentWidget()
            if widget is view or view.isAncestorOf(widget) or (pane is not None and pane.isAncestorOf(widget)):
                self.set_current(view)
                return

    def set_current(self, view: PaneView) -> None:
        if view is not self.current:
            self.current = view
            self.changed.emit()

    def action(self, names: Sequence[str], view: PaneView | None = None) -> QAction | None:
        """The action of the focused pane (or `view`) named one of `names`, if it has one."""
        for action in (view or self.current).actions():
            if action.objectName() in names:
                return action
        return None

    def has_anywhere(self, names: Sequence[str]) -> bool:
        return any(self.action(names, view) is not None for view in self.views)


class PaneProxy(QAction):
    """An entry that triggers the focused pane's action named one of `names`, and looks like
    it: text, shortcut (shown, not taken), tooltip, enabled. Disabled when the focused pane
    has no such action (Copy Write Cap while the local pane is focused)."""

    def __init__(self, focus: PaneFocus, names: Sequence[str], parent: QObject):
        super().__init__(parent)
        self.focus, self.names = focus, tuple(names)
        self.setObjectName("pane" + self.names[0].removeprefix("action"))
        self.setProperty("paneActions", list(self.names))
        self.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        for view in focus.views:
            first = focus.action(self.names, view)
            if first is not None and not self.text():
                self.setText(first.text())
        self.triggered.connect(self._trigger)
        focus.changed.connect(self.sync)
        self._watched: set[int] = set()
        self.sync()

    def target(self) -> QAction | None:
        return self.focus.action(self.names)

    def sync(self) -> None:
        target = self.target()
        if target is None:
            self.setEnabled(False)
            return
        if id(target) not in self._watched:  # actions added after the menus were built too
            self._watched.add(id(target))
            target.changed.connect(self.sync)
        self.setText(target.text())
        self.setShortcuts(target.shortcuts())
        self.setToolTip(target.toolTip())
        self.setEnabled(target.isEnabled())

    def _trigger(self) -> None:
        self.focus.refresh()
        target = self.target()
        if target is not None and target.isEnabled():
            self.focus.current.setFocus(Qt.FocusReason.OtherFocusReason)
            target.trigger()


class Menus(QObject):
    """Builds the menu bar and the toolbar from the layouts, once the window's actions exist."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.focus = PaneFocus([window.local_view, window.grid_view], self)
        self.proxies: dict[str, PaneProxy] = {}
        self._window_actions()
        self.menus: dict[str, QMenu] = {}
        self._build_menu_bar()
        self.toolbar = self._build_toolbar()

    # ---- the window's own actions --------------------------------------------------

    def _window_action(
        self, name: str, text: str, slot: Callable[[], object], keys: Sequence[QKeySequence] = ()
    ) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.setShortcuts(list(keys))
        action.triggered.connect(slot)
        self.window.addAction(action)  # window-wide keys
        return action

    def _window_actions(self) -> None:
        window = self.window
        window.transfer_dock.toggleViewAction().setObjectName("actionShowTransfers")
        quit_action = self._window_action("actionQuit", "&Quit", window.close, [QKeySequence("Ctrl+Q")])
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self._window_action("actionBack", "&Back", self._go_back, [QKeySequence("Alt+Left")])
        self._window_action("actionUp", "&Up", self._go_up, [QKeySequence("Alt+Up")])
        select_all = QAction("Select &All", self.window)
        select_all.setObjectName("actionSelectAll")
        select_all.setShortcut(QKeySequence("Ctrl+A"))  # shown; the view's own Ctrl+A does it
        select_all.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        select_all.triggered.connect(self._select_all)

    def _pane(self) -> QWidget | None:
        view = self.focus.current
        return view.parentWidget()

    def _go_back(self) -> None:
        pane = self._pane()
        if pane is not None and hasattr(pane, "go_back"):
            pane.go_back()

    def _go_up(self) -> None:
        pane = self._pane()
        if pane is not None and hasattr(pane, "go_up"):
            pane.go_up()

    def _select_all(self) -> None:
        view = self.focus.current
        view.setFocus(Qt.FocusReason.OtherFocusReason)
        view.selectAll()

    # ---- finding what a name stands for --------------------------------------------

    def entry(self, spec: str) -> QAction | None:
        """The action a layout name stands for: a pane proxy, a window action, or None."""
        names = tuple(spec.split("|"))
        if self.focus.has_anywhere(names):
            if spec not in self.proxies:
                self.proxies[spec] = PaneProxy(self.focus, names, self.window)
            return self.proxies[spec]
        for name in names:
            found = self.window.findChild(QAction, name)
            if found is not None:
                return found
        return None

    # ---- the menu bar --------------------------------------------------------------

    def _build_menu_bar(self) -> None:
        """File, Edit and Go are made here; View, Grid and Help exist already and get what
        they lack. Nothing is ever removed from a menu: PySide deletes a removed action that
        Python holds no reference to, and the earlier menus' actions are held by Qt alone."""
        bar = self.window.menuBar()
        existing = {a.text().replace("&", ""): a for a in bar.actions() if a.menu() is not None}
        first_existing = next(iter(existing.values()), None)
        for title, names in MENU_LAYOUT:
            key = title.replace("&", "")
            found = existing.get(key)
            menu = found.menu() if found is not None else None
            if isinstance(menu, QMenu):
                self._complete(menu, names)
            else:
                menu = QMenu(title, bar)
                if first_existing is not None:
                    bar.insertMenu(first_existing, menu)
                else:
                    bar.addMenu(menu)
                self._fill(menu, names)
            menu.setToolTipsVisible(True)
            self.menus[key] = menu
            menu.aboutToShow.connect(self._sync_all)

    def _resolved(self, names: Sequence[str]) -> list[QAction | str]:
        """The layout's entries as actions (missing ones left out), separators and the
        aliases' place kept, never two separators in a row nor one first."""
        entries: list[QAction | str] = []
        for name in names:
            if name in (SEPARATOR, ALIASES):
                if (entries and entries[-1] != SEPARATOR) or name == ALIASES:
                    entries.append(name)
                continue
            action = self.entry(name)
            if action is not None:
                entries.append(action)
        while entries and entries[-1] == SEPARATOR:
            entries.pop()
        return entries

    def _fill(self, menu: QMenu, names: Sequence[str]) -> None:
        for entry in self._resolved(names):
            if entry == SEPARATOR:
                menu.addSeparator()
            elif entry == ALIASES:
                menu.aboutToShow.connect(lambda m=menu: self._list_aliases(m))
            elif isinstance(entry, QAction):
                menu.addAction(entry)

    def _complete(self, menu: QMenu, names: Sequence[str]) -> None:
        """Insert the entries a menu made elsewhere lacks, each before the next one it has."""
        entries = self._resolved(names)
        for position, entry in enumerate(entries):
            if not isinstance(entry, QAction) or entry in menu.actions():
                continue
            later = [e for e in entries[position + 1 :] if isinstance(e, QAction) and e in menu.actions()]
            before = later[0] if later else None
            if before is None:
                if position > 0 and entries[position - 1] == SEPARATOR:
                    menu.addSeparator()
                menu.addAction(entry)
                continue
            menu.insertAction(before, entry)
            if entries[entries.index(before) - 1] == SEPARATOR:
                menu.insertSeparator(before)

    def _list_aliases(self, menu: QMenu) -> None:
        """The Go menu ends with one entry per alias, made afresh each time it opens."""
        for action in menu.actions():
            if action.property("goAlias"):
                menu.removeAction(action)
                action.deleteLater()
        pane = self.window.grid_pane
        for alias in pane.model.aliases():
            action = QAction(f"{alias}:", menu)
            action.setObjectName(f"actionGoToAlias_{alias}")
            action.setProperty("goAlias", alias)
            action.setToolTip(f"Show the alias '{alias}:' in the grid pane")
            action.triggered.connect(lambda _checked=False, a=alias: self.go_to_alias(a))
            menu.addAction(action)

    def go_to_alias(self, alias: str) -> None:
        pane = self.window.grid_pane
        pane.navigate(pane.model.alias_index(alias))
        pane.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def _sync_all(self) -> None:
        self.focus.refresh()
        for proxy in self.proxies.values():
            proxy.sync()

    # ---- the toolbar ---------------------------------------------------------------

    def _build_toolbar(self) -> QToolBar:
        use_an_installed_theme()
        toolbar = QToolBar("Toolbar", self.window)
        toolbar.setObjectName("mainToolBar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
        toolbar.setMovable(False)
        pending_separator = False
        for name, icon_name, fallback in TOOLBAR_LAYOUT:
            if name == SEPARATOR:
                pending_separator = bool(toolbar.actions())
                continue
            action = self.entry(name)
            if action is None:
                continue
            if pending_separator:
                toolbar.addSeparator()
                pending_separator = False
            if action.icon().isNull():
                action.setIcon(theme_icon(icon_name, fallback))
            label = TOOLBAR_LABELS.get(name.split("|")[0])
            if label:
                action.setIconText(label)
            toolbar.addAction(action)
            button = toolbar.widgetForAction(action)
            if button is not None:
                button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a click leaves the pane focused
        self.window.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        return toolbar


def menu_entry_names(menu: QMenu) -> list[str]:
    """A menu's entries as the action names they stand for (a proxy by its targets, `A|B`)."""
    names = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        targets = action.property("paneActions")
        names.append("|".join(targets) if targets else action.objectName())
    return names
