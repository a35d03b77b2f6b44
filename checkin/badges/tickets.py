"""Tickets sent before the day: each pre-registered attendee's signed QR on one page.

A ticket shows the display name (never the full name, the category or anything else
that could tell a stranger who the person is), the signed badge code as a QR (the same
code the badge carries: the door scans either), the date and place, a short "how to get
in" in Korean and English and an optional organizer note. It is painted from one list
of layout operations (``checkin.badges.ticket_layout``) into a PNG (Pillow, like the
badges) and into a one-page A4 PDF (fpdf2 with the bundled font), so both always say
the same (rendering: ``checkin.badges.ticket_render``). A discreet category's tickets
leave off the event's name, date and place (``checkin.badges.discreet``).

- :func:`select` picks the registered attendees (category, registration numbers,
  changed since).
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
import io
import os
import string
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checkin import errors
from checkin.badges import discreet as discreet_mod
from checkin.badges import service as badges_mod
from checkin.badges.texts import BadgeTexts as T
from checkin.badges.ticket_layout import (  # re-exported: the ticket's look lives there
    BAND,
    HOW_TO_EN,
    HOW_TO_KO,
    MARGIN,
    PAGE_W,
    TicketData,
    compose,
)
from checkin.badges.ticket_render import (  # re-exported: rendering lives there
    PDF_BATCH,
    PNG_DPI,
    RenderStats,
    file_stem,
    iter_files,
    iter_pdfs,
    pdf_bytes,
    pdf_many,
    png_bytes,
    render_folder,
)
from checkin.clock import Clock
from checkin.db.eventfile import EventFile
from checkin.event import identity as event_mod
from checkin.event import settings as settings_mod
from checkin.lists import pdfdoc
from checkin.models import ATTENDEE_COLUMNS, REGISTERED, Attendee
from checkin.protect import audit, consent
from checkin.protect.access import Access

__all__ = [
    "BAND", "HOW_TO_EN", "HOW_TO_KO", "MARGIN", "PAGE_W", "PDF_BATCH", "PNG_DPI",
    "RenderStats", "TicketData", "compose", "file_stem", "iter_files", "iter_pdfs",
    "pdf_bytes", "pdf_many", "png_bytes",
]  # fmt: skip

NOTE_KEY = "ticket_note"
SUBJECT_KEY = "ticket_subject"
BODY_KEY = "ticket_body"
MAX_NOTE = 300
MAX_TEMPLATE = 4000
FORMATS = ("pdf", "png")
INDEX_NAME = "tickets.csv"
TEMPLATE_FIELDS = ("name", "event", "event_en", "date", "venue", "reg_no")

DEFAULT_SUBJECT = "[{event}] 입장권 / Your ticket"
DEFAULT_BODY = (
    "{name} 님, 안녕하세요.\n\n"
    "{event} ({date}, {venue}) 입장권을 첨부합니다. 입구에서 첨부된 QR 코드를 "
    "휴대전화 화면이나 인쇄물로 보여 주세요.\n\n"
    "Hello {name},\n\n"
    "Attached is your ticket for {event_en} ({date}, {venue}). Please show its QR code "
    "at the entrance, on your phone or printed.\n"
)

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


def check_note(text: str) -> str:
    """The organizer's note as printed: one line, at most ``MAX_NOTE`` characters."""
    value = " ".join(str(text).split())
    if len(value) > MAX_NOTE:
        raise errors.InvalidInput(T.ticket_note_can_have_most, field=NOTE_KEY, max_note=MAX_NOTE)
    return value


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
        values[NOTE_KEY] = check_note(note_text)
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
    ef: EventFile,
    categories: Iterable[str] = (),
    reg_numbers: Iterable[str] = (),
    changed_since_ms: int | None = None,
) -> list[Attendee]:
    """Registered (not cancelled) attendees, by registration number; each filter given
    narrows them: ``categories``, ``reg_numbers``, records added or changed at or after
    ``changed_since_ms`` (a new e-mail address, a reissued badge, a new name)."""
    cfg = settings_mod.load(ef)
    wanted = badges_mod.check_categories(cfg, categories)
    regs = [r.strip() for r in reg_numbers if r.strip()]
    where: list[str] = ["status = ?"]
    params: list[Any] = [REGISTERED]
    if wanted:
        where.append(f"category IN ({', '.join('?' for _ in wanted)})")
        params.extend(wanted)
    if regs:
        where.append(f"reg_no IN ({', '.join('?' for _ in regs)})")
        params.extend(regs)
    if changed_since_ms is not None:
        where.append("updated_at >= ?")
        params.append(int(changed_since_ms))
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


def since_ms(text: str, timezone: str) -> int:
    """A moment typed as YYYY-MM-DD or YYYY-MM-DD HH:MM (the event's time zone) in ms."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    value = " ".join(str(text).replace("T", " ").split())
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            moment = dt.datetime.strptime(value, fmt).replace(tzinfo=ZoneInfo(timezone))
        except ValueError:
            continue
        return int(moment.timestamp() * 1000)
    raise errors.InvalidInput(
        f"Not a date and time: {text!r}. Use YYYY-MM-DD or YYYY-MM-DD HH:MM.",
        f"날짜·시각 형식이 아닙니다: {text!r}. YYYY-MM-DD 또는 YYYY-MM-DD HH:MM 형식으로 쓰세요.",
        "since",
    )


def ticket_data(
    ef: EventFile, people: Sequence[Attendee], cfg: settings_mod.EventSettings | None = None
) -> list[TicketData]:
    """What each ticket shows, with the signed code (needs the signing key)."""
    cfg = cfg or settings_mod.load(ef)
    signer = event_mod.signer(ef)
    text = note(cfg)
    discreet = discreet_mod.categories(cfg)
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
            discreet=a.category in discreet,
        )
        for a in people
    ]


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
    stats: RenderStats | None = None  # how it was rendered (workers, their CPU and memory)


# Long because: one export read top to bottom: its refusals (access, reason, folder, nobody), the
# render with the audit row of a run stopped halfway, then the index and its audit row
def write_files(
    ef: EventFile,
    clock: Clock,
    access: Access,
    people: Sequence[Attendee],
    folder: str | os.PathLike[str],
    formats: Sequence[str] = FORMATS,
    with_contact: bool = False,
    progress: Callable[[int, int], None] | None = None,
    workers: int | None = None,
) -> FilesResult:
    """Write each ticket as ``<reg no>.pdf`` / ``.png`` into ``folder`` and an index
    ``tickets.csv`` (registration number, file names; with ``with_contact`` also the
    e-mail and phone of attendees whose consent covers contact details). Organizer
    only, with a reason; recorded in the audit log as an export (counts and fields, no
    values). Large runs are rendered on every core (``ticket_render.render_folder``);
    ``progress`` may raise to stop: the files written stay, the index is not written,
    and the audit row counts the tickets written."""
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
    stats = RenderStats()
    fields = ["display_name", "reg_no"] + (["email", "phone"] if with_contact else [])
    try:
        made = render_folder(data, target, formats, progress, workers, stats)
    except BaseException:
        # Stopped or failed halfway: the tickets written so far left the app all the same.
        written = sum(1 for t in data if (target / f"{file_stem(t.reg_no)}.{formats[0]}").exists())
        audit.record(ef, clock, audit.EXPORT, operator=access.operator,
                     detail=access.export_detail({"kind": "tickets-stopped",
                                                  "format": ",".join(formats), "rows": written,
                                                  "fields": fields[:2], "personal": []}))  # fmt: skip
        raise
    for (reg_no, names), t in zip(made, data, strict=True):
        files += len(names)
        row = [reg_no, *[names.get(f, "") for f in FORMATS]]
        if with_contact:
            a = by_id[t.attendee_id]
            ok = consent.covers_contact(a)
            row += [a.email if ok else "", a.phone if ok else ""]
        rows.append(row)
    header = ["reg_no", "pdf", "png"] + (["email", "phone"] if with_contact else [])

    def write(fh: Any) -> None:
        text = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="")
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow(header)
        writer.writerows([[_neutral(c) for c in r] for r in rows])
        text.flush()
        text.detach()

    pdfdoc.write_atomically(target / INDEX_NAME, write)
    audit.record(ef, clock, audit.EXPORT, operator=access.operator,
                 detail=access.export_detail({"kind": "tickets", "format": ",".join(formats),
                                              "rows": len(rows), "fields": fields,
                                              "personal": fields[2:]}))  # fmt: skip
    return FilesResult(os.fspath(target), len(rows), files, os.fspath(target / INDEX_NAME),
                       with_contact, stats)  # fmt: skip


def _neutral(text: str) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    if text[:1] in ("=", "@", "\t", "\r") or (
        text[:1] in ("+", "-") and not set(text) <= set("+-0123456789 ()")
    ):
        return "'" + text
    return text
