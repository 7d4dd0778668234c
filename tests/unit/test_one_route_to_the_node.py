"""Every request to a node goes through GridClient, so that its proxy rule (none from the
environment), timeouts and redaction hold everywhere; and a bug of ours reads the same
wherever it surfaces. Checked from the source, so a new shortcut fails here."""

from __future__ import annotations

import ast
import logging
from pathlib import Path

import pytest

from tahoegui.grid.errors import internal_error

PACKAGE = Path(__file__).resolve().parents[2] / "tahoegui"
HTTP_LIBRARIES = ("requests", "urllib3", "http.client", "urllib.request", "httpx", "aiohttp", "pycurl")
# The client, and the HTTP adapter it mounts (whose requests a cancel can break off).
MAY_SPEAK_HTTP = {"grid/client.py", "grid/interruptible.py"}
INTERNAL_ERROR_HOME = "grid/errors.py"


def modules() -> list[tuple[str, ast.Module]]:
    found = [(str(p.relative_to(PACKAGE)), ast.parse(p.read_text(encoding="utf-8"))) for p in PACKAGE.rglob("*.py")]
    assert len(found) > 40, "the package was not found"
    return found


def imported_names(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def speaks_http(name: str) -> bool:
    return any(name == lib or name.startswith(lib + ".") for lib in HTTP_LIBRARIES)


def test_only_the_grid_client_imports_an_http_library():
    offenders = {
        path: sorted(name for name in imported_names(tree) if speaks_http(name))
        for path, tree in modules()
        if path not in MAY_SPEAK_HTTP
    }
    assert {path: names for path, names in offenders.items() if names} == {}


def test_the_scan_sees_every_form_of_import():
    tree = ast.parse(
        "import requests.adapters\nfrom urllib3 import exceptions\nfrom http.client import HTTPConnection\n"
    )
    assert all(speaks_http(name) for name in imported_names(tree))
    assert not any(speaks_http(name) for name in imported_names(ast.parse("from urllib.parse import quote\n")))


def test_the_internal_error_message_is_written_in_one_place():
    spelled = sorted(
        path
        for path, tree in modules()
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and "internal error" in node.value.lower()
    )
    assert set(spelled) == {INTERNAL_ERROR_HOME}


def test_an_internal_error_names_the_exception_type_but_never_its_text():
    text = internal_error(KeyError("URI:DIR2:secret-looking detail"))
    assert text.startswith("an internal error occurred (KeyError)")
    assert "secret" not in text and "URI:" not in text


@pytest.fixture
def log_file_handler(tmp_path: Path):
    handler = logging.FileHandler(tmp_path / "tahoegui.log", delay=True)
    logger = logging.getLogger("tahoegui")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)
    handler.close()


def test_an_internal_error_says_which_log_file_holds_the_details(log_file_handler):
    assert internal_error(ValueError()).endswith(f"details are in {log_file_handler.baseFilename}")


def test_an_internal_error_without_a_log_file_points_to_the_log(monkeypatch):
    logger = logging.getLogger("tahoegui")
    monkeypatch.setattr(logger, "handlers", [h for h in logger.handlers if not isinstance(h, logging.FileHandler)])
    assert internal_error(ValueError()).endswith("details are in the log")
