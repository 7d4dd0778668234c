"""Following a node directory's aliases file (`NODEDIR/private/aliases`) while the window is open.

`tahoe create-alias` (and `tahoe add-alias`) replace the file atomically: a new file is
renamed over the old one, so a watch on the file alone sees it vanish and then watches
nothing. The watcher therefore watches the file *and* its directory (`private/`, or the node
directory while `private/` does not exist yet), and puts the file's watch back each time the
directory changes. Changes are let settle for a moment (an editor may write in several
steps), then the file is read again off the UI thread, through the background runner (the
file is tiny, but a home directory may sit on a network file system). The answer comes back
as `changed` on the UI thread; the window compares it with what it shows.
"""

from __future__ import annotations

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from tahoegui.grid.aliases import AliasFile
from tahoegui.grid.nodedir import NodeDirectory
from tahoegui.jobs.background import BackgroundRunner

SETTLE_MS = 200  # a burst of changes (write, rename, chmod) is read once, this long after the last


class AliasFileWatcher(QObject):
    """Watches one node directory's aliases file; `changed` brings the aliases read afresh
    (with `private/root_dir.cap` as `tahoe:`, as `NodeDirectory.read_aliases` reads them)."""

    changed = Signal(object)  # AliasFile

    def __init__(self, runner: BackgroundRunner, parent: QObject | None = None):
        super().__init__(parent)
        self.runner = runner
        self.node_dir: NodeDirectory | None = None
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._poked)
        self.watcher.directoryChanged.connect(self._poked)
        self.settle = QTimer(self)
        self.settle.setSingleShot(True)
        self.settle.setInterval(SETTLE_MS)
        self.settle.timeout.connect(self.read_now)
        self._reading = False
        self._read_again = False

    def follow(self, node_dir: NodeDirectory | None) -> None:
        """Watch `node_dir`'s aliases file from now on (None: watch nothing)."""
        watched = self.watcher.files() + self.watcher.directories()
        if watched:
            self.watcher.removePaths(watched)
        self.node_dir = node_dir
        self.settle.stop()
        self._rewatch()

    def watched_paths(self) -> list[str]:
        return sorted(self.watcher.files() + self.watcher.directories())

    def _rewatch(self) -> None:
        """Watch the aliases file if it exists, and the nearest directory that holds it."""
        if self.node_dir is None:
            return
        aliases = self.node_dir.aliases_path
        wanted = [aliases.parent if aliases.parent.is_dir() else self.node_dir.path]
        if aliases.is_file():
            wanted.append(aliases)
        missing = [str(p) for p in wanted if p.exists() and str(p) not in self.watched_paths()]
        if missing:
            self.watcher.addPaths(missing)

    def _poked(self, _path: str) -> None:
        self._rewatch()  # a file renamed over the old one is a new file: watch it again
        self.settle.start()

    def read_now(self) -> None:
        """Read the file again (off the UI thread); `changed` follows."""
        node_dir = self.node_dir
        if node_dir is None:
            return
        if self._reading:  # one read at a time; one more after it, for changes meanwhile
            self._read_again = True
            return
        self._reading = True
        self.runner.submit(node_dir.read_aliases, lambda found: self._read(node_dir, found), self._failed)

    def _read(self, node_dir: NodeDirectory, found: AliasFile) -> None:
        self._reading = False
        if node_dir is not self.node_dir:
            return  # the window follows another node directory now
        self.changed.emit(found)
        self._again()

    def _failed(self, _message: str) -> None:
        self._reading = False  # read_aliases reports unreadable files as problems; this is a bug
        self._again()

    def _again(self) -> None:
        if self._read_again:
            self._read_again = False
            self.read_now()
