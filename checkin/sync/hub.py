"""Sync through a PostgreSQL hub (psycopg 3): push what the hub lacks, pull the rest.

The hub is a plain PostgreSQL database; the tables are created on first use
(idempotently, under an advisory lock). It stores every synced log row once, keyed by
(event, station, sequence), in ``checkin_hub_sealed``: sealed with AES-256-GCM, in
every view that differs (:mod:`checkin.sync.hub_rows`, :mod:`checkin.sync.keys`), so the
server (and whoever runs it) never sees a name, and a door kiosk reads only the door or
bare view: it holds no key to the full rows, and a database role made for doors
(``checkin sync hub-setup --door-role``) cannot even select them. A keyed digest of
each row lets the hub and the stations tell a repeated push (same digest: nothing
happens) from two files writing as the same station (different digest: refused, see
``StationConflict``).

Pulls follow a server-assigned position (an identity column). Pushes of one event take
a transaction-level advisory lock, so positions become visible in order and a station
that pulls "everything after my cursor" never skips a row committed late. Many
stations can push and pull at once.

Rows pushed before views are in ``checkin_hub_row`` (sealed under the full key): a
station that holds the full key pulls them too, once, and pushes them again sealed per
view; when the event is closed they are blanked.

The station keeps, per hub, the hub's id (a reset hub is noticed), its pull cursors and
how far each station's rows are known to be on the hub; a push sends only rows above
that. Connect timeouts are short: an unreachable hub raises ``HubUnavailable`` and the
kiosk keeps working offline.

Long because: one hub session (registering the event, pulling, pushing, rewriting a
closed event's rows, the station list) shares the connection, every view's keys and the
station's hub state; the rows' format and the checks they pass are in hub_rows.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import re
import time
from dataclasses import dataclass, field
from typing import Any

from checkin.clock import Clock
from checkin.db.eventfile import EventFile
from checkin.models import Role
from checkin.protect import retention
from checkin.sync import hub_diagnose, hub_rows, merge, state, trust
from checkin.sync.errors import (
    HubRefused,
    HubUnavailable,
    HubWrongEvent,
    StationConflict,
    StationRetired,
)
from checkin.sync.keys import View
from checkin.sync.state import quote

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 3
PUSH_BATCH = 5000
PULL_PAGE = 5000
PULL_CHUNK = 50_000  # rows merged per write transaction
HUB_SCHEMA_VERSION = 2

SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS checkin_hub_meta (
    key text PRIMARY KEY,
    value text NOT NULL
);
CREATE TABLE IF NOT EXISTS checkin_hub_event (
    event_id text PRIMARY KEY,
    hub_id text NOT NULL,
    key_check text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE IF NOT EXISTS checkin_hub_row (
    pos bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id text NOT NULL,
    log text NOT NULL,
    station_id text NOT NULL,
    seq bigint NOT NULL,
    hlc bigint NOT NULL,
    digest text NOT NULL,
    payload bytea NOT NULL,
    pushed_by text NOT NULL,
    pushed_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (event_id, station_id, seq)
);
CREATE INDEX IF NOT EXISTS checkin_hub_row_pull ON checkin_hub_row (event_id, pos);
CREATE TABLE IF NOT EXISTS checkin_hub_station (
    event_id text NOT NULL,
    station_id text NOT NULL,
    instance_id text NOT NULL DEFAULT '',
    name text NOT NULL DEFAULT '',
    station_no integer,
    role text,
    stripped boolean NOT NULL DEFAULT false,
    vector jsonb NOT NULL DEFAULT '{}',
    last_seen timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (event_id, station_id)
);
CREATE TABLE IF NOT EXISTS checkin_hub_closed (
    event_id text PRIMARY KEY,
    closed_at timestamptz NOT NULL DEFAULT now(),
    wiped_pos bigint NOT NULL DEFAULT 0
);
ALTER TABLE checkin_hub_station ADD COLUMN IF NOT EXISTS cert text NOT NULL DEFAULT '';
CREATE TABLE IF NOT EXISTS checkin_hub_sealed (
    pos bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id text NOT NULL,
    log text NOT NULL,
    station_id text NOT NULL,
    seq bigint NOT NULL,
    hlc bigint NOT NULL,
    digest text NOT NULL,
    full_payload bytea,
    door_payload bytea,
    bare_payload bytea NOT NULL,
    pushed_by text NOT NULL,
    pushed_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (event_id, station_id, seq)
);
CREATE INDEX IF NOT EXISTS checkin_hub_sealed_pull ON checkin_hub_sealed (event_id, pos);
ALTER TABLE checkin_hub_event ADD COLUMN IF NOT EXISTS bare_check text NOT NULL DEFAULT '';
ALTER TABLE checkin_hub_closed ADD COLUMN IF NOT EXISTS sealed_wiped_pos bigint NOT NULL
    DEFAULT 0;
"""
SCHEMA_LOCK = 0x636B696E  # "ckin": serializes schema creation across stations
HUB_TABLES = tuple(re.findall(r"CREATE TABLE IF NOT EXISTS (\w+)", SCHEMA_SQL))
LEGACY_TABLE = "checkin_hub_row"  # rows pushed before views (full key only)
SEALED_TABLE = "checkin_hub_sealed"
# what a door kiosk's database role may select, insert and update whole (hub-setup)
DOOR_TABLES = ("checkin_hub_meta", "checkin_hub_event", "checkin_hub_station", "checkin_hub_closed")
# the column a station of each view reads besides bare_payload
UPPER_COLUMN = {View.FULL: "full_payload", View.DOOR: "door_payload", View.BARE: "NULL"}


def _pg() -> Any:
    import psycopg  # imported on use: the app starts without it being loaded

    return psycopg


def describe(url: str) -> str:
    """The hub's address without its password (for messages and logs)."""
    try:
        from psycopg.conninfo import conninfo_to_dict

        info = conninfo_to_dict(url)
    except Exception:
        return "?"
    host = info.get("host") or "localhost"
    if str(host).startswith("/"):
        host = "local socket"
    port = info.get("port") or 5432
    user = str(info.get("user") or "")
    db = str(info.get("dbname") or "")
    return f"{user + '@' if user else ''}{host}:{port}/{db}"


def connect(url: str, timeout: float = CONNECT_TIMEOUT_S) -> Any:
    psycopg = _pg()
    where = describe(url)
    try:
        return psycopg.connect(
            url, connect_timeout=max(1, int(timeout)), application_name="checkin-sync"
        )
    except psycopg.OperationalError as exc:
        # DNS, refused, timeout (offline) or pg_hba, password, database, TLS (refused)
        raise hub_diagnose.classify(exc, url) from exc
    except psycopg.ProgrammingError as exc:
        raise HubRefused(where, _first_line(exc)) from exc


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]


def ensure_schema(pg: Any) -> None:
    try:
        with pg.transaction():
            pg.execute("SELECT pg_advisory_xact_lock(%s)", (SCHEMA_LOCK,))
            pg.execute(SCHEMA_SQL)
            pg.execute(
                "INSERT INTO checkin_hub_meta (key, value) VALUES ('schema', %s) "
                "ON CONFLICT (key) DO NOTHING",
                (str(HUB_SCHEMA_VERSION),),
            )
    except _pg().errors.InsufficientPrivilege:
        # A role given rights on tables made by someone else (no CREATE): fine when
        # every table is there; otherwise the caller says what is missing.
        present = pg.execute(
            "SELECT count(to_regclass(t)) FROM unnest(%s::text[]) AS t", (list(HUB_TABLES),)
        ).fetchone()[0]
        pg.rollback()
        if present != len(HUB_TABLES):
            raise


# --- state kept in the event file -----------------------------------------------------


def _state_key(url: str) -> str:
    return "hub:" + hashlib.sha256(describe(url).encode()).hexdigest()[:16]


@dataclass
class HubState:
    hub_id: str = ""
    cursor: int = 0  # in checkin_hub_sealed
    legacy_cursor: int = 0  # in checkin_hub_row (rows pushed before views)
    pushed: dict[str, int] = field(default_factory=dict)
    logs: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, conn: Any, url: str) -> HubState:
        data = state.get_local(conn, _state_key(url), {}) or {}
        return cls(
            hub_id=data.get("hub_id", ""),
            cursor=int(data.get("cursor", 0)),
            legacy_cursor=int(data.get("legacy_cursor", 0)),
            pushed={k: int(v) for k, v in data.get("pushed", {}).items()},
            logs=list(data.get("logs", [])),
        )

    def save(self, conn: Any, url: str) -> None:
        state.set_local(
            conn,
            _state_key(url),
            {"hub_id": self.hub_id, "cursor": self.cursor, "legacy_cursor": self.legacy_cursor,
             "pushed": self.pushed, "logs": self.logs, "where": describe(url)},
        )  # fmt: skip


@dataclass
class HubResult:
    where: str
    pushed: int = 0
    pulled: int = 0
    imported: int = 0
    merge: merge.MergeResult = field(default_factory=merge.MergeResult)
    stations: list[dict[str, Any]] = field(default_factory=list)
    notice: state.IdentityNotice | None = None
    seconds: float = 0.0
    wiped: int = 0  # hub rows rewritten without personal data (a closed event)
    refused: int = 0  # hub rows not signed by a station of this event, or beyond its role
    view: str = ""  # what this station reads from the hub (checkin.sync.keys)

    @property
    def new_data(self) -> bool:
        return self.imported > 0

    def to_json(self) -> dict[str, Any]:
        return {
            "hub": self.where,
            "pushed": self.pushed,
            "pulled": self.pulled,
            "imported": self.imported,
            "stations_on_hub": len(self.stations),
            "seconds": round(self.seconds, 3),
            "refused": self.refused,
            "view": self.view,
            **{k: v for k, v in self.merge.to_json().items() if k != "imported"},
        }


# --- the sync itself ------------------------------------------------------------------


class Hub:
    """A connection to the hub for one event file. Use as a context manager."""

    def __init__(self, url: str, timeout: float = CONNECT_TIMEOUT_S) -> None:
        self.url = url
        self.where = describe(url)
        self.pg = connect(url, timeout)
        try:
            # Say what the role lacks (PostgreSQL 15: no CREATE on public) before trying.
            hub_diagnose.check_privileges(self.pg, self.where)
            try:
                ensure_schema(self.pg)
            except _pg().errors.InsufficientPrivilege as exc:
                privileges = hub_diagnose.read_privileges(self.pg)
                raise hub_diagnose.privileges_error(
                    self.where, privileges.user, privileges.database, [_first_line(exc)]
                ) from exc
        except BaseException:
            self.pg.close()
            raise

    def close(self) -> None:
        self.pg.close()

    def __enter__(self) -> Hub:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _wrap(self, exc: BaseException) -> BaseException:
        psycopg = _pg()
        if isinstance(exc, psycopg.errors.InsufficientPrivilege):
            info = hub_diagnose.conninfo(self.url)
            user, db = info.get("user", "?"), info.get("dbname", "?")
            return hub_diagnose.privileges_error(self.where, user, db, [_first_line(exc)])
        if isinstance(exc, psycopg.OperationalError):
            return HubUnavailable(self.where, _first_line(exc))
        if isinstance(exc, psycopg.Error):
            return HubRefused(self.where, _first_line(exc))
        return exc

    def sync(
        self, ef: EventFile, clock: Clock, *, push: bool = True, pull: bool = True
    ) -> HubResult:
        started = time.perf_counter()
        result = HubResult(self.where)
        result.notice = state.ensure_identity(ef, clock.now_ms())
        psycopg = _pg()
        try:
            with ef.read() as conn:
                me = state.me(conn)
                vkeys = hub_rows.view_keys(conn)
                hub_state = HubState.load(conn, self.url)
            if not vkeys:
                raise HubRefused(self.where, "this station holds no sync key: provision it again")
            result.view = max(vkeys).label
            self._register_event(me.event_id, vkeys, hub_state)
            # (a row in checkin_hub_closed is not trusted: only the organizer's signed
            # close, pulled like any other setting change, closes this file)
            if pull:
                with ef.read() as conn:
                    was_closed = retention.is_closed(conn)
                self._pull(ef, clock, vkeys, hub_state, result)
                if not was_closed:
                    with ef.read() as conn:
                        result.merge.closed = merge.closed_info(conn)
            with ef.read() as conn:
                closed = retention.is_closed(conn)
            if closed and View.FULL in vkeys:
                result.wiped = self._wipe_hub(ef, vkeys, me.event_id)
            if push:
                self._push(ef, clock, vkeys, hub_state, result)
            result.stations = self._stations(ef, clock)
        except psycopg.Error as exc:
            raise self._wrap(exc) from exc
        retention.vacuum_if_needed(ef)
        result.seconds = time.perf_counter() - started
        with ef.write() as conn:
            state.set_local(conn, "last_hub_sync", clock.now_ms())
            state.record_history(
                conn, clock.now_ms(), "hub", True, imported=result.imported, sent=result.pushed,
                detail=self.where,
            )  # fmt: skip
        return result

    # -- pieces ---------------------------------------------------------------------

    def _register_event(
        self, event_id: str, vkeys: dict[View, hub_rows.ViewKey], hub_state: HubState
    ) -> None:
        """Make sure the hub holds this event under this event's keys (a check value per
        key: the full key's, which only the organizer and desks can make, and the bare
        key's, which every station can); a station that finds one empty fills it in."""
        pg = self.pg
        full = vkeys[View.FULL].check() if View.FULL in vkeys else ""
        bare = vkeys[View.BARE].check()
        with pg.transaction():
            pg.execute(
                "INSERT INTO checkin_hub_event (event_id, hub_id, key_check, bare_check) "
                "VALUES (%s, %s, %s, %s) ON CONFLICT (event_id) DO NOTHING",
                (event_id, os.urandom(16).hex(), full, bare),
            )
            hub_id, key_check, bare_check = pg.execute(
                "SELECT hub_id, key_check, bare_check FROM checkin_hub_event WHERE event_id = %s",
                (event_id,),
            ).fetchone()
            for column, stored, ours in (("key_check", key_check, full),
                                         ("bare_check", bare_check, bare)):  # fmt: skip
                if ours and not stored:
                    pg.execute(
                        f"UPDATE checkin_hub_event SET {column} = %s WHERE event_id = %s AND "
                        f"{column} = ''",
                        (ours, event_id),
                    )
                elif ours and not hmac.compare_digest(stored, ours):
                    raise HubWrongEvent(self.where)
        logs = [*state.synced_logs(), "+signed", "+views"]  # rows pushed before: again
        if hub_id != hub_state.hub_id or logs != hub_state.logs:
            # A new (or reset) hub, or this app now knows more logs: start over; the
            # upserts make a repeated push harmless.
            hub_state.hub_id, hub_state.cursor, hub_state.pushed = hub_id, 0, {}
            hub_state.legacy_cursor = 0
            hub_state.logs = logs

    def _rewrap(
        self, conn: Any, log_name: str, staged: list[tuple[Any, ...]], cols: list[str],
        vkeys: dict[View, hub_rows.ViewKey], signing: tuple[Any, str], event_id: str,
        digests: dict[int, tuple[str, str, int]],
    ) -> list[tuple[str, bytes | None, bytes | None, bytes, int]]:  # fmt: skip
        """Wipe staged rows (``retention.LOG_WIPES``, this file's SQLite) and seal them
        again in every view; returns (digest, full, door, bare, pos) of those changed."""
        decls = state.log_declarations(conn, log_name)
        conn.execute("DROP TABLE IF EXISTS temp.checkin_hub_wipe")
        coldefs = ", ".join(f"{quote(n)} {d}" for n, d in decls)
        conn.execute(f"CREATE TEMP TABLE checkin_hub_wipe (_pos INTEGER, {coldefs})")
        marks = ", ".join("?" for _ in range(len(cols) + 1))
        conn.executemany(f"INSERT INTO temp.checkin_hub_wipe VALUES ({marks})", staged)
        retention.wipe_log_table(conn, log_name, "temp.checkin_hub_wipe")
        updates = []
        sql = hub_rows.select_sql(log_name, sorted(cols), "temp.checkin_hub_wipe")
        for pos, station_id, seq, _hlc, full, personal, door, bare in conn.execute(sql).fetchall():
            old_digest = digests[pos][0]
            sealed = hub_rows.seal_row(signing, vkeys, event_id, log_name, station_id, seq,
                                        full, bool(personal), door, bare, None)  # fmt: skip
            if sealed[0] != old_digest:
                updates.append((*sealed, pos))
        conn.execute("DROP TABLE IF EXISTS temp.checkin_hub_wipe")
        return updates

    def _wipe_hub(self, ef: EventFile, vkeys: dict[View, hub_rows.ViewKey], event_id: str) -> int:
        """Rewrite the hub's rows of a closed event without personal fields.

        Each row is opened, wiped with the very SQL a station uses, and sealed again in
        every view; only rows pushed since the last wipe (``sealed_wiped_pos``) are
        read. The rows pushed before views are blanked. Returns rows rewritten."""
        pg = self.pg
        conn = ef.conn
        with ef.read() as rconn:
            signing = trust.own_signer(rconn)
        if signing is None:
            return 0
        signer = (signing[0], str(signing[1]["station_id"]))
        signers = self._signers(ef, event_id)
        logs = [name for name in state.synced_logs() if name in retention.LOG_WIPES]
        rewritten = 0
        with pg.transaction():
            pg.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (event_id,))
            pg.execute(
                "INSERT INTO checkin_hub_closed (event_id) VALUES (%s) "
                "ON CONFLICT (event_id) DO NOTHING",
                (event_id,),
            )
            wiped_pos = pg.execute(
                "SELECT sealed_wiped_pos FROM checkin_hub_closed WHERE event_id = %s", (event_id,)
            ).fetchone()[0]
            top = pg.execute(
                f"SELECT coalesce(max(pos), 0) FROM {SEALED_TABLE} WHERE event_id = %s",
                (event_id,),
            ).fetchone()[0]
            updates: list[tuple[str, bytes | None, bytes | None, bytes, int]] = []
            for log_name in logs:
                rows = pg.execute(
                    f"SELECT pos, station_id, seq, digest, full_payload, bare_payload FROM "
                    f"{SEALED_TABLE} WHERE event_id = %s AND log = %s AND pos > %s AND pos <= %s",
                    (event_id, log_name, wiped_pos, top),
                ).fetchall()
                cols = state.log_columns(conn, log_name)
                staged, digests = [], {}
                for pos, station_id, seq, digest, full, bare in rows:
                    row_aad = hub_rows.aad(event_id, log_name, station_id, seq)
                    opened = (
                        hub_rows.open_sealed(bytes(full), vkeys[View.FULL], row_aad, signers)
                        if full is not None
                        else hub_rows.open_sealed(bytes(bare), vkeys[View.BARE], row_aad, signers)
                    )
                    if opened is None:
                        continue  # altered on the server: no station takes it anyway
                    item = json.loads(opened.plain)
                    staged.append((pos, *(item.get(c) for c in cols)))
                    digests[pos] = (digest, station_id, seq)
                if staged:
                    updates += self._rewrap(conn, log_name, staged, cols, vkeys, signer,
                                            event_id, digests)  # fmt: skip
            with pg.cursor() as cur:
                cur.executemany(
                    f"UPDATE {SEALED_TABLE} SET digest = %s, full_payload = %s, door_payload = %s, "
                    "bare_payload = %s WHERE pos = %s",
                    updates,
                )
            rewritten = len(updates)
            pg.execute(
                "UPDATE checkin_hub_closed SET sealed_wiped_pos = greatest(sealed_wiped_pos, %s) "
                "WHERE event_id = %s",
                (top, event_id),
            )
            # rows pushed before views: every one of them is pushed again, sealed per view
            # (and wiped above); their old copies are blanked
            rewritten += pg.execute(
                f"UPDATE {LEGACY_TABLE} SET payload = '\\x00'::bytea WHERE event_id = %s AND "
                "payload <> '\\x00'::bytea",
                (event_id,),
            ).rowcount
        if rewritten:
            log.info("rewrote %d hub rows without personal data", rewritten)
        return rewritten

    def _push(
        self, ef: EventFile, clock: Clock, vkeys: dict[View, hub_rows.ViewKey],
        hub_state: HubState, result: HubResult,
    ) -> None:  # fmt: skip
        trust.ensure_organizer_keys_in(ef)
        with ef.read() as conn:
            me = state.me(conn)
            if me.station_id in state.retired(conn):
                raise StationRetired(me.name)
            signing = trust.own_signer(conn)
            if signing is None:
                raise HubRefused(self.where, "this station has no signing key: provision it again")
            own_rows = me.stripped or me.role is Role.SCAN_ONLY
            own_ids = set(state.own_station_ids(conn))  # a copied stripped file: old rows too
            vec = state.vector(conn)
            rows = hub_rows.rows_to_push(
                conn, me, (signing[0], signing[1]["station_id"]), vkeys, hub_state.pushed, vec,
                own_ids if own_rows else None,
            )  # fmt: skip
        full = View.FULL in vkeys
        # a door's database role may not write (or read) the full and door columns
        columns = ["event_id", "log", "station_id", "seq", "hlc", "digest",
                   *(["full_payload", "door_payload"] if full else []), "bare_payload",
                   "pushed_by"]  # fmt: skip
        if not full:
            rows = [(*r[:6], r[8], r[9]) for r in rows]
        pg = self.pg
        # the certificate first: a station that pulls our rows can check them at once
        with pg.transaction():
            pg.execute(
                "INSERT INTO checkin_hub_station (event_id, station_id, instance_id, name, "
                "station_no, role, stripped, vector, last_seen, cert) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, now(), %s) "
                "ON CONFLICT (event_id, station_id) DO UPDATE SET instance_id = "
                "excluded.instance_id, name = excluded.name, station_no = excluded.station_no, "
                "role = excluded.role, stripped = excluded.stripped, vector = excluded.vector, "
                "last_seen = now(), cert = excluded.cert",
                (me.event_id, me.station_id, me.instance_id, me.name, me.station_no,
                 me.role.value, me.stripped, json.dumps(vec), json.dumps(signing[1])),
            )  # fmt: skip
        names = ", ".join(columns)
        for first in range(0, len(rows), PUSH_BATCH):
            batch = rows[first : first + PUSH_BATCH]
            with pg.transaction():
                pg.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (me.event_id,))
                pg.execute(
                    "CREATE TEMP TABLE IF NOT EXISTS checkin_push_sealed (event_id text, log text, "
                    "station_id text, seq bigint, hlc bigint, digest text, full_payload bytea, "
                    "door_payload bytea, bare_payload bytea, pushed_by text) "
                    "ON COMMIT DELETE ROWS"
                )
                with pg.cursor().copy(f"COPY checkin_push_sealed ({names}) FROM STDIN") as copy:
                    for row in batch:
                        copy.write_row(row)
                clash = pg.execute(
                    f"SELECT t.station_id FROM checkin_push_sealed t JOIN {SEALED_TABLE} r ON "
                    "r.event_id = t.event_id AND r.station_id = t.station_id AND r.seq = t.seq "
                    "WHERE r.digest <> t.digest LIMIT 1"
                ).fetchone()
                if clash:
                    with ef.read() as conn:
                        label = state.station_label(conn, clash[0])
                    raise StationConflict(label, self.where)
                inserted = pg.execute(
                    f"INSERT INTO {SEALED_TABLE} ({names}) SELECT {names} FROM "
                    "checkin_push_sealed ORDER BY station_id, seq "
                    "ON CONFLICT (event_id, station_id, seq) DO NOTHING"
                ).rowcount
                result.pushed += max(inserted, 0)
        for station_id, upto in vec.items():
            if own_rows and station_id not in own_ids:
                continue
            hub_state.pushed[station_id] = max(hub_state.pushed.get(station_id, 0), upto)
        with ef.write() as conn:
            hub_state.save(conn, self.url)
            if rows or result.pushed:
                state.set_local(conn, "hub_pushed_seq", me.seq)

    def _pull(
        self, ef: EventFile, clock: Clock, vkeys: dict[View, hub_rows.ViewKey],
        hub_state: HubState, result: HubResult,
    ) -> None:  # fmt: skip
        with ef.read() as conn:
            me = state.me(conn)
            closed = retention.is_closed(conn)
        self._learn_certs(ef, me.event_id)
        top = max(vkeys)
        if top is View.FULL and not closed:
            self._pull_from(ef, clock, vkeys, hub_state, result, legacy=True)
        self._pull_from(ef, clock, vkeys, hub_state, result, legacy=False)

    def _page(self, event_id: str, instance_id: str, top: View, cursor: int, legacy: bool) -> Any:
        if legacy:
            sql = (
                f"SELECT pos, log, station_id, seq, digest, payload, NULL FROM {LEGACY_TABLE} "
                "WHERE event_id = %s AND pos > %s AND pushed_by <> %s ORDER BY pos LIMIT %s"
            )
        else:
            sql = (
                f"SELECT pos, log, station_id, seq, digest, {UPPER_COLUMN[top]}, bare_payload "
                f"FROM {SEALED_TABLE} WHERE event_id = %s AND pos > %s AND pushed_by <> %s "
                "ORDER BY pos LIMIT %s"
            )
        page = self.pg.execute(sql, (event_id, cursor, instance_id, PULL_PAGE)).fetchall()
        self.pg.commit()
        return page

    def _pull_from(
        self, ef: EventFile, clock: Clock, vkeys: dict[View, hub_rows.ViewKey],
        hub_state: HubState, result: HubResult, *, legacy: bool,
    ) -> None:  # fmt: skip
        with ef.read() as conn:
            me = state.me(conn)
            gone = state.retired(conn)
        signers = self._signers(ef, me.event_id)
        top = max(vkeys)
        checker = hub_rows.RowChecker(me.event_id, vkeys, signers, gone, legacy)
        finished = False
        while not finished:
            # Fetch up to PULL_CHUNK rows over the network first, then merge them in one
            # short write transaction (scans at this kiosk wait only for the merge).
            chunk = hub_rows.Chunk()
            cursor = hub_state.legacy_cursor if legacy else hub_state.cursor
            while chunk.fetched < PULL_CHUNK:
                page = self._page(me.event_id, me.instance_id, top, cursor, legacy)
                for row in page:
                    if checker.unknown_signer(row):
                        checker.signers = self._signers(ef, me.event_id)
                    if not checker.take(row, chunk):
                        result.refused += 1
                chunk.fetched += len(page)
                if page:
                    cursor = page[-1][0]
                if len(page) < PULL_PAGE:
                    finished = True
                    break
            if not chunk.fetched:
                break
            merged = self._merge_chunk(ef, clock, chunk, hub_state, cursor, legacy)
            result.pulled += chunk.fetched
            result.imported += merged.total
            result.merge.add(merged)

    def _merge_chunk(
        self, ef: EventFile, clock: Clock, chunk: hub_rows.Chunk, hub_state: HubState, cursor: int,
        legacy: bool,
    ) -> merge.MergeResult:  # fmt: skip
        """Merge one chunk and move the cursor past it, in one write transaction."""
        with ef.write() as conn:
            for log_name, items in chunk.by_log.items():
                cols = merge.create_stage(conn, log_name)
                collist = ", ".join(quote(c) for c in cols)
                marks = ", ".join("?" for _ in cols)
                conn.executemany(
                    f"INSERT INTO {merge.staged(log_name)} ({collist}) VALUES ({marks})",
                    [tuple(item.get(c) for c in cols) for item in items],
                )
            conn.executemany(
                "INSERT OR REPLACE INTO row_sigs (station_id, seq, sig) VALUES (?, ?, ?)",
                chunk.sigs,
            )
            ranges: dict[str, tuple[int, int]] = {}
            for station_id, seqs in chunk.seqs.items():
                mark = start = hub_state.pushed.get(station_id, 0)
                for seq in sorted(seqs):
                    if seq == mark + 1:
                        mark = seq
                hub_state.pushed[station_id] = mark
                if station_id in chunk.withheld:
                    ranges[station_id] = (start, mark)  # rows not for this view: skipped
            merged = merge.merge_staged(conn, clock.now_ms(), source=self.where, ranges=ranges)
            if legacy:
                hub_state.legacy_cursor = cursor
            else:
                hub_state.cursor = cursor
            hub_state.save(conn, self.url)
        return merged

    def _learn_certs(self, ef: EventFile, event_id: str) -> None:
        """Keep the certificates published on the hub that this file lacks (a door needs
        every desk's key to check the badges that desk mints)."""
        rows = self.pg.execute(
            "SELECT station_id, cert FROM checkin_hub_station WHERE event_id = %s AND cert <> ''",
            (event_id,),
        ).fetchall()
        self.pg.commit()
        with ef.read() as conn:
            known = {r[0] for r in conn.execute("SELECT station_id FROM station_keys")}
        claims = []
        for _sid, text in rows:
            try:
                claim = json.loads(text)
            except ValueError:
                continue
            if isinstance(claim, dict) and claim.get("station_id") not in known:
                claims.append(claim)
        if claims:
            with ef.write() as conn:
                trust.learn_certs(conn, claims)

    def _signers(self, ef: EventFile, event_id: str) -> dict[str, trust.Signer]:
        """The certified signers this file and the hub know (chains checked); a retired
        one's rows are checked in ``_pull``."""
        rows = self.pg.execute(
            "SELECT cert FROM checkin_hub_station WHERE event_id = %s AND cert <> ''", (event_id,)
        ).fetchall()
        self.pg.commit()
        out: dict[str, trust.Signer] = {}
        with ef.read() as conn:
            claims: list[Any] = []
            for (text,) in rows:
                try:
                    claims.append(json.loads(text))
                except ValueError:
                    continue
            for sid, role, public, cert in conn.execute(
                "SELECT station_id, role, public_key, cert FROM station_keys "
                "WHERE station_id = cert_station"
            ):
                claims.append({"station_id": sid, "role": role, "key": bytes(public).hex(),
                               "cert": bytes(cert).hex()})  # fmt: skip
            for claim in claims:
                signer = trust.check_signer(conn, claim)
                if signer is not None:
                    out[signer.station_id] = signer
        return out

    def _stations(self, ef: EventFile, clock: Clock) -> list[dict[str, Any]]:
        with ef.read() as conn:
            me = state.me(conn)
        rows = self.pg.execute(
            "SELECT station_id, instance_id, name, station_no, role, vector, "
            "extract(epoch from last_seen) FROM checkin_hub_station WHERE event_id = %s",
            (me.event_id,),
        ).fetchall()
        self.pg.commit()
        stations = []
        now = clock.now_ms()
        with ef.write() as conn:
            for station_id, instance_id, name, number, role, vec, seen in rows:
                stations.append(
                    {"station_id": station_id, "name": name, "station_no": number, "role": role,
                     "last_seen": int(float(seen) * 1000)}
                )  # fmt: skip
                if station_id == me.station_id:
                    continue
                conn.execute(
                    "INSERT INTO stations (station_id, name, station_no, role) VALUES (?, ?, ?, ?) "
                    "ON CONFLICT (station_id) DO UPDATE SET name = excluded.name, "
                    "station_no = excluded.station_no, role = excluded.role",
                    (station_id, merge.received_station_name(name), number, role),
                )
                state.note_peer(conn, station_id, dict(vec or {}), instance_id, "hub", now)
        return stations


def sync_hub(
    ef: EventFile, url: str, clock: Clock, *, push: bool = True, pull: bool = True,
    timeout: float = CONNECT_TIMEOUT_S,
) -> HubResult:  # fmt: skip
    """Connect, pull what is new, push what the hub lacks, disconnect."""
    with Hub(url, timeout) as hub:
        return hub.sync(ef, clock, push=push, pull=pull)
