"""Short units (issue 14): no function over 80 lines and no module over 600 lines in
``checkin/`` unless its top says why (``Long because: ...``); ``scripts/unit_sizes.py``
lists them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _unit_sizes():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("unit_sizes", ROOT / "scripts" / "unit_sizes.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("unit_sizes", module)
    spec.loader.exec_module(module)
    return module


def test_every_long_unit_says_why() -> None:
    sizes = _unit_sizes()
    unexplained = [u.describe() for u in sizes.long_units(ROOT) if not u.reason]
    assert unexplained == [], (
        "Shorten these, or write at their top why they are long ('Long because: ...'):\n"
        + "\n".join(unexplained)
    )


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _function(name: str, lines: int, top: str = "") -> str:
    body = "".join(f"    x{i} = {i}\n" for i in range(lines - 2))
    return f"def {name}() -> int:\n{top}{body}    return 0\n\n\n"


def test_long_units_are_found_and_their_reasons_read(tmp_path: Path) -> None:
    sizes = _unit_sizes()
    source = (
        '"""A module."""\n\n\n'
        + _function("short", 80)
        + _function("bare", 81)
        + _function(
            "in_docstring", 84, '    """Long because: one table of cases, read top down."""\n'
        )
        + "# Long because: a generated dispatch table,\n# kept in one piece\n"
        + _function("above", 82)
        + _function("inside", 82, "    # Long because: the steps share twelve locals\n")
        + _function("too_short_a_reason", 82, "    # Long because: yes\n")
        + "class Page:\n"
        + "".join("    " + line + "\n" for line in _function("build", 82).splitlines())
    )
    _write(tmp_path / "checkin" / "pages.py", source)
    _write(
        tmp_path / "checkin" / "big.py",
        '"""Big.\n\nLong because: one literal table."""\n' + "x = 1\n" * 600,
    )
    _write(tmp_path / "checkin" / "sub" / "huge.py", "# a comment\n" + "y = 2\n" * 700)
    _write(tmp_path / "checkin" / "sub" / "fine.py", "z = 3\n" * 600)

    found = {(u.path, u.name): u for u in sizes.long_units(tmp_path)}

    assert set(found) == {
        ("checkin/pages.py", "bare"),
        ("checkin/pages.py", "in_docstring"),
        ("checkin/pages.py", "above"),
        ("checkin/pages.py", "inside"),
        ("checkin/pages.py", "too_short_a_reason"),
        ("checkin/pages.py", "Page.build"),
        ("checkin/big.py", ""),
        ("checkin/sub/huge.py", ""),
    }
    assert found[("checkin/pages.py", "bare")].lines == 81
    assert (
        found[("checkin/pages.py", "in_docstring")].reason == "one table of cases, read top down."
    )
    assert (
        found[("checkin/pages.py", "above")].reason
        == "a generated dispatch table, kept in one piece"
    )
    assert found[("checkin/pages.py", "inside")].reason == "the steps share twelve locals"
    unexplained = {k for k, u in found.items() if not u.reason}
    assert unexplained == {
        ("checkin/pages.py", "bare"),
        ("checkin/pages.py", "too_short_a_reason"),
        ("checkin/pages.py", "Page.build"),
        ("checkin/sub/huge.py", ""),
    }
    assert found[("checkin/big.py", "")].reason == "one literal table."
    assert sizes.main(["--root", str(tmp_path), "--unexplained"]) == 1
    assert sizes.main(["--root", str(tmp_path)]) == 0
