"""The .desktop file, AppStream metainfo and icons: they validate, agree with the package,
ship in the wheel, and `make install-desktop`'s script puts them into XDG_DATA_HOME."""

from __future__ import annotations

import configparser
import fnmatch
import os
import shutil
import struct
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from importlib import metadata
from pathlib import Path

import pytest

from tahoegui import resources
from tahoegui.version import LICENSE, PROJECT_URL

ROOT = Path(__file__).resolve().parents[2]
RESOURCES = ROOT / "resources"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())


def needs(tool: str, package: str) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (Debian package {package}; scripts/install-system-packages.sh)")


def run(*cmd: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, env=env)


def desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])


# ---- validators -----------------------------------------------------------------------


def test_desktop_file_passes_desktop_file_validate_without_a_hint():
    needs("desktop-file-validate", "desktop-file-utils")
    done = run("desktop-file-validate", str(RESOURCES / "tahoegui.desktop"))
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


def test_metainfo_passes_appstreamcli_validate():
    needs("appstreamcli", "appstream")
    done = run("appstreamcli", "validate", "--no-net", str(RESOURCES / "tahoegui.metainfo.xml"))
    assert done.returncode == 0, done.stdout + done.stderr


# ---- what the files say -----------------------------------------------------------------


def test_desktop_file_runs_tahoegui_with_its_icon():
    entry = desktop_entry(RESOURCES / "tahoegui.desktop")
    assert entry["Exec"] == "tahoegui"
    assert entry["Icon"] == resources.DESKTOP_FILE_NAME == "tahoegui"
    assert "FileManager" in entry["Categories"].split(";")
    assert entry["Keywords"] and entry["Comment"]


def test_metainfo_agrees_with_the_package_and_the_about_box():
    root = ET.parse(RESOURCES / "tahoegui.metainfo.xml").getroot()
    assert root.findtext("launchable[@type='desktop-id']") == f"{resources.DESKTOP_FILE_NAME}.desktop"
    assert root.findtext("project_license") == LICENSE == PYPROJECT["project"]["license"]
    assert root.findtext("url[@type='homepage']") == PROJECT_URL
    releases = [r.get("version") for r in root.iter("release")]
    assert PYPROJECT["project"]["version"] in releases
    assert metadata.version("tahoegui") in releases
    image = root.findtext("screenshots/screenshot/image") or ""
    assert image.startswith(PROJECT_URL.replace("github.com", "raw.githubusercontent.com"))
    assert image.endswith("/docs/screenshot.png") and (ROOT / "docs" / "screenshot.png").is_file()
    assert {b.text for b in root.iter("binary")} == set(PYPROJECT["project"]["scripts"])


def test_icon_pngs_exist_at_every_size_with_that_size():
    for size in resources.ICON_SIZES:
        assert png_size(RESOURCES / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "tahoegui.png") == (size, size)
    svg = ET.parse(RESOURCES / "icons" / "tahoegui.svg").getroot()
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"


# ---- finding and shipping them ----------------------------------------------------------


def test_the_package_finds_its_resources():
    assert resources.icon_svg() == RESOURCES / "icons" / "tahoegui.svg"
    for size in resources.ICON_SIZES:
        assert resources.icon_png(size).is_file()
    assert resources.desktop_file().is_file() and resources.metainfo_file().is_file()


def test_the_wheel_lists_every_tahoegui_package():
    """pyproject.toml lists its packages (resources/ ships as `tahoegui_resources`):
    a new package must be added there, or the wheel leaves it out."""
    on_disk = {
        ".".join(d.relative_to(ROOT).parts) for d in (ROOT / "tahoegui").rglob("*") if (d / "__init__.py").is_file()
    } | {"tahoegui"}
    listed = set(PYPROJECT["tool"]["setuptools"]["packages"])
    assert on_disk - listed == set(), "add these to [tool.setuptools] packages in pyproject.toml"
    assert PYPROJECT["tool"]["setuptools"]["package-dir"]["tahoegui_resources"] == "resources"


def test_the_wheel_takes_every_file_in_resources():
    patterns = PYPROJECT["tool"]["setuptools"]["package-data"]["tahoegui_resources"]
    files = [
        p.relative_to(RESOURCES).as_posix()
        for p in RESOURCES.rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc")
    ]
    left_out = [f for f in files if not any(fnmatch.fnmatch(f, pattern) for pattern in patterns)]
    assert files and left_out == []


# ---- make install-desktop ----------------------------------------------------------------


def test_install_desktop_puts_entry_metainfo_and_icons_into_xdg_data_home(tmp_path):
    data = tmp_path / "data"
    exe = tmp_path / "venv dir" / "bin" / "tahoegui"
    env = dict(os.environ, XDG_DATA_HOME=str(data))
    done = run("bash", str(ROOT / "scripts" / "install-desktop.sh"), str(exe), env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.count("\n") == 1 and str(data) in done.stdout

    installed = data / "applications" / "tahoegui.desktop"
    entry = desktop_entry(installed)
    assert entry["Exec"] == f'"{exe}"'  # the path has a space: quoted as the spec says
    assert entry["TryExec"] == str(exe)
    assert entry["Icon"] == "tahoegui"
    assert (data / "metainfo" / "tahoegui.metainfo.xml").read_bytes() == (
        RESOURCES / "tahoegui.metainfo.xml"
    ).read_bytes()
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / "tahoegui.svg").is_file()
    for size in resources.ICON_SIZES:
        assert png_size(data / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "tahoegui.png") == (size, size)
    if shutil.which("desktop-file-validate"):
        validated = run("desktop-file-validate", str(installed))
        assert (validated.returncode, validated.stdout + validated.stderr) == (0, "")

    done = run("bash", str(ROOT / "scripts" / "install-desktop.sh"), "--uninstall", env=env)
    assert done.returncode == 0, done.stderr
    assert not installed.exists()
    assert not list(data.rglob("tahoegui*"))
