"""A private grid of real `tahoe-lafs` processes on 127.0.0.1: N storage nodes and a client.

The storage nodes are listed to the client statically (`private/servers.yaml`), so no
introducer is needed and the grid is ready as soon as the client has connected to them.
"""

from __future__ import annotations

import configparser
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from tahoegui import paths
from tahoegui.grid.client import GridClient
from tahoegui.grid.errors import GridError

CLIENT = "client"
PID_FILE = "running.process"


class LocalGridError(RuntimeError):
    """The private grid could not be created, started or stopped."""


class LocalGridStartCancelled(LocalGridError):
    """Whoever waited for the start stopped waiting (the app's window was closed)."""


def default_grid_dir() -> Path:
    """Where the app keeps its private grid: under the user's data directory (see paths.py)."""
    return paths.default_grid_dir()


def tahoe_executable() -> str:
    """The `tahoe` program installed beside this Python (the tahoe-lafs dependency). In the
    standalone app (frozen by PyInstaller, installer/) it is the one bundled beside `tahoegui`,
    and only that one: a `tahoe` on PATH may be another version."""
    beside = Path(sys.executable).parent / "tahoe"
    if getattr(sys, "frozen", False):
        if not beside.is_file():
            raise LocalGridError(f"this standalone tahoegui lacks its bundled 'tahoe' program ({beside})")
        return str(beside)
    if beside.exists():
        return str(beside)
    found = shutil.which("tahoe")
    if not found:
        raise LocalGridError("the 'tahoe' program (package tahoe-lafs) is not installed")
    return found


PROBE_TIMEOUT = 1.0  # each readiness probe while starting (repeated until the deadline)
STATUS_TIMEOUT = 3.0  # the one request of `status`

_handed_out: set[int] = set()
_handed_out_lock = threading.Lock()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now, and that this process
    has not handed out before: nodes created side by side bind theirs only seconds later,
    so the kernel could otherwise offer two of them the same one."""
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.bind(("127.0.0.1", 0))
            port: int = s.getsockname()[1]
        with _handed_out_lock:
            if port not in _handed_out:
                _handed_out.add(port)
                return port


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie child still answers kill(0); look at its state where /proc exists.
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        return state != "Z"
    except (OSError, IndexError):
        return True


def _cmdline(pid: int) -> list[str] | None:
    """A process's arguments, or None where /proc cannot tell."""
    try:
        raw = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return None
    return [a.decode("utf-8", "surrogateescape") for a in raw.split(b"\0") if a]


def is_tahoe_process(pid: int) -> bool:
    """True if `pid` runs a tahoe node, `tahoe run` (or we cannot tell, off Linux).
    Not merely a name containing "tahoe": that would match tahoegui itself."""
    args = _cmdline(pid)
    if args is None:
        return not Path("/proc/self").exists()
    return any(Path(a).name == "tahoe" for a in args[:3]) and "run" in args


def node_processes(node_dirs: list[Path]) -> list[int]:
    """Pids of live processes whose command line names one of `node_dirs` (Linux only)."""
    wanted = {str(d) for d in node_dirs}
    found: list[int] = []
    proc = Path("/proc")
    if not proc.exists():
        return found
    for entry in proc.iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        args = _cmdline(int(entry.name))
        if args and wanted.intersection(args) and pid_alive(int(entry.name)):
            found.append(int(entry.name))
    return found


@dataclass(frozen=True)
class GridStatus:
    """What `tahoegui-grid status` reports."""

    running: bool
    node_dir: Path
    node_url: str | None
    connected: int
    happy: int

    def to_json(self) -> dict[str, object]:
        return {
            "running": self.running,
            "node_dir": str(self.node_dir),
            "node_url": self.node_url,
            "connected_servers": self.connected,
            "shares_happy": self.happy,
        }


class LocalGrid:
    """A private grid living in `base_dir`: `storage-1..N/` and `client/`."""

    def __init__(self, base_dir: Path, storage_nodes: int = 3):
        self.base_dir = Path(base_dir).absolute()
        self.storage_nodes = storage_nodes
        self._launched: dict[Path, subprocess.Popen[bytes]] = {}
        self._cancel = threading.Event()

    # ---- layout --------------------------------------------------------------------

    @property
    def client_dir(self) -> Path:
        return self.base_dir / CLIENT

    def storage_dirs(self) -> list[Path]:
        existing = sorted(
            (p for p in self.base_dir.glob("storage-*") if p.name[len("storage-") :].isdigit()),
            key=lambda p: int(p.name[len("storage-") :]),
        )
        return existing or [self.base_dir / f"storage-{i}" for i in range(1, self.storage_nodes + 1)]

    def all_node_dirs(self) -> list[Path]:
        return [*self.storage_dirs(), self.client_dir]

    def node_url(self) -> str | None:
        try:
            return (self.client_dir / "node.url").read_text().strip() or None
        except FileNotFoundError:
            return None

    def encoding(self) -> tuple[int, int, int]:
        """(needed, happy, total) for this grid's size: 2-of-3 for three nodes."""
        n = len(self.storage_dirs())
        needed = max(1, (2 * n) // 3)
        return needed, n, n

    # ---- lifecycle -----------------------------------------------------------------

    def start(self, timeout: float = 90.0, cancel: threading.Event | None = None) -> GridStatus:
        """Create (first time) and start every node; wait until an upload would succeed.

        Idempotent: nodes already running are left alone; stale pid files are removed.
        Setting `cancel` stops the waiting (LocalGridStartCancelled) within a fraction of a
        second, or once a node being created is made; nodes already launched keep starting,
        and the next `start` picks them up.
        """
        self._cancel = cancel or threading.Event()
        self.base_dir.mkdir(parents=True, exist_ok=True)
        creations: list[Callable[[], None]] = [
            partial(self._create_storage_node, node)
            for node in self.storage_dirs()
            if not (node / "tahoe.cfg").exists()
        ]
        if not (self.client_dir / "tahoe.cfg").exists():
            creations.append(self._create_client)
        # Each `tahoe create-*` spends seconds importing; run them side by side.
        with ThreadPoolExecutor(max_workers=4) as pool:
            for future in [pool.submit(create) for create in creations]:
                future.result()
        self._pause(0)
        for node in self.storage_dirs():
            self._launch(node)
        self._write_servers_yaml(timeout)
        self._launch(self.client_dir)
        return self._wait_until_ready(timeout)

    def stop(self, timeout: float = 15.0) -> None:
        """End every process of this grid; leave none behind."""
        pids = [(node, pid) for node in self.all_node_dirs() if (pid := self._pid(node))]
        _end_processes([pid for _, pid in pids], timeout)
        for node, _ in pids:
            (node / PID_FILE).unlink(missing_ok=True)
        # A node whose pid file went missing (or was never written) is found by its
        # command line: `stop` must leave nothing of this grid running.
        strays = node_processes(self.all_node_dirs())
        for pid in strays:
            _send_signal(pid, signal.SIGKILL)
        deadline = time.monotonic() + 5
        for pid in strays:
            while pid_alive(pid) and time.monotonic() < deadline:
                time.sleep(0.05)
        for proc in self._launched.values():
            try:
                proc.wait(timeout=1)  # reap our own children: no zombies left behind
            except subprocess.TimeoutExpired:
                pass
        self._launched.clear()
        (self.client_dir / "node.url").unlink(missing_ok=True)

    def status(self, connected: int | None = None) -> GridStatus:
        """Running or stopped, and how many storage servers the client has connected to
        (asked of the node, with one patient request, unless `connected` is known)."""
        _needed, happy, _total = self.encoding()
        url = self.node_url()
        running = self._pid(self.client_dir) is not None and url is not None
        if connected is None:
            connected = self._connected_servers(url, timeout=STATUS_TIMEOUT) if running and url else 0
        return GridStatus(running, self.client_dir, url if running else None, connected, happy)

    # ---- creation ------------------------------------------------------------------

    def _run_tahoe(self, *args: str) -> None:
        proc = subprocess.run([tahoe_executable(), *args], capture_output=True, text=True, stdin=subprocess.DEVNULL)
        if proc.returncode != 0:
            raise LocalGridError(f"tahoe {args[0]} failed: {_last_line(proc.stderr or proc.stdout)}")

    def _create_storage_node(self, node: Path) -> None:
        port = free_port()
        self._run_tahoe(
            "create-node",
            "--nickname",
            node.name,
            "--listen",
            "tcp",
            "--port",
            f"tcp:{port}:interface=127.0.0.1",
            "--location",
            f"tcp:127.0.0.1:{port}",
            "--webport",
            "none",
            str(node),
        )
        self._edit_cfg(node, {("storage", "reserved_space"): "0"})

    def _create_client(self) -> None:
        needed, happy, total = self.encoding()
        port = free_port()
        self._run_tahoe(
            "create-client",
            "--nickname",
            "tahoegui-client",
            "--webport",
            f"tcp:{port}:interface=127.0.0.1",
            "--shares-needed",
            str(needed),
            "--shares-happy",
            str(happy),
            "--shares-total",
            str(total),
            str(self.client_dir),
        )

    @staticmethod
    def _edit_cfg(node: Path, values: dict[tuple[str, str], str]) -> None:
        cfg = configparser.ConfigParser(interpolation=None)
        cfg.read(node / "tahoe.cfg", encoding="utf-8")
        for (section, key), value in values.items():
            if not cfg.has_section(section):
                cfg.add_section(section)
            cfg.set(section, key, value)
        with open(node / "tahoe.cfg", "w", encoding="utf-8") as f:
            cfg.write(f)

    def _ensure_ports_free(self, node: Path) -> bool:
        """A port configured earlier may have been taken since: pick a new one then.

        Answers whether the node's storage location changed."""
        moved = False
        cfg = configparser.ConfigParser(interpolation=None)
        cfg.read(node / "tahoe.cfg", encoding="utf-8")
        for key in ("tub.port", "web.port"):
            spec = cfg.get("node", key, fallback="")
            if not spec.startswith("tcp:"):
                continue
            port = int(spec.split(":")[1])
            if port_is_free(port):
                continue
            new = free_port()
            changes = {("node", key): f"tcp:{new}:interface=127.0.0.1"}
            if key == "tub.port":
                changes[("node", "tub.location")] = f"tcp:127.0.0.1:{new}"
                moved = True
            self._edit_cfg(node, changes)
        return moved

    # ---- processes -----------------------------------------------------------------

    def node_pids(self) -> dict[Path, int]:
        """The running nodes' processes, by node directory (for status and benchmarks)."""
        return {node: pid for node in self.all_node_dirs() if (pid := self._pid(node))}

    def _pid(self, node: Path) -> int | None:
        """The pid of the node's running process, or None (a stale pid file is removed)."""
        pid_file = node / PID_FILE
        try:
            pid = int(pid_file.read_text().split()[0])
        except (FileNotFoundError, ValueError, IndexError):
            return None
        # After a crash or reboot the pid may belong to another program by now.
        if pid_alive(pid) and is_tahoe_process(pid):
            return pid
        pid_file.unlink(missing_ok=True)
        return None

    def _launch(self, node: Path) -> None:
        if self._pid(node):
            return
        if self._ensure_ports_free(node):
            # The old furl names the old port; wait for the node to write the new one.
            (node / "private" / "storage.furl").unlink(missing_ok=True)
        if node == self.client_dir:
            (node / "node.url").unlink(missing_ok=True)
        with open(node / "tahoegui-run.log", "ab") as log:
            self._launched[node] = subprocess.Popen(
                [tahoe_executable(), "run", "--allow-stdin-close", str(node)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                close_fds=True,
            )

    def _write_servers_yaml(self, timeout: float) -> None:
        """List every storage node to the client (as JSON, which is valid YAML)."""
        deadline = time.monotonic() + timeout
        storage: dict[str, object] = {}
        for node in self.storage_dirs():
            furl_file, id_file = node / "private" / "storage.furl", node / "my_nodeid"
            while not (furl_file.exists() and id_file.exists()):
                if time.monotonic() > deadline:
                    raise LocalGridError(f"storage node {node.name} did not start; see {node}/tahoegui-run.log")
                self._pause(0.1)
            nodeid = "v0-" + id_file.read_text().strip().removeprefix("v0-")
            storage[nodeid] = {"ann": {"nickname": node.name, "anonymous-storage-FURL": furl_file.read_text().strip()}}
        text = json.dumps({"storage": storage}, indent=1) + "\n"
        target = self.client_dir / "private" / "servers.yaml"
        if not target.exists() or target.read_text() != text:
            target.write_text(text)
            if self._pid(self.client_dir):  # the running client must reread it
                self.stop_node(self.client_dir)

    def stop_node(self, node: Path) -> None:
        pid = self._pid(node)
        if pid:
            _end_processes([pid], timeout=10)
        (node / PID_FILE).unlink(missing_ok=True)

    def _pause(self, seconds: float) -> None:
        """Sleep while starting, unless the start is cancelled."""
        if self._cancel.wait(seconds) or self._cancel.is_set():
            raise LocalGridStartCancelled("cancelled")

    def _connected_servers(self, url: str, timeout: float) -> int:
        client = GridClient(url, timeout=(timeout, timeout))
        try:
            return client.node_status().connected_count
        except GridError:
            return 0
        finally:
            client.close()

    def _wait_until_ready(self, timeout: float) -> GridStatus:
        deadline = time.monotonic() + timeout
        _, happy, _ = self.encoding()
        while time.monotonic() < deadline:
            url = self.node_url()
            # a short wait, asked again every 0.2 s until the deadline: a cancel is never
            # kept waiting on a node that is still starting
            connected = self._connected_servers(url, timeout=PROBE_TIMEOUT) if url else 0
            if connected >= happy:
                return self.status(connected)
            for node, proc in self._launched.items():
                if proc.poll() is not None and not self._pid(node):
                    raise LocalGridError(
                        f"node {node.name} exited (status {proc.returncode}); see {node}/tahoegui-run.log"
                    )
            self._pause(0.2)
        raise LocalGridError(
            f"the private grid did not become ready within {timeout:.0f}s; see the logs in {self.base_dir}"
        )


def _last_line(output: str) -> str:
    """The one useful line of a tool's output (a traceback's last line is its error)."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    return lines[-1][:300] if lines else "no output"


def _send_signal(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


def _end_processes(pids: list[int], timeout: float) -> None:
    """SIGTERM each process, wait up to `timeout` for all to end, then SIGKILL the rest
    (and wait a few seconds for those too)."""
    for pid in pids:
        _send_signal(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    for pid in pids:
        while pid_alive(pid) and time.monotonic() < deadline:
            time.sleep(0.1)
    for pid in pids:
        if pid_alive(pid):
            _send_signal(pid, signal.SIGKILL)
            while pid_alive(pid) and time.monotonic() < deadline + 5:
                time.sleep(0.05)
