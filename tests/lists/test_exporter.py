"""Exports: fewest fields by default, formula guard, typed XLSX, PDF list, the check-in
log, and the round trip import -> export -> import that changes nothing."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
import subprocess
from zoneinfo import ZoneInfo

import openpyxl
import pytest

from checkin import errors
from checkin.event import identity as event
from checkin.lists import exporter, importer
from checkin.lists.exporter import ExportOptions
from checkin.people import attendees
from consents import all_agreed
from iofiles import KOREAN_ROWS
from iofiles import write_csv as _csv

pdftotext = shutil.which("pdftotext")


def _local(ms: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(ms / 1000, ZoneInfo("Asia/Seoul")).replace(tzinfo=None)


def _read_csv(path):
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens it as UTF-8
    return list(csv.reader(raw.decode("utf-8-sig").splitlines()))


@pytest.fixture
def checked(ef, clock, engine, people):
    engine.check_in(people[0].id, station="1번 출입구")
    clock.advance(60_000)
    engine.check_in(people[2].id, station="2번 출입구")
    clock.advance(60_000)
    engine.check_in(people[3].id, station="2번 출입구", method="manual")
    engine.undo(people[3].id, reason="잘못 누름")
    clock.advance(60_000)
    engine.check_in(people[2].id, direction="exit")
    return people


def test_default_export_has_the_fewest_fields(organizer, ef, checked, tmp_path, clock) -> None:
    morning = clock.now_ms() - 3 * 60_000  # the first check-in of the fixture
    out = tmp_path / "att.csv"
    result = exporter.export(ef, out, access=organizer)
    assert result.fields == exporter.DEFAULT_FIELDS and result.personal == ()
    rows = _read_csv(out)
    assert rows[0] == ["표시 이름", "구분", "등록번호", "입장 시각"]
    assert len(rows) == 6
    by_name = {r[0]: r for r in rows[1:]}
    assert by_name["김민수"][1:3] == ["북한이탈주민", "DD-0001"]
    assert by_name["김민수"][3] == _local(morning).strftime("%Y-%m-%d %H:%M")
    assert by_name["박지수"][3] == ""  # undone
    text = out.read_text(encoding="utf-8-sig")
    for personal in ("010-1234-5678", "john@example.org", "이영희", "휠체어"):
        assert personal not in text


def test_filters_and_chosen_fields(organizer, ef, checked, tmp_path) -> None:
    out = tmp_path / "in.csv"
    opts = ExportOptions(fields=("reg_no", "display_name", "phone"), checked_in_only=True,
                         lang="en")  # fmt: skip
    result = exporter.export(ef, out, opts=opts, access=organizer)
    assert result.personal == ("phone",)
    rows = _read_csv(out)
    assert rows == [
        ["Registration number", "Display name", "Phone"],
        ["DD-0001", "김민수", "010-1234-5678"],
        ["DD-0003", "John Smith", ""],
    ]
    opts = ExportOptions(categories=("press", "official"))
    exporter.export(ef, out, opts=opts, access=organizer)
    assert [r[0] for r in _read_csv(out)[1:]] == ["John Smith", "남궁민"]
    with pytest.raises(errors.InvalidInput, match="Unknown field"):
        exporter.export(ef, out, opts=ExportOptions(fields=("shoe_size",)), access=organizer)
    with pytest.raises(errors.InvalidInput, match="category"):
        exporter.export(ef, out, opts=ExportOptions(categories=("aliens",)), access=organizer)
    with pytest.raises(errors.InvalidInput, match="format"):
        exporter.export(ef, tmp_path / "x.doc", access=organizer)
    with pytest.raises(errors.InvalidInput, match="folder"):
        exporter.export(ef, tmp_path / "nope" / "x.csv", access=organizer)


def test_formula_injection_is_neutralized_and_round_trips(organizer, ef, clock, tmp_path) -> None:
    attendees.add_attendees(ef, clock, all_agreed([
        {"display_name": "=HYPERLINK(\"http://evil\",\"x\")", "organization": "+82 Club"},
        {"display_name": "@SUM(A1)", "notes": "-2+3", "phone": "+1 555 0100"},
    ]))  # fmt: skip
    fields = ("reg_no", "display_name", "organization", "phone", "notes")
    csv_out = tmp_path / "f.csv"
    exporter.export(ef, csv_out, opts=ExportOptions(fields=fields, lang="en"), access=organizer)
    rows = _read_csv(csv_out)
    assert rows[1][1] == '\'=HYPERLINK("http://evil","x")' and rows[1][2] == "'+82 Club"
    assert rows[2][1] == "'@SUM(A1)" and rows[2][3] == "'+1 555 0100" and rows[2][4] == "'-2+3"
    xlsx_out = tmp_path / "f.xlsx"
    exporter.export(ef, xlsx_out, opts=ExportOptions(fields=fields, lang="en"), access=organizer)
    ws = openpyxl.load_workbook(xlsx_out).active
    assert ws["B2"].data_type == "s" and ws["B2"].value.startswith("'=")
    # Importing the export again changes nothing; the guard is removed on the way in.
    before = [a for a in attendees.iter_all(ef)]
    for path in (csv_out, xlsx_out):
        plan, result = importer.import_file(ef, clock, path)
        assert plan.ok, plan.issues
        assert result and (result.added, result.updated) == (0, 0)
    assert list(attendees.iter_all(ef)) == before


def test_xlsx_is_typed_with_a_frozen_header(organizer, ef, checked, tmp_path, clock) -> None:
    morning = clock.now_ms() - 3 * 60_000
    out = tmp_path / "att.xlsx"
    opts = ExportOptions(fields=("display_name", "no_photo", "checked_in_at", "inside"))
    exporter.export(ef, out, opts=opts, access=organizer)
    ws = openpyxl.load_workbook(out).active
    assert ws.freeze_panes == "A2"
    assert ws["A1"].value == "표시 이름" and ws["A1"].font.b
    assert ws.column_dimensions["C"].width >= 16
    rows = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    kim = rows["김민수"]
    assert kim[1].value is True
    assert isinstance(kim[2].value, dt.datetime) and kim[2].value == _local(morning)
    assert kim[2].number_format == "yyyy-mm-dd hh:mm"
    assert kim[3].value is True and rows["John Smith"][3].value is False
    assert rows["한별"][2].value is None


def test_check_in_log_has_every_entry_exit_and_undo(organizer, ef, checked, tmp_path) -> None:
    out = tmp_path / "log.csv"
    result = exporter.export_log(ef, out, lang="en", access=organizer)
    rows = _read_csv(out)
    assert rows[0][:7] == ["Time", "Action", "List", "Station", "Method", "Operator", "Reason"]
    actions = [(r[1], r[7], r[10]) for r in rows[1:]]
    assert actions == [
        ("entry", "DD-0001", ""), ("entry", "DD-0003", ""), ("entry", "DD-0004", "yes"),
        ("undo", "DD-0004", ""), ("exit", "DD-0003", ""),
    ]  # fmt: skip
    assert rows[4][6] == "잘못 누름" and rows[3][4] == "manual" and rows[1][3] == "1번 출입구"
    assert result.rows == 5
    xlsx = tmp_path / "log.xlsx"
    exporter.export_log(ef, xlsx, access=organizer)
    ws = openpyxl.load_workbook(xlsx).active
    assert ws.max_row == 6 and isinstance(ws["A2"].value, dt.datetime)
    with pytest.raises(errors.InvalidInput):
        exporter.export_log(ef, tmp_path / "log.pdf", access=organizer)


@pytest.mark.skipif(pdftotext is None, reason="poppler-utils not installed")
def test_pdf_attendance_list(organizer, ef, checked, tmp_path) -> None:
    out = tmp_path / "att.pdf"
    result = exporter.export(ef, out, opts=ExportOptions(checked_in_only=True), access=organizer)
    assert out.read_bytes().startswith(b"%PDF") and result.rows == 2
    text = subprocess.run([pdftotext, "-layout", str(out), "-"], capture_output=True,
                          text=True, check=True).stdout  # fmt: skip
    assert "김민수" in text and "John Smith" in text and "참석자 명단" in text
    assert "박지수" not in text  # undone: not checked in
    assert text.index("김민수") < text.index("John Smith")  # Hangul first


def test_round_trip_import_export_import(organizer, ef, clock, tmp_path) -> None:
    source = _csv(tmp_path / "명단.csv", KOREAN_ROWS, encoding="cp949")
    importer.import_file(ef, clock, source)
    before = list(attendees.iter_all(ef))
    every = tuple(f for f in exporter.EXPORT_FIELDS if f not in ("checked_in_at",
                  "checked_in_station", "inside"))  # fmt: skip
    for fmt in ("csv", "xlsx"):
        out = tmp_path / f"all.{fmt}"
        exporter.export(
            ef, out, opts=ExportOptions(fields=every, include_cancelled=True), access=organizer
        )
        plan, result = importer.import_file(ef, clock, out)
        assert plan.ok, plan.issues
        assert result and (result.added, result.updated, result.unchanged) == (0, 0, 5)
        # Default (minimal) export too.
        small = tmp_path / f"small.{fmt}"
        exporter.export(ef, small, access=organizer)
        _, result = importer.import_file(ef, clock, small)
        assert result and (result.added, result.updated) == (0, 0)
    assert list(attendees.iter_all(ef)) == before
    # Into a new event: the same people, with every field.
    with event.create_event(tmp_path / "other.db", name="다른 행사", date="2027-07-14",
                            clock=clock) as other:  # fmt: skip
        _, result = importer.import_file(other, clock, tmp_path / "all.xlsx")
        assert result and result.added == 5
        keep = ("display_name", "full_name", "category", "organization", "phone", "email",
                "language", "no_photo", "access_needs", "notes", "status")  # fmt: skip
        again = {a.display_name: a for a in attendees.iter_all(other)}
        for a in before:
            b = again[a.display_name]
            assert {k: getattr(b, k) for k in keep} == {k: getattr(a, k) for k in keep}
            assert b.external_id == a.reg_no  # the old number is kept as a reference
