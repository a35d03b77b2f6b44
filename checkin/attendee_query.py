"""The organizer's attendee list as a windowed query: filter, sort, search, page.

``AttendeeQuery(ef).run(AttendeeFilter(...))`` returns an ``AttendeeSelection``: the
ordered row ids of every matching attendee (a few hundred kilobytes at 100,000) with
``count`` and ``page(offset, limit)``, which reads just those rows, with the check-in
state on the chosen list (first entry time and station, inside or left). A table model
asks for the pages it shows; nothing holds 100,000 attendee objects.

Filtering is SQL (category, registration status, checked in or not on the list); the
search is the kiosk's Korean-aware search (``checkin.search``), so the same query
finds the same people, ranked. Sorting orders in Python by precomputed ranks: names in
Korean order (가나다, then Latin A-Z, as the badges and paper lists sort them,
``checkin.badges.name_sort_key``) cannot be sorted by SQLite's own collation, and
registration numbers sort by their number (DD-9999 before DD-10000). The ranks of a
column are computed once (about 0.2 s at 100,000) and kept until an attendee changes;
check-in columns (time, station) are read fresh on every run.

``changes_marker(ef)`` is a cheap value that changes whenever attendees or check-ins
change (here or merged by sync), so a screen can refresh only when needed.
"""

from __future__ import annotations

import logging
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from checkin import search
from checkin import settings as settings_mod
from checkin.badges import name_sort_key
from checkin.db.eventfile import EventFile
from checkin.models import ATTENDEE_COLUMNS, CANCELLED, REGISTERED, Attendee

log = logging.getLogger(__name__)

# Sort keys: attendee fields (ranked once per attendee generation) and check-in state.
ATTENDEE_SORTS = ("name", "reg_no", "full_name", "category", "organization", "phone", "email",
                  "language", "no_photo", "access_needs", "status")  # fmt: skip
CHECKIN_SORTS = ("checked_in_at", "station")
SORTS = ATTENDEE_SORTS + CHECKIN_SORTS
RELEVANCE = ""  # with a search text: best match first (the kiosk's ranking)
# How many matches a search brings into the list. The kiosk's index reads at most
# ``search.SCAN_CAP`` terms per prefix, so a one-letter search is a sample, not all.
SEARCH_LIMIT = 1000
STATUSES = (REGISTERED, CANCELLED)

_PREFIXED = ", ".join(f"a.{c.strip()}" for c in ATTENDEE_COLUMNS.split(","))
_COLUMN_OF = {"name": "display_name", "reg_no": "reg_no", "full_name": "full_name",
              "category": "category", "organization": "organization", "phone": "phone",
              "email": "email", "language": "language", "no_photo": "no_photo",
              "access_needs": "access_needs", "status": "status"}  # fmt: skip


@dataclass(frozen=True)
class AttendeeFilter:
    """What the list shows. Empty strings and None mean "all"."""

    list_id: str = "main"
    text: str = ""
    category: str = ""
    status: str = ""  # "registered" or "cancelled"
    checked_in: bool | None = None  # at least one entry on ``list_id``
    sort: str = "name"  # one of SORTS; RELEVANCE ("") orders search hits best first
    descending: bool = False


@dataclass(frozen=True, slots=True)
class AttendeeRow:
    """One line of the list: the attendee and their state on the filter's list."""

    attendee: Attendee
    checked_in_at: int | None  # first entry on the list (ms), None if never
    station: str  # where that first entry was made ("" if none)
    inside: bool  # entered and not exited since
    entries: int
    exits: int

    @property
    def id(self) -> str:
        return self.attendee.id

    @property
    def checked_in(self) -> bool:
        return self.entries > 0


class AttendeeSelection:
    """The ordered result of one run: count and pages, read on demand."""

    def __init__(self, ef: EventFile, flt: AttendeeFilter, rids: list[int], capped: bool) -> None:
        self.ef = ef
        self.filter = flt
        self.rids = rids
        self.capped = capped  # a search that may have had more matches than it shows

    @property
    def count(self) -> int:
        return len(self.rids)

    def __len__(self) -> int:
        return len(self.rids)

    def index_of(self, rid: int) -> int | None:
        try:
            return self.rids.index(rid)
        except ValueError:
            return None

    def page(self, offset: int, limit: int) -> list[AttendeeRow]:
        """Rows ``offset`` .. ``offset + limit`` in order, read now from the file."""
        wanted = self.rids[max(0, offset) : max(0, offset) + max(0, limit)]
        if not wanted:
            return []
        by_rid = {}
        for start in range(0, len(wanted), 900):
            chunk = wanted[start : start + 900]
            marks = ",".join("?" * len(chunk))
            for row in self.ef.execute(
                f"SELECT {_PREFIXED}, x.first_in_at, x.first_in_station, x.inside, x.entries, "
                "x.exits FROM attendees a LEFT JOIN attendance x ON x.attendee_id = a.id "
                f"AND x.list = ? WHERE a.rid IN ({marks})",
                (self.filter.list_id, *chunk),
            ):
                attendee = Attendee.from_row(row[:20])
                first_at, station, inside, entries, exits = row[20:]
                by_rid[attendee.rid] = AttendeeRow(
                    attendee, first_at if entries else None, (station or "") if entries else "",
                    bool(inside), entries or 0, exits or 0,
                )  # fmt: skip
        return [by_rid[r] for r in wanted if r in by_rid]


class AttendeeQuery:
    """Runs list queries against one event file, caching sort ranks between runs."""

    def __init__(self, ef: EventFile) -> None:
        self.ef = ef
        self._ranks: dict[str, array[int]] = {}
        self._ranks_generation: int | None = None
        self._cheap: tuple[int, int] | None = None
        self._marker: tuple[int, int] = (0, 0)

    # -- change detection -----------------------------------------------------------

    def marker(self) -> tuple[int, int]:
        """(last check-in row, attendee changes): differs after any relevant change.

        Re-reads only when the file was written since the last call (SQLite's
        ``data_version`` for other connections, ``total_changes`` for this one).
        """
        cheap = (
            self.ef.execute("PRAGMA data_version").fetchone()[0],
            self.ef.conn.total_changes,
        )
        if cheap != self._cheap:
            self._cheap = cheap
            self._marker = changes_marker(self.ef)
        return self._marker

    # -- running --------------------------------------------------------------------

    def run(self, flt: AttendeeFilter) -> AttendeeSelection:
        if flt.sort not in SORTS and flt.sort != RELEVANCE:
            raise ValueError(f"unknown sort {flt.sort!r}")
        with self.ef.read() as conn:
            hits: list[int] | None = None
            capped = False
            if flt.text.strip():
                found = search.search(conn, flt.text, limit=SEARCH_LIMIT)
                hits = [h.attendee.rid for h in found]
                capped = len(found) >= min(search.SCAN_CAP, SEARCH_LIMIT)
                if not hits:
                    return AttendeeSelection(self.ef, flt, [], False)
            sort = flt.sort or ("name" if hits is None else RELEVANCE)
            where, params = self._where(flt, hits)
            if sort in CHECKIN_SORTS:
                column = "x.first_in_at" if sort == "checked_in_at" else "x.first_in_station"
                sql = (f"SELECT a.rid, {column} FROM attendees a LEFT JOIN attendance x "
                       "ON x.attendee_id = a.id AND x.list = ? AND x.entries > 0")  # fmt: skip
                rows = conn.execute(sql + where, (flt.list_id, *params)).fetchall()
            else:
                rows = conn.execute("SELECT a.rid FROM attendees a" + where, params).fetchall()
            if sort != RELEVANCE:
                self._check_generation()
        if sort == RELEVANCE:
            assert hits is not None
            keep = {r[0] for r in rows}
            rids = [rid for rid in hits if rid in keep]
            if flt.descending:
                rids.reverse()
            return AttendeeSelection(self.ef, flt, rids, capped)
        if sort in CHECKIN_SORTS:
            rids = self._sort_by_checkin(rows, sort, flt.descending)
        else:
            rank = self._rank(sort)
            rids = [r[0] for r in rows]
            rids.sort(key=rank.__getitem__, reverse=flt.descending)
        return AttendeeSelection(self.ef, flt, rids, capped)

    def _where(self, flt: AttendeeFilter, hits: list[int] | None) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if hits is not None:
            clauses.append(f"a.rid IN ({','.join('?' * len(hits))})")
            params.extend(hits)
        if flt.status:
            if flt.status not in STATUSES:
                raise ValueError(f"unknown status {flt.status!r}")
            clauses.append("a.status = ?")
            params.append(flt.status)
        if flt.category:
            clauses.append("a.category = ?")
            params.append(flt.category)
        if flt.checked_in is not None:
            clauses.append(
                ("" if flt.checked_in else "NOT ")
                + "EXISTS (SELECT 1 FROM attendance c WHERE c.attendee_id = a.id "
                "AND c.list = ? AND c.entries > 0)"
            )
            params.append(flt.list_id)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def _sort_by_checkin(self, rows: list[Any], sort: str, descending: bool) -> list[int]:
        """Checked-in people by time (or station), then by name; never checked in last."""
        name = self._rank("name")
        done = [r for r in rows if r[1] is not None]
        if sort == "station":
            stations = sorted({r[1] for r in done}, key=lambda s: (s.casefold(), s))  # 1번, 2번, 본부
            order = {s: i for i, s in enumerate(stations)}
            done.sort(key=lambda r: (order[r[1]], name[r[0]]), reverse=descending)
        else:
            done.sort(key=lambda r: (r[1], name[r[0]]), reverse=descending)
        rest = [r[0] for r in rows if r[1] is None]
        rest.sort(key=name.__getitem__)
        return [r[0] for r in done] + rest

    # -- ranks ----------------------------------------------------------------------

    def _check_generation(self) -> None:
        generation = self.marker()[1]
        if generation != self._ranks_generation:
            self._ranks.clear()
            self._ranks_generation = generation

    def _rank(self, sort: str) -> array[int]:
        """rank[rid]: the position of each attendee when sorted by ``sort`` (ties by rid)."""
        found = self._ranks.get(sort)
        if found is not None:
            return found
        column = _COLUMN_OF[sort]
        rows = self.ef.execute(f"SELECT rid, {column} FROM attendees").fetchall()
        key = self._key(sort)
        rows.sort(key=lambda r: (key(r[1]), r[0]))
        top = max((r[0] for r in rows), default=0)
        rank = array("l", [0]) * (top + 1)
        for position, (rid, _value) in enumerate(rows):
            rank[rid] = position
        self._ranks[sort] = rank
        return rank

    def _key(self, sort: str) -> Callable[[Any], Any]:
        if sort == "reg_no":
            return _reg_key
        if sort == "category":
            order = {c: i for i, c in enumerate(settings_mod.load(self.ef).category_ids())}
            return lambda c: (order.get(c, len(order)), c)
        if sort in ("status", "language", "no_photo"):
            return lambda v: v
        return lambda text: (0, *name_sort_key(text)) if text else (1, 0, "")


def _reg_key(reg_no: str) -> tuple[str, int, str]:
    """DD-0042 -> ("DD", 42, ...): numbers in numeric order within each prefix."""
    head, _, tail = reg_no.rpartition("-")
    return (head, int(tail) if tail.isdigit() else 0, reg_no)


def attendee_generation(conn: Any) -> int:
    """Grows with every attendee write (the change log is append-only)."""
    return int(conn.execute("SELECT count(*) FROM changes WHERE entity = 'attendee'").fetchone()[0])


def changes_marker(ef: EventFile) -> tuple[int, int]:
    """Changes after any new check-in, undo, exit or attendee write, synced ones too."""
    with ef.read() as conn:
        last_checkin = conn.execute("SELECT max(rowid) FROM checkins").fetchone()[0] or 0
        return (int(last_checkin), attendee_generation(conn))
