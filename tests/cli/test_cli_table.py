"""CLI columns line up in a terminal with Hangul (two cells a syllable)."""

from __future__ import annotations

import re

from checkin.cli import main, table
from checkin.people import attendees


def test_width_counts_terminal_cells():
    assert table.width("김민수") == 6
    assert table.width("John") == 4
    assert table.width("ＡＢ") == 4  # full-width
    assert table.width("e\u0301") == 1  # a combining accent takes no cell
    assert table.width("\u1100\u1161") == 2  # conjoining jamo: one syllable
    assert table.pad("한", 4) == "한  " and table.pad("7", 3, ">") == "  7"


def test_columns_align_hangul_and_latin():
    rows = [("탈북민", 12, "/", 40), ("Press", 3, "/", 5), ("자원봉사자", 100, "/", 120)]
    lines = table.columns(rows, "<><>")
    slash = {table.width(line[: line.index("/")]) for line in lines}
    assert len(slash) == 1  # the "/" sits in the same terminal column on every line
    ends = {table.width(line) for line in lines}
    assert len(ends) == 1


def test_stats_lines_up_korean_categories(ef, clock, capsys):
    attendees.add_attendees(
        ef, clock,
        [{"display_name": f"사람{i}", "category": cat}
         for i, cat in enumerate(["defector", "family", "press", "volunteer", "defector"])],
    )  # fmt: skip
    path = str(ef.path)
    ef.close()
    assert main(["stats", path, "--lang", "ko"]) == 0
    # small counts show as "<5" or "x" (checkin.lists.suppression): aligned all the same
    cell = r"(\d+|<\d+|x)"
    lines = [
        line
        for line in capsys.readouterr().out.splitlines()
        if re.search(cell + " / " + cell, line)
    ]
    assert len(lines) >= 4
    assert len({table.width(line[: line.index("/")]) for line in lines}) == 1
