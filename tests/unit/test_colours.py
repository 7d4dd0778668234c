"""The colours that mean something (the error colour above all) are written in one place."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "tahoegui"
COLOUR = re.compile(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?\b|\b(?:red|darkred|crimson)\b|rgba?\(")


def colours_spelled(tree: ast.Module) -> list[str]:
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and COLOUR.search(node.value)
        # a docstring may speak of colours; a string that sets one is short
        and "\n" not in node.value.strip()
        and len(node.value) < 60
    ]


def test_no_module_but_colours_py_spells_a_colour():
    found = {
        str(path.relative_to(PACKAGE)): colours
        for path in PACKAGE.rglob("*.py")
        if path.name != "colours.py" and (colours := colours_spelled(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert found == {}


def test_the_scan_finds_a_colour_in_a_style_sheet_or_a_qcolor():
    tree = ast.parse('label.setStyleSheet("color: #b00020")\nQColor("red")\nbrush = QColor("#707")\n')
    assert colours_spelled(tree) == ["color: #b00020", "red", "#707"]
