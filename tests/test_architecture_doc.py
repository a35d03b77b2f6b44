"""docs/ARCHITECTURE.md is checked against the code: the map may not name what is not there.

Every file, folder, ``file.py::Name.member``, ``Class.member``, dotted module path and
code name the map puts in backticks must exist (a moved module, a renamed method or a
removed constant fails here, naming the stale line); the package diagram lists every
package and UI folder; the contract ids it names are in ``pyproject.toml``; the README
links the map. A paragraph that starts with ``**Planned`` describes what is not built yet
and is not checked (it must say which issue builds it).
"""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

import pytest

import checkin

PKG = Path(checkin.__file__).resolve().parent
REPO = PKG.parent
DOC = REPO / "docs" / "ARCHITECTURE.md"

SPAN = re.compile(r"`([^`\n]+)`")
PATH = re.compile(r"^[\w./-]+(\.(py|ts|md|toml)|/)(::[\w.]+)?$")
DOTTED = re.compile(r"^[A-Za-z_]\w*(\.[A-Za-z_]\w*)+(\(.*\))?$")
IDENT = re.compile(r"^[A-Za-z_]\w*(\(\))?$")
# Words in backticks that are not names in the code: commands, the tool, shell words.
NOT_NAMES = {"checkin", "lint-imports", "scan"}


def _blank(match: re.Match[str]) -> str:
    return "\n" * match.group(0).count("\n")  # keeps the line numbers


def _checked_text() -> str:
    """The map without its code blocks and planned paragraphs (blanked, lines kept)."""
    text = re.sub(r"```.*?```", _blank, DOC.read_text(encoding="utf-8"), flags=re.DOTALL)
    return re.sub(r"^\*\*Planned.*?(?=\n\s*\n|\Z)", _blank, text, flags=re.DOTALL | re.MULTILINE)


def _spans() -> list[tuple[int, str]]:
    """(line, text) of every backticked span the check reads."""
    text = _checked_text()
    return [(text.count("\n", 0, m.start()) + 1, m.group(1).strip()) for m in SPAN.finditer(text)]


def _resolve_path(path: str) -> Path | None:
    """A path as the map writes it: from the repository, from ``checkin/``, or (a bare
    file name) anywhere under ``checkin/``."""
    for base in (REPO, PKG):
        if (base / path).exists():
            return base / path
    if "/" not in path.rstrip("/"):
        found = sorted(PKG.rglob(path))
        if found:
            return found[0]
    return None


@functools.cache
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def _members(node: ast.AST) -> set[str]:
    """Names a module or class body defines, with ``self.x`` set in a class's methods."""
    names: set[str] = set()
    body = getattr(node, "body", [])
    for stmt in body:
        if isinstance(stmt, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            names.add(stmt.name)
        elif isinstance(stmt, ast.Assign):
            names.update(t.id for t in stmt.targets if isinstance(t, ast.Name))
        elif isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name):
            names.add(stmt.target.id)
        elif isinstance(stmt, ast.ImportFrom):
            names.update(a.asname or a.name for a in stmt.names)
    if isinstance(node, ast.ClassDef):
        for sub in ast.walk(node):
            if (
                isinstance(sub, ast.Attribute)
                and isinstance(sub.ctx, ast.Store)
                and isinstance(sub.value, ast.Name)
                and sub.value.id == "self"
            ):
                names.add(sub.attr)
    return names


def _find(node: ast.AST, dotted: list[str]) -> bool:
    """Is ``A.b.c`` defined in ``node`` (a module or class), step by step?"""
    for i, name in enumerate(dotted):
        if name not in _members(node):
            return False
        if i == len(dotted) - 1:
            return True
        nxt = next(
            (
                s
                for s in getattr(node, "body", [])
                if isinstance(s, ast.ClassDef) and s.name == name
            ),
            None,
        )
        if nxt is None:
            return False
        node = nxt
    return True


@functools.cache
def _classes() -> dict[str, list[ast.ClassDef]]:
    found: dict[str, list[ast.ClassDef]] = {}
    for path in PKG.rglob("*.py"):
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.ClassDef):
                found.setdefault(node.name, []).append(node)
    return found


@functools.cache
def _all_names() -> set[str]:
    """Every name defined anywhere in checkin/ and tests/, and every string constant."""
    names: set[str] = set()
    for path in [*PKG.rglob("*.py"), *(REPO / "tests").rglob("*.py")]:
        if path.resolve() == Path(__file__).resolve():
            continue  # this check's own made-up names
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                names.add(node.name)
            elif isinstance(node, ast.Name | ast.arg):
                names.add(node.id if isinstance(node, ast.Name) else node.arg)
            elif isinstance(node, ast.Attribute):
                names.add(node.attr)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                names.add(node.value)
    return names


def _module(name: str) -> Path | None:
    """``checkin.a.b`` or a short ``a.b`` (from ``checkin/``) as a file or a package."""
    parts = name.split(".")
    if parts[0] == "checkin":
        parts = parts[1:]
    base = PKG.joinpath(*parts)
    if base.with_suffix(".py").is_file():
        return base.with_suffix(".py")
    if (base / "__init__.py").is_file():
        return base / "__init__.py"
    return None


def _problem(span: str) -> str | None:
    """What is wrong with one backticked span, or None (fine, or not a name at all)."""
    if "<" in span or " " in span.split("(")[0]:
        return None  # a pattern (checkin/<package>/texts.py) or a command line
    if PATH.match(span):
        path, _, symbol = span.partition("::")
        found = _resolve_path(path)
        if found is None:
            return "no such file or folder"
        if symbol and not _find(_tree(found), symbol.split(".")):
            return f"{found.relative_to(REPO)} defines no {symbol}"
        return None
    if DOTTED.match(span):
        dotted = span.split("(")[0].split(".")
        for cut in range(len(dotted), 0, -1):  # the longest module prefix, then members
            module = _module(".".join(dotted[:cut]))
            if module is not None:
                rest = dotted[cut:]
                return (
                    None
                    if not rest or _find(_tree(module), rest)
                    else f"no {'.'.join(rest)} in {module.relative_to(REPO)}"
                )
        classes = _classes().get(dotted[0])
        if classes is None:
            return None  # not ours (Qt's QEvent..., a value like exc.message)
        if not any(_find(c, dotted[1:2]) for c in classes):  # (what follows is the value's)
            return f"class {dotted[0]} has no {dotted[1]}"
        return None
    if IDENT.match(span):
        name = span.removesuffix("()")
        if name in NOT_NAMES or _module(name) is not None or name in _all_names():
            return None
        return "not a name defined in checkin/ or tests/"
    return None


def test_every_name_the_map_gives_exists() -> None:
    planned = re.findall(r"^\*\*Planned[^\n]*", DOC.read_text(encoding="utf-8"), re.MULTILINE)
    assert all("issue" in p for p in planned), "a planned paragraph names its issue"
    problems = [f"line {n}: `{span}`: {why}" for n, span in _spans() if (why := _problem(span))]
    assert not problems, "docs/ARCHITECTURE.md is out of date:\n" + "\n".join(problems)


def test_the_check_catches_a_stale_name(monkeypatch) -> None:
    """The check itself: made-up names, files and members are caught."""
    for stale in (
        "door/scanner.py", "door/engine.py::CheckinEngine.scan_twice", "ScanScreen.vanished",
        "models.NoSuchThing", "checkin.event.nowhere", "NO_SUCH_CONSTANT", "ui/nowhere/",
    ):  # fmt: skip
        assert _problem(stale), stale
    for real in ("door/engine.py::CheckinEngine.scan", "ScanScreen.handle_code", "models.ScanResult",
                 "checkin.event.files", "LAYOUTS", "ui/kiosk/"):  # fmt: skip
        assert _problem(real) is None, real


def _diagram() -> str:
    text = DOC.read_text(encoding="utf-8")
    block = re.search(r"## The packages\s*```\n(.*?)```", text, re.DOTALL)
    assert block, "the package diagram (a code block under '## The packages') is missing"
    return block.group(1)


@pytest.mark.parametrize("where", [PKG, PKG / "ui"], ids=["checkin", "checkin.ui"])
def test_the_diagram_lists_every_package(where: Path) -> None:
    diagram = _diagram()
    listed = set(re.findall(r"^\s+(\w+)/", diagram, re.MULTILINE))
    packages = {p.parent.name for p in where.glob("*/__init__.py")}
    assert packages <= listed, f"not in the package diagram: {sorted(packages - listed)}"


def test_the_diagrams_modules_exist() -> None:
    named = set(re.findall(r"\b(\w+\.py)\b", _diagram()))
    missing = sorted(n for n in named if not any(PKG.rglob(n)))
    assert not missing, f"the package diagram names modules that are not there: {missing}"


def test_the_contracts_it_names_exist() -> None:
    text = DOC.read_text(encoding="utf-8")
    ids = set(re.findall(r'^id = "([^"]+)"', (REPO / "pyproject.toml").read_text(), re.MULTILINE))
    named = set(re.findall(r"contract `([^`]+)`", text))
    assert named and named <= ids, named - ids


def test_the_readme_links_the_map() -> None:
    assert "(docs/ARCHITECTURE.md)" in (REPO / "README.md").read_text(encoding="utf-8")
