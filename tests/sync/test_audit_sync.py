"""The audit log travels with sync: the organizer sees what happened at every station."""

from __future__ import annotations

from checkin.people import attendees
from checkin.protect import audit
from checkin.protect import pin as pin_mod
from checkin.protect.access import Access
from checkin.sync import bundle, hub


def _actions(ef, clock, unlock_code=""):
    access = Access.for_file(ef, clock)
    if unlock_code:  # a scan-only kiosk: the audit log needs its unlock code
        assert access.elevate(ef, unlock_code).ok
    return sorted((e.station_name, e.action) for e in audit.entries(ef, access))


def test_audit_rows_travel_by_bundle(stations, tmp_path) -> None:
    clock = stations.clock
    desk = stations.add("desk", "접수 1")
    attendees.search_attendees(desk, clock, "김민수", operator="KJ")
    attendees.view_detail(desk, clock, stations.people[0].id, operator="KJ")
    pin_mod.check_pin(desk, clock, "0000")
    out = tmp_path / "desk.bundle"
    bundle.export_bundle(desk, out, clock)
    result = bundle.import_bundle(stations.org, out, clock)
    assert result.merge.inserted["audit_log"] == 3
    assert _actions(stations.org, clock) == [
        ("접수 1", "pin_failure"), ("접수 1", "search"), ("접수 1", "view"),
    ]  # fmt: skip
    viewed = audit.entries(stations.org, Access.for_file(stations.org, clock), action="view")
    assert (viewed[0].attendee_id, viewed[0].operator) == (stations.people[0].id, "KJ")
    # the other station's wrong PIN does not lock the organizer's own PIN entry
    assert pin_mod.pin_state(stations.org).failures == 0
    # importing again changes nothing
    bundle.import_bundles(stations.org, [out], clock)
    assert stations.org.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 3


def test_audit_rows_travel_through_the_hub(stations, hub_url) -> None:
    clock = stations.clock
    door = stations.add("door", "정문", role="scan-only", personal=False)
    desk = stations.add("desk", "접수 1")
    attendees.search_attendees(door, clock, "박지수")
    attendees.update(desk, clock, stations.people[1].id, {"notes": "새 메모"}, "KJ")
    for ef in (door, desk, stations.org, door, desk):
        hub.sync_hub(ef, hub_url, clock)
    expected = sorted([("정문", "search"), ("접수 1", "edit")])
    assert _actions(stations.org, clock) == expected
    assert _actions(desk, clock) == expected
    code = stations.unlock_codes["door"]
    assert _actions(door, clock, code) == sorted([*expected, ("정문", "pin_success")])
    edit = audit.entries(stations.org, Access.for_file(stations.org, clock), action="edit")[0]
    assert edit.detail == {"fields": ["notes"]} and "새 메모" not in str(edit.to_json())
