"""Import/export benchmark at 100,000 rows.

Writes a realistic 100,000-row pre-registration list (Korean and Latin names, phones,
emails, organizations, categories in Korean) as CSV and as XLSX, then prints:

- ``checkin import`` of the CSV into a fresh event (target < 10 s, and within 3x of a
  plain ``sqlite-utils insert`` of the same CSV, run as a subprocess on the same disk);
- import of the XLSX;
- the planning part alone (read + map + validate, i.e. ``--dry-run``);
- CSV export of the 100,000 attendees (target < 3 s), XLSX export, check-in log export.

The machine is shared and has 2 cores: figures are noisy, compare ratios within one
run. Usage: python benchmarks/bench_io.py [--rows 100000] [--dir DIR]
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from checkin.clock import SYSTEM_CLOCK
from checkin.door.demo import GIVEN_SYLLABLES, LATIN_FIRST, LATIN_LAST, ORGANIZATIONS, SURNAMES
from checkin.event import identity as event
from checkin.lists import exporter, importer
from checkin.people import attendees
from checkin.protect.access import Access

CATEGORY_WORDS = [("탈북민", 36), ("가족", 14), ("후원", 20), ("자원봉사", 8), ("기자", 7),
                  ("내빈", 5), ("운영진", 4), ("일반", 6)]  # fmt: skip
HEADER = ["등록번호", "이름", "연락처", "이메일", "소속", "구분", "촬영 금지", "비고"]


def make_rows(n: int, seed: int = 1) -> list[list[str]]:
    rng = random.Random(seed)
    surnames, weights = zip(*SURNAMES, strict=True)
    cats, cat_w = zip(*CATEGORY_WORDS, strict=True)
    rows = []
    for i in range(n):
        if rng.random() < 0.9:
            name = rng.choices(surnames, weights)[0] + "".join(rng.sample(GIVEN_SYLLABLES, 2))
        else:
            name = f"{rng.choice(LATIN_FIRST)} {rng.choice(LATIN_LAST)}"
        phone = f"010-{rng.randrange(10000):04d}-{i % 10000:04d}" if rng.random() < 0.8 else ""
        email = f"p{i}@example.org" if rng.random() < 0.5 else ""
        cat = rng.choices(cats, cat_w)[0]
        org = rng.choice(ORGANIZATIONS["supporter"]) if rng.random() < 0.3 else ""
        rows.append([f"R{i:06d}", name, phone, email, org, cat,
                     "O" if rng.random() < 0.2 else "", ""])  # fmt: skip
    return rows


def timed(label: str, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    seconds = time.perf_counter() - start
    print(f"  {label:46s} {seconds:7.2f} s")
    return seconds, result


def new_event(path: Path):  # type: ignore[no-untyped-def]
    return event.create_event(path, name="벤치마크", date="2027-07-14")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--dir", help="work folder (default: a temporary one)")
    args = parser.parse_args()
    work = Path(args.dir or tempfile.mkdtemp(prefix="bench-io-"))
    work.mkdir(parents=True, exist_ok=True)
    for old in list(work.glob("*.checkin*")) + list(work.glob("floor.db*")):
        old.unlink()  # leftovers of an earlier run in the same folder
    n = args.rows
    print(f"{n:,} rows in {work}")
    rows = make_rows(n)
    csv_path = work / "registrations.csv"
    with csv_path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        w.writerows(rows)
    xlsx_path = work / "registrations.xlsx"
    exporter.write_xlsx(xlsx_path, HEADER, iter(rows))
    print(f"  files: CSV {csv_path.stat().st_size / 1e6:.1f} MB, "
          f"XLSX {xlsx_path.stat().st_size / 1e6:.1f} MB")  # fmt: skip

    # Floor: plain sqlite-utils insert of the same CSV (its own process, same disk).
    floor_db = work / "floor.db"
    sqlite_utils = Path(sys.executable).with_name("sqlite-utils")
    start = time.perf_counter()
    subprocess.run(
        [str(sqlite_utils), "insert", str(floor_db), "people", str(csv_path), "--csv"],
        check=True,
    )
    floor = time.perf_counter() - start
    print(f"  {'sqlite-utils insert (floor)':46s} {floor:7.2f} s")

    ef = new_event(work / "csv.checkin")
    t_plan, plan = timed("plan only (read, map, validate = --dry-run)", importer.plan_import,
                         ef, csv_path)  # fmt: skip
    assert plan.ok, plan.errors[:5]
    t_csv, (_, result) = timed("import CSV (plan + one transaction)", importer.import_file,
                               ef, SYSTEM_CLOCK, csv_path)  # fmt: skip
    assert result is not None and result.added == n, result
    t_again, (_, again) = timed("re-import the same CSV (no changes)", importer.import_file,
                                ef, SYSTEM_CLOCK, csv_path)  # fmt: skip
    assert again is not None and again.added == 0 and again.unchanged == n

    start = time.perf_counter()
    rows_norm = [dict(v) for _, v in plan.new]
    with new_event(work / "core.checkin") as ef2:
        attendees.add_attendees(ef2, SYSTEM_CLOCK, rows_norm)
    t_core = time.perf_counter() - start
    print(f"  {'(core add_attendees of the same rows)':46s} {t_core:7.2f} s")

    with new_event(work / "xlsx.checkin") as ef3:
        t_xlsx, (_, xres) = timed("import XLSX", importer.import_file, ef3, SYSTEM_CLOCK,
                                  xlsx_path)  # fmt: skip
        assert xres is not None and xres.added == n

    # Some check-ins so the export has times and the log has rows.
    ids = [r[0] for r in ef.conn.execute("SELECT id FROM attendees LIMIT 30000")]
    from checkin.door.engine import CheckinEngine

    engine = CheckinEngine(ef, SYSTEM_CLOCK)
    access = Access.for_file(ef, SYSTEM_CLOCK)  # the event has no PIN: the organizer
    for attendee_id in ids[:300]:
        engine.check_in(attendee_id)
    every = ("reg_no", "display_name", "category", "organization", "phone", "email",
             "checked_in_at")  # fmt: skip
    t_exp, _ = timed(
        "export CSV (default fields)", exporter.export, ef, work / "out.csv", access=access
    )
    t_exp_all, _ = timed("export CSV (7 fields)", exporter.export, ef, work / "out7.csv",
                         opts=exporter.ExportOptions(fields=every), access=access)  # fmt: skip
    t_exp_x, _ = timed(
        "export XLSX (default fields)", exporter.export, ef, work / "out.xlsx", access=access
    )
    timed("export check-in log CSV", exporter.export_log, ef, work / "log.csv", access=access)
    ef.close()

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print()
    print(f"CSV import {t_csv:.2f} s = {t_csv / floor:.1f}x sqlite-utils insert ({floor:.2f} s) "
          f"[target < 10 s and <= 3x] -> {'OK' if t_csv < 10 and t_csv / floor <= 3 else 'MISSED'}")  # fmt: skip
    print(f"XLSX import {t_xlsx:.2f} s = {t_xlsx / floor:.1f}x the floor")
    print(f"CSV export {t_exp:.2f} s (7 fields {t_exp_all:.2f} s) [target < 3 s] -> "
          f"{'OK' if t_exp < 3 else 'MISSED'}; XLSX export {t_exp_x:.2f} s")  # fmt: skip
    print(f"plan {t_plan:.2f} s, core insert {t_core:.2f} s, re-import {t_again:.2f} s; "
          f"peak memory {peak:.0f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
