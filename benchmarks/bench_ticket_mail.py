"""E-mail benchmark: N tickets sent to a local SMTP server (aiosmtpd, in this process).

    python benchmarks/bench_ticket_mail.py [--count 1000] [--no-pdf]

Every attendee has an e-mail address and consent to contact; each message carries the
ticket's PNG and PDF (as ``checkin tickets-send`` sends them). The server counts what
it accepts and keeps nothing, so the memory figures are the sender's. Prints the total
time (issue target: 1,000 e-mails < 60 s), messages per second, and the resident memory
after each quarter of the run and at its peak (target: flat, not growing with N).

The machine may be shared, so the same run also prints a floor: the CPU time of the
sender and of the process that renders the tickets ahead of it (on two cores they run
side by side, so an idle machine takes about the larger of the two).
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import socket
import sys
import tempfile
import time
from pathlib import Path

from aiosmtpd.controller import Controller

from checkin.badges import ticket_mail, tickets
from checkin.clock import SYSTEM_CLOCK
from checkin.event import identity
from checkin.event import settings as settings_mod
from checkin.people import attendees
from checkin.protect import consent
from checkin.protect.access import Access


class CountingInbox:
    """Accepts every message and keeps only the count."""

    def __init__(self) -> None:
        self.accepted = 0
        self.bytes = 0

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.accepted += 1
        self.bytes += len(envelope.content)
        await asyncio.sleep(0)
        return "250 OK"


def rss_mb() -> float:
    """Resident memory now (Linux: /proc; elsewhere the peak so far)."""
    try:
        with open("/proc/self/statm") as fh:
            pages = int(fh.read().split()[1])
        return pages * resource.getpagesize() / 1024 / 1024
    except OSError:
        return peak_mb()


def peak_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--no-pdf", action="store_true", help="attach the PNG only")
    args = parser.parse_args()
    if args.count < 1:
        parser.error("--count must be at least 1")
    inbox = CountingInbox()
    with socket.socket() as probe:  # a free port on this machine only
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            ef = identity.create_event(Path(tmp) / "mail.checkin", name="북한이탈주민의 날",
                                       date="2027-07-14", clock=SYSTEM_CLOCK)  # fmt: skip
            cfg = settings_mod.load(ef)
            agreed = consent.record(SYSTEM_CLOCK, cfg, [consent.ENTRY, consent.CONTACT])
            rows = [{"display_name": f"참가자{i:04d}", "category": "defector",
                     "email": f"p{i}@example.org", **agreed} for i in range(args.count)]  # fmt: skip
            attendees.add_attendees(ef, SYSTEM_CLOCK, rows)
            people = tickets.select(ef)
            access = Access.for_file(ef, SYSTEM_CLOCK).with_reason("benchmark")
            smtp = ticket_mail.SmtpSettings("127.0.0.1", port, "none",
                                            from_addr="info@example.org")  # fmt: skip
            quarters = {max(1, round(args.count * q / 4)) for q in (1, 2, 3, 4)}
            samples: list[tuple[int, float]] = []
            print(f"e-mails: {len(people)} ({'PNG' if args.no_pdf else 'PNG + PDF'} attached); "
                  f"memory before: {rss_mb():.0f} MB")  # fmt: skip

            def progress(done: int, total: int) -> None:
                if done in quarters:
                    samples.append((done, rss_mb()))

            wall, cpu = time.perf_counter(), time.process_time()
            result = ticket_mail.send(ef, SYSTEM_CLOCK, access, people, smtp,
                                      attach_pdf=not args.no_pdf, progress=progress)  # fmt: skip
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            ef.close()
    finally:
        controller.stop()
    n = result.sent
    print(f"sent {n}, accepted by the server {inbox.accepted} "
          f"({inbox.bytes / max(1, inbox.accepted) / 1024:.0f} KiB each)")  # fmt: skip
    print(f"time: {wall:.2f} s wall ({n / wall:.1f} e-mails/s, {1000 * wall / n:.1f} ms each), "
          f"{cpu:.2f} s CPU in this process (the server's share included)")  # fmt: skip
    print("memory after " + ", ".join(f"{d}: {mb:.0f} MB" for d, mb in samples)
          + f"; peak {peak_mb():.0f} MB")  # fmt: skip
    render = result.rendering
    if render.workers > 1:  # rendered ahead by a worker process while this one sent
        floor, how = max(cpu, render.worker_cpu_s), "the larger of the two, side by side"
        print(f"renderer process: {render.worker_cpu_s:.2f} s CPU (PNG + PDF of every "
              f"ticket), peak memory {render.worker_peak_mb:.0f} MB")  # fmt: skip
    else:  # rendered here: this process's CPU time holds it
        floor, how = cpu, "one process"
    print(f"floor (an idle machine, {how}): {floor:.2f} s; this run took "
          f"{wall / max(floor, 1e-9):.1f}x the floor (the rest: other people's work)")  # fmt: skip
    print(f"projected for 1,000 e-mails: {wall / n * 1000:.1f} s wall, floor "
          f"{floor / n * 1000:.1f} s (target < 60 s)")  # fmt: skip


if __name__ == "__main__":
    main()
