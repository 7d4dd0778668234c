"""`make smoke`: run the built app (dist/tahoegui/) as a user would, offscreen, and check it works.

The bundle's `tahoegui` starts its own private grid in a temporary folder with the bundled `tahoe`
(PATH holds no Python and no tahoe), opens the window, lists the grid's alias, copies a file
local → grid and back (installer/selftest.py, run inside the window by TAHOEGUI_SELF_TEST), and
must exit 0. Then this script checks, from outside: the bytes in the grid (the bundled `tahoe
get`), the node's web pages (tahoe-lafs's templates are in the bundle), every program's
`--version`, no traceback or Qt warning on stderr or in the logs, and, after the bundled
`tahoegui-grid stop`, no process left behind. Prints one line; exits 0 when all held.

    python installer/smoke.py [--app dist/tahoegui] [--keep]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

PROGRAMS = ("tahoegui", "tahoe", "tahoegui-grid", "tahoegui-cp")
PAYLOAD_BYTES = 1024 * 1024 + 123  # more than one segment of an immutable file, and not a round number
APP_TIMEOUT = 600
# stderr lines that are not problems; any other line fails the smoke test
HARMLESS_STDERR = [
    # Qt's offscreen platform (this test's, never a desktop's) cannot pass size hints to a window manager
    re.compile(r"^This plugin does not support propagateSizeHints\(\)$"),
]
PROBLEM_IN_LOG = re.compile(r"Traceback|Unhandled [Ee]rror|CRITICAL|\bERROR\b")


class SmokeFailed(Exception):
    """What went wrong, in one line."""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--app", type=Path, default=Path("dist/tahoegui"), help="the built app's folder")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (the grid, logs)")
    args = parser.parse_args()
    app = args.app.absolute()
    started = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix="tahoegui-smoke-"))
    try:
        summary = smoke(app, tmp)
    except SmokeFailed as e:
        print(f"smoke: FAIL: {e} (files kept in {tmp})")
        return 1
    finally:
        stray = stop_everything(app, tmp)
    if stray:
        print(f"smoke: FAIL: processes left behind after `tahoegui-grid stop`: {stray} (killed; files kept in {tmp})")
        return 1
    if not args.keep:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"smoke: PASS: {app} {summary}; no stderr noise, nothing left running ({time.monotonic() - started:.0f} s)")
    return 0


def smoke(app: Path, tmp: Path) -> str:
    for name in PROGRAMS:
        if not os.access(app / name, os.X_OK):
            raise SmokeFailed(f"{app / name} is missing: run `make app` first")
    env = clean_environment(tmp)
    versions = [check_version(app / name, env) for name in PROGRAMS]

    work, grid = tmp / "work", tmp / "grid"
    work.mkdir()
    payload = os.urandom(PAYLOAD_BYTES)
    (work / "upload.bin").write_bytes(payload)
    returncode, stdout, stderr = run_window(app, grid, work, env, tmp)
    noise = [line for line in stderr.splitlines() if line.strip() and not harmless(line)]
    if returncode != 0:
        last = [line for line in stdout.splitlines() if line.startswith("self-test:")][-1:]
        raise SmokeFailed(f"tahoegui exited {returncode}: {' '.join(last) or 'no self-test output'}; {noise[:3]}")
    if noise:
        raise SmokeFailed(f"tahoegui wrote to stderr: {noise[:5]}")

    # From outside the window: the grid holds the bytes, and serves its pages.
    client = grid / "client"
    got = tmp / "got.bin"
    get = [str(app / "tahoe"), "--node-directory", str(client), "get", "tahoe:upload.bin", str(got)]
    run(get, env, expected_stderr=r"tahoe:upload.bin retrieved and written to .*")  # tahoe says so on stderr
    if got.read_bytes() != payload:
        raise SmokeFailed("`tahoe get` of the uploaded file gave other bytes")
    if (work / "download" / "upload.bin").read_bytes() != payload:
        raise SmokeFailed("the file copied grid → local differs from the one uploaded")
    url = (client / "node.url").read_text().strip()
    with urllib.request.urlopen(url, timeout=30) as resp:
        welcome = resp.read().decode("utf-8", "replace")
    if "Tahoe-LAFS" not in welcome:
        raise SmokeFailed(f"the node's welcome page at {url} does not say Tahoe-LAFS")
    nodes = processes_mentioning(str(grid))
    strangers = [args[0] for args in nodes.values() if args[0] != str(app / "tahoe")]
    if len(nodes) < 4 or strangers:
        raise SmokeFailed(f"the grid's nodes should be 4 runs of the bundled tahoe, not {list(nodes.values())}")
    check_logs(tmp)
    return (
        f"({', '.join(versions)}) started a private grid with its bundled tahoe, listed tahoe:, "
        f"copied {PAYLOAD_BYTES} bytes local → grid → local intact"
    )


def run_window(app: Path, grid: Path, work: Path, env: dict[str, str], tmp: Path) -> tuple[int, str, str]:
    """The window with its self-test; its output goes to files, so a hang still leaves it to read."""
    out_path, err_path = tmp / "tahoegui.stdout", tmp / "tahoegui.stderr"
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        proc = subprocess.Popen(
            [str(app / "tahoegui"), "--local-grid", str(grid), "--local-root", str(work)],
            env={**env, "TAHOEGUI_SELF_TEST": str(work)},
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
        )
        try:
            returncode = proc.wait(timeout=APP_TIMEOUT)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            returncode = -1
    stdout = out_path.read_text(errors="replace")
    stderr = err_path.read_text(errors="replace")
    if returncode == -1:
        last = [line for line in stdout.splitlines() if line.startswith("self-test:")][-1:]
        raise SmokeFailed(f"tahoegui did not finish within {APP_TIMEOUT} s; last: {' '.join(last) or 'nothing'}")
    return returncode, stdout, stderr


def clean_environment(tmp: Path) -> dict[str, str]:
    """Offscreen, with a home and XDG folders of its own, and a PATH with no Python or tahoe on it."""
    home = tmp / "home"
    runtime = tmp / "runtime"
    for folder in (home, runtime):
        folder.mkdir(mode=0o700)
    env = {key: value for key, value in os.environ.items() if key in ("TZ", "TMPDIR", "USER", "LOGNAME")}
    env.update(
        LANG="C.UTF-8",  # Qt warns about any locale that is not UTF-8
        PATH="/usr/bin:/bin",
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_RUNTIME_DIR=str(runtime),
        QT_QPA_PLATFORM="offscreen",
    )
    return env


def check_version(program: Path, env: dict[str, str]) -> str:
    """`PROGRAM --version` answers its name and a real version (the bundle kept the metadata)."""
    out = run([str(program), "--version"], env).strip()
    line = out.splitlines()[-1] if out else ""
    if program.name == "tahoe":  # tahoe says `tahoe-lafs/1.20.0`
        if not re.fullmatch(r"tahoe-lafs/\d+\.\d+\S*", line):
            raise SmokeFailed(f"`tahoe --version` said {out[:200]!r}")
        return line.replace("/", " ")
    if not re.fullmatch(rf"{re.escape(program.name)} \d+\.\d+\S*", line):
        raise SmokeFailed(f"`{program.name} --version` said {out!r}")
    return line


def run(command: list[str], env: dict[str, str], expected_stderr: str = "") -> str:
    """Run a program of the bundle; it must succeed and write nothing but `expected_stderr` (a regex) to stderr."""
    proc = subprocess.run(command, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        raise SmokeFailed(
            f"`{' '.join(command)}` exited {proc.returncode}: {(proc.stderr or proc.stdout).strip()[-300:]}"
        )
    noise = [
        line
        for line in proc.stderr.splitlines()
        if line.strip() and not harmless(line) and not (expected_stderr and re.fullmatch(expected_stderr, line))
    ]
    if noise:
        raise SmokeFailed(f"`{' '.join(command)}` wrote to stderr: {noise[:5]}")
    return proc.stdout


def harmless(line: str) -> bool:
    return any(p.search(line) for p in HARMLESS_STDERR)


QT_MESSAGE_IN_LOG = re.compile(r" tahoegui\.qt: Qt: (?P<message>.*)$")


def harmless_qt_message(line: str) -> bool:
    """A line of tahoegui's log that is one of Qt's harmless messages (as on stderr)."""
    found = QT_MESSAGE_IN_LOG.search(line)
    return found is not None and harmless(found["message"])


def check_logs(tmp: Path) -> None:
    """tahoegui logs warnings (with tracebacks) to its own file, the nodes to theirs: all must be clean."""
    for log in sorted((tmp / "home").rglob("*.log")):
        lines = [line for line in log.read_text(errors="replace").splitlines() if line.strip()]
        # Qt's own messages go to this log too (ui/qt_messages.py): the harmless ones may stand
        problems = [line for line in lines if not harmless_qt_message(line)]
        if problems:
            raise SmokeFailed(f"{log.name} has warnings: {problems[0][:300]}")
    for log in sorted((tmp / "grid").glob("*/tahoegui-run.log")) + sorted((tmp / "grid").glob("*/logs/*.log")):
        for line in log.read_text(errors="replace").splitlines():
            if PROBLEM_IN_LOG.search(line):
                raise SmokeFailed(f"{log.relative_to(tmp)}: {line.strip()[:300]}")


def stop_everything(app: Path, tmp: Path) -> list[int]:
    """Stop the grid with the bundled `tahoegui-grid stop`; kill and answer whatever of this run
    still lives (found by the temporary folder on its command line)."""
    if (tmp / "grid").exists() and (app / "tahoegui-grid").exists():
        subprocess.run(
            [str(app / "tahoegui-grid"), "stop", "--dir", str(tmp / "grid")],
            env=clean_environment_for_stop(tmp),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=120,
        )
    stray = list(processes_mentioning(str(tmp)))
    for pid in stray:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return stray


def clean_environment_for_stop(tmp: Path) -> dict[str, str]:
    home = tmp / "home"
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "XDG_DATA_HOME": str(home / ".local" / "share")}


def processes_mentioning(text: str) -> dict[int, list[str]]:
    """Live processes (not zombies) whose command line contains `text`: their arguments by pid."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            args = (entry / "cmdline").read_bytes().decode("utf-8", "replace").split("\0")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if any(text in arg for arg in args) and state != "Z":
            found[int(entry.name)] = args
    return found


if __name__ == "__main__":
    sys.exit(main())
