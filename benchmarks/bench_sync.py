"""Sync benchmark: merging bundles, re-importing them, the PostgreSQL hub.

Prints:

- merge of 10 station bundles with 10,000 check-ins each into one file (target < 2 s),
  and the re-import of the same bundles, which changes nothing (target < 0.5 s);
- hub push of 100,000 events from one station and their pull by another;
- hub round trip of a single check-in: scanned at door A, pushed, pulled by door B,
  scanned again at door B (``already_in``) (target < 5 s), median and worst of 20.

The hub is a PostgreSQL server started for the run (Debian's ``postgresql`` binaries,
as in the tests) unless ``--hub URL`` names one. The machine is shared and has 2 cores:
compare figures within one run.

Usage: python benchmarks/bench_sync.py [--stations 10] [--checkins 10000]
       [--hub-events 100000] [--hub postgresql://...] [--dir DIR]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from checkin.clock import FixedClock
from checkin.db.eventfile import open_event_file
from checkin.db.stamps import next_stamps
from checkin.door.engine import _INSERT_CHECKIN, CheckinEngine
from checkin.event import identity as event
from checkin.ids import uuid7
from checkin.models import Status
from checkin.people import attendees
from checkin.sync import bundle, dump, hub, merge, provision

START_MS = 1_815_613_200_000


def fill_checkins(ef, people: list[str], count: int, clock: FixedClock) -> None:
    """``count`` entries and exits at this station, stamped like the engine does."""
    with ef.write() as conn:
        stamps = next_stamps(conn, clock.now_ms(), count)
        rows = []
        for i, stamp in enumerate(stamps):
            at = clock.now_ms() + i * 50
            attendee = people[i % len(people)]
            action = "entry" if (i // len(people)) % 2 == 0 else "exit"
            rows.append(
                (uuid7(at), stamp.station_id, stamp.seq, stamp.hlc, at, stamp.station_name,
                 attendee, "main", action, None, "scan", 1, "", "")
            )  # fmt: skip
        conn.executemany(_INSERT_CHECKIN, rows)
        merge.rebuild_attendance_many(conn, {(r[6], "main") for r in rows})
    clock.advance(count * 50)


def seconds(t: float) -> str:
    return f"{t:.3f} s"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--stations", type=int, default=10)
    parser.add_argument("--checkins", type=int, default=10_000)
    parser.add_argument("--hub-events", type=int, default=100_000)
    parser.add_argument("--hub", help="postgresql://... (default: start a temporary server)")
    parser.add_argument("--round-trips", type=int, default=20)
    parser.add_argument("--dir", help="work folder (default: a temporary one)")
    args = parser.parse_args()
    root = Path(args.dir or tempfile.mkdtemp(prefix="bench-sync-"))
    root.mkdir(parents=True, exist_ok=True)
    clock = FixedClock(START_MS)

    print(f"work folder: {root}")
    t0 = time.perf_counter()
    org = event.create_event(root / "organizer.checkin", clock=clock, station_name="본부")
    people = [
        a.id
        for a in attendees.add_attendees(
            org, clock, [{"display_name": f"참가자{i}"} for i in range(args.checkins)]
        )
    ]
    stations = []
    for i in range(args.stations):
        path = root / f"door{i}.checkin"
        provision.provision(org, path, clock, station_name=f"{i + 1}번 출입구", role="scan-only")
        ef = open_event_file(path)
        fill_checkins(ef, people, args.checkins, clock)
        stations.append(ef)
    receiver_path = root / "receiver.checkin"
    provision.provision(org, receiver_path, clock, station_name="집계", role="desk")
    receiver = open_event_file(receiver_path)
    print(f"setup: {args.stations} stations x {args.checkins} check-ins in "
          f"{seconds(time.perf_counter() - t0)}")  # fmt: skip

    t0 = time.perf_counter()
    paths = []
    for i, ef in enumerate(stations):
        p = root / f"door{i}.ckbundle"
        bundle.export_bundle(ef, p, clock)
        paths.append(p)
    export_s = time.perf_counter() - t0
    size = sum(p.stat().st_size for p in paths) / len(paths) / 1e6
    print(f"export: {len(paths)} bundles in {seconds(export_s)} ({size:.1f} MB each)")

    t0 = time.perf_counter()
    imported = sum(r.imported for r in bundle.import_bundles(receiver, paths, clock))
    merge_s = time.perf_counter() - t0
    print(f"merge {args.stations} x {args.checkins:,} check-ins: {seconds(merge_s)} "
          f"({imported:,} rows; target < 2 s)")  # fmt: skip
    before = dump.digest(receiver.conn)
    t0 = time.perf_counter()
    again = sum(r.imported for r in bundle.import_bundles(receiver, paths, clock))
    noop_s = time.perf_counter() - t0
    assert again == 0 and dump.digest(receiver.conn) == before
    print(f"re-import of the same bundles (no-op): {seconds(noop_s)} (target < 0.5 s)")

    server = None
    url = args.hub
    if url is None:
        sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
        from sync_support import PostgresServer, pg_bindir

        bindir = pg_bindir()
        if bindir is None:
            print("hub: skipped (no PostgreSQL binaries; give --hub URL)")
            return 0
        server = PostgresServer(bindir)
        server.start()
        url = server.new_database()
    try:
        big = stations[0]
        extra = args.hub_events - args.checkins
        if extra > 0:
            fill_checkins(big, people, extra, clock)
        count = big.conn.execute("SELECT count(*) FROM checkins").fetchone()[0]
        t0 = time.perf_counter()
        pushed = hub.sync_hub(big, url, clock, pull=False)
        push_s = time.perf_counter() - t0
        print(f"hub push of {pushed.pushed:,} rows ({count:,} check-ins): {seconds(push_s)} "
              f"({pushed.pushed / push_s:,.0f} rows/s)")  # fmt: skip
        puller = stations[1]
        t0 = time.perf_counter()
        pulled = hub.sync_hub(puller, url, clock, push=False)
        pull_s = time.perf_counter() - t0
        print(f"hub pull of {pulled.pulled:,} rows ({pulled.imported:,} new): {seconds(pull_s)} "
              f"({pulled.pulled / pull_s:,.0f} rows/s)")  # fmt: skip

        door_a, door_b = stations[-2], stations[-1]
        hub.sync_hub(door_a, url, clock)
        hub.sync_hub(door_b, url, clock)
        engine_a, engine_b = CheckinEngine(door_a, clock), CheckinEngine(door_b, clock)
        n = args.round_trips
        # people registered at the organizer after the doors were set up: the doors
        # admit their (signed) badges as not yet synced, the first time
        late = attendees.add_attendees(
            org, clock, [{"display_name": f"늦은 참가자{i}"} for i in range(2 * n)]
        )
        codes = [event.badge_code(org, a.id, 1) for a in late]
        fresh, kept = [], []
        for code in codes[:n]:  # a new connection each time (what the CLI does)
            clock.advance(1000)
            t0 = time.perf_counter()
            assert engine_a.scan(code).ok
            hub.sync_hub(door_a, url, clock, pull=False)
            hub.sync_hub(door_b, url, clock, push=False)
            assert engine_b.scan(code).status is Status.ALREADY_IN
            fresh.append(time.perf_counter() - t0)
        with hub.Hub(url) as hub_a, hub.Hub(url) as hub_b:
            for code in codes[n:]:  # kept connections
                clock.advance(1000)
                t0 = time.perf_counter()
                assert engine_a.scan(code).ok
                hub_a.sync(door_a, clock, pull=False)
                hub_b.sync(door_b, clock, push=False)
                assert engine_b.scan(code).status is Status.ALREADY_IN
                kept.append(time.perf_counter() - t0)
        for label, values in (("new connections", fresh), ("kept connections", kept)):
            print(f"hub round trip, scan at A -> already_in at B ({label}): median "
                  f"{statistics.median(values) * 1000:.0f} ms, worst {max(values) * 1000:.0f} ms "
                  "(target < 5 s; the app adds its pull interval, 3 s by default)")  # fmt: skip
    finally:
        if server is not None:
            server.stop()
    for ef in [org, receiver, *stations]:
        ef.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
