"""Changing an event file's passphrase: encrypt, re-key or decrypt, crash-safe.

Every case (plain -> encrypted, encrypted -> other passphrase, encrypted -> plain) goes
the same way: the file is exported with ``sqlcipher_export`` into a new file next to
it, under the new key; the new file is opened and checked (integrity check, same
rows); it is synced to disk and only then renamed over the original, atomically. A
power cut or a crash at any point leaves either the old file or the new one, whole,
never half of each. (``PRAGMA rekey`` rewrites the pages of the only copy in place;
the export costs one extra copy on disk and buys that guarantee.)

The file must not be open elsewhere (close the event in the app first): a connection
still open on the old file would keep writing to it after the rename.

Sync is not affected: bundles and hub payloads are encrypted with a key derived from
the event's signing key (``checkin.sync.state.payload_key``), not from the passphrase,
so stations with another passphrase, or none, keep syncing.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

from checkin import errors
from checkin.db import leftovers
from checkin.db.eventfile import (
    DRIVER_ERRORS,
    HAVE_SQLCIPHER,
    open_event_file,
    translate,
)
from checkin.event.texts import EventTexts as T

log = logging.getLogger(__name__)


def _fsync(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _counts(conn: object) -> dict[str, int]:
    tables = [
        r[0]
        for r in conn.execute(  # type: ignore[attr-defined]
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        t: int(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0])  # type: ignore[attr-defined]
        for t in tables
    }


def change_passphrase(path: str | os.PathLike[str], old: str | None, new: str | None) -> bool:
    """Give the event file at ``path`` the passphrase ``new`` (None: no encryption).

    ``old`` is the current passphrase (None for a plain file). Returns whether the
    file is encrypted afterwards. Raises ``WrongPassphrase`` (nothing changed) for a
    wrong ``old``, ``InvalidInput`` for an empty ``new``.
    """
    p = Path(path)
    if new is not None and not new:
        raise errors.InvalidInput(T.new_passphrase_must_not_empty, field="passphrase")
    if not HAVE_SQLCIPHER:  # pragma: no cover - the dependency is always installed
        raise errors.EncryptionUnavailable()
    # Sync binds a station to where its file lives (the inode): the re-encrypted copy
    # replaces the file under a new inode, so it carries the binding over, else the next
    # sync would take it for a copied file and give the station a new identity.
    from checkin.sync import state as sync_state

    ef = open_event_file(p, old)  # checks the old passphrase, applies migrations
    bound_here = sync_state.get_local(ef.conn, "fingerprint") == sync_state.fingerprint(p)
    leftovers.remove_abandoned(p)  # copies of a change that was killed
    tmp = p.with_name(f".{p.name}.{os.urandom(4).hex()}{leftovers.SUFFIX}")
    held = None
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        held = leftovers.hold(tmp)  # in use: not cleaned up by another process
        try:
            conn = ef.conn
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            before = _counts(conn)
            conn.execute("ATTACH DATABASE ? AS rekeyed KEY ?", (str(tmp), new or ""))
            try:
                conn.execute("SELECT sqlcipher_export('rekeyed')")
            finally:
                conn.execute("DETACH DATABASE rekeyed")
        finally:
            ef.close()
        check = open_event_file(tmp, new)
        try:
            ok = check.conn.execute("PRAGMA integrity_check").fetchone()[0]
            same = _counts(check.conn) == before
        finally:
            check.close()
        if ok != "ok":
            raise errors.FileDamaged(str(p))
        if not same:  # written to while it was copied: another program has it open
            raise errors.ChangedWhileRekeying(str(p))
        if bound_here:  # os.replace keeps the copy's inode: bind the file to it now
            rebound = open_event_file(tmp, new)
            try:
                with rebound.write() as conn:
                    sync_state.set_local(conn, "fingerprint", sync_state.fingerprint(tmp))
            finally:
                rebound.close()
        _fsync(tmp)
        if Path(f"{p}-wal").exists():
            # Closing the last connection removes the WAL: someone else has it open.
            raise errors.DatabaseBusy()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{p}-shm")
        os.replace(tmp, p)
        _fsync(p.parent)
    except DRIVER_ERRORS as exc:
        raise (translate(exc, str(p)) or exc) from exc
    finally:
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{tmp}{suffix}")
        leftovers.release(held)
    log.info("event file passphrase changed (%s)", "encrypted" if new else "not encrypted")
    return new is not None
