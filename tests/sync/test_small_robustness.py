"""Smaller robustness points (issue 21): invisible names, length caps, no-personal kiosks."""

from __future__ import annotations

import pytest

from checkin.errors import InvalidInput
from checkin.event import identity as event
from checkin.event import settings as settings_mod
from checkin.people import attendees
from checkin.sync import bundle
from consents import everything


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
