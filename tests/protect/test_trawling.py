"""Trawling alerts: many searches or detail views at one desk in a short time, or
registration numbers opened one after another, raise an alert in the audit log."""

from __future__ import annotations

import pytest

from checkin import errors
from checkin.event import settings as settings_mod
from checkin.people import attendees
from checkin.protect import audit
from checkin.protect.access import Access
from consents import all_agreed


def alerts(ef):
    return [e for e in audit.entries(ef, Access.for_file(ef)) if e.action == audit.ALERT]


@pytest.fixture
def crowd(ef, clock):
    return attendees.add_attendees(ef, clock, all_agreed([{"display_name": f"참가자{i:02d}",
                                                "phone": f"010-1234-{i:04d}"} for i in range(30)]))  # fmt: skip


def test_many_searches_in_a_short_time_raise_one_alert(ef, clock, crowd) -> None:
    settings_mod.update(ef, clock, {"trawl_alert": {"searches": 10, "minutes": 5}})
    for _ in range(9):
        attendees.search_attendees(ef, clock, "참가", operator="KJ")
        clock.advance(20_000)
    assert alerts(ef) == []  # nine: not yet
    attendees.search_attendees(ef, clock, "참가", operator="KJ")
    found = alerts(ef)
    assert len(found) == 1
    assert found[0].detail == {"kind": "trawling", "searches": 10, "seconds": 300}
    assert found[0].operator == "KJ"
    assert "5분 동안 10번" in found[0].describe("ko")
    for _ in range(5):  # more in the same window: still one alert
        attendees.search_attendees(ef, clock, "참가")
    assert len(alerts(ef)) == 1


def test_a_slow_pace_raises_nothing(ef, clock, crowd) -> None:
    settings_mod.update(ef, clock, {"trawl_alert": {"searches": 10, "minutes": 5}})
    for _ in range(30):
        attendees.search_attendees(ef, clock, "참가")
        clock.advance(60_000)  # one a minute: five in any five minutes
    assert alerts(ef) == []


def test_registration_numbers_opened_in_sequence(ef, clock, crowd) -> None:
    for person in crowd[3:8]:  # DD-0004 .. DD-0008, one after another
        attendees.view_detail(ef, clock, person.reg_no)
        clock.advance(90_000)
    found = alerts(ef)
    assert [e.detail for e in found] == [{"kind": "sequence", "rows": 5}]
    assert "등록번호 순서대로 조회" in found[0].describe("ko")


def test_views_out_of_order_are_not_a_sequence(ef, clock, crowd) -> None:
    for i in (3, 9, 4, 20, 11, 5):
        attendees.view_detail(ef, clock, crowd[i].reg_no)
        clock.advance(90_000)
    assert alerts(ef) == []


def test_alerts_hold_no_personal_data(ef, clock, crowd) -> None:
    settings_mod.update(ef, clock, {"trawl_alert": {"searches": 5, "minutes": 1, "sequence": 3}})
    for person in crowd[:6]:
        attendees.view_detail(ef, clock, person.reg_no)
    text = " ".join(str(e.to_json()) for e in alerts(ef))
    assert alerts(ef) and all(p.display_name not in text and p.phone not in text for p in crowd)


def test_thresholds_are_checked(ef, clock) -> None:
    for bad in ({"searches": 0}, {"minutes": "5"}, {"other": 1}, [], {"sequence": 2}):
        with pytest.raises(errors.InvalidInput):
            settings_mod.update(ef, clock, {"trawl_alert": bad})
