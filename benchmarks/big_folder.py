"""Big folders: what a person does with a folder of 10,000 entries, measured in the window.

Every figure is the worst event-loop stall (a 10 ms heartbeat's longest gap) around one
action on 10,000 rows, as the median of several rounds, next to its target:

- grid pane: Select All, starting a drag (`startDrag`: the selection and `mimeData`), F5
  until the copy job is queued, dropping the drag on the local pane until queued, and
  sorting by size (with nothing selected, and with every row selected);
- opening the folder until every row is in the model, against the raw `GET ?t=json` of it
  with the same client (alternating rounds; target at most 1.2x), and the stall of
  refreshing it after 5,000 entries were added;
- local pane: Select All, starting a drag, dropping it on the grid pane until queued, F5;
- planning a copy of 2,500 / 5,000 / 10,000 local files into a grid folder (a folder of
  them, the files selected one by one, and the files selected onto a folder that already
  holds them with the rename policy): the time per file must stay flat;
- with --copies: F5 on all 10,000 rows against `tahoegui-cp -r` of the folder (<= 1.3x),
  and F5 on 500 rows against a copy of a folder of the same 500 files (<= 1.5x).

The F5 and drop figures use a stand-in copier, so they time the window, not the copy.
Measures and prints; never a test.

Usage: .venv/bin/python benchmarks/big_folder.py [--rounds 5] [--copies] [--only NAME ...]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from PySide6.QtCore import (
    QEventLoop,
    QItemSelection,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QPoint,
    QPointF,
    Qt,
    QTimer,
    qInstallMessageHandler,
)
from PySide6.QtGui import QAction, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QTreeView
from ui_stall import Heartbeat, run_until

from tahoegui.app import build_main_window
from tahoegui.copier import CopyOptions, CopyResult
from tahoegui.copier import copy as real_copy
from tahoegui.copier.planner import Planner
from tahoegui.grid.client import GridClient
from tahoegui.grid.testing import running_grid
from tahoegui.models.grid_item import NAME, SIZE
from tahoegui.ui.main_window import MainWindow
from tahoegui.ui.progress_dialog import CopyProgressDialog

ROOT = Path(__file__).resolve().parent.parent
ROWS = 10_000
TARGET_MS = 100
OPEN_RATIO = 1.2
SIZES = (2_500, 5_000, 10_000)
SETTLE_MS = 250  # after an action, the loop runs this long so deferred work and painting count too
BIN = Path(sys.executable).parent


def idle(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


class Sample(NamedTuple):
    stall_ms: float  # the heartbeat's longest gap around the action
    call_ms: float  # the action's own call
    cpu_ms: float  # UI-thread CPU time from the action until the loop settled: steadier on a busy machine


class Stalls:
    """Measures the UI thread's worst stall around one action: the heartbeat's longest gap
    from just before the action until SETTLE_MS after it, the action's own call time, and
    the UI thread's CPU time over the same span."""

    def __init__(self) -> None:
        self.heartbeat = Heartbeat()

    def measure(self, action: Callable[[], object]) -> Sample:
        called: list[tuple[float, float]] = []

        def timed() -> None:
            start, cpu = time.perf_counter(), time.thread_time()
            action()
            called.append(((time.perf_counter() - start) * 1000, cpu))

        self.heartbeat.start()
        idle(30)  # a few beats first, so the action's gap is measured from a beat
        QTimer.singleShot(0, timed)
        idle(SETTLE_MS)
        cpu_end = time.thread_time()
        stats = self.heartbeat.stop()
        if not called:
            return Sample(stats["worst_ms"], float("nan"), float("nan"))
        call_ms, cpu_start = called[0]
        return Sample(stats["worst_ms"], call_ms, (cpu_end - cpu_start) * 1000)

    def rounds(
        self,
        count: int,
        action: Callable[[], object],
        before: Callable[[], object] | None = None,
        after: Callable[[], object] | None = None,
    ) -> list[Sample]:
        samples = []
        for _ in range(count):
            if before is not None:
                before()
                idle(50)
            samples.append(self.measure(action))
            if after is not None:
                after()
        return samples


def report(label: str, samples: Sequence[Sample], target: float = TARGET_MS) -> float:
    stalls = [s.stall_ms for s in samples]
    median = statistics.median(stalls)
    verdict = "OK" if median < target else "TOO SLOW"
    call = statistics.median(s.call_ms for s in samples)
    cpu = statistics.median(s.cpu_ms for s in samples)
    print(
        f"  {label}: stall {median:.0f} ms (rounds {min(stalls):.0f}–{max(stalls):.0f}; the call "
        f"{call:.0f} ms; UI-thread CPU {cpu:.0f} ms) [target < {target:.0f} ms: {verdict}]",
        flush=True,
    )
    return median


def fake_copy(sources: Sequence[str], target: str, **_: Any) -> CopyResult:
    """Stands in for the copier: the window's part ends when the job is queued."""
    return CopyResult()


def wait_for_jobs(window: MainWindow) -> None:
    run_until(lambda: not window.queue.active_jobs, 120)
    for dialog in window.findChildren(CopyProgressDialog, "copyProgressDialog"):
        dialog.close()
        dialog.deleteLater()
    idle(20)


def queued(window: MainWindow) -> Callable[[], None]:
    """After each round: a job of every row was queued (then let it finish)."""
    before = len(window.queue.jobs)

    def check() -> None:
        nonlocal before
        assert len(window.queue.jobs) == before + 1, "no job was queued"
        assert len(window.queue.jobs[-1].sources) == ROWS, len(window.queue.jobs[-1].sources)
        wait_for_jobs(window)
        before = len(window.queue.jobs)

    return check


def drag_over_and_drop(view: QTreeView, mime: QMimeData) -> None:
    """What a drag from the other pane does to `view`: enter, a few moves, the drop."""
    pos = QPoint(5, view.viewport().height() - 3)
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), QDragEnterEvent(pos, *args))
    for dy in range(3):
        QApplication.sendEvent(view.viewport(), QDragMoveEvent(QPoint(5, pos.y() - dy), *args))
    QApplication.sendEvent(view.viewport(), QDropEvent(QPointF(pos), *args))


def drag_moves(view: QTreeView, mime: QMimeData, count: int = 10) -> None:
    """Moving the drag over `view`: each move asks the pane whether it accepts the payload."""
    pos = QPoint(5, view.viewport().height() - 3)
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view.viewport(), QDragEnterEvent(pos, *args))
    for dy in range(count):
        QApplication.sendEvent(view.viewport(), QDragMoveEvent(QPoint(5, pos.y() - dy % 3), *args))


def dragged_mime(view: QTreeView) -> QMimeData:
    """The payload `startDrag` builds (rows of the draggable selection, every column)."""
    model = view.model()
    indexes = [i for i in view.selectedIndexes() if model.flags(i) & Qt.ItemFlag.ItemIsDragEnabled]
    return model.mimeData(indexes)


def make_lits(client: GridClient, count: int = 40) -> list[str]:
    """Small files of different sizes (LIT caps: the data is in the cap), so sorting by size moves rows."""
    return [client.upload(b"x" * (n + 1)) for n in range(count)]


def big_folder(client: GridClient, lits: list[str], rows: int = ROWS, prefix: str = "file") -> str:
    return client.mkdir_with_children(
        {f"{prefix}-{i:05d}.txt": (lits[(i * 7919) % len(lits)], {}) for i in range(rows)}
    )


# ---- the grid pane -------------------------------------------------------------------------


def open_folder(window: MainWindow, cap: str, beat: bool = True) -> tuple[float, float]:
    """Open `cap` in a fresh grid tree; answers (seconds until every row is in, worst gap ms).
    Without `beat` no heartbeat runs: its timer wakes the UI thread, which takes the GIL
    from the thread parsing the listing, every 10 ms."""
    pane, model = window.grid_pane, window.grid_pane.model
    pane.navigate(QModelIndex())
    model.set_connection(model.client, model.node_url, {})
    idle(50)
    loaded: list[float] = []

    def on_loaded(index: QModelIndex) -> None:
        if index.isValid() and model.rowCount(index) >= ROWS:
            loaded.append(time.perf_counter())

    model.folderLoaded.connect(on_loaded)
    heartbeat = Heartbeat()
    if beat:
        heartbeat.start()
    start = time.perf_counter()
    pane.open_location(cap)
    run_until(lambda: bool(loaded), 120)
    stats = heartbeat.stop()
    model.folderLoaded.disconnect(on_loaded)
    return loaded[0] - start, stats["worst_ms"]


def raw_get(client: GridClient, cap: str) -> float:
    start = time.perf_counter()
    resp = client.session.get(client.url(cap), params={"t": "json"}, timeout=120)
    resp.raise_for_status()
    _ = resp.content
    return time.perf_counter() - start


def bench_open(window: MainWindow, big: str, rounds: int) -> None:
    """Alternating rounds of the raw GET and of opening the folder in the window, with the
    same client (and so the same HTTP session); then the worst stall while it opens."""
    client = window.grid_pane.model.client
    assert client is not None
    raw_get(client, big)  # warm both the node and the session
    open_folder(window, big, beat=False)
    opens, gets = [], []
    for _ in range(rounds):
        gets.append(raw_get(client, big))
        opens.append(open_folder(window, big, beat=False)[0])
    gaps = [open_folder(window, big)[1] for _ in range(max(3, rounds // 2))]
    ratios = [o / g for o, g in zip(opens, gets, strict=True)]
    ratio = statistics.median(ratios)
    verdict = "OK" if ratio <= OPEN_RATIO else "TOO SLOW"
    print(
        f"  opening: {statistics.median(opens) * 1000:.0f} ms until every row is in, raw GET "
        f"{statistics.median(gets) * 1000:.0f} ms: {ratio:.2f}x, the median of each round's ratio "
        f"(rounds {min(ratios):.2f}–{max(ratios):.2f}x; ratio of the medians "
        f"{statistics.median(opens) / statistics.median(gets):.2f}x) [target <= {OPEN_RATIO}x: {verdict}]; "
        f"worst gap while opening {statistics.median(gaps):.0f} ms",
        flush=True,
    )


def bench_refresh(window: MainWindow, client: GridClient, lits: list[str], rounds: int) -> None:
    """The stall of refreshing an open 10,000-entry folder that has 5,000 more (the web API
    has no bulk delete, so only additions; removals leave in contiguous ranges the same way).
    The CPU figure is the UI thread's from the refresh until every row is in."""
    samples = []
    model, view = window.grid_pane.model, window.grid_view
    for r in range(rounds):
        cap = big_folder(client, lits)
        open_folder(window, cap)
        client.set_children(cap, {f"new{r}-{i:05d}.txt": (lits[i % len(lits)], {}) for i in range(5_000)})
        shown = view.rootIndex()
        heartbeat = Heartbeat()
        heartbeat.start()
        start, cpu = time.perf_counter(), time.thread_time()
        model.load(shown)
        run_until(lambda s=shown: model.rowCount(s) == ROWS + 5_000 and not model.is_loading(s), 120)
        cpu = time.thread_time() - cpu
        seconds = time.perf_counter() - start
        idle(SETTLE_MS)
        samples.append(Sample(heartbeat.stop()["worst_ms"], seconds * 1000, cpu * 1000))
    report("refreshing it after 5,000 entries were added (the call: until every row is in)", samples)


def bench_grid_actions(window: MainWindow, stalls: Stalls, rounds: int, only: set[str]) -> None:
    view = window.grid_view
    view.setFocus()
    selection = view.selectionModel()

    def want(name: str) -> bool:
        return not only or name in only

    if want("select"):
        report("grid Select All", stalls.rounds(rounds, view.selectAll, before=selection.clearSelection))
    view.selectAll()
    idle(50)
    assert len(selection.selectedRows(NAME)) == ROWS, len(selection.selectedRows(NAME))

    if want("drag"):
        samples = stalls.rounds(rounds, lambda: view.startDrag(Qt.DropAction.CopyAction))
        report("grid drag start (startDrag: selection + mimeData)", samples)

    clipboard = next((a for a in view.actions() if a.objectName() == "actionCopyItems"), None)
    if want("clipboard") and isinstance(clipboard, QAction):
        report("grid Copy (clipboard)", stalls.rounds(rounds, clipboard.trigger))

    window.copy_fn = fake_copy
    if want("f5"):
        samples = stalls.rounds(rounds, window.copy_to_local.trigger, after=queued(window))
        report("grid F5 until the job is queued", samples)

    if want("drop"):
        mime = dragged_mime(view)
        samples = stalls.rounds(rounds, lambda: drag_moves(window.local_view, mime))
        report("grid drag moving over the local pane (10 moves)", samples)
        samples = stalls.rounds(rounds, lambda: drag_over_and_drop(window.local_view, mime), after=queued(window))
        report("grid drag dropped on the local pane, until queued", samples)

    if want("sort"):
        for label, select in (("nothing selected", False), ("every row selected", True)):

            def unsorted(select: bool = select) -> None:
                view.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
                if select:
                    view.selectAll()
                else:
                    selection.clearSelection()

            samples = stalls.rounds(
                rounds, lambda: view.sortByColumn(SIZE, Qt.SortOrder.AscendingOrder), before=unsorted
            )
            assert len(selection.selectedRows(NAME)) == (ROWS if select else 0)
            report(f"grid sort by size, {label}", samples)
        view.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)


# ---- the local pane ------------------------------------------------------------------------


def bench_local_actions(window: MainWindow, folder: Path, stalls: Stalls, rounds: int) -> None:
    pane, view = window.local_pane, window.local_view
    pane.navigate(str(folder))
    root = pane.model.index(str(folder))
    run_until(lambda: pane.model.rowCount(root) == ROWS, 120)
    idle(300)
    view.setFocus()
    selection = view.selectionModel()
    report("local Select All", stalls.rounds(rounds, view.selectAll, before=selection.clearSelection))
    assert len(selection.selectedRows(0)) == ROWS

    samples = stalls.rounds(rounds, lambda: view.startDrag(Qt.DropAction.CopyAction))
    report("local drag start (startDrag: selection + mimeData)", samples)

    mime = dragged_mime(view)
    report(
        "local drag moving over the grid pane (10 moves)",
        stalls.rounds(rounds, lambda: drag_moves(window.grid_view, mime)),
    )

    window.copy_fn = fake_copy
    samples = stalls.rounds(rounds, lambda: drag_over_and_drop(window.grid_view, mime), after=queued(window))
    report("local drag dropped on the grid pane, until queued", samples)
    report("local F5 until the job is queued", stalls.rounds(rounds, window.copy_to_grid.trigger, after=queued(window)))


# ---- planning ------------------------------------------------------------------------------


def plan_seconds(client: GridClient, sources: list[str], target: str, conflict: str = "overwrite") -> float:
    options = CopyOptions(recursive=True, conflict=conflict)  # type: ignore[arg-type]
    start = time.perf_counter()
    plan = Planner(client, {}, options, lambda message, phase: None).make_plan(sources, target)
    seconds = time.perf_counter() - start
    assert plan.files_total == len(sources) or plan.files_total > 1, plan.files_total
    return seconds


def bench_planning(client: GridClient, lits: list[str], tmp: Path, rounds: int) -> None:
    folders = {}
    for n in SIZES:
        folder = tmp / f"plan-{n}"
        folder.mkdir()
        for i in range(n):
            (folder / f"file-{i:05d}.txt").write_bytes(b"x")
        folders[n] = folder
    empty = client.mkdir()
    holding = {n: big_folder(client, lits, n) for n in SIZES}
    cases: dict[str, Callable[[int], float]] = {
        "a folder of N files into a grid folder": lambda n: plan_seconds(client, [str(folders[n])], empty),
        "N selected files into a grid folder": lambda n: plan_seconds(
            client, [str(p) for p in sorted(folders[n].iterdir())], empty
        ),
        "N selected files onto the same names (rename)": lambda n: plan_seconds(
            client, [str(p) for p in sorted(folders[n].iterdir())], holding[n], "rename"
        ),
    }
    for label, case in cases.items():
        per_file: dict[int, list[float]] = {n: [] for n in SIZES}
        case(SIZES[0])  # warm up
        for _ in range(rounds):
            for n in SIZES:  # alternating sizes within each round
                per_file[n].append(case(n) / n * 1e6)
        medians = {n: statistics.median(v) for n, v in per_file.items()}
        growth = medians[SIZES[-1]] / medians[SIZES[0]]
        verdict = "flat" if growth < 1.5 else "GROWS"
        figures = ", ".join(f"{n:,}: {medians[n]:.0f} µs/file" for n in SIZES)
        print(f"  planning {label}: {figures} ({growth:.2f}x from first to last) [{verdict}]", flush=True)


# ---- real copies ---------------------------------------------------------------------------


def f5_copy_seconds(window: MainWindow, count: int, local_target: Path) -> float:
    """F5 on the first `count` rows of the grid folder shown, into `local_target` (shown in
    the local pane, as F5 copies there): seconds until the copy is done."""
    window.copy_fn = real_copy
    local_target.mkdir(parents=True)
    window.local_pane.navigate(str(local_target))
    view, model = window.grid_view, window.grid_pane.model
    root = view.rootIndex()
    chosen = QItemSelection(model.index(0, 0, root), model.index(count - 1, 0, root))
    flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
    view.selectionModel().select(chosen, flags)
    before = len(window.queue.jobs)
    start = time.perf_counter()
    window.copy_selection_to_local()
    run_until(lambda: len(window.queue.jobs) > before and not window.queue.active_jobs, 1800)
    seconds = time.perf_counter() - start
    result = window.queue.jobs[-1].result
    assert result is not None and result.ok and len(result.copied) == count, result
    return seconds


def cp_seconds(node: Path, args: list[str]) -> float:
    """`tahoegui-cp` of this checkout (not whichever the venv installed)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    subprocess.run([str(BIN / "tahoegui-cp"), "-d", str(node), *args], check=True, capture_output=True, env=env)
    return time.perf_counter() - start


def bench_copies(window: MainWindow, node: Path, big: str, client: GridClient, lits: list[str], tmp: Path) -> None:
    """Real copies, alternating: F5 on rows of a folder against `tahoegui-cp -r` of it."""
    small = big_folder(client, lits, 500, prefix="five")
    for folder, count, target, label in (
        (big, ROWS, 1.3, f"F5 on all {ROWS:,} rows; tahoegui-cp -r of the folder"),
        (small, 500, 1.5, "F5 on 500 rows; tahoegui-cp -r of the folder of the same 500 files"),
    ):
        window.grid_pane.open_location(folder)
        run_until(lambda c=count: window.grid_pane.model.rowCount(window.grid_view.rootIndex()) == c, 120)
        ours, theirs = [], []
        for r in range(2):
            ours.append(f5_copy_seconds(window, count, tmp / f"f5-{count}-{r}"))
            theirs.append(cp_seconds(node, ["-r", folder, str(tmp / f"cp-{count}-{r}")]))
        ratio = statistics.median(ours) / statistics.median(theirs)
        print(
            f"  {label}: {statistics.median(ours):.1f} s vs {statistics.median(theirs):.1f} s: {ratio:.2f}x "
            f"(rounds {[round(o, 1) for o in ours]} vs {[round(t, 1) for t in theirs]}) "
            f"[target <= {target}x: {'OK' if ratio <= target else 'TOO SLOW'}]",
            flush=True,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--copies", action="store_true", help="also time real F5 copies against tahoegui-cp")
    parser.add_argument(
        "--only",
        nargs="*",
        default=[],
        help="some of: select drag clipboard f5 drop sort open refresh local planning copies",
    )
    args = parser.parse_args()
    only = set(args.only)

    def want(name: str) -> bool:
        return not only or name in only

    app = QApplication.instance() or QApplication(sys.argv[:1])
    # the offscreen platform says so for every dialog shown: noise between the figures
    qInstallMessageHandler(lambda _kind, _context, text: None if "propagateSizeHints" in text else print(text))
    with running_grid() as grid, tempfile.TemporaryDirectory(prefix="tahoegui-bench-") as tmp_name:
        tmp = Path(tmp_name)
        client = grid.client()
        lits = make_lits(client)
        big = big_folder(client, lits)
        node = grid.make_node_dir(tmp / "node", {"bench": client.mkdir()})
        local = tmp / "local"
        folder = local / "ten-thousand"
        folder.mkdir(parents=True)
        for i in range(ROWS):
            (folder / f"file-{i:05d}.txt").write_bytes(b"x" * (i % 97))
        os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")  # the user's remembered settings stay theirs
        window = build_main_window(["-d", str(node), "--local-root", str(local)])
        assert isinstance(window, MainWindow)
        window.show()
        window.resize(1200, 720)
        run_until(lambda: window.grid_view.rootIndex().isValid(), 30)
        stalls = Stalls()
        print(f"A folder of {ROWS:,} entries; medians of {args.rounds} rounds", flush=True)

        if want("open"):
            bench_open(window, big, args.rounds)
        if only & {"select", "drag", "clipboard", "f5", "drop", "sort"} or not only:
            open_folder(window, big)
            bench_grid_actions(window, stalls, args.rounds, only)
        if want("refresh"):
            bench_refresh(window, client, lits, max(3, args.rounds // 2))
        if want("local"):
            bench_local_actions(window, folder, stalls, args.rounds)
        if want("planning"):
            bench_planning(client, lits, tmp, max(3, args.rounds // 2 + 1))
        if args.copies or "copies" in only:
            bench_copies(window, node, big, client, lits, tmp)

        window.queue.cancel_all()
        window.queue.wait(30000)
        window.close()
        client.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
