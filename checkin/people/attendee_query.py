"""The organizer's attendee list as a windowed query: filter, sort, search, page.

``AttendeeQuery(ef).run(AttendeeFilter(...))`` returns an ``AttendeeSelection``: the
ordered row ids of every matching attendee (a few hundred kilobytes at 100,000) with
``count`` and ``page(offset, limit)``, which reads just those rows, with the check-in
state on the chosen list (first entry time and station, inside or left). A table model
asks for the pages it shows; nothing holds 100,000 attendee objects.

Filtering is SQL (category, registration status, checked in or not on the list); the
search is the kiosk's Korean-aware search (``checkin.people.search``), so the same query
finds the same people, ranked. Sorting orders in Python by precomputed ranks: names in
Korean order (가나다, then Latin A-Z, as the badges and paper lists sort them,
``checkin.badges.service.name_sort_key``) cannot be sorted by SQLite's own collation, and
registration numbers sort by their number (DD-9999 before DD-10000); SQLite sorting
by expressions that mimic these keys was measured slower than Python. Each column's
order is built once (about 0.2 s at 100,000, so the list page builds them ahead of use a
small step at a time, ``warm``) and then kept up to date: after an attendee is added or
edited, here or by sync, only the changed people are taken out and put back in place
(found from the change log), so the next sort does not pay for a rebuild. A settings
change (category order) or anything the log cannot account for drops the orders.
Who has checked in (first time, station) is read again after each new check-in.

``changes_marker(ef)`` is a cheap value that changes whenever attendees or check-ins
change (here or merged by sync), so a screen can refresh only when needed.

Below organizer the pages are masked (``checkin.protect.masking``), and a sort on a
masked column (full name, phone, email) orders by the masks, not the values: an order
kept of its own (``full_name*`` ...), so the hidden digits never show through the
order of the rows. Equal masks keep the registration order.
"""

# Long because: the windowed query and the sort orders it keeps up to date share one cache (the
# docstring says why sorting is done here and not in SQLite)
from __future__ import annotations

import bisect
import contextlib
import gc
import logging
from array import array
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, field
from itertools import groupby
from typing import TYPE_CHECKING, Any

from checkin.badges.service import name_sort_key
from checkin.db.eventfile import EventFile
from checkin.event import settings as settings_mod
from checkin.models import ATTENDEE_COLUMNS, CANCELLED, REGISTERED, Attendee
from checkin.people import search
from checkin.protect import masking

if TYPE_CHECKING:
    from checkin.protect.access import Access

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
# Built ahead of use by ``warm``, most used first (name is built by the first run).
WARM_SORTS = ("name", "reg_no", "category", "status", "organization", "full_name", "phone",
              "email", "language", "no_photo", "access_needs")  # fmt: skip
# Work per build step: rows read, keys computed, items sorted (~10 ms each at 100k).
CHUNK = 20_000
# More changed attendees than this at once (a big sync or import): rebuild instead.
MAX_INCREMENTAL = 300
_NAME_SORTS: tuple[str, ...] = (
    "name", "full_name", "organization", "phone", "email", "access_needs"
)  # fmt: skip
_COLUMN_OF = {"name": "display_name", "reg_no": "reg_no", "full_name": "full_name",
              "category": "category", "organization": "organization", "phone": "phone",
              "email": "email", "language": "language", "no_photo": "no_photo",
              "access_needs": "access_needs", "status": "status"}  # fmt: skip
# The order of a masked column below organizer: by the masks (kept apart from the
# organizer's order by the values).
MASKED = "*"
_MASKED_SORTS = tuple(s for s in ATTENDEE_SORTS if s in masking.MASKED_FIELDS)
for _sort in _MASKED_SORTS:
    _COLUMN_OF[_sort + MASKED] = _COLUMN_OF[_sort]
_NAME_SORTS += tuple(s + MASKED for s in _MASKED_SORTS)


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

    def __init__(
        self,
        ef: EventFile,
        flt: AttendeeFilter,
        rids: list[int],
        capped: bool,
        access: Access | None = None,
    ) -> None:
        self.ef = ef
        self.access = access  # below organizer, pages are masked (checkin.protect.masking)
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
        """Rows ``offset`` .. ``offset + limit`` in order, read now from the file; masked
        below organizer (decided now: the organizer's access may have ended)."""
        wanted = self.rids[max(0, offset) : max(0, offset) + max(0, limit)]
        if not wanted:
            return []
        by_rid = {}
        view = masking.viewer(self.access, self.ef)
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
                attendee = view(attendee)
                first_at, station, inside, entries, exits = row[_N:]
                by_rid[attendee.rid] = AttendeeRow(
                    attendee, first_at if entries else None, (station or "") if entries else "",
                    bool(inside), entries or 0, exits or 0,
                )  # fmt: skip
        return [by_rid[r] for r in wanted if r in by_rid]


@dataclass
class _LogPosition:
    """How far the change log had been read: its length and each station's last seq."""

    count: int
    seqs: dict[str, int]


@dataclass
class _Build:
    """A column order being built a step at a time, and who changed meanwhile."""

    steps: Iterator[None]
    result: list[list[int]] = field(default_factory=list)
    dirty: set[int] = field(default_factory=set)


class AttendeeQuery:
    """Runs list queries against one event file, keeping each column's sort order."""

    def __init__(self, ef: EventFile, access: Access | None = None) -> None:
        self.ef = ef
        self.access = access  # who reads the pages (masked below organizer)
        self._orders: dict[str, list[int]] = {}
        self._pending: dict[str, set[int]] = {}  # changed since, to move before use
        self._ranks: dict[str, array[int]] = {}
        self._builds: dict[str, _Build] = {}
        self._position: _LogPosition | None = None
        self._resets = 0  # how many times the orders were dropped
        self._cheap: tuple[int, int] | None = None
        self._marker: tuple[int, int] = (0, 0)
        self._checked_cache: dict[tuple[str, bool, int], dict[int, Any]] = {}
        self.rebuilds = 0  # orders built from scratch (incremental updates do not count)

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

    def _sort_for(self, sort: str) -> str:
        """The order a sort uses for the reader: by the masks when they see masks."""
        if sort in _MASKED_SORTS and not masking.shows_whole(self.access, self.ef):
            return sort + MASKED
        return sort

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
                    return AttendeeSelection(self.ef, flt, [], False, self.access)
            sort = self._sort_for(flt.sort or ("name" if hits is None else RELEVANCE))
            keep = self._attendee_filter(conn, flt, hits)  # None: everyone
            self.catch_up()  # in this snapshot: follow attendee changes first
            checked: dict[int, Any] | None = None
            if flt.checked_in is not None or sort in CHECKIN_SORTS:
                checked = self._checked(conn, flt.list_id, sort == "station")
            if sort != RELEVANCE:
                self._order("name" if sort in CHECKIN_SORTS else sort)
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
        return AttendeeSelection(self.ef, flt, rids, capped, self.access)

    def _checked(self, conn: Any, list_id: str, station: bool) -> dict[int, Any]:
        """Who has entered on ``list_id``: row id -> first entry time (or station).

        Kept until the next check-in, undo or exit (the marker's first part; attendee
        edits do not change who entered, and anything the change log cannot account
        for, such as a station's rows retired, drops it with the orders), so switching
        filters and sorts does not read the attendance again."""
        key = (list_id, station, self.marker()[0])
        found = self._checked_cache.get(key)
        if found is None:
            column = "c.first_in_station" if station else "c.first_in_at"
            found = dict(
                conn.execute(
                    f"SELECT a.rid, {column} FROM attendance c JOIN attendees a "
                    "ON a.id = c.attendee_id WHERE c.list = ? AND c.entries > 0",
                    (list_id,),
                ).fetchall()
            )
            self._checked_cache = {k: v for k, v in self._checked_cache.items()
                                   if k[:2] != key[:2] and k[2] == key[2]}  # fmt: skip
            self._checked_cache[key] = found
        return found

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
        rank = self._ranks.get(sort)
        if keep is not None and rank is not None and len(keep) < 20_000:
            return sorted(keep, key=rank.__getitem__)
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

    # -- keeping orders up to date ----------------------------------------------------

    def catch_up(self) -> None:
        """Bring the kept orders up to the file: move the attendees changed since the
        last look (added, edited, synced in) to their new places, or drop the orders
        when the change log cannot say exactly who changed."""
        generation = self.marker()[1]
        position = self._position
        if position is not None and position.count == generation:
            return
        with self.ef.read() as conn:
            if position is None or not (self._orders or self._builds):
                self._reset(conn)
                return
            found = _changed_since(conn, position)
            if found is None:
                self._reset(conn)
                return
            new_position, entity_ids = found
            rids = _rids_of(conn, entity_ids)
            if rids is None or len(rids) > MAX_INCREMENTAL:
                self._reset(conn)
                return
            self._position = new_position
            if not rids:
                return
            for build in self._builds.values():
                build.dirty.update(rids)
            for sort in self._orders:  # moved when next used (or by ``warm``)
                self._pending.setdefault(sort, set()).update(rids)
                self._ranks.pop(sort, None)

    def _reset(self, conn: Any) -> None:
        """Forget every order (built again when needed) and note the log's position."""
        self._orders.clear()
        self._checked_cache.clear()
        self._pending.clear()
        self._ranks.clear()
        self._builds.clear()
        self._resets += 1
        self._position = _log_position(conn)

    def _move(self, conn: Any, sort: str, order: list[int], rids: set[int]) -> None:
        """Take ``rids`` out of ``order`` and put each back where its current value sorts."""
        if len(rids) <= 4:
            for rid in rids:
                with contextlib.suppress(ValueError):  # not there: a new attendee
                    order.remove(rid)
        else:
            order[:] = [r for r in order if r not in rids]
        column = _COLUMN_OF[sort]
        key = self._key(sort)
        marks = ",".join("?" * len(rids))
        current = conn.execute(
            f"SELECT rid, {column} FROM attendees WHERE rid IN ({marks})", tuple(rids)
        ).fetchall()
        cache: dict[int, Any] = {}

        def probe(rid: int) -> tuple[Any, int]:
            found = cache.get(rid)
            if found is None:
                value = conn.execute(
                    f"SELECT {column} FROM attendees WHERE rid = ?", (rid,)
                ).fetchone()[0]
                found = cache[rid] = (key(value), rid)
            return found

        for rid, value in sorted(current):
            order.insert(bisect.bisect_right(order, (key(value), rid), key=probe), rid)

    # -- building orders ----------------------------------------------------------------

    def warm(self) -> bool:
        """One step (~10 ms at 100,000) of building the next order not built yet, so a
        first sort on any column finds its order ready. True while work remains."""
        self.catch_up()
        if self._pending:
            self._order(next(iter(self._pending)))
            return True
        sort = next((s for s in self._builds), None)
        if sort is None:
            wanted = (self._sort_for(s) for s in WARM_SORTS)
            sort = next((s for s in wanted if s not in self._orders), None)
        if sort is None:
            return False
        self._step(sort)
        return True

    def ready(self) -> bool:
        """Is every column's order built and up to date (as of the last look)?"""
        return not self._pending and all(self._sort_for(s) in self._orders for s in WARM_SORTS)

    def _step(self, sort: str, chunk: int = CHUNK) -> bool:
        """Run one step of ``sort``'s build; True when its order is ready. A build
        needed now (``chunk`` large) runs in one go: steps cost a little overhead."""
        build = self._builds.get(sort)
        if build is None:
            if self._position is None:
                self.catch_up()
            build = self._builds[sort] = _Build(iter(()))
            build.steps = self._build_steps(sort, build.result, chunk)
        with _cyclic_gc_paused():
            if next(build.steps, True) is None:
                return False
        # Finished: people changed while it was being built go to their current place
        # (in one snapshot with the log read, so every other value is the current one).
        with self.ef.read() as conn:
            resets = self._resets
            self.catch_up()
            if self._resets != resets or self._builds.get(sort) is not build:
                return False  # dropped meanwhile (the log could not say who changed): again
            del self._builds[sort]
            order = build.result[0]
            self.rebuilds += 1
            if build.dirty:
                self._move(conn, sort, order, build.dirty)
            self._orders[sort] = order
        return True

    def _build_steps(self, sort: str, out: list[list[int]], chunk: int) -> Iterator[None]:
        """Every attendee's row id in ``sort`` order (ties by row id), in small steps."""
        column = _COLUMN_OF[sort]
        rids: list[int] = []
        values: list[Any] = []
        last = -1
        while True:
            rows = self.ef.execute(
                f"SELECT rid, {column} FROM attendees WHERE rid > ? ORDER BY rid LIMIT ?",
                (last, chunk),
            ).fetchall()
            if rows:
                got_rids, got_values = zip(*rows, strict=True)
                rids.extend(got_rids)
                values.extend(got_values)
                last = rids[-1]
            if len(rows) < chunk:
                break
            yield
        # Names repeat (김민준, 이서연 ...): each distinct value's key is computed once.
        key = self._key(sort)
        distinct = list(set(values))
        keys: dict[Any, Any] = {}
        for start in range(0, len(distinct), chunk // 2):
            part = distinct[start : start + chunk // 2]
            keys.update(zip(part, map(key, part), strict=True))
            yield
        distinct = yield from _sorted_in_steps(distinct, keys.__getitem__, chunk)
        if len(distinct) == len(values) and sort not in _NAME_SORTS:  # one per value (reg. no.)
            rid_of = dict(zip(values, rids, strict=True))
            out.append(list(map(rid_of.__getitem__, distinct)))
            return
        if sort in _NAME_SORTS:
            # Values with equal keys (최민수, 최 민 수) share a place: people by row id.
            position = {}
            for place, (_, same) in enumerate(groupby(distinct, keys.__getitem__)):
                for value in same:
                    position[value] = place
        else:  # the key holds the value: distinct values, distinct keys
            position = {value: place for place, value in enumerate(distinct)}
        places = list(map(position.__getitem__, values))
        yield
        index = yield from _sorted_in_steps(range(len(rids)), places.__getitem__, chunk)
        out.append(list(map(rids.__getitem__, index)))

    def _order(self, sort: str) -> list[int]:
        """Every attendee's row id in ``sort`` order (ties by row id)."""
        found = self._orders.get(sort)
        if found is None:
            while not self._step(sort, chunk=1 << 40):
                pass
            found = self._orders[sort]
        if sort in self._pending:
            with self.ef.read() as conn:
                self.catch_up()  # the values moved by are the current ones
                rids = self._pending.pop(sort, None)
                if rids is not None:
                    self._move(conn, sort, self._orders[sort], rids)
            found = self._orders.get(sort)
            if found is None:  # dropped meanwhile
                found = self._order(sort)
        return found

    def _rank(self, sort: str) -> array[int]:
        """rank[rid]: the position of each attendee when sorted by ``sort`` (ties by rid)."""
        found = self._ranks.get(sort)
        if found is not None:
            return found
        order = self._order(sort)
        rank = array("l", [0]) * ((max(order) if order else 0) + 1)
        for i, rid in enumerate(order):
            rank[rid] = i
        self._ranks[sort] = rank
        return rank

    def _key(self, sort: str) -> Callable[[Any], Any]:
        if sort.endswith(MASKED):
            return masking.sort_key_of(sort[: -len(MASKED)], self._key(sort[: -len(MASKED)]))
        if sort == "reg_no":
            return _reg_key
        if sort == "category":
            order = {c: i for i, c in enumerate(settings_mod.load(self.ef).category_ids())}
            return lambda c: (order.get(c, len(order)), c)
        if sort in ("status", "language", "no_photo"):
            return lambda v: v
        return lambda text: (0, *name_sort_key(text)) if text else (1, 0, "")


@contextlib.contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """A build step makes ~100,000 small tuples and no reference cycles; Python's
    cycle collector would scan the heap several times over them (a third of the
    time at 100,000). Paused for one step (milliseconds), then back as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _sorted_in_steps(
    items: Any, key: Callable[[Any], Any], chunk: int
) -> Generator[None, None, list[Any]]:
    """``sorted(items, key=key)`` (stable) in steps: sorted runs, then one merge (the
    sort finds the runs, so the last step costs a fraction of a full sort)."""
    items = list(items)
    for start in range(0, len(items), chunk):
        items[start : start + chunk] = sorted(items[start : start + chunk], key=key)
        yield
    if len(items) > chunk:
        items.sort(key=key)
        yield
    return items


def _log_position(conn: Any) -> _LogPosition:
    rows = conn.execute("SELECT station_id, max(seq), count(*) FROM changes GROUP BY station_id")
    seqs: dict[str, int] = {}
    total = 0
    for station, seq, count in rows:
        seqs[station] = seq
        total += count
    return _LogPosition(total, seqs)


def _changed_since(conn: Any, position: _LogPosition) -> tuple[_LogPosition, set[str]] | None:
    """The new log position and the attendees changed since ``position``; None when
    the log cannot say (a setting changed, or rows arrived out of order)."""
    generation = attendee_generation(conn)
    seqs = dict(position.seqs)
    total = position.count
    entity_ids: set[str] = set()
    stations = list(seqs)
    for looked_for_new_stations in (False, True):
        for station in stations:
            rows = conn.execute(
                "SELECT seq, entity, entity_id FROM changes WHERE station_id = ? AND seq > ?",
                (station, position.seqs.get(station, -1)),
            ).fetchall()
            for row_seq, entity, entity_id in rows:
                if entity != "attendee":
                    return None
                entity_ids.add(entity_id)
                seqs[station] = max(seqs.get(station, -1), row_seq)
            total += len(rows)
        if total == generation:
            return _LogPosition(total, seqs), entity_ids
        if looked_for_new_stations:
            break
        # Rows from a station not seen before (a new kiosk synced in)?
        stations = [s for s in _log_position(conn).seqs if s not in seqs]
    return None  # a gap filled in (older rows synced late) or rows removed


def _rids_of(conn: Any, entity_ids: set[str]) -> set[int] | None:
    """Row ids of these attendees; None if one is missing (the order cannot follow)."""
    if not entity_ids:
        return set()
    if len(entity_ids) > MAX_INCREMENTAL:
        return None
    marks = ",".join("?" * len(entity_ids))
    rows = conn.execute(f"SELECT rid FROM attendees WHERE id IN ({marks})", tuple(entity_ids))
    rids = {r[0] for r in rows}
    return rids if len(rids) == len(entity_ids) else None


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
