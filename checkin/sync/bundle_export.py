"""Writing a sync bundle: the rows its readers may lack, and a signed manifest.

The bundle is written to a temporary owner-only file beside the target, attached to
the event file's connection (encrypted with the event's bundle key when the event is),
filled in one read transaction, synced to disk and renamed into place, so a reader
never sees half a bundle. See ``checkin.sync.bundle`` for what a bundle holds.
"""

from __future__ import annotations

import contextlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checkin import errors
from checkin.clock import Clock
from checkin.db.eventfile import DRIVER_ERRORS, EventFile
from checkin.models import Role
from checkin.sync import keys, state, trust
from checkin.sync.bundle_file import (
    ALIAS,
    FORMAT,
    FORMAT_VERSION,
    _attach,
    _canonical,
    _detach,
    _fsync_dir,
    _raw_key,
    applied_schema,
    checksum,
    errors_for_write,
)
from checkin.sync.errors import BundleKeyMismatch, StationRetired
from checkin.sync.state import quote
from checkin.sync.texts import SyncTexts as T

log = logging.getLogger(__name__)


@dataclass
class ExportResult:
    path: Path
    rows: dict[str, int]
    encrypted: bool
    manifest: dict[str, Any]
    notice: state.IdentityNotice | None = None
    former_rows: int = 0  # rows written under an identity this file had before (a copy)

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
            "view": self.manifest.get("view", "full"),
            "former_rows": self.former_rows,
        }


def export_bundle(
    ef: EventFile,
    out: str | os.PathLike[str],
    clock: Clock,
    *,
    since: dict[str, int] | None = None,
    full: bool = False,
    peers: list[str] | None = None,
    kind: str = "export",
    view: keys.View | None = None,
) -> ExportResult:
    """Write a bundle to ``out`` (atomically). See the module docstring.

    ``since``: the receiver's version vector (send only what it lacks); else the rows
    above what all known peers (or ``peers``) hold; ``full``: everything. ``view``: for
    whom (default: full from the organizer and desks, bare from a scan-only kiosk).
    """
    now = clock.now_ms()
    notice = state.ensure_identity(ef, now)
    out = Path(out)
    _check_out_path(out)
    conn = ef.conn
    trust.ensure_organizer_keys_in(ef)
    me, view, key, signing = _sender(ef, out, view)
    if signing is None:
        # A station set up before signed sync: its bundle goes out unsigned; the organizer
        # takes only its own check-ins from it, and only when asked (``legacy_checkins``).
        log.warning("this station has no signing key: the bundle is unsigned")
    only_own_rows = me.stripped or me.role is Role.SCAN_ONLY
    schema = applied_schema(ef)
    tmp = _attach_new_bundle(conn, out, key)
    try:
        conn.execute(f"PRAGMA {ALIAS}.journal_mode = OFF")
        conn.execute(f"PRAGMA {ALIAS}.synchronous = OFF")
        conn.execute("BEGIN")
        me = state.me(conn)
        # a stripped station sends only rows it wrote itself: as itself and as what it
        # was before it was copied or moved (else a copied door's scans never arrive)
        own_ids = state.own_station_ids(conn)
        vec = state.vector(conn)
        if full:
            lower: dict[str, int] = {}
        elif since is not None:
            lower = {k: int(v) for k, v in since.items()}
        else:
            lower = state.lower_bound_for_peers(conn, peers)
        tables = _copy_logs(conn, lower, own_ids if only_own_rows else None, view)
        body = _manifest(conn, me, schema, now, vec, lower, own_ids, only_own_rows, tables)
        body["view"] = view.label
        body["certs"] = trust.known_certs(conn)
        if signing is not None:
            body["signer"] = signing[1]
        body["checksum"] = checksum(conn, ALIAS, body)
        if signing is not None:
            body["signature"] = trust.sign_body(signing[0], body)
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
    _publish(tmp, out)
    sent = sum(t["rows"] for t in tables.values())
    former_rows = _count_former(conn, own_ids[1:], lower)
    with ef.write() as wconn:
        state.set_local(wconn, "last_exported_seq", max(me.seq, _last_exported(wconn)))
        state.record_history(wconn, now, kind, True, sent=sent, detail=out.name)
    log.info("wrote a sync bundle with %d rows", sent)
    return ExportResult(
        out, {t: v["rows"] for t, v in tables.items()}, key is not None, body, notice,
        former_rows,
    )  # fmt: skip


def _sender(
    ef: EventFile, out: Path, asked: keys.View | None
) -> tuple[state.Me, keys.View, bytes | None, Any]:
    """Who writes the bundle, in which view, with which key (None: a plain event) and
    signing key (None: a station from before signed sync); a retired station writes none."""
    conn = ef.conn
    with ef.read():
        me = state.me(conn)
        if me.station_id in state.retired(conn):
            raise StationRetired(me.name)
        view = _export_view(conn, me, asked)
        key = keys.payload_key(conn, "bundle", view) if ef.encrypted else None
        if ef.encrypted and key is None:
            raise BundleKeyMismatch(str(out))
        return me, view, key, trust.own_signer(conn)


def _export_view(conn: Any, me: state.Me, asked: keys.View | None) -> keys.View:
    """The view a bundle is written in: asked for, or what this station sends."""
    if me.stripped or me.role is Role.SCAN_ONLY:
        # its own check-ins and audit rows: the same in every view, read by every station
        return keys.View.BARE if asked is None else min(asked, keys.View.BARE)
    held = keys.held_view(conn)
    view = held if asked is None else asked
    if view > held:
        raise errors.InvalidInput(
            T.cannot_write_view, field="view", view=view.label, held=held.label
        )
    return view


def _check_out_path(out: Path) -> None:
    if out.is_dir():
        raise errors.InvalidInput(T.bundle_out_is_folder, field="out", out=out)
    if not out.parent.is_dir():
        raise errors.InvalidInput(T.bundle_out_no_folder, field="out", out=out)


def _attach_new_bundle(conn: Any, out: Path, key: bytes | None) -> Path:
    """A new owner-only temporary file beside ``out``, attached as ``ALIAS``."""
    tmp = out.with_name(f".{out.name}.{os.urandom(4).hex()}.tmp")
    try:
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))  # owner-only
    except OSError as exc:
        raise errors_for_write(exc, out) from exc
    try:
        _attach(conn, str(tmp), _raw_key(key))
    except DRIVER_ERRORS as exc:
        raise (errors_for_write(exc, out)) from exc
    return tmp


def _copy_logs(
    conn: Any, lower: dict[str, int], own_ids: list[str] | None, view: keys.View
) -> dict[str, dict[str, Any]]:
    """Every synced log's rows above ``lower`` (only those of ``own_ids`` when given)
    copied into the bundle, the changes in ``view``; table -> its columns and row count."""
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
        only_own = ""
        params: tuple[str, ...] = ()
        if own_ids is not None:
            only_own = f" AND m.station_id IN ({', '.join('?' for _ in own_ids)})"
            params = tuple(own_ids)
        count = conn.execute(
            f"INSERT INTO {ALIAS}.{quote(table)} SELECT {collist} FROM main.{quote(table)} m "
            "WHERE m.seq > coalesce((SELECT l.seq FROM temp.sync_lower l WHERE "
            f"l.station_id = m.station_id), 0){only_own} ORDER BY m.station_id, m.seq",
            params,
        ).rowcount
        if table == "changes" and keys.apply_view(conn, f"{ALIAS}.{quote(table)}", view):
            count = conn.execute(f"SELECT count(*) FROM {ALIAS}.{quote(table)}").fetchone()[0]
        tables[table] = {"columns": cols, "rows": count}
    return tables


def _manifest(
    conn: Any,
    me: state.Me,
    schema: list[str],
    now: int,
    vec: dict[str, int],
    lower: dict[str, int],
    own_ids: list[str],
    only_own_rows: bool,
    tables: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    """The manifest's body, before its signer, checksum and signature."""
    return {
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
            "former": own_ids[1:],
        },
        "vector": vec,
        "ranges": {
            s: [lower.get(s, 0), v]
            for s, v in vec.items()
            if v > lower.get(s, 0) and (not only_own_rows or s in own_ids)
        },
        "tables": tables,
        "stations": state.station_list(conn),
        "peers": {} if me.stripped else state.peer_vectors(conn),
        "setting_sigs": trust.setting_sigs(conn, quote("changes"), ALIAS),
    }


def _publish(tmp: Path, out: Path) -> None:
    """The finished bundle synced to disk and renamed into place (with its folder)."""
    try:
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, out)
    except OSError as exc:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise errors.InvalidInput(
            T.bundle_write_failed, field="out", out=out, reason=exc.strerror
        ) from exc
    _fsync_dir(out.parent)


def _count_former(conn: Any, former: list[str], lower: dict[str, int]) -> int:
    """Rows sent that this file wrote under an identity it had before it was copied."""
    total = 0
    for station_id in former:
        for table in state.synced_logs():
            total += conn.execute(
                f"SELECT count(*) FROM main.{quote(table)} WHERE station_id = ? AND seq > ?",
                (station_id, lower.get(station_id, 0)),
            ).fetchone()[0]
    return total


def _last_exported(conn: Any) -> int:
    return int(state.get_local(conn, "last_exported_seq", 0) or 0)
