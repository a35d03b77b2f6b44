"""Print truth on a real CUPS scheduler: a job counts as printed only when it completed.

The scheduler, its queues (cups-pdf, a PDF file printer, a Brother QL, a Zebra ZPL, a
rejecting, a disabled and a broken queue) come from ``tests/print_support.py``. Every
printed badge is decoded back with zxing-cpp from what the queue wrote: the PDF
(rasterized by poppler), or the Zebra's ZPL graphic itself.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
import zxingcpp
from PIL import Image
from print_support import CupsServer, cups_or_skip, cups_pdf_dir

from checkin.badges import printing
from checkin.badges.layouts import LAYOUTS, BadgeData, BadgeStyle, get_layout, monochrome
from checkin.badges.pdf import badge_pdf, write_pdf

STYLE = BadgeStyle("북한이탈주민의 날", "North Korean Defectors' Day", "2027.07.14")
CODE = "CK1" + "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ" * 3 + "ABCDEFGHIJKLMNOPQRSTU"


def badge(reg_no: str = "DD-0042", code: str = CODE) -> BadgeData:
    return BadgeData(
        attendee_id="0123456789abcdef", reg_no=reg_no, code=code, name="김민수",
        category="defector", category_ko="참가자", category_en="Participant",
        color="#FBC02D", organization="새터 이웃들", no_photo=True,
    )  # fmt: skip


@pytest.fixture(scope="module")
def cupsd():
    server = cups_or_skip()
    yield server
    server.stop()


@pytest.fixture
def service(cupsd: CupsServer) -> printing.CupsService:
    return printing.CupsService(cupsd.server, poll=0.05)


def qr_texts(image: Image.Image) -> list[str]:
    qr = zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode)
    return [r.text for r in zxingcpp.read_barcodes(image, formats=qr)]


def scan_pdf(path, tmp_path, dpi: int = 300) -> list[str]:
    assert shutil.which("pdftoppm"), "poppler-utils (pdftoppm) is needed"
    out = tmp_path / f"ras-{path.stem}"
    out.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(path), str(out / "p")], check=True)
    found = []
    for page in sorted(out.glob("p-*.png")):
        found += qr_texts(Image.open(page))
    return found


def write_badge(tmp_path, layout, data: BadgeData | None = None):
    path = tmp_path / "badge.pdf"
    path.write_bytes(badge_pdf(data or badge(), STYLE, layout))
    return path


def printed_pdf(cupsd: CupsServer, tmp_path):
    """The PDF the Generic PDF printer wrote (its PJL job wrapper taken off)."""
    data = cupsd.output("pdfout").read_bytes()
    start, end = data.find(b"%PDF"), data.rfind(b"%%EOF")
    assert start >= 0 and end > start, data[:200]
    out = tmp_path / "printed.pdf"
    out.write_bytes(data[start : end + 5])
    return out


def queued(cupsd: CupsServer) -> str:
    return cupsd.run("lpstat", "-h", cupsd.server, "-o")


# --- completed jobs, decoded from what the printer got -------------------------------------


@pytest.mark.parametrize(
    "key", [*LAYOUTS, "custom:70x110", "custom:100x70", "mono:ql62", "mono:cr80p"]
)
def test_a_completed_job_is_printed_and_its_output_decodes(cupsd, service, tmp_path, key):
    layout = monochrome(get_layout(key[5:]), 300) if key.startswith("mono:") else get_layout(key)
    outcome = service.print_pdf("pdfout", write_badge(tmp_path, layout), "DD-0042")
    assert outcome.state == printing.COMPLETED and outcome.printed and outcome.confirmed, outcome
    assert outcome.message("ko").startswith("인쇄되었습니다")
    out = printed_pdf(cupsd, tmp_path)
    assert scan_pdf(out, tmp_path) == [CODE]


def test_a_many_badge_job_is_one_small_vector_pdf_with_copies(cupsd, service, tmp_path):
    codes = [f"{CODE[:-3]}{i:03d}" for i in range(12)]
    data = [badge(f"DD-{i:04d}", c) for i, c in enumerate(codes)]
    path = tmp_path / "many.pdf"
    write_pdf(data, STYLE, "ql62x100", path, workers=1)
    assert path.stat().st_size < 400_000  # vector: ~20 kB a badge, not a bitmap
    title = printing.job_title([b.reg_no for b in data])
    assert title == "DD-0000 … DD-0011 (12)"
    outcome = service.print_pdf("pdfout", path, title, {"copies": "2"})
    assert outcome.confirmed, outcome
    out = printed_pdf(cupsd, tmp_path)
    assert sorted(scan_pdf(out, tmp_path, dpi=200)) == sorted(codes * 2)


def test_the_job_title_is_the_registration_number(cupsd, service, tmp_path):
    outcome = service.print_pdf("pdfout", write_badge(tmp_path, "cr80"), "DD-0042")
    assert outcome.confirmed
    # what reached the printer (its PJL header) names the job by the number, no name
    assert b'JOB NAME = "DD-0042"' in cupsd.output("pdfout").read_bytes()
    assert printing.job_title(["DD-0042"]) == "DD-0042"


def test_cups_pdf_queue_completes_and_writes_the_badge(cupsd, service, tmp_path):
    title = f"checkin-test-{tmp_path.name}"
    outcome = service.print_pdf("cupspdf", write_badge(tmp_path, "cr80"), title)
    assert outcome.confirmed, outcome
    written = sorted(cups_pdf_dir().glob(f"{title}*.pdf"))
    try:
        assert written, f"cups-pdf wrote nothing to {cups_pdf_dir()}"
        assert scan_pdf(written[-1], tmp_path) == [CODE]
    finally:
        for f in written:
            f.unlink()


def test_brother_ql_queue_completes_with_ql_raster(cupsd, service, tmp_path):
    layout = monochrome(get_layout("ql62x100"), 300)
    outcome = service.print_pdf("ql", write_badge(tmp_path, layout), "DD-0042")
    assert outcome.confirmed, outcome
    data = cupsd.output("ql.bin").read_bytes()
    # Brother raster: invalidate (NULs), initialise (ESC @), raster lines ('g' ...)
    assert b"\x1b@" in data[:1000] and len(data) > 10_000


def zpl_graphic(data: bytes) -> Image.Image:
    """The ~DG graphic of a ZPL job as an image (ZPL's run-length hex decoded)."""
    text = data.decode("ascii", "replace")
    m = re.search(r"~DG[^,]*,(\d+),(\d+),", text)
    assert m, "no ~DG graphic in the ZPL output"
    total, row_bytes = int(m.group(1)), int(m.group(2))
    body = text[m.end() :].split("^XA", 1)[0]
    counts = {chr(ord("G") + i): i + 1 for i in range(19)}
    counts.update({chr(ord("g") + i): 20 * (i + 1) for i in range(20)})
    row_hex = row_bytes * 2
    rows: list[str] = []
    line = ""
    repeat = 0
    for ch in body:
        if ch in counts:
            repeat += counts[ch]
            continue
        if ch in "0123456789ABCDEFabcdef":
            line += ch * (repeat or 1)
            repeat = 0
        elif ch == ",":
            line = line.ljust(row_hex, "0")
        elif ch == "!":
            line = line.ljust(row_hex, "F")
        elif ch == ":":
            rows.append(rows[-1] if rows else "0" * row_hex)
            continue
        else:
            continue
        while len(line) >= row_hex:
            rows.append(line[:row_hex])
            line = line[row_hex:]
    height = total // row_bytes
    raw = bytes.fromhex("".join(rows[:height]))
    image = Image.frombytes("1", (row_bytes * 8, len(raw) // row_bytes), raw)
    # ZPL: a set bit is a black dot; PIL "1": a set bit is white
    return Image.eval(image.convert("L"), lambda v: 255 - v)


def test_zebra_zpl_queue_prints_a_monochrome_badge_whose_qr_decodes(cupsd, service, tmp_path):
    layout = monochrome(get_layout("label4x6"), 203)
    outcome = service.print_pdf("zebra", write_badge(tmp_path, layout), "DD-0042")
    assert outcome.confirmed, outcome
    data = cupsd.output("zebra.zpl").read_bytes()
    assert b"^XA" in data and b"^XZ" in data
    image = zpl_graphic(data)
    assert qr_texts(image) == [CODE]  # the 1-bit head's own dots read back


# --- jobs that did not print -------------------------------------------------------------


def test_a_rejecting_queue_is_not_printed_and_says_so(cupsd, service, tmp_path):
    outcome = service.print_pdf("rejecting", write_badge(tmp_path, "cr80"), "DD-0042")
    assert outcome.state == printing.FAILED and not outcome.printed
    assert outcome.reason == "rejected"
    assert "거부" in outcome.message("ko") and "Retry" in outcome.message("en")
    assert "rejecting" not in queued(cupsd)


def test_a_disabled_queue_is_not_printed_and_nothing_waits_to_print_later(cupsd, service,
                                                                          tmp_path):  # fmt: skip
    outcome = service.print_pdf("disabled", write_badge(tmp_path, "cr80"), "DD-0042")
    assert not outcome.printed and outcome.reason == "printer_stopped"
    assert "멈춰" in outcome.message("ko") and "out of labels" in outcome.message("en")
    assert "disabled" not in queued(cupsd)  # nothing left to come out, unlogged, later


def test_a_stopped_job_is_not_printed_and_is_cancelled(cupsd, service, tmp_path):
    outcome = service.print_pdf("broken", write_badge(tmp_path, "cr80"), "DD-0042")
    assert not outcome.printed and outcome.reason in ("job_stopped", "printer_stopped"), outcome
    assert "broken-" not in queued(cupsd)


def test_a_job_that_never_finishes_times_out_and_is_cancelled(cupsd, tmp_path):
    now = [0.0]

    def sleep(s: float) -> None:
        now[0] += s

    service = printing.CupsService(cupsd.server, sleep=sleep, monotonic=lambda: now[0])
    outcome = service.print_pdf(
        "pdfout", write_badge(tmp_path, "cr80"), "DD-0042",
        {"job-hold-until": "indefinite"}, timeout=30,
    )  # fmt: skip
    assert outcome.reason == "timeout" and not outcome.printed
    assert now[0] >= 30
    assert "pdfout-" not in queued(cupsd)


def test_an_unknown_printer_is_said(cupsd, service, tmp_path):
    outcome = service.print_pdf("no-such-queue", write_badge(tmp_path, "cr80"), "DD-0042")
    assert outcome.reason == "unknown_printer" and "no-such-queue" in outcome.message("en")


def test_check_printer_reports_before_sending(cupsd, service):
    assert service.check_printer("pdfout") is None
    assert service.check_printer("rejecting").reason == "rejected"
    assert service.check_printer("disabled").reason == "printer_stopped"
    assert "pdfout" in service.printers()


# --- without a print system that can be asked ------------------------------------------------


def test_qt_alone_says_it_cannot_confirm():
    outcome = printing.QtOnlyService().follow_spooled("Office", "DD-0042")
    assert outcome.printed and not outcome.confirmed
    assert "cannot confirm" in outcome.message("en")
    assert "확인할 수 없습니다" in outcome.message("ko")


def test_windows_spooler_status_bits():
    job = printing.spooler_job_outcome
    assert job("P", 3, 0) is None  # still spooling
    assert job("P", 3, printing.JOB_STATUS_PRINTED).confirmed
    assert job("P", 3, printing.JOB_STATUS_PAPEROUT).reason == "paper_out"
    assert job("P", 3, printing.JOB_STATUS_OFFLINE).reason == "offline"
    assert job("P", 3, printing.JOB_STATUS_ERROR | printing.JOB_STATUS_PRINTED).reason == "aborted"
    assert job("P", 3, printing.JOB_STATUS_DELETED).reason == "canceled"
    printer = printing.spooler_printer_problem
    assert printer("P", 0, 0) is None
    assert printer("P", printing.PRINTER_STATUS_PAPER_OUT, 0).reason == "paper_out"
    assert printer("P", 0, printing.PRINTER_ATTRIBUTE_WORK_OFFLINE).reason == "offline"
    assert printer("P", printing.PRINTER_STATUS_PAUSED, 0).reason == "printer_stopped"


def test_job_titles_carry_registration_numbers_only():
    assert printing.job_title([]) == "checkin badges"
    assert printing.job_title(["A-1", "", "A-3"]) == "A-1 … A-3 (2)"


# --- layouts for label printers (no scheduler needed) ---------------------------------------


@pytest.mark.parametrize("key", ["ql62", "ql62x100", "cr80p", "label4x6", "cr80", "custom:80x50"])
@pytest.mark.parametrize("dpi", [203, 300])
def test_monochrome_badges_are_pure_black_and_white_with_whole_dot_modules(key, dpi) -> None:
    from checkin.badges.layouts import BLACK, QR, WHITE, Ellipse, Line, Rect, Text, compose

    layout = monochrome(get_layout(key), dpi)
    drawing = compose(badge(), STYLE, layout)
    colours = set()
    for op in drawing.ops:
        if isinstance(op, Rect):
            colours.add(op.fill)
        elif isinstance(op, Text | Line):
            colours.add(op.color)
        elif isinstance(op, Ellipse):
            colours.update(c for c in (op.fill, op.stroke) if c)
    assert colours <= {BLACK, WHITE}
    band = [op for op in drawing.ops if isinstance(op, Rect) and op.w == layout.badge_w
            and op.fill == BLACK]  # fmt: skip
    assert band, "the category band is a solid black bar"
    qr = next(op for op in drawing.ops if isinstance(op, QR))
    dots = qr.module * dpi / 25.4
    assert abs(dots - round(dots)) < 1e-6 and round(dots) >= 3


def test_label_layouts_keep_clear_of_a_ql_head_edge() -> None:
    from checkin.badges.layouts import QR, Text, compose

    for key in ("ql62", "ql62x100"):
        layout = get_layout(key)
        assert layout.page_w == 62.0  # the tape, not a CR80 page wider than the head
        drawing = compose(badge(), STYLE, layout)
        for op in drawing.ops:
            if isinstance(op, Text):
                assert op.x >= 3.0 - 1e-6 and op.x + op.width <= 59.0 + 1e-6, op
            if isinstance(op, QR):
                assert op.x >= 3.0 and op.x + op.size * op.module <= 59.0


def test_custom_sizes() -> None:
    from checkin import errors

    assert get_layout("custom:70x110").design == "tall"
    assert get_layout("custom:120x80").design == "card"
    assert get_layout("custom:70.5x110").key == "custom:70.5x110"
    for bad in ("custom:10x10", "custom:70", "custom:axb", "custom:400x100"):
        with pytest.raises(errors.InvalidInput):
            get_layout(bad)


def test_pwg_media_names() -> None:
    assert printing.media_size_mm("iso_a6_105x148mm") == (105.0, 148.0)
    assert printing.media_size_mm("na_index-4x6_4x6in") == pytest.approx((101.6, 152.4))
    assert printing.media_size_mm("custom_62.09x100.19mm_62.09x100.19mm") == (62.09, 100.19)
    assert printing.media_size_mm("oddly") is None
    assert printing.same_size((85.6, 54.0), (54.0, 85.6))
    assert not printing.same_size((85.6, 54.0), (62.0, 100.0))


def test_the_queue_media_of_the_badge_size_is_asked_for_else_the_page_is_said(cupsd, service,
                                                                              tmp_path):  # fmt: skip
    ql = get_layout("ql62x100")
    outcome = service.print_pdf("ql", write_badge(tmp_path, ql), "DD-0042",
                                page_mm=(ql.page_w, ql.page_h))  # fmt: skip
    assert outcome.confirmed and outcome.page_mm is None  # the QL's 62x100 label chosen
    a4 = get_layout("a4")
    outcome = service.print_pdf("ql", write_badge(tmp_path, a4), "DD-0042",
                                page_mm=(a4.page_w, a4.page_h))  # fmt: skip
    assert outcome.confirmed and outcome.page_mm is not None
    assert printing.same_size(outcome.page_mm, (62.0, 100.0), tolerance=1.0)
