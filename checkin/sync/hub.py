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
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

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


# --- payloads -------------------------------------------------------------------------


@dataclass(frozen=True)
class Keys:
    cipher: AESGCM | None
    mac: bytes

    @classmethod
    def for_file(cls, conn: Any) -> Keys:
        key = state.payload_key(conn, "hub")
        if key is None:
            event_id = conn.execute("SELECT event_id FROM event").fetchone()[0]
            return cls(None, hashlib.sha256(f"checkin hub plain|{event_id}".encode()).digest())
        return cls(AESGCM(key), hashlib.sha256(b"mac|" + key).digest())

    def check(self) -> str:
        return hmac.new(self.mac, b"checkin hub key check v1", hashlib.sha256).hexdigest()

    def digest(self, plain: bytes) -> str:
        return hmac.new(self.mac, plain, hashlib.sha256).hexdigest()[:40]

    def seal(self, aad: bytes, plain: bytes) -> bytes:
        if self.cipher is None:
            return b"\x00" + plain
        nonce = os.urandom(12)
        return b"\x01" + nonce + self.cipher.encrypt(nonce, plain, aad)

    def open(self, aad: bytes, payload: bytes) -> bytes:
        if payload[:1] == b"\x00":
            return payload[1:]
        if self.cipher is None:
            raise ValueError("encrypted payload, no key")
        return self.cipher.decrypt(payload[1:13], payload[13:], aad)


def _aad(event_id: str, log_name: str, station_id: str, seq: int) -> bytes:
    return f"{event_id}|{log_name}|{station_id}|{seq}".encode()


# --- signed rows ----------------------------------------------------------------------
#
# Every row on the hub is signed by the station that pushed it (its certified key, see
# checkin.sync.trust) over the row's place and digest; a setting change also carries
# the organizer's signature of the row itself. The envelope: b"\x02", two bytes of
# header length, the header (JSON: signer station, signature, setting signature) and
# the sealed payload. Rows whose signature, certificate or role does not hold are
# skipped and counted (``HubResult.refused``): write access to the database alone
# cannot inject a row, close the event or wipe anything.

SIGNED = b"\x02"


def _row_message(aad: bytes, digest: str) -> bytes:
    return trust.HUB_CONTEXT + aad + b"|" + digest.encode()


def _envelope(key: Any, signer_id: str, aad: bytes, digest: str, sealed: bytes,
              setting_sig: bytes | None) -> bytes:  # fmt: skip
    header: dict[str, str] = {"by": signer_id, "sig": key.sign(_row_message(aad, digest)).hex()}
    if setting_sig:
        header["ss"] = bytes(setting_sig).hex()
    raw = json.dumps(header, separators=(",", ":")).encode()
    return SIGNED + len(raw).to_bytes(2, "big") + raw + sealed


def _unwrap(payload: bytes) -> tuple[dict[str, Any], bytes] | None:
    if payload[:1] != SIGNED or len(payload) < 3:
        return None
    size = int.from_bytes(payload[1:3], "big")
    try:
        header = json.loads(payload[3 : 3 + size])
    except ValueError:
        return None
    if not isinstance(header, dict):
        return None
    return header, payload[3 + size :]


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
        conn = ef.conn
        with ef.read() as rconn:
            signing = trust.own_signer(rconn)
        if signing is None:
            return 0
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
                if not rows:
                    continue
                decls = state.log_declarations(conn, log_name)
                cols = [name for name, _ in decls]
                conn.execute("DROP TABLE IF EXISTS temp.checkin_hub_wipe")
                coldefs = ", ".join(f"{quote(n)} {d}" for n, d in decls)
                conn.execute(f"CREATE TEMP TABLE checkin_hub_wipe (_pos INTEGER, {coldefs})")
                staged = []
                digests = {}
                for pos, station_id, seq, digest, payload in rows:
                    opened = _unwrap(bytes(payload))
                    if opened is None:
                        continue  # not signed: no station takes it anyway
                    try:
                        plain = keys.open(_aad(event_id, log_name, station_id, seq), opened[1])
                    except Exception:
                        continue  # altered on the server: no station takes it anyway
                    item = json.loads(plain)
                    staged.append((pos, *(item.get(c) for c in cols)))
                    digests[pos] = (digest, station_id, seq)
                marks = ", ".join("?" for _ in range(len(cols) + 1))
                conn.executemany(f"INSERT INTO temp.checkin_hub_wipe VALUES ({marks})", staged)
                retention.wipe_log_table(conn, log_name, "temp.checkin_hub_wipe")
                ordered = sorted(cols)
                for pos, text in conn.execute(
                    f"SELECT _pos, json_object({_pairs(ordered)}) FROM temp.checkin_hub_wipe"
                ).fetchall():
                    plain_new = text.encode()
                    old_digest, station_id, seq = digests[pos]
                    new_digest = keys.digest(plain_new)
                    if new_digest != old_digest:
                        aad = _aad(event_id, log_name, station_id, seq)
                        sealed = _envelope(signing[0], signing[1]["station_id"], aad, new_digest,
                                           keys.seal(aad, plain_new), None)  # fmt: skip
                        updates.append((new_digest, sealed, pos))
                conn.execute("DROP TABLE IF EXISTS temp.checkin_hub_wipe")
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
            signer_id = signing[1]["station_id"]
            own_rows = me.stripped or me.role is Role.SCAN_ONLY
            setting_sigs = {
                (sid, int(seq)): bytes(sig)
                for sid, seq, sig in conn.execute("SELECT station_id, seq, sig FROM row_sigs")
            }
            vec = state.vector(conn)
            own_ids = state.own_station_ids(conn)  # a copied stripped file: its old rows too
            rows: list[tuple[Any, ...]] = []
            for table in state.synced_logs():
                cols = sorted(state.log_columns(conn, table))
                for station_id, upto in sorted(vec.items()):
                    if own_rows and station_id not in own_ids:
                        continue
                    start = hub_state.pushed.get(station_id, 0)
                    if upto <= start:
                        continue
                    for station, seq, hlc, text in conn.execute(
                        f"SELECT station_id, seq, hlc, json_object({_pairs(cols)}) FROM "
                        f"{quote(table)} WHERE station_id = ? AND seq > ? ORDER BY seq",
                        (station_id, start),
                    ):
                        plain = text.encode()
                        aad = _aad(me.event_id, table, station, seq)
                        digest = keys.digest(plain)
                        payload = _envelope(
                            signing[0], signer_id, aad, digest, keys.seal(aad, plain),
                            setting_sigs.get((station, seq)) if table == "changes" else None,
                        )  # fmt: skip
                        rows.append(
                            (me.event_id, table, station, seq, hlc, digest, payload,
                             me.instance_id)
                        )  # fmt: skip
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
            batch = rows[first : first + PUSH_BATCH]
            with pg.transaction():
                pg.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", (me.event_id,))
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
        self, ef: EventFile, clock: Clock, keys: Keys, hub_state: HubState, result: HubResult
    ) -> None:
        with ef.read() as conn:
            me = state.me(conn)
        signers = self._signers(ef, me.event_id)
        with ef.read() as conn:
            gone = state.retired(conn)
        asked: set[str] = set()
        known = set(state.synced_logs())
        finished = False
        while not finished:
            # Fetch up to PULL_CHUNK rows over the network first, then merge them in one
            # short write transaction (scans at this kiosk wait only for the merge).
            by_log: dict[str, list[dict[str, Any]]] = defaultdict(list)
            pulled_seqs: dict[str, list[int]] = defaultdict(list)
            new_sigs: list[tuple[str, int, bytes]] = []
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
                    if log_name not in known:
                        continue  # a log of a newer version; the cursor reset brings it later
                    aad = _aad(me.event_id, log_name, station_id, seq)
                    opened = _unwrap(bytes(payload))
                    by = str(opened[0].get("by")) if opened else ""
                    if opened and by not in signers and by not in asked:
                        asked.add(by)  # its certificate reached the hub after we looked
                        signers = self._signers(ef, me.event_id)
                    signer = signers.get(by) if opened else None
                    if opened is None or signer is None or not _signed(signer, opened[0], aad,
                                                                       digest):  # fmt: skip
                        result.refused += 1
                        continue
                    try:
                        plain = keys.open(aad, opened[1])
                        item = json.loads(plain)
                    except Exception:  # altered on the server (the event key was checked)
                        result.refused += 1
                        continue
                    if not hmac.compare_digest(keys.digest(plain), digest):
                        result.refused += 1
                        continue
                    upto = gone.get(signer.station_id)
                    if upto is not None and (station_id != signer.station_id or seq > upto):
                        result.refused += 1  # a retired key: only its own rows from before
                        continue
                    if not isinstance(item, dict) or not _allowed(
                        signer, signers, log_name, station_id, item, opened[0], me.event_id
                    ):
                        result.refused += 1
                        continue
                    if item.get("station_id") != station_id or item.get("seq") != seq:
                        result.refused += 1
                        continue
                    by_log[log_name].append(item)
                    settings_sig = opened[0].get("ss")
                    if log_name == "changes" and settings_sig:
                        new_sigs.append((station_id, seq, bytes.fromhex(settings_sig)))
                    pulled_seqs[station_id].append(seq)
                fetched += len(page)
                if page:
                    cursor = page[-1][0]
                if len(page) < PULL_PAGE:
                    finished = True
                    break
            if not fetched:
                break
            with ef.write() as conn:
                for log_name, items in by_log.items():
                    cols = merge.create_stage(conn, log_name)
                    collist = ", ".join(quote(c) for c in cols)
                    marks = ", ".join("?" for _ in cols)
                    conn.executemany(
                        f"INSERT INTO {merge.staged(log_name)} ({collist}) VALUES ({marks})",
                        [tuple(item.get(c) for c in cols) for item in items],
                    )
                conn.executemany(
                    "INSERT OR REPLACE INTO row_sigs (station_id, seq, sig) VALUES (?, ?, ?)",
                    new_sigs,
                )
                merged = merge.merge_staged(conn, clock.now_ms(), source=self.where)
                hub_state.cursor = cursor
                for station_id, seqs in pulled_seqs.items():
                    mark = hub_state.pushed.get(station_id, 0)
                    for seq in sorted(seqs):
                        if seq == mark + 1:
                            mark = seq
                    hub_state.pushed[station_id] = mark
                hub_state.save(conn, self.url)
            result.pulled += fetched
            result.imported += merged.total
            result.merge.add(merged)

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


def _signed(signer: trust.Signer, header: dict[str, Any], aad: bytes, digest: str) -> bool:
    try:
        sig = bytes.fromhex(str(header.get("sig", "")))
    except ValueError:
        return False
    return trust.verify(signer.public_key, sig, _row_message(aad, digest))


def _allowed(
    signer: trust.Signer, signers: dict[str, trust.Signer], log_name: str, station_id: str,
    item: dict[str, Any], header: dict[str, Any], event_id: str,
) -> bool:  # fmt: skip
    """What the row's signer may push (see ``checkin.sync.trust``)."""
    if signer.role is Role.SCAN_ONLY and (
        log_name not in trust.SCAN_ONLY_LOGS or station_id != signer.station_id
    ):
        return False
    if log_name != "changes":
        return True
    author = signers.get(station_id)
    if author is not None and author.role is Role.SCAN_ONLY:
        return False
    if item.get("entity") != "setting":
        return True
    root = next((s.public_key for s in signers.values() if s.role is Role.ORGANIZER), None)
    try:
        sig = bytes.fromhex(str(header.get("ss", "")))
    except ValueError:
        return False
    if root is None or not sig:
        return False
    return trust.verify(
        root, sig, trust.setting_message(event_id, station_id, int(item.get("seq") or 0),
                                         int(item.get("hlc") or 0), str(item.get("entity_id")),
                                         str(item.get("fields"))),
    )  # fmt: skip


def _pairs(cols: list[str]) -> str:
    return ", ".join(f"'{c}', {quote(c)}" for c in cols)


def sync_hub(
    ef: EventFile, url: str, clock: Clock, *, push: bool = True, pull: bool = True,
    timeout: float = CONNECT_TIMEOUT_S,
) -> HubResult:  # fmt: skip
    """Connect, pull what is new, push what the hub lacks, disconnect."""
    with Hub(url, timeout) as hub:
        return hub.sync(ef, clock, push=push, pull=pull)
