"""A sync bundle as a file: its format's names, the checksum over its manifest and rows,
attaching it to the event file's connection, and writing it safely.

Shared by writing bundles (``bundle_export``) and reading them (``bundle``).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from checkin import errors
from checkin.db.eventfile import DRIVER_ERRORS, EventFile
from checkin.db.schema import MIGRATIONS
from checkin.sync.state import quote
from checkin.sync.texts import SyncTexts as T

FORMAT = "checkin-sync-bundle"
FORMAT_VERSION = 1
SUFFIX = ".ckbundle"
ALIAS = "sync_bundle"


def _raw_key(key: bytes | None) -> str:
    return "" if key is None else f"x'{key.hex()}'"


def _canonical(body: dict[str, Any]) -> str:
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def checksum(conn: Any, schema: str, body: dict[str, Any]) -> str:
    """SHA-256 over the manifest (without its checksum) and every row, canonically."""
    h = hashlib.sha256()
    h.update(
        _canonical({k: v for k, v in body.items() if k not in ("checksum", "signature")}).encode()
    )
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


def errors_for_write(exc: BaseException, out: Path) -> errors.CheckinError:
    text = str(exc).lower()
    if "full" in text:
        return errors.DiskFull()
    return errors.InvalidInput(T.bundle_write_error, field="out", out=out, reason=exc)
