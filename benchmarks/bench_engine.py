"""Engine benchmark: scans and searches at 100,000 attendees.

Builds a 100,000-attendee event with 100,000 prior check-ins, then prints:

- ``checkin demo`` time for 100,000 attendees (target < 15 s);
- scan latency (verify + look up + durable commit), median and p99, next to the bare
  durable SQLite commit on the same disk, and their ratio (target median <= 3x the
  commit, p99 < 5 ms); also the engine's own time with fsync switched off;
- search latency over a mix of Hangul, 초성, half-typed, romanized, phone and
  registration-number queries (target median < 5 ms, p99 < 20 ms);
- peak memory.

Usage: python benchmarks/bench_engine.py [--attendees 100000] [--scans 2000] [--dir DIR]
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import tempfile
import time
from pathlib import Path

from checkin.clock import SYSTEM_CLOCK
from checkin.db.eventfile import open_event_file
from checkin.door import demo
from checkin.door.engine import _INSERT_CHECKIN, CheckinEngine
from checkin.event import identity as event
from checkin.event.settings import update as update_settings
from checkin.ids import uuid7
from checkin.people import attendees, hangul, search


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.3f} ms"


def add_prior_checkins(path: Path, count: int, rng: random.Random) -> list[str]:
    """``count`` check-in log rows (entries, exits, a second list); returns ids still out."""
    with open_event_file(path) as ef:
        update_settings(ef, SYSTEM_CLOCK, {"lists": [
            {"id": "main", "ko": "본 행사장", "en": "Main hall"},
            {"id": "lunch", "ko": "점심", "en": "Lunch"},
        ]})  # fmt: skip
        ids = [r[0] for r in ef.conn.execute("SELECT id FROM attendees")]
        rng.shuffle(ids)
        entered = ids[: int(count * 0.6)]
        exited = entered[: int(count * 0.2)]
        lunch = ids[: count - len(entered) - len(exited)]
        station = event.info(ef).station
        now = SYSTEM_CLOCK.now_ms() - 3_600_000
        rows = []
        seq = ef.conn.execute("SELECT seq FROM local").fetchone()[0]
        for action, list_id, group in (("entry", "main", entered), ("exit", "main", exited),
                                       ("entry", "lunch", lunch)):  # fmt: skip
            for attendee_id in group:
                seq += 1
                now += 10
                rows.append(
                    (uuid7(now), station.station_id, seq, now << 16, now, station.name, attendee_id,
                     list_id, action, None, "scan", 1, "", "")
                )  # fmt: skip
        with ef.write() as conn:
            conn.executemany(_INSERT_CHECKIN, rows)
            conn.execute("UPDATE local SET seq = ?, hlc = max(hlc, ?)", (seq, (now << 16) + 1))
            conn.executemany(
                "INSERT INTO attendance (attendee_id, list, inside, entries, exits, first_in_at, "
                "first_in_station, last_in_id, last_in_at, last_in_station, last_at) "
                "VALUES (?, ?, 1, 1, 0, ?, ?, ?, ?, ?, ?)",
                [(r[6], r[7], r[4], r[5], r[0], r[4], r[5], r[4]) for r in rows if r[8] == "entry"],
            )
            conn.executemany(
                "UPDATE attendance SET inside = 0, exits = 1, last_at = ? WHERE attendee_id = ? "
                "AND list = ?",
                [(r[4], r[6], r[7]) for r in rows if r[8] == "exit"],
            )
        checked = ef.conn.execute("SELECT count(*) FROM checkins").fetchone()[0]
        print(f"prior check-in rows: {checked:,}")
        return ids[len(entered) :]


def bare_commit_latency(directory: Path, n: int) -> list[float]:
    from checkin.db.eventfile import _driver

    path = directory / "floor.db"
    conn = _driver.connect(str(path), isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    times = []
    for i in range(n):
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO t (v) VALUES (?)", (f"row {i}",))
        conn.execute("COMMIT")
        times.append(time.perf_counter() - start)
    conn.close()
    return times


def scan_latency(
    path: Path, codes: list[str], synchronous: str = "FULL"
) -> tuple[list[float], int]:
    with open_event_file(path) as ef:
        ef.conn.execute(f"PRAGMA synchronous = {synchronous}")
        engine = CheckinEngine(ef)
        times = []
        ok = 0
        for code in codes:
            start = time.perf_counter()
            result = engine.scan(code, station="bench")
            times.append(time.perf_counter() - start)
            ok += result.ok
    return times, ok


def search_queries(path: Path, rng: random.Random, n: int) -> list[str]:
    with open_event_file(path) as ef:
        people = rng.sample(list(attendees.iter_all(ef)), n)
    queries = []
    for i, p in enumerate(people):
        name = p.full_name or p.display_name
        kind = i % 7
        if kind == 0:
            queries.append(name)  # whole name
        elif kind == 1:
            queries.append(name[:2])  # first syllables (search as you type)
        elif kind == 2 and hangul.has_syllable(name):
            queries.append(hangul.chosung(name))  # 초성
        elif kind == 3 and hangul.has_syllable(name):
            queries.append(hangul.romanize(name[:1]) + " " + hangul.romanize(name[1:]))
        elif kind == 4 and p.phone:
            queries.append(p.phone[-4:])
        elif kind == 5:
            queries.append(p.reg_no)
        else:
            queries.append(hangul.jamo(name)[:4] if hangul.has_syllable(name) else name[:3])
    return queries


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--attendees", type=int, default=100_000)
    parser.add_argument("--scans", type=int, default=2000)
    parser.add_argument("--searches", type=int, default=2000)
    parser.add_argument("--dir", type=Path, help="where to build the event (default: a temp dir)")
    args = parser.parse_args()
    rng = random.Random(2027)
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        directory = Path(tmp)
        path = directory / "bench.db"
        started = time.perf_counter()
        demo.build_demo(path, args.attendees, checked_in_share=0.0, seed=1).close()
        build_s = time.perf_counter() - started
        print(f"demo event with {args.attendees:,} attendees: {build_s:.2f} s (target < 15 s)")
        outside = add_prior_checkins(path, args.attendees, rng)

        with open_event_file(path) as ef:
            signer = event.signer(ef)
            fresh = [signer.code(a, 1) for a in outside[: args.scans]]
            again = [signer.code(a, 1) for a in outside[: args.scans // 2]]

        floor = bare_commit_latency(directory, args.scans)
        times, ok = scan_latency(path, fresh)
        repeat, _ = scan_latency(path, again)  # already_in: also a durable write (the attempt)
        cpu_codes = [signer.code(a, 1) for a in outside[args.scans : args.scans * 2]]
        cpu_times, _ = scan_latency(path, cpu_codes, synchronous="OFF")

        floor_med, scan_med = statistics.median(floor), statistics.median(times)
        print(f"bare durable commit (WAL, synchronous=FULL): median {ms(floor_med)}, "
              f"p99 {ms(percentile(floor, 0.99))}")  # fmt: skip
        print(f"scan ok ({ok:,} admitted, durable):          median {ms(scan_med)}, "
              f"p99 {ms(percentile(times, 0.99))}  (target p99 < 5 ms)")  # fmt: skip
        print(f"scan already_in (durable):                 median {ms(statistics.median(repeat))}, "
              f"p99 {ms(percentile(repeat, 0.99))}")  # fmt: skip
        print(f"scan engine time, fsync off:               median {ms(statistics.median(cpu_times))}, "
              f"p99 {ms(percentile(cpu_times, 0.99))}")  # fmt: skip
        print(f"ratio scan median / commit median: {scan_med / floor_med:.2f}x (target <= 3x)")

        queries = search_queries(path, rng, args.searches)
        with open_event_file(path) as ef:
            search_times = []
            empty = 0
            for q in queries:
                start = time.perf_counter()
                hits = search.search(ef.conn, q)
                search_times.append(time.perf_counter() - start)
                empty += not hits
        print(f"search ({len(queries):,} queries: names, prefixes, 초성, romanized, phone, reg no): "
              f"median {ms(statistics.median(search_times))}, p99 {ms(percentile(search_times, 0.99))} "
              f"(target median < 5 ms, p99 < 20 ms); {empty} with no hit")  # fmt: skip
        print(f"event file size: {path.stat().st_size / 1e6:.1f} MB")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak:.0f} MB")


if __name__ == "__main__":
    main()
