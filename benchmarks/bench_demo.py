"""``checkin demo`` benchmark: building a synthetic event of many attendees.

Runs ``checkin demo FILE --attendees N`` as its own process (the command a person
types) and prints its time and peak memory, next to a floor measured in the same run:
SQLite alone writing the same rows (attendees, change log, search terms, check-ins,
attendance) into a fresh event file of the same schema, by ``INSERT ... SELECT`` from
the built file (no Python per row). The ratio is the price of the Python around it:
generating, validating, computing search terms, encoding the log.

Target (issue 18): ``checkin demo --attendees 1000000`` < 60 s.

The machine is shared and has 2 cores: compare the ratio within one run.
``--profile`` builds the event inside this process under cProfile instead and prints
where the time goes (slower than the plain run: the profiler's own cost).

Usage: python benchmarks/bench_demo.py [--attendees 100000] [--dir DIR] [--profile]
       [--keep FILE]
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import checkin
from checkin.db.eventfile import open_event_file
from checkin.event import identity as event_mod

TABLES = ("attendees", "changes", "search_terms", "checkins", "attendance")


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_demo(path: Path, count: int) -> tuple[float, float, float]:
    """Seconds (wall, CPU) and peak resident MB of ``checkin demo`` in its own process."""
    env = dict(os.environ)
    code = str(Path(checkin.__file__).resolve().parents[1])  # the checkout measured
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [code, env.get("PYTHONPATH")]))
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    cpu = _children_cpu()
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-c", "import sys; from checkin.cli import main; sys.exit(main())",
         "demo", str(path), "--attendees", str(count), "--seed", "1"],
        check=True, env=env, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, _children_cpu() - cpu, max(peak, before) / 1024


def sqlite_floor(built: Path, directory: Path) -> tuple[float, float, dict[str, int]]:
    """Seconds (wall, CPU) for SQLite to write the built event's rows into a fresh file."""
    fresh = directory / "floor.checkin"
    event_mod.create_event(fresh, name="floor", date="2027-07-14").close()
    counts = {}
    with open_event_file(fresh) as ef:
        conn = ef.conn
        conn.execute("ATTACH DATABASE ? AS src", (str(built),))
        start, cpu = time.perf_counter(), time.process_time()
        conn.execute("BEGIN IMMEDIATE")
        for table in TABLES:
            columns = ", ".join(r[1] for r in conn.execute(f"PRAGMA main.table_info({table})"))
            conn.execute(f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM src.{table}")
        conn.execute("COMMIT")
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        for table in TABLES:
            counts[table] = conn.execute(f"SELECT count(*) FROM main.{table}").fetchone()[0]
        conn.execute("DETACH DATABASE src")
    return seconds, cpu, counts


def profile_build(path: Path, count: int) -> None:
    from checkin.door import demo

    profiler = cProfile.Profile()
    start = time.perf_counter()
    profiler.enable()
    demo.build_demo(path, count, seed=1).close()
    profiler.disable()
    print(f"demo event of {count:,} attendees under the profiler: "
          f"{time.perf_counter() - start:.1f} s")  # fmt: skip
    stats = pstats.Stats(profiler).strip_dirs()
    stats.sort_stats("cumulative").print_stats(30)
    stats.sort_stats("tottime").print_stats(20)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--attendees", type=int, default=100_000)
    parser.add_argument("--dir", type=Path, help="where to build the event (default: a temp dir)")
    parser.add_argument("--profile", action="store_true", help="profile the build instead")
    parser.add_argument("--keep", type=Path, help="keep the built event file here (e.g. for "
                        "benchmarks/bench_search.py --file)")  # fmt: skip
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        directory = Path(tmp)
        path = directory / "demo.checkin"
        if args.profile:
            profile_build(path, args.attendees)
            return
        seconds, cpu, peak = run_demo(path, args.attendees)
        floor, floor_cpu, counts = sqlite_floor(path, directory)
        size = path.stat().st_size / 1e6
        rows = ", ".join(f"{t} {n:,}" for t, n in counts.items())
        print(f"rows written: {rows}; event file {size:.0f} MB")
        print(f"SQLite floor (INSERT ... SELECT of the same rows, fresh file): {floor:.1f} s "
              f"(CPU {floor_cpu:.1f} s)")  # fmt: skip
        target = " (target < 60 s)" if args.attendees == 1_000_000 else ""
        print(f"checkin demo --attendees {args.attendees:,}: {seconds:.1f} s{target} "
              f"(CPU {cpu:.1f} s), {seconds / floor:.1f}x the floor "
              f"(CPU {cpu / floor_cpu:.1f}x); peak memory {peak:.0f} MB")  # fmt: skip
        print("(a shared machine: wall time includes waiting for a core, CPU time does not)")
        if args.keep:
            shutil.move(path, args.keep)


if __name__ == "__main__":
    main()
