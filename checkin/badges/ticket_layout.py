"""What a ticket looks like: one list of layout operations for its PNG and its PDF.

A ticket is a frame that is the same for every attendee of the event (the header band
with the event's name, the date and place, "how to get in" in Korean and English, the
organizer's note, the QR's white box) and three things that are the person's own: the
display name, the registration number and the QR. :func:`frame` lays the frame out
once per event (cached: fitting and wrapping the text is most of the layout's cost);
:func:`compose` adds the person's three operations at places that never move, so the
PNG renderer can paint the frame once and only the person's parts per ticket.

A *discreet* ticket (its category is discreet, ``checkin.badges.discreet``) leaves off
the event's name, the date, the place and the registration number (its prefix can
name the event): a neutral band, the display name, the QR and how to get in.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from checkin.badges.layouts import (
    DISCREET_COLOR,
    GREY,
    INK,
    QR,
    QUIET_ZONE,
    WHITE,
    Drawing,
    Op,
    Rect,
    Text,
    ascent_mm,
    ellipsize,
    fit_text,
    line_height,
    qr_runs,
    text_width,
    wrap,
)
from checkin.badges.texts import BadgeTexts as T

HOW_TO_EN, HOW_TO_KO = T.ticket_how_to.pair()

BAND = "#1F3A5F"  # the header band: neutral dark blue
NEUTRAL = DISCREET_COLOR  # a discreet ticket's band: the discreet badges' colour
PAGE_W = 100.0  # the ticket itself, in millimetres (the PDF centres it on A4)
MARGIN = 7.0
QR_BOX = 64.0  # the QR with its quiet zone: about 1 mm a module, easy for any scanner
NAME_H, REG_H = 13.0, 5.0
PERSONAL_ROLES = ("name", "reg_no")  # the Text operations that differ per ticket


@dataclass(frozen=True, slots=True)
class TicketData:
    attendee_id: str
    reg_no: str
    badge_version: int
    code: str  # the signed badge code, exactly as on the badge
    name: str  # the display name
    event_name: str
    event_name_en: str
    date_text: str
    venue: str
    note: str
    discreet: bool = False  # the category's badges and tickets do not name the event

    @property
    def frame_key(self) -> FrameKey:
        if self.discreet:
            return FrameKey("", "", "", "", self.note, True)
        return FrameKey(self.event_name, self.event_name_en, self.date_text, self.venue,
                        self.note, False)  # fmt: skip

    @property
    def title(self) -> str:
        """The PDF's title: the event and number, or (discreet) a neutral word."""
        return "입장권 Ticket" if self.discreet else f"{self.event_name} - {self.reg_no}"


@dataclass(frozen=True, slots=True)
class FrameKey:
    """What a ticket's frame depends on (all tickets of an event share it)."""

    event_name: str
    event_name_en: str
    date_text: str
    venue: str
    note: str
    discreet: bool


@dataclass(frozen=True, slots=True)
class Frame:
    ops: tuple[Op, ...]
    name_y: float  # top of the name line; the registration number follows it
    qr_y: float  # top of the QR's box
    height: float


def _lines(
    ops: list[Op], text: str, y: float, size: float, bold: bool, color: str, align: str = "left"
) -> float:
    """Wrapped text from ``y`` (top of the first line) across the ticket; returns the
    bottom of the last line."""
    width = PAGE_W - 2 * MARGIN
    lh = line_height(size, bold) * 1.15
    asc = ascent_mm(size, bold)
    for line in wrap(text, size, bold, width):
        tw = text_width(line, size, bold)
        x = MARGIN + ((width - tw) / 2 if align == "center" else 0)
        ops.append(Text(x, y + asc, line, size, bold, color, tw, (MARGIN, y, width, lh)))
        y += lh
    return y


def _one_line(
    ops: list[Op], text: str, y: float, h: float, max_size: float, min_size: float,
    bold: bool, color: str, role: str,
) -> float:  # fmt: skip
    width = PAGE_W - 2 * MARGIN
    fit = fit_text(text, width, h, max_size, min_size, bold, max_lines=1)
    line = fit.lines[0] if fit.lines else ""
    if line:
        tw = text_width(line, fit.size, bold)
        top = y + (h - line_height(fit.size, bold)) / 2
        box = (MARGIN, y, width, h)
        ops.append(Text(MARGIN + (width - tw) / 2, top + ascent_mm(fit.size, bold), line,
                        fit.size, bold, color, tw, box, role))  # fmt: skip
    return y + h


@functools.lru_cache(maxsize=32)
def frame(key: FrameKey) -> Frame:
    """The ticket's frame for an event (everything but the name, number and QR)."""
    ops: list[Op] = []
    if key.discreet:
        band_h = 8.0
        ops.append(Rect(0, 0, PAGE_W, band_h, NEUTRAL))
    else:
        band_h = 22.0 if key.event_name_en else 16.0
        ops.append(Rect(0, 0, PAGE_W, band_h, BAND))
        y = _one_line(ops, key.event_name, 3.0, 10.0, 15, 8, True, WHITE, "event")
        if key.event_name_en:
            _one_line(ops, key.event_name_en, y, 6.0, 9, 6, False, WHITE, "event_en")
    name_y = band_h + 5
    qr_y = name_y + NAME_H + REG_H + 2
    ops.append(Rect((PAGE_W - QR_BOX) / 2, qr_y, QR_BOX, QR_BOX, WHITE))
    y = qr_y + QR_BOX + 3
    if not key.discreet:
        date, place = T.ticket_date, T.ticket_place
        y = _one_line(
            ops, f"{date.ko} {date.en}  {key.date_text}", y, 6.0, 11, 7, True, INK, "date"
        )
        where = ellipsize(
            f"{place.ko} {place.en}  {key.venue or '-'}", 11, True, PAGE_W - 2 * MARGIN
        )
        y = _one_line(ops, where, y, 6.0, 11, 7, True, INK, "venue")
    y += 3
    how = T.ticket_how_heading
    y = _lines(ops, how.ko, y, 9, True, INK)
    y = _lines(ops, HOW_TO_KO, y, 8, False, INK)
    y += 1.5
    y = _lines(ops, how.en, y, 9, True, INK)
    y = _lines(ops, HOW_TO_EN, y, 8, False, INK)
    if key.note:
        y += 3
        y = _lines(ops, key.note, y, 8.5, True, NEUTRAL if key.discreet else BAND)
    return Frame(tuple(ops), name_y, qr_y, y + MARGIN)


def personal_ops(t: TicketData, fr: Frame) -> list[Op]:
    """The ticket's own operations: display name, registration number, QR."""
    ops: list[Op] = []
    y = _one_line(ops, t.name, fr.name_y, NAME_H, 24, 10, True, INK, "name")
    if not t.discreet:
        _one_line(ops, t.reg_no, y, REG_H, 9, 7, False, GREY, "reg_no")
    size, runs = qr_runs(t.code)
    module = QR_BOX / (size + 2 * QUIET_ZONE)
    x0 = (PAGE_W - QR_BOX) / 2
    ops.append(QR(x0 + QUIET_ZONE * module, fr.qr_y + QUIET_ZONE * module, module, size, runs,
                  t.code))  # fmt: skip
    return ops


def compose(t: TicketData) -> Drawing:
    """The whole ticket as layout operations in millimetres (``PAGE_W`` wide)."""
    fr = frame(t.frame_key)
    return Drawing(PAGE_W, fr.height, [*fr.ops, *personal_ops(t, fr)], t.attendee_id)
