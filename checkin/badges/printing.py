"""The truth about a print job: send a badge to a printer and follow the job to its end.

A badge is logged as printed only when the print system says the job *completed*.
Three ways to know, chosen by :func:`print_service`:

- **CUPS** (Linux, macOS) through ``pycups``: the badge PDF itself is submitted
  (``printFile``, vector: a 500-badge job is a ~1.5 MB PDF, not 79 MB of bitmaps), and
  the job's IPP state is polled until it is completed, stopped, cancelled or aborted.
  A queue that rejects jobs (``cupsreject``) or is stopped (``cupsdisable``, out of
  labels, a backend error) is reported before anything is sent.
- **Windows spooler** through ``pywin32`` (``win32print``): the pages are painted by
  Qt (GDI), then the job, found by its title, is followed through the spooler's status
  bits (error, paper out, offline, user intervention, deleted, printed). This path is
  written from the Win32 documentation and cannot be tested on the Linux CI.
- **Qt alone** (neither available): the pages are sent, and the app says plainly that
  it cannot confirm the badge came out (:attr:`PrintOutcome.confirmed` is False).

Every job carries a title: the registration number (``R-0042``), never a name, since
job titles show in queue listings and printer logs.

No Qt here: the UI paints the pages for the spooler/Qt paths and calls back into this
module to follow the job.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checkin.badges.texts import BadgeTexts
from checkin.texts import Text

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT_S = 120.0
POLL_S = 0.25

# outcome states
COMPLETED = "completed"  # the print system says the job finished
SENT = "sent"  # Qt alone: handed to the printer, end state unknown
FAILED = "failed"  # rejected, stopped, cancelled, aborted, timed out

# IPP job-state values (RFC 8011 5.3.7)
IPP_PENDING, IPP_HELD, IPP_PROCESSING, IPP_STOPPED = 3, 4, 5, 6
IPP_CANCELED, IPP_ABORTED, IPP_COMPLETED = 7, 8, 9
IPP_PRINTER_STOPPED = 5  # printer-state


@dataclass(frozen=True, slots=True)
class PrintOutcome:
    """How a print job ended. ``reason`` is a short code; the messages say it in words."""

    state: str
    reason: str
    printer: str
    job_id: int | None = None
    detail: str = ""  # the print system's own message, if any (no personal data)
    # the printer's page (mm) when it differs from the badge's: scaled, aspect kept
    page_mm: tuple[float, float] | None = None

    @property
    def printed(self) -> bool:
        """True only when the job really completed (or, for Qt alone, was sent)."""
        return self.state in (COMPLETED, SENT)

    @property
    def confirmed(self) -> bool:
        return self.state == COMPLETED

    def message(self, lang: str = "en") -> str:
        text = _MESSAGES.get(self.reason, _MESSAGES["failed"])
        return text.get(lang, printer=self.printer or "?")

    def to_json(self) -> dict[str, Any]:
        return {
            "state": self.state, "reason": self.reason, "printer": self.printer,
            "job_id": self.job_id, "detail": self.detail, "printed": self.printed,
            "page_mm": list(self.page_mm) if self.page_mm else None,
            "message": self.message("en"), "message_ko": self.message("ko"),
        }  # fmt: skip


# A print job's outcome, by its reason, in the reader's language (``{printer}``: its name).
_MESSAGES: dict[str, Text] = {
    "completed": BadgeTexts.print_completed,
    "sent": BadgeTexts.print_sent,
    "rejected": BadgeTexts.print_rejected,
    "printer_stopped": BadgeTexts.print_printer_stopped,
    "paper_out": BadgeTexts.print_paper_out,
    "offline": BadgeTexts.print_offline,
    "job_stopped": BadgeTexts.print_job_stopped,
    "canceled": BadgeTexts.print_canceled,
    "aborted": BadgeTexts.print_aborted,
    "timeout": BadgeTexts.print_timeout,
    "unknown_printer": BadgeTexts.print_unknown_printer,
    "no_service": BadgeTexts.print_no_service,
    "not_started": BadgeTexts.print_not_started,
    "failed": BadgeTexts.print_failed,
}


def job_title(reg_nos: Sequence[str]) -> str:
    """A job title from registration numbers only: ``R-0042`` or ``R-0001 … R-0120 (120)``."""
    regs = [r for r in reg_nos if r]
    if not regs:
        return "checkin badges"
    if len(regs) == 1:
        return regs[0]
    return f"{regs[0]} … {regs[-1]} ({len(regs)})"


def media_size_mm(media: str) -> tuple[float, float] | None:
    """Width and height (mm) of a PWG self-describing media name: ``iso_a6_105x148mm``,
    ``na_index-4x6_4x6in``, ``custom_62.09x100.19mm_62.09x100.19mm``."""
    parts = media.split("_")
    for part in reversed(parts[1:]):
        unit = 25.4 if part.endswith("in") else 1.0 if part.endswith("mm") else 0.0
        w, sep, h = part[:-2].partition("x")
        if not unit or not sep:
            continue
        try:
            return (float(w) * unit, float(h) * unit)
        except ValueError:
            continue
    return None


def same_size(a: tuple[float, float], b: tuple[float, float], tolerance: float = 1.5) -> bool:
    """The same page, either way round."""
    return (abs(a[0] - b[0]) <= tolerance and abs(a[1] - b[1]) <= tolerance) or (
        abs(a[0] - b[1]) <= tolerance and abs(a[1] - b[0]) <= tolerance
    )


Sleep = Callable[[float], None]
Monotonic = Callable[[], float]


class PrintService:
    """What every way of printing offers. ``kind`` is "cups", "windows" or "qt"."""

    kind = "qt"
    accepts_pdf = False  # can take the badge PDF itself (vector)
    follows_jobs = False  # knows the job's real end state

    def printers(self) -> list[str]:
        return []

    def check_printer(self, name: str) -> PrintOutcome | None:
        """A reason not to send anything to ``name`` right now, or None."""
        return None

    def print_pdf(
        self, name: str, pdf: Path, title: str, options: dict[str, str] | None = None,
        timeout: float = DEFAULT_TIMEOUT_S, page_mm: tuple[float, float] | None = None,
    ) -> PrintOutcome:  # fmt: skip
        raise NotImplementedError

    def follow_spooled(
        self, name: str, title: str, timeout: float = DEFAULT_TIMEOUT_S
    ) -> PrintOutcome:
        """After the UI painted pages (Qt) with ``title`` as document name: the end state."""
        return PrintOutcome(SENT, "sent", name)


class QtOnlyService(PrintService):
    """Neither CUPS nor the Windows spooler can be asked: the job cannot be followed."""


# --- CUPS --------------------------------------------------------------------------------


class CupsService(PrintService):
    """CUPS through pycups. ``server`` is a host or a socket path (else CUPS_SERVER or
    the system's default)."""

    kind = "cups"
    accepts_pdf = True
    follows_jobs = True

    def __init__(
        self,
        server: str | None = None,
        sleep: Sleep = time.sleep,
        monotonic: Monotonic = time.monotonic,
        poll: float = POLL_S,
    ) -> None:
        import cups

        self.cups = cups
        self.server = server
        self.sleep = sleep
        self.monotonic = monotonic
        self.poll = poll

    def _connect(self) -> Any:
        if self.server:
            self.cups.setServer(self.server)
        return self.cups.Connection()

    def printers(self) -> list[str]:
        try:
            return sorted(self._connect().getPrinters())
        except (RuntimeError, self.cups.IPPError) as exc:
            log.warning("CUPS printers not listed: %s", exc)
            return []

    def _printer_problem(self, conn: Any, name: str) -> PrintOutcome | None:
        try:
            attrs = conn.getPrinterAttributes(
                name,
                requested_attributes=["printer-state", "printer-is-accepting-jobs",
                                      "printer-state-reasons", "printer-state-message"],
            )  # fmt: skip
        except self.cups.IPPError as exc:
            log.warning("printer %s not found in CUPS: %s", name, exc)
            return PrintOutcome(FAILED, "unknown_printer", name)
        reasons = _as_list(attrs.get("printer-state-reasons"))
        detail = str(attrs.get("printer-state-message") or "")
        if not attrs.get("printer-is-accepting-jobs", True):
            return PrintOutcome(FAILED, "rejected", name, detail=detail)
        if any(r.startswith("media-empty") or r.startswith("media-needed") for r in reasons):
            return PrintOutcome(FAILED, "paper_out", name, detail=detail)
        if attrs.get("printer-state") == IPP_PRINTER_STOPPED:
            return PrintOutcome(FAILED, "printer_stopped", name, detail=detail)
        if any(r.startswith("offline") for r in reasons):
            return PrintOutcome(FAILED, "offline", name, detail=detail)
        return None

    def check_printer(self, name: str) -> PrintOutcome | None:
        try:
            conn = self._connect()
        except RuntimeError as exc:
            log.warning("CUPS not reachable: %s", exc)
            return PrintOutcome(FAILED, "no_service", name, detail=str(exc))
        return self._printer_problem(conn, name)

    def print_pdf(
        self, name: str, pdf: Path, title: str, options: dict[str, str] | None = None,
        timeout: float = DEFAULT_TIMEOUT_S, page_mm: tuple[float, float] | None = None,
    ) -> PrintOutcome:  # fmt: skip
        """Submit ``pdf`` and follow it. With ``page_mm`` (the badge's page), the queue's
        media of that size is asked for; if it has none, the outcome says which page
        the badge was scaled onto (CUPS keeps the aspect and centres it)."""
        try:
            conn = self._connect()
        except RuntimeError as exc:
            log.warning("CUPS not reachable: %s", exc)
            return PrintOutcome(FAILED, "no_service", name, detail=str(exc))
        problem = self._printer_problem(conn, name)
        if problem is not None:
            log.warning("not sent to %s: %s", name, problem.reason)
            return problem
        opts = dict(options or {})
        differs = None
        if page_mm is not None and "media" not in opts:
            media, differs = self._media_for(conn, name, page_mm)
            if media:
                opts["media"] = media
            elif differs is not None:
                opts.setdefault("print-scaling", "fit")  # whole badge, aspect kept, centred
        try:
            job = conn.printFile(name, str(pdf), title, opts)
        except self.cups.IPPError as exc:
            log.warning("CUPS refused the job for %s: %s", name, exc)
            again = self._printer_problem(conn, name)
            return again or PrintOutcome(FAILED, "rejected", name, detail=_ipp_text(exc))
        log.info("job %d (%s) sent to %s", job, title, name)
        outcome = self._follow(conn, name, job, timeout)
        if differs is not None:
            outcome = PrintOutcome(outcome.state, outcome.reason, outcome.printer,
                                   outcome.job_id, outcome.detail, differs)  # fmt: skip
        return outcome

    def _media_for(
        self, conn: Any, name: str, page_mm: tuple[float, float]
    ) -> tuple[str, tuple[float, float] | None]:
        """(a supported media of the badge's size or "", the default page if it differs)."""
        try:
            attrs = conn.getPrinterAttributes(
                name, requested_attributes=["media-default", "media-supported"]
            )
        except self.cups.IPPError:
            return "", None
        for media in _as_list(attrs.get("media-supported")):
            size = media_size_mm(media)
            if size and same_size(size, page_mm):
                return media, None
        default = media_size_mm(str(attrs.get("media-default") or ""))
        if default and not same_size(default, page_mm):
            log.info("no %gx%g mm media on %s; scaled onto %s", *page_mm, name, default)
            return "", default
        return "", None

    def _follow(self, conn: Any, name: str, job: int, timeout: float) -> PrintOutcome:
        deadline = self.monotonic() + timeout
        wanted = ["job-state", "job-state-reasons", "job-printer-state-message"]
        while True:
            try:
                attrs = conn.getJobAttributes(job, requested_attributes=wanted)
            except self.cups.IPPError as exc:
                return PrintOutcome(FAILED, "failed", name, job, _ipp_text(exc))
            state = attrs.get("job-state")
            detail = str(attrs.get("job-printer-state-message") or "")
            if state == IPP_COMPLETED:
                log.info("job %d completed on %s", job, name)
                return PrintOutcome(COMPLETED, "completed", name, job, detail)
            if state in (IPP_CANCELED, IPP_ABORTED, IPP_STOPPED):
                reason = {IPP_CANCELED: "canceled", IPP_ABORTED: "aborted"}.get(
                    state, "job_stopped"
                )
                if state == IPP_STOPPED:
                    # A stopped job would print later, unlogged, once someone fixes the
                    # printer: cancel it, so "not printed" stays true.
                    self._cancel(conn, job)
                log.warning("job %d on %s ended %s (%s)", job, name, reason, detail)
                return PrintOutcome(FAILED, reason, name, job, detail)
            if state in (IPP_PENDING, IPP_HELD):
                problem = self._printer_problem(conn, name)
                if problem is not None:  # the queue stopped under the job
                    self._cancel(conn, job)
                    log.warning("job %d on %s: %s; cancelled", job, name, problem.reason)
                    return PrintOutcome(FAILED, problem.reason, name, job, problem.detail)
            if self.monotonic() >= deadline:
                self._cancel(conn, job)
                log.warning("job %d on %s did not finish in %.0f s; cancelled", job, name, timeout)
                return PrintOutcome(FAILED, "timeout", name, job, detail)
            self.sleep(self.poll)

    def _cancel(self, conn: Any, job: int) -> None:
        try:
            conn.cancelJob(job, purge_job=False)
        except self.cups.IPPError as exc:
            log.warning("could not cancel job %d: %s", job, exc)

    def follow_spooled(
        self, name: str, title: str, timeout: float = DEFAULT_TIMEOUT_S
    ) -> PrintOutcome:
        """A job Qt sent through CUPS: the newest job with ``title`` on ``name``."""
        try:
            conn = self._connect()
            jobs = conn.getJobs(which_jobs="all", my_jobs=True,
                                requested_attributes=["job-name", "job-printer-uri"])  # fmt: skip
        except (RuntimeError, self.cups.IPPError) as exc:
            return PrintOutcome(FAILED, "no_service", name, detail=str(exc))
        mine = [j for j, a in jobs.items() if a.get("job-name") == title]
        if not mine:
            return PrintOutcome(SENT, "sent", name)
        return self._follow(conn, name, max(mine), timeout)


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return [str(value)]


def _ipp_text(exc: Exception) -> str:
    args: tuple[Any, ...] = tuple(getattr(exc, "args", ()))
    return str(args[1]) if len(args) > 1 else str(exc)


# --- the Windows spooler -------------------------------------------------------------------

# winspool.h status bits
JOB_STATUS_PAUSED = 0x1
JOB_STATUS_ERROR = 0x2
JOB_STATUS_DELETING = 0x4
JOB_STATUS_OFFLINE = 0x20
JOB_STATUS_PAPEROUT = 0x40
JOB_STATUS_PRINTED = 0x80
JOB_STATUS_DELETED = 0x100
JOB_STATUS_BLOCKED_DEVQ = 0x200
JOB_STATUS_USER_INTERVENTION = 0x400
JOB_STATUS_COMPLETE = 0x1000
PRINTER_STATUS_PAUSED = 0x1
PRINTER_STATUS_ERROR = 0x2
PRINTER_STATUS_PAPER_OUT = 0x10
PRINTER_STATUS_OFFLINE = 0x80
PRINTER_STATUS_USER_INTERVENTION = 0x100000
PRINTER_ATTRIBUTE_WORK_OFFLINE = 0x400


def spooler_job_outcome(name: str, job_id: int, status: int) -> PrintOutcome | None:
    """The end state told by a spooler job's status bits, or None while it runs."""
    if status & (JOB_STATUS_PRINTED | JOB_STATUS_COMPLETE) and not status & JOB_STATUS_ERROR:
        return PrintOutcome(COMPLETED, "completed", name, job_id)
    if status & JOB_STATUS_PAPEROUT:
        return PrintOutcome(FAILED, "paper_out", name, job_id)
    if status & JOB_STATUS_OFFLINE:
        return PrintOutcome(FAILED, "offline", name, job_id)
    if status & (JOB_STATUS_ERROR | JOB_STATUS_BLOCKED_DEVQ | JOB_STATUS_USER_INTERVENTION):
        return PrintOutcome(FAILED, "aborted", name, job_id)
    if status & (JOB_STATUS_DELETED | JOB_STATUS_DELETING):
        return PrintOutcome(FAILED, "canceled", name, job_id)
    return None


def spooler_printer_problem(name: str, status: int, attributes: int) -> PrintOutcome | None:
    if status & PRINTER_STATUS_PAPER_OUT:
        return PrintOutcome(FAILED, "paper_out", name)
    if status & PRINTER_STATUS_OFFLINE or attributes & PRINTER_ATTRIBUTE_WORK_OFFLINE:
        return PrintOutcome(FAILED, "offline", name)
    if status & (PRINTER_STATUS_PAUSED | PRINTER_STATUS_ERROR | PRINTER_STATUS_USER_INTERVENTION):
        return PrintOutcome(FAILED, "printer_stopped", name)
    return None


class WindowsSpoolerService(PrintService):
    """The Windows spooler through pywin32. Qt paints (GDI); this follows the job.

    A finished job usually leaves the queue at once: a job seen, then gone with no
    error bit ever set, counts as completed (the spooler handed it to the printer
    and the port monitor reported no error), unless the printer itself then reports
    a problem.
    """

    kind = "windows"
    follows_jobs = True

    def __init__(
        self, sleep: Sleep = time.sleep, monotonic: Monotonic = time.monotonic,
        poll: float = POLL_S,
    ) -> None:  # fmt: skip
        import win32print  # type: ignore[import-not-found,unused-ignore]

        self.win32print = win32print
        self.sleep = sleep
        self.monotonic = monotonic
        self.poll = poll

    def printers(self) -> list[str]:
        flags = self.win32print.PRINTER_ENUM_LOCAL | self.win32print.PRINTER_ENUM_CONNECTIONS
        return sorted(p[2] for p in self.win32print.EnumPrinters(flags, None, 1))

    def check_printer(self, name: str) -> PrintOutcome | None:
        try:
            handle = self.win32print.OpenPrinter(name)
        except Exception as exc:  # pywintypes.error
            log.warning("printer %s not opened: %s", name, exc)
            return PrintOutcome(FAILED, "unknown_printer", name)
        try:
            info = self.win32print.GetPrinter(handle, 2)
        finally:
            self.win32print.ClosePrinter(handle)
        return spooler_printer_problem(name, int(info["Status"]), int(info["Attributes"]))

    def follow_spooled(
        self, name: str, title: str, timeout: float = DEFAULT_TIMEOUT_S
    ) -> PrintOutcome:
        try:
            handle = self.win32print.OpenPrinter(name)
        except Exception as exc:
            return PrintOutcome(FAILED, "unknown_printer", name, detail=str(exc))
        deadline = self.monotonic() + timeout
        job_id: int | None = None
        try:
            while True:
                jobs = self.win32print.EnumJobs(handle, 0, 999, 1)
                if job_id is None:
                    ours = [j for j in jobs if j.get("pDocument") == title]
                    if ours:
                        job_id = max(int(j["JobId"]) for j in ours)
                job = next((j for j in jobs if job_id is not None and j["JobId"] == job_id), None)
                if job is None and job_id is not None:
                    info = self.win32print.GetPrinter(handle, 2)
                    problem = spooler_printer_problem(
                        name, int(info["Status"]), int(info["Attributes"])
                    )
                    if problem is not None:
                        return PrintOutcome(FAILED, problem.reason, name, job_id)
                    return PrintOutcome(COMPLETED, "completed", name, job_id)
                if job is not None:
                    outcome = spooler_job_outcome(name, int(job["JobId"]), int(job["Status"]))
                    if outcome is not None:
                        if not outcome.printed:
                            self._cancel(handle, int(job["JobId"]))
                        return outcome
                elif self.monotonic() >= deadline:  # never saw the job at all
                    return PrintOutcome(FAILED, "failed", name)
                if self.monotonic() >= deadline:
                    if job_id is not None:
                        self._cancel(handle, job_id)
                    return PrintOutcome(FAILED, "timeout", name, job_id)
                self.sleep(self.poll)
        finally:
            self.win32print.ClosePrinter(handle)

    def _cancel(self, handle: Any, job_id: int) -> None:
        try:
            self.win32print.SetJob(handle, job_id, 0, None, self.win32print.JOB_CONTROL_DELETE)
        except Exception as exc:
            log.warning("could not cancel spooler job %d: %s", job_id, exc)


# --- choosing ------------------------------------------------------------------------------


def print_service(server: str | None = None, sleep: Sleep = time.sleep) -> PrintService:
    """CUPS where pycups is there, the spooler on Windows, else Qt alone.

    ``sleep`` is how to wait between looks at the job (the UI passes one that keeps
    the window painting)."""
    if sys.platform == "win32":
        try:
            return WindowsSpoolerService(sleep=sleep)
        except ImportError:
            log.warning("pywin32 missing: print jobs cannot be followed")
            return QtOnlyService()
    try:
        service = CupsService(server or os.environ.get("CUPS_SERVER") or None, sleep=sleep)
    except ImportError:
        log.warning("pycups missing: print jobs cannot be followed")
        return QtOnlyService()
    return service
