"""Consent in parts (PIPA Art. 16(3), 22, 23): entry (required), contact details
(optional) and access needs (sensitive, optional), each answered and stored on its own;
the core refuses a field whose consent is missing, refusing it never blocks registration."""

from __future__ import annotations

import json

import pytest

from checkin import errors
from checkin.cli import main
from checkin.event import identity as event
from checkin.event import settings as settings_mod
from checkin.people import attendees
from checkin.protect import consent
from checkin.protect.access import Access


def _answers(ef, attendee_id):
    return consent.answers(attendees.get(ef, attendee_id))


def test_the_default_items_state_purpose_items_retention_and_refusal(ef) -> None:
    items = consent.items(settings_mod.load(ef))
    assert list(items) == ["entry", "contact", "sensitive"]
    assert [w.required for w in items.values()] == [True, False, False]
    for w in items.values():
        assert all(word in w.ko for word in ("목적", "항목", "보유 기간", "동의하지 않을 권리"))
        assert all(word in w.en for word in ("Purpose", "Items", "Kept until", "refuse"))
    for key in ("contact", "sensitive"):  # refusing costs nothing
        assert "불이익이 없습니다" in items[key].ko and "costs nothing" in items[key].en
    assert "제23조" in items["sensitive"].ko


def test_a_field_without_its_consent_is_refused_by_the_core(ef, clock) -> None:
    cfg = settings_mod.load(ef)
    only_entry = consent.record(clock, cfg, ["entry"])
    with pytest.raises(errors.InvalidInput) as refused:
        attendees.add_attendee(ef, clock, display_name="새봄", phone="010-1234-5678",
                               **only_entry)  # fmt: skip
    assert refused.value.field == "phone"
    assert "(나) 연락처" in refused.value.ko and "(b) contact" in refused.value.en
    with pytest.raises(errors.InvalidInput) as refused:
        attendees.add_attendee(ef, clock, display_name="새봄", access_needs="휠체어",
                               **consent.record(clock, cfg, ["entry", "contact"]))  # fmt: skip
    assert refused.value.field == "access_needs" and "민감정보" in refused.value.ko
    assert attendees.count(ef) == 0  # nothing stored
    # refusing (b) and (c) still registers the person with the required fields
    a = attendees.add_attendee(ef, clock, display_name="새봄", category="defector", **only_entry)
    assert list(_answers(ef, a.id)) == ["entry"] and a.phone == ""
    assert (a.consent_at, a.consent_version) == (clock.now_ms(), consent.VERSION)
    # and an edit cannot add the field later either
    with pytest.raises(errors.InvalidInput):
        attendees.update(ef, clock, a.id, {"email": "a@example.org"})
    assert attendees.get(ef, a.id).email == ""
    # once they agree, it is stored with the time and version of that answer
    agreed = consent.record(clock, cfg, ["entry", "contact"])
    b = attendees.update(ef, clock, a.id, {"email": "a@example.org", **agreed})
    assert b.email == "a@example.org"
    assert _answers(ef, a.id)["contact"] == {"at": clock.now_ms(), "v": "2027-2"}


def test_an_under_14_needs_a_guardian_before_optional_fields(ef, clock) -> None:
    cfg = settings_mod.load(ef)
    everything = ["entry", "contact", "sensitive"]
    with pytest.raises(errors.InvalidInput) as refused:
        attendees.add_attendee(ef, clock, display_name="아름", phone="010-1111-2222",
                               **consent.record(clock, cfg, everything, under_14=True))  # fmt: skip
    assert refused.value.field == "guardian_relation" and "14세" in refused.value.ko
    child = attendees.add_attendee(ef, clock, display_name="아름",
                                   **consent.record(clock, cfg, ["entry"], under_14=True))  # fmt: skip
    assert child.under_14 and child.phone == ""  # registered all the same
    kept = attendees.add_attendee(
        ef, clock, display_name="보람", phone="010-1111-2222",
        **consent.record(clock, cfg, everything, under_14=True, guardian="어머니"),
    )  # fmt: skip
    assert kept.guardian_relation == "어머니" and kept.phone == "010-1111-2222"
    assert _answers(ef, kept.id)["guardian"] == {"at": clock.now_ms(), "by": "어머니"}


def test_changing_an_item_bumps_its_version_and_keeps_who(ef, clock) -> None:
    access = Access.for_file(ef, clock)
    new = consent.set_wording(ef, clock, "연락처 동의", "Contact consent", access, "KJ",
                              item="contact")  # fmt: skip
    items = consent.items(settings_mod.load(ef))
    assert items["contact"] == new and new.version != "2027-2"
    assert items["entry"] == consent.DEFAULT  # the other items unchanged
    who = ef.execute(
        "SELECT operator FROM changes WHERE entity = 'setting' AND entity_id = 'consent'"
    ).fetchall()
    assert who == [("KJ",)]
    a = attendees.add_attendee(ef, clock, display_name="새봄", phone="010-2222-3333",
                               **consent.record(clock, settings_mod.load(ef),
                                                ["entry", "contact"]))  # fmt: skip
    assert _answers(ef, a.id)["contact"]["v"] == new.version


def test_the_old_single_wording_is_read_as_the_entry_item(ef, clock) -> None:
    old = {"ko": "예전 동의문", "en": "Old wording", "version": "2027-1"}
    with ef.write() as conn:  # as an event file from before consent came in parts holds it
        conn.execute(
            "INSERT INTO settings (key, value, hlc, station_id) VALUES ('consent', ?, 0, '')",
            (json.dumps(old),),
        )
    items = consent.items(settings_mod.load(ef))
    assert items["entry"].to_json() == old and items["contact"] == consent.DEFAULTS["contact"]
    # an attendee who agreed to it through the older fields answered item (a)
    a = attendees.add_attendee(ef, clock, display_name="새봄", **consent.given(clock, "2027-1"))
    assert consent.answers(a) == {"entry": {"at": clock.now_ms(), "v": "2027-1"}}


def test_answers_survive_a_reopen_and_a_rebuild_from_the_log(tmp_path, clock) -> None:
    path = tmp_path / "e.db"
    ef = event.create_event(path, name="t", date="2027-07-14", clock=clock)
    a = attendees.add_attendee(ef, clock, display_name="새봄", access_needs="휠체어",
                               **consent.record(clock, settings_mod.load(ef),
                                                ["entry", "sensitive"]))  # fmt: skip
    with ef.write() as conn:
        attendees.materialize(conn, [a.id])
    assert attendees.get(ef, a.id) == a
    ef.close()


@pytest.fixture
def event_path(tmp_path, capsys):
    path = tmp_path / "ev.checkin"
    assert main(["init", str(path), "--event-name", "t", "--date", "2027-07-14",
                 "--no-encryption"]) == 0  # fmt: skip
    capsys.readouterr()
    return path


def _run(capsys, *argv) -> tuple[int, dict]:
    code = main([str(a) for a in argv] + ["--json"])
    lines = [line for line in capsys.readouterr().out.splitlines() if line.strip()]
    return code, json.loads(lines[-1])


def test_cli_add_refuses_a_phone_without_the_contact_consent(capsys, event_path) -> None:
    code, refused = _run(capsys, "add", event_path, "--name", "새봄", "--consent",
                         "--phone", "010-1234-5678")  # fmt: skip
    assert code == 1 and refused["field"] == "phone"
    assert "--consent-contact" in refused["message"]
    code, shown = _run(capsys, "stats", event_path)
    assert shown["stats"]["expected"] == 0
    code, added = _run(capsys, "add", event_path, "--name", "새봄", "--consent",
                       "--consent-contact", "--phone", "010-1234-5678")  # fmt: skip
    assert code == 0 and added["attendee"]["phone"] == "010-1234-5678"
    assert set(json.loads(added["attendee"]["consents"])) == {"entry", "contact"}
    code, refused = _run(capsys, "add", event_path, "--name", "가람", "--consent",
                         "--consent-contact", "--access-needs", "휠체어")  # fmt: skip
    assert code == 1 and refused["field"] == "access_needs"
    assert "--consent-sensitive" in refused["message"]
    code, kid = _run(capsys, "add", event_path, "--name", "아름", "--consent",
                     "--consent-contact", "--under-14", "--phone", "010-5555-6666")  # fmt: skip
    assert code == 1 and kid["field"] == "guardian_relation" and "--guardian" in kid["message"]
    code, kid = _run(capsys, "add", event_path, "--name", "아름", "--consent",
                     "--consent-contact", "--under-14", "--guardian", "아버지",
                     "--phone", "010-5555-6666")  # fmt: skip
    assert code == 0 and kid["attendee"]["under_14"] is True
    assert kid["attendee"]["guardian_relation"] == "아버지"


def test_cli_consent_shows_and_sets_each_item(capsys, event_path, tmp_path) -> None:
    code, shown = _run(capsys, "consent", event_path, "--item", "sensitive")
    assert code == 0 and shown["item"] == "sensitive" and shown["required"] is False
    assert shown["consent"]["ko"] == consent.SENSITIVE_KO
    (tmp_path / "ko.txt").write_text("민감정보 동의", encoding="utf-8")
    (tmp_path / "en.txt").write_text("Sensitive consent", encoding="utf-8")
    code, set_ = _run(capsys, "consent", event_path, "--item", "sensitive", "--ko-file",
                      tmp_path / "ko.txt", "--en-file", tmp_path / "en.txt")  # fmt: skip
    assert code == 0 and set_["consent"]["version"] != "2027-2"
    code, entry = _run(capsys, "consent", event_path)
    assert entry["consent"]["version"] == consent.VERSION  # item (a) unchanged


def test_import_maps_consent_columns_and_reports_dropped_rows(ef, clock, tmp_path) -> None:
    from checkin.lists import importer

    src = tmp_path / "people.csv"
    src.write_text(
        "이름,전화번호,편의지원,연락처 동의,민감정보 동의\n"
        "김하나,010-1111-2222,휠체어,동의,동의\n"
        "이둘,010-3333-4444,통역,미동의,동의\n"
        "박셋,010-5555-6666,,,\n",
        encoding="utf-8",
    )
    plan = importer.plan_import(ef, src)
    assert plan.ok, [i.to_json() for i in plan.issues]
    assert {c.field for c in plan.columns} >= {"consent_contact", "consent_sensitive"}
    assert plan.summary()["optional_fields_dropped"] == 2
    importer.apply_plan(ef, clock, plan)
    got = {a.display_name: a for a in attendees.iter_all(ef)}
    assert (got["김하나"].phone, got["김하나"].access_needs) == ("010-1111-2222", "휠체어")
    assert (got["이둘"].phone, got["이둘"].access_needs) == ("", "통역")
    assert got["박셋"].phone == ""
    assert set(consent.answers(got["김하나"])) == {"entry", "contact", "sensitive"}
    assert consent.answers(got["이둘"])["sensitive"] == {"at": clock.now_ms(), "v": "2027-2"}
    assert set(consent.answers(got["박셋"])) == {"entry"}
