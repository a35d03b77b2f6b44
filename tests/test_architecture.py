"""The core never imports Qt (CONVENTIONS 1): scan every module's imports. The UI
holds no SQL: it reads and writes through the core."""

from __future__ import annotations

import ast
import re
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


# SQL as it is written in this code base, keywords in capitals: a statement's leading
# keyword and what follows it (``SELECT ... FROM``, ``INSERT INTO``, ``UPDATE x SET``,
# ``DELETE FROM``, DDL, PRAGMA). A sentence such as "Select the file from ..." is not SQL.
SQL = re.compile(
    r"\b(SELECT\b[\s\S]*\bFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM"
    r"|CREATE\s+(TABLE|INDEX|VIEW|TRIGGER)|DROP\s+TABLE|PRAGMA\s+\w+|WITH\s+\w+\s+AS\s*\()"
)
# Calls that run SQL (sqlite3 / the event file): the UI leaves them to the core.
RUNS_SQL = {"execute", "executemany", "executescript"}


def sql_in(source: str) -> list[tuple[int, str]]:
    """(line, what) for each SQL string or SQL-running call in ``source``, by line."""
    found: set[tuple[int, str]] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if SQL.search(node.value):
                found.add((node.lineno, node.value.strip()[:60]))
        elif isinstance(node, ast.JoinedStr):
            text = "".join(
                part.value if isinstance(part, ast.Constant) else "x" for part in node.values
            )
            if SQL.search(text):
                found.add((node.lineno, text.strip()[:60]))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in RUNS_SQL
        ):
            found.add((node.lineno, f".{node.func.attr}(...)"))
    return sorted(found)


def test_no_sql_in_the_ui() -> None:
    """The screens read and write through core functions (``checkin.people``,
    ``checkin.door.stats`` ...), never with SQL of their own."""
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: {what}"
        for path in sorted((ROOT / "ui").rglob("*.py"))
        for line, what in sql_in(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_sql_check_finds_sql() -> None:
    source = """
rows = ef.execute("SELECT id FROM attendees WHERE rid = ?", (1,))
n = conn.executemany(q, rows)
q = f"SELECT count(*) FROM {table}"
"UPDATE attendees SET status = 'x'"
"DELETE FROM checkins"
label = "Select the file to import from the list"
hint = "Update the settings, then insert the badge into the printer"
"""
    found = sql_in(source)
    assert sorted({line for line, _ in found}) == [2, 3, 4, 5, 6]
    assert (2, ".execute(...)") in found and (3, ".executemany(...)") in found
