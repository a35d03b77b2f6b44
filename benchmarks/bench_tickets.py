"""Ticket benchmark: N tickets rendered to PNG and to one-page PDFs, and written as a folder.

    python benchmarks/bench_tickets.py [--count 200]

Prints seconds and tickets/s for: reading and signing (ticket data), the PNGs
(200 dpi), the PDFs (laid out 25 to a document, split into one file each), and the
whole ``tickets.write_files`` folder (PDF + PNG + index CSV). Issue target: 1,000
tickets to PDF+PNG < 15 s on 2 cores. One process (no worker pool yet).

The machine may be shared: compare the figures of one run with each other.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

from checkin.badges import tickets
from checkin.clock import SYSTEM_CLOCK
from checkin.door import demo
from checkin.protect.access import Access


def peak_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def line(label: str, seconds: float, n: int) -> None:
    rate = n / seconds if seconds else float("inf")
    print(f"{label:<34} {seconds:8.2f} s  {rate:8.1f} tickets/s  {1000 * seconds / n:7.1f} ms each")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    args = parser.parse_args()
    if args.count < 1:
        parser.error("--count must be at least 1")
    with tempfile.TemporaryDirectory() as tmp:
        ef = demo.build_demo(Path(tmp) / "bench.checkin", args.count, 0.0, seed=7)
        people = tickets.select(ef)[: args.count]
        n = len(people)
        print(f"tickets: {n}")

        t = time.perf_counter()
        data = tickets.ticket_data(ef, people)
        line("ticket data (read + sign)", time.perf_counter() - t, n)

        tickets.compose.cache_clear()
        t = time.perf_counter()
        png_bytes = sum(len(tickets.png_bytes(d)) for d in data)
        line("PNG (200 dpi)", time.perf_counter() - t, n)

        tickets.compose.cache_clear()
        t = time.perf_counter()
        pdf_bytes = sum(len(b) for b in tickets.pdf_many(data))
        line("PDF (one file each)", time.perf_counter() - t, n)

        tickets.compose.cache_clear()
        access = Access.for_file(ef, SYSTEM_CLOCK).with_reason("benchmark")
        t = time.perf_counter()
        result = tickets.write_files(ef, SYSTEM_CLOCK, access, people, Path(tmp) / "out")
        total = time.perf_counter() - t
        line("folder (PDF + PNG + CSV)", total, n)
        print(f"average PNG {png_bytes / n / 1024:.0f} KiB, PDF {pdf_bytes / n / 1024:.0f} KiB; "
              f"{result.files} files; peak memory {peak_mb():.0f} MB")  # fmt: skip
        print(f"projected for 1,000 tickets (folder): {total / n * 1000:.1f} s (target < 15 s)")
        ef.close()


if __name__ == "__main__":
    main()
