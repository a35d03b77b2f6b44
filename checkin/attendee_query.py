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

_ATTENDEE_NAMES = [c.strip() for c in ATTENDEE_COLUMNS.split(",")]
_PREFIXED = ", ".join(f"a.{c}" for c in _ATTENDEE_NAMES)
_N = len(_ATTENDEE_NAMES)
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
                attendee = Attendee.from_row(row[:_N])
                first_at, station, inside, entries, exits = row[_N:]
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
        self._orders: dict[str, list[int]] = {}
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
        if flt.status and flt.status not in STATUSES:
            raise ValueError(f"unknown status {flt.status!r}")
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
            keep = self._attendee_filter(conn, flt, hits)  # None: everyone
            checked: dict[int, Any] | None = None
            if flt.checked_in is not None or sort in CHECKIN_SORTS:
                column = "c.first_in_station" if sort == "station" else "c.first_in_at"
                checked = dict(
                    conn.execute(
                        f"SELECT a.rid, {column} FROM attendance c JOIN attendees a "
                        "ON a.id = c.attendee_id WHERE c.list = ? AND c.entries > 0",
                        (flt.list_id,),
                    ).fetchall()
                )
            if sort != RELEVANCE:
                self._check_generation()
        if sort == RELEVANCE:
            assert hits is not None
            rids = [r for r in hits if (keep is None or r in keep) and _wanted(r, flt, checked)]
            if flt.descending:
                rids.reverse()
        elif sort in CHECKIN_SORTS:
            assert checked is not None
            rids = self._sort_by_checkin(flt, sort, keep, checked)
        else:
            rids = self._ordered(sort, keep)
            if flt.checked_in is not None:
                assert checked is not None
                rids = [r for r in rids if (r in checked) is flt.checked_in]
            if flt.descending:
                rids.reverse()
        return AttendeeSelection(self.ef, flt, rids, capped)

    def _attendee_filter(
        self, conn: Any, flt: AttendeeFilter, hits: list[int] | None
    ) -> set[int] | None:
        """Row ids matching the attendee fields (category, status, search), or None."""
        clauses: list[str] = []
        params: list[Any] = []
        if hits is not None:
            clauses.append(f"rid IN ({','.join('?' * len(hits))})")
            params.extend(hits)
        if flt.status:
            clauses.append("status = ?")
            params.append(flt.status)
        if flt.category:
            clauses.append("category = ?")
            params.append(flt.category)
        if not clauses:
            return None
        sql = "SELECT rid FROM attendees WHERE " + " AND ".join(clauses)
        return {r[0] for r in conn.execute(sql, params)}

    def _ordered(self, sort: str, keep: set[int] | None) -> list[int]:
        """``keep`` (or everyone) in ``sort`` order, ascending."""
        if keep is not None and len(keep) < 20_000:
            return sorted(keep, key=self._rank(sort).__getitem__)
        order = self._order(sort)
        return list(order) if keep is None else [r for r in order if r in keep]

    def _sort_by_checkin(
        self, flt: AttendeeFilter, sort: str, keep: set[int] | None, checked: dict[int, Any]
    ) -> list[int]:
        """Checked-in people by time (or station), then by name; never checked in last."""
        name = self._rank("name")
        done = [r for r in checked if keep is None or r in keep]
        if sort == "station":
            # 1번 출입구, 2번 출입구, 본부: plain text order; people by name within each
            stations = sorted({checked[r] or "" for r in done}, key=lambda s: (s.casefold(), s))
            offset = {s: i * len(name) for i, s in enumerate(stations)}
            done.sort(key=lambda r: offset[checked[r] or ""] + name[r], reverse=flt.descending)
        else:
            done.sort(key=lambda r: (checked[r], name[r]), reverse=flt.descending)
        if flt.checked_in:
            return done
        rest = [r for r in self._ordered("name", keep) if r not in checked]
        return rest if flt.checked_in is False else done + rest

    # -- ranks ----------------------------------------------------------------------

    def _check_generation(self) -> None:
        generation = self.marker()[1]
        if generation != self._ranks_generation:
            self._ranks.clear()
            self._orders.clear()
            self._ranks_generation = generation

    def _order(self, sort: str) -> list[int]:
        """Every attendee's row id in ``sort`` order (ties by row id)."""
        found = self._orders.get(sort)
        if found is None:
            self._rank(sort)
            found = self._orders[sort]
        return found

    def _rank(self, sort: str) -> array[int]:
        """rank[rid]: the position of each attendee when sorted by ``sort`` (ties by rid)."""
        found = self._ranks.get(sort)
        if found is not None:
            return found
        column = _COLUMN_OF[sort]
        rows = self.ef.execute(f"SELECT rid, {column} FROM attendees ORDER BY rid").fetchall()
        key = self._key(sort)
        # Names repeat (김민준, 이서연 ...): compute each distinct value's key once, then
        # a stable sort by the value's position keeps row-id order among equals.
        distinct = sorted({r[1] for r in rows}, key=key)
        position = {value: i for i, value in enumerate(distinct)}
        rows.sort(key=lambda r: position[r[1]])
        order = [r[0] for r in rows]
        rank = array("l", [0]) * ((max(order) if order else 0) + 1)
        for i, rid in enumerate(order):
            rank[rid] = i
        self._ranks[sort] = rank
        self._orders[sort] = order
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


def _wanted(rid: int, flt: AttendeeFilter, checked: dict[int, Any] | None) -> bool:
    return flt.checked_in is None or checked is None or (rid in checked) is flt.checked_in


def _reg_key(reg_no: str) -> tuple[str, int, str]:
    """DD-0042 -> ("DD", 42, ...): numbers in numeric order within each prefix."""
    head, _, tail = reg_no.rpartition("-")
    return (head, int(tail) if tail.isdigit() else 0, reg_no)


def attendee_generation(conn: Any) -> int:
    """Grows with every attendee or event write, synced ones too (the change log is
    append-only; closing the event, which wipes names in place, appends its marker)."""
    return int(conn.execute("SELECT count(*) FROM changes").fetchone()[0])


def changes_marker(ef: EventFile) -> tuple[int, int]:
    """Changes after any new check-in, undo, exit or attendee write, synced ones too."""
    with ef.read() as conn:
        last_checkin = conn.execute("SELECT max(rowid) FROM checkins").fetchone()[0] or 0
        return (int(last_checkin), attendee_generation(conn))
