"""The core never imports Qt (CONVENTIONS 1): scan every module's imports."""

from __future__ import annotations

import ast
from pathlib import Path

import checkin

ROOT = Path(checkin.__file__).parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_qt_below_the_ui() -> None:
    offenders = []
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT)
        if rel.parts[0] == "ui":
            continue
        if any(
            name.split(".")[0] in {"PySide6", "PyQt5", "PyQt6", "shiboken6"}
            for name in _imports(path)
        ):
            offenders.append(str(rel))
    assert offenders == []


def test_core_does_not_import_the_ui() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*.py")
        if path.relative_to(ROOT).parts[0] not in {"ui", "cli"}
        and any(name.startswith("checkin.ui") for name in _imports(path))
    ]
    assert offenders == []
