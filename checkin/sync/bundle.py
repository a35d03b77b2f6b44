"""Sync bundles: one small SQLite file a station writes for others to import.

A bundle holds, for every log in ``SYNCED_LOGS``, the rows its readers may lack (the
rows above what every known peer is known to hold, or everything with ``full``), and a
manifest: format and version, event id, schema (applied migration names), sender
station and instance, version vector, per-station ranges, row counts, the stations it
knows, and a SHA-256 checksum over the manifest and the canonical rows.

It is written to a temporary file in the target folder and renamed into place, so a
reader never sees half a bundle. When the event file is encrypted, the bundle is too
(SQLCipher with a raw 256-bit key derived from the event's sync secret): a lost USB
stick leaks nothing.

Importing checks everything before it changes anything, and does all of it in one
transaction: a damaged, truncated, foreign (other event), newer-schema or retired
station's bundle is refused with a clear message and the file is left as it was.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checkin import errors
from checkin.clock import Clock
from checkin.db.eventfile import DRIVER_ERRORS, SQLITE_HEADER, EventFile
from checkin.db.schema import MIGRATIONS, known_migrations
from checkin.sync import merge, state
from checkin.sync.errors import (
    BundleDamaged,
    BundleFromRetired,
    BundleKeyMismatch,
    BundleNewerSchema,
    BundleWrongEvent,
    NotABundle,
    StationRetired,
)
from checkin.sync.state import quote

log = logging.getLogger(__name__)

FORMAT = "checkin-sync-bundle"
FORMAT_VERSION = 1
SUFFIX = ".ckbundle"
ALIAS = "sync_bundle"


@dataclass
class ExportResult:
    path: Path
    rows: dict[str, int]
    encrypted: bool
    manifest: dict[str, Any]
    notice: state.IdentityNotice | None = None

    @property
    def total(self) -> int:
        return sum(self.rows.values())

    def to_json(self) -> dict[str, Any]:
        return {
            "bundle": str(self.path),
            "rows": self.rows,
            "sent": self.total,
            "encrypted": self.encrypted,
            "station": self.manifest["sender"]["name"],
        }


@dataclass
class ImportResult:
    path: Path
    sender: dict[str, Any]
    merge: merge.MergeResult = field(default_factory=merge.MergeResult)
    notice: state.IdentityNotice | None = None

    @property
    def imported(self) -> int:
        return self.merge.total

    def to_json(self) -> dict[str, Any]:
        return {
            "bundle": str(self.path),
            "from": self.sender.get("name"),
            "from_station_id": self.sender.get("station_id"),
            **self.merge.to_json(),
        }


# --- helpers --------------------------------------------------------------------------


def _raw_key(key: bytes | None) -> str:
    return "" if key is None else f"x'{key.hex()}'"


def _canonical(body: dict[str, Any]) -> str:
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def checksum(conn: Any, schema: str, body: dict[str, Any]) -> str:
    """SHA-256 over the manifest (without its checksum) and every row, canonically."""
    h = hashlib.sha256()
    h.update(_canonical({k: v for k, v in body.items() if k != "checksum"}).encode())
    for table in sorted(body["tables"]):
        cols = sorted(body["tables"][table]["columns"])
        h.update(f"\n#{table}\n".encode())
        expr = ", ".join(quote(c) for c in cols)
        cur = conn.execute(
            f"SELECT json_array({expr}) FROM {schema}.{quote(table)} ORDER BY station_id, seq"
        )
        while True:
            chunk = cur.fetchmany(4096)
            if not chunk:
                break
            h.update("\n".join(r[0] for r in chunk).encode())
            h.update(b"\n")
    return h.hexdigest()


def _attach(conn: Any, uri: str, key: str) -> None:
    with contextlib.suppress(*DRIVER_ERRORS):
        conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"ATTACH DATABASE ? AS {ALIAS} KEY ?", (uri, key))


def _detach(conn: Any) -> None:
    if conn.in_transaction:
        with contextlib.suppress(*DRIVER_ERRORS):
            conn.execute("ROLLBACK")
    with contextlib.suppress(*DRIVER_ERRORS):
        conn.execute(f"DETACH DATABASE {ALIAS}")


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def applied_schema(ef: EventFile) -> list[str]:
    return [m.name for m in MIGRATIONS.applied(ef.db)]


# --- export ---------------------------------------------------------------------------


def export_bundle(
    ef: EventFile,
    out: str | os.PathLike[str],
    clock: Clock,
    *,
    since: dict[str, int] | None = None,
    full: bool = False,
    peers: list[str] | None = None,
    kind: str = "export",
) -> ExportResult:
    """Write a bundle to ``out`` (atomically). See the module docstring.

    ``since``: the receiver's version vector (send only what it lacks); else the rows
    above what all known peers (or ``peers``) hold; ``full``: everything.
    """
    now = clock.now_ms()
    notice = state.ensure_identity(ef, now)
    out = Path(out)
    if out.is_dir():
        raise errors.InvalidInput(
            f"{out} is a folder; give a file name for the bundle.",
            f"{out} 은(는) 폴더입니다. 동기화 파일 이름을 주세요.",
            "out",
        )
    if not out.parent.is_dir():
        raise errors.InvalidInput(
            f"The folder for {out} does not exist.", f"{out} 의 폴더가 없습니다.", "out"
        )
    conn = ef.conn
    with ef.read():
        me = state.me(conn)
        if me.station_id in state.retired(conn):
            raise StationRetired(me.name)
        key = state.payload_key(conn, "bundle") if ef.encrypted else None
    schema = applied_schema(ef)
    tmp = out.with_name(f".{out.name}.{os.urandom(4).hex()}.tmp")
    try:
        _attach(conn, str(tmp), _raw_key(key))
    except DRIVER_ERRORS as exc:
        raise (errors_for_write(exc, out)) from exc
    try:
        conn.execute(f"PRAGMA {ALIAS}.journal_mode = OFF")
        conn.execute(f"PRAGMA {ALIAS}.synchronous = OFF")
        conn.execute("BEGIN")
        me = state.me(conn)
        vec = state.vector(conn)
        if full:
            lower: dict[str, int] = {}
        elif since is not None:
            lower = {k: int(v) for k, v in since.items()}
        else:
            lower = state.lower_bound_for_peers(conn, peers)
        conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS sync_lower (station_id TEXT PRIMARY KEY, seq INTEGER)"
        )
        conn.execute("DELETE FROM temp.sync_lower")
        conn.executemany(
            "INSERT INTO temp.sync_lower VALUES (?, ?)", [(k, v) for k, v in lower.items()]
        )
        conn.execute(f"CREATE TABLE {ALIAS}.manifest (body TEXT NOT NULL)")
        tables: dict[str, dict[str, Any]] = {}
        for table in state.synced_logs():
            decls = state.log_declarations(conn, table)
            cols = [name for name, _ in decls]
            coldefs = ", ".join(f"{quote(n)} {d}" for n, d in decls)
            conn.execute(
                f"CREATE TABLE {ALIAS}.{quote(table)} ({coldefs}, PRIMARY KEY (station_id, seq)) "
                "WITHOUT ROWID"
            )
            collist = ", ".join(f"m.{quote(c)}" for c in cols)
            only_own = " AND m.station_id = ?" if me.stripped else ""
            params = (me.station_id,) if me.stripped else ()
            count = conn.execute(
                f"INSERT INTO {ALIAS}.{quote(table)} SELECT {collist} FROM main.{quote(table)} m "
                "WHERE m.seq > coalesce((SELECT l.seq FROM temp.sync_lower l WHERE "
                f"l.station_id = m.station_id), 0){only_own} ORDER BY m.station_id, m.seq",
                params,
            ).rowcount
            tables[table] = {"columns": cols, "rows": count}
        body: dict[str, Any] = {
            "format": FORMAT,
            "version": FORMAT_VERSION,
            "event_id": me.event_id,
            "schema": schema,
            "created_at": now,
            "sender": {
                "station_id": me.station_id,
                "name": me.name,
                "station_no": me.station_no,
                "role": me.role.value,
                "instance_id": me.instance_id,
                "stripped": me.stripped,
            },
            "vector": vec,
            "ranges": {
                s: [lower.get(s, 0), v]
                for s, v in vec.items()
                if v > lower.get(s, 0) and (not me.stripped or s == me.station_id)
            },
            "tables": tables,
            "stations": state.station_list(conn),
            "peers": {} if me.stripped else state.peer_vectors(conn),
        }
        body["checksum"] = checksum(conn, ALIAS, body)
        conn.execute(f"INSERT INTO {ALIAS}.manifest (body) VALUES (?)", (_canonical(body),))
        conn.execute("COMMIT")
    except BaseException as exc:
        _detach(conn)
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        if isinstance(exc, DRIVER_ERRORS):
            raise errors_for_write(exc, out) from exc
        raise
    _detach(conn)
    try:
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, out)
    except OSError as exc:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise errors.InvalidInput(
            f"Could not write the bundle {out}: {exc.strerror}.",
            f"동기화 파일 {out} 을(를) 쓸 수 없습니다: {exc.strerror}",
            "out",
        ) from exc
    _fsync_dir(out.parent)
    sent = sum(t["rows"] for t in tables.values())
    with ef.write() as wconn:
        state.set_local(wconn, "last_exported_seq", max(me.seq, _last_exported(wconn)))
        state.record_history(wconn, now, kind, True, sent=sent, detail=out.name)
    log.info("wrote a sync bundle with %d rows", sent)
    return ExportResult(
        out, {t: v["rows"] for t, v in tables.items()}, key is not None, body, notice
    )


def _last_exported(conn: Any) -> int:
    return int(state.get_local(conn, "last_exported_seq", 0) or 0)


def errors_for_write(exc: BaseException, out: Path) -> errors.CheckinError:
    text = str(exc).lower()
    if "full" in text:
        return errors.DiskFull()
    return errors.InvalidInput(
        f"Could not write the bundle {out} ({exc}).",
        f"동기화 파일 {out} 을(를) 쓸 수 없습니다 ({exc}).",
        "out",
    )


# --- reading --------------------------------------------------------------------------


def _open_attached(ef: EventFile, path: Path) -> None:
    """Attach a bundle read-only under ALIAS and check its manifest reads; else raise."""
    if not path.is_file():
        raise errors.InvalidInput(
            f"No bundle at {path}.", f"동기화 파일이 없습니다: {path}", "bundle"
        )
    with path.open("rb") as fh:
        head = fh.read(16)
    if len(head) < 16:
        raise BundleDamaged(str(path), "empty or truncated")
    encrypted = head != SQLITE_HEADER
    key = None
    if encrypted:
        with ef.read() as conn:
            key = state.payload_key(conn, "bundle")
        if key is None:
            raise BundleKeyMismatch(str(path))
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        _attach(ef.conn, uri, _raw_key(key))
        ef.conn.execute(f"SELECT count(*) FROM {ALIAS}.sqlite_master").fetchone()
    except DRIVER_ERRORS as exc:
        _detach(ef.conn)
        raise (BundleKeyMismatch(str(path)) if encrypted else BundleDamaged(str(path))) from exc


def _read_body(conn: Any, path: Path) -> dict[str, Any]:
    try:
        row = conn.execute(f"SELECT body FROM {ALIAS}.manifest").fetchone()
    except DRIVER_ERRORS as exc:
        text = str(exc).lower()
        if "no such table" in text:
            raise NotABundle(str(path)) from exc
        raise BundleDamaged(str(path), str(exc)) from exc
    if row is None:
        raise BundleDamaged(str(path), "no manifest")
    try:
        body = json.loads(row[0])
    except (TypeError, ValueError) as exc:
        raise BundleDamaged(str(path), "manifest") from exc
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise NotABundle(str(path))
    if int(body.get("version", 0)) > FORMAT_VERSION:
        raise BundleNewerSchema(str(path), f"bundle format {body.get('version')}")
    for key in ("event_id", "schema", "sender", "vector", "tables", "checksum"):
        if key not in body:
            raise BundleDamaged(str(path), f"manifest lacks {key}")
    return body


def read_manifest(ef: EventFile, path: str | os.PathLike[str]) -> dict[str, Any]:
    """The manifest of a bundle (checked to be readable and ours), without importing."""
    p = Path(path)
    _open_attached(ef, p)
    try:
        return _read_body(ef.conn, p)
    finally:
        _detach(ef.conn)


def _check_acceptable(conn: Any, body: dict[str, Any], path: Path, ours: str) -> None:
    if body["event_id"] != ours:
        raise BundleWrongEvent(str(path), str(body["event_id"]), ours)
    unknown = [name for name in body["schema"] if name not in known_migrations()]
    if unknown:
        raise BundleNewerSchema(str(path), ", ".join(unknown))
    sender = body["sender"]
    if sender.get("station_id") in state.retired(conn):
        raise BundleFromRetired(str(path), str(sender.get("name", "?")))
    for table in body["tables"]:
        if table not in state.synced_logs():
            raise BundleNewerSchema(str(path), table)


# --- import ---------------------------------------------------------------------------


def import_bundle(
    ef: EventFile, path: str | os.PathLike[str], clock: Clock, *, kind: str = "import"
) -> ImportResult:
    """Import one bundle: all of it in one transaction, or nothing."""
    p = Path(path)
    now = clock.now_ms()
    notice = state.ensure_identity(ef, now)
    conn = ef.conn
    _open_attached(ef, p)
    try:
        body = _read_body(conn, p)
        with ef.write():
            me = state.me(conn)
            _check_acceptable(conn, body, p, me.event_id)
            try:
                if checksum(conn, ALIAS, body) != body["checksum"]:
                    raise BundleDamaged(str(p), "checksum")
                for table, meta in body["tables"].items():
                    ours = merge.create_stage(conn, table)
                    theirs = [c for c in meta["columns"] if c in ours]
                    collist = ", ".join(quote(c) for c in theirs)
                    conn.execute(
                        f"INSERT INTO {merge.staged(table)} ({collist}) "
                        f"SELECT {collist} FROM {ALIAS}.{quote(table)}"
                    )
            except DRIVER_ERRORS as exc:
                raise BundleDamaged(str(p), str(exc)) from exc
            sender = body["sender"]
            ranges = {
                s: (int(r[0]), int(r[1]))
                for s, r in body.get("ranges", {}).items()
                if isinstance(r, list) and len(r) == 2
            }
            result = merge.merge_staged(
                conn,
                now,
                sender=sender.get("station_id"),
                sender_stripped=bool(sender.get("stripped")),
                ranges=ranges,
                source=p.name,
                stations=body.get("stations", []),
            )
            if sender.get("station_id") and sender.get("station_id") != me.station_id:
                state.note_peer(
                    conn, sender["station_id"], body["vector"], sender.get("instance_id", ""),
                    kind, now,
                )  # fmt: skip
                for peer, vec in (body.get("peers") or {}).items():
                    if peer != me.station_id and isinstance(vec, dict):
                        state.note_peer(conn, peer, vec, "", kind, now)
                conn.execute(
                    "UPDATE stations SET last_seen_at = ? WHERE station_id = ?",
                    (now, sender["station_id"]),
                )
            state.record_history(conn, now, kind, True, imported=result.total, detail=p.name)
    finally:
        _detach(conn)
    log.info("imported a sync bundle: %d new rows", result.total)
    return ImportResult(p, body["sender"], result, notice)


def import_bundles(
    ef: EventFile, paths: list[str | os.PathLike[str]], clock: Clock
) -> list[ImportResult | errors.CheckinError]:
    """Import several bundles, each on its own; a refused one does not stop the rest."""
    results: list[ImportResult | errors.CheckinError] = []
    for path in paths:
        try:
            results.append(import_bundle(ef, path, clock))
        except errors.CheckinError as exc:
            log.info("bundle refused: %s", exc.code)
            _record_failure(ef, clock, exc)
            results.append(exc)
    return results


def _record_failure(ef: EventFile, clock: Clock, exc: errors.CheckinError) -> None:
    with contextlib.suppress(errors.CheckinError, *DRIVER_ERRORS), ef.write() as conn:
        state.record_history(conn, clock.now_ms(), "import", False, detail=exc.code)
