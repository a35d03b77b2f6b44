"""Imports and consent (PIPA Art. 16(3), 22, 23): a file without consent columns keeps
only what entry needs of each row and says how many rows lost optional fields; consent
columns decide row by row; an organizer may declare that the people agreed on their own
form (recorded as a declaration, with its version, basis and an audit row)."""

from __future__ import annotations

import json

import pytest

from checkin import errors
from checkin.cli import main
from checkin.event import identity as event
from checkin.lists import importer
from checkin.lists.importer import MappingOptions
from checkin.people import attendees
from checkin.protect import audit, consent, pin
from checkin.protect.access import Access
from consents import everything
from iofiles import KOREAN_ROWS, KOREAN_ROWS_AGREED, with_consent
from iofiles import write_csv as _csv


def _all(ef):
    return {a.display_name: a for a in attendees.iter_all(ef)}


def test_a_file_without_consent_columns_keeps_only_the_required_fields(ef, clock, tmp_path):
    rows = [*KOREAN_ROWS[:1], *KOREAN_ROWS[1:]]
    rows[0] = [*rows[0], "외부 ID", "촬영 금지", "상태"]
    rows[1:] = [[*r, f"T-{i}", "O" if i == 1 else "", "취소" if i == 3 else ""]
                for i, r in enumerate(rows[1:], 1)]  # fmt: skip
    path = _csv(tmp_path / "명단.csv", rows, encoding="cp949")
    plan, result = importer.import_file(ef, clock, path)
    assert plan.ok, plan.issues
    assert result is not None and result.added == 5
    assert plan.summary()["optional_fields_dropped"] == 5  # every row had a phone
    for a in attendees.iter_all(ef):
        assert (a.phone, a.organization, a.notes, a.full_name, a.email, a.access_needs) == (
            "", "", "", "", "", "",
        )  # fmt: skip
        assert a.consents == ""  # nothing agreed, nothing recorded
    people = _all(ef)
    # item (a) and the registration's own state stay
    assert people["김민수"].category == "defector" and people["John Smith"].category == "press"
    assert people["김민수"].external_id == "T-1" and people["김민수"].no_photo is True
    assert people["박기자"].status == "cancelled"
    assert people["John Smith"].language == "en"  # from the name, not from the file
    # nowhere in the file: not in the change log either
    log = " ".join(r[0] for r in ef.execute("SELECT fields FROM changes").fetchall())
    assert "010-" not in log and "휠체어석" not in log and "새터" not in log


def test_dropped_phones_still_tell_two_people_of_one_name_apart(ef, clock, tmp_path) -> None:
    rows = [["이름", "연락처"], ["김민수", "010-1111-2222"], ["김민수", "010-3333-4444"],
            ["김민수", "010-1111-2222"]]  # fmt: skip
    path = _csv(tmp_path / "twins.csv", rows)
    plan = importer.plan_import(ef, path)
    assert plan.ok and len(plan.new) == 2 and plan.skipped == [4]  # row 4 is row 2 again
    assert all(values["phone"] == "" for _, values in plan.new)
    importer.apply_plan(ef, clock, plan)
    # Nothing kept tells the two apart afterwards: a second import asks for a number
    # column instead of guessing (the price of keeping only the minimum).
    again = importer.plan_import(ef, path)
    assert {i.code for i in again.errors} == {"ambiguous_name"}
    # One person of that name registered with a phone (agreed) is matched by it, and a
    # row with another phone is not taken to be them.
    ef2 = event.create_event(tmp_path / "e2.db", name="t", date="2027-07-14", clock=clock)
    known = attendees.add_attendee(ef2, clock, display_name="김민수", phone="010-1111-2222",
                                   consents=everything())  # fmt: skip
    plan2 = importer.plan_import(ef2, path)
    assert [u for u in plan2.updates] == [] and [r for r, _ in plan2.unchanged] == [2]
    assert plan2.unchanged[0][1] == known.id and [r for r, _ in plan2.new] == [3]
    ef2.close()


def test_consent_columns_decide_and_a_reimport_changes_nothing(ef, clock, tmp_path) -> None:
    rows = [["이름", "연락처", "편의지원", "연락처 동의", "민감정보 동의"],
            ["김하나", "010-1111-2222", "휠체어", "동의", "미동의"],
            ["이둘", "010-3333-4444", "", "", ""]]  # fmt: skip
    path = _csv(tmp_path / "c.csv", rows)
    plan, result = importer.import_file(ef, clock, path)
    assert result and result.added == 2 and plan.summary()["optional_fields_dropped"] == 2
    first = _all(ef)
    assert (first["김하나"].phone, first["김하나"].access_needs) == ("010-1111-2222", "")
    assert set(consent.answers(first["김하나"])) == {"entry", "contact"}
    clock.advance(60_000)
    again_plan, again = importer.import_file(ef, clock, path)
    assert again and (again.added, again.updated, again.unchanged) == (0, 0, 2)
    # 이둘's phone was not kept: matched by the name alone, and said so
    assert [i.row for i in again_plan.warnings if i.code == "matched_by_name"] == [3]
    assert _all(ef)["김하나"].consents == first["김하나"].consents  # times kept


def test_an_import_adds_answers_and_never_withdraws_one(ef, clock, tmp_path) -> None:
    desk = attendees.add_attendee(ef, clock, display_name="김하나", phone="010-1111-2222",
                                  access_needs="휠체어", consents=everything())  # fmt: skip
    rows = [["이름", "연락처", "연락처 동의", "민감정보 동의"],
            ["김하나", "010-1111-2222", "미동의", "미동의"]]  # fmt: skip
    plan, result = importer.import_file(ef, clock, _csv(tmp_path / "old.csv", rows))
    assert plan.ok and result and result.unchanged == 1
    kept = attendees.get(ef, desk.id)
    assert (kept.phone, kept.access_needs, kept.consents) == (
        "010-1111-2222", "휠체어", everything())  # fmt: skip
    # an answer the file adds is recorded with the import's time
    other = attendees.add_attendee(ef, clock, display_name="이둘")
    clock.advance(1000)
    rows = [
        ["등록번호", "이름", "연락처", "연락처 동의"],
        [other.reg_no, "이둘", "010-5555-6666", "동의"],
    ]
    _, result = importer.import_file(ef, clock, _csv(tmp_path / "new.csv", rows))
    assert result and result.updated == 1
    got = attendees.get(ef, other.id)
    assert got.phone == "010-5555-6666"
    assert consent.answers(got)["contact"]["at"] == clock.now_ms()


def _declared(items=("contact",), version="form-2027-06", basis="온라인 등록 양식 동의 페이지"):
    return MappingOptions(consent_declared=consent.Declaration.make(items, version, basis))


def test_the_organizer_can_declare_consent_given_on_their_own_form(ef, clock, tmp_path) -> None:
    path = _csv(tmp_path / "form.csv", [[*KOREAN_ROWS[0], "편의지원"],
                                        *[[*r, "통역" if i == 1 else ""]
                                          for i, r in enumerate(KOREAN_ROWS[1:], 1)]])  # fmt: skip
    plan, result = importer.import_file(ef, clock, path, _declared(), operator="KJ")
    assert plan.ok and result and result.added == 5
    assert plan.summary()["consent_declared"] == ["contact"]
    assert plan.summary()["optional_fields_dropped"] == 2  # notes and access needs: not declared
    kim = _all(ef)["김민수"]
    assert (kim.phone, kim.organization, kim.access_needs) == ("010-1234-5678", "새터 이웃들", "")
    marked = {"at": clock.now_ms(), "v": "form-2027-06", "by": consent.DECLARED}
    assert consent.answers(kim) == {"entry": marked, "contact": marked}
    (row,) = audit._select(ef, audit.CONSENT, None, None)
    assert row.operator == "KJ" and row.detail == {
        "kind": "import_declared", "items": ["contact"], "version": "form-2027-06",
        "basis": "온라인 등록 양식 동의 페이지", "rows": 5,
    }  # fmt: skip
    assert "근거: 온라인 등록 양식" in row.describe("ko") and "items: (b) contact" in row.describe(
        "en"
    )


@pytest.mark.parametrize(
    "items, version, basis, field",
    [
        ((), "v1", "form", "consent"),
        (("entry",), "v1", "form", "consent"),
        (("contact", "photos"), "v1", "form", "consent"),
        (("contact",), "", "form", "consent_version"),
        (("contact",), "v" * 41, "form", "consent_version"),
        (("contact",), "v1", "  ", "consent_basis"),
    ],
)
def test_a_declaration_needs_optional_items_a_version_and_a_basis(items, version, basis, field):
    with pytest.raises(errors.InvalidInput) as refused:
        consent.Declaration.make(items, version, basis)
    assert refused.value.field == field and refused.value.ko and refused.value.en


def test_a_declaration_is_refused_for_a_file_with_consent_columns(ef, clock, tmp_path) -> None:
    path = _csv(tmp_path / "c.csv", KOREAN_ROWS_AGREED)
    plan, result = importer.import_file(ef, clock, path, _declared())
    assert result is None and [i.code for i in plan.errors] == ["consent_declared"]
    assert attendees.count(ef) == 0


# --- the command line -----------------------------------------------------------------


@pytest.fixture
def event_path(tmp_path, clock):
    path = tmp_path / "event.db"
    event.create_event(path, name="행사", date="2027-07-14", clock=clock).close()
    return path


def _run(capsys, *argv):
    code = main([str(a) for a in argv])
    return code, capsys.readouterr()


def test_cli_import_says_how_many_rows_lost_optional_fields(capsys, event_path, tmp_path):
    path = _csv(tmp_path / "k.csv", KOREAN_ROWS)
    code, out = _run(capsys, "import", event_path, path, "--lang", "ko")
    assert code == 0
    assert "5개 행: 파일에 동의 열이 없어 입장에 필요한 항목만 저장" in out.out
    assert "--consent-collected" in out.out
    code, out = _run(capsys, "import", event_path, "--lang", "en",
                     _csv(tmp_path / "c.csv", with_consent(KOREAN_ROWS, "미동의")))  # fmt: skip
    assert code == 0 and "5 rows: optional fields not kept, as their consent column says no" in (
        out.out
    )
    code, out = _run(capsys, "import", event_path, path, "--dry-run", "--json")
    assert json.loads(out.out)["summary"]["optional_fields_dropped"] == 5


def test_cli_declaration_is_the_organizers_and_needs_all_three_options(
    capsys, event_path, tmp_path, clock, monkeypatch
):
    path = _csv(tmp_path / "k.csv", KOREAN_ROWS)
    code, out = _run(capsys, "import", event_path, path, "--lang", "en",
                     "--consent-collected", "contact")  # fmt: skip
    assert code != 0 and "version of the consent wording" in out.err
    code, out = _run(capsys, "import", event_path, path, "--consent-version", "v1")
    assert code != 0 and "--consent-collected" in out.err
    from checkin.event.files import open_event_file

    with open_event_file(event_path) as ef:
        pin.set_pin(ef, clock, "1357")
    args = ("import", event_path, path, "--consent-collected", "contact,sensitive",
            "--consent-version", "form-v2", "--consent-basis", "registration form")  # fmt: skip
    code, out = _run(capsys, *args, "--json")
    assert code == 3 and json.loads(out.out)["error"] in ("organizer_required", "pin_required")
    monkeypatch.setenv("ORG_PIN", "1357")
    code, out = _run(capsys, *args, "--pin-env", "ORG_PIN", "--lang", "en")
    assert code == 0, out.err
    assert "Consent declared by the organizer for every row: contact, sensitive" in out.out
    with open_event_file(event_path) as ef:
        kim = next(a for a in attendees.iter_all(ef) if a.display_name == "김민수")
        assert kim.phone == "010-1234-5678"
        organizer = Access.for_file(ef, clock)
        organizer.elevate_or_raise(ef, "1357")
        assert [e.detail["basis"] for e in audit.entries(ef, organizer, audit.CONSENT)] == [
            "registration form"
        ]
