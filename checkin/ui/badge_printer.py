"""Sending badges to a printer with Qt, and what each station remembers about it.

Pages are painted by the same renderer as PNG files (Pillow, from the layout engine's
operations) at the printer's resolution, capped so an A4 sheet stays a reasonable
image, then drawn 1:1 onto the printer's full page. The QR modules are snapped to
whole pixels, so the symbol stays crisp on any printer.

``BadgePrinterSettings`` keeps the chosen printer and layouts per station (QSettings,
keyed by the event file's station id), so a kiosk opens with its label printer and
layout already chosen.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QMarginsF, QRectF, QSettings, QSizeF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from checkin.badge_layouts import Layout, Page
from checkin.badge_renderer import render_page

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
            image = pil_to_qimage(render_page(page, dpi))
            target = printer.paperRect(QPrinter.Unit.DevicePixel)
            painter.drawImage(QRectF(0, 0, target.width(), target.height()), image)
            if progress:
                progress(i + 1, len(pages))
    finally:
        painter.end()
    return True


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
