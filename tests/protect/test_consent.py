"""The consent wording volunteers read out: the app's default, or the organizer's own
privacy notice as an event setting, versioned with every consent given."""

from __future__ import annotations

import json

import pytest

from checkin import errors
from checkin.cli import main
from checkin.event import settings as settings_mod
from checkin.people import attendees
from checkin.protect import consent
from checkin.protect import pin as pin_mod
from checkin.protect.access import Access


def test_the_default_wording_until_the_organizer_sets_one(ef, clock) -> None:
    assert consent.wording(settings_mod.load(ef)) == consent.DEFAULT
    access = Access.for_file(ef, clock)
    new = consent.set_wording(ef, clock, " 새 동의문 ", "New wording", access, operator="KJ")
    assert (new.ko, new.en) == ("새 동의문", "New wording") and new.version != consent.VERSION
    assert consent.wording(settings_mod.load(ef)) == new
    changed = ef.execute(
        "SELECT operator FROM changes WHERE entity = 'setting' AND entity_id = 'consent'"
    ).fetchall()
    assert changed == [("KJ",)]  # through the change log: it syncs like other settings
    again = consent.set_wording(ef, clock, "새 동의문", "New wording", access)
    assert again.version == new.version  # the same text keeps its version (same day)
    assert consent.reset_wording(ef, clock, access) == consent.DEFAULT


def test_only_the_organizer_changes_it_and_bad_wording_changes_nothing(ef, clock) -> None:
    pin_mod.set_pin(ef, clock, "24680")
    someone = Access.for_file(ef, clock)
    with pytest.raises(errors.OrganizerRequired):
        consent.set_wording(ef, clock, "가", "a", someone)
    organizer = Access.for_file(ef, clock)
    assert organizer.elevate(ef, "24680").ok
    for ko, en in (("", "a"), ("가", "   "), ("가" * 2001, "a")):
        with pytest.raises(errors.InvalidInput):
            consent.set_wording(ef, clock, ko, en, organizer)
    assert consent.wording(settings_mod.load(ef)) == consent.DEFAULT
    with pytest.raises(errors.InvalidInput):
        settings_mod.update(ef, clock, {"consent": {"ko": "가"}})  # no English, no version


def test_consent_given_records_the_version_read_out(ef, clock) -> None:
    new = consent.set_wording(ef, clock, "가", "a", Access.for_file(ef, clock))
    a = attendees.add_attendee(ef, clock, display_name="새봄", **consent.given(clock, new.version))
    assert (a.consent_at, a.consent_version) == (clock.now_ms(), new.version)


def test_cli_shows_sets_and_resets_the_wording(capsys, tmp_path, monkeypatch) -> None:
    path = tmp_path / "ev.checkin"
    assert main(["init", str(path), "--event-name", "t", "--date", "2027-07-14",
                 "--no-encryption"]) == 0  # fmt: skip
    capsys.readouterr()
    assert main(["consent", str(path), "--lang", "en"]) == 0
    assert consent.TEXT_EN in capsys.readouterr().out
    (tmp_path / "ko.txt").write_text("\ufeff우리 방침에 동의합니다.\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text("I agree to our notice.\n", encoding="utf-8")
    assert main(["consent", str(path), "--ko-file", str(tmp_path / "ko.txt"),
                 "--en-file", str(tmp_path / "en.txt"), "--json"]) == 0  # fmt: skip
    data = json.loads(capsys.readouterr().out)
    assert data["consent"]["ko"] == "우리 방침에 동의합니다." and data["changed"]
    assert main(["add", str(path), "--name", "새봄", "--consent", "--json"]) == 0
    added = json.loads(capsys.readouterr().out)
    assert added["attendee"]["consent_version"] == data["consent"]["version"]
    # only one language: refused, nothing changed
    assert main(["consent", str(path), "--ko-file", str(tmp_path / "ko.txt"), "--json"]) == 1
    capsys.readouterr()
    assert main(["consent", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["consent"]["version"] == data["consent"]["version"]
    assert main(["consent", str(path), "--reset", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["consent"]["version"] == consent.VERSION
