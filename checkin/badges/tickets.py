"""Tickets sent before the day: each pre-registered attendee's signed QR on one page.

A ticket shows the display name (never the full name, the category or anything else
that could tell a stranger who the person is), the signed badge code as a QR (the same
code the badge carries: the door scans either), the date and place, a short "how to get
in" in Korean and English and an optional organizer note. It is painted from one list
of layout operations (``checkin.badges.layouts``) into a PNG (Pillow, like the badges)
and into a one-page A4 PDF (fpdf2 with the bundled font, ``checkin.lists.pdfdoc``), so both
always say the same.

- :func:`select` picks the registered attendees (category, registration numbers).
- :func:`ticket_data` reads what each ticket shows, with the signed code.
- :func:`png_bytes` / :func:`pdf_bytes` render one ticket.
- :func:`write_files` writes a folder of tickets named by registration number and an
  index CSV (``tickets.csv``) for the organizer's own channel (KakaoTalk, SMS gateway,
  mail merge); the contact columns only when asked for (organizer access, audited).

Ticket settings live in the event settings (``EventSettings.extra``):
``ticket_note`` (the organizer's note, may be empty), ``ticket_subject`` and
``ticket_body`` (the e-mail templates, see ``checkin.badges.ticket_mail``).
"""

from __future__ import annotations

import csv
import functools
import io
import os
import string
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checkin import errors
from checkin.badges import service as badges_mod
from checkin.badges.layouts import (
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
from checkin.clock import Clock
from checkin.db.eventfile import EventFile
from checkin.event import identity as event_mod
from checkin.event import settings as settings_mod
from checkin.lists import pdfdoc
from checkin.models import ATTENDEE_COLUMNS, REGISTERED, Attendee
from checkin.protect import audit
from checkin.protect.access import Access

NOTE_KEY = "ticket_note"
SUBJECT_KEY = "ticket_subject"
BODY_KEY = "ticket_body"
MAX_NOTE = 300
MAX_TEMPLATE = 4000
FORMATS = ("pdf", "png")
PNG_DPI = 200
INDEX_NAME = "tickets.csv"
TEMPLATE_FIELDS = ("name", "event", "event_en", "date", "venue", "reg_no")

HOW_TO_EN, HOW_TO_KO = T.ticket_how_to.pair()

# The e-mail's default subject and body: templates the organizer edits (both languages in
# one message, as sent), not words of the app.
DEFAULT_SUBJECT = "[{event}] 입장권 / Your ticket"
DEFAULT_BODY = (
    "{name} 님, 안녕하세요.\n\n"
    "{event} ({date}, {venue}) 입장권을 첨부합니다. 입구에서 첨부된 QR 코드를 "
    "휴대전화 화면이나 인쇄물로 보여 주세요.\n\n"
    "Hello {name},\n\n"
    "Attached is your ticket for {event_en} ({date}, {venue}). Please show its QR code "
    "at the entrance, on your phone or printed.\n"
)

BAND = "#1F3A5F"  # the header band: neutral dark blue
PAGE_W = 100.0  # the ticket itself, in millimetres (the PDF centres it on A4)
MARGIN = 7.0


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


# --- settings -------------------------------------------------------------------------


def note(cfg: settings_mod.EventSettings) -> str:
    value = cfg.extra.get(NOTE_KEY) or ""
    return " ".join(str(value).split())


def subject_template(cfg: settings_mod.EventSettings) -> str:
    return str(cfg.extra.get(SUBJECT_KEY) or DEFAULT_SUBJECT)


def body_template(cfg: settings_mod.EventSettings) -> str:
    return str(cfg.extra.get(BODY_KEY) or DEFAULT_BODY)


def check_template(text: str, key: str) -> str:
    """A subject or body template: only the known ``{fields}``, not too long."""
    if not isinstance(text, str) or len(text) > MAX_TEMPLATE:
        raise errors.InvalidInput(
            T.template_must_text_most_characters, field=key, max_template=MAX_TEMPLATE
        )
    fields = ", ".join("{" + f + "}" for f in TEMPLATE_FIELDS)
    try:
        names = [name for _, name, spec, conv in string.Formatter().parse(text) if name is not None]
    except ValueError:
        raise errors.InvalidInput(
            T.template_has_unmatched_fields_you, field=key, fields=fields
        ) from None
    unknown = [n for n in names if n not in TEMPLATE_FIELDS]
    if unknown:
        raise errors.InvalidInput(
            T.unknown_field_template_fields_you, field=key, value=unknown[0], fields=fields
        )
    if key == SUBJECT_KEY and ("\n" in text or "\r" in text):
        raise errors.InvalidInput(T.subject_must_one_line, field=key)
    return text


def set_settings(
    ef: EventFile,
    clock: Clock,
    access: Access,
    note_text: str | None = None,
    subject: str | None = None,
    body: str | None = None,
    operator: str = "",
) -> settings_mod.EventSettings:
    """Change the ticket note and e-mail templates (organizer only); "" restores the
    default (for the note: none)."""
    access.require_organizer(ef)
    values: dict[str, Any] = {}
    if note_text is not None:
        text = " ".join(str(note_text).split())
        if len(text) > MAX_NOTE:
            raise errors.InvalidInput(
                T.ticket_note_can_have_most, field=NOTE_KEY, max_note=MAX_NOTE
            )
        values[NOTE_KEY] = text
    if subject is not None:
        values[SUBJECT_KEY] = check_template(subject, SUBJECT_KEY) if subject else ""
    if body is not None:
        values[BODY_KEY] = check_template(body, BODY_KEY) if body else ""
    if not values:
        return settings_mod.load(ef)
    return settings_mod.update(ef, clock, values, operator)


def fill(template: str, t: TicketData) -> str:
    return template.format_map(
        {"name": t.name, "event": t.event_name, "event_en": t.event_name_en or t.event_name,
         "date": t.date_text, "venue": t.venue, "reg_no": t.reg_no}
    )  # fmt: skip


# --- who and what ---------------------------------------------------------------------


def select(
    ef: EventFile, categories: Iterable[str] = (), reg_numbers: Iterable[str] = ()
) -> list[Attendee]:
    """Registered (not cancelled) attendees, by registration number."""
    cfg = settings_mod.load(ef)
    wanted = badges_mod.check_categories(cfg, categories)
    regs = [r.strip() for r in reg_numbers if r.strip()]
    where, params = ["status = ?"], [REGISTERED]
    if wanted:
        where.append(f"category IN ({', '.join('?' for _ in wanted)})")
        params.extend(wanted)
    if regs:
        where.append(f"reg_no IN ({', '.join('?' for _ in regs)})")
        params.extend(regs)
    rows = ef.execute(
        f"SELECT {ATTENDEE_COLUMNS} FROM attendees WHERE {' AND '.join(where)}", params
    ).fetchall()
    people = badges_mod.sort_attendees((Attendee.from_row(r) for r in rows), "reg")
    if regs:
        found = {a.reg_no for a in people}
        missing = [r for r in regs if r not in found]
        if missing:
            raise errors.InvalidInput(
                T.no_registered_attendee_has_registration, field="reg", value=missing[0]
            )
    return people


def ticket_data(
    ef: EventFile, people: Sequence[Attendee], cfg: settings_mod.EventSettings | None = None
) -> list[TicketData]:
    """What each ticket shows, with the signed code (needs the signing key)."""
    cfg = cfg or settings_mod.load(ef)
    signer = event_mod.signer(ef)
    text = note(cfg)
    return [
        TicketData(
            attendee_id=a.id,
            reg_no=a.reg_no,
            badge_version=a.badge_version,
            code=signer.code(a.id, a.badge_version),
            name=" ".join(a.display_name.split()),
            event_name=cfg.name,
            event_name_en=cfg.name_en if cfg.name_en != cfg.name else "",
            date_text=badges_mod.date_text(cfg.date),
            venue=" ".join(cfg.venue.split()),
            note=text,
        )
        for a in people
    ]


# --- the layout -----------------------------------------------------------------------


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
    tw = text_width(line, fit.size, bold)
    top = y + (h - line_height(fit.size, bold)) / 2
    box = (MARGIN, y, width, h)
    ops.append(Text(MARGIN + (width - tw) / 2, top + ascent_mm(fit.size, bold), line, fit.size,
                    bold, color, tw, box, role))  # fmt: skip
    return y + h


@functools.lru_cache(maxsize=128)
def compose(t: TicketData) -> Drawing:
    """The ticket as layout operations in millimetres (``PAGE_W`` wide); cached, as the
    PNG and the PDF of one ticket share it (encoding the QR is the costly part)."""
    ops: list[Op] = []
    band_h = 22.0 if t.event_name_en else 16.0
    ops.append(Rect(0, 0, PAGE_W, band_h, BAND))
    y = 3.0
    y = _one_line(ops, t.event_name, y, 10.0, 15, 8, True, WHITE, "event")
    if t.event_name_en:
        _one_line(ops, t.event_name_en, y, 6.0, 9, 6, False, WHITE, "event_en")
    y = band_h + 5
    y = _one_line(ops, t.name, y, 13.0, 24, 10, True, INK, "name")
    y = _one_line(ops, t.reg_no, y, 5.0, 9, 7, False, GREY, "reg_no")
    # The QR: 64 mm with its quiet zone, about 1 mm per module, easy for any phone
    # screen brightness and any door scanner.
    box = 64.0
    size, runs = qr_runs(t.code)
    module = box / (size + 2 * QUIET_ZONE)
    x0 = (PAGE_W - box) / 2
    y += 2
    ops.append(Rect(x0, y, box, box, WHITE))
    ops.append(QR(x0 + QUIET_ZONE * module, y + QUIET_ZONE * module, module, size, runs, t.code))
    y += box + 3
    when = t.date_text
    where = t.venue or "-"
    date, place, how = T.ticket_date, T.ticket_place, T.ticket_how_heading
    y = _one_line(ops, f"{date.ko} {date.en}  {when}", y, 6.0, 11, 7, True, INK, "date")
    y = _one_line(ops, ellipsize(f"{place.ko} {place.en}  {where}", 11, True, PAGE_W - 2 * MARGIN),
                  y, 6.0, 11, 7, True, INK, "venue")  # fmt: skip
    y += 3
    y = _lines(ops, how.ko, y, 9, True, INK)
    y = _lines(ops, HOW_TO_KO, y, 8, False, INK)
    y += 1.5
    y = _lines(ops, how.en, y, 9, True, INK)
    y = _lines(ops, HOW_TO_EN, y, 8, False, INK)
    if t.note:
        y += 3
        y = _lines(ops, t.note, y, 8.5, True, BAND)
    return Drawing(PAGE_W, y + MARGIN, ops, t.attendee_id)


# --- rendering ------------------------------------------------------------------------


def png_bytes(t: TicketData, dpi: int = PNG_DPI) -> bytes:
    from checkin.badges import renderer as badge_renderer

    image = badge_renderer.render_drawing(compose(t), dpi)
    buf = io.BytesIO()
    image.save(buf, "PNG", dpi=(dpi, dpi), compress_level=3)  # flat colours: 3 is enough
    return buf.getvalue()


# Tickets laid out in one document, then split into one file each (opening a document
# parses the fonts, ~0.5 s). Each file then carries the batch's font subset: glyphs only.
PDF_BATCH = 100


def _new_document(title: str) -> pdfdoc.Document:
    pdf = pdfdoc.Document(title)
    pdf.set_auto_page_break(False)
    return pdf


def _ticket_page(pdf: pdfdoc.Document, painter: Any, t: TicketData) -> None:
    """The ticket centred at the top of an A4 page (vector text and QR), framed."""
    pdf.footer_text = t.event_name
    pdf.add_page()
    painter._fill = painter._text = painter._font = None
    drawing = compose(t)
    ox = (pdf.w - drawing.w) / 2
    oy = 14.0
    pdf.set_draw_color(200, 200, 200)
    pdf.set_line_width(0.3)
    pdf.rect(ox, oy, drawing.w, drawing.h)  # a frame to cut along when printed
    painter.ops(drawing.ops, ox, oy)


def pdf_many(data: Sequence[TicketData]) -> list[bytes]:
    """Each ticket as its own one-page PDF.

    Opening a document parses the bundled Hangul fonts (about 0.6 s), so tickets are
    laid out ``PDF_BATCH`` to a document and the pages then split into files (pypdf);
    each file carries the batch's font subset (a few hundred glyphs).
    """
    from pypdf import PdfReader, PdfWriter

    from checkin.badges.pdf import _Painter

    out: list[bytes] = []
    for start in range(0, len(data), PDF_BATCH):
        chunk = data[start : start + PDF_BATCH]
        pdf = _new_document(chunk[0].event_name)
        painter = _Painter(pdf)
        for t in chunk:
            _ticket_page(pdf, painter, t)
        whole = bytes(pdf.output())
        if len(chunk) == 1:
            out.append(whole)
            continue
        reader = PdfReader(io.BytesIO(whole))
        for t, page in zip(chunk, reader.pages, strict=True):
            writer = PdfWriter()
            writer.add_page(page)
            writer.add_metadata({"/Title": f"{t.event_name} - {t.reg_no}", "/Creator": "checkin"})
            buf = io.BytesIO()
            writer.write(buf)
            out.append(buf.getvalue())
    return out


def pdf_bytes(t: TicketData) -> bytes:
    """One ticket as a one-page A4 PDF."""
    return pdf_many([t])[0]


def file_stem(reg_no: str) -> str:
    """A safe file name from a registration number (DD-0001 stays DD-0001)."""
    safe = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_") else "_" for ch in reg_no)
    return safe or "ticket"


def check_formats(formats: Iterable[str]) -> list[str]:
    wanted = [f.strip().lower() for f in formats if f.strip()]
    bad = [f for f in wanted if f not in FORMATS]
    if bad or not wanted:
        en, ko = (
            T.ticket_formats.get(lang, given=bad[0] if bad else T.ticket_no_format.get(lang))
            for lang in ("en", "ko")
        )
        raise errors.InvalidInput(en, ko, "format")
    return list(dict.fromkeys(wanted))


# --- files for the organizer's own channel --------------------------------------------


@dataclass(frozen=True, slots=True)
class FilesResult:
    folder: str
    tickets: int
    files: int
    index: str
    with_contact: bool


def write_files(
    ef: EventFile,
    clock: Clock,
    access: Access,
    people: Sequence[Attendee],
    folder: str | os.PathLike[str],
    formats: Sequence[str] = FORMATS,
    with_contact: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> FilesResult:
    """Write each ticket as ``<reg no>.pdf`` / ``.png`` into ``folder`` and an index
    ``tickets.csv`` (registration number, file names; with ``with_contact`` also the
    e-mail and phone of attendees whose consent is on file). Organizer only, with a
    reason; recorded in the audit log as an export (counts and fields, no values)."""
    access.require_organizer(ef)
    access.check_reason()
    formats = check_formats(formats)
    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise errors.InvalidInput(T.file_give_folder, field="out", target=target)  # fmt: skip
    if not people:
        raise errors.InvalidInput(T.no_tickets_make_no_registered, field="selection")
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise errors.InvalidInput(
            T.cannot_create_folder, field="out", target=target, value=exc.strerror or exc
        ) from exc
    data = ticket_data(ef, people, settings_mod.load(ef))
    by_id = {a.id: a for a in people}
    rows: list[list[str]] = []
    files = 0
    pdfs: Iterator[bytes] = iter(())
    for i, t in enumerate(data, 1):
        if "pdf" in formats and (i - 1) % PDF_BATCH == 0:
            pdfs = iter(pdf_many(data[i - 1 : i - 1 + PDF_BATCH]))
        stem = file_stem(t.reg_no)
        names = []
        for fmt in formats:
            blob = next(pdfs) if fmt == "pdf" else png_bytes(t)
            name = f"{stem}.{fmt}"
            pdfdoc.write_atomically(target / name, functools.partial(_write_blob, blob))
            names.append(name)
            files += 1
        row = [t.reg_no, *[(names[formats.index(f)] if f in formats else "") for f in FORMATS]]
        if with_contact:
            a = by_id[t.attendee_id]
            consented = a.consent_at is not None
            row += [a.email if consented else "", a.phone if consented else ""]
        rows.append(row)
        if progress:
            progress(i, len(data))
    header = ["reg_no", "pdf", "png"] + (["email", "phone"] if with_contact else [])

    def write(fh: Any) -> None:
        text = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="")
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows([[_neutral(c) for c in r] for r in rows])
        text.flush()
        text.detach()

    pdfdoc.write_atomically(target / INDEX_NAME, write)
    fields = ["display_name", "reg_no"] + (["email", "phone"] if with_contact else [])
    audit.record(ef, clock, audit.EXPORT, operator=access.operator,
                 detail=access.export_detail({"kind": "tickets", "format": ",".join(formats),
                                              "rows": len(rows), "fields": fields,
                                              "personal": with_contact}))  # fmt: skip
    return FilesResult(os.fspath(target), len(rows), files, os.fspath(target / INDEX_NAME),
                       with_contact)  # fmt: skip


def _write_blob(blob: bytes, fh: Any) -> None:
    fh.write(blob)


def _neutral(text: str) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    if text[:1] in ("=", "@", "\t", "\r") or (
        text[:1] in ("+", "-") and not set(text) <= set("+-0123456789 ()")
    ):
        return "'" + text
    return text
