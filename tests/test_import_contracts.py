"""The layers are enforced: ``lint-imports`` keeps the contracts in pyproject.toml.

A wrong import fails the build with the contract's name; the second test proves it
with a small package that breaks a contract on purpose.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _lint_imports(cwd: Path, config: Path | None = None) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    argv = [exe, "--no-cache"]
    if config is not None:
        argv += ["--config", str(config)]
    env = {"PYTHONPATH": str(cwd), "PATH": str(Path(sys.executable).parent)}
    return subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=600, env=env)


def test_the_import_contracts_hold() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "broken" in result.stdout and " 0 broken" in result.stdout


def _contracts() -> list[dict]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return config["tool"]["importlinter"]["contracts"]


def test_a_wrong_import_fails_with_the_contracts_name(tmp_path: Path) -> None:
    # The real contract "storage imports only the leaves", on a small package with the
    # same names in which the event file's storage (db) imports a screen of the UI.
    contract = next(c for c in _contracts() if c["id"] == "db-imports-only-leaves")
    name = contract["name"]
    pkg = tmp_path / "checkin"
    for module in ["checkin.db", *contract["forbidden_modules"]]:
        folder = tmp_path.joinpath(*module.split("."))
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "__init__.py").write_text("")
    (pkg / "__init__.py").write_text("")
    (pkg / "ui" / "screen.py").write_text("from checkin.db import eventfile\n")
    (pkg / "db" / "eventfile.py").write_text("from checkin.ui import screen  # wrong\n")
    (tmp_path / ".importlinter").write_text(
        "[importlinter]\nroot_package = checkin\n\n"
        f"[importlinter:contract:{contract['id']}]\nname = {name}\ntype = forbidden\n"
        "source_modules =\n    checkin.db\n"
        "forbidden_modules =\n" + "".join(f"    {m}\n" for m in contract["forbidden_modules"])
        + "allow_indirect_imports = false\n"
    )  # fmt: skip
    result = _lint_imports(tmp_path, tmp_path / ".importlinter")
    assert result.returncode != 0
    assert f"{name} BROKEN" in result.stdout
    assert "checkin.db.eventfile -> checkin.ui.screen" in result.stdout
    # and the same package without the wrong line keeps it
    (pkg / "db" / "eventfile.py").write_text("")
    assert _lint_imports(tmp_path, tmp_path / ".importlinter").returncode == 0


def test_sql_in_a_screen_fails_with_the_contracts_name(tmp_path: Path) -> None:
    # The real contract "the UI runs no SQL", on a small package whose screen opens
    # SQLite itself; the same package reading through its core keeps it.
    contract = next(c for c in _contracts() if c["id"] == "ui-no-sql-driver")
    name = contract["name"]
    for module in ["checkin", "checkin.ui", "checkin.people"]:
        folder = tmp_path.joinpath(*module.split("."))
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "__init__.py").write_text("")
    (tmp_path / "checkin" / "people" / "attendees.py").write_text("import sqlite3\n")
    screen = tmp_path / "checkin" / "ui" / "list_page.py"
    screen.write_text("import sqlite3  # wrong: a screen with SQL of its own\n")
    (tmp_path / ".importlinter").write_text(
        "[importlinter]\nroot_package = checkin\ninclude_external_packages = True\n\n"
        f"[importlinter:contract:{contract['id']}]\nname = {name}\ntype = forbidden\n"
        "source_modules =\n    checkin.ui\n"
        "forbidden_modules =\n" + "".join(f"    {m}\n" for m in contract["forbidden_modules"])
        + "allow_indirect_imports = true\n"
    )  # fmt: skip
    result = _lint_imports(tmp_path, tmp_path / ".importlinter")
    assert result.returncode != 0
    assert f"{name} BROKEN" in " ".join(result.stdout.split())  # wrapped at 80 columns
    assert "checkin.ui.list_page -> sqlite3" in result.stdout
    screen.write_text("from checkin.people import attendees\n")
    assert _lint_imports(tmp_path, tmp_path / ".importlinter").returncode == 0
