"""Sync bundles: one small SQLite file a station writes for others to import.

A bundle holds, for every log in ``SYNCED_LOGS``, the rows its readers may lack (the
rows above what every known peer is known to hold, or everything with ``full``), and a
manifest: format and version, event id, schema (applied migration names), sender
station and instance, version vector, per-station ranges, row counts, the stations it
knows, and a SHA-256 checksum over the manifest and the canonical rows.

It is written to a temporary file in the target folder and renamed into place, so a
reader never sees half a bundle. When the event file is encrypted, the bundle is too
(SQLCipher with a raw 256-bit key): a lost USB stick leaks nothing.

A bundle is written in one **view** (:mod:`checkin.sync.keys`), named in its signed
manifest: ``full`` (every field; the key comes from the event's sync secret, which only
the organizer and desks hold), ``door`` or ``bare`` (the rows as a scan-only kiosk with
or without personal fields holds them, under the door or bare key). The organizer and
desks write full bundles, and door or bare ones for kiosks (``view``); a scan-only
kiosk writes only its own check-ins and audit rows, the same in every view, in the
bare view, which every station reads. A station that keeps more than a bundle's view
refuses it unless it comes from a scan-only kiosk (a stripped copy never stands in for
complete records).

Every bundle is signed by its station (Ed25519, certified by the organizer's key; see
:mod:`checkin.sync.trust`); an encrypted event accepts only encrypted bundles.

Importing checks everything before it changes anything, and does all of it in one
transaction: a damaged, truncated, foreign (other event), newer-schema, unsigned or
forged bundle, a retired station's, or one holding a change its author's role may not
make, is refused with a clear message and the file is left as it was.

This module reads and imports bundles and keeps the names callers use; writing one is
``bundle_export``, the file's format and checksum ``bundle_file``.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checkin import errors
from checkin.clock import Clock
from checkin.db.eventfile import DRIVER_ERRORS, SQLITE_HEADER, EventFile
from checkin.db.schema import known_migrations
from checkin.models import Role
from checkin.protect import retention
from checkin.sync import keys, limits, merge, state, trust
from checkin.sync.bundle_export import ExportResult, export_bundle
from checkin.sync.bundle_file import (
    ALIAS,
    FORMAT,
    FORMAT_VERSION,
    SUFFIX,
    _attach,
    _detach,
    _raw_key,
    applied_schema,
    checksum,
)
from checkin.sync.errors import (
    BundleDamaged,
    BundleForDoors,
    BundleFromRetired,
    BundleKeyMismatch,
    BundleNewerSchema,
    BundleUnsigned,
    BundleWrongEvent,
    ChangeNotAllowed,
    NotABundle,
)
from checkin.sync.state import quote
from checkin.sync.texts import SyncTexts as T

__all__ = [
    "ALIAS",
    "FORMAT",
    "FORMAT_VERSION",
    "SUFFIX",
    "ExportResult",
    "ImportResult",
    "applied_schema",
    "checksum",
    "export_bundle",
    "import_bundle",
    "import_bundles",
    "read_manifest",
]

log = logging.getLogger(__name__)


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


# --- reading --------------------------------------------------------------------------


def _open_attached(ef: EventFile, path: Path) -> keys.View | None:
    """Attach a bundle read-only under ALIAS and check its manifest reads; else raise.

    Returns the view whose key opened it (None: a plain bundle). Each key this file
    can derive is tried, the highest view first."""
    if not path.is_file():
        raise errors.InvalidInput(T.no_bundle, field="bundle", path=path)
    limits.check_bundle_size(path)  # before a byte is read
    with path.open("rb") as fh:
        head = fh.read(16)
    if len(head) < 16:
        raise BundleDamaged(str(path), "empty or truncated")
    encrypted = head != SQLITE_HEADER
    limits.check_plain_allowed(ef.encrypted, encrypted, str(path))
    uri = f"{path.resolve().as_uri()}?mode=ro"
    opened: keys.View | None = None
    if encrypted:
        with ef.read() as conn:
            candidates = [(v, keys.payload_key(conn, "bundle", v)) for v in keys.readable(conn)]
            door = keys.own_view(conn) not in (None, keys.View.FULL)
        for view, key in candidates:
            try:
                _attach(ef.conn, uri, _raw_key(key))
                ef.conn.execute(f"SELECT count(*) FROM {ALIAS}.sqlite_master").fetchone()
            except DRIVER_ERRORS:
                _detach(ef.conn)
                continue
            opened = view
            break
        if opened is None:
            raise BundleKeyMismatch(str(path), door=door)
    else:
        try:
            _attach(ef.conn, uri, "")
            ef.conn.execute(f"SELECT count(*) FROM {ALIAS}.sqlite_master").fetchone()
        except DRIVER_ERRORS as exc:
            _detach(ef.conn)
            raise BundleDamaged(str(path)) from exc
    try:
        limits.check_bundle_shape(ef.conn, ALIAS, str(path), state.synced_logs())
    except errors.CheckinError:
        _detach(ef.conn)
        raise
    return opened


def _read_body(conn: Any, path: Path) -> dict[str, Any]:
    try:
        text = limits.read_manifest_text(conn, ALIAS, str(path))
    except DRIVER_ERRORS as exc:
        text = str(exc).lower()
        if "no such table" in text:
            raise NotABundle(str(path)) from exc
        raise BundleDamaged(str(path), str(exc)) from exc
    if text is None:
        raise BundleDamaged(str(path), "no manifest")
    try:
        body = json.loads(text)
    except (TypeError, ValueError, RecursionError) as exc:
        raise BundleDamaged(str(path), "manifest") from exc
    if not isinstance(body, dict) or body.get("format") != FORMAT:
        raise NotABundle(str(path))
    if limits.format_version(body, str(path)) > FORMAT_VERSION:
        raise BundleNewerSchema(str(path), f"bundle format {body.get('version')}")
    return limits.validate_manifest(body, str(path))  # types and bounds of every key


def read_manifest(ef: EventFile, path: str | os.PathLike[str]) -> dict[str, Any]:
    """The manifest of a bundle (checked to be readable and ours), without importing."""
    p = Path(path)
    opened = _open_attached(ef, p)
    try:
        body = _read_body(ef.conn, p)
        _bundle_view(body, opened, p)
        return body
    finally:
        _detach(ef.conn)


def _bundle_view(body: dict[str, Any], opened: keys.View | None, path: Path) -> keys.View:
    """The view a bundle's (signed) manifest names; it must be the one its key opens.
    A bundle from before views is a full one."""
    try:
        view = keys.View.parse(body.get("view", "full"))
    except ValueError:
        raise BundleDamaged(str(path), "view") from None
    if opened is not None and view is not opened:
        raise BundleDamaged(str(path), "view")
    return view


def _check_view(conn: Any, view: keys.View, signer: trust.Signer, path: Path) -> None:
    """Refuse a bundle made for a lower view than this file keeps, unless a scan-only
    kiosk wrote it (its own check-ins and audit rows are the same in every view)."""
    if view >= keys.held_view(conn) or signer.role is Role.SCAN_ONLY:
        return
    raise BundleForDoors(str(path), view.label)


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


def _check_signed(
    conn: Any, body: dict[str, Any], path: Path, legacy: bool = False
) -> trust.Signer:
    """The bundle's signer, certified by the organizer and not retired; else refuse.

    Runs on the manifest alone, before a single row is read. ``legacy`` (the organizer,
    asked explicitly): an unsigned bundle of a station set up before signed sync is
    taken as if from a scan-only station: its own check-ins, nothing else.
    """
    if legacy and "signer" not in body and "signature" not in body:
        return _legacy_signer(conn, body, path)
    signer = trust.check_signer(conn, body.get("signer"))
    if signer is None:
        raise BundleUnsigned(str(path), "certificate")
    if not trust.body_signed_by(signer, body):
        raise BundleUnsigned(str(path), "signature")
    sender = body["sender"]
    if not isinstance(sender, dict) or not isinstance(sender.get("station_id"), str):
        raise BundleDamaged(str(path), "sender")
    if not trust.may_write_as(conn, signer, sender["station_id"]):
        raise BundleUnsigned(str(path), "station")
    gone = state.retired(conn)
    if signer.station_id in gone or sender["station_id"] in gone:
        raise BundleFromRetired(str(path), str(sender.get("name", "?")))
    return signer


def _legacy_signer(conn: Any, body: dict[str, Any], path: Path) -> trust.Signer:
    role = conn.execute("SELECT role FROM local").fetchone()[0]
    sender = body["sender"]
    sender_id = sender.get("station_id") if isinstance(sender, dict) else None
    if role != Role.ORGANIZER.value or not isinstance(sender_id, str):
        raise BundleUnsigned(str(path), "legacy")
    keyed = conn.execute("SELECT 1 FROM station_keys WHERE station_id = ?", (sender_id,))
    own = conn.execute("SELECT station_id FROM local").fetchone()[0]
    if keyed.fetchone() or sender_id == own:
        raise BundleUnsigned(str(path), "legacy station")  # an id a key writes as
    if sender_id in state.retired(conn):
        raise BundleFromRetired(str(path), str(sender.get("name", "?")))
    return trust.Signer(sender_id, Role.SCAN_ONLY, b"")


def _own_ids(conn: Any, signer: trust.Signer, sender_id: str) -> set[str]:
    """The station ids a key writes as: its own and its copies' new identities."""
    ids = {signer.station_id, sender_id}
    ids.update(
        sid
        for (sid,) in conn.execute(
            "SELECT station_id FROM station_keys WHERE public_key = ?", (signer.public_key,)
        )
    )
    return ids


def _check_effects(
    conn: Any, index: int, body: dict[str, Any], path: Path, signer: trust.Signer,
    legacy: bool = False,
) -> None:  # fmt: skip
    """Refuse what the rows' authors may not do (see ``checkin.sync.trust``)."""
    sender_id = body["sender"]["station_id"]
    who = f"{body['sender'].get('name', '?')} ({signer.role.value})"
    if legacy and not signer.public_key:
        # unsigned, taken on the organizer's say-so: its own check-ins only, the rest
        # dropped (and the version vector not moved past what was dropped)
        for table in body["tables"]:
            src = f"temp.{_src(index, table)}"
            if table == "checkins":
                conn.execute(f"DELETE FROM {src} WHERE station_id != ?", (sender_id,))
            else:
                conn.execute(f"DELETE FROM {src}")
        body["ranges"] = {}
        return
    if signer.role is Role.SCAN_ONLY:
        own = _own_ids(conn, signer, sender_id)
        marks = ", ".join("?" for _ in own)
        for table in body["tables"]:
            src = f"temp.{_src(index, table)}"
            if table not in trust.SCAN_ONLY_LOGS:
                if conn.execute(f"SELECT 1 FROM {src} LIMIT 1").fetchone():
                    raise ChangeNotAllowed(str(path), table, who)
                continue
            if conn.execute(
                f"SELECT 1 FROM {src} WHERE station_id NOT IN ({marks}) LIMIT 1", tuple(own)
            ).fetchone():
                raise ChangeNotAllowed(str(path), f"{table} of other stations", who)
        body["ranges"] = {s: r for s, r in (body.get("ranges") or {}).items() if s in own}
    if "changes" not in body["tables"]:
        return
    src = f"temp.{_src(index, 'changes')}"
    scan_only = [s for s, r in trust.author_roles(conn).items() if r is Role.SCAN_ONLY]
    if scan_only:
        marks = ", ".join("?" for _ in scan_only)
        if conn.execute(
            f"SELECT 1 FROM {src} WHERE station_id IN ({marks}) LIMIT 1", tuple(scan_only)
        ).fetchone():
            raise ChangeNotAllowed(str(path), "changes written by a scan-only station", who)
    bad = trust.unsigned_settings(conn, src, body.get("setting_sigs") or {}, store=False)
    if bad:
        raise ChangeNotAllowed(str(path), "setting " + ", ".join(sorted(set(bad))[:5]), who)


# --- import ---------------------------------------------------------------------------


def import_bundle(
    ef: EventFile, path: str | os.PathLike[str], clock: Clock, *, kind: str = "import"
) -> ImportResult:
    """Import one bundle: all of it in one transaction, or nothing (then it raises)."""
    result = import_bundles(ef, [path], clock, kind=kind)[0]
    if isinstance(result, errors.CheckinError):
        raise result
    return result


def _src(index: int, table: str) -> str:
    return f"sync_src_{index}_{table}"


def _prepare(ef: EventFile, path: Path, index: int, legacy: bool = False) -> dict[str, Any]:
    """Read and verify a bundle and copy its rows to temporary tables (no lock on the file)."""
    conn = ef.conn
    opened = _open_attached(ef, path)
    try:
        body = _read_body(conn, path)
        view = _bundle_view(body, opened, path)
        with ef.read() as rconn:
            _check_acceptable(rconn, body, path, state.me(rconn).event_id)
            signer = _check_signed(rconn, body, path, legacy)
            _check_view(rconn, view, signer, path)
        limits.check_rows(conn, ALIAS, str(path), body["tables"])  # counts, longest values
        limits.check_lists(conn, ALIAS, str(path))
        conn.execute("BEGIN")
        try:
            if checksum(conn, ALIAS, body) != body["checksum"]:
                raise BundleDamaged(str(path), "checksum")
            if conn.execute(
                "SELECT 1 FROM sync_imported WHERE checksum = ?", (body["checksum"],)
            ).fetchone():
                # This very bundle was merged before: every row is held and was
                # compared then, so there is nothing to copy or compare again.
                body["_known"] = True
                conn.execute("COMMIT")
                return body
            for table, meta in body["tables"].items():
                ours = state.log_columns(conn, table)
                theirs = [c for c in meta["columns"] if c in ours]
                collist = ", ".join(quote(c) for c in theirs)
                conn.execute(f"DROP TABLE IF EXISTS temp.{_src(index, table)}")
                conn.execute(
                    f"CREATE TEMP TABLE {_src(index, table)} AS SELECT {collist} FROM "
                    f"{ALIAS}.{quote(table)}"
                )
            _check_effects(conn, index, body, path, signer, legacy)
            conn.execute("COMMIT")
        except DRIVER_ERRORS as exc:
            raise BundleDamaged(str(path), str(exc)) from exc
    finally:
        _detach(conn)
    return body


def import_bundles(
    ef: EventFile, paths: list[str | os.PathLike[str]] | list[Path], clock: Clock, *,
    kind: str = "import", legacy_checkins: bool = False,
) -> list[ImportResult | errors.CheckinError]:  # fmt: skip
    """Import bundles in one transaction; a refused one changes nothing and the rest go in.

    Each bundle is verified (checksum, event, schema, sender) before anything is
    written; the rows of all accepted bundles are merged one bundle after another
    (each inside a savepoint, so a conflict refuses only that bundle), and derived
    state is rebuilt once at the end.
    """
    now = clock.now_ms()
    notice = state.ensure_identity(ef, now)
    conn = ef.conn
    conn.execute("PRAGMA temp_store = MEMORY")
    results: list[ImportResult | errors.CheckinError | None] = [None] * len(paths)
    prepared: list[tuple[int, Path, dict[str, Any]]] = []
    try:
        for index, raw in enumerate(paths):
            source = Path(raw)
            try:
                prepared.append((index, source, _prepare(ef, source, index, legacy_checkins)))
            except errors.CheckinError as exc:
                results[index] = exc
            except limits.UNREADABLE as exc:  # a hostile file
                log.warning("bundle %s could not be read", source.name, exc_info=True)
                results[index] = limits.unreadable(source, exc)
        if prepared:
            with ef.write():
                _merge_all(conn, prepared, results, now, kind, legacy_checkins, notice)
    finally:
        for index, _path, body in prepared:
            if body.get("_known"):
                continue
            for table in body["tables"]:
                with contextlib.suppress(*DRIVER_ERRORS):
                    conn.execute(f"DROP TABLE IF EXISTS temp.{_src(index, table)}")
    retention.vacuum_if_needed(ef)  # a closed marker arrived: no wiped text left behind
    done: list[ImportResult | errors.CheckinError] = []
    for raw, item in zip(paths, results, strict=True):
        assert item is not None
        if isinstance(item, errors.CheckinError):
            log.info("bundle refused: %s", item.code)
            _record_failure(ef, clock, item, Path(raw).name)
        else:
            log.info("imported a sync bundle: %d new rows", item.imported)
        done.append(item)
    return done


def _merge_all(
    conn: Any,
    prepared: list[tuple[int, Path, dict[str, Any]]],
    results: list[ImportResult | errors.CheckinError | None],
    now: int,
    kind: str,
    legacy_checkins: bool,
    notice: state.IdentityNotice | None,
) -> None:
    """Inside the write: each prepared bundle merged in its own savepoint (a refused
    one rolled back alone), then derived state rebuilt once; ``results`` filled in."""
    was_closed = retention.closed_marker(conn) is not None
    total = merge.MergeResult()
    for index, path, body in prepared:
        if body.get("_known"):
            state.record_history(conn, now, kind, True, detail=f"{path.name} (unchanged)")
            held = sum(int(t.get("rows", 0)) for t in body["tables"].values())
            results[index] = ImportResult(
                path, body["sender"], merge.MergeResult(already_had=held), notice
            )
            continue
        conn.execute("SAVEPOINT sync_source")
        try:
            result = _merge_prepared(conn, index, path, body, now, kind, legacy_checkins)
        except errors.CheckinError as exc:
            conn.execute("ROLLBACK TO sync_source")
            conn.execute("RELEASE sync_source")
            merge.drop_stages(conn)
            results[index] = exc
            continue
        conn.execute("RELEASE sync_source")
        total.add(result)
        results[index] = ImportResult(path, body["sender"], result, notice)
    merge.rebuild(conn, total)
    closed = None if was_closed else merge.closed_info(conn)
    for item in results:
        if closed and isinstance(item, ImportResult) and item.merge.closed is not None:
            item.merge.closed = closed
            state.record_history(
                conn, now, kind, True,
                detail=f"event closed by {closed['station']} at {closed['at']}",
            )  # fmt: skip
        elif isinstance(item, ImportResult):
            item.merge.closed = None


def _merge_prepared(
    conn: Any, index: int, path: Path, body: dict[str, Any], now: int, kind: str,
    legacy: bool = False,
) -> merge.MergeResult:  # fmt: skip
    me = state.me(conn)
    _check_acceptable(conn, body, path, me.event_id)
    signer = _check_signed(conn, body, path, legacy)
    if signer.public_key:
        trust.remember_signer(
            conn, signer, str(body["signer"]["cert"]), body["sender"]["station_id"]
        )
    # the certificates it knows: a door learns every desk's key (badges name it)
    trust.learn_certs(conn, body.get("certs") or [])
    if "changes" in body["tables"]:
        # stores the (checked) organizer signatures of the setting changes that come in
        trust.unsigned_settings(
            conn, f"temp.{_src(index, 'changes')}", body.get("setting_sigs") or {}, store=True
        )
    for table in body["tables"]:
        ours = merge.create_stage(conn, table)
        theirs = [c for c in body["tables"][table]["columns"] if c in ours]
        collist = ", ".join(quote(c) for c in theirs)
        conn.execute(
            f"INSERT INTO {merge.staged(table)} ({collist}) SELECT {collist} "
            f"FROM temp.{_src(index, table)}"
        )
    sender = body["sender"]
    if "changes" in body["tables"] and retention.staged_marker(conn, merge.staged("changes")):
        result_closed: dict[str, Any] | None = {}  # filled in once settings are rebuilt
    else:
        result_closed = None
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
        sender_former=[str(s) for s in sender.get("former") or []],
        ranges=ranges,
        source=path.name,
        stations=body.get("stations", []),
        derive=False,
    )
    result.closed = result_closed
    me = state.me(conn)
    if sender.get("station_id") and sender.get("station_id") != me.station_id:
        state.note_peer(
            conn, sender["station_id"], body["vector"], sender.get("instance_id", ""), kind, now
        )
        for peer, vec in (body.get("peers") or {}).items():
            if peer != me.station_id and isinstance(vec, dict):
                state.note_peer(conn, peer, vec, "", kind, now)
        conn.execute(
            "UPDATE stations SET last_seen_at = ? WHERE station_id = ?",
            (now, sender["station_id"]),
        )
    state.record_history(conn, now, kind, True, imported=result.total, detail=path.name)
    sender_id = str(sender.get("station_id") or "")
    conn.execute(
        "INSERT OR IGNORE INTO sync_imported (checksum, sender, at_ms) VALUES (?, ?, ?)",
        (body["checksum"], sender_id, now),
    )
    conn.execute(
        "DELETE FROM sync_imported WHERE sender = ?1 AND checksum NOT IN (SELECT checksum "
        "FROM sync_imported WHERE sender = ?1 ORDER BY at_ms DESC LIMIT 50)",
        (sender_id,),
    )
    return result


def _record_failure(ef: EventFile, clock: Clock, exc: errors.CheckinError, name: str) -> None:
    with contextlib.suppress(errors.CheckinError, *DRIVER_ERRORS), ef.write() as conn:
        state.record_history(conn, clock.now_ms(), "import", False, detail=f"{exc.code} {name}")
