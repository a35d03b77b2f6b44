"""Attendees: add, edit, cancel, restore, reissue a badge, look up.

Every write appends to the ``changes`` log (one row per add or edit, with the fields it
set) and updates the materialized ``attendees`` row and its search terms in the same
transaction. ``materialize`` rebuilds a row from the log alone; sync uses it after
merging changes from other stations, and because it applies changes in (hlc, station)
order with the last writer winning per field, every station ends with the same row
whatever order the changes arrived in.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from checkin import errors
from checkin.clock import Clock
from checkin.db.eventfile import EventFile
from checkin.db.stamps import next_stamp, next_stamps
from checkin.door import codes
from checkin.event import settings as settings_mod
from checkin.ids import is_attendee_id, new_attendee_ids
from checkin.models import (
    ATTENDEE_COLUMNS,
    CANCELLED,
    REGISTERED,
    Attendee,
    Role,
    SearchHit,
)
from checkin.people import fields, groups, search
from checkin.people.texts import PeopleTexts as T
from checkin.protect import audit, consent, masking, retention
from checkin.protect import pin as pin_mod

if TYPE_CHECKING:
    from checkin.protect.access import Access

log = logging.getLogger(__name__)

_INSERT_ATTENDEE = (
    "INSERT INTO attendees (rid, id, reg_no, display_name, full_name, category, organization, "
    "phone, email, language, no_photo, access_needs, notes, external_id, status, badge_version, "
    "created_at, updated_at, created_station, updated_station, consent_at, consent_version, "
    "consents, under_14, guardian_relation, group_name, group_key) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_CHANGE = (
    "INSERT INTO changes (station_id, seq, hlc, at_ms, entity, entity_id, op, fields, "
    "operator) VALUES (?, ?, ?, ?, 'attendee', ?, ?, ?, ?)"
)
# Values a new attendee has unless set; a create in the log records only the rest.
DEFAULTS: dict[str, Any] = {
    "full_name": "", "organization": "", "phone": "", "email": "", "language": "ko",
    "no_photo": False, "access_needs": "", "notes": "", "external_id": "",
    "status": REGISTERED, "badge_version": 1, "consent_at": None, "consent_version": "",
    "consents": "", "under_14": False, "guardian_relation": "", "group_name": "",
    "group_key": "",
}  # fmt: skip
_SEARCH_FIELDS = {"display_name", "full_name", "phone", "reg_no"}


def _role(conn: Any) -> Role:
    return Role(conn.execute("SELECT role FROM local").fetchone()[0])


def _require_registrar(conn: Any) -> None:
    if _role(conn) is Role.SCAN_ONLY:
        raise errors.NotAllowed(T.scan_only_station_register_edit)
    retention.require_open(conn)  # a closed event stores no new personal data


def _allocate_reg_numbers(conn: Any, prefix: str, count: int) -> list[str]:
    last, station_no = conn.execute(
        "UPDATE local SET reg_counter = reg_counter + ? RETURNING reg_counter, station_no",
        (count,),
    ).fetchone()
    head = f"{prefix}-" if station_no == 0 else f"{prefix}{station_no}-"
    return [f"{head}{n:04d}" for n in range(last - count + 1, last + 1)]


# One encoder, reused: bulk imports encode a change row per attendee.
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _encode(data: dict[str, Any]) -> str:
    return _ENCODER.encode(data)


def add_attendees(
    ef: EventFile,
    clock: Clock,
    rows: Sequence[dict[str, Any]],
    operator: str = "",
) -> list[Attendee]:
    """Add attendees in one transaction (all or nothing). Fields are validated first."""
    cfg = settings_mod.load(ef)
    categories = cfg.category_ids()
    normalized = [fields.normalize(dict(row), categories, partial=False) for row in rows]
    if not normalized:
        return []
    now = clock.now_ms()
    with ef.write() as conn:
        added = insert_normalized(conn, cfg.reg_prefix, normalized, now, operator)
    log.info("added %d attendee(s)", len(added))
    return added


# Names seen by one bulk add, kept across its batches for their search terms; bounded
# (a million attendees hold a few hundred thousand names): cleared when full.
MEMO_NAMES = 200_000


def add_in_batches(
    ef: EventFile,
    clock: Clock,
    batches: Iterable[Sequence[dict[str, Any]]],
    operator: str = "",
) -> list[str]:
    """``add_attendees`` for a stream of batches (the demo event's million): each batch
    validated, then added in its own transaction; the names' search terms are computed
    once for the whole stream. Returns the new attendees' ids in order."""
    cfg = settings_mod.load(ef)
    categories = cfg.category_ids()
    normalize = fields.normalize
    memo: dict[str, list[tuple[int, str]]] = {}
    ids: list[str] = []
    for batch in batches:
        normalized = [normalize(dict(row), categories, partial=False) for row in batch]
        if not normalized:
            continue
        if len(memo) > MEMO_NAMES:
            memo.clear()
        with ef.write() as conn:
            rows = _insert(conn, cfg.reg_prefix, normalized, clock.now_ms(), operator, memo)
        ids.extend(r[1] for r in rows)
    log.info("added %d attendee(s)", len(ids))
    return ids


def insert_normalized(
    conn: Any,
    reg_prefix: str,
    normalized: Sequence[dict[str, Any]],
    now: int,
    operator: str = "",
) -> list[Attendee]:
    """Insert already validated attendees (``fields.normalize`` output) inside an open
    write transaction: registration numbers, change log rows and search terms."""
    rows = _insert(conn, reg_prefix, normalized, now, operator)
    return [Attendee.from_row(r) for r in rows]


def insert_many(
    conn: Any,
    reg_prefix: str,
    normalized: Sequence[dict[str, Any]],
    now: int,
    operator: str = "",
) -> list[str]:
    """``insert_normalized`` for bulk imports: returns only the registration numbers
    (building 100,000 ``Attendee`` objects nobody looks at costs a second)."""
    return [r[2] for r in _insert(conn, reg_prefix, normalized, now, operator)]


def _insert(
    conn: Any,
    reg_prefix: str,
    normalized: Sequence[dict[str, Any]],
    now: int,
    operator: str,
    memo: dict[str, list[tuple[int, str]]] | None = None,
) -> list[tuple[Any, ...]]:
    _require_registrar(conn)
    if not normalized:
        return []
    stamps = next_stamps(conn, now, len(normalized))
    need_numbers = sum(1 for n in normalized if "reg_no" not in n)
    numbers = iter(_allocate_reg_numbers(conn, reg_prefix, need_numbers))
    next_rid = conn.execute("SELECT coalesce(max(rid), 0) + 1 FROM attendees").fetchone()[0]
    attendee_rows = []
    change_rows = []
    index_input = []
    defaults = DEFAULTS
    ids = new_attendee_ids(len(normalized))
    group_key = groups.KeyCache(conn)
    for i, (given, stamp) in enumerate(zip(normalized, stamps, strict=True)):
        consent.check(given)  # no field without its consent (no answers: required ones only)
        record = {**given, "badge_version": 1}
        record.pop("group_key", None)  # follows the name, never set on its own
        if record.get("group_name"):
            record["group_key"] = group_key(record["group_name"])
        record["reg_no"] = record.get("reg_no") or next(numbers)
        rid = next_rid + i
        attendee_id = ids[i]
        station_id = stamp.station_id
        get = record.get
        attendee_rows.append(
            (rid, attendee_id, record["reg_no"], record["display_name"], get("full_name", ""),
             record["category"], get("organization", ""), get("phone", ""), get("email", ""),
             get("language", "ko"), int(bool(get("no_photo", False))), get("access_needs", ""),
             get("notes", ""), get("external_id", ""), get("status", REGISTERED), 1, now, now,
             station_id, station_id, get("consent_at"), get("consent_version", ""),
             get("consents", ""), int(bool(get("under_14", False))),
             get("guardian_relation", ""), get("group_name", ""), get("group_key", ""))
        )  # fmt: skip
        logged = {k: v for k, v in record.items() if defaults.get(k) != v}
        change_rows.append(
            (station_id, stamp.seq, stamp.hlc, now, attendee_id, "create", _encode(logged),
             operator)
        )  # fmt: skip
        index_input.append((rid, record))
    conn.executemany(_INSERT_ATTENDEE, attendee_rows)
    conn.executemany(_INSERT_CHANGE, change_rows)
    search.index_many(conn, index_input, memo)
    return attendee_rows


def add_attendee(ef: EventFile, clock: Clock, operator: str = "", **values: Any) -> Attendee:
    return add_attendees(ef, clock, [values], operator)[0]


def _row_values(a: Attendee) -> tuple[Any, ...]:
    return (
        a.rid, a.id, a.reg_no, a.display_name, a.full_name, a.category, a.organization,
        a.phone, a.email, a.language, int(a.no_photo), a.access_needs, a.notes,
        a.external_id, a.status, a.badge_version, a.created_at, a.updated_at,
        a.created_station, a.updated_station, a.consent_at, a.consent_version,
        a.consents, int(a.under_14), a.guardian_relation, a.group_name, a.group_key,
    )  # fmt: skip


# --- reading ------------------------------------------------------------------------


# Every read below hands out what this station may see: on a scan-only station the
# records are redacted (``Attendee.redacted``, see ``checkin.protect.access``). Given the
# caller's ``access`` (the screens and the command line always give it), a role below
# organizer gets the full name, phone and email masked (``checkin.protect.masking``); the
# organizer (the PIN, or an event without one) gets them whole. Without ``access`` the
# read is the core's own (exports and the report check organizer access themselves).


def _visible(conn: Any, attendee: Attendee) -> Attendee:
    return attendee.redacted() if _role(conn) is Role.SCAN_ONLY else attendee


def get(ef: EventFile, attendee_id: str, *, access: Access | None = None) -> Attendee | None:
    row = ef.execute(
        f"SELECT {ATTENDEE_COLUMNS} FROM attendees WHERE id = ?", (attendee_id,)
    ).fetchone()
    if not row:
        return None
    return masking.view_for(access, ef, _visible(ef.conn, Attendee.from_row(row)))


def find(ef: EventFile, ref: str, *, access: Access | None = None) -> Attendee:
    """An attendee by registration number, id, external id or badge code."""
    found = _find(ef, ref)
    return masking.view_for(access, ef, _visible(ef.conn, found))


def view_detail(
    ef: EventFile, clock: Clock, ref: str, operator: str = "", *, access: Access | None = None
) -> Attendee:
    """``find`` for a person's detail view (screen or ``checkin show``): recorded in the
    audit log as a view of that attendee. When the organizer's PIN shows the masked
    fields whole (a PIN is set and ``access`` is elevated), the entry names the fields
    shown whole (``personal``)."""
    whole = find(ef, ref)
    shown = masking.view_for(access, ef, whole)
    detail = None
    if access is not None and access.personal and pin_mod.has_pin(ef):
        unmasked = [
            n for n in masking.whole_fields(whole) if getattr(shown, n) == getattr(whole, n)
        ]
        if unmasked:
            detail = {"personal": unmasked}
    audit.record(ef, clock, audit.VIEW, whole.id, detail, operator=operator)
    return shown


def search_attendees(
    ef: EventFile,
    clock: Clock,
    query: str,
    limit: int = search.DEFAULT_LIMIT,
    operator: str = "",
    include_cancelled: bool = True,
    *,
    access: Access | None = None,
) -> list[SearchHit]:
    """A name search a person made, recorded in the audit log (that it happened and how
    many it showed; not the text). Search-as-you-type records through
    ``audit.record`` once per search instead (see ``checkin.protect.audit``). Below organizer
    the hits' records are masked (``checkin.protect.masking``)."""
    with ef.read() as conn:
        hits = search.search(conn, query, limit=limit, include_cancelled=include_cancelled)
    audit.record(ef, clock, audit.SEARCH, detail={"results": len(hits)}, operator=operator)
    if not masking.shows_whole(access, ef):
        view = masking.viewer(access, ef)
        hits = [replace(h, attendee=view(h.attendee)) for h in hits]
    return hits


def search_as_typed(
    ef: EventFile, query: str, limit: int = search.DEFAULT_LIMIT, *, access: Access | None = None
) -> list[Attendee]:
    """The records a search box shows while a person types: masked below organizer like
    ``search_attendees``, but not recorded here (a box records each search once it is
    done, through ``audit.record``, not every keystroke)."""
    with ef.read() as conn:
        hits = search.search(conn, query, limit=limit)
    view = masking.viewer(access, ef)
    return [view(h.attendee) for h in hits]


def _find(ef: EventFile, ref: str) -> Attendee:
    text = ref.strip()
    if not text:
        raise errors.AttendeeNotFound(ref)
    if is_attendee_id(text.lower()):
        found = get(ef, text.lower())
        if found:
            return found
    rows = ef.execute(
        f"SELECT {ATTENDEE_COLUMNS} FROM attendees WHERE reg_no = ?", (text.upper(),)
    ).fetchall()
    if not rows:
        rows = ef.execute(
            f"SELECT {ATTENDEE_COLUMNS} FROM attendees WHERE external_id = ? AND external_id != ''",
            (text,),
        ).fetchall()
    if len(rows) == 1:
        return Attendee.from_row(rows[0])
    if len(rows) > 1:
        raise errors.InvalidInput(
            T.matches_attendees_use_attendee_id, field="attendee", text=text, n=len(rows)
        )
    try:
        code = codes.parse(text)
    except codes.CodeError:
        raise errors.AttendeeNotFound(ref) from None
    found = get(ef, code.attendee_id)
    if found is None:
        raise errors.AttendeeNotFound(ref)
    return found


def count(ef: EventFile) -> int:
    return int(ef.execute("SELECT count(*) FROM attendees").fetchone()[0])


def iter_all(ef: EventFile, order_by: str = "rid") -> Iterable[Attendee]:
    allowed = {"rid", "reg_no", "display_name", "category", "created_at"}
    if order_by not in allowed:
        raise ValueError(order_by)
    for row in ef.execute(f"SELECT {ATTENDEE_COLUMNS} FROM attendees ORDER BY {order_by}"):
        yield Attendee.from_row(row)


# --- editing ------------------------------------------------------------------------


def update(
    ef: EventFile, clock: Clock, attendee_id: str, changes: dict[str, Any], operator: str = ""
) -> Attendee:
    """Edit fields of an attendee. Only fields that really change are logged."""
    cfg = settings_mod.load(ef)
    normalized = fields.normalize(changes, cfg.category_ids(), partial=True)
    return _apply_update(ef, clock, attendee_id, normalized, operator)


def _apply_update(
    ef: EventFile, clock: Clock, attendee_id: str, normalized: dict[str, Any], operator: str
) -> Attendee:
    now = clock.now_ms()
    with ef.write() as conn:
        updated, diff = update_normalized(conn, attendee_id, normalized, now, operator)
        if diff:
            audit.record_in(conn, now, audit.EDIT, attendee_id, {"fields": sorted(diff)},
                            operator)  # fmt: skip
    if diff:
        log.info("updated attendee fields: %s", ", ".join(sorted(diff)))
    return updated


def update_normalized(
    conn: Any, attendee_id: str, normalized: dict[str, Any], now: int, operator: str = ""
) -> tuple[Attendee, dict[str, Any]]:
    """Apply validated field changes inside an open write transaction.

    Returns the attendee after the change and the fields that really changed (only
    those are logged; an empty dict means nothing was written).
    """
    _require_registrar(conn)
    row = conn.execute(
        f"SELECT {ATTENDEE_COLUMNS} FROM attendees WHERE id = ?", (attendee_id,)
    ).fetchone()
    if row is None:
        raise errors.AttendeeNotFound(attendee_id)
    current = Attendee.from_row(row)
    normalized = groups.with_key(conn, dict(normalized))
    diff = {k: v for k, v in normalized.items() if getattr(current, k) != v}
    if not diff:
        return current, {}
    _check_consent(current, diff)
    stamp = next_stamp(conn, now)
    conn.execute(
        _INSERT_CHANGE,
        (stamp.station_id, stamp.seq, stamp.hlc, now, attendee_id, "update", _encode(diff),
         operator),
    )  # fmt: skip
    values = {k: int(v) if isinstance(v, bool) else v for k, v in diff.items()}
    assignments = ", ".join(f"{k} = ?" for k in values)
    conn.execute(
        f"UPDATE attendees SET {assignments}, updated_at = ?, updated_station = ? WHERE id = ?",
        (*values.values(), now, stamp.station_id, attendee_id),
    )
    updated = Attendee.from_row(
        conn.execute(
            f"SELECT {ATTENDEE_COLUMNS} FROM attendees WHERE id = ?", (attendee_id,)
        ).fetchone()
    )
    if _SEARCH_FIELDS & diff.keys():
        search.reindex(conn, updated.rid, _search_fields(current), _search_fields(updated))
    return updated, diff


def _check_consent(current: Attendee, diff: dict[str, Any]) -> None:
    """Refuse an edit that stores a field without its consent: every field it sets, and,
    when it changes the answers (or the under-14 flag or guardian), every field the record
    then holds (a withdrawn consent takes its fields with it: the caller empties them).
    A field stored before answers were recorded, which the edit leaves alone, is not
    refused here (``checkin.protect.consent.held_without_consent`` finds such records)."""
    after = {**current.to_json(), **diff}
    if consent.ANSWER_FIELDS & diff.keys():
        consent.check(after)
    else:
        consent.check({k: after[k] for k in (*diff, *consent.ANSWER_FIELDS)})


def _search_fields(a: Attendee) -> dict[str, Any]:
    return {
        "display_name": a.display_name,
        "full_name": a.full_name,
        "phone": a.phone,
        "reg_no": a.reg_no,
    }


def cancel(ef: EventFile, clock: Clock, attendee_id: str, operator: str = "") -> Attendee:
    return _apply_update(ef, clock, attendee_id, {"status": CANCELLED}, operator)


def restore(ef: EventFile, clock: Clock, attendee_id: str, operator: str = "") -> Attendee:
    return _apply_update(ef, clock, attendee_id, {"status": REGISTERED}, operator)


def reissue(ef: EventFile, clock: Clock, attendee_id: str, operator: str = "") -> Attendee:
    """Bump the badge version: the old badge then scans as superseded."""
    current = get(ef, attendee_id)
    if current is None:
        raise errors.AttendeeNotFound(attendee_id)
    if current.badge_version >= codes.MAX_VERSION:
        raise errors.InvalidInput(T.badge_cannot_reissued_again, field="badge")
    with ef.read() as conn:
        has_key = conn.execute("SELECT 1 FROM secrets WHERE name = 'signing_key'").fetchone()
    if not has_key:
        raise errors.NotAllowed(T.station_cannot_issue_badges_holds)
    return _apply_update(
        ef, clock, attendee_id, {"badge_version": current.badge_version + 1}, operator
    )


# --- materializing from the log -----------------------------------------------------


def materialize(conn: Any, attendee_ids: Iterable[str]) -> None:
    """Rebuild attendee rows from the change log (inside a write transaction).

    Changes are applied in (hlc, station id) order; the last writer wins field by
    field, except the badge version, which only grows. An attendee with updates but
    no create yet (it arrived first) is left out until its create arrives.
    """
    for attendee_id in attendee_ids:
        rows = conn.execute(
            "SELECT station_id, at_ms, op, fields FROM changes "
            "WHERE entity = 'attendee' AND entity_id = ? ORDER BY hlc, station_id",
            (attendee_id,),
        ).fetchall()
        record: dict[str, Any] = dict(DEFAULTS)
        created_at = updated_at = None
        created_station = updated_station = ""
        for station_id, at_ms, op, data in rows:
            values = json.loads(data)
            if op == "create" and created_at is None:
                created_at, created_station = at_ms, station_id
            version = max(int(values.get("badge_version", 0)), int(record.get("badge_version", 0)))
            record.update(values)
            if version:
                record["badge_version"] = version
            updated_at, updated_station = at_ms, station_id
        if created_at is None:
            continue
        fields.clean_received(record)  # synced changes: cleaned as local input is
        existing_row = conn.execute(
            f"SELECT {ATTENDEE_COLUMNS} FROM attendees WHERE id = ?", (attendee_id,)
        ).fetchone()
        existing = Attendee.from_row(existing_row) if existing_row else None
        if existing is not None:
            rid = existing.rid
        else:
            rid = conn.execute("SELECT coalesce(max(rid), 0) + 1 FROM attendees").fetchone()[0]
        attendee = Attendee(
            rid=rid,
            id=attendee_id,
            reg_no=record.get("reg_no", ""),
            display_name=record.get("display_name", ""),
            full_name=record.get("full_name", ""),
            category=record.get("category", "guest"),
            organization=record.get("organization", ""),
            phone=record.get("phone", ""),
            email=record.get("email", ""),
            language=record.get("language", "ko"),
            no_photo=bool(record.get("no_photo", False)),
            access_needs=record.get("access_needs", ""),
            notes=record.get("notes", ""),
            external_id=record.get("external_id", ""),
            status=record.get("status", REGISTERED),
            badge_version=int(record.get("badge_version", 1)),
            created_at=created_at,
            updated_at=updated_at or created_at,
            created_station=created_station,
            updated_station=updated_station,
            consent_at=record.get("consent_at"),
            consent_version=record.get("consent_version", ""),
            consents=record.get("consents", ""),
            under_14=bool(record.get("under_14", False)),
            guardian_relation=record.get("guardian_relation", ""),
            group_name=record.get("group_name", ""),
            group_key=record.get("group_key", ""),
        )
        conn.execute("DELETE FROM attendees WHERE id = ?", (attendee_id,))
        conn.execute(_INSERT_ATTENDEE, _row_values(attendee))
        search.reindex(
            conn, rid, _search_fields(existing) if existing else None, _search_fields(attendee)
        )
