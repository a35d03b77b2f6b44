"""Painting badges into images with Pillow (PNG files, previews, raster printing).

The layout engine (``checkin.badges.layouts``) decides what goes where; this module
only paints its operations at a resolution (300 dpi by default, any printer's dpi
when printing). QR modules are snapped to whole pixels so every module has a crisp
edge at any resolution.
"""

from __future__ import annotations

import functools
import io
from typing import Any

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont

from checkin.badges.layouts import (
    PRIMARY,
    PT_MM,
    QR,
    BadgeData,
    BadgeStyle,
    Drawing,
    Ellipse,
    Image,
    Layout,
    Line,
    Page,
    Rect,
    Text,
    compose,
    get_layout,
    parse_color,
    run_font_path,
    run_size,
    run_width,
)

DEFAULT_DPI = 300


@functools.lru_cache(maxsize=256)
def _font(bold: bool, px: float, font: int = PRIMARY) -> Any:
    return ImageFont.truetype(
        str(run_font_path(font, bold)), px, layout_engine=ImageFont.Layout.BASIC
    )


@functools.lru_cache(maxsize=16)
def _logo(png: bytes, w: int, h: int) -> PILImage.Image:
    with PILImage.open(io.BytesIO(png)) as im:
        return im.convert("RGBA").resize((max(1, w), max(1, h)), PILImage.Resampling.LANCZOS)


def paint(image: PILImage.Image, ops: list[Any], ox: float, oy: float, scale: float) -> None:
    """Paint operations (millimetres) onto ``image``; ``scale`` is pixels per mm and
    (ox, oy) the badge's top-left in millimetres on the image."""
    draw = ImageDraw.Draw(image)

    def px(v: float, origin: float) -> int:
        return round((origin + v) * scale)

    for op in ops:
        if isinstance(op, Rect):
            x0, y0 = px(op.x, ox), px(op.y, oy)
            x1, y1 = px(op.x + op.w, ox), px(op.y + op.h, oy)
            if x1 > x0 and y1 > y0:
                draw.rectangle((x0, y0, x1 - 1, y1 - 1), fill=parse_color(op.fill))
        elif isinstance(op, QR):
            x0, y0 = px(op.x, ox), px(op.y, oy)
            x1, y1 = px(op.x + op.size * op.module, ox), px(op.y + op.size * op.module, oy)
            if x1 > x0 and y1 > y0:
                image.paste((0, 0, 0), (x0, y0), qr_mask(op.runs, op.size, x1 - x0, y1 - y0))
        elif isinstance(op, Text):
            x = ox + op.x
            for text, font in op.runs:
                size_px = run_size(op.size, font, op.bold) * PT_MM * scale
                draw.text(
                    (x * scale, (oy + op.y) * scale),
                    text,
                    font=_font(op.bold, size_px, font),
                    fill=parse_color(op.color),
                    anchor="ls",
                )
                x += run_width(text, font, op.size, op.bold)
        elif isinstance(op, Ellipse):
            box = (px(op.x, ox), px(op.y, oy), px(op.x + op.w, ox), px(op.y + op.h, oy))
            width = max(1, round(op.width * scale)) if op.stroke else 0
            draw.ellipse(
                box,
                fill=parse_color(op.fill) if op.fill else None,
                outline=parse_color(op.stroke) if op.stroke else None,
                width=width,
            )
        elif isinstance(op, Line):
            draw.line(
                ((ox + op.x1) * scale, (oy + op.y1) * scale, (ox + op.x2) * scale,
                 (oy + op.y2) * scale),
                fill=parse_color(op.color),
                width=max(1, round(op.width * scale)),
            )  # fmt: skip
        elif isinstance(op, Image):
            x0, y0 = px(op.x, ox), px(op.y, oy)
            w, h = px(op.x + op.w, ox) - x0, px(op.y + op.h, oy) - y0
            logo = _logo(op.png, w, h)
            image.paste(logo, (x0, y0), logo)


def qr_mask(runs: tuple[tuple[int, int, int], ...], size: int, w: int, h: int) -> Any:
    """The symbol's dark modules as a 1-bit mask of ``w`` x ``h`` pixels: one pixel a
    module scaled up without smoothing, so every module keeps crisp edges (thousands
    of rectangles drawn one by one took a few milliseconds a symbol)."""
    rows = [0] * size
    for r, c, n in runs:
        rows[r] |= ((1 << n) - 1) << (size - c - n)  # most significant bit first
    stride = (size + 7) // 8
    pad = stride * 8 - size
    raw = b"".join((row << pad).to_bytes(stride, "big") for row in rows)
    symbol = PILImage.frombytes("1", (size, size), raw)
    return symbol.resize((w, h), PILImage.Resampling.NEAREST)


def render_drawing(drawing: Drawing, dpi: float = DEFAULT_DPI) -> PILImage.Image:
    scale = dpi / 25.4
    size = (round(drawing.w * scale), round(drawing.h * scale))
    image = PILImage.new("RGB", size, (255, 255, 255))
    paint(image, drawing.ops, 0, 0, scale)
    return image


def render_page(page: Page, dpi: float = DEFAULT_DPI) -> PILImage.Image:
    scale = dpi / 25.4
    image = PILImage.new("RGB", (round(page.w * scale), round(page.h * scale)), (255, 255, 255))
    for x, y, drawing in page.badges:
        paint(image, drawing.ops, x, y, scale)
    paint(image, list(page.marks), 0, 0, scale)
    return image


def png_bytes(image: PILImage.Image, dpi: float = DEFAULT_DPI) -> bytes:
    buf = io.BytesIO()
    image.save(buf, "PNG", dpi=(dpi, dpi), optimize=False, compress_level=6)
    return buf.getvalue()


def render_badge(
    badge: BadgeData, style: BadgeStyle, layout: Layout | str = "cr80", dpi: float = DEFAULT_DPI
) -> PILImage.Image:
    """One badge as an image (for a sheet layout: the badge alone, not the sheet)."""
    lay = get_layout(layout) if isinstance(layout, str) else layout
    return render_drawing(compose(badge, style, lay), dpi)


def badge_png(
    badge: BadgeData, style: BadgeStyle, layout: Layout | str = "cr80", dpi: float = DEFAULT_DPI
) -> bytes:
    return png_bytes(render_badge(badge, style, layout, dpi), dpi)
