"""Sending badges to a printer, and what each station remembers about it.

:func:`send_job` is the one way badges go to a printer. Where the print service takes
PDF (CUPS), the badge PDF itself is submitted (vector, small) and the job followed to
its end (``checkin.badges.printing``). Elsewhere (Windows spooler, Qt alone) the pages are
painted by Qt: rendered by the same renderer as PNG files (Pillow, from the layout
engine's operations) at the printer's resolution, capped so an A4 sheet stays a
reasonable image, and drawn *with their aspect kept*, centred on the printer's page
(never stretched; :func:`page_mismatch` says when the page differs). The QR modules
are snapped to whole pixels, so the symbol stays crisp on any printer; a monochrome
layout is drawn as pure black and white (1 bit).

``BadgePrinterSettings`` keeps the chosen printer and layouts per station (QSettings,
keyed by the event file's station id), so a kiosk opens with its label printer and
layout already chosen.
"""

from __future__ import annotations

import dataclasses
import logging
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSettings, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from checkin.badges import printing
from checkin.badges.layouts import BadgeData, BadgeStyle, Layout, Page
from checkin.badges.renderer import render_page

log = logging.getLogger(__name__)

SINGLE_MAX_DPI = 600  # one badge per page: plenty for text and QR
SHEET_MAX_DPI = 300  # A4 sheets: 300 dpi keeps a page image near 26 MB


def pil_to_qimage(image) -> QImage:  # type: ignore[no-untyped-def]
    rgb = image.convert("RGB")
    data = rgb.tobytes()
    qimage = QImage(data, rgb.width, rgb.height, rgb.width * 3, QImage.Format.Format_RGB888)
    return qimage.copy()  # own the pixels; ``data`` goes away


def configure(printer: QPrinter, layout: Layout) -> None:
    """Paper of the layout's size, no margins, the whole page ours."""
    size = QPageSize(
        QSizeF(layout.page_w, layout.page_h), QPageSize.Unit.Millimeter, layout.key,
        QPageSize.SizeMatchPolicy.FuzzyMatch,
    )  # fmt: skip
    orientation = QPageLayout.Orientation.Portrait
    printer.setFullPage(True)
    printer.setPageLayout(
        QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    )


def raster_dpi(printer: QPrinter, layout: Layout) -> int:
    cap = SHEET_MAX_DPI if layout.sheet else SINGLE_MAX_DPI
    return max(150, min(printer.resolution(), cap))


def print_pages(
    printer: QPrinter,
    pages: Sequence[Page],
    layout: Layout,
    progress: Callable[[int, int], None] | None = None,
) -> bool:
    """Paint ``pages`` on ``printer``; returns False if the printer could not start."""
    painter = QPainter()
    if not painter.begin(printer):
        log.warning("printer did not start (%s)", printer.printerName() or printer.outputFileName())
        return False
    try:
        dpi = raster_dpi(printer, layout)
        for i, page in enumerate(pages):
            if i:
                printer.newPage()
            rendered = render_page(page, dpi)
            if layout.mono:  # thermal head: 1 bit, no grey dither in text or bars
                rendered = rendered.convert("L").point(lambda v: 255 if v >= 128 else 0)
            image = pil_to_qimage(rendered)
            target = printer.paperRect(QPrinter.Unit.DevicePixel)
            painter.drawImage(fit_rect(target.width(), target.height(), page.w, page.h), image)
            if progress:
                progress(i + 1, len(pages))
    finally:
        painter.end()
    return True


def fit_rect(target_w: float, target_h: float, page_w: float, page_h: float) -> QRectF:
    """The largest rectangle of the page's aspect inside the target, centred."""
    scale = min(target_w / page_w, target_h / page_h)
    w, h = page_w * scale, page_h * scale
    return QRectF((target_w - w) / 2, (target_h - h) / 2, w, h)


def page_mismatch(printer: QPrinter, layout: Layout) -> tuple[float, float] | None:
    """The printer's page (mm) when it differs from the layout's by more than 1 mm."""
    rect = printer.paperRect(QPrinter.Unit.Millimeter)
    w, h = rect.width(), rect.height()
    if abs(w - layout.page_w) <= 1.0 and abs(h - layout.page_h) <= 1.0:
        return None
    return (w, h)


def ui_sleep(seconds: float) -> None:
    """Wait while following a job, the window still repainting."""
    end = time.monotonic() + seconds
    while True:
        QCoreApplication.processEvents()
        left = end - time.monotonic()
        if left <= 0:
            return
        time.sleep(min(left, 0.05))


def send_job(
    service: printing.PrintService,
    printer: QPrinter,
    layout: Layout,
    pages: Callable[[], Sequence[Page]],
    write_pdf: Callable[[Path], None],
    title: str,
    copies: int = 1,
    progress: Callable[[int, int], None] | None = None,
    timeout: float = printing.DEFAULT_TIMEOUT_S,
) -> printing.PrintOutcome:
    """Print and follow the job: the badge PDF where the service takes it, else Qt.

    ``pages()`` gives the pages *with* the copies (Qt path); ``write_pdf(path)`` writes
    one copy of the badges as PDF (the service prints ``copies`` of it).
    """
    name = printer.printerName()
    native = printer.outputFormat() == QPrinter.OutputFormat.NativeFormat and bool(name)
    if native and service.accepts_pdf:
        with tempfile.TemporaryDirectory(prefix="checkin-print-") as tmp:
            path = Path(tmp) / "badges.pdf"
            write_pdf(path)
            options = {"copies": str(copies)} if copies > 1 else {}
            return service.print_pdf(
                name, path, title, options, timeout=timeout, page_mm=(layout.page_w, layout.page_h)
            )
    if native and service.follows_jobs:
        problem = service.check_printer(name)
        if problem is not None:
            return problem
    printer.setDocName(title)
    if not print_pages(printer, pages(), layout, progress):
        return printing.PrintOutcome(printing.FAILED, "not_started", name)
    page = page_mismatch(printer, layout)
    if native and service.follows_jobs:
        outcome = service.follow_spooled(name, title, timeout=timeout)
    else:
        outcome = printing.PrintOutcome(printing.SENT, "sent", name or printer.outputFileName())
    if page is not None:
        outcome = dataclasses.replace(outcome, page_mm=page)
    return outcome


class BadgePrinterSettings:
    """Printer and layouts remembered per station (this computer's QSettings)."""

    def __init__(self, station_id: str, settings: QSettings | None = None) -> None:
        self.settings = settings or QSettings("checkin", "checkin")
        self.prefix = f"stations/{station_id}/badges"

    def _get(self, key: str, default: str) -> str:
        value = self.settings.value(f"{self.prefix}/{key}", default)
        return str(value) if value is not None else default

    def layout(self, kind: str, default: str) -> str:
        return self._get(f"layout_{kind}", default)

    def set_layout(self, kind: str, key: str) -> None:
        self.settings.setValue(f"{self.prefix}/layout_{kind}", key)

    def printer_name(self) -> str:
        return self._get("printer", "")

    def set_printer_name(self, name: str) -> None:
        self.settings.setValue(f"{self.prefix}/printer", name)

    def make_printer(self) -> QPrinter:
        """A printer set to the remembered one if it is still installed."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        name = self.printer_name()
        if name and name in QPrinterInfo.availablePrinterNames():
            printer.setPrinterName(name)
        return printer


def print_one_badge(
    service: printing.PrintService,
    printer_name: str,
    badge: BadgeData,
    style: BadgeStyle,
    layout: Layout,
    title: str,
    timeout: float = printing.DEFAULT_TIMEOUT_S,
) -> printing.PrintOutcome:
    """One badge on a named printer through Qt (the self-test where CUPS is not there)."""
    from PySide6.QtWidgets import QApplication

    from checkin.badges.layouts import compose, paginate
    from checkin.badges.pdf import badge_pdf

    _app = QApplication.instance() or QApplication([])
    if printer_name not in QPrinterInfo.availablePrinterNames():
        return printing.PrintOutcome(printing.FAILED, "unknown_printer", printer_name)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPrinterName(printer_name)
    configure(printer, layout)

    def write(path: Path) -> None:
        path.write_bytes(badge_pdf(badge, style, layout))

    return send_job(
        service, printer, layout, lambda: paginate([compose(badge, style, layout)], layout),
        write, title, timeout=timeout,
    )  # fmt: skip
