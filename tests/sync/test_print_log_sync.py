"""The print log travels with sync: a badge printed at a desk is "printed" everywhere."""

from __future__ import annotations

from checkin.badges import service as badges
from checkin.sync import bundle


def test_badge_printed_at_a_desk_counts_at_the_organizer(stations, tmp_path) -> None:
    desk = stations.add("desk", "접수 1")
    bundle.import_bundles(
        desk, [_export(stations.org, tmp_path / "org.bundle", stations.clock)], stations.clock
    )
    kim = next(p for p in badges.select(desk) if p.display_name == "김민수")
    badges.record_prints(desk, stations.clock, [kim], layout="cr80", output="printer")
    assert kim.id in {p.id for p in badges.select(stations.org, only_unprinted=True)}

    stations.clock.advance(1000)
    results = bundle.import_bundles(
        stations.org, [_export(desk, tmp_path / "desk.bundle", stations.clock)], stations.clock
    )
    assert not [r for r in results if isinstance(r, Exception)]
    unprinted = {p.id for p in badges.select(stations.org, only_unprinted=True)}
    assert kim.id not in unprinted and len(unprinted) == len(stations.people) - 1
    # importing the same bundle again changes nothing
    bundle.import_bundles(stations.org, [tmp_path / "desk.bundle"], stations.clock)
    assert stations.org.conn.execute("SELECT count(*) FROM print_log").fetchone()[0] == 1


def _export(ef, path, clock):
    bundle.export_bundle(ef, path, clock, full=True)
    return path
