"""The layers stay apart: the domain knows no Qt, services know no widgets (STYLE.md)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

RULES = {
    # package: forbidden module prefixes
    "cockpit": ("PySide6", "pyqtgraph", "widgets", "services", "main"),
    "services": ("PySide6.QtWidgets", "PySide6.QtGui", "pyqtgraph", "widgets", "main"),
}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def violations(package: str, forbidden: tuple[str, ...]) -> list[str]:
    bad = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for module in imported_modules(path):
            if any(module == f or module.startswith(f + ".") for f in forbidden):
                bad.append(f"{path.relative_to(ROOT)} imports {module}")
    return bad


@pytest.mark.parametrize("package", sorted(RULES))
def test_layer_rules(package: str):
    assert violations(package, RULES[package]) == []


def test_the_rule_catches_a_violation(tmp_path: Path):
    probe = tmp_path / "probe.py"
    probe.write_text("from PySide6 import QtWidgets\nimport widgets.theme\n")
    assert {"PySide6.QtWidgets", "widgets.theme"} <= imported_modules(probe)
