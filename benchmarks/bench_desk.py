"""Registration desk benchmark: the likely-duplicate check at 100,000 attendees.

Builds (or reuses) a demo event of ``--attendees`` synthetic people (common Korean
names, so many share a name or are one jamo apart, the worst case) and times
``checkin.people.duplicates.find`` as the walk-in form calls it: for names already there,
names one jamo off, romanized spellings, new names, and names with a phone number.
Prints median, p99 and max in milliseconds, and how many matches came back.

Usage: python benchmarks/bench_desk.py [--attendees 100000] [--queries 400] [--event FILE]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from checkin.db.eventfile import open_event_file
from checkin.door.demo import build_demo
from checkin.people import duplicates, hangul

TARGET_MS = 50.0  # the form checks while the volunteer types (debounced)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))]


def jamo_typo(rng: random.Random, name: str) -> str:
    """Change one jamo of one syllable (김민수 -> 김민슈)."""
    i = rng.randrange(len(name))
    ch = name[i]
    if not hangul.is_syllable(ch):
        return name + "a"
    code = ord(ch) - hangul.SBASE
    medial = (code % hangul.NCOUNT) // hangul.TCOUNT
    new_medial = (medial + 1) % 21
    new = hangul.SBASE + (code // hangul.NCOUNT) * hangul.NCOUNT + new_medial * hangul.TCOUNT
    new += code % hangul.TCOUNT
    return name[:i] + chr(new) + name[i + 1 :]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--attendees", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--event", help="reuse (or create) this event file")
    args = parser.parse_args()
    path = Path(args.event or Path(tempfile.mkdtemp(prefix="bench-desk-")) / "desk.checkin")
    if path.exists():
        ef = open_event_file(path)
    else:
        start = time.perf_counter()
        ef = build_demo(path, args.attendees, checked_in_share=0.0, seed=5)
        print(f"built {args.attendees:,} attendees in {time.perf_counter() - start:.1f} s")
    rng = random.Random(7)
    rows = ef.execute(
        "SELECT display_name, full_name, phone FROM attendees ORDER BY random() LIMIT ?",
        (args.queries,),
    ).fetchall()
    total = ef.execute("SELECT count(*) FROM attendees").fetchone()[0]
    kinds: dict[str, list[tuple[str, str]]] = {
        "same name": [(r[0], "") for r in rows],
        "one jamo off": [(jamo_typo(rng, r[0]), "") for r in rows],
        "romanized": [(hangul.romanize(r[1] or r[0]).title(), "") for r in rows],
        "new name + phone": [("새이름" + str(i), f"010-9{i:03d}-1234") for i in range(len(rows))],
        "name + same phone": [(r[0], r[2]) for r in rows if r[2]],
    }
    print(f"duplicate check, {total:,} attendees, {len(rows)} queries per kind")
    every: list[float] = []
    for label, queries in kinds.items():
        times = []
        found = 0
        for name, phone in queries:
            start = time.perf_counter()
            matches = duplicates.find(ef, name, phone=phone)
            times.append((time.perf_counter() - start) * 1000)
            found += len(matches)
        every += times
        print(
            f"  {label:18s} median {statistics.median(times):6.2f} ms  "
            f"p99 {percentile(times, 0.99):6.2f} ms  max {max(times):6.2f} ms  "
            f"matches/query {found / max(1, len(queries)):.1f}"
        )
    p99 = percentile(every, 0.99)
    verdict = "ok" if p99 < TARGET_MS else "OVER TARGET"
    print(f"  all: median {statistics.median(every):.2f} ms, p99 {p99:.2f} ms "
          f"(target p99 < {TARGET_MS:.0f} ms: {verdict})")  # fmt: skip
    ef.close()


if __name__ == "__main__":
    main()
