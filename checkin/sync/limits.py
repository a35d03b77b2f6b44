"""Bounds on what a sync bundle may hold, checked before anything big is read.

A bundle is a file from another machine: it may be damaged, hand-made or hostile. So
before a single row is copied, the reader checks, cheapest first:

1. :func:`check_bundle_size`: the file's size on disk (``stat``, nothing read);
2. :func:`check_bundle_shape`: the bundle's own schema (``sqlite_master``, a few pages):
   only plain tables with the names a bundle has (the manifest and the synced logs);
   no view, trigger, virtual table or generated column, which would compute data
   on reading (a tiny file that expands into gigabytes: the "zip bomb" of SQLite);
3. :func:`read_manifest_text`: the manifest's length, asked of SQLite, before its text
   is fetched and parsed;
4. :func:`validate_manifest`: every key the reader uses has the right type and a
   bounded size (names, lists, numbers), so a malformed manifest is a clear refusal,
   never an exception deep inside the merge;
5. :func:`check_rows`: per log, the row count (and that it is what the manifest says)
   and the longest value of each column, computed by SQLite (nothing is loaded).

Each refusal is a :class:`~checkin.sync.errors.BundleRejected` with a message in Korean
and English; the event file is not touched. The limits are generous for a real event
(tens of thousands of attendees, hundreds of stations) and module constants, so a test
can lower them.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from checkin.db.eventfile import DRIVER_ERRORS, named
from checkin.sync.errors import (
    BundleDamaged,
    BundleMalformed,
    BundleNotEncrypted,
    BundleTooLarge,
    NotABundle,
)
from checkin.sync.state import quote

MiB = 1024 * 1024

MAX_BUNDLE_BYTES = 512 * MiB  # measured: a full bundle of 30,000 attendees + 21,000 scans, 11 MB
MAX_MANIFEST_BYTES = 4 * MiB
MAX_ROWS_PER_LOG = 5_000_000
MAX_FIELD_BYTES = 1 * MiB  # any single value in a log row (a change's fields, a note)
MAX_NAME_CHARS = 200  # a station name, a role, ...
MAX_ID_CHARS = 128  # station ids, instance ids, event ids
MAX_STATIONS = 10_000
MAX_SCHEMA_STEPS = 10_000
MAX_COLUMNS = 200
MAX_SEQ = 2**62

# Columns of log rows bounded tighter than any field: (column -> characters).
NAME_COLUMNS = {"station_name": MAX_NAME_CHARS, "station_id": MAX_ID_CHARS}

MANIFEST_TABLE = "manifest"
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")


def _mb(n: int) -> str:
    return f"{n / MiB:.1f} MB"


def check_bundle_size(path: str | os.PathLike[str]) -> int:
    """The file's size, if it is within :data:`MAX_BUNDLE_BYTES`; else refuse."""
    size = Path(path).stat().st_size
    if size > MAX_BUNDLE_BYTES:
        raise BundleTooLarge(str(path), f"{_mb(size)} > {_mb(MAX_BUNDLE_BYTES)}")
    return size


def check_bundle_shape(conn: Any, schema: str, path: str, logs: tuple[str, ...]) -> None:
    """Only plain tables named like a bundle's; nothing that computes data when read."""
    try:
        entries = conn.execute(
            f"SELECT type, name, coalesce(sql, '') FROM {schema}.sqlite_master LIMIT 1000"
        ).fetchall()
    except DRIVER_ERRORS as exc:
        raise BundleDamaged(path, str(exc)) from exc
    allowed = {MANIFEST_TABLE, *logs}
    if not any(name == MANIFEST_TABLE for _, name, _ in entries):
        raise NotABundle(path)
    names = set()
    for kind, name, sql in entries:
        if kind == "index" and str(name).startswith("sqlite_autoindex_"):
            continue
        if kind != "table":
            raise BundleMalformed(path, f"{kind} {str(name)[:64]!r}")
        if name not in allowed and not _IDENT.match(str(name)):
            # another name may be a newer version's log: the manifest says (checked later)
            raise BundleMalformed(path, f"unknown list {str(name)[:64]!r}")
        if not str(sql).upper().startswith("CREATE TABLE"):
            raise BundleMalformed(path, f"{str(name)[:64]!r} is not a plain table")
        names.add(name)
    for name in names:
        try:
            cols = conn.execute(f"PRAGMA {schema}.table_xinfo({quote(name)})").fetchall()
        except DRIVER_ERRORS as exc:
            raise BundleDamaged(path, str(exc)) from exc
        if len(cols) > MAX_COLUMNS:
            raise BundleMalformed(path, f"{len(cols)} columns in {name}")
        if any(int(c[6]) != 0 for c in cols):  # hidden: generated (computed) columns
            raise BundleMalformed(path, f"computed column in {name}")


def read_manifest_text(conn: Any, schema: str, path: str) -> str | None:
    """The manifest's text (one row), its size asked of SQLite before it is fetched."""
    rows = conn.execute(
        f"SELECT length(CAST(body AS BLOB)), typeof(body) FROM {schema}.{MANIFEST_TABLE} LIMIT 2"
    ).fetchall()
    if not rows:
        return None
    if len(rows) > 1:
        raise BundleMalformed(path, "more than one manifest")
    size, kind = rows[0]
    if kind != "text":
        raise BundleMalformed(path, f"manifest is {kind}")
    if int(size) > MAX_MANIFEST_BYTES:
        raise BundleTooLarge(path, f"manifest {_mb(int(size))} > {_mb(MAX_MANIFEST_BYTES)}")
    row = conn.execute(f"SELECT body FROM {schema}.{MANIFEST_TABLE}").fetchone()
    return None if row is None else row[0]


# What reading a hostile file may raise beyond our own refusals: that file is refused.
UNREADABLE: tuple[type[BaseException], ...] = (MemoryError, RecursionError, *DRIVER_ERRORS)


def unreadable(path: Path, exc: BaseException) -> BundleMalformed:
    """The refusal for a file that failed in a way no bundle should (out of memory, ...)."""
    return BundleMalformed(str(path), type(exc).__name__)


def check_plain_allowed(event_encrypted: bool, bundle_encrypted: bool, path: str) -> None:
    """An encrypted event reads only encrypted bundles: a plain one is not its stations'."""
    if event_encrypted and not bundle_encrypted:
        raise BundleNotEncrypted(path)


# --- the manifest ---------------------------------------------------------------------


def format_version(body: dict[str, Any], path: str) -> int:
    """The manifest's format version (a whole number), else refuse."""
    return _Check(path).integer(body.get("version", 0), "version", 0, 10**6)


class _Check:
    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, what: str) -> BundleMalformed:
        return BundleMalformed(self.path, what)

    def text(self, value: Any, what: str, limit: int, *, empty: bool = True) -> str:
        if not isinstance(value, str):
            raise self.fail(f"{what} is not text")
        if len(value) > limit:
            raise BundleTooLarge(self.path, f"{what}: {len(value)} characters > {limit}")
        if not empty and not value:
            raise self.fail(f"{what} is empty")
        return value

    def integer(self, value: Any, what: str, low: int = 0, high: int = MAX_SEQ) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(f"{what} is not a whole number")
        if not low <= value <= high:
            raise self.fail(f"{what} out of range")
        return value

    def mapping(self, value: Any, what: str, limit: int = MAX_STATIONS) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(f"{what} is not a mapping")
        if len(value) > limit:
            raise BundleTooLarge(self.path, f"{what}: {len(value)} entries > {limit}")
        return value

    def sequence(self, value: Any, what: str, limit: int) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(f"{what} is not a list")
        if len(value) > limit:
            raise BundleTooLarge(self.path, f"{what}: {len(value)} entries > {limit}")
        return value

    def vector(self, value: Any, what: str) -> None:
        for sid, seq in self.mapping(value, what).items():
            self.text(sid, f"{what} station", MAX_ID_CHARS, empty=False)
            self.integer(seq, f"{what} sequence")


def validate_manifest(body: Any, path: str = "bundle") -> dict[str, Any]:
    """Check the manifest's shape: types and bounds of every key a reader uses.

    ``format`` and ``version`` are checked by the caller (not a bundle / newer format);
    keys it does not know are left alone (a newer writer may add some), their size is
    bounded by :data:`MAX_MANIFEST_BYTES`.
    """
    c = _Check(path)
    if not isinstance(body, dict):
        raise NotABundle(path)
    for key in ("event_id", "schema", "sender", "vector", "tables", "checksum"):
        if key not in body:
            raise BundleDamaged(path, f"manifest lacks {key}")
    c.text(body["event_id"], "event id", MAX_ID_CHARS, empty=False)
    for step in c.sequence(body["schema"], "schema", MAX_SCHEMA_STEPS):
        c.text(step, "schema step", MAX_NAME_CHARS)
    if "created_at" in body:
        c.integer(body["created_at"], "created_at")
    sender = c.mapping(body["sender"], "sender", 64)
    c.text(sender.get("station_id"), "sender station id", MAX_ID_CHARS, empty=False)
    c.text(sender.get("name", ""), "station name", MAX_NAME_CHARS)
    if sender.get("station_no") is not None:
        c.integer(sender["station_no"], "station number", 0, 10**9)
    for key in ("role", "instance_id"):
        if sender.get(key) is not None:
            c.text(sender[key], f"sender {key}", MAX_ID_CHARS)
    if not isinstance(sender.get("stripped", False), bool):
        raise c.fail("sender stripped is not true/false")
    for sid in c.sequence(sender.get("former", []), "former identities", 1000):
        c.text(sid, "former identity", MAX_ID_CHARS, empty=False)
    c.vector(body["vector"], "vector")
    for sid, pair in c.mapping(body.get("ranges", {}), "ranges").items():
        c.text(sid, "range station", MAX_ID_CHARS, empty=False)
        if not isinstance(pair, list) or len(pair) != 2:
            raise c.fail("a range is not [from, to]")
        c.integer(pair[0], "range start")
        c.integer(pair[1], "range end")
    for table, meta in c.mapping(body["tables"], "tables", 64).items():
        if not isinstance(table, str) or not _IDENT.match(table):
            raise c.fail("a list name is not a name")
        meta = c.mapping(meta, f"list {table}", 16)
        for col in c.sequence(meta.get("columns"), f"columns of {table}", MAX_COLUMNS):
            if not isinstance(col, str) or not _IDENT.match(col):
                raise c.fail(f"a column of {table} is not a name")
        c.integer(meta.get("rows"), f"rows of {table}", 0, MAX_ROWS_PER_LOG)
    for entry in c.sequence(body.get("stations", []), "stations", MAX_STATIONS):
        entry = c.mapping(entry, "a station", 64)
        c.text(entry.get("station_id"), "station id", MAX_ID_CHARS, empty=False)
        if entry.get("name") is not None:
            c.text(entry["name"], "station name", MAX_NAME_CHARS)
        if entry.get("station_no") is not None:
            c.integer(entry["station_no"], "station number", 0, 10**9)
        if entry.get("role") is not None:
            c.text(entry["role"], "station role", MAX_ID_CHARS)
    if "view" in body:
        c.text(body["view"], "view", MAX_ID_CHARS, empty=False)
    for entry in c.sequence(body.get("certs", []), "certificates", MAX_STATIONS):
        for key, value in c.mapping(entry, "a certificate", 16).items():
            c.text(value, f"certificate {key}", 512)
    peers = body.get("peers") or {}
    for sid, vec in c.mapping(peers, "peers").items():
        c.text(sid, "peer", MAX_ID_CHARS, empty=False)
        c.vector(vec, "peer vector")
    checksum = c.text(body["checksum"], "checksum", 128, empty=False)
    if not re.fullmatch(r"[0-9a-f]{64}", checksum):
        raise BundleDamaged(path, "checksum")
    return body


# --- the rows -------------------------------------------------------------------------


def check_rows(conn: Any, schema: str, path: str, tables: dict[str, Any]) -> None:
    """Row counts and the longest value per column, computed by SQLite; else refuse.

    ``tables``: the manifest's (already known to be logs this version has); a table in
    the file that the manifest does not list is an unknown list and refused.
    """
    try:
        present = {
            r[0]
            for r in conn.execute(f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table'")
        }
    except DRIVER_ERRORS as exc:
        raise BundleDamaged(path, str(exc)) from exc
    unlisted = sorted(present - set(tables) - {MANIFEST_TABLE})
    if unlisted:
        raise BundleMalformed(path, f"unknown list {unlisted[0][:64]!r}")
    for table, meta in tables.items():
        try:
            info = named(conn, f"PRAGMA {schema}.table_info({quote(table)})")
            cols = [col.name for col in info]
            if not cols:
                raise BundleDamaged(path, f"no list {table}")
            lengths = ", ".join(f"max(length(CAST({quote(c)} AS BLOB)))" for c in cols)
            row = conn.execute(
                f"SELECT count(*), {lengths} FROM {schema}.{quote(table)}"
            ).fetchone()
        except DRIVER_ERRORS as exc:
            raise BundleDamaged(path, str(exc)) from exc
        count = int(row[0])
        if count > MAX_ROWS_PER_LOG:
            raise BundleTooLarge(path, f"{table}: {count} rows > {MAX_ROWS_PER_LOG}")
        if count != int(meta["rows"]):
            raise BundleDamaged(path, f"{table}: {count} rows, manifest says {meta['rows']}")
        for col, longest in zip(cols, row[1:], strict=True):
            limit = min(MAX_FIELD_BYTES, 4 * NAME_COLUMNS.get(col, MAX_FIELD_BYTES))
            if longest is not None and int(longest) > limit:
                raise BundleTooLarge(path, f"{table}.{col}: {int(longest)} bytes > {limit}")


def _list_ids_sql(schema: str) -> str:
    return (
        f"SELECT json_extract(j.value, '$.id') FROM {schema}.changes ch, "
        "json_each(ch.fields, '$.value') j WHERE ch.entity = 'setting' AND "
        "ch.entity_id = 'lists' AND json_valid(ch.fields) AND "
        "json_type(ch.fields, '$.value') = 'array'"
    )


def check_lists(conn: Any, schema: str, path: str, default: tuple[str, ...] = ("main",)) -> None:
    """Every check-in's list is one the event has (or had), here or in the bundle."""
    try:
        row = conn.execute(
            f"SELECT list FROM {schema}.checkins WHERE list NOT IN "
            f"({', '.join('?' for _ in default)}) AND list NOT IN ({_list_ids_sql(schema)}) "
            f"AND list NOT IN ({_list_ids_sql('main')}) LIMIT 1",
            default,
        ).fetchone()
    except DRIVER_ERRORS as exc:
        raise BundleDamaged(path, str(exc)) from exc
    if row is not None:
        raise BundleMalformed(path, f"unknown check-in list {str(row[0])[:64]!r}")
