"""Small-count suppression: nothing below the threshold leaves the app, and no hidden
cell can be worked out from the totals printed beside it."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checkin import errors
from checkin.cli import main
from checkin.event import settings as settings_mod
from checkin.lists import report, suppression
from checkin.lists.suppression import recoverable, suppress_line, suppress_table
from checkin.people import attendees

T = suppression.DEFAULT_THRESHOLD


def shown(cells) -> list[str]:
    return [c.show(T) for c in cells]


def test_a_small_count_beside_a_total_takes_a_second_cell_with_it() -> None:
    assert shown(suppress_line([3, 10, 20], T)) == ["<5", "x", "20"]
    assert shown(suppress_line([6, 7, 8], T)) == ["6", "7", "8"]  # nothing small
    assert shown(suppress_line([0, 0, 9], T)) == ["0", "0", "9"]  # zeros name nobody
    # without a printed total, the small one alone is enough
    assert shown(suppress_line([3, 10, 20], T, total_published=False)) == ["<5", "10", "20"]


def test_bounds_are_counted_as_knowledge() -> None:
    # 1 + 5 = 6 is printed: "<5" is 1..4 and "x" at least 5, so only 1 + 5 fits; a
    # third cell must go too
    cells = suppress_line([1, 5, 7], T)
    assert shown(cells) == ["<5", "x", "x"]
    assert not recoverable([[1, 5, 7]], [cells], T, col_totals=False)
    # two ones with their total 2 printed: neither can be zero (zeros show), so a third
    cells = suppress_line([1, 1, 30], T)
    assert sum(c.hidden for c in cells) == 3


def test_a_table_with_row_and_column_totals() -> None:
    table = [[1, 10, 20], [8, 9, 2], [30, 30, 30]]
    cells = suppress_table(table, T)
    assert cells[0][0].primary and cells[1][2].primary
    assert not recoverable(table, cells, T)
    naive = [[suppression.Cell(v, 0 < v < T, 0 < v < T) for v in row] for row in table]
    assert recoverable(table, naive, T)  # hiding only the small ones is not enough


def test_threshold_one_hides_nothing_and_the_setting_is_checked() -> None:
    assert shown(suppress_line([1, 2, 3], 1)) == ["1", "2", "3"]
    assert suppression.validate_threshold(10) == 10
    for bad in (0, 2, 101, "5", True, 2.5):
        with pytest.raises(errors.InvalidInput):
            suppression.validate_threshold(bad)


counts = st.integers(min_value=0, max_value=40)


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 5).flatmap(
    lambda cols: st.lists(st.lists(counts, min_size=cols, max_size=cols), min_size=1, max_size=5)
), st.booleans(), st.booleans(), st.integers(3, 10))  # fmt: skip
def test_no_hidden_cell_is_recoverable_from_the_margins(table, rows_t, cols_t, threshold) -> None:
    cells = suppress_table(table, threshold, row_totals=rows_t, col_totals=cols_t)
    for row, out in zip(table, cells, strict=True):
        for value, cell in zip(row, out, strict=True):
            assert cell.value == value
            if 0 < value < threshold:
                assert cell.hidden and cell.primary  # every small count is hidden
            if not cell.hidden:
                assert value == 0 or value >= threshold
    leaked = recoverable(table, cells, threshold, row_totals=rows_t, col_totals=cols_t)
    # a leak may remain only where nothing was left to hide: every line through the
    # leaked cell (that has its total printed) is hidden entirely
    for i, j in leaked:
        lines = []
        if rows_t:
            lines.append([cells[i][k] for k in range(len(table[0]))])
        if cols_t:
            lines.append([cells[k][j] for k in range(len(table))])
        assert lines and all(all(c.hidden for c in line) for line in lines), (table, leaked)


@settings(max_examples=200, deadline=None)
@given(st.lists(counts, min_size=2, max_size=30))
def test_a_line_of_two_or_more_cells_never_leaks_unless_all_hidden(line) -> None:
    cells = suppress_line(line, T)
    leaked = recoverable([line], [cells], T, col_totals=False)
    assert not leaked or all(c.hidden for c in cells)


# --- where it is used: the report and `stats` -------------------------------------


@pytest.fixture
def small_event(ef, clock, engine):
    rows = ([{"display_name": f"참가자{i:03d}", "category": "defector"} for i in range(30)]
            + [{"display_name": f"기자{i}", "category": "press"} for i in range(3)]
            + [{"display_name": f"내빈{i}", "category": "official"} for i in range(8)])  # fmt: skip
    people = attendees.add_attendees(ef, clock, rows)
    for person in people[:20] + people[30:32] + people[33:40]:
        engine.check_in(person.id, station="1번 출입구", method="scan")
    engine.check_in(people[20].id, station="2번 출입구", method="scan")  # one person at door 2
    return people


def test_report_figures_that_leave_the_app_are_suppressed(organizer, ef, small_event, tmp_path):
    data = report.write_report(ef, tmp_path / "r.pdf", access=organizer)
    cats = {label: (e, c) for label, e, c, _ in data.by_category}
    assert cats["언론"] == (3, 2)  # the organizer's own figures are exact
    out = data.published().to_json(data)
    by = {row["category"]: row for row in out["by_category"]}
    assert by["언론"] == {"category": "언론", "expected": "<5", "checked_in": "<5"}
    assert out["checked_in"] == 30  # the whole event is not hidden
    doors = {row["station"]: row["entries"] for row in out["stations"]}
    assert doors["2번 출입구"] == "<5" and doors["1번 출입구"] == "x"  # else 30 - 29 = 1
    json.dumps(out)
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(tmp_path / "r.pdf"), "-"],
                              capture_output=True, text=True, check=True).stdout  # fmt: skip
        assert "<5" in text and " 29" not in text


def test_stats_cli_hides_small_counts_in_text_and_json(organizer, ef, small_event, capsys):
    path = ef.path
    ef.close()
    assert main(["stats", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)["stats"]
    assert data["checked_in"] == 30 and data["small_count_threshold"] == T
    press = next(c for c in data["by_category"] if c["category"] == "press")
    assert press["checked_in"] == "<5" and press["expected"] == "<5"
    assert data["by_station"]["2번 출입구"] == "<5"
    assert main(["stats", str(path)]) == 0
    text = capsys.readouterr().out
    assert "<5" in text and "@ 2번 출입구: <5" in text


def test_threshold_is_an_event_setting(ef, organizer, small_event, tmp_path, clock) -> None:
    settings_mod.update(ef, clock, {"small_count_threshold": 3})
    data = report.collect(ef)
    assert data.threshold == 3
    out = data.published().to_json(data)
    by = {row["category"]: row for row in out["by_category"]}
    assert by["언론"]["expected"] == 3
    with pytest.raises(errors.InvalidInput):
        settings_mod.update(ef, clock, {"small_count_threshold": 0})
