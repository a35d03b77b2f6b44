"""The report's walk-ins: registered on the day at a desk, not a morning import."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from checkin.lists import importer, report
from checkin.people import attendees
from checkin.sync import bundle


def test_walk_ins_are_the_desks_registrations_not_the_morning_import(stations, tmp_path):
    clock = stations.clock
    day = dt.datetime(2027, 7, 14, 8, 0, tzinfo=ZoneInfo("Asia/Seoul"))  # the event's date
    clock.set(int(day.timestamp() * 1000))
    org = stations.org
    csv = tmp_path / "list.csv"
    csv.write_text(
        "이름,구분\n" + "".join(f"참가자{i:02d},defector\n" for i in range(40)), encoding="utf-8"
    )
    plan, result = importer.import_file(org, clock, csv)
    assert plan.ok and result is not None
    assert report.collect(org).expected == 44  # and the 4 people of the fixture
    assert report.collect(org).walk_ins == 0  # the morning import is not 44 walk-ins
    desk = stations.add("desk", "접수 1", role="desk")
    clock.advance(3 * 3600_000)
    attendees.add_attendee(desk, clock, display_name="현장손님", category="defector")
    attendees.add_attendee(desk, clock, display_name="Walk In", category="press")
    out = tmp_path / "desk.ckbundle"
    bundle.export_bundle(desk, out, clock)
    bundle.import_bundle(org, out, clock)
    data = report.collect(org)
    assert data.expected == 46 and data.walk_ins == 2
