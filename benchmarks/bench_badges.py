"""Badge benchmark: 1,000 badges into one A4 PDF, and a single walk-in badge.

    python benchmarks/bench_badges.py [--badges 1000] [--layout a4]

Prints, for the bulk PDF: seconds, pages/s and badges/s with one process and with
all cores (page ranges rendered by worker processes, parts joined with pypdf), and
the peak memory of this process and of its workers; for a single walk-in badge (a
fresh attendee, looked up, signed, laid out and rendered): PNG at 300 dpi and PDF.
Targets: 1,000 badges < 15 s on 2 cores; a single badge < 0.3 s.

The machine may be shared: compare the figures of one run with each other.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

from checkin.badges import service as badges
from checkin.badges.pdf import badge_pdf, default_workers, write_pdf
from checkin.badges.renderer import badge_png
from checkin.clock import SYSTEM_CLOCK
from checkin.door import demo
from checkin.event import settings as settings_mod
from checkin.people import attendees


def peak_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--badges", type=int, default=1000)
    parser.add_argument("--layout", default="a4")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.checkin"
        ef = demo.build_demo(path, args.badges, 0.0, seed=7)
        cfg = settings_mod.load(ef)
        style = badges.style(cfg)

        t = time.perf_counter()
        people = badges.select(ef, sort="name")
        data = badges.badge_data(ef, people, cfg)
        prepare = time.perf_counter() - t
        print(f"{len(data)} badges, layout {args.layout}, {os.cpu_count()} cores")
        print(f"  select + sort (Korean order) + sign codes: {prepare:.2f} s")

        results = {}
        for workers in sorted({1, default_workers()}):
            out = Path(tmp) / f"badges-{workers}.pdf"
            r = write_pdf(data, style, args.layout, out, workers=workers)
            results[workers] = r
            print(
                f"  {workers} process(es): {r.seconds:.2f} s, {r.pages / r.seconds:.1f} pages/s, "
                f"{r.badges / r.seconds:.0f} badges/s, {r.pages} pages, "
                f"{r.bytes / 1e6:.1f} MB"
            )
        if len(results) > 1:
            one, many = results[1], results[max(results)]
            print(f"  speed-up with {max(results)} processes: {one.seconds / many.seconds:.2f}x")
        worker = max(r.worker_peak_mb for r in results.values())
        print(f"  peak memory: this process {peak_mb():.0f} MB, largest worker {worker:.0f} MB")

        # a walk-in: register, then badge ready to print
        png_times, pdf_times = [], []
        for i in range(15):
            a = attendees.add_attendee(
                ef, SYSTEM_CLOCK, display_name=f"김새봄{i}", category="defector", no_photo=True
            )
            t = time.perf_counter()
            d = badges.badge_data(ef, [a], settings_mod.load(ef))[0]
            badge_png(d, badges.style(settings_mod.load(ef)), "cr80")
            png_times.append(time.perf_counter() - t)
            t = time.perf_counter()
            d = badges.badge_data(ef, [a], settings_mod.load(ef))[0]
            badge_pdf(d, badges.style(settings_mod.load(ef)), "cr80")
            pdf_times.append(time.perf_counter() - t)
        print("single walk-in badge (CR80, lookup + sign + layout + render):")
        print(f"  PNG 300 dpi: first {png_times[0] * 1000:.0f} ms, "
              f"median {statistics.median(png_times) * 1000:.0f} ms")  # fmt: skip
        print(f"  PDF:         first {pdf_times[0] * 1000:.0f} ms, "
              f"median {statistics.median(pdf_times) * 1000:.0f} ms")  # fmt: skip
        ef.close()


if __name__ == "__main__":
    main()
