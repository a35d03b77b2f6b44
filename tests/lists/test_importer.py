"""Importing real files: Korean Excel CSV (CP949), UTF-16 tab-separated text, XLSX with
merged headers and blank rows, pretix and Google Forms exports, broken rows, huge
fields, formula cells, duplicates, re-imports. Files are written by the tests."""

from __future__ import annotations

import codecs
import json

import openpyxl
import pytest

from checkin import errors
from checkin.db.eventfile import open_event_file
from checkin.lists import importer
from checkin.lists.importer import MappingOptions
from checkin.people import attendees
from checkin.protect import consent
from consents import everything
from iofiles import KOREAN_ROWS, KOREAN_ROWS_AGREED, with_consent
from iofiles import write_csv as _csv


def _all(ef):
    return {a.display_name: a for a in attendees.iter_all(ef)}


def test_korean_excel_cp949_csv(ef, clock, tmp_path) -> None:
    path = _csv(tmp_path / "명단.csv", KOREAN_ROWS_AGREED, encoding="cp949")
    plan, result = importer.import_file(ef, clock, path)
    assert plan.table.encoding == "cp949" and plan.table.delimiter == ","
    assert plan.ok, plan.issues
    assert result is not None and result.added == 5
    people = _all(ef)
    assert people["김민수"].category == "defector"
    assert people["김민수"].organization == "새터 이웃들"
    assert people["이영희"].category == "family"
    assert people["이영희"].phone == "010-9876-5432"
    assert people["이영희"].notes == "휠체어석 요청"
    assert people["박기자"].category == "press" and people["John Smith"].category == "press"
    assert people["최봉사"].phone == "010-2222-3333"
    assert people["John Smith"].language == "en" and people["김민수"].language == "ko"


def test_utf16_tab_separated(ef, clock, tmp_path) -> None:
    # Excel's "Unicode text": UTF-16 LE with a BOM, tab-separated.
    path = _csv(tmp_path / "list.txt", KOREAN_ROWS_AGREED, encoding="utf-16", delimiter="\t")
    table = importer.read_table(path)
    assert table.encoding == "utf-16" and table.delimiter == "\t"
    plan, result = importer.import_file(ef, clock, path)
    assert plan.ok and result and result.added == 5
    assert _all(ef)["김민수"].phone == "010-1234-5678"


def test_utf16_without_bom_and_utf8_bom_semicolon(ef, tmp_path) -> None:
    path = tmp_path / "nobom.txt"
    _csv(path, KOREAN_ROWS, encoding="utf-16-le", delimiter="\t")
    table = importer.read_table(path)
    assert table.encoding == "utf-16-le" and table.rows[1][1][0] == "김민수"
    path2 = _csv(tmp_path / "semi.csv", KOREAN_ROWS, delimiter=";", bom=codecs.BOM_UTF8)
    table2 = importer.read_table(path2)
    assert table2.encoding == "utf-8-sig" and table2.delimiter == ";"
    assert table2.rows[0][1][0] == "이름"  # no BOM left in the first header


def test_excel_sep_line(ef, clock, tmp_path) -> None:
    path = tmp_path / "sep.csv"
    path.write_text("sep=;\r\nName;Phone\r\nAnna Novak;010-1111-2222\r\n", encoding="utf-8")
    plan, result = importer.import_file(ef, clock, path)
    assert plan.table.delimiter == ";" and result and result.added == 1
    assert plan.header_row == 2


def test_xlsx_merged_headers_blank_rows_and_numbers(ef, clock, tmp_path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "참가자"
    ws["A1"] = "2027 북한이탈주민의 날 참가자 명단"
    ws.merge_cells("A1:F1")
    # Two-row header: 이름 spans rows 2-3; 연락처 spans two columns with sub-labels.
    ws["A2"] = "이름"
    ws.merge_cells("A2:A3")
    ws["B2"] = "연락처"
    ws.merge_cells("B2:C2")
    ws["B3"] = "휴대폰"
    ws["C3"] = "이메일"
    ws["D2"] = "소속"
    ws.merge_cells("D2:D3")
    ws["E2"] = "구분"
    ws.merge_cells("E2:E3")
    ws["F2"] = "촬영 금지"
    ws.merge_cells("F2:F3")
    ws["G2"] = "연락처 동의"
    ws.merge_cells("G2:G3")
    ws.append(["김민수", 1012345678, "minsu@example.org", "별빛 청년모임", "탈북민", "O", "동의"])
    ws.append([])  # blank row 5
    ws.append(["한별", "010-2345-6789", None, None, "탈북민", None, "동의"])
    ws.merge_cells("D4:D6")  # one organization written once for a group
    ws.append([None, None, None, None, None, None, None])  # blank row 7
    ws.append(["Lukas Novak", "+49 30 1234567", "lukas@example.org", "Demo Press", "press", "x",
               "동의"])  # fmt: skip
    path = tmp_path / "명단.xlsx"
    wb.save(path)
    table = importer.read_table(path)
    assert [n for n, _ in table.rows] == [1, 2, 3, 4, 6, 8]
    plan, result = importer.import_file(ef, clock, path)
    assert plan.ok, plan.issues
    assert plan.header_row == 3
    fields = {c.header: c.field for c in plan.columns}
    assert fields["이름"] == "display_name"
    assert fields["휴대폰"] == "phone" and fields["이메일"] == "email"
    assert result and result.added == 3
    people = _all(ef)
    assert people["김민수"].phone == "010-1234-5678"  # Excel dropped the 0
    assert people["김민수"].no_photo is True and people["Lukas Novak"].no_photo is True
    assert people["한별"].no_photo is False
    assert people["한별"].organization == "별빛 청년모임"  # merged down from row 4
    assert people["Lukas Novak"].category == "press"


def test_xlsx_chooses_the_sheet_with_data(ef, clock, tmp_path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "안내"
    ws = wb.create_sheet("명단")
    ws.append(["성명", "전화번호"])
    ws.append(["김하나", "010-5555-6666"])
    path = tmp_path / "two.xlsx"
    wb.save(path)
    plan, result = importer.import_file(ef, clock, path)
    assert plan.table.sheet == "명단" and plan.table.sheets == ["안내", "명단"]
    assert result and result.added == 1
    with pytest.raises(errors.InvalidInput, match="No sheet"):
        importer.read_table(path, sheet="없는 시트")


def test_broken_rows_are_listed_and_nothing_is_imported(ef, clock, tmp_path) -> None:
    rows = [
        ["이름", "연락처", "이메일", "구분", "사진 거부"],
        ["김민수", "010-1234-5678", "", "탈북민", ""],
        ["", "010-1111-2222", "", "탈북민", ""],  # row 3: no name
        ["이영희", "전화 없음", "", "가족", ""],  # row 4: phone
        ["박지수", "", "not-an-email", "자원봉사", ""],  # row 5: email
        ["정우성", "", "", "외계인", "아마도"],  # row 6: category and flag
        ["한별", "", "", "탈북민", ""],
    ]
    path = _csv(tmp_path / "broken.csv", with_consent(rows))
    plan, result = importer.import_file(ef, clock, path)
    assert result is None and not plan.ok
    assert plan.error_rows == [3, 4, 5, 6]
    by_row = {}
    for issue in plan.errors:
        by_row.setdefault(issue.row, set()).add(issue.field)
    assert by_row[3] == {"display_name"}
    assert by_row[4] == {"phone"}
    assert by_row[5] == {"email"}
    assert by_row[6] == {"category", "no_photo"}
    assert all(i.ko and i.en for i in plan.errors)
    assert attendees.count(ef) == 0
    with pytest.raises(importer.ImportRejected) as exc_info:
        importer.apply_plan(ef, clock, plan)
    assert "3, 4, 5, 6" in exc_info.value.en
    assert attendees.count(ef) == 0


def test_huge_fields(ef, clock, tmp_path) -> None:
    rows = [
        ["Name", "Notes", "Organization"],
        ["Anna", "x" * 50_000, ""],  # row 2: cut at the reader, reported
        ["Ben", "y" * 2_500, ""],  # row 3: longer than a note may be
        ["C" * 150, "", ""],  # row 4: name too long
        ["Dana", "z" * 1_999, "o" * 200],  # row 5: fits
    ]
    path = _csv(tmp_path / "huge.csv", with_consent(rows))
    plan = importer.plan_import(ef, path)
    assert plan.error_rows == [2, 3, 4]
    assert {i.code for i in plan.errors if i.row == 2} >= {"too_long"}
    assert [r for r, _ in plan.new] == [5]


def test_formula_cells(ef, clock, tmp_path) -> None:
    # CSV: formula-looking text is a name like any other; the exporter's guard is removed.
    rows = [
        ["Name", "Organization", "Notes"],
        ['=HYPERLINK("http://x","click")', "", ""],
        ["Plus Person", "'+82 Club", "'=1+2"],
        ["@handle", "'Quoted", ""],
    ]
    path = _csv(tmp_path / "formula.csv", with_consent(rows))
    plan, result = importer.import_file(ef, clock, path)
    assert plan.ok and result and result.added == 3
    people = _all(ef)
    assert '=HYPERLINK("http://x","click")' in people
    assert people["Plus Person"].organization == "+82 Club"
    assert people["Plus Person"].notes == "=1+2"
    assert people["@handle"].organization == "'Quoted"  # a real apostrophe stays

    # XLSX: a formula cell reads as its cached result; with none, the cell is empty and
    # the row is reported instead of importing the formula text.
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["이름", "소속", "연락처 동의"])
    ws.append(['=CONCAT("김","철수")', "통일부", "동의"])
    ws.append(["이수진", "=B2", "동의"])
    path2 = tmp_path / "formula.xlsx"
    wb.save(path2)
    plan2 = importer.plan_import(ef, path2)
    assert plan2.error_rows == [2]
    assert [v["display_name"] for _, v in plan2.new] == ["이수진"]
    assert plan2.new[0][1]["organization"] == ""


def test_duplicates_in_the_file_and_against_the_event(ef, clock, tmp_path) -> None:
    attendees.add_attendee(ef, clock, display_name="김민수", phone="010-1234-5678",
                           consents=everything())  # fmt: skip
    attendees.add_attendee(ef, clock, display_name="박서준", phone="010-7777-8888",
                           consents=everything())  # fmt: skip
    rows = [
        ["Order ID", "이름", "연락처", "소속"],
        ["A-1", "이영희", "010-1111-2222", ""],
        ["A-2", "최지우", "010-3333-4444", ""],
        ["A-1", "이영희", "010-1111-2222", ""],  # row 4: same id, same person: skipped
        ["A-3", "홍길동", "", ""],
        ["", "김민수", "01012345678", "새터 이웃들"],  # row 6: in the event: update
        ["", "김 민수", "010-1234-5678", ""],  # row 7: same person as row 6 again
        ["", "박서준", "010-0000-9999", ""],  # row 8: similar name, other phone: warning
        ["", "정하나", "010-5555-6666", ""],
        ["", "정하나", "010-5555-6666", ""],  # row 10: same name and phone: skipped
        ["", "Chloé Martin", "010-1212-0000", ""],
        ["", "martin chloe", "010-3434-0000", ""],  # row 12: perhaps the same: warning
    ]
    path = _csv(tmp_path / "dups.csv", with_consent(rows))
    plan = importer.plan_import(ef, path)
    assert plan.ok, plan.errors
    assert sorted(plan.skipped) == [4, 7, 10]
    assert [u.row for u in plan.updates] == [6]
    assert plan.updates[0].changes == {"organization": "새터 이웃들"}
    warned = {(i.row, i.code) for i in plan.warnings}
    assert (8, "possible_duplicate") in warned and (4, "duplicate") in warned
    assert (12, "possible_duplicate") in warned and (11, "possible_duplicate") not in warned
    result = importer.apply_plan(ef, clock, plan)
    assert result.added == 7 and result.updated == 1
    assert attendees.count(ef) == 9

    rows[4] = ["A-1", "홍길동", "", ""]  # the id of another person
    path = _csv(tmp_path / "dups2.csv", with_consent(rows))
    plan = importer.plan_import(ef, path)
    assert [(i.row, i.code) for i in plan.errors] == [(5, "duplicate_id")]


def test_reimport_adds_nobody_and_updates_changes(ef, clock, tmp_path) -> None:
    path = _csv(tmp_path / "k.csv", KOREAN_ROWS_AGREED, encoding="cp949")
    _, first = importer.import_file(ef, clock, path)
    assert first and first.added == 5 and first.reg_numbers == ("DD-0001", "DD-0005")
    _, second = importer.import_file(ef, clock, path)
    assert second and (second.added, second.updated, second.unchanged) == (0, 0, 5)
    changed = [list(r) for r in KOREAN_ROWS_AGREED]
    changed[3][2] = "평화통신 편집국"
    changed[2][4] = ""  # a blank cell does not erase what is stored
    path2 = _csv(tmp_path / "k2.csv", changed, encoding="cp949")
    _, third = importer.import_file(ef, clock, path2)
    assert third and (third.added, third.updated, third.unchanged) == (0, 1, 4)
    people = _all(ef)
    assert people["박기자"].organization == "평화통신 편집국"
    assert people["이영희"].notes == "휠체어석 요청"
    assert attendees.count(ef) == 5


def test_dry_run_changes_nothing(ef, clock, tmp_path) -> None:
    path = _csv(tmp_path / "k.csv", KOREAN_ROWS)
    before = ef.conn.execute("SELECT seq, reg_counter FROM local").fetchone()
    plan, result = importer.import_file(ef, clock, path, dry_run=True)
    assert result is None and len(plan.new) == 5
    assert attendees.count(ef) == 0
    assert (
        ef.conn.execute("SELECT count(*) FROM changes WHERE entity = 'attendee'").fetchone()[0] == 0
    )
    assert ef.conn.execute("SELECT seq, reg_counter FROM local").fetchone() == before


PRETIX_HEADER = [
    "Event slug", "Order code", "Position ID", "Status", "Email", "Phone number", "Order date",
    "Order time", "Product", "Variation", "Price", "Tax rate", "Tax rule", "Tax value",
    "Attendee name", "Attendee name: Title", "Attendee name: Given name",
    "Attendee name: Family name", "Attendee email", "Company", "Address", "ZIP code", "City",
    "Country", "State", "Voucher", "Pseudonymization ID", "Seat ID", "Seat name", "Seat zone",
    "Seat row", "Seat number", "Order comment", "Follow-up date", "Company",
    "Invoice address name", "Invoice address name: Title", "Invoice address name: Given name",
    "Invoice address name: Family name", "Address", "ZIP code", "City", "Country", "State",
    "VAT ID", "Sales channel", "Order locale", "E-mail address verified", "Payment providers",
]  # fmt: skip


def _pretix_row(code, pos, status, email, phone, product, name, given, family, att_email,
                company, pseudo, locale):  # fmt: skip
    row = dict.fromkeys(range(len(PRETIX_HEADER)), "")
    values = {
        0: "ddday27", 1: code, 2: pos, 3: status, 4: email, 5: phone, 6: "2027-06-01",
        7: "10:00:00", 8: product, 10: "0.00", 14: name, 16: given, 17: family, 18: att_email,
        19: company, 26: pseudo, 35: "Invoice Person", 45: "web", 46: locale, 47: "Yes",
    }  # fmt: skip
    row.update(values)
    return [row[i] for i in range(len(PRETIX_HEADER))]


def test_pretix_export_needs_no_mapping(ef, clock, tmp_path) -> None:
    rows = [
        PRETIX_HEADER,
        _pretix_row("ABC12", "1", "Paid", "order@example.org", "+821012345678",
                    "Defector (free)", "김민수", "민수", "김", "", "", "P1X", "ko"),
        _pretix_row("ABC12", "2", "Paid", "order@example.org", "+821012345678",
                    "Press", "Sarah Brown", "Sarah", "Brown", "sarah@example.org",
                    "Demo Broadcasting", "P2X", "en"),
        _pretix_row("XYZ99", "1", "Canceled", "x@example.org", "", "General admission",
                    "Ivan Petrov", "Ivan", "Petrov", "", "", "P3X", "de"),
    ]  # fmt: skip
    path = _csv(tmp_path / "pretix_orderpositions.csv", rows, newline="\n")
    # pretix asked its own consent question at checkout: the organizer says so
    asked = MappingOptions(consent_declared=consent.Declaration.make(
        ["contact"], "pretix-2027-06", "pretix checkout, privacy question"))  # fmt: skip
    plan, result = importer.import_file(ef, clock, path, asked)
    assert plan.ok, plan.issues
    assert result and result.added == 3
    people = _all(ef)
    kim, sarah, ivan = people["김민수"], people["Sarah Brown"], people["Ivan Petrov"]
    assert kim.category == "defector" and sarah.category == "press" and ivan.category == "guest"
    assert kim.email == "order@example.org"  # order email when the attendee has none
    assert sarah.email == "sarah@example.org" and sarah.organization == "Demo Broadcasting"
    assert kim.phone == "010-1234-5678" and kim.language == "ko" and ivan.language == "en"
    assert ivan.status == "cancelled"
    assert kim.external_id and kim.external_id != sarah.external_id
    # Re-import adds nobody.
    _, again = importer.import_file(ef, clock, path, asked)
    assert again and again.added == 0 and again.unchanged == 3

    # The same as XLSX.
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    xlsx = tmp_path / "pretix.xlsx"
    wb.save(xlsx)
    _, from_xlsx = importer.import_file(ef, clock, xlsx, asked)
    assert from_xlsx and from_xlsx.added == 0 and from_xlsx.unchanged == 3


def test_google_forms_csv_needs_no_mapping(ef, clock, tmp_path) -> None:
    rows = [
        ["타임스탬프", "이메일 주소", "성함을 적어 주세요", "연락 가능한 전화번호", "소속 단체",
         "참가 구분", "행사 중 사진 촬영에 동의하십니까?", "편의 지원이 필요하신가요?",
         "연락처 수집 동의", "민감정보 처리 동의"],
        ["2027. 6. 1 오후 3:04:05", "a@example.org", "김하늘", "010-1234-0001", "",
         "북한이탈주민", "아니오, 동의하지 않습니다", "휠체어", "동의합니다", "동의합니다"],
        ["2027. 6. 2 오전 9:10:00", "b@example.org", "Emily Johnson", "", "Open Door Korea",
         "후원자", "예, 동의합니다", "", "동의합니다", "동의하지 않습니다"],
    ]  # fmt: skip
    path = _csv(tmp_path / "설문지 응답.csv", rows, newline="\n")
    plan, result = importer.import_file(ef, clock, path)
    assert plan.ok, plan.issues
    assert result and result.added == 2
    people = _all(ef)
    assert people["김하늘"].no_photo is True and people["Emily Johnson"].no_photo is False
    assert people["김하늘"].access_needs == "휠체어"
    assert (
        people["김하늘"].category == "defector" and people["Emily Johnson"].category == "supporter"
    )
    assert people["Emily Johnson"].email == "b@example.org"

    english = [
        ["Timestamp", "Email Address", "Full name", "Phone", "Organization", "Category",
         "Do you agree to be photographed?"],
        ["6/1/2027 15:04:05", "c@example.org", "Tom Novak", "010-9999-0000", "", "Volunteer", "No"],
    ]  # fmt: skip
    path2 = _csv(tmp_path / "form.csv", english, newline="\n")
    plan2, result2 = importer.import_file(ef, clock, path2)
    assert plan2.ok and result2 and result2.added == 1
    assert _all(ef)["Tom Novak"].no_photo is True


def test_badge_name_column_makes_the_name_column_the_full_name(ef, clock, tmp_path) -> None:
    rows = [["성명", "명찰 이름", "연락처"], ["이영희", "한별", "010-1212-3434"], ["박철", "", ""]]
    path = _csv(tmp_path / "alias.csv", with_consent(rows))
    _, result = importer.import_file(ef, clock, path)
    assert result and result.added == 2
    people = _all(ef)
    assert people["한별"].full_name == "이영희"
    assert people["박철"].full_name == "박철"  # no alias: the badge shows the name


def test_mapping_corrections(ef, clock, tmp_path) -> None:
    rows = [
        ["Nom", "Téléphone", "Type", "Remarque"],
        ["Claire Dubois", "010-4444-5555", "일반석", "hi"],
    ]
    path = _csv(tmp_path / "fr.csv", with_consent(rows))
    plan = importer.plan_import(ef, path)
    assert [i.code for i in plan.errors] == ["no_name_column"]
    opts = MappingOptions(
        columns={"Nom": "display_name", "B": "phone", "4": "notes"},
        values={"category": {"일반석": "guest"}},
    )
    plan, result = importer.import_file(ef, clock, path, opts)
    assert plan.ok and result and result.added == 1
    claire = _all(ef)["Claire Dubois"]
    assert (claire.phone, claire.category, claire.notes) == ("010-4444-5555", "guest", "hi")
    # From a file, and a column dropped.
    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"Nom": "display_name", "Téléphone": "ignore", "Type": None}))
    opts2 = MappingOptions.load(mapping)
    plan2 = importer.plan_import(ef, path, opts2)
    # without the phone, the row is taken to be the Claire already registered (by her
    # name alone: said so), not added a second time
    assert plan2.ok and plan2.new == [] and plan2.updates == [] and len(plan2.unchanged) == 1
    assert "matched_by_name" in [i.code for i in plan2.warnings]
    with pytest.raises(errors.InvalidInput, match="not in the file"):
        importer.plan_import(ef, path, MappingOptions(columns={"Prénom": "display_name"}))
    with pytest.raises(errors.InvalidInput, match="Unknown field"):
        MappingOptions.from_json({"columns": {"Nom": "shoe_size"}})
    assert importer.parse_map_option("성함=display_name") == ("성함", "display_name")
    assert importer.parse_map_option("C=ignore") == ("C", "")


def test_unreadable_files(ef, tmp_path) -> None:
    xls = tmp_path / "old.xls"
    xls.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(errors.InvalidInput, match=r"\.xls"):
        importer.read_table(xls)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"\r\n\r\n")
    with pytest.raises(errors.InvalidInput, match="no rows"):
        importer.read_table(empty)
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(errors.InvalidInput, match="Excel"):
        importer.read_table(fake)
    with pytest.raises(errors.InvalidInput, match="No file"):
        importer.read_table(tmp_path / "missing.csv")


def test_event_changed_between_plan_and_apply(ef, clock, tmp_path) -> None:
    path = _csv(tmp_path / "k.csv", KOREAN_ROWS_AGREED)
    plan = importer.plan_import(ef, path)
    with open_event_file(ef.path) as other:  # e.g. a walk-in registered meanwhile
        attendees.add_attendee(other, clock, display_name="김민수", phone="010-1234-5678",
                               consents=everything())  # fmt: skip
    result = importer.apply_plan(ef, clock, plan)
    assert result.added == 4 and result.updated == 1  # the file adds the organization
    assert attendees.count(ef) == 5


def test_scan_only_station_cannot_import(ef, clock, tmp_path) -> None:
    ef.conn.execute("UPDATE local SET role = 'scan-only'")
    path = _csv(tmp_path / "k.csv", KOREAN_ROWS)
    with pytest.raises(errors.NotAllowed):
        importer.import_file(ef, clock, path)
    assert attendees.count(ef) == 0


def test_fast_xlsx_reader_agrees_with_openpyxl(tmp_path, monkeypatch) -> None:
    import datetime as dt

    from checkin.lists import xlsx_reader

    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "명단"
    ws.merge_cells("A1:E1")
    ws.append(["이름", "생일", "입장", "점수", "전화"])
    ws.append(["김민수", dt.datetime(1990, 3, 1), True, 3.5, 1012345678])
    ws.append(["Émile", dt.datetime(2027, 7, 14, 10, 30), False, 2, "010-1111-2222"])
    ws.append([None, None, None, None, None])
    ws.append(["이영희", None, None, None, None])
    ws.merge_cells("E4:E6")
    ws["B3"].number_format = 'yyyy"년" m"월" d"일"'
    extra = wb.create_sheet("둘째")
    extra.append(["x"])
    path = tmp_path / "types.xlsx"
    wb.save(path)
    fast = importer.read_table(path)
    monkeypatch.setattr(
        xlsx_reader, "open_workbook",
        lambda _p: (_ for _ in ()).throw(xlsx_reader.XlsxFormatError("forced")),
    )  # fmt: skip
    slow = importer.read_table(path)
    assert fast.rows == slow.rows and fast.sheets == slow.sheets == ["Sheet", "둘째"]
    assert fast.numeric_cells == slow.numeric_cells
    assert fast.rows[2][1][:5] == ["김민수", "1990-03-01", "yes", "3.5", "1012345678"]
    assert fast.rows[3][1][1] == "2027-07-14 10:30"
    assert fast.rows[4] == (6, ["이영희", "", "", "", "010-1111-2222"])  # merged down
    assert xlsx_reader.is_date_format("yyyy-mm-dd hh:mm")
    assert not xlsx_reader.is_date_format('#,##0"원"') and not xlsx_reader.is_date_format("General")


def test_a_quote_never_closed_is_refused_with_its_row(ef, clock, tmp_path) -> None:
    """Notepad edits: a stray opening quote would make the next rows one person's name."""
    path = tmp_path / "명단.csv"
    path.write_bytes(
        '이름,연락처\r\n김민수,010-1234-5678\r\n"김철수,010-1111-2222\r\n이영희,010-3333-4444\r\n'.encode(
            "cp949"
        )
    )
    with pytest.raises(errors.InvalidInput) as caught:
        importer.import_file(ef, clock, path)
    assert "row 3" in caught.value.message("en") and "3행" in caught.value.message("ko")
    assert attendees.count(ef) == 0


def test_quoted_cells_with_line_breaks_and_stray_quotes_still_import(ef, clock, tmp_path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(
        'Name,Notes,Contact consent\r\n"Kim Minsu","needs a chair\r\nnear the door",yes\r\n'
        'Lee 5" tall,x,yes\r\n"Park"Jisoo,y,yes\r\n',
        encoding="utf-8",
    )
    plan, result = importer.import_file(ef, clock, path)
    assert result is not None and result.added == 3, plan.issues
    assert _all(ef)["Kim Minsu"].notes == "needs a chair\nnear the door"


# --- files that are not registration lists (issue 19) --------------------------------


@pytest.mark.parametrize(
    "name, data, kind",
    [
        ("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "an image"),
        ("scan.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "a PDF document"),
        ("event.checkin", b"SQLite format 3\x00" + bytes(200), "an event or database file"),
        ("list.csv", b"\x1f\x8b\x08\x00" + bytes(range(256)), "a compressed archive"),
    ],
)
def test_known_binary_files_are_refused(ef, clock, tmp_path, name, data, kind) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(errors.InvalidInput) as info:
        importer.plan_import(ef, path)
    assert "not a registration list" in info.value.en and kind in info.value.en
    assert "참가자 명단이 아닙니다" in info.value.ko
    assert attendees.count(ef) == 0


@pytest.mark.parametrize("kind", ["random", "decodes"])
def test_other_binary_data_is_refused(ef, clock, tmp_path, kind) -> None:
    import random

    rng = random.Random(19)
    if kind == "random":  # no known signature, no encoding reads it
        data = bytes(rng.choice(range(1, 256)) for _ in range(5000))
    else:  # valid UTF-8, but control codes no list holds (a one-column "CSV" before)
        data = b"name\n" + bytes(rng.choice(range(1, 128)) for _ in range(5000))
    path = tmp_path / "names.csv"
    path.write_bytes(data)
    with pytest.raises(errors.InvalidInput) as info:
        importer.plan_import(ef, path)
    assert "not a CSV text file or an Excel workbook" in info.value.en
    assert attendees.count(ef) == 0


def test_a_stray_control_character_in_a_real_list_is_fine(ef, clock, tmp_path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("이름,연락처\n김민수\x0b,010-1234-5678\n이영희,010-9876-5432\n", "utf-8")
    plan = importer.plan_import(ef, path)
    assert plan.table is not None and len(plan.table.rows) >= 2


def test_the_no_name_column_message_speaks_of_the_mapping_not_the_command_line(
    ef, tmp_path
) -> None:
    path = _csv(tmp_path / "fr.csv", [["Nom", "Téléphone"], ["Claire Dubois", "010-4444-5555"]])
    (issue,) = importer.plan_import(ef, path).errors
    assert issue.code == "no_name_column"
    assert "--" not in issue.en and "--" not in issue.ko
    assert "Display name" in issue.en and "표시 이름" in issue.ko
