"""``checkin --self-test``: prove an installed (or frozen) app works, headless.

Runs the whole chain on a temporary encrypted event and exits 0 only if every step
holds: create an encrypted event and reopen it (a wrong passphrase is refused),
register an attendee with a Korean name, render the badge (PNG and PDF, bundled font),
decode its QR code back to the exact code, scan it (ok, then already_in), search by
초성, export the attendance list (XLSX), exchange a sync bundle with a provisioned desk, and
draw the check-in screen offscreen with the bundled Korean font. Prints one line per
step; nothing personal is involved (the data is made up).

``--printer NAME`` adds a real print: one test badge (made-up attendee, titled by its
registration number) goes to that printer and the self-test waits for the job's real
end state (``checkin.badges.printing``): it passes only if the job *completed*; a rejected,
stopped or failed job, or a system where the job cannot be followed, fails it.
"""

from __future__ import annotations

import os
import secrets
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import checkin
from checkin.clock import SYSTEM_CLOCK


class SelfTestFailure(Exception):
    pass


def _check(condition: bool, what: str) -> None:
    if not condition:
        raise SelfTestFailure(what)


class SelfTest:
    def __init__(
        self, root: Path, out: Callable[[str], None] = print, printer: str = "",
        layout: str = "cr80", mono: bool = False, timeout: float = 120.0, hub_url: str = "",
    ) -> None:  # fmt: skip
        self.root = root
        self.out = out
        self.printer = printer
        self.layout = layout
        self.mono = mono
        self.timeout = timeout
        self.hub_url = hub_url
        if hub_url:
            self.STEPS = (*type(self).STEPS, ("hub", "hub"))
        self.passphrase = secrets.token_urlsafe(16)
        self.state: dict[str, Any] = {}

    # -- steps ------------------------------------------------------------------------

    def encrypted_event(self) -> str:
        from checkin import errors
        from checkin.event import identity as event
        from checkin.event.files import HAVE_SQLCIPHER, open_event_file

        _check(HAVE_SQLCIPHER, "SQLCipher (sqlcipher3) is not available")
        path = self.root / "selftest.checkin"
        event.create_event(
            path, name="자체 점검", date="2027-07-14", passphrase=self.passphrase
        ).close()
        _check(not path.read_bytes().startswith(b"SQLite format 3"), "the file is not encrypted")
        try:
            open_event_file(path, "not the passphrase").close()
        except errors.WrongPassphrase:
            pass
        else:
            raise SelfTestFailure("a wrong passphrase opened the file")
        self.state["path"] = path
        self.state["ef"] = open_event_file(path, self.passphrase)
        return "created, encrypted, wrong passphrase refused"

    def register(self) -> str:
        from checkin.event import settings as settings_mod
        from checkin.people import attendees
        from checkin.protect import consent

        ef = self.state["ef"]
        agreed = consent.record(
            SYSTEM_CLOCK, settings_mod.load(ef), [consent.ENTRY, consent.CONTACT]
        )
        person = attendees.add_attendee(
            ef, SYSTEM_CLOCK, display_name="김민수", category="defector",
            phone="010-0000-1234", no_photo=True, **agreed,
        )  # fmt: skip
        self.state["person"] = person
        return person.reg_no

    def badge(self) -> str:
        import io

        import zxingcpp
        from PIL import Image

        from checkin.badges import service as badges
        from checkin.badges.pdf import badge_pdf
        from checkin.badges.renderer import badge_png
        from checkin.event.identity import badge_code

        ef, person = self.state["ef"], self.state["person"]
        data = badges.badge_data(ef, [person])[0]
        style = badges.style(badges.settings_mod.load(ef))
        png = badge_png(data, style, "cr80")
        image = Image.open(io.BytesIO(png))
        # QR only, as the kiosk camera reads (other formats can "find" codes in text)
        qr_only = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
        found = [r.text for r in zxingcpp.read_barcodes(image, formats=qr_only)]
        code = badge_code(ef, person.id, person.badge_version)
        _check(found == [code], f"the badge QR decoded to {found!r}")
        pdf = badge_pdf(data, style, "cr80")
        _check(pdf.startswith(b"%PDF") and b"NanumSquare" in pdf, "the badge PDF lacks the font")
        self.state["code"] = code
        return f"PNG {len(png) // 1024} kB decodes, PDF {len(pdf) // 1024} kB"

    def scan(self) -> str:
        from checkin.door.engine import CheckinEngine
        from checkin.models import Status

        engine = CheckinEngine(self.state["ef"])
        first = engine.scan(self.state["code"], station="self-test")
        second = engine.scan(self.state["code"], station="self-test")
        _check(first.status is Status.OK, f"first scan: {first.status}")
        _check(second.status is Status.ALREADY_IN, f"second scan: {second.status}")
        forged = engine.scan(self.state["code"][:-4] + "AAAA")
        _check(forged.status is Status.INVALID, f"forged code: {forged.status}")
        return "ok, already_in, forged refused"

    def search(self) -> str:
        from checkin.people import search

        hits = search.search(self.state["ef"].conn, "ㄱㅁㅅ")
        _check([h.attendee.id for h in hits] == [self.state["person"].id], "초성 search")
        return "ㄱㅁㅅ -> 김민수"

    def export(self) -> str:
        from checkin.lists import exporter
        from checkin.protect.access import Access

        out = self.root / "attendance.xlsx"
        ef = self.state["ef"]
        result = exporter.export(
            ef, out, opts=exporter.ExportOptions(checked_in_only=True),
            access=Access.for_file(ef),  # no PIN on the test event: the organizer
        )  # fmt: skip
        _check(result.rows == 1 and not result.personal, "the export is not the checked-in list")
        _check(out.read_bytes()[:2] == b"PK", "the XLSX file is not a workbook")
        return f"{out.name}: {result.rows} row, fields {', '.join(result.fields)}"

    def sync(self) -> str:
        from checkin.door.engine import CheckinEngine
        from checkin.event.files import open_event_file
        from checkin.sync import bundle, provision

        ef = self.state["ef"]
        desk_path = self.root / "desk.checkin"
        provision.provision(
            ef,
            desk_path,
            SYSTEM_CLOCK,
            station_name="desk",
            role="desk",
            passphrase=self.passphrase,
        )
        with open_event_file(desk_path, self.passphrase) as desk:
            CheckinEngine(desk).check_in(self.state["person"].id, list="main", direction="exit")
            out = self.root / "desk.ckbundle"
            bundle.export_bundle(desk, out, SYSTEM_CLOCK)
        _check(not out.read_bytes().startswith(b"SQLite format 3"), "the bundle is not encrypted")
        result = bundle.import_bundle(ef, out, SYSTEM_CLOCK)
        _check(result.imported >= 1, "the bundle brought nothing")
        again = bundle.import_bundle(ef, out, SYSTEM_CLOCK)
        _check(again.imported == 0, "importing twice changed something")
        return f"desk bundle merged ({result.imported} rows), re-import no-op"

    def print_badge(self) -> str:
        from checkin.badges import printing
        from checkin.badges import service as badges
        from checkin.badges.layouts import get_layout, monochrome
        from checkin.badges.pdf import badge_pdf

        ef, person = self.state["ef"], self.state["person"]
        data = badges.badge_data(ef, [person])[0]
        style = badges.style(badges.settings_mod.load(ef))
        layout = get_layout(self.layout)
        if self.mono:
            layout = monochrome(layout, 300)
        title = printing.job_title([data.reg_no])
        service = printing.print_service()
        if service.accepts_pdf:
            path = self.root / "test-badge.pdf"
            path.write_bytes(badge_pdf(data, style, layout))
            outcome = service.print_pdf(
                self.printer, path, title, timeout=self.timeout,
                page_mm=(layout.page_w, layout.page_h),
            )  # fmt: skip
        else:
            outcome = self._print_with_qt(service, data, style, layout, title)
        _check(outcome.confirmed, f"{outcome.message('en')} / {outcome.message('ko')}")
        return f"{service.kind} job {outcome.job_id} on {self.printer} completed (title {title})"

    def _print_with_qt(self, service: Any, data: Any, style: Any, layout: Any, title: str) -> Any:
        """The Windows spooler (or Qt alone, which cannot confirm and so fails here)."""
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from checkin.ui.desk.badge_printer import print_one_badge

        return print_one_badge(service, self.printer, data, style, layout, title, self.timeout)

    def screen(self) -> str:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from checkin.ui.kiosk import selftest_screen

        return selftest_screen.draw_scan_screen(self.state["path"], self.passphrase)

    def hub(self) -> str:
        """--hub URL: connect, the role's privileges, a write read back (rolled back)."""
        from checkin.sync import hub_diagnose

        found = hub_diagnose.diagnose(self.hub_url)
        for step, ok, detail in found.steps:
            if ok:
                self.out(f"     hub {step}: {detail}")
        if found.problem is not None:
            raise SelfTestFailure(found.problem.message(_lang()))
        return f"{found.where}: connect, privileges, round trip"

    # -- running ------------------------------------------------------------------------

    STEPS: tuple[tuple[str, str], ...] = (
        ("encrypted event", "encrypted_event"),
        ("register", "register"),
        ("badge", "badge"),
        ("scan", "scan"),
        ("search", "search"),
        ("export", "export"),
        ("sync bundle", "sync"),
        ("check-in screen", "screen"),
    )

    def run(self) -> bool:
        self.out(f"checkin {checkin.__version__} self-test ({sys.platform})")
        ok = True
        steps = list(self.STEPS)
        if self.printer:
            steps.insert(3, ("printer", "print_badge"))
        for label, name in steps:
            started = time.perf_counter()
            try:
                detail = getattr(self, name)()
            except Exception as exc:  # report every failure, keep going
                ok = False
                self.out(f"FAIL {label}: {exc}")
                self.out(traceback.format_exc().rstrip())
                continue
            self.out(f"ok   {label} ({(time.perf_counter() - started) * 1000:.0f} ms): {detail}")
        ef = self.state.get("ef")
        if ef is not None:
            ef.close()
        self.out("self-test passed" if ok else "self-test FAILED")
        return ok


def _lang() -> str:
    from checkin.errors import preferred_language

    return preferred_language()


def parse_options(argv: list[str]) -> Any:
    import argparse

    from checkin.badges.layouts import LAYOUTS

    p = argparse.ArgumentParser(prog="checkin --self-test")
    p.add_argument(
        "--printer",
        default="",
        metavar="NAME",
        help="also print one test badge there and wait for the job to complete",
    )
    p.add_argument(
        "--layout",
        default="cr80",
        help=f"badge layout for --printer: {', '.join(LAYOUTS)} or custom:WxH",
    )
    p.add_argument("--mono", action="store_true", help="black and white (thermal printer)")
    p.add_argument("--timeout", type=float, default=120.0,
                   help="seconds to wait for the printer (default 120)")  # fmt: skip
    p.add_argument(
        "--hub", metavar="URL", default="", help="also check this sync hub (connect, privileges, "
        "a write read back)",
    )  # fmt: skip
    return p.parse_args(argv)


def run_self_test(argv: list[str] | None = None) -> int:
    """``checkin --self-test [--printer NAME ...] [--hub URL]``."""
    opts = parse_options(list(argv or []))
    with tempfile.TemporaryDirectory(prefix="checkin-selftest-") as tmp:
        test = SelfTest(Path(tmp), printer=opts.printer, layout=opts.layout, mono=opts.mono,
                        timeout=opts.timeout, hub_url=opts.hub)  # fmt: skip
        return 0 if test.run() else 1


self_test_main = run_self_test  # the name the command line used before
