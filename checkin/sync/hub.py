"""Sync through a PostgreSQL hub (psycopg 3): push what the hub lacks, pull the rest.

The hub is a plain PostgreSQL database; the tables are created on first use
(idempotently, under an advisory lock). It stores every synced log row once, keyed by
(event, station, sequence), as an opaque payload: the row encrypted with AES-256-GCM
under a key derived from the event's sync secret, so the server (and whoever runs it)
never sees a name. A keyed digest of each row lets the hub and the stations tell a
repeated push (same digest: nothing happens) from two files writing as the same
station (different digest: refused, see ``StationConflict``).

Pulls follow a server-assigned position (an identity column). Pushes of one event take
a transaction-level advisory lock, so positions become visible in order and a station
that pulls "everything after my cursor" never skips a row committed late. Many
stations can push and pull at once.

The station keeps, per hub, the hub's id (a reset hub is noticed), its pull cursor and
how far each station's rows are known to be on the hub; a push sends only rows above
that. Connect timeouts are short: an unreachable hub raises ``HubUnavailable`` and the
kiosk keeps working offline.
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
from checkin.sync import hub_diagnose, merge, state, trust
from checkin.sync.errors import (
    HubRefused,
    HubUnavailable,
    HubWrongEvent,
    StationConflict,
    StationRetired,
)
from checkin.sync.hub_rows import (
    Keys,
    _Pulled,
    _RowCheck,
    _rows_to_push,
    _wiped_rows,
)
from checkin.sync.state import quote

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 3
PUSH_BATCH = 5000
PULL_PAGE = 5000
PULL_CHUNK = 50_000  # rows merged per write transaction
HUB_SCHEMA_VERSION = 1

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
"""
SCHEMA_LOCK = 0x636B696E  # "ckin": serializes schema creation across stations
HUB_TABLES = tuple(re.findall(r"CREATE TABLE IF NOT EXISTS (\w+)", SCHEMA_SQL))


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
    cursor: int = 0
    pushed: dict[str, int] = field(default_factory=dict)
    logs: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, conn: Any, url: str) -> HubState:
        data = state.get_local(conn, _state_key(url), {}) or {}
        return cls(
            hub_id=data.get("hub_id", ""),
            cursor=int(data.get("cursor", 0)),
            pushed={k: int(v) for k, v in data.get("pushed", {}).items()},
            logs=list(data.get("logs", [])),
        )

    def save(self, conn: Any, url: str) -> None:
        state.set_local(
            conn,
            _state_key(url),
            {"hub_id": self.hub_id, "cursor": self.cursor, "pushed": self.pushed,
             "logs": self.logs, "where": describe(url)},
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
                keys = Keys.for_file(conn)
                hub_state = HubState.load(conn, self.url)
            self._register_event(me.event_id, keys, hub_state)
            # (a row in checkin_hub_closed is not trusted: only the organizer's signed
            # close, pulled like any other setting change, closes this file)
            if pull:
                with ef.read() as conn:
                    was_closed = retention.is_closed(conn)
                self._pull(ef, clock, keys, hub_state, result)
                if not was_closed:
                    with ef.read() as conn:
                        result.merge.closed = merge.closed_info(conn)
            with ef.read() as conn:
                closed = retention.is_closed(conn)
            if closed:
                result.wiped = self._wipe_hub(ef, keys, me.event_id)
            if push:
                self._push(ef, clock, keys, hub_state, result)
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

    def _register_event(self, event_id: str, keys: Keys, hub_state: HubState) -> None:
        pg = self.pg
        with pg.transaction():
            pg.execute(
                "INSERT INTO checkin_hub_event (event_id, hub_id, key_check) VALUES (%s, %s, %s) "
                "ON CONFLICT (event_id) DO NOTHING",
                (event_id, os.urandom(16).hex(), keys.check()),
            )
            hub_id, key_check = pg.execute(
                "SELECT hub_id, key_check FROM checkin_hub_event WHERE event_id = %s", (event_id,)
            ).fetchone()
        if not hmac.compare_digest(key_check, keys.check()):
            raise HubWrongEvent(self.where)
        logs = [*state.synced_logs(), "+signed"]  # rows pushed before signing: again, signed
        if hub_id != hub_state.hub_id or logs != hub_state.logs:
            # A new (or reset) hub, or this app now knows more logs: start over; the
            # upserts make a repeated push harmless.
            hub_state.hub_id, hub_state.cursor, hub_state.pushed = hub_id, 0, {}
            hub_state.logs = logs

    def _wipe_hub(self, ef: EventFile, keys: Keys, event_id: str) -> int:
        """Rewrite the hub's rows of a closed event without personal fields.

        Each row is decrypted, wiped with the very SQL a station uses
        (``retention.LOG_WIPES``, run by this file's SQLite on a temporary table),
        serialized as a push would, and sealed again; only rows pushed since the last
        wipe (``checkin_hub_closed.wiped_pos``) are read. Returns rows rewritten.
        """
        pg = self.pg
        with ef.read() as rconn:
            signing = trust.own_signer(rconn)
        if signing is None:
            return 0
        logs = [name for name in state.synced_logs() if name in retention.LOG_WIPES]
        with pg.transaction():
            pg.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (event_id,))
            pg.execute(
                "INSERT INTO checkin_hub_closed (event_id) VALUES (%s) "
                "ON CONFLICT (event_id) DO NOTHING",
                (event_id,),
            )
            wiped_pos = pg.execute(
                "SELECT wiped_pos FROM checkin_hub_closed WHERE event_id = %s", (event_id,)
            ).fetchone()[0]
            top = pg.execute(
                "SELECT coalesce(max(pos), 0) FROM checkin_hub_row WHERE event_id = %s",
                (event_id,),
            ).fetchone()[0]
            updates: list[tuple[str, bytes, int]] = []
            for log_name in logs:
                rows = pg.execute(
                    "SELECT pos, station_id, seq, digest, payload FROM checkin_hub_row "
                    "WHERE event_id = %s AND log = %s AND pos > %s AND pos <= %s",
                    (event_id, log_name, wiped_pos, top),
                ).fetchall()
                if rows:
                    updates += _wiped_rows(ef.conn, keys, signing, event_id, log_name, rows)
            with pg.cursor() as cur:
                cur.executemany(
                    "UPDATE checkin_hub_row SET digest = %s, payload = %s WHERE pos = %s", updates
                )
            rewritten = len(updates)
            pg.execute(
                "UPDATE checkin_hub_closed SET wiped_pos = greatest(wiped_pos, %s) "
                "WHERE event_id = %s",
                (top, event_id),
            )
        if rewritten:
            log.info("rewrote %d hub rows without personal data", rewritten)
        return rewritten

    def _push(
        self, ef: EventFile, clock: Clock, keys: Keys, hub_state: HubState, result: HubResult
    ) -> None:
        trust.ensure_organizer_keys_in(ef)
        with ef.read() as conn:
            me = state.me(conn)
            if me.station_id in state.retired(conn):
                raise StationRetired(me.name)
            signing = trust.own_signer(conn)
            if signing is None:
                raise HubRefused(self.where, "this station has no signing key: provision it again")
            own_rows = me.stripped or me.role is Role.SCAN_ONLY
            vec = state.vector(conn)
            own_ids = state.own_station_ids(conn)  # a copied stripped file: its old rows too
            rows = _rows_to_push(
                conn, me, keys, signing, hub_state.pushed, vec, own_ids if own_rows else None
            )
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
        for first in range(0, len(rows), PUSH_BATCH):
            result.pushed += self._push_batch(ef, me.event_id, rows[first : first + PUSH_BATCH])
        for station_id, upto in vec.items():
            if own_rows and station_id not in own_ids:
                continue
            hub_state.pushed[station_id] = max(hub_state.pushed.get(station_id, 0), upto)
        with ef.write() as conn:
            hub_state.save(conn, self.url)
            if rows or result.pushed:
                state.set_local(conn, "hub_pushed_seq", me.seq)

    def _push_batch(self, ef: EventFile, event_id: str, batch: list[tuple[Any, ...]]) -> int:
        """One batch of rows in one hub transaction (in push order, under the event's
        lock); refused whole when a row clashes with a different one held. Rows added."""
        pg = self.pg
        with pg.transaction():
            pg.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (event_id,))
            pg.execute(
                "CREATE TEMP TABLE IF NOT EXISTS checkin_push (event_id text, log text, "
                "station_id text, seq bigint, hlc bigint, digest text, payload bytea, "
                "pushed_by text) ON COMMIT DELETE ROWS"
            )
            with pg.cursor().copy(
                "COPY checkin_push (event_id, log, station_id, seq, hlc, digest, payload, "
                "pushed_by) FROM STDIN"
            ) as copy:
                for row in batch:
                    copy.write_row(row)
            clash = pg.execute(
                "SELECT t.station_id FROM checkin_push t JOIN checkin_hub_row r ON "
                "r.event_id = t.event_id AND r.station_id = t.station_id AND r.seq = t.seq "
                "WHERE r.digest <> t.digest LIMIT 1"
            ).fetchone()
            if clash:
                with ef.read() as conn:
                    label = state.station_label(conn, clash[0])
                raise StationConflict(label, self.where)
            inserted = pg.execute(
                "INSERT INTO checkin_hub_row (event_id, log, station_id, seq, hlc, digest, "
                "payload, pushed_by) SELECT event_id, log, station_id, seq, hlc, digest, "
                "payload, pushed_by FROM checkin_push ORDER BY station_id, seq "
                "ON CONFLICT (event_id, station_id, seq) DO UPDATE SET payload = "
                "excluded.payload WHERE get_byte(checkin_hub_row.payload, 0) <> 2"
            ).rowcount
        return max(inserted, 0)

    def _pull(
        self, ef: EventFile, clock: Clock, keys: Keys, hub_state: HubState, result: HubResult
    ) -> None:
        with ef.read() as conn:
            me = state.me(conn)
        with ef.read() as conn:
            gone = state.retired(conn)
        check = _RowCheck(me, keys, lambda: self._signers(ef, me.event_id), gone, result)
        finished = False
        while not finished:
            # Fetch up to PULL_CHUNK rows over the network first, then merge them in one
            # short write transaction (scans at this kiosk wait only for the merge).
            pulled = _Pulled()
            cursor = hub_state.cursor
            fetched = 0
            while fetched < PULL_CHUNK:
                page = self.pg.execute(
                    "SELECT pos, log, station_id, seq, digest, payload FROM checkin_hub_row "
                    "WHERE event_id = %s AND pos > %s AND pushed_by <> %s ORDER BY pos LIMIT %s",
                    (me.event_id, cursor, me.instance_id, PULL_PAGE),
                ).fetchall()
                self.pg.commit()
                for _pos, log_name, station_id, seq, digest, payload in page:
                    check.take(pulled, log_name, station_id, seq, digest, payload)
                fetched += len(page)
                if page:
                    cursor = page[-1][0]
                if len(page) < PULL_PAGE:
                    finished = True
                    break
            if not fetched:
                break
            merged = self._merge_pulled(ef, clock, hub_state, pulled, cursor)
            result.pulled += fetched
            result.imported += merged.total
            result.merge.add(merged)

    def _merge_pulled(
        self, ef: EventFile, clock: Clock, hub_state: HubState, pulled: _Pulled, cursor: int
    ) -> merge.MergeResult:
        """One chunk's accepted rows merged in one write, with the pull cursor and how
        far each station's rows are known to be on the hub."""
        with ef.write() as conn:
            for log_name, items in pulled.by_log.items():
                cols = merge.create_stage(conn, log_name)
                collist = ", ".join(quote(c) for c in cols)
                marks = ", ".join("?" for _ in cols)
                conn.executemany(
                    f"INSERT INTO {merge.staged(log_name)} ({collist}) VALUES ({marks})",
                    [tuple(item.get(c) for c in cols) for item in items],
                )
            conn.executemany(
                "INSERT OR REPLACE INTO row_sigs (station_id, seq, sig) VALUES (?, ?, ?)",
                pulled.sigs,
            )
            merged = merge.merge_staged(conn, clock.now_ms(), source=self.where)
            hub_state.cursor = cursor
            for station_id, seqs in pulled.seqs.items():
                mark = hub_state.pushed.get(station_id, 0)
                for seq in sorted(seqs):
                    if seq == mark + 1:
                        mark = seq
                hub_state.pushed[station_id] = mark
            hub_state.save(conn, self.url)
        return merged

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
                    (station_id, name or "?", number, role),
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
