"""Smaller robustness points (issue 21): invisible names, length caps, no-personal kiosks."""

from __future__ import annotations

import pytest

from checkin.errors import InvalidInput
from checkin.event import identity as event
from checkin.event import settings as settings_mod
from checkin.people import attendees
from checkin.sync import bundle
from consents import agreed, everything


@pytest.mark.parametrize(
    "name",
    ["\u202e", "\u200b\u200b", "\u202e\u200d\u2066\ufeff", " \u200f \u061c "],
    ids=["rtl-override", "zero-width", "mixed", "marks-and-spaces"],
)
def test_a_display_name_of_only_invisible_characters_is_refused(stations, name) -> None:
    with pytest.raises(InvalidInput) as info:
        attendees.add_attendee(stations.org, stations.clock, display_name=name)
    assert "display name" in info.value.en.lower() and "표시 이름" in info.value.ko


def test_bidi_controls_are_stripped_from_names_and_fields(stations) -> None:
    person = attendees.add_attendee(
        stations.org, stations.clock, display_name="김\u202e민수\u200b",
        organization="\u2067통일\u2069부", consents=everything(),
    )  # fmt: skip
    assert person.display_name == "김민수"
    assert person.organization == "통일부"
    assert event.clean_station_name("\u202e2번 출입구") == "2번 출입구"


def test_a_ten_thousand_character_event_name_is_refused(stations) -> None:
    before = settings_mod.load(stations.org).name
    for key in ("name", "name_en", "venue"):
        with pytest.raises(InvalidInput) as info:
            settings_mod.update(stations.org, stations.clock, {key: "가" * 10_000})
        assert "120" in info.value.en and "120" in info.value.ko
    with pytest.raises(InvalidInput):
        settings_mod.update(
            stations.org, stations.clock, {"lists": [{"id": "main", "ko": "x" * 10_000, "en": "x"}]}
        )
    assert settings_mod.load(stations.org).name == before
    with pytest.raises(InvalidInput):
        event.create_event(stations.root / "long.checkin", name="x" * 10_000, clock=stations.clock)
    assert not (stations.root / "long.checkin").exists()
    with pytest.raises(InvalidInput):
        attendees.add_attendee(stations.org, stations.clock, display_name="이" * 10_000)


def test_a_no_personal_station_holds_no_organization(stations, tmp_path) -> None:
    attendees.add_attendee(
        stations.org,
        stations.clock,
        display_name="박소속",
        organization="비밀단체협의회",
        consents=everything(),
    )
    gate = stations.add("gate", "Gate", role="scan-only", personal=False)
    rows = gate.conn.execute("SELECT organization FROM attendees").fetchall()
    assert rows and all(r[0] == "" for r in rows)
    # and what arrives later by sync is stripped on the way in
    stations.clock.advance(1000)
    attendees.add_attendee(
        stations.org,
        stations.clock,
        display_name="늦은 손님",
        organization="두번째협회",
        consents=everything(),
    )
    path = tmp_path / "o.ckbundle"
    bundle.export_bundle(stations.org, path, stations.clock)
    bundle.import_bundle(gate, path, stations.clock)
    assert all(r[0] == "" for r in gate.conn.execute("SELECT organization FROM attendees"))
    gate_path = gate.path
    gate.close()
    del stations.files["gate"]
    raw = gate_path.read_bytes()
    assert "비밀단체협의회".encode() not in raw and "두번째협회".encode() not in raw


def test_a_long_event_name_stored_elsewhere_is_bounded_when_used(stations) -> None:
    """A name written around the checks (an old file, a hand-made synced change)."""
    import json

    with stations.org.write() as conn:
        conn.execute(
            "UPDATE settings SET value = ? WHERE key = 'name'", (json.dumps("가" * 10_000),)
        )
    assert len(settings_mod.load(stations.org).name) == settings_mod.MAX_NAME_CHARS


def test_text_arriving_by_sync_is_cleaned_as_typed_text_is(stations, tmp_path) -> None:
    """A change written around the checks here (another version, a hand-made change,
    an older file) carries bidi controls and zero-width characters; the station that
    receives it stores what typing it would have stored, and a name of only those
    shows as the registration number, never blank or reversed."""
    import json

    org, clock = stations.org, stations.clock
    desk = stations.add("desk", "안내")
    clock.advance(1000)
    shown = attendees.add_attendee(
        org, clock, **agreed({"display_name": "최수정", "organization": "협회"})
    )
    blank = attendees.add_attendee(org, clock, display_name="임시")
    raw = {
        shown.id: {"display_name": "\u202e최\u200b수정", "organization": "\u2067협\u2069회  ",
                   "notes": "첫 줄\u202e\r\n둘째 줄", "phone": "010\u200d-1111-2222"},
        blank.id: {"display_name": "\u202e\u200b\u2066\ufeff"},
    }  # fmt: skip
    with org.write() as conn:  # as another program wrote them into the log
        for attendee_id, values in raw.items():
            stored = json.loads(conn.execute(
                "SELECT fields FROM changes WHERE entity = 'attendee' AND entity_id = ?",
                (attendee_id,),
            ).fetchone()[0])  # fmt: skip
            conn.execute(
                "UPDATE changes SET fields = ? WHERE entity = 'attendee' AND entity_id = ?",
                (json.dumps({**stored, **values}, ensure_ascii=False), attendee_id),
            )
        conn.execute(
            "UPDATE stations SET name = ? WHERE station_id = (SELECT station_id FROM local)",
            ("\u202e본\u200b부",),
        )
    path = tmp_path / "o.ckbundle"
    bundle.export_bundle(org, path, clock)
    bundle.import_bundle(desk, path, clock)
    got = attendees.get(desk, shown.id)
    assert got.display_name == "최수정"
    assert got.organization == "협회"
    assert got.notes == "첫 줄\n둘째 줄"
    assert got.phone == "010-1111-2222"
    assert attendees.get(desk, blank.id).display_name == blank.reg_no
    found = [h.attendee.id for h in attendees.search_attendees(desk, clock, "최수정")]
    assert found == [shown.id]  # found as typed: the search index has it clean
    org_id = org.conn.execute("SELECT station_id FROM local").fetchone()[0]
    (name,) = desk.conn.execute(
        "SELECT name FROM stations WHERE station_id = ?", (org_id,)
    ).fetchone()
    assert name == "본부"
    hidden = ("\u202e", "\u200b", "\u2066", "\u2067", "\u2069", "\ufeff", "\u200d")
    for row in desk.conn.execute("SELECT display_name, organization, notes, phone FROM attendees"):
        assert not any(ch in value for value in row for ch in hidden), row
    # an event name synced the same way is cleaned where it is used
    with org.write() as conn:
        conn.execute("UPDATE settings SET value = ? WHERE key = 'name'",
                     (json.dumps("\u202e북한이탈주민의\u200b 날"),))  # fmt: skip
    assert settings_mod.load(org).name == "북한이탈주민의 날"
