"""The audit log: every look at and use of personal data, and every organizer PIN attempt.

One row per action in ``audit_log`` (a synced log: each station appends its own rows,
stamped with its gap-free sequence; sync merges them by union, so the organizer sees
what happened at every station). A row says *what* happened, *when*, at *which
station*, by *which operator* (the initials a volunteer gave, when known) and, for
actions on one person, the attendee's id. It never holds personal data:

- ``export``: kind (attendance, log, report, paper, audit), format, row count, the
  field names written and which of them are personal;
- ``search``: that a search happened and how many people it showed. The search text
  is not recorded: it is often a name or phone digits, i.e. the personal data the log
  is there to protect. The search panel at the door records one row per search (from
  the first letter typed to the result used or the field cleared), not one per key;
- ``view``: someone opened an attendee's detail (``attendees.view_detail``);
- ``edit``: which fields a person changed, never their values (the values are in the
  change log, which sync needs anyway). Registrations and imports are not repeated
  here: the change log already has each with its station, operator and time;
- ``pin_success``, ``pin_failure`` (with the count of failures in a row),
  ``pin_lockout`` (with its length): see ``checkin.protect.pin``;
- ``alert``: a desk looks like it is trawling the list, written by the log itself
  when a search or a detail view is recorded: many searches and detail views at one
  station within a few minutes (kind ``trawling``: how many, over how long), or
  detail views of registration numbers one after another (kind ``sequence``: how
  many). The thresholds are the event setting ``trawl_alert``; the organizer's
  dashboard shows the alerts of the last hour (``alerts``);
- ``consent``: the organizer declared that the people of an import agreed to optional
  items on the organizer's own form (kind ``import_declared``: the items, the wording's
  version, where they agreed (``basis``), how many rows).

Reading the log and exporting it need organizer access (``checkin.protect.access``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from checkin import errors
from checkin.clock import Clock
from checkin.db.eventfile import EventFile
from checkin.db.stamps import next_stamp
from checkin.event import settings as settings_mod
from checkin.ids import uuid7
from checkin.lists import pdfdoc
from checkin.people.fields import LABELS
from checkin.protect.texts import ProtectTexts as T


class Access(Protocol):
    """What reading and exporting the log need of ``checkin.protect.access.Access``.

    A small interface, not an import: access checks the PIN (``pin``), and the PIN
    records its attempts here, so importing access would close a circle.
    """

    operator: str
    clock: Clock

    def require_organizer(self, ef: EventFile) -> None: ...

    def check_reason(self) -> None: ...

    def export_detail(self, detail: dict[str, object]) -> dict[str, object]: ...


EXPORT = "export"
SEARCH = "search"
VIEW = "view"
EDIT = "edit"
PIN_SUCCESS = "pin_success"
PIN_FAILURE = "pin_failure"
PIN_LOCKOUT = "pin_lockout"
ALERT = "alert"
CONSENT = "consent"
ACTIONS = (EXPORT, SEARCH, VIEW, EDIT, PIN_SUCCESS, PIN_FAILURE, PIN_LOCKOUT, ALERT, CONSENT)

# Labels for people (CLI, CSV); the GUI translates its own.
ACTION_LABELS: dict[str, tuple[str, str]] = {  # (English, Korean)
    EXPORT: T.action_export.pair(),
    SEARCH: T.action_search.pair(),
    VIEW: T.action_view.pair(),
    EDIT: T.action_edit.pair(),
    PIN_SUCCESS: T.action_pin_success.pair(),
    PIN_FAILURE: T.action_pin_failure.pair(),
    PIN_LOCKOUT: T.action_pin_lockout.pair(),
    ALERT: T.action_alert.pair(),
    CONSENT: T.action_consent.pair(),
}
# Keys a detail may have; anything else is a bug (and could leak personal data).
DETAIL_KEYS = frozenset(
    {"kind", "format", "rows", "fields", "personal", "results", "searches", "failures",
     "seconds", "reason", "items", "version", "basis"}
)  # fmt: skip
MAX_OPERATOR = 40

_INSERT = (
    "INSERT INTO audit_log (id, station_id, seq, hlc, at_ms, station_name, action, attendee_id, "
    "detail, operator) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: str
    station_id: str
    seq: int
    at_ms: int
    station_name: str
    action: str
    attendee_id: str | None
    detail: dict[str, Any] = field(default_factory=dict)
    operator: str = ""

    @classmethod
    def from_row(cls, row: Any) -> AuditEntry:
        """An entry from a row of ``SELECT {_COLUMNS}`` (the columns its fields name)."""
        values = list(row)
        try:
            detail = json.loads(values[_DETAIL] or "{}")
        except ValueError:
            detail = {}
        values[_DETAIL] = detail if isinstance(detail, dict) else {}
        return cls(*values)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "station_id": self.station_id, "seq": self.seq, "at_ms": self.at_ms,
            "station_name": self.station_name, "action": self.action,
            "attendee_id": self.attendee_id, "detail": self.detail, "operator": self.operator,
        }  # fmt: skip

    def describe(self, lang: str) -> str:
        """The detail in words (no personal data in it to begin with)."""
        return describe_detail(self.action, self.detail, lang)


# The columns to select for an entry, made from its fields (one order for both).
_COLUMNS = ", ".join(f.name for f in fields(AuditEntry))
_DETAIL = _COLUMNS.split(", ").index("detail")


def _clean_operator(operator: str) -> str:
    return " ".join(str(operator or "").split())[:MAX_OPERATOR]


def _check(action: str, detail: dict[str, Any] | None) -> str:
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    detail = detail or {}
    unknown = set(detail) - DETAIL_KEYS
    if unknown:
        raise ValueError(f"audit detail keys not allowed: {sorted(unknown)}")
    return json.dumps(detail, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def record_in(
    conn: Any,
    now_ms: int,
    action: str,
    attendee_id: str | None = None,
    detail: dict[str, Any] | None = None,
    operator: str = "",
) -> AuditEntry:
    """Append one row inside an open write transaction (with the action it records)."""
    text = _check(action, detail)
    stamp = next_stamp(conn, now_ms)
    entry_id = uuid7(now_ms)
    op = _clean_operator(operator)
    conn.execute(
        _INSERT,
        (entry_id, stamp.station_id, stamp.seq, stamp.hlc, now_ms, stamp.station_name, action,
         attendee_id, text, op),
    )  # fmt: skip
    if action in (SEARCH, VIEW):
        _watch(conn, now_ms, stamp.station_id, stamp.seq, op)
    return AuditEntry(
        entry_id, stamp.station_id, stamp.seq, now_ms, stamp.station_name, action, attendee_id,
        json.loads(text), op,
    )  # fmt: skip


def record(
    ef: EventFile,
    clock: Clock,
    action: str,
    attendee_id: str | None = None,
    detail: dict[str, Any] | None = None,
    operator: str = "",
) -> AuditEntry:
    """Append one row in its own (durable) transaction."""
    _check(action, detail)
    now = clock.now_ms()
    with ef.write() as conn:
        return record_in(conn, now, action, attendee_id, detail, operator)


# --- trawling alerts -------------------------------------------------------------------

# The thresholds and their check live with the settings (no import upward from there).
TRAWL_KEY = settings_mod.TRAWL_KEY
TRAWL_DEFAULTS = settings_mod.TRAWL_DEFAULTS
validate_trawl = settings_mod.validate_trawl


def trawl_limits(conn: Any) -> dict[str, int]:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (TRAWL_KEY,)).fetchone()
    try:
        return validate_trawl(json.loads(row[0])) if row else dict(TRAWL_DEFAULTS)
    except (ValueError, errors.CheckinError):
        return dict(TRAWL_DEFAULTS)


def _watch(conn: Any, now_ms: int, station_id: str, seq: int, operator: str) -> None:
    """After a search or a detail view: does this station look like it is trawling?
    Reads only this station's latest rows (by its sequence, an indexed range)."""
    limits = trawl_limits(conn)
    window = limits["minutes"] * 60_000
    reach = max(limits["searches"], limits["sequence"]) * 3
    rows = conn.execute(
        "SELECT action, at_ms, attendee_id, detail FROM audit_log WHERE station_id = ? "
        "AND seq > ? ORDER BY seq DESC",
        (station_id, seq - reach),
    ).fetchall()
    recent = [(action, detail) for action, at_ms, _, detail in rows if at_ms >= now_ms - window]
    alerted = {json.loads(d or "{}").get("kind") for action, d in recent if action == ALERT}
    looks = sum(1 for action, _ in recent if action in (SEARCH, VIEW))
    if looks >= limits["searches"] and "trawling" not in alerted:
        _alert(conn, now_ms, {"kind": "trawling", "searches": looks,
                              "seconds": limits["minutes"] * 60}, operator)  # fmt: skip
    views = [who for action, _, who, _ in rows if action == VIEW and who][: limits["sequence"]]
    if len(views) == limits["sequence"] and "sequence" not in alerted:
        numbers = _reg_sequence(conn, views)
        if numbers:
            _alert(conn, now_ms, {"kind": "sequence", "rows": len(numbers)}, operator)


def _reg_sequence(conn: Any, attendee_ids: list[str]) -> list[int]:
    """The registration numbers, newest first, if they run one after another."""
    marks = ", ".join("?" for _ in attendee_ids)
    reg = dict(conn.execute(
        f"SELECT id, reg_no FROM attendees WHERE id IN ({marks})", attendee_ids
    ).fetchall())  # fmt: skip
    numbers = []
    prefix = None
    for aid in attendee_ids:
        head, _, tail = str(reg.get(aid, "")).rpartition("-")
        if not tail.isdigit() or (prefix is not None and head != prefix):
            return []
        prefix = head
        numbers.append(int(tail))
    steps = {a - b for a, b in itertools.pairwise(numbers)}
    return numbers if steps in ({1}, {-1}) else []


def _alert(conn: Any, now_ms: int, detail: dict[str, Any], operator: str) -> None:
    stamp = next_stamp(conn, now_ms)
    text = _check(ALERT, detail)
    conn.execute(
        _INSERT,
        (uuid7(now_ms), stamp.station_id, stamp.seq, stamp.hlc, now_ms, stamp.station_name,
         ALERT, None, text, operator),
    )  # fmt: skip


def alerts(ef: EventFile, since_ms: int) -> list[AuditEntry]:
    """Trawling alerts from every station since ``since_ms``, newest first (for the
    organizer's dashboard: what it shows is counts and station names, no people)."""
    return [
        AuditEntry.from_row(r)
        for r in ef.execute(
            f"SELECT {_COLUMNS} FROM audit_log WHERE action = ? AND at_ms >= ? "
            "ORDER BY at_ms DESC LIMIT 20",
            (ALERT, since_ms),
        ).fetchall()
    ]


# --- reading (organizer only) ---------------------------------------------------------


def entries(
    ef: EventFile,
    access: Access,
    action: str | None = None,
    station_id: str | None = None,
    limit: int | None = None,
) -> list[AuditEntry]:
    """Rows, newest first, optionally of one action and/or one station (a read that
    needs a reason where reasons are required: record it once with ``record_read``)."""
    access.require_organizer(ef)
    access.check_reason()
    return _select(ef, action, station_id, limit)


def _select(
    ef: EventFile, action: str | None, station_id: str | None, limit: int | None
) -> list[AuditEntry]:
    where: list[str] = []
    params: list[Any] = []
    if action:
        where.append("action = ?")
        params.append(action)
    if station_id:
        where.append("station_id = ?")
        params.append(station_id)
    sql = f"SELECT {_COLUMNS} FROM audit_log"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY at_ms DESC, station_id, seq DESC"
    if limit is not None:
        sql += " LIMIT ?"
        params.append(int(limit))
    return [AuditEntry.from_row(r) for r in ef.execute(sql, params).fetchall()]


def stations(ef: EventFile) -> list[tuple[str, str]]:
    """(station id, latest name) of every station with rows in the log, by name."""
    rows = ef.execute(
        "SELECT station_id, station_name FROM audit_log a WHERE seq = "
        "(SELECT max(seq) FROM audit_log b WHERE b.station_id = a.station_id) "
        "ORDER BY station_name, station_id"
    ).fetchall()
    return [(station_id, name) for station_id, name in rows]


def describe_detail(action: str, detail: dict[str, Any], lang: str) -> str:
    ko = lang == "ko"
    parts: list[str] = []
    if "kind" in detail:
        kind = _KINDS.get(str(detail["kind"]))
        parts.append(kind.get(lang) if kind else str(detail["kind"]))
    if "format" in detail:
        parts.append(str(detail["format"]).upper())
    if "rows" in detail:
        rows = T.detail_people_in_a_row if action == ALERT else T.detail_rows
        parts.append(rows.get(lang, n=detail["rows"]))

    def label(name: object) -> str:
        en_l, ko_l = LABELS.get(str(name), (str(name), str(name)))
        return ko_l if ko else en_l

    if detail.get("personal"):
        names = ", ".join(label(f) for f in detail["personal"])
        parts.append(T.detail_personal.get(lang, names=names))
    elif action == EDIT and detail.get("fields"):
        names = ", ".join(label(f) for f in detail["fields"])
        parts.append(T.detail_fields.get(lang, names=names))
    if detail.get("items"):
        items = {"contact": T.detail_item_contact, "sensitive": T.detail_item_sensitive}
        shown = ", ".join(
            items[str(i)].get(lang) if str(i) in items else str(i) for i in detail["items"]
        )
        parts.append(T.detail_items.get(lang, names=shown))
    if detail.get("version"):
        parts.append(T.detail_version.get(lang, version=detail["version"]))
    if detail.get("basis"):
        parts.append(T.detail_basis.get(lang, basis=detail["basis"]))
    if "results" in detail:
        parts.append(T.detail_results.get(lang, n=detail["results"]))
    if action == ALERT and "searches" in detail:
        minutes = int(detail.get("seconds", 0)) // 60
        parts.append(T.detail_searches_in.get(lang, n=detail["searches"], minutes=minutes))
    elif detail.get("searches", 1) > 1:
        parts.append(T.detail_queries_typed.get(lang, n=detail["searches"]))
    if "failures" in detail:
        parts.append(T.detail_failures.get(lang, n=detail["failures"]))
    if detail.get("reason"):
        parts.append(T.detail_reason.get(lang, reason=detail["reason"]))
    if "seconds" in detail and action != ALERT:
        parts.append(T.detail_locked_for.get(lang, s=int(detail["seconds"])))
    return " · ".join(parts)


# What was exported or noticed (a detail's "kind"), for people.
_KINDS = {
    "attendance": T.kind_attendance, "log": T.kind_log, "report": T.kind_report,
    "paper": T.kind_paper, "audit": T.kind_audit, "badges": T.kind_badges,
    "incident_sheet": T.kind_incident_sheet, "trawling": T.kind_trawling,
    "sequence": T.kind_sequence, "tickets": T.kind_tickets,
    "tickets-stopped": T.kind_tickets_stopped, "tickets-email": T.kind_tickets_email,
    "import_declared": T.kind_import_declared,
}  # fmt: skip


def record_read(ef: EventFile, access: Access, rows: int) -> AuditEntry:
    """Someone read the audit log on screen (once per opening, with its reason)."""
    return record(ef, access.clock, EXPORT, operator=access.operator,
                  detail=access.export_detail({"kind": "audit", "format": "screen", "rows": rows}))  # fmt: skip


def exports_by_reason(ef: EventFile, access: Access) -> list[dict[str, Any]]:
    """Every export grouped by its reason: how many, how many rows, the last one."""
    access.require_organizer(ef)
    out = []
    for reason, n, rows, last in ef.execute(
        "SELECT coalesce(json_extract(detail, '$.reason'), ''), count(*), "
        "coalesce(sum(json_extract(detail, '$.rows')), 0), max(at_ms) FROM audit_log "
        "WHERE action = 'export' GROUP BY 1 ORDER BY 2 DESC, 1"
    ).fetchall():
        out.append({"reason": reason, "exports": n, "rows": rows, "last_at_ms": last})
    return out


# --- exporting (organizer only) -------------------------------------------------------

CSV_FIELDS = ("time", "station", "operator", "action", "attendee", "detail")
_CSV_COLUMNS = (T.csv_time, T.station_heading, T.csv_operator, T.csv_action, T.csv_attendee,
                T.csv_detail)  # fmt: skip
_CSV_HEADERS = {lang: tuple(t.get(lang) for t in _CSV_COLUMNS) for lang in ("en", "ko")}


def export_csv(
    ef: EventFile,
    access: Access,
    clock: Clock,
    path: str | os.PathLike[str],
    lang: str = "ko",
    action: str | None = None,
    station_id: str | None = None,
    operator: str = "",
) -> int:
    """Write the log (or the rows of one action / station) as CSV (UTF-8 with BOM, for
    Excel); returns the row count. Attendees appear by registration number only. The
    export is itself recorded."""
    access.require_organizer(ef)
    access.check_reason()
    rows = _select(ef, action, station_id, None)
    tz = ZoneInfo(settings_mod.load(ef).timezone)
    reg = reg_numbers(ef, {e.attendee_id for e in rows if e.attendee_id})
    lang = "ko" if lang == "ko" else "en"

    def write(fh: Any) -> None:
        text = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="")
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow(_CSV_HEADERS[lang])
        for e in rows:
            when = dt.datetime.fromtimestamp(e.at_ms / 1000, tz).strftime("%Y-%m-%d %H:%M:%S")
            label = ACTION_LABELS.get(e.action, (e.action, e.action))[1 if lang == "ko" else 0]
            who = reg.get(e.attendee_id or "", e.attendee_id or "")
            writer.writerow(
                [when, _neutral(e.station_name), _neutral(e.operator), label, who,
                 e.describe(lang)]
            )  # fmt: skip
        text.flush()
        text.detach()

    pdfdoc.write_atomically(path, write)
    record(ef, clock, EXPORT,
           detail=access.export_detail({"kind": "audit", "format": "csv", "rows": len(rows)}),
           operator=operator or access.operator)  # fmt: skip
    return len(rows)


def _neutral(text: str) -> str:
    if text and text[0] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def reg_numbers(ef: EventFile, ids: Iterable[str]) -> dict[str, str]:
    wanted = sorted(ids)
    out: dict[str, str] = {}
    for first in range(0, len(wanted), 500):
        chunk = wanted[first : first + 500]
        marks = ",".join("?" * len(chunk))
        for attendee_id, reg_no in ef.execute(
            f"SELECT id, reg_no FROM attendees WHERE id IN ({marks})", chunk
        ):
            out[attendee_id] = reg_no
    return out


def require_known_action(action: str | None) -> None:
    if action and action not in ACTIONS:
        raise errors.InvalidInput(
            T.unknown_action_actions, field="action", action=action, join=", ".join(ACTIONS)
        )
