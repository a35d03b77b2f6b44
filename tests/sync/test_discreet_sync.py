"""Discreet categories and the leave message are settings like the others: only the
organizer's station changes them, and a sync carries them to every station."""

from __future__ import annotations

import pytest

from checkin import errors
from checkin.badges import discreet
from checkin.badges import service as badges
from checkin.event import settings as settings_mod
from checkin.sync import bundle


def exchange(clock, tmp_path, sender, receiver, name):
    path = tmp_path / name
    bundle.export_bundle(sender, path, clock)
    return bundle.import_bundle(receiver, path, clock)


def test_only_the_organizer_sets_them_and_they_sync(stations, tmp_path) -> None:
    clock = stations.clock
    desk = stations.add("desk", "Desk")
    with pytest.raises(errors.NotAllowed):
        discreet.set_categories(desk, clock, ["defector"])
    with pytest.raises(errors.NotAllowed):
        discreet.set_leave_message(desk, clock, "가세요", "Bye")
    clock.advance(1000)
    discreet.set_categories(stations.org, clock, ["defector", "family"])
    discreet.set_leave_message(stations.org, clock, "명찰을 가방에", "Badge in the bag")
    exchange(clock, tmp_path, stations.org, desk, "o.ckbundle")
    cfg = settings_mod.load(desk)
    assert discreet.categories(cfg) == {"defector", "family"}
    assert discreet.leave_message(cfg) == ("명찰을 가방에", "Badge in the bag")
    defector = next(p for p in stations.people if p.category == "defector")
    assert badges.badge_data(desk, [defector], cfg)[0].discreet
