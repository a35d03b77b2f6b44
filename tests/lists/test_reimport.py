"""Re-importing an export without registration numbers adds nobody twice."""

from __future__ import annotations

from checkin.clock import FixedClock
from checkin.event import identity as event
from checkin.lists import exporter, importer
from checkin.people import attendees
from checkin.protect.access import Access
from consents import all_agreed, everything

CLOCK = FixedClock(1_815_613_200_000)


def _event(tmp_path):
    ef = event.create_event(tmp_path / "e.checkin", clock=CLOCK)
    attendees.add_attendees(ef, CLOCK, all_agreed([
        {"display_name": "김민수", "category": "defector", "phone": "010-1234-5678"},
        {"display_name": "한별", "category": "family", "email": "a@b.org", "organization": "협회"},
        {"display_name": "박지수", "category": "volunteer"},
    ]))  # fmt: skip
    return ef


def _count(ef) -> int:
    return ef.conn.execute("SELECT count(*) FROM attendees").fetchone()[0]


def test_an_export_without_reg_no_re_imports_without_duplicates(tmp_path) -> None:
    ef = _event(tmp_path)
    fields = tuple(f for f in exporter.DEFAULT_FIELDS if f != "reg_no")
    out = tmp_path / "x.csv"
    exporter.export(ef, out, "csv", exporter.ExportOptions(fields=fields),
                    access=Access.for_file(ef, CLOCK))  # fmt: skip
    plan, result = importer.import_file(ef, CLOCK, out)
    assert result is not None
    assert _count(ef) == 3
    assert plan.summary()["new"] == 0
    matched = [i for i in plan.issues if i.code == "matched_by_name"]
    # 박지수 has no contact details either: matched as before; the other two by name
    assert len(matched) == 2 and all(i.message("ko") for i in matched)
    assert result.unchanged == 3 and result.added == 0
    person = attendees.find(ef, "DD-0001")
    assert person.phone == "010-1234-5678"  # nothing blanked by the re-import
    ef.close()


def test_a_name_shared_by_two_people_is_refused_without_a_number(tmp_path) -> None:
    ef = _event(tmp_path)
    for phone in ("010-2222-3333", "010-4444-5555"):
        attendees.add_attendee(
            ef, CLOCK, display_name="김민수", category="guest", phone=phone, consents=everything()
        )
    src = tmp_path / "in.csv"
    src.write_text("표시 이름,구분\n김민수,북한이탈주민\n", encoding="utf-8")
    plan, result = importer.import_file(ef, CLOCK, src)
    assert result is None and not plan.ok
    assert [i.code for i in plan.errors] == ["ambiguous_name"]
    assert "reg_no" in plan.errors[0].message("en")
    assert _count(ef) == 5
    ef.close()
