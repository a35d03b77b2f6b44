"""Badge layouts: what goes where on a badge, and how badges sit on a printed page.

One layout engine serves every output. :func:`compose` turns one attendee's badge
(:class:`BadgeData`) into a :class:`Drawing`: a list of simple drawing operations in
millimetres (rectangles, lines, ellipses, text on a baseline, the QR code as runs of
dark modules, an image). The PNG renderer (Pillow, ``checkin.badges.renderer``), the
PDF writer (fpdf2, ``checkin.badges.pdf``) and the Qt printing code only paint those
operations, so a badge looks the same on screen, in a PDF and on a printer.

Text is fitted here with the bundled font's own metrics (Pillow/FreeType, unhinted,
no kerning, the same advance widths fpdf2 uses): a long name first shrinks, then
wraps onto a second line, and as a last resort is cut with an ellipsis; it never
leaves its box.

Layouts (:data:`LAYOUTS`):

- ``cr80``: an ID-1 card, 85.6 x 54 mm (card printers, standard badge holders).
- ``a6``: A6 portrait, 105 x 148 mm (A6 badge holders, lanyards).
- ``label4x6``: a 4 x 6 inch shipping label, portrait (thermal label printers).
- ``a4``: CR80 cards imposed 2 x 5 on A4 with crop marks, for office printers.
- ``cr80p``: the ID-1 card in portrait, 54 x 86 mm (vertical badge holders).
- ``ql62``: Brother QL 62 mm continuous roll (DK-22205), cut at 90 mm.
- ``ql62x100``: Brother QL 62 x 100 mm die-cut labels (DK-11202).
- ``custom:WxH``: any size in millimetres (:func:`custom_layout`), landscape design when
  wider than tall, else portrait.

Brother QL heads are 720 dots (61 mm at 300 dpi) and print about 58.9 mm of a 62 mm
tape; the QL layouts keep everything at least 3 mm from the edges.

:func:`monochrome` gives any layout's thermal variant (Zebra, Brother QL): solid
black bars and text, no grey, no colour, and the QR modules snapped to whole printer
dots (``dpi``), so a 1-bit print head renders every module the same width.
"""

# Long because: one layout engine for every output: the drawing operations, the named layouts, text
# fitting with the font's metrics and compose() use each other's helpers
from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PIL import ImageFont
from qrcode.constants import ERROR_CORRECT_Q

from checkin.assets import assets_dir, font_path
from checkin.badges import qr as qr_symbol
from checkin.badges.texts import BadgeTexts as T

PT_MM = 25.4 / 72  # one typographic point in millimetres
MM_PER_INCH = 25.4

# Error correction for print: level Q restores up to 25 % of the symbol, enough for a
# crease, a punched lanyard hole, a scratch or a thumb over a corner. The 130-character
# badge code (138 for a desk's, format 2) then needs a version 8 symbol (49 x 49 modules;
# up to 144 characters), still > 0.5 mm per module on the smallest (CR80) badge.
QR_ERROR_CORRECTION = ERROR_CORRECT_Q
QUIET_ZONE = 4  # modules of white around the symbol, as the QR standard asks

WHITE = "#FFFFFF"
BLACK = "#000000"
INK = "#1A1A1A"
GREY = "#555555"
NO_PHOTO_RED = "#C62828"


# --- what a badge says ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BadgeData:
    """Everything printed on one badge (no phone, no email, nothing else personal)."""

    attendee_id: str
    reg_no: str
    code: str  # the QR payload, exactly the signed badge code
    name: str  # display name (may be an alias)
    second_name: str = ""  # full name, only when the event allows it for the category
    category: str = ""
    category_ko: str = ""  # the category's *badge label*
    category_en: str = ""
    color: str = "#37474F"
    organization: str = ""
    no_photo: bool = False
    badge_version: int = 1
    # A discreet category's badge (``checkin.badges.discreet``): display name, QR and a
    # neutral colour only; no event name, logo, date, category, number or full name.
    discreet: bool = False


@dataclass(frozen=True, slots=True)
class BadgeStyle:
    """Event-wide look: title, date, optional logo (PNG bytes)."""

    event_name: str
    event_name_en: str = ""
    date_text: str = ""
    logo_png: bytes | None = None


# --- drawing operations (millimetres, origin top-left, y down) --------------------------


@dataclass(frozen=True, slots=True)
class Rect:
    x: float
    y: float
    w: float
    h: float
    fill: str


@dataclass(frozen=True, slots=True)
class Line:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    color: str


@dataclass(frozen=True, slots=True)
class Ellipse:
    x: float
    y: float
    w: float
    h: float
    fill: str | None = None
    stroke: str | None = None
    width: float = 0.0


@dataclass(frozen=True, slots=True)
class Text:
    """One line of text; ``y`` is the baseline, ``size`` in points.

    ``box`` is the area the text was fitted into (x, y, w, h): the text's measured
    ``width`` and its line extents stay inside it.
    """

    x: float
    y: float
    text: str
    size: float
    bold: bool
    color: str
    width: float
    box: tuple[float, float, float, float]
    role: str = ""  # name, second_name, organization, category, no_photo, ...

    @property
    def runs(self) -> tuple[tuple[str, int], ...]:
        """(text, font) runs: font PRIMARY (NanumSquare) or FALLBACK (DejaVu Sans)."""
        return runs(self.text)


@dataclass(frozen=True, slots=True)
class QR:
    """A QR symbol: ``runs`` are (row, first column, length) of dark modules.

    (x, y) is the top-left of the symbol itself; the quiet zone around it is part
    of a white rectangle drawn before it.
    """

    x: float
    y: float
    module: float
    size: int  # modules per side (without quiet zone)
    runs: tuple[tuple[int, int, int], ...]
    code: str


@dataclass(frozen=True, slots=True)
class Image:
    x: float
    y: float
    w: float
    h: float
    png: bytes


Op = Rect | Line | Ellipse | Text | QR | Image


@dataclass(slots=True)
class Drawing:
    """One badge, ready to paint: its size in millimetres and its operations."""

    w: float
    h: float
    ops: list[Op] = field(default_factory=list)
    attendee_id: str = ""

    def texts(self, role: str | None = None) -> list[Text]:
        return [op for op in self.ops if isinstance(op, Text) and (role is None or op.role == role)]

    def qr(self) -> QR:
        return next(op for op in self.ops if isinstance(op, QR))


# --- layouts and pages ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Layout:
    key: str
    ko: str
    en: str
    badge_w: float
    badge_h: float
    page_w: float
    page_h: float
    design: str  # "card" (landscape) or "tall" (portrait)
    cols: int = 1
    rows: int = 1
    gap_x: float = 0.0
    gap_y: float = 0.0
    crop_marks: bool = False
    mono: bool = False  # thermal: black and white only
    dpi: int = 0  # printer resolution the QR is snapped to (0: not snapped)

    @property
    def per_page(self) -> int:
        return self.cols * self.rows

    @property
    def sheet(self) -> bool:
        return self.per_page > 1

    def label(self, lang: str) -> str:
        return self.ko if lang == "ko" else self.en

    def slots(self) -> list[tuple[float, float]]:
        """Top-left corners of the badges on a page, row by row."""
        grid_w = self.cols * self.badge_w + (self.cols - 1) * self.gap_x
        grid_h = self.rows * self.badge_h + (self.rows - 1) * self.gap_y
        left = (self.page_w - grid_w) / 2
        top = (self.page_h - grid_h) / 2
        return [
            (left + c * (self.badge_w + self.gap_x), top + r * (self.badge_h + self.gap_y))
            for r in range(self.rows)
            for c in range(self.cols)
        ]

    def crop_lines(self) -> list[Line]:
        """Crop marks in the page margins, in line with every cut."""
        if not self.crop_marks:
            return []
        slots = self.slots()
        xs = sorted({x for x, _ in slots} | {x + self.badge_w for x, _ in slots})
        ys = sorted({y for _, y in slots} | {y + self.badge_h for _, y in slots})
        top, bottom = ys[0], ys[-1]
        left, right = xs[0], xs[-1]
        gap, length, width = 1.5, 5.0, 0.2
        lines = []
        for x in xs:
            lines.append(Line(x, top - gap - length, x, top - gap, width, BLACK))
            lines.append(Line(x, bottom + gap, x, bottom + gap + length, width, BLACK))
        for y in ys:
            lines.append(Line(left - gap - length, y, left - gap, y, width, BLACK))
            lines.append(Line(right + gap, y, right + gap + length, y, width, BLACK))
        return lines


CR80 = Layout(
    "cr80", "카드 (CR80, 85.6×54mm)", "Card (CR80, 85.6×54 mm)", 85.6, 54.0, 85.6, 54.0, "card"
)
A6 = Layout("a6", "A6 (105×148mm)", "A6 (105×148 mm)", 105.0, 148.0, 105.0, 148.0, "tall")
LABEL4X6 = Layout("label4x6", "라벨 4×6인치", "Label 4×6 in", 101.6, 152.4, 101.6, 152.4, "tall")
A4 = Layout(
    "a4", "A4 용지 (카드 10장, 재단선)", "A4 sheet (10 cards, crop marks)",
    85.6, 54.0, 210.0, 297.0, "card", cols=2, rows=5, gap_x=6.0, gap_y=2.0, crop_marks=True,
)  # fmt: skip
CR80_PORTRAIT = Layout(
    "cr80p", "카드 세로 (54×86mm)", "Card portrait (54×86 mm)", 54.0, 86.0, 54.0, 86.0, "tall"
)
QL62 = Layout(
    "ql62", "브라더 QL 62mm 롤 (90mm 길이)", "Brother QL 62 mm roll (90 mm long)",
    62.0, 90.0, 62.0, 90.0, "tall",
)  # fmt: skip
QL62X100 = Layout(
    "ql62x100", "브라더 QL 62×100mm 라벨", "Brother QL 62×100 mm labels",
    62.0, 100.0, 62.0, 100.0, "tall",
)  # fmt: skip
LAYOUTS: dict[str, Layout] = {
    lay.key: lay for lay in (CR80, A6, LABEL4X6, A4, CR80_PORTRAIT, QL62, QL62X100)
}
DEFAULT_LAYOUT = "a4"
CUSTOM_PREFIX = "custom:"
CUSTOM_MIN_MM, CUSTOM_MAX_MM = 40.0, 300.0


def custom_layout(w: float, h: float) -> Layout:
    """A badge of ``w`` x ``h`` mm, one per page (40-300 mm each side)."""
    from checkin import errors

    if not (CUSTOM_MIN_MM <= w <= CUSTOM_MAX_MM and CUSTOM_MIN_MM <= h <= CUSTOM_MAX_MM):
        raise errors.InvalidInput(T.custom_badge_must_mm_each, field="layout", w=w, h=h)
    key = f"{CUSTOM_PREFIX}{w:g}x{h:g}"
    label = f"{w:g}×{h:g}mm"
    design = "card" if w > h else "tall"
    return Layout(key, f"사용자 지정 {label}", f"Custom {label}", w, h, w, h, design)


def get_layout(key: str) -> Layout:
    """A layout by key: one of :data:`LAYOUTS` or ``custom:WxH`` (millimetres)."""
    from checkin import errors

    if key in LAYOUTS:
        return LAYOUTS[key]
    if key.startswith(CUSTOM_PREFIX):
        w, sep, h = key[len(CUSTOM_PREFIX) :].lower().partition("x")
        try:
            if sep:
                return custom_layout(float(w), float(h))
        except ValueError:
            pass
        raise errors.InvalidInput(T.write_custom_size_as_custom, field="layout", key=key)
    raise errors.InvalidInput(
        T.unknown_badge_layout_use_one, field="layout", key=key, join=", ".join(LAYOUTS)
    )


def monochrome(layout: Layout, dpi: int = 300) -> Layout:
    """The thermal (black and white) variant of ``layout`` for a printer of ``dpi``."""
    from dataclasses import replace

    return replace(layout, mono=True, dpi=max(0, int(dpi)))


@dataclass(slots=True)
class Page:
    w: float
    h: float
    badges: list[tuple[float, float, Drawing]]
    marks: list[Line]


def paginate(drawings: Iterable[Drawing], layout: Layout) -> list[Page]:
    """Place badges on pages: one per page, or a sheet of them with crop marks."""
    pages: list[Page] = []
    slots = layout.slots()
    marks = layout.crop_lines()
    current: Page | None = None
    for drawing in drawings:
        if current is None or len(current.badges) == len(slots):
            current = Page(layout.page_w, layout.page_h, [], marks)
            pages.append(current)
        x, y = slots[len(current.badges)]
        current.badges.append((x, y, drawing))
    return pages


def page_count(n_badges: int, layout: Layout) -> int:
    return -(-n_badges // layout.per_page)


# --- text metrics --------------------------------------------------------------------

_UNITS = 1000  # fonts are measured at 1000 px per em and scaled linearly
# Fitting tries each size and line break, measuring prefixes of long words: its time
# grows with the square of the text's length (a 10,000-character event name took
# minutes a badge). Past this many characters a text is cut with an ellipsis, as it
# would be anyway: the caps where names are typed keep them far shorter.
MAX_FIT_CHARS = 400
PRIMARY, FALLBACK = 0, 1  # font of a text run: NanumSquare, or DejaVu Sans


def fallback_font_path(bold: bool = False) -> Path:
    """DejaVu Sans: accented Latin, Cyrillic, ... that NanumSquare lacks."""
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return assets_dir() / "fonts" / "fallback" / name


def run_font_path(font: int, bold: bool) -> Path:
    return fallback_font_path(bold) if font == FALLBACK else font_path(bold)


@functools.cache
def _font(bold: bool, font: int = PRIMARY) -> Any:
    return ImageFont.truetype(
        str(run_font_path(font, bold)), _UNITS, layout_engine=ImageFont.Layout.BASIC
    )


@functools.cache
def _cmap(font: int) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(str(run_font_path(font, False)), lazy=True) as tt:
        return frozenset(tt.getBestCmap())


@functools.cache
def _vertical(bold: bool) -> tuple[float, float]:
    ascent, descent = _font(bold).getmetrics()
    return ascent / _UNITS, descent / _UNITS


def _easy(ch: str) -> bool:
    """Characters NanumSquare surely has (checked without reading its cmap)."""
    o = ord(ch)
    return o < 0x7F or 0xAC00 <= o <= 0xD7A3 or 0x3131 <= o <= 0x318E


@functools.lru_cache(maxsize=4096)
def runs(text: str) -> tuple[tuple[str, int], ...]:
    """``text`` split into runs by font: NanumSquare where it has the glyph, else
    DejaVu Sans; a character neither has falls back to its unaccented letter."""
    if all(_easy(ch) for ch in text):
        return ((text, PRIMARY),) if text else ()
    primary, fallback = _cmap(PRIMARY), _cmap(FALLBACK)
    out: list[tuple[str, int]] = []
    for ch in text:
        if _easy(ch) or ord(ch) in primary:
            font = PRIMARY
        elif ord(ch) in fallback:
            font = FALLBACK
        else:
            base = "".join(
                c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c)
            )
            ch, font = (base, PRIMARY) if base and all(ord(c) in primary for c in base) else (
                "?", PRIMARY)  # fmt: skip
        if out and out[-1][1] == font:
            out[-1] = (out[-1][0] + ch, font)
        else:
            out.append((ch, font))
    return tuple(out)


@functools.cache
def _fallback_scale(bold: bool) -> float:
    """DejaVu Sans is drawn smaller so its x-height matches NanumSquare's."""

    def x_height(font: int) -> float:
        return float(-_font(bold, font).getbbox("x", anchor="ls")[1])

    return x_height(PRIMARY) / x_height(FALLBACK)


def run_size(size: float, font: int, bold: bool = False) -> float:
    """The point size to draw a run with (fallback runs are scaled to match)."""
    return size * _fallback_scale(bold) if font == FALLBACK else size


@functools.lru_cache(maxsize=8192)
def _advance(text: str, font: int, bold: bool) -> float:
    """Advance width of ``text`` at 1000 px per em (FreeType: about 0.1 ms a call, and
    the same labels and lines are measured for every badge and ticket)."""
    return float(_font(bold, font).getlength(text))


def run_width(text: str, font: int, size: float, bold: bool = False) -> float:
    return _advance(text, font, bold) / _UNITS * run_size(size, font, bold) * PT_MM


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Advance width of ``text`` in millimetres at ``size`` points."""
    return _unit_width(text, bold) * size


@functools.lru_cache(maxsize=16384)
def _unit_width(text: str, bold: bool) -> float:
    """Advance width of ``text`` at 1 point: widths grow with the size, so fitting a
    name tries its sizes and line breaks (every prefix of a long word) measuring each
    text once. A name at its length limit took a second a badge measuring again."""
    return sum(run_width(t, f, 1.0, bold) for t, f in runs(text))


def ascent_mm(size: float, bold: bool = False) -> float:
    return _vertical(bold)[0] * size * PT_MM


def descent_mm(size: float, bold: bool = False) -> float:
    return _vertical(bold)[1] * size * PT_MM


def line_height(size: float, bold: bool = False) -> float:
    a, d = _vertical(bold)
    return (a + d) * size * PT_MM


def _tokens(text: str) -> list[str]:
    """Words; a word too long for any line is later broken between characters."""
    return text.split()


def wrap(text: str, size: float, bold: bool, width: float) -> list[str]:
    """Greedy line breaking at spaces; words wider than a line break between characters."""
    lines: list[str] = []
    current = ""
    for word in _tokens(text):
        candidate = f"{current} {word}" if current else word
        if text_width(candidate, size, bold) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
            current = ""
        if text_width(word, size, bold) <= width:
            current = word
            continue
        rest = word  # Hangul breaks between syllables; Latin as a last resort
        while rest:  # as many characters as fit, at least one, on each line
            k = max(1, _longest(len(rest), functools.partial(_fits, rest, size, bold, width)))
            current, rest = rest[:k], rest[k:]
            if rest:
                lines.append(current)
    if current:
        lines.append(current)
    return lines


def _fits(text: str, size: float, bold: bool, width: float, k: int) -> bool:
    """Whether the first ``k`` characters of ``text`` fit ``width``."""
    return text_width(text[:k], size, bold) <= width


def _longest(n: int, fits: Callable[[int], bool]) -> int:
    """The largest ``k`` in 0..n with ``fits(k)`` (``fits(0)`` holds), by halving:
    a text's width grows with each character, so the greedy character-by-character
    answer in about log2(n) measurements instead of n."""
    lo, hi = 0, n
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if fits(mid):
            lo = mid
        else:
            hi = mid - 1
    return lo


def ellipsize(text: str, size: float, bold: bool, width: float) -> str:
    if text_width(text, size, bold) <= width:
        return text
    k = _longest(len(text), lambda k: text_width(text[:k].rstrip() + "…", size, bold) <= width)
    cut = text[:k]
    return cut.rstrip() + "…" if cut else ""


@dataclass(frozen=True, slots=True)
class Fit:
    size: float
    lines: tuple[str, ...]


def fit_text(
    text: str,
    width: float,
    height: float,
    max_size: float,
    min_size: float,
    bold: bool = True,
    max_lines: int = 2,
    leading: float = 1.0,
) -> Fit:
    """The largest size at which ``text`` fits the box, shrinking before wrapping.

    A single line is kept while it can stay at 70 % of the largest size or more;
    otherwise wrapping onto more lines is allowed if it gives larger type. If even
    the smallest size on ``max_lines`` lines does not fit, the last line is cut with
    an ellipsis. The result never exceeds the box.
    """
    text = " ".join(text.split())
    if not text:
        return Fit(min_size, ())
    if len(text) > MAX_FIT_CHARS:  # more than any box shows: cut, and say so
        text = text[:MAX_FIT_CHARS].rstrip() + "…"

    def fits(size: float, n_lines: int) -> tuple[str, ...] | None:
        if n_lines * line_height(size, bold) * (leading if n_lines > 1 else 1) > height + 1e-9:
            return None
        if n_lines == 1:
            return (text,) if text_width(text, size, bold) <= width else None
        lines = wrap(text, size, bold, width)
        if len(lines) <= n_lines and all(text_width(li, size, bold) <= width for li in lines):
            return tuple(lines)
        return None

    sizes = []
    s = max_size
    while s >= min_size - 1e-9:
        sizes.append(round(s, 2))
        s -= 0.5
    best: Fit | None = None
    for n_lines in range(1, max_lines + 1):
        for size in sizes:
            lines = fits(size, n_lines)
            if lines is not None:
                if best is None or size > best.size:
                    best = Fit(size, lines)
                break
        if best is not None and n_lines == 1 and best.size >= 0.7 * max_size:
            return best
    if best is not None:
        return best
    # Nothing fits: smallest size, as many lines as allowed, the rest cut off.
    size = min_size
    n = max(1, min(max_lines, int((height + 1e-9) // (line_height(size, bold) * leading))))
    cut = wrap(text, size, bold, width)
    if len(cut) > n:
        cut = [*cut[: n - 1], ellipsize(" ".join(cut[n - 1 :]), size, bold, width)]
    return Fit(size, tuple(ellipsize(li, size, bold, width) for li in cut))


def _place_lines(
    ops: list[Op],
    fit: Fit,
    box: tuple[float, float, float, float],
    bold: bool,
    color: str,
    role: str,
    align: str = "left",
    valign: str = "middle",
    leading: float = 1.0,
) -> float:
    """Add the fitted lines inside ``box``; returns the bottom of the last line."""
    x, y, w, h = box
    if not fit.lines:
        return y
    lh = line_height(fit.size, bold)
    step = lh * leading
    block = lh + step * (len(fit.lines) - 1)
    if valign == "top":
        top = y
    elif valign == "bottom":
        top = y + h - block
    else:
        top = y + (h - block) / 2
    asc = ascent_mm(fit.size, bold)
    for i, line in enumerate(fit.lines):
        tw = text_width(line, fit.size, bold)
        if align == "center":
            tx = x + (w - tw) / 2
        elif align == "right":
            tx = x + w - tw
        else:
            tx = x
        ops.append(Text(tx, top + i * step + asc, line, fit.size, bold, color, tw, box, role))
    return top + block


def _text_line(
    ops: list[Op],
    text: str,
    box: tuple[float, float, float, float],
    max_size: float,
    min_size: float,
    bold: bool,
    color: str,
    role: str,
    align: str = "left",
    valign: str = "middle",
) -> float:
    fit = fit_text(text, box[2], box[3], max_size, min_size, bold, max_lines=1)
    return _place_lines(ops, fit, box, bold, color, role, align, valign)


# --- QR ------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _symbol(code: str) -> tuple[int, int]:
    """(modules per side, dark modules as a bit set): about 300 bytes a code, so a few
    thousand stay cached without the memory growing with an event's size."""
    return qr_symbol.symbol_bits(code, QR_ERROR_CORRECTION)


def qr_runs(code: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """The QR symbol for ``code`` (alphanumeric mode, level Q) as runs of dark modules.

    The symbol is qrcode's, its mask chosen on bit sets (``checkin.badges.qr``, about
    3 ms instead of 20), and cached per code: a badge's PNG and PDF, or a ticket's, draw
    the same symbol (the runs are made again from the cached bits: well under 1 ms)."""
    n, bits = _symbol(code)
    runs: list[tuple[int, int, int]] = []
    for r, row in enumerate(qr_symbol.rows(n, bits)):
        while row:
            start = (row & -row).bit_length() - 1
            rest = row >> start
            length = (~rest & (rest + 1)).bit_length() - 1
            runs.append((r, start, length))
            row &= ~(((1 << length) - 1) << start)
    return n, tuple(runs)


def _qr(ops: list[Op], code: str, x: float, y: float, box: float, dpi: int = 0) -> QR:
    """A QR symbol filling a ``box`` square including its quiet zone.

    With ``dpi``, the module is a whole number of printer dots (the symbol then is a
    little smaller, centred in the box), so a 1-bit head prints every module alike.
    """
    size, runs = qr_runs(code)
    module = box / (size + 2 * QUIET_ZONE)
    ops.append(Rect(x, y, box, box, WHITE))
    if dpi:
        dots = max(1, int(module * dpi / MM_PER_INCH))
        snapped = dots * MM_PER_INCH / dpi
        inset = (box - snapped * (size + 2 * QUIET_ZONE)) / 2
        # start on a dot boundary as well
        start = round((x + inset) * dpi / MM_PER_INCH) * MM_PER_INCH / dpi
        top = round((y + inset) * dpi / MM_PER_INCH) * MM_PER_INCH / dpi
        x, y, module = start, top, snapped
    symbol = QR(x + QUIET_ZONE * module, y + QUIET_ZONE * module, module, size, runs, code)
    ops.append(symbol)
    return symbol


# --- colours and marks -----------------------------------------------------------------


def parse_color(color: str) -> tuple[int, int, int]:
    c = color.strip().lstrip("#")
    if len(c) == 3:
        c = "".join(ch * 2 for ch in c)
    try:
        return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)
    except (ValueError, IndexError):
        return (0x37, 0x47, 0x4F)


def text_color_on(background: str) -> str:
    """Black or white, whichever reads better on ``background`` (WCAG luminance)."""

    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = parse_color(background)
    lum = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    contrast_white = 1.05 / (lum + 0.05)
    contrast_black = (lum + 0.05) / 0.05
    return WHITE if contrast_white >= contrast_black else BLACK


def no_camera_icon(ops: list[Op], x: float, y: float, size: float, ink: str, paper: str) -> None:
    """A camera inside a circle with a slash: 'no photography', drawn as shapes."""
    s = size
    # camera body, lens and viewfinder bump
    ops.append(Rect(x + 0.22 * s, y + 0.36 * s, 0.56 * s, 0.36 * s, ink))
    ops.append(Rect(x + 0.38 * s, y + 0.29 * s, 0.2 * s, 0.08 * s, ink))
    ops.append(Ellipse(x + 0.39 * s, y + 0.43 * s, 0.22 * s, 0.22 * s, fill=paper))
    ops.append(Ellipse(x + 0.44 * s, y + 0.48 * s, 0.12 * s, 0.12 * s, fill=ink))
    # prohibition ring and slash
    ring = 0.09 * s
    ops.append(
        Ellipse(x + ring / 2, y + ring / 2, s - ring, s - ring, stroke=NO_PHOTO_RED, width=ring)
    )
    d = 0.3535 * (s - ring)  # 45 degrees on the ring's centre line
    c = s / 2
    ops.append(Line(x + c - d, y + c - d, x + c + d, y + c + d, ring, NO_PHOTO_RED))


def no_photo_marker(
    ops: list[Op], box: tuple[float, float, float, float], center: bool = False
) -> float:
    """Black block with the no-camera symbol and '촬영 금지 / NO PHOTO' in white.

    The block is as wide as its content (at most the box); returns its width.
    """
    x, y, w, h = box
    pad = h * 0.1
    icon = h - 2 * pad
    tx = x + icon + 2.2 * pad
    tw = w - (tx - x) - pad
    upper = fit_text("촬영 금지", tw, h * 0.52, 40, 4, True, max_lines=1)
    lower = fit_text("NO PHOTO", tw, h * 0.42, upper.size * 0.8, 3, True, max_lines=1)
    used = max(
        text_width(upper.lines[0], upper.size, True), text_width(lower.lines[0], lower.size, True)
    )
    content_w = min(w, tx - x + used + 1.6 * pad)
    if center:
        x += (w - content_w) / 2
        tx += (w - content_w) / 2
    w = content_w
    ops.append(Rect(x, y, w, h, BLACK))
    ops.append(Ellipse(x + pad, y + pad, icon, icon, fill=WHITE))
    no_camera_icon(ops, x + pad, y + pad, icon, BLACK, WHITE)
    tw = w - (tx - x) - pad
    _place_lines(ops, upper, (tx, y + pad * 0.6, tw, h * 0.52), True, WHITE, "no_photo")
    _place_lines(ops, lower, (tx, y + h * 0.52, tw, h * 0.42), True, WHITE, "no_photo")
    return w


def _logo(ops: list[Op], png: bytes | None, box: tuple[float, float, float, float]) -> float:
    """Place the logo (aspect kept) at the left of ``box``; returns its width."""
    if not png:
        return 0.0
    size = png_size(png)
    if size is None:
        return 0.0
    pw, ph = size
    x, y, w, h = box
    scale = min(w / pw, h / ph)
    lw, lh = pw * scale, ph * scale
    ops.append(Image(x, y + (h - lh) / 2, lw, lh, png))
    return lw


@functools.lru_cache(maxsize=8)
def png_size(png: bytes) -> tuple[int, int] | None:
    import io

    from PIL import Image as PILImage

    try:
        with PILImage.open(io.BytesIO(png)) as im:
            return im.size
    except Exception:
        return None


# --- the designs -----------------------------------------------------------------------


def category_text(badge: BadgeData) -> str:
    ko, en = badge.category_ko, badge.category_en
    if ko and en and ko != en:
        return f"{ko} · {en}"
    return ko or en


DISCREET_COLOR = "#607D8B"  # one neutral colour for every discreet category
NO_STYLE = BadgeStyle(event_name="")


def discreet_view(badge: BadgeData) -> BadgeData:
    """What a discreet badge keeps: the display name, the QR, the no-photo marker."""
    from dataclasses import replace

    return replace(badge, reg_no="", second_name="", category_ko="", category_en="",
                   color=DISCREET_COLOR, organization="")  # fmt: skip


def compose(badge: BadgeData, style: BadgeStyle, layout: Layout) -> Drawing:
    """The badge's drawing operations for ``layout`` (black and white if ``layout.mono``)."""
    if badge.discreet:
        badge, style = discreet_view(badge), NO_STYLE
    if layout.mono:
        from dataclasses import replace

        badge = replace(badge, color=BLACK)  # a solid black band, white text on it
    if layout.design == "card":
        drawing = _compose_card(badge, style, layout.badge_w, layout.badge_h, layout.dpi)
    else:
        drawing = _compose_tall(badge, style, layout.badge_w, layout.badge_h, layout.dpi)
    if layout.mono:
        drawing.ops = [_mono_op(op) for op in drawing.ops]
    return drawing


def _bw(color: str) -> str:
    """White stays white, every other colour (grey, red, a category colour) is black."""
    return WHITE if parse_color(color) == parse_color(WHITE) else BLACK


def _mono_op(op: Op) -> Op:
    from dataclasses import replace

    if isinstance(op, Rect):
        return replace(op, fill=_bw(op.fill))
    if isinstance(op, Line | Text):
        return replace(op, color=_bw(op.color))
    if isinstance(op, Ellipse):
        fill = _bw(op.fill) if op.fill else None
        stroke = _bw(op.stroke) if op.stroke else None
        return replace(op, fill=fill, stroke=stroke)
    if isinstance(op, Image):
        return replace(op, png=_mono_png(op.png))
    return op


@functools.lru_cache(maxsize=8)
def _mono_png(png: bytes) -> bytes:
    """A logo as pure black and white (threshold at mid grey, transparency = white)."""
    import io

    from PIL import Image as PILImage

    try:
        with PILImage.open(io.BytesIO(png)) as im:
            rgba = im.convert("RGBA")
    except Exception:
        return png
    paper = PILImage.new("RGBA", rgba.size, (255, 255, 255, 255))
    paper.alpha_composite(rgba)
    bw = paper.convert("L").point(lambda v: 255 if v >= 128 else 0).convert("1")
    buf = io.BytesIO()
    bw.save(buf, "PNG")
    return buf.getvalue()


def _header(
    ops: list[Op],
    style: BadgeStyle,
    box: tuple[float, float, float, float],
    title_size: float,
    small_size: float,
) -> None:
    x, y, w, h = box
    logo_w = _logo(ops, style.logo_png, (x, y, min(w * 0.25, h * 3), h))
    if logo_w:
        x += logo_w + h * 0.25
        w -= logo_w + h * 0.25
    date_w = 0.0
    if style.date_text:
        date_w = min(text_width(style.date_text, small_size, False), w * 0.3)
    title_w = w - date_w - (h * 0.3 if date_w else 0)
    top_h = h * 0.56 if style.event_name_en else h
    _text_line(ops, style.event_name, (x, y, title_w, top_h), title_size, title_size * 0.6,
               True, INK, "event", valign="middle")  # fmt: skip
    if style.event_name_en:
        _text_line(ops, style.event_name_en, (x, y + top_h, title_w, h - top_h), small_size,
                   small_size * 0.6, False, GREY, "event_en", valign="middle")  # fmt: skip
    if style.date_text:
        _text_line(ops, style.date_text, (x + w - date_w, y, date_w, top_h), small_size,
                   small_size * 0.6, False, INK, "date", align="right", valign="middle")  # fmt: skip


def _compose_card(badge: BadgeData, style: BadgeStyle, W: float, H: float, dpi: int = 0) -> Drawing:
    """Landscape card: header, name and details left, QR right, category band below."""
    ops: list[Op] = [Rect(0, 0, W, H, WHITE)]
    m = 3.5
    band_h = 9.0
    band_y = H - band_h
    _header(ops, style, (m, 2.6, W - 2 * m, 7.4), 7.5, 6.0)
    # category band with the badge label and the registration number
    fg = text_color_on(badge.color)
    ops.append(Rect(0, band_y, W, band_h, badge.color))
    reg_w = text_width(badge.reg_no, 8.5, True) if badge.reg_no else 0.0
    _text_line(ops, badge.reg_no, (W - m - reg_w, band_y, reg_w, band_h), 8.5, 8.5, True, fg,
               "reg_no", align="right")  # fmt: skip
    _text_line(ops, category_text(badge), (m, band_y, W - 3 * m - reg_w, band_h), 10.5, 6,
               True, fg, "category")  # fmt: skip
    # QR at the right, its quiet zone reaching close to the edge
    body_top = 10.6
    qr_box = band_y - body_top - 0.6
    _qr(ops, badge.code, W - 1.2 - qr_box, body_top, qr_box, dpi)
    # left column
    col_w = W - 1.2 - qr_box - m  # nothing enters the QR's quiet zone
    col_x = m
    bottom = band_y - 1.2
    marker_h = 7.0
    if badge.no_photo:
        no_photo_marker(ops, (col_x, bottom - marker_h, col_w, marker_h))
    bottom -= marker_h + 1.2  # the slot is kept so names line up on every badge
    y = body_top + 0.4
    # The name box has the same place on every badge (names line up on a sheet):
    # it leaves room for both detail lines whether or not this badge has them.
    details = [("second_name", badge.second_name, 8.5, False, INK),
               ("organization", badge.organization, 7.5, False, GREY)]  # fmt: skip
    detail_h = sum(line_height(size, bold) * 1.1 for _, _, size, bold, _ in details)
    name_h = max(8.0, bottom - y - detail_h)
    fit = fit_text(badge.name, col_w, name_h, 22, 8, bold=True, max_lines=2)
    _place_lines(ops, fit, (col_x, y, col_w, name_h), True, INK, "name", valign="middle")
    y += name_h
    for role, text, size, bold, color in details:
        if not text:
            continue
        h = line_height(size, bold) * 1.1
        _text_line(ops, text, (col_x, y, col_w, h), size, size * 0.7, bold, color, role)
        y += h
    return Drawing(W, H, ops, badge.attendee_id)


def _compose_tall(badge: BadgeData, style: BadgeStyle, W: float, H: float, dpi: int = 0) -> Drawing:
    """Portrait badge: header, category band, big name, details, QR, number.

    Designed for A6 and 4x6 in; smaller badges (a portrait card, a 62 mm label) get
    the same design scaled down, the QR a larger share of the width.
    """
    k = min(1.0, W / 101.6, H / 148.0)
    ops: list[Op] = [Rect(0, 0, W, H, WHITE)]
    m = 6.0 * k if k >= 1 else max(3.0, 6.0 * k)
    inner = W - 2 * m
    _header(ops, style, (m, 5.0 * k, inner, 13.0 * k), 13 * k, 10 * k)
    band_y, band_h = 21.0 * k, 13.0 * k
    fg = text_color_on(badge.color)
    ops.append(Rect(0, band_y, W, band_h, badge.color))
    _text_line(ops, category_text(badge), (m, band_y, inner, band_h), 20 * k, 9 * k, True, fg,
               "category", align="center")  # fmt: skip
    # from the bottom: registration number, QR, no-photo marker
    reg_h = 7.0 * k
    reg_y = H - m - reg_h + 1.5 * k
    _text_line(ops, badge.reg_no, (m, reg_y, inner, reg_h), 13 * k, 8 * k, True, INK, "reg_no",
               align="center")  # fmt: skip
    qr_box = min(inner * (0.62 if k >= 1 else 0.72), 58.0)
    qr_y = reg_y - qr_box + 1.0 * k
    _qr(ops, badge.code, (W - qr_box) / 2, qr_y, qr_box, dpi)
    bottom = qr_y
    marker_h = 12.0 * k
    if badge.no_photo:
        no_photo_marker(ops, (m, bottom - marker_h, inner, marker_h), center=True)
    bottom -= marker_h + 1.5 * k  # the slot is kept so names line up on every badge
    y = band_y + band_h + 2.5 * k
    details = [("second_name", badge.second_name, 15 * k, False, INK),
               ("organization", badge.organization, 12 * k, False, GREY)]  # fmt: skip
    detail_h = sum(line_height(size, bold) * 1.15 for _, _, size, bold, _ in details)
    name_h = max(12.0 * k, bottom - y - detail_h)
    fit = fit_text(badge.name, inner, name_h, 44 * k, 14 * k, bold=True, max_lines=2)
    _place_lines(ops, fit, (m, y, inner, name_h), True, INK, "name", "center", "middle")
    y += name_h
    for role, text, size, bold, color in details:
        if not text:
            continue
        h = line_height(size, bold) * 1.15
        _text_line(ops, text, (m, y, inner, h), size, size * 0.6, bold, color, role, "center")
        y += h
    return Drawing(W, H, ops, badge.attendee_id)


def compose_all(badges: Sequence[BadgeData], style: BadgeStyle, layout: Layout) -> list[Drawing]:
    return [compose(b, style, layout) for b in badges]
