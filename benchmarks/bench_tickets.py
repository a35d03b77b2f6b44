"""Ticket benchmark: N tickets rendered to PNG and to one-page PDFs, and written as a folder.

    python benchmarks/bench_tickets.py [--count 1000] [--workers 2]

Prints, per ticket, the time on one core (wall and CPU) of: the QR symbol (mask
chosen on bit sets), the PNG (frame painted once, palette), the PDF (laid out 250 to a
document, cut into one file each); then the whole ``tickets.write_files`` folder (PDF +
PNG + index CSV) with the worker pool, its total time and the peak memory of this
process and of the workers. Issue target: 1,000 tickets to PDF + PNG < 15 s on 2 cores.

The machine may be shared: the CPU times are steadier than the wall times, so the same
run also prints a floor for the folder (this process's CPU plus the busiest worker's,
its start included: what an idle two-core machine would take).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

from checkin.badges import ticket_render, tickets
from checkin.badges.layouts import _symbol, qr_runs
from checkin.clock import SYSTEM_CLOCK
from checkin.door import demo
from checkin.protect.access import Access


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    kb = resource.getrusage(who).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def line(label: str, wall: float, cpu: float, n: int) -> None:
    print(f"{label:<30} {1000 * wall / n:7.1f} ms wall  {1000 * cpu / n:7.1f} ms CPU  each")


def timed(label: str, n: int, work):  # type: ignore[no-untyped-def]
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    line(label, time.perf_counter() - wall, time.process_time() - cpu, n)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=None, help="default: every core")
    args = parser.parse_args()
    if args.count < 1:
        parser.error("--count must be at least 1")
    with tempfile.TemporaryDirectory() as tmp:
        ef = demo.build_demo(Path(tmp) / "bench.checkin", args.count, 0.0, seed=7)
        people = tickets.select(ef)[: args.count]
        n = len(people)
        sample = min(n, 200)
        print(f"tickets: {n} (one-core figures on {sample}); cores: {os.cpu_count()}")
        data = timed("ticket data (read + sign)", n, lambda: tickets.ticket_data(ef, people))
        part = data[:sample]
        timed("QR symbol", sample, lambda: [qr_runs(t.code) for t in part])
        png = timed("PNG (200 dpi)", sample, lambda: [ticket_render.png_bytes(t) for t in part])
        pdf = timed("PDF (one file each)", sample, lambda: list(ticket_render.iter_pdfs(part)))
        print(f"average PNG {sum(map(len, png)) / sample / 1024:.0f} KiB, "
              f"PDF {sum(map(len, pdf)) / sample / 1024:.0f} KiB")  # fmt: skip
        del png, pdf
        _symbol.cache_clear()  # the folder run makes every symbol itself
        access = Access.for_file(ef, SYSTEM_CLOCK).with_reason("benchmark")
        out = Path(tmp) / "out"
        wall, cpu = time.perf_counter(), time.process_time()
        result = tickets.write_files(ef, SYSTEM_CLOCK, access, people, out, workers=args.workers)
        total, cpu = time.perf_counter() - wall, time.process_time() - cpu
        files = sum(1 for _ in out.iterdir())
        print(
            f"folder (PDF + PNG + CSV): {n} tickets in {total:.2f} s "
            f"({1000 * total / n:.1f} ms each), {result.files} files ({files} with the index)"
        )
        stats = result.stats
        if stats is not None and stats.workers > 1:
            print(f"workers: {stats.workers}, the busiest used {stats.worker_cpu_s:.2f} s CPU; "
                  f"this process {cpu:.2f} s CPU (reading, signing, the index)")  # fmt: skip
            floor = cpu + stats.worker_cpu_s  # the workers run side by side, after the reading
        else:
            floor = cpu  # all in this process
        print(f"floor (an idle machine): {floor:.2f} s; this run "
              f"took {total / max(floor, 1e-9):.1f}x the floor (the rest: other people's work)")  # fmt: skip
        print(f"peak memory: this process {peak_mb():.0f} MB, largest worker "
              f"{stats.worker_peak_mb if stats else 0:.0f} MB")  # fmt: skip
        print(f"projected for 1,000 tickets (folder): {total / n * 1000:.1f} s wall, floor "
              f"{floor / n * 1000:.1f} s (target < 15 s)")  # fmt: skip
        ef.close()


if __name__ == "__main__":
    main()
