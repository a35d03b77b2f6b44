#!/usr/bin/env python3
"""List checkin's long units: functions over 80 lines and modules over 600 lines.

    .venv/bin/python scripts/unit_sizes.py               # every long unit, longest first
    .venv/bin/python scripts/unit_sizes.py --unexplained # only those without a reason;
                                                         # exit status 1 if there are any

A unit may stay long when its top says why, in a line holding ``Long because:`` and the
reason: for a module in its docstring or the comments above its first statement; for a
function in its docstring, the comment lines right above it (or its decorators), or the
comments before its first statement. ``tests/test_unit_sizes.py`` runs this on every
test run, so a new long unit without a reason fails the build.

Lines are counted as the file has them, from the ``def`` line (or the first decorator)
to the last line of the body, docstring and comments included.
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FUNCTION_LINES = 80
MODULE_LINES = 600
REASON = re.compile(r"Long because:\s*(.+?)(?:\n\s*\n|\Z)", re.DOTALL)
MIN_REASON = 10  # characters
ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Unit:
    kind: str  # "module" or "function"
    path: str  # relative to the repository root
    name: str  # the function's qualified name ("Class.method"), "" for a module
    line: int
    lines: int
    reason: str  # "" when none is written

    def describe(self) -> str:
        where = f"{self.path}:{self.line}" + (f" {self.name}" if self.name else "")
        why = f"  (Long because: {self.reason})" if self.reason else "  (no reason)"
        return f"{self.lines:5d}  {self.kind:<8}  {where}{why}"


def _comments(source: str) -> dict[int, str]:
    """Line number -> text, for every line that is a comment (starts with ``#``)."""
    return {
        n: line.strip()
        for n, line in enumerate(source.splitlines(), start=1)
        if line.lstrip().startswith("#")
    }


def _reason(texts: list[str]) -> str:
    """The reason written after ``Long because:`` in one of ``texts`` (to the end of its
    paragraph, spaces collapsed), or "" when there is none or it is too short to say
    anything."""
    for text in texts:
        match = REASON.search(text)
        if match:
            reason = " ".join(match.group(1).split()).rstrip('"').strip()
            if len(reason) >= MIN_REASON:
                return reason
    return ""


def _blocks(comments: dict[int, str], numbers: list[int]) -> list[str]:
    """The comment lines ``numbers`` (ascending) as blocks of consecutive lines, each
    block's text joined in reading order without the ``#`` marks."""
    blocks: list[list[str]] = []
    last = -2
    for n in numbers:
        if n != last + 1:
            blocks.append([])
        blocks[-1].append(comments[n].lstrip("#").strip())
        last = n
    return [" ".join(block) for block in blocks]


def _comments_above(comments: dict[int, str], line: int) -> list[int]:
    """The line numbers of the comment block ending right above ``line``."""
    n = line - 1
    while n in comments:
        n -= 1
    return list(range(n + 1, line))


def _body_start(node: Any, body: list[ast.stmt]) -> int:
    """First line of the first statement that is not the docstring."""
    rest = body[1:] if ast.get_docstring(node, clean=False) is not None else body
    return rest[0].lineno if rest else body[-1].end_lineno or body[-1].lineno


def _function_reason(node: ast.FunctionDef | ast.AsyncFunctionDef, comments: dict[int, str]) -> str:
    first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
    inside = [n for n in sorted(comments) if node.lineno <= n < _body_start(node, node.body)]
    texts = [ast.get_docstring(node) or ""]
    texts += _blocks(comments, _comments_above(comments, first))
    texts += _blocks(comments, inside)
    return _reason(texts)


def _module_reason(tree: ast.Module, comments: dict[int, str]) -> str:
    end = _body_start(tree, tree.body) if tree.body else 10**9
    texts = [ast.get_docstring(tree) or ""]
    texts += _blocks(comments, [n for n in sorted(comments) if n < end])
    return _reason(texts)


_BODIES = ("body", "orelse", "finalbody", "handlers", "cases")


def _functions(tree: ast.Module) -> list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    """Every function and method with its qualified name; only statement bodies are
    searched (a function cannot be defined inside an expression)."""
    found: list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]] = []

    def visit(statements: list[ast.AST], prefix: str) -> None:
        for node in statements:
            inner = prefix
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                found.append((prefix + node.name, node))
                inner = f"{prefix}{node.name}."
            elif isinstance(node, ast.ClassDef):
                inner = f"{prefix}{node.name}."
            for name in _BODIES:
                visit(getattr(node, name, None) or [], inner)

    visit(list(tree.body), "")
    return found


def units_of(path: Path, rel: str) -> list[Unit]:
    """The long units of one file (nothing when it is short everywhere)."""
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source, filename=str(path))
    comments: dict[int, str] | None = None  # read only for files with a long unit

    def notes() -> dict[int, str]:
        nonlocal comments
        if comments is None:
            comments = _comments(source)
        return comments

    out = []
    total = len(source.splitlines())
    if total > MODULE_LINES:
        out.append(Unit("module", rel, "", 1, total, _module_reason(tree, notes())))
    for name, node in _functions(tree):
        first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
        lines = (node.end_lineno or node.lineno) - first + 1
        if lines > FUNCTION_LINES:
            out.append(Unit("function", rel, name, first, lines, _function_reason(node, notes())))
    return out


def long_units(root: Path = ROOT, package: str = "checkin") -> list[Unit]:
    """Every long unit under ``root/package``, longest first."""
    found: list[Unit] = []
    for path in sorted((root / package).rglob("*.py")):
        found += units_of(path, path.relative_to(root).as_posix())
    return sorted(found, key=lambda u: (-u.lines, u.path, u.line))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--unexplained", action="store_true", help="only units without a reason")
    parser.add_argument("--root", type=Path, default=ROOT, help="repository root")
    args = parser.parse_args(argv)
    units = long_units(args.root)
    shown = [u for u in units if not u.reason] if args.unexplained else units
    for unit in shown:
        print(unit.describe())
    explained = sum(1 for u in units if u.reason)
    print(
        f"{len(units)} long units ({explained} with a reason, {len(units) - explained} without); "
        f"limits: functions {FUNCTION_LINES} lines, modules {MODULE_LINES} lines"
    )
    return 1 if args.unexplained and shown else 0


if __name__ == "__main__":
    sys.exit(main())
