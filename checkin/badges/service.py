"""Badges as a service: who gets one, what it says, and the print log.

- :func:`select` picks the attendees to print (category filter, only those not yet
  printed, sorted by name in Korean order or by registration number).
- :func:`badge_data` turns attendees into what a badge shows (``BadgeData``), with
  the signed code; :func:`style` reads the event's look (title, date, logo).
- The print log (``print_log`` table, synced between stations) has one row per
  printed badge: :func:`record_prints`, :func:`summary`, :func:`history`.
- :func:`prepare_reprint` handles a lost badge: optionally reissue the code first (the
  old badge then scans as ``superseded``); the reprint and the reissue are logged.

Badge settings live in the event settings (``EventSettings.extra``):

- ``badge_logo``: a small PNG (base64), printed in the header; set with :func:`set_logo`.
- ``badge_full_name_categories``: categories whose *full* name may print under the
  display name. Empty by default: defectors often register under an alias, and a full
  name on a badge (seen and photographed in the street) can endanger them or their
  family in the North.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import io
import logging
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from checkin import errors
from checkin.badges import discreet
from checkin.badges.layouts import BadgeData, BadgeStyle, get_layout, parse_color
from checkin.badges.texts import BadgeTexts as T
from checkin.clock import Clock
from checkin.db.eventfile import EventFile
from checkin.db.stamps import next_stamps
from checkin.event import identity as event_mod
from checkin.event import settings as settings_mod
from checkin.ids import uuid7
from checkin.models import ATTENDEE_COLUMNS, REGISTERED, Attendee
from checkin.people import attendees as attendees_mod
from checkin.people.hangul import is_jamo, is_syllable
from checkin.protect import audit

log = logging.getLogger(__name__)

LOGO_KEY = "badge_logo"
FULL_NAME_KEY = "badge_full_name_categories"
LOGO_MAX_PX = 600
LOGO_MAX_BYTES = 256 * 1024
SORTS = ("name", "reg")
OUTPUTS = ("pdf", "png", "printer")


# --- what a badge shows ---------------------------------------------------------------


def date_text(iso: str) -> str:
    try:
        d = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{d.year}.{d.month:02d}.{d.day:02d}"


def logo_png(cfg: settings_mod.EventSettings) -> bytes | None:
    value = cfg.extra.get(LOGO_KEY)
    if not value:
        return None
    try:
        return base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        log.warning("badge logo setting is not valid base64; ignored")
        return None


def style(cfg: settings_mod.EventSettings) -> BadgeStyle:
    return BadgeStyle(
        event_name=cfg.name,
        event_name_en=cfg.name_en if cfg.name_en != cfg.name else "",
        date_text=date_text(cfg.date),
        logo_png=logo_png(cfg),
    )


def full_name_categories(cfg: settings_mod.EventSettings) -> set[str]:
    value = cfg.extra.get(FULL_NAME_KEY) or []
    return {str(v) for v in value} if isinstance(value, list) else set()


def second_name(a: Attendee, allowed: set[str]) -> str:
    """The full name under the display name, only where the event allows it."""
    full = " ".join(a.full_name.split())
    if not full or a.category not in allowed:
        return ""
    if full.replace(" ", "") == a.display_name.replace(" ", ""):
        return ""
    return full


def badge_data(
    ef: EventFile,
    people: Sequence[Attendee],
    cfg: settings_mod.EventSettings | None = None,
) -> list[BadgeData]:
    """What each attendee's badge shows, with the signed code (needs the signing key)."""
    cfg = cfg or settings_mod.load(ef)
    signer = event_mod.signer(ef)
    allowed = full_name_categories(cfg)
    quiet = discreet.categories(cfg)
    out = []
    for a in people:
        cat = cfg.category(a.category)
        out.append(
            BadgeData(
                attendee_id=a.id,
                reg_no=a.reg_no,
                code=signer.code(a.id, a.badge_version),
                name=a.display_name,
                second_name=second_name(a, allowed),
                category=a.category,
                category_ko=cat.badge_ko if cat else a.category,
                category_en=cat.badge_en if cat else a.category,
                color=cat.color if cat else "#37474F",
                organization=" ".join(a.organization.split()),
                no_photo=a.no_photo,
                badge_version=a.badge_version,
                discreet=a.category in quiet,
            )
        )
    return out


# --- choosing and sorting ---------------------------------------------------------------


def name_sort_key(name: str) -> tuple[int, str]:
    """Korean order: Hangul names first (가나다 order), then Latin (A-Z, accents and
    case ignored), then anything else. Spaces are ignored."""
    text = unicodedata.normalize("NFC", "".join(name.split()))
    first = text[:1]
    if first and (is_syllable(first) or is_jamo(first)):
        return (0, text)
    folded = "".join(
        ch for ch in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(ch)
    )
    if folded[:1].isascii() and folded[:1].isalpha():
        return (1, folded)
    return (2, folded)


def _reg_sort_key(reg_no: str) -> tuple[str, int, str]:
    head, _, tail = reg_no.rpartition("-")
    return (head, int(tail) if tail.isdigit() else 0, reg_no)


def sort_attendees(people: Iterable[Attendee], sort: str = "name") -> list[Attendee]:
    if sort not in SORTS:
        raise errors.InvalidInput(T.sort_by_name_reg_not, field="sort", sort=sort)
    if sort == "reg":
        return sorted(people, key=lambda a: _reg_sort_key(a.reg_no))
    return sorted(people, key=lambda a: (name_sort_key(a.display_name), _reg_sort_key(a.reg_no)))


def check_categories(cfg: settings_mod.EventSettings, categories: Iterable[str]) -> list[str]:
    known = cfg.category_ids()
    wanted = [c.strip() for c in categories if c.strip()]
    unknown = [c for c in wanted if c not in known]
    if unknown:
        raise errors.InvalidInput(
            T.unknown_category_event_has, field="category", value=unknown[0], join=", ".join(known)
        )
    return wanted


def _where(
    cfg: settings_mod.EventSettings,
    categories: Iterable[str],
    only_unprinted: bool,
    include_cancelled: bool,
) -> tuple[list[str], list[Any]]:
    wanted = check_categories(cfg, categories)
    where: list[str] = []
    params: list[Any] = []
    if not include_cancelled:
        where.append("a.status = ?")
        params.append(REGISTERED)
    if wanted:
        where.append(f"a.category IN ({', '.join('?' for _ in wanted)})")
        params.extend(wanted)
    if only_unprinted:
        where.append(
            "NOT EXISTS (SELECT 1 FROM print_log p WHERE p.attendee_id = a.id "
            "AND p.badge_version = a.badge_version)"
        )
    return where, params


def select(
    ef: EventFile,
    categories: Iterable[str] = (),
    only_unprinted: bool = False,
    sort: str = "name",
    include_cancelled: bool = False,
    ids: Iterable[str] | None = None,
) -> list[Attendee]:
    """The attendees whose badges to print, in print order.

    ``only_unprinted`` leaves out everyone whose *current* badge was printed at any
    station this file has synced with (a reissued badge counts as not printed).
    """
    cfg = settings_mod.load(ef)
    where, params = _where(cfg, categories, only_unprinted, include_cancelled)
    id_list = list(ids) if ids is not None else None
    if id_list is not None:
        if not id_list:
            return []
        where.append(f"a.id IN ({', '.join('?' for _ in id_list)})")
        params.extend(id_list)
    columns = ", ".join(f"a.{c.strip()}" for c in ATTENDEE_COLUMNS.split(","))
    sql = f"SELECT {columns} FROM attendees a"
    if where:
        sql += " WHERE " + " AND ".join(where)
    rows = ef.execute(sql, params).fetchall()
    return sort_attendees((Attendee.from_row(r) for r in rows), sort)


def count_selected(
    ef: EventFile, categories: Iterable[str] = (), only_unprinted: bool = False
) -> int:
    """How many badges :func:`select` would return (cheap, for a live count)."""
    cfg = settings_mod.load(ef)
    where, params = _where(cfg, categories, only_unprinted, False)
    sql = "SELECT count(*) FROM attendees a"
    if where:
        sql += " WHERE " + " AND ".join(where)
    return int(ef.execute(sql, params).fetchone()[0])


# --- the print log ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PrintRecord:
    id: str
    attendee_id: str
    badge_version: int
    layout: str
    output: str
    copies: int
    reprint: bool
    reissued: bool
    reason: str
    operator: str
    station_id: str
    station_name: str
    at_ms: int

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


_PRINT_COLUMNS = (
    "id, attendee_id, badge_version, layout, output, copies, reprint, reissued, reason, "
    "operator, station_id, station_name, at_ms"
)


def _record(row: Any) -> PrintRecord:
    values = list(row)
    values[6], values[7] = bool(values[6]), bool(values[7])
    return PrintRecord(*values)


def record_prints(
    ef: EventFile,
    clock: Clock,
    people: Sequence[Attendee | BadgeData],
    layout: str,
    output: str,
    copies: int = 1,
    reason: str = "",
    operator: str = "",
    reissued: bool = False,
    export_reason: str = "",
) -> list[PrintRecord]:
    """Log printed badges (one transaction). A badge for someone printed before (at
    any station this file knows of) is flagged as a reprint. A file of badges is an
    export: audited, with ``export_reason`` (why it was made) when given."""
    get_layout(layout)  # a known layout or a valid custom:WxH
    if output not in OUTPUTS:
        raise ValueError(output)
    if copies < 1:
        raise errors.InvalidInput(T.copies_must_least, field="copies")
    if not people:
        return []
    now = clock.now_ms()
    records = []
    with ef.write() as conn:
        stamps = next_stamps(conn, now, len(people))
        before = _printed_ids(conn, [p.attendee_id if isinstance(p, BadgeData) else p.id
                                     for p in people])  # fmt: skip
        rows = []
        for person, stamp in zip(people, stamps, strict=True):
            attendee_id = person.attendee_id if isinstance(person, BadgeData) else person.id
            version = person.badge_version
            reprint = attendee_id in before
            before.add(attendee_id)
            rec = PrintRecord(
                uuid7(now), attendee_id, version, layout, output, copies, reprint, reissued,
                reason, operator, stamp.station_id, stamp.station_name, now,
            )  # fmt: skip
            records.append(rec)
            rows.append(
                (rec.id, stamp.station_id, stamp.seq, stamp.hlc, now, stamp.station_name,
                 attendee_id, version, layout, output, copies, int(reprint), int(reissued),
                 reason, operator)
            )  # fmt: skip
        conn.executemany(
            "INSERT INTO print_log (id, station_id, seq, hlc, at_ms, station_name, attendee_id, "
            "badge_version, layout, output, copies, reprint, reissued, reason, operator) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        if output != "printer":
            # A PDF or PNG of badges is a file with names in it: an export, audited.
            detail: dict[str, Any] = {"kind": "badges", "format": output, "rows": len(records)}
            if export_reason:
                detail["reason"] = export_reason
            audit.record_in(conn, now, audit.EXPORT, detail=detail, operator=operator)
    log.info("logged %d printed badge(s) (%s, %s)", len(records), layout, output)
    return records


def _printed_ids(conn: Any, attendee_ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    ids = list(dict.fromkeys(attendee_ids))
    for i in range(0, len(ids), 500):
        batch = ids[i : i + 500]
        found.update(
            r[0]
            for r in conn.execute(
                f"SELECT DISTINCT attendee_id FROM print_log WHERE attendee_id IN "
                f"({', '.join('?' for _ in batch)})",
                batch,
            )
        )
    return found


def history(ef: EventFile, attendee_id: str) -> list[PrintRecord]:
    rows = ef.execute(
        f"SELECT {_PRINT_COLUMNS} FROM print_log WHERE attendee_id = ? ORDER BY hlc, station_id",
        (attendee_id,),
    ).fetchall()
    return [_record(r) for r in rows]


@dataclass(frozen=True, slots=True)
class PrintSummary:
    registered: int  # attendees who need a badge (not cancelled)
    printed: int  # of them, whose current badge has been printed
    unprinted: int
    badges_printed: int  # every copy, every version, every station
    reprints: int  # badges printed beyond the first per attendee
    reissued: int  # reprints that came with a new code
    by_station: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def summary(ef: EventFile) -> PrintSummary:
    with ef.read() as conn:
        registered, printed = conn.execute(
            "SELECT count(*), sum(EXISTS (SELECT 1 FROM print_log p WHERE p.attendee_id = a.id "
            "AND p.badge_version = a.badge_version)) FROM attendees a WHERE a.status = ?",
            (REGISTERED,),
        ).fetchone()
        total, people, reissued = conn.execute(
            "SELECT coalesce(sum(copies), 0), count(DISTINCT attendee_id), "
            "coalesce(sum(reissued), 0) FROM print_log"
        ).fetchone()
        by_station = dict(
            conn.execute(
                "SELECT station_name, sum(copies) FROM print_log GROUP BY station_id "
                "ORDER BY station_name"
            ).fetchall()
        )
    printed = printed or 0
    return PrintSummary(
        registered=registered,
        printed=printed,
        unprinted=registered - printed,
        badges_printed=total,
        reprints=total - people,
        reissued=reissued,
        by_station=by_station,
    )


def times_printed(ef: EventFile, attendee_id: str) -> int:
    row = ef.execute(
        "SELECT coalesce(sum(copies), 0) FROM print_log WHERE attendee_id = ?", (attendee_id,)
    ).fetchone()
    return int(row[0])


def prepare_reprint(
    ef: EventFile, clock: Clock, attendee_id: str, reissue: bool, operator: str = ""
) -> Attendee:
    """Before reprinting a lost badge: reissue the code if asked (the old badge then
    scans as superseded). Returns the attendee as the new badge should show them."""
    current = attendees_mod.get(ef, attendee_id)
    if current is None:
        raise errors.AttendeeNotFound(attendee_id)
    if current.cancelled:
        raise errors.InvalidInput(
            T.registration_cancelled_restore_before_printing, field="attendee"
        )
    if reissue:
        current = attendees_mod.reissue(ef, clock, attendee_id, operator)
        log.info("badge reissued for reprint (version %d)", current.badge_version)
    return current


# --- badge settings ----------------------------------------------------------------------


def load_logo(data: bytes) -> bytes:
    """A logo file (PNG, JPEG, ...) as a small PNG for the settings, or InvalidInput."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as im:
            im.load()
            has_alpha = im.mode in ("RGBA", "LA") or "transparency" in im.info
            img = im.convert("RGBA" if has_alpha else "RGB")
    except (UnidentifiedImageError, OSError, ValueError):
        raise errors.InvalidInput(T.logo_not_image_file_use, field="logo") from None
    img.thumbnail((LOGO_MAX_PX, LOGO_MAX_PX))
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=True)
    png = buf.getvalue()
    if len(png) > LOGO_MAX_BYTES:
        raise errors.InvalidInput(T.logo_too_detailed_store_over, field="logo")
    return png


def set_logo(ef: EventFile, clock: Clock, data: bytes | None, operator: str = "") -> None:
    value = base64.b64encode(load_logo(data)).decode("ascii") if data else ""
    settings_mod.update(ef, clock, {LOGO_KEY: value}, operator)


def set_full_name_categories(
    ef: EventFile, clock: Clock, categories: Iterable[str], operator: str = ""
) -> list[str]:
    cfg = settings_mod.load(ef)
    wanted = check_categories(cfg, categories)
    settings_mod.update(ef, clock, {FULL_NAME_KEY: wanted}, operator)
    return wanted


def set_category_color(
    ef: EventFile, clock: Clock, category: str, color: str, operator: str = ""
) -> None:
    text = color.strip()
    if not text.startswith("#"):
        text = "#" + text
    ok = len(text) in (4, 7) and all(ch in "0123456789abcdefABCDEF" for ch in text[1:])
    if not ok:
        raise errors.InvalidInput(T.not_colour_use_rrggbb_e, field="color", color=color)
    r, g, b = parse_color(text)
    cfg = settings_mod.load(ef)
    check_categories(cfg, [category])
    cats = [
        {**asdict(c), "color": f"#{r:02X}{g:02X}{b:02X}"} if c.id == category else asdict(c)
        for c in cfg.categories
    ]
    settings_mod.update(ef, clock, {"categories": cats}, operator)
