"""Properties (Alt+Enter) of a grid item: what it is, its link times, its storage index and
its caps, each cap masked until the user clicks Reveal, each with a Copy button.

The dialog opens at once with what the listing knew, then asks the node afresh (`t=json`
of the item, through its folder so the link metadata comes too) off the UI thread, through
the BackgroundRunner, and fills in what the listing lacks (a mutable file's size, a
folder's number of entries). Caps appear only in the cap fields, after Reveal: never in the
title, the status text or a log line.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from tahoegui.formats import format_size, format_time
from tahoegui.grid.caps import CapError, diminish, format_label, parse, storage_index
from tahoegui.grid.client import GridClient
from tahoegui.grid.redact import redact
from tahoegui.grid.types import GridEntry, GridListing
from tahoegui.jobs.background import BackgroundRunner
from tahoegui.models.grid_item import GridItem, RowKind, type_label
from tahoegui.ui.grid_pane import GridPane

ASKING = "asking the node…"
CAP_ROLES = (  # (key, label, object-name stem)
    ("write", "Write cap", "WriteCap"),
    ("read", "Read-only cap", "ReadCap"),
    ("verify", "Verify cap", "VerifyCap"),
)
NO_CAP = {
    "write": "none: you hold only a read-only cap",
    "read": "none",
    "verify": "none: a literal file's data is inside its cap, there is nothing to verify",
}


@dataclass(frozen=True)
class Facts:
    """What the dialog shows about one item; caps kept apart from every other text."""

    name: str
    location: str
    kind: str
    format: str
    size: str
    mutable: bool
    writable: bool
    link_created: float | None
    link_modified: float | None
    mtime: float | None
    write_cap: str | None
    read_cap: str | None
    verify_cap: str | None

    @property
    def storage_index(self) -> str | None:
        for cap in (self.verify_cap, self.read_cap, self.write_cap):
            if cap:
                try:
                    return storage_index(cap)
                except CapError:
                    continue
        return None

    def cap(self, role: str) -> str | None:
        return {"write": self.write_cap, "read": self.read_cap, "verify": self.verify_cap}[role]


def _stored_mtime(entry: GridEntry) -> float | None:
    value = entry.metadata.get("mtime")
    return float(value) if isinstance(value, (int, float)) else None


def _read_only(cap: str | None) -> str | None:
    if not cap:
        return None
    try:
        return diminish(cap)
    except CapError:
        return cap


def facts_of(item: GridItem, listing: GridListing | None = None) -> Facts:
    """The facts of `item`: from the listing its folder gave, then from `listing` (the node's
    fresh answer about the item itself) where there is one."""
    entry = listing.node if listing is not None else item.entry
    if listing is not None and item.entry is not None and entry is not None and entry.link_created is None:
        # a folder's own t=json carries no link metadata (only its parent's listing does)
        old = item.entry
        entry = replace(entry, link_created=old.link_created, link_modified=old.link_modified, metadata=old.metadata)
    root_cap = item.root_cap if item.kind is RowKind.ROOT else None
    write_cap = entry.rw_uri if entry is not None else None
    read_cap = entry.ro_uri if entry is not None else None
    verify = entry.verify_uri if entry is not None else None
    if root_cap:  # an alias or an opened cap: its own cap is the strongest we hold
        try:
            info = parse(root_cap)
            write_cap = root_cap if info.is_writable else write_cap
        except CapError:
            pass
        read_cap = read_cap or _read_only(root_cap)
    best = write_cap or read_cap or ""
    is_dir = entry.is_dir if entry is not None else item.is_folder
    kind = type_label(entry).split(" (")[0] if entry is not None and not is_dir else "directory"
    fmt = (entry.format if entry is not None and not is_dir else None) or format_label(best) or "unknown"
    if fmt == "CHK" and (read_cap or "").startswith("URI:LIT:"):
        fmt = "LIT"
    if is_dir:
        size = f"{len(listing.children)} entries" if listing is not None else ASKING
        if listing is not None and len(listing.children) == 1:
            size = "1 entry"
    elif entry is not None and entry.size is not None:
        size = f"{format_size(entry.size)} ({entry.size:,} bytes)"
    else:
        size = ASKING if listing is None else "unknown"
    mutable = entry.mutable if entry is not None else True
    return Facts(
        name=item.name,
        location=item.location(),
        kind=kind,
        format=fmt,
        size=size,
        mutable=mutable if not is_dir else not best.startswith(("URI:DIR2-CHK:", "URI:DIR2-LIT:")),
        writable=write_cap is not None,
        link_created=entry.link_created if entry is not None else None,
        link_modified=entry.link_modified if entry is not None else None,
        mtime=_stored_mtime(entry) if entry is not None else None,
        write_cap=write_cap,
        read_cap=read_cap,
        verify_cap=verify,
    )


def _when(stamp: float | None, missing: str) -> str:
    return format_time(stamp) or missing


class CapRow:
    """One cap: a read-only field showing it masked (`<DIR2:abcd…>`) until Reveal, and Copy."""

    def __init__(self, dialog: PropertiesDialog, role: str, stem: str):
        self.dialog, self.role = dialog, role
        self.cap: str | None = None
        self.no_cap = NO_CAP[role]
        self.revealed = False
        self.field = QLineEdit(dialog)
        self.field.setObjectName(f"field{stem}")
        self.field.setReadOnly(True)
        self.field.setMinimumWidth(360)
        self.reveal = QPushButton("Reveal", dialog)
        self.reveal.setObjectName(f"reveal{stem}")
        self.reveal.setToolTip("Show the whole cap. Whoever sees it gets its access")
        self.reveal.clicked.connect(self.toggle)
        self.copy = QPushButton("Copy", dialog)
        self.copy.setObjectName(f"copy{stem}")
        self.copy.clicked.connect(self.copy_cap)

    def show(self, cap: str | None, no_cap: str | None = None) -> None:
        self.cap = cap
        self.no_cap = no_cap or NO_CAP[self.role]
        self.reveal.setEnabled(cap is not None)
        self.copy.setEnabled(cap is not None)
        self._paint()

    def toggle(self) -> None:
        self.revealed = not self.revealed
        self._paint()

    def _paint(self) -> None:
        if self.cap is None:
            self.field.setText(self.no_cap)
            self.reveal.setText("Reveal")
            return
        self.field.setText(self.cap if self.revealed else redact(self.cap))
        self.field.setCursorPosition(0)
        self.reveal.setText("Hide" if self.revealed else "Reveal")

    def copy_cap(self) -> None:
        if self.cap is not None:
            QGuiApplication.clipboard().setText(self.cap)
            label = dict((r, t) for r, t, _ in CAP_ROLES)[self.role]
            self.dialog.status.setText(f"{label} copied to the clipboard")


class PropertiesDialog(QDialog):
    """The properties of one grid item. Not modal: several can be open side by side."""

    def __init__(self, item: GridItem, runner: BackgroundRunner, client: GridClient | None, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("propertiesDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(f"Properties of '{redact(item.name)}'")
        self.item = item
        self.facts = facts_of(item)

        self.values: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label in (
            ("Name", "Name:"),
            ("Location", "Location:"),
            ("Kind", "Kind:"),
            ("Format", "Format:"),
            ("Size", "Size:"),
            ("Mutable", "Mutable:"),
            ("Writable", "Writable:"),
            ("LinkCreated", "Link created:"),
            ("LinkModified", "Link modified:"),
            ("Mtime", "Stored mtime:"),
            ("StorageIndex", "Storage index:"),
        ):
            value = QLabel(self)
            value.setObjectName(f"properties{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.values[key] = value
            form.addRow(label, value)

        caps = QGroupBox("Caps: whoever holds one has its access", self)
        grid = QGridLayout(caps)
        self.cap_rows: dict[str, CapRow] = {}
        for row, (role, label, stem) in enumerate(CAP_ROLES):
            cap_row = CapRow(self, role, stem)
            self.cap_rows[role] = cap_row
            grid.addWidget(QLabel(label + ":", caps), row, 0)
            grid.addWidget(cap_row.field, row, 1)
            grid.addWidget(cap_row.reveal, row, 2)
            grid.addWidget(cap_row.copy, row, 3)

        self.status = QLabel(self)
        self.status.setObjectName("propertiesStatus")
        self.status.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(caps)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.show_facts(self.facts)

        self.asking = client is not None
        if client is not None:
            self.status.setText("Asking the node for the latest…")
            root_cap, path = item.root_cap, item.path
            runner.submit(lambda: client.examine(root_cap, path), self._answered, self._failed)
        else:
            self.status.setText("Not connected: this is what the listing said")

    def show_facts(self, facts: Facts) -> None:
        self.facts = facts
        si = facts.storage_index
        literal = (facts.read_cap or "").startswith(("URI:LIT:", "URI:DIR2-LIT:"))
        for key, text in (
            ("Name", facts.name),
            ("Location", facts.location),
            ("Kind", facts.kind),
            ("Format", facts.format),
            ("Size", facts.size),
            ("Mutable", "yes" if facts.mutable else "no (immutable)"),
            ("Writable", "yes: you hold its write cap" if facts.writable else "no: read-only"),
            ("LinkCreated", _when(facts.link_created, "not recorded")),
            ("LinkModified", _when(facts.link_modified, "not recorded")),
            ("Mtime", _when(facts.mtime, "not stored")),
            ("StorageIndex", si or ("none: the data is inside the cap" if literal else "unknown")),
        ):
            self.values[key].setText(redact(text))
        for role, row in self.cap_rows.items():
            immutable = role == "write" and not facts.mutable
            row.show(facts.cap(role), "none: an immutable object has no write cap" if immutable else None)

    def value(self, key: str) -> str:
        return self.values[key].text()

    def _answered(self, listing: GridListing) -> None:
        self.asking = False
        self.show_facts(facts_of(self.item, listing))
        self.status.setText("")

    def _failed(self, message: str) -> None:
        self.asking = False
        self.status.setText(f"Could not ask the node ({redact(message)}): this is what the listing said")


def _below(index: QModelIndex, folder: QModelIndex) -> bool:
    while index.isValid():
        index = index.parent()
        if index == folder:
            return True
    return False


class PropertiesAction(QObject):
    """`actionProperties` in the grid view (Alt+Enter): the selected item's properties, or
    the folder shown when nothing is selected."""

    def __init__(self, pane: GridPane, runner: BackgroundRunner, window: QWidget):
        super().__init__(pane)
        self.pane, self.runner, self.window = pane, runner, window
        action = QAction("Properties", pane.view)
        action.setObjectName("actionProperties")
        action.setShortcuts([QKeySequence("Alt+Return"), QKeySequence("Alt+Enter")])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip("What the selected grid item is, its link times, storage index and caps")
        action.triggered.connect(self.show_properties)
        pane.view.addAction(action)
        self.action = action
        pane.view.selectionModel().selectionChanged.connect(self.update)
        pane.locationChanged.connect(self.update)
        self.update()

    def target(self) -> GridItem | None:
        """The first selected row on view (read from the selection's ranges, so a select-all
        of 10,000 rows costs nothing), else the folder shown."""
        view, model = self.pane.view, self.pane.model
        shown: QModelIndex = self.pane.current_index()
        selection = view.selectionModel().selection()
        for k in range(selection.count()):
            selected = selection.at(k)
            parent = selected.parent()
            if parent != shown and not (view.isExpanded(parent) and _below(parent, shown)):
                continue  # left behind in a folder no longer shown
            for item in model.item(parent).children[selected.top() : selected.bottom() + 1]:
                if not item.is_note:
                    return item
        return model.item(shown) if shown.isValid() else None

    def update(self) -> None:
        self.action.setEnabled(self.target() is not None)

    def show_properties(self) -> PropertiesDialog | None:
        item = self.target()
        if item is None:
            self.pane.message.emit("Select a grid item first")
            return None
        dialog = PropertiesDialog(item, self.runner, self.pane.model.client, self.window)
        dialog.show()
        return dialog
