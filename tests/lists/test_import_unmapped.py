"""Import: a column nobody recognised ("촬영", the no-photo flag) is named in the report
with the closest field, never dropped silently."""

from __future__ import annotations

from checkin.cli import main
from checkin.lists import importer
from iofiles import write_csv

ROWS = [["이름", "구분", "촬영", "좋아하는 색"], ["김민수", "탈북민", "X", "파랑"],
        ["이영희", "가족", "", "빨강"]]  # fmt: skip


def test_unrecognised_columns_are_warned_with_the_closest_field(ef, clock, tmp_path):
    path = write_csv(tmp_path / "명단.csv", ROWS)
    plan = importer.plan_import(ef, path)
    assert plan.ok
    by_header = {c.header: c for c in plan.columns}
    assert by_header["촬영"].field == "" and by_header["촬영"].suggest == "no_photo"
    assert by_header["좋아하는 색"].suggest == ""
    warned = {i.column: i for i in plan.issues if i.code == "unmapped"}
    assert set(warned) == {"촬영", "좋아하는 색"}
    assert "촬영" in warned["촬영"].en and "No photo" in warned["촬영"].en
    assert "가장 비슷한 항목: 촬영 금지" in warned["촬영"].ko
    # mapped by the organizer: no warning, and the flag arrives
    fixed = importer.MappingOptions(columns={"촬영": "no_photo", "좋아하는 색": ""})
    plan = importer.plan_import(ef, path, fixed)
    assert not [i for i in plan.issues if i.code == "unmapped"]
    _, result = importer.import_file(ef, clock, path, fixed)
    assert result is not None and result.added == 2
    flags = dict(ef.execute("SELECT display_name, no_photo FROM attendees").fetchall())
    assert flags == {"김민수": 1, "이영희": 0}


def test_the_text_report_names_the_column_and_how_to_map_it(ef, tmp_path, capsys):
    path = write_csv(tmp_path / "명단.csv", ROWS)
    event = str(ef.path)
    ef.close()
    assert main(["import", event, str(path), "--dry-run", "--lang", "ko"]) == 0
    text = capsys.readouterr().out
    assert (
        "촬영 열은 가져오지 않았습니다" in text and "좋아하는 색 열은 가져오지 않았습니다" in text
    )
    assert "--map '촬영=no_photo'" in text
    assert main(["import", event, str(path), "--dry-run", "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "Column 촬영 was not imported" in text and "closest field: No photo" in text
