"""Print-ready badge PDFs with fpdf2: vector text in the embedded bundled font, the QR
code as vector rectangles, so every page is sharp at any printer resolution.

- :func:`badge_pdf` writes one badge (a walk-in at the door).
- :func:`write_pdf` writes many badges into one PDF, one badge per page or sheets with
  crop marks. Large jobs are split into page ranges rendered by a pool of worker
  processes (both cores), each writing a partial PDF; the parts are then joined with
  pypdf. ``progress(done, total)`` is called as badges are finished.

The QR code is drawn row by row, one rectangle per run of dark modules, filled in one
path, which keeps the files small and the symbol exact.
"""

from __future__ import annotations

import concurrent.futures
import io
import logging
import multiprocessing
import os
import queue as queue_mod
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fpdf import FPDF

from checkin.assets import font_path
from checkin.badges.layouts import (
    PRIMARY,
    QR,
    BadgeData,
    BadgeStyle,
    Ellipse,
    Image,
    Layout,
    Line,
    Page,
    Rect,
    Text,
    compose,
    get_layout,
    paginate,
    parse_color,
    run_font_path,
    run_size,
    run_width,
)
from checkin.lists.pdfdoc import fonts_closed

log = logging.getLogger(__name__)

FONT_FAMILY = "NanumSquare"
FALLBACK_FAMILY = "DejaVuSans"
Progress = Callable[[int, int], None]

# Below this many badges one process does it all: starting the workers (a fresh
# interpreter each, fonts parsed again) and joining the parts costs about 1.5 s, which
# pays only from about 200 badges on two cores (measured with benchmarks/bench_badges.py).
PARALLEL_MIN_BADGES = 250


def new_pdf(layout: Layout, title: str = "") -> FPDF:
    pdf = FPDF(unit="mm", format=(layout.page_w, layout.page_h))
    pdf.set_auto_page_break(False)
    pdf.set_margin(0)
    pdf.add_font(FONT_FAMILY, "", str(font_path(False)))
    pdf.add_font(FONT_FAMILY, "B", str(font_path(True)))
    pdf.set_creator("checkin")
    if title:
        pdf.set_title(title)
    return pdf


class _Painter:
    """Paints layout operations with fpdf2, avoiding redundant state changes."""

    def __init__(self, pdf: FPDF) -> None:
        self.pdf = pdf
        self._fill: tuple[int, int, int] | None = None
        self._text: tuple[int, int, int] | None = None
        self._font: tuple[bool, float, int] | None = None
        self._fallback: set[bool] = set()

    def family(self, font: int, bold: bool) -> str:
        if font == PRIMARY:
            return FONT_FAMILY
        if bold not in self._fallback:  # embedded only by documents that need it
            self.pdf.add_font(FALLBACK_FAMILY, "B" if bold else "", str(run_font_path(font, bold)))
            self._fallback.add(bold)
        return FALLBACK_FAMILY

    def fill(self, color: str) -> None:
        rgb = parse_color(color)
        if rgb != self._fill:
            self.pdf.set_fill_color(*rgb)
            self._fill = rgb

    def page(self, page: Page) -> None:
        self.pdf.add_page()
        self._fill = self._text = self._font = None
        for x, y, drawing in page.badges:
            self.ops(drawing.ops, x, y)
        self.ops(list(page.marks), 0, 0)

    def ops(self, ops: Sequence[Any], ox: float, oy: float) -> None:
        pdf = self.pdf
        for op in ops:
            if isinstance(op, Rect):
                self.fill(op.fill)
                pdf.rect(ox + op.x, oy + op.y, op.w, op.h, style="F")
            elif isinstance(op, QR):
                self.qr(op, ox, oy)
            elif isinstance(op, Text):
                rgb = parse_color(op.color)
                if rgb != self._text:
                    pdf.set_text_color(*rgb)
                    self._text = rgb
                x = ox + op.x
                for text, font in op.runs:
                    key = (op.bold, op.size, font)
                    if key != self._font:
                        family = self.family(font, op.bold)
                        size = run_size(op.size, font, op.bold)
                        pdf.set_font(family, "B" if op.bold else "", size)
                        self._font = key
                    pdf.text(x, oy + op.y, text)
                    x += run_width(text, font, op.size, op.bold)
            elif isinstance(op, Ellipse):
                style = ""
                if op.fill:
                    self.fill(op.fill)
                    style += "F"
                if op.stroke:
                    pdf.set_draw_color(*parse_color(op.stroke))
                    pdf.set_line_width(op.width)
                    style = "D" if not style else "DF"
                pdf.ellipse(ox + op.x, oy + op.y, op.w, op.h, style=style)
            elif isinstance(op, Line):
                pdf.set_draw_color(*parse_color(op.color))
                pdf.set_line_width(op.width)
                pdf.line(ox + op.x1, oy + op.y1, ox + op.x2, oy + op.y2)
            elif isinstance(op, Image):
                pdf.image(io.BytesIO(op.png), ox + op.x, oy + op.y, op.w, op.h)

    def qr(self, op: QR, ox: float, oy: float) -> None:
        """All dark runs as one filled path of rectangles (PDF ``re`` ... ``f``)."""
        self.fill("#000000")
        k = self.pdf.k
        page_h = self.pdf.h
        x0, y0, m = ox + op.x, oy + op.y, op.module
        parts = []
        for r, c, n in op.runs:
            x = (x0 + c * m) * k
            y = (page_h - (y0 + (r + 1) * m)) * k
            parts.append(f"{x:.3f} {y:.3f} {n * m * k:.3f} {m * k:.3f} re")
        parts.append("f")
        self.pdf._out("\n".join(parts))  # raw path: one operator per run


def _render(pages: Sequence[Page], layout: Layout, title: str) -> bytes:
    with fonts_closed(new_pdf(layout, title)) as pdf:
        painter = _Painter(pdf)
        for page in pages:
            painter.page(page)
        return bytes(pdf.output())


def badge_pdf(badge: BadgeData, style: BadgeStyle, layout: Layout | str = "cr80") -> bytes:
    """One badge as a PDF page of the badge's size (for a sheet layout: one sheet)."""
    lay = get_layout(layout) if isinstance(layout, str) else layout
    pages = paginate([compose(badge, style, lay)], lay)
    return _render(pages, lay, "" if badge.discreet else style.event_name)


# --- bulk -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PdfResult:
    path: str
    badges: int
    pages: int
    seconds: float
    workers: int
    bytes: int
    worker_peak_mb: float = 0.0  # largest resident set of a worker process


_progress_queue: Any = None


def _init_worker(q: Any) -> None:
    global _progress_queue
    _progress_queue = q


def _peak_mb() -> float:
    import resource

    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 1024 / 1024


def _render_part(
    badges: Sequence[BadgeData], style: BadgeStyle, layout_key: str, report_every: int
) -> tuple[bytes, float]:
    """Worker: compose and paint a run of whole pages; returns a partial PDF."""
    layout = get_layout(layout_key)
    pending = 0
    with fonts_closed(new_pdf(layout, style.event_name)) as pdf:
        painter = _Painter(pdf)
        per_page = layout.per_page
        for start in range(0, len(badges), per_page):
            chunk = badges[start : start + per_page]
            drawings = [compose(b, style, layout) for b in chunk]
            for page in paginate(drawings, layout):
                painter.page(page)
            pending += len(chunk)
            if _progress_queue is not None and pending >= report_every:
                _progress_queue.put(pending)
                pending = 0
        data = bytes(pdf.output())
    if _progress_queue is not None and pending:
        _progress_queue.put(pending)
    try:
        peak = _peak_mb()
    except ImportError:  # no resource module (Windows)
        peak = 0.0
    return data, peak


def _merge(parts: Sequence[bytes], out: io.BufferedWriter | Any) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    for part in parts:
        writer.append(io.BytesIO(part))
    writer.write(out)


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def _context() -> Any:
    # A fresh interpreter per worker (not a fork of a process running Qt threads).
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def write_pdf(
    badges: Sequence[BadgeData],
    style: BadgeStyle,
    layout: Layout | str,
    out: str | os.PathLike[str],
    progress: Progress | None = None,
    workers: int | None = None,
) -> PdfResult:
    """All ``badges`` (in this order) into one print-ready PDF at ``out``.

    The file is written next to ``out`` and renamed into place at the end, so a
    failed or interrupted job never leaves half a PDF behind.
    """
    lay = get_layout(layout) if isinstance(layout, str) else layout
    started = time.perf_counter()
    total = len(badges)
    n_pages = -(-total // lay.per_page)
    workers = default_workers() if workers is None else max(1, workers)
    if total < PARALLEL_MIN_BADGES or n_pages < 2:
        workers = 1
    target = Path(out)
    tmp = target.with_name(f".{target.name}.part")
    report = progress or (lambda done, total: None)
    report(0, total)
    try:
        worker_peak = 0.0
        if workers == 1:
            data = _render_serial(badges, style, lay, report)
            tmp.write_bytes(data)
        else:
            results = _render_parallel(badges, style, lay, workers, report)
            worker_peak = max(peak for _, peak in results)
            with tmp.open("wb") as fh:
                _merge([part for part, _ in results], fh)
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    report(total, total)
    seconds = time.perf_counter() - started
    log.info("badge PDF: %d badges, %d pages, %.2f s, %d worker(s)", total, n_pages, seconds,
             workers)  # fmt: skip
    return PdfResult(
        str(target), total, n_pages, seconds, workers, target.stat().st_size, worker_peak
    )


def _render_serial(
    badges: Sequence[BadgeData], style: BadgeStyle, layout: Layout, report: Progress
) -> bytes:
    per_page = layout.per_page
    total = len(badges)
    with fonts_closed(new_pdf(layout, style.event_name)) as pdf:
        painter = _Painter(pdf)
        for start in range(0, total, per_page):
            chunk = badges[start : start + per_page]
            for page in paginate([compose(b, style, layout) for b in chunk], layout):
                painter.page(page)
            report(min(start + per_page, total), total)
        return bytes(pdf.output())


def _render_parallel(
    badges: Sequence[BadgeData],
    style: BadgeStyle,
    layout: Layout,
    workers: int,
    report: Progress,
) -> list[tuple[bytes, float]]:
    """Page ranges to the workers (one part per worker: every part embeds its own
    font subset, so fewer parts means a smaller file); progress comes back on a queue."""
    total = len(badges)
    per_page = layout.per_page
    n_pages = -(-total // per_page)
    bounds = [round(i * n_pages / workers) * per_page for i in range(workers + 1)]
    ranges = [(bounds[i], min(bounds[i + 1], total)) for i in range(workers)]
    ctx = _context()
    q = ctx.Queue()
    done = 0
    with concurrent.futures.ProcessPoolExecutor(
        max_workers=workers, mp_context=ctx, initializer=_init_worker, initargs=(q,)
    ) as pool:
        futures = [
            pool.submit(_render_part, list(badges[a:b]), style, layout.key, per_page * 2)
            for a, b in ranges
            if b > a
        ]
        pending = set(futures)
        while pending:
            finished, pending = concurrent.futures.wait(pending, timeout=0.1)
            for f in finished:
                f.result()  # raise a worker's error here
            while True:
                try:
                    done += q.get_nowait()
                except queue_mod.Empty:
                    break
            report(min(done, total - 1), total)
        parts = [f.result() for f in futures]
    q.close()
    return parts
