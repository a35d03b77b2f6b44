"""Rendering tickets fast: PNG and one-page PDF files, on every core, straight to disk.

- **PNG.** The frame (``ticket_layout.frame``: the same for every attendee) is painted
  once per event and resolution; each ticket copies it and paints only its name,
  number and QR. The image is then stored with a palette of the ticket's few colours
  and the steps between them (text edges), which PNG encodes in a fraction of the
  time of full colour, and smaller.
- **PDF.** Opening a document costs about a second (fpdf2 parses and later subsets
  each font), so tickets are laid out ``PDF_BATCH`` to a document, vector text and
  vector QR, and the pages are then cut into one file each (``pdf_split``). Each file
  carries its batch's font subset (glyphs only, no text of other tickets).
- **Folders.** :func:`render_folder` writes a folder of tickets with a pool of worker
  processes (both cores) once there are enough tickets to pay for starting them;
  each worker writes its files as it makes them, so memory stays flat.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import functools
import io
import itertools
import logging
import math
import os
import queue as queue_mod
import tempfile
import time
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from checkin.badges import renderer
from checkin.badges.layouts import GREY, INK, QR, WHITE, Rect, Text, parse_color
from checkin.badges.pdf import FONT_FAMILY, _Painter, default_workers
from checkin.badges.pdf_split import split
from checkin.badges.ticket_layout import PAGE_W, TicketData, frame, personal_ops

log = logging.getLogger(__name__)

PNG_DPI = 200
PDF_BATCH = 250  # tickets laid out in one document before it is cut into files
PARALLEL_MIN = 120  # fewer tickets: one process (starting the workers costs ~1.5 s)
A4_W, A4_H = 210.0, 297.0
PDF_TOP = 14.0
Progress = Callable[[int, int], None]


# --- PNG ------------------------------------------------------------------------------


def _palette(pairs: set[tuple[str, str]], solid: set[str]) -> tuple[Image.Image, int]:
    """A palette of the colours of ``pairs`` (text colour, its background) with 14 steps
    between each pair (antialiased edges), plus black (the QR); and black's index. Only
    colours that really blend get steps between them: a sparse palette maps every pixel
    to its own colour or very near it. ``solid`` colours (rectangles) need no steps."""
    ends = sorted({parse_color(c) for pair in pairs for c in pair}
                  | {parse_color(c) for c in solid} | {(0, 0, 0)})  # fmt: skip
    entries: list[tuple[int, ...]] = list(ends)
    for fg, bg in sorted(pairs):
        a, b = parse_color(bg), parse_color(fg)
        for k in range(1, 15):
            t = k / 15
            entries.append(tuple(round(a[j] + (b[j] - a[j]) * t) for j in range(3)))
    entries = list(dict.fromkeys(entries))[:256]
    image = Image.new("P", (1, 1))
    image.putpalette([v for entry in entries for v in entry])
    return image, entries.index((0, 0, 0))


def _blends(ops: Sequence[Any]) -> set[tuple[str, str]]:
    """(text colour, background) of every text: the background is the last rectangle
    drawn under the text's box (white where there is none)."""
    pairs: set[tuple[str, str]] = {(INK, WHITE), (GREY, WHITE)}  # the person's name, number
    rects: list[Rect] = []
    for op in ops:
        if isinstance(op, Rect):
            rects.append(op)
        elif isinstance(op, Text):
            x, y, w, h = op.box
            under = [
                r for r in rects if r.x <= x + w / 2 <= r.x + r.w and r.y <= y + h / 2 <= r.y + r.h
            ]
            pairs.add((op.color, under[-1].fill if under else WHITE))
    return pairs


@dataclass(frozen=True)
class _Template:
    rgb: Image.Image  # the frame in full colour (backgrounds for the person's text)
    indexed: Image.Image  # the frame with the palette, copied for every ticket
    palette: Image.Image
    black: int


@functools.lru_cache(maxsize=8)
def _template(key: Any, dpi: int) -> _Template:
    """The frame painted at ``dpi``, and the palette its tickets are stored with."""
    fr = frame(key)
    scale = dpi / 25.4
    image = Image.new("RGB", (round(PAGE_W * scale), round(fr.height * scale)), (255, 255, 255))
    renderer.paint(image, list(fr.ops), 0, 0, scale)
    palette, black = _palette(_blends(fr.ops), {r.fill for r in fr.ops if isinstance(r, Rect)})
    return _Template(image, _quantize(image, palette), palette, black)


def _quantize(image: Image.Image, palette: Image.Image) -> Image.Image:
    return image.quantize(palette=palette, dither=Image.Dither.NONE)


def png_bytes(t: TicketData, dpi: int = PNG_DPI) -> bytes:
    """One ticket as a PNG (``dpi`` dots per inch: 200 fills a phone screen sharply).

    The frame comes ready from the template; the person's name and number are painted
    on a strip cut from the full-colour frame, reduced to the palette and pasted in;
    the QR is pasted as black through its module mask."""
    key = t.frame_key
    tpl = _template(key, dpi)
    scale = dpi / 25.4
    image = tpl.indexed.copy()
    ops = personal_ops(t, frame(key))
    texts = [op for op in ops if isinstance(op, Text)]
    if texts:
        x0 = max(0, math.floor(min(op.box[0] for op in texts) * scale) - 2)
        y0 = max(0, math.floor(min(op.box[1] for op in texts) * scale) - 2)
        x1 = min(image.width, math.ceil(max(op.box[0] + op.box[2] for op in texts) * scale) + 2)
        y1 = min(image.height, math.ceil(max(op.box[1] + op.box[3] for op in texts) * scale) + 2)
        strip = tpl.rgb.crop((x0, y0, x1, y1))
        renderer.paint(strip, texts, -x0 / scale, -y0 / scale, scale)
        image.paste(_quantize(strip, tpl.palette), (x0, y0))
    for op in ops:
        if isinstance(op, QR):
            qx, qy = round(op.x * scale), round(op.y * scale)
            side = round((op.x + op.size * op.module) * scale) - qx
            image.paste(tpl.black, (qx, qy), renderer.qr_mask(op.runs, op.size, side, side))
    buf = io.BytesIO()
    image.save(buf, "PNG", dpi=(dpi, dpi), compress_level=3)
    return buf.getvalue()


# --- PDF ------------------------------------------------------------------------------


def _new_document() -> Any:
    from fpdf import FPDF

    from checkin.assets import font_path

    pdf = FPDF(unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margin(0)
    pdf.add_font(FONT_FAMILY, "", str(font_path(False)))
    pdf.add_font(FONT_FAMILY, "B", str(font_path(True)))
    pdf.set_creator("checkin")
    return pdf


def _page(pdf: Any, painter: _Painter, t: TicketData) -> None:
    """The ticket centred at the top of an A4 page (vector text and QR), framed."""
    key = t.frame_key
    fr = frame(key)
    pdf.add_page()
    painter._fill = painter._text = painter._font = None
    ox = (A4_W - PAGE_W) / 2
    pdf.set_draw_color(200, 200, 200)
    pdf.set_line_width(0.3)
    pdf.rect(ox, PDF_TOP, PAGE_W, fr.height)  # a frame to cut along when printed
    painter.ops(fr.ops, ox, PDF_TOP)
    painter.ops(personal_ops(t, fr), ox, PDF_TOP)


def _close_fonts(pdf: Any) -> None:
    for font in pdf.fonts.values():
        close = getattr(font, "close", None)
        if close is not None:
            with contextlib.suppress(Exception):
                close()


class Stopped(Exception):
    """The run was asked to stop (the organizer cancelled or paused)."""


def iter_pdfs(
    data: Sequence[TicketData], batch: int = PDF_BATCH, stop: Callable[[], bool] | None = None
) -> Iterator[bytes]:
    """Each ticket as its own one-page A4 PDF, in order, made ``batch`` at a time.
    ``stop()`` is asked at every page: True raises :class:`Stopped` (a batch takes
    seconds on a busy machine; a pause should not wait for it)."""
    for start in range(0, len(data), batch):
        chunk = data[start : start + batch]
        pdf = _new_document()
        pdf.set_title("입장권 Ticket")
        painter = _Painter(pdf)
        try:
            for t in chunk:
                if stop is not None and stop():
                    raise Stopped()
                _page(pdf, painter, t)
        except BaseException:
            _close_fonts(pdf)  # the output would have closed them: no file left open
            raise
        yield from split(bytes(pdf.output()), [t.title for t in chunk])


# --- rendering ahead (e-mail) ------------------------------------------------------------

RENDER_AHEAD_MIN = 60  # fewer tickets to send: rendered in the sending process itself
AHEAD = 32  # tickets a worker renders ahead of the sender at most (memory stays flat)
Files = tuple[bytes, bytes | None]  # a ticket's PNG and (unless not wanted) its PDF
FileStream = Generator[Files, None, None]


def iter_files(
    data: Sequence[TicketData], with_pdf: bool = True, stats: RenderStats | None = None
) -> FileStream:
    """Each ticket's PNG and PDF in order. For many tickets a worker process renders
    them ahead while the caller sends (two cores: rendering and sending at once); close
    the iterator when stopping early (the worker is stopped then). ``stats`` receives
    the rendering's CPU time once every ticket was taken (for the benchmark)."""
    stats = stats if stats is not None else RenderStats()
    if len(data) < RENDER_AHEAD_MIN or default_workers() < 2:
        return _timed_files(data, with_pdf, stats)
    return _ahead(data, with_pdf, stats)


def _files(
    data: Sequence[TicketData], with_pdf: bool, stop: Callable[[], bool] | None = None
) -> FileStream:
    pdfs = iter_pdfs(data, stop=stop) if with_pdf else None
    for t in data:
        yield png_bytes(t), (next(pdfs) if pdfs is not None else None)


def _timed_files(data: Sequence[TicketData], with_pdf: bool, stats: RenderStats) -> FileStream:
    files = _files(data, with_pdf)
    while True:
        cpu = time.process_time()
        item = next(files, None)
        stats.worker_cpu_s += time.process_time() - cpu
        if item is None:
            return
        yield item


def _ahead_worker(data: Sequence[TicketData], with_pdf: bool, q: Any, stop: Any) -> None:
    try:
        for png, pdf in _files(data, with_pdf, stop.is_set):
            while not stop.is_set():
                try:
                    q.put(("ok", png, pdf), timeout=0.5)
                    break
                except queue_mod.Full:
                    continue
            if stop.is_set():
                break
        else:
            try:
                from checkin.badges.pdf import _peak_mb

                peak = _peak_mb()
            except ImportError:  # no resource module (Windows)
                peak = 0.0
            q.put(("done", b"", (time.process_time(), peak)))
    except Stopped:
        pass  # the sender stopped reading (a pause, a lost connection)
    except Exception as exc:  # reported to the sender, which raises it
        q.put(("error", f"{type(exc).__name__}: {exc}".encode(), None))
    finally:
        if stop.is_set():  # the sender stopped reading: drop what is still queued
            q.cancel_join_thread()
        # otherwise the exit waits until the last tickets (or the error) reach the sender


def _take(q: Any, proc: Any) -> tuple[str, bytes, Any]:
    while True:
        try:
            kind, png, pdf = q.get(timeout=1.0)
        except queue_mod.Empty:
            if not proc.is_alive():
                raise RuntimeError("the ticket renderer stopped unexpectedly") from None
            continue
        if kind == "error":
            raise RuntimeError(f"rendering tickets failed: {png.decode()}")
        return kind, png, pdf


def _ahead(data: Sequence[TicketData], with_pdf: bool, stats: RenderStats) -> FileStream:
    from checkin.badges.pdf import _context

    ctx = _context()
    q, stop = ctx.Queue(maxsize=AHEAD), ctx.Event()
    proc = ctx.Process(target=_ahead_worker, args=(list(data), with_pdf, q, stop), daemon=True)
    proc.start()
    stats.workers = 2  # the renderer beside the sender
    try:
        for _ in data:
            _, png, pdf = _take(q, proc)
            yield png, pdf
        kind, _, figures = _take(q, proc)
        if kind == "done":
            stats.worker_cpu_s, stats.worker_peak_mb = figures
    finally:
        stop.set()
        while proc.is_alive():
            try:
                q.get(timeout=0.2)  # let a worker blocked on a full queue see the stop
            except queue_mod.Empty:
                proc.join(0.2)
        proc.join()
        q.close()


def pdf_many(data: Sequence[TicketData]) -> list[bytes]:
    return list(iter_pdfs(data))


def pdf_bytes(t: TicketData) -> bytes:
    return pdf_many([t])[0]


# --- folders ---------------------------------------------------------------------------


def file_stem(reg_no: str) -> str:
    """A safe file name from a registration number (DD-0001 stays DD-0001)."""
    safe = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "_" for ch in reg_no)
    return safe or "ticket"


def _write(path: Path, blob: bytes) -> None:
    """Write a ticket file whole or not at all (a temporary name, then renamed). Each
    file is not synced to the disk on its own (two thousand syncs take longer than the
    tickets): the index is, last, and a folder can always be made again."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


Row = tuple[str, dict[str, str]]  # registration number, file name by format


def _write_run(
    data: Sequence[TicketData], folder: str, formats: Sequence[str], tick: Callable[[], None],
    stop: Callable[[], bool] | None = None,
) -> list[Row]:  # fmt: skip
    target = Path(folder)
    pdfs = iter_pdfs(data, stop=stop) if "pdf" in formats else iter(())
    rows: list[Row] = []
    for t in data:
        stem = file_stem(t.reg_no)
        names: dict[str, str] = {}
        for fmt in formats:
            blob = next(pdfs) if fmt == "pdf" else png_bytes(t)
            names[fmt] = f"{stem}.{fmt}"
            _write(target / names[fmt], blob)
        rows.append((t.reg_no, names))
        tick()
    return rows


_progress_queue: Any = None
_stop: Any = None


def _init_worker(q: Any, stop: Any) -> None:
    global _progress_queue, _stop
    _progress_queue, _stop = q, stop


def _worker(
    data: Sequence[TicketData], folder: str, formats: Sequence[str]
) -> tuple[list[Row], float, float]:
    """A worker's run: its rows, then its CPU seconds (the whole process's: its start,
    imports included, so the benchmark's floor counts them) and peak memory (MB)."""

    def tick() -> None:
        if _stop is not None and _stop.is_set():
            raise Stopped()
        if _progress_queue is not None:
            _progress_queue.put(1)

    rows = _write_run(data, folder, formats, tick, lambda: _stop is not None and _stop.is_set())
    try:
        from checkin.badges.pdf import _peak_mb

        peak = _peak_mb()
    except ImportError:  # no resource module (Windows)
        peak = 0.0
    return rows, time.process_time(), peak


@dataclass
class RenderStats:
    """How a folder was rendered (for the benchmark and the log)."""

    workers: int = 1
    worker_cpu_s: float = 0.0  # the busiest worker's CPU time (a folder: its start included)
    worker_peak_mb: float = 0.0  # the largest worker's peak memory


def render_folder(
    data: Sequence[TicketData],
    folder: str | os.PathLike[str],
    formats: Sequence[str],
    progress: Progress | None = None,
    workers: int | None = None,
    stats: RenderStats | None = None,
) -> list[Row]:
    """Write each ticket's files into ``folder`` (which exists); returns, in order, each
    ticket's registration number and file names. ``progress(done, total)`` may raise to
    stop the run (the files written so far stay)."""
    report = progress or (lambda done, total: None)
    total = len(data)
    workers = default_workers() if workers is None else max(1, workers)
    if total < PARALLEL_MIN or workers == 1:
        done = 0

        def tick() -> None:
            nonlocal done
            done += 1
            report(done, total)

        return _write_run(data, os.fspath(folder), formats, tick)
    return _render_parallel(data, os.fspath(folder), formats, report, workers,
                            stats or RenderStats())  # fmt: skip


def _render_parallel(
    data: Sequence[TicketData], folder: str, formats: Sequence[str], report: Progress,
    workers: int, stats: RenderStats,
) -> list[Row]:  # fmt: skip
    from checkin.badges.pdf import _context

    total = len(data)
    bounds = [round(i * total / workers) for i in range(workers + 1)]
    ctx = _context()
    q, stop = ctx.Queue(), ctx.Event()
    done = 0
    with concurrent.futures.ProcessPoolExecutor(
        max_workers=workers, mp_context=ctx, initializer=_init_worker, initargs=(q, stop)
    ) as pool:
        futures = [pool.submit(_worker, list(data[a:b]), folder, list(formats))
                   for a, b in itertools.pairwise(bounds) if b > a]  # fmt: skip
        pending = set(futures)
        try:
            while pending:
                finished, pending = concurrent.futures.wait(pending, timeout=0.1)
                for f in finished:
                    f.result()  # a worker's error is raised here
                while True:
                    try:
                        done += q.get_nowait()
                    except queue_mod.Empty:
                        break
                report(min(done, total), total)
        except BaseException:
            stop.set()
            raise
        results = [f.result() for f in futures]
    q.close()
    stats.workers = len(results)
    stats.worker_cpu_s = max(cpu for _, cpu, _ in results)
    stats.worker_peak_mb = max(peak for _, _, peak in results)
    log.info("tickets: %d in %d workers (busiest %.1f s CPU, peak %.0f MB)", total,
             stats.workers, stats.worker_cpu_s, stats.worker_peak_mb)  # fmt: skip
    return [row for rows, _, _ in results for row in rows]
