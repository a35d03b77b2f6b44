"""Opening the event file: one SQLite file per event, per station.

Every connection goes through :func:`open_event_file` (or :func:`create_event_file`):
WAL journal, foreign keys on, ``synchronous=FULL`` so a committed scan survives a
power cut, a busy timeout, and optional SQLCipher encryption with a passphrase.

The SQLite driver is ``sqlcipher3`` when installed (always, with the project's
dependencies); it reads plain and encrypted files alike. Without it the standard
``sqlite3`` is used and encrypted files are refused with a clear message.

Opening never creates a file by accident: a missing path is an error unless
``create_event_file`` is asked for, and a wrong passphrase is reported as such with
the file untouched.
"""

from __future__ import annotations

import collections
import contextlib
import functools
import logging
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlite_utils import Database

import checkin
from checkin import errors
from checkin.db import leftovers
from checkin.db.schema import MIGRATIONS, build, known_migrations, shape
from checkin.db.texts import StorageTexts as T

log = logging.getLogger(__name__)

try:  # pragma: no cover - depends on the platform's wheel
    import sqlcipher3 as _driver

    HAVE_SQLCIPHER = True
except ImportError:  # pragma: no cover
    _driver = sqlite3
    HAVE_SQLCIPHER = False

DRIVER_ERRORS: tuple[type[BaseException], ...] = (_driver.Error, sqlite3.Error)
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


def translate(exc: BaseException, path: str = "") -> errors.CheckinError | None:
    """The person-facing error for a driver error, or None if it is a bug."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return errors.DatabaseBusy()
    if "disk is full" in text or "database or disk is full" in text:
        return errors.DiskFull()
    if "readonly" in text or "read-only" in text:
        return errors.ReadOnlyFile()
    if (
        "malformed" in text
        or "not a database" in text
        or "disk i/o error" in text
        or (
            "could not decode to utf-8" in text  # a flipped bit inside a text value
        )
    ):
        return errors.FileDamaged(path)
    return None


def _corrupt(exc: BaseException) -> bool:
    """A driver error that says the file is damaged, not that the key is wrong: SQLCipher
    says "not a database" when the first page does not decrypt, "malformed" when it
    did and the damage is further in."""
    name = str(getattr(exc, "sqlite_errorname", ""))
    return name.startswith("SQLITE_CORRUPT") or "malformed" in str(exc).lower()


_PROBE_ERRORS: tuple[type[BaseException], ...] = (*DRIVER_ERRORS, OSError, TypeError, ValueError)


def _key_opens_some_page(conn: Any, path: Path) -> bool:
    """Whether the key ``conn`` was given verifies any page of the file: then the
    passphrase is right and the file is damaged (a wrong key fails on every page).
    Asked only once opening failed; SQLCipher checks each page's HMAC (about 20 µs a
    page, 0.3 s for a 60 MB event). A file cut short (its size no whole number of
    pages) is damaged whatever the key: SQLCipher writes whole pages only."""
    try:
        page = int(conn.execute("PRAGMA cipher_page_size").fetchone()[0])
        size = path.stat().st_size
        if size % page:
            return True
        pages = size // page
        failed = conn.execute("PRAGMA cipher_integrity_check").fetchall()
    except _PROBE_ERRORS:
        return False
    hmac_failures = sum(1 for (text,) in failed if "hmac" in str(text).lower())
    return pages >= 2 and hmac_failures < pages


class EventFile:
    """An open event file. Pass it in to whatever needs the database."""

    def __init__(self, path: Path, conn: Any, encrypted: bool) -> None:
        self.path = path
        self.conn = conn
        self.encrypted = encrypted
        self.db = Database(conn, execute_plugins=False)

    # -- transactions ---------------------------------------------------------------

    @contextlib.contextmanager
    def write(self) -> Iterator[Any]:
        """A write transaction (BEGIN IMMEDIATE ... COMMIT), durable when it returns.

        Driver errors a person can act on (disk full, locked, read-only) are raised as
        ``CheckinError``; the transaction is rolled back and nothing is changed.
        """
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except DRIVER_ERRORS as exc:
            raise (translate(exc, str(self.path)) or exc) from exc
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                with contextlib.suppress(*DRIVER_ERRORS):
                    conn.execute("ROLLBACK")
            if isinstance(exc, DRIVER_ERRORS):
                friendly = translate(exc, str(self.path))
                if friendly is not None:
                    raise friendly from exc
            raise

    @contextlib.contextmanager
    def read(self) -> Iterator[Any]:
        """A consistent snapshot for several reads."""
        conn = self.conn
        if conn.in_transaction:
            yield conn
            return
        conn.execute("BEGIN")
        try:
            yield conn
        finally:
            if conn.in_transaction:
                conn.execute("COMMIT")

    def execute(self, sql: str, params: Any = ()) -> Any:
        try:
            return self.conn.execute(sql, params)
        except DRIVER_ERRORS as exc:
            friendly = translate(exc, str(self.path))
            if friendly is not None:
                raise friendly from exc
            raise

    def named(self, sql: str, params: Any = ()) -> Any:
        """``execute`` with rows read by column name (``row.reg_no``); see ``named``."""
        try:
            return named(self.conn, sql, params)
        except DRIVER_ERRORS as exc:
            friendly = translate(exc, str(self.path))
            if friendly is not None:
                raise friendly from exc
            raise

    def close(self) -> None:
        with contextlib.suppress(*DRIVER_ERRORS):
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            self.conn.close()

    def __enter__(self) -> EventFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<EventFile {self.path.name}{' encrypted' if self.encrypted else ''}>"


def named(conn: Any, sql: str, params: Any = ()) -> Any:
    """``conn.execute(sql, params)`` whose rows are read by the column names the query
    gives: ``row.reg_no`` (positions, unpacking and comparing with tuples still work).

    The rows are named tuples made for the query's columns (give an expression a name
    with ``AS``; an unnamed one is ``_1``, ``_2`` ... by position). A cursor of its own:
    the connection's other queries keep their plain tuples, the fastest for the scan's
    hot path. Reading a named row costs about as much as reading a plain one.
    """
    cursor = conn.cursor()
    cursor.execute(sql, params)
    if cursor.description is not None:
        make = _row_class(tuple(d[0] for d in cursor.description))._make
        cursor.row_factory = lambda _cursor, values: make(values)
    return cursor


def columns(cursor: Any) -> dict[str, int]:
    """Column name -> position in an executed cursor's rows: for reading many plain rows
    by name at no cost per row (``operator.itemgetter(*(cols[n] for n in names))``)."""
    return {d[0]: i for i, d in enumerate(cursor.description or ())}


@functools.lru_cache(maxsize=256)
def _row_class(columns: tuple[str, ...]) -> Any:
    return collections.namedtuple("Row", columns, rename=True)


def _quote(passphrase: str) -> str:
    return "'" + passphrase.replace("'", "''") + "'"


def _connect(path: Path, passphrase: str | None, create: bool) -> Any:
    mode = "rwc" if create else "rw"
    uri = f"{path.resolve().as_uri()}?mode={mode}"
    conn = _driver.connect(uri, uri=True, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    if passphrase is not None:
        # SQLCipher otherwise prints decryption failures (a wrong passphrase) to
        # stderr; we report them ourselves.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = {_quote(passphrase)}")
    return conn


def _looks_plain(path: Path) -> bool | None:
    """True for a plain SQLite file, False for anything else, None for empty.

    Asked of SQLite itself, never with ``open()``: on POSIX, closing *any* descriptor
    of a file releases every lock the process holds on it. Reading the header while
    this process already has a connection on the file (a sync worker, the app
    reopening after a re-key) would leave the running app holding no lock, and then
    any other SQLite client (an organizer's ``sqlite3``, a backup tool) could
    checkpoint and delete the ``-wal``/``-shm`` under it (SQLite's "How To Corrupt",
    2.2). SQLite's own unix layer knows the locks its connections hold on a file and
    keeps descriptors open until they are released, so a short-lived connection of the
    same driver is safe (a second SQLite library in the process would not be: hence
    ``_driver``, the one every connection uses).
    """
    if path.stat().st_size == 0:
        return None
    try:
        probe = _connect(path, None, create=False)
    except DRIVER_ERRORS as exc:
        raise (translate(exc, str(path)) or errors.NotAnEventFile(str(path))) from exc
    try:
        probe.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DRIVER_ERRORS as exc:
        name = getattr(exc, "sqlite_errorname", "")
        if name == "SQLITE_NOTADB" or "not a database" in str(exc).lower():
            if _wiped_plain_header(_first_bytes(path, PROBE_PAGES * PROBE_PAGE) or b""):
                raise errors.FileDamaged(str(path)) from exc
            return False  # encrypted, or not SQLite at all: the header is not SQLite's
        if name.startswith("SQLITE_CORRUPT") or "malformed" in str(exc).lower():
            return True  # SQLite's header, damaged further in: opening says so
        if _reads_without_writing(path, None):  # a plain file on a read-only medium
            raise errors.ReadOnlyMedium(str(path), False) from exc
        raise (translate(exc, str(path)) or errors.NotAnEventFile(str(path))) from exc
    except UnicodeDecodeError as exc:  # SQLite's "malformed schema" naming a damaged name
        raise errors.FileDamaged(str(path)) from exc
    finally:
        probe.close()
    return True


PROBE_PAGE, PROBE_PAGES = 4096, 8


def _wiped_plain_header(head: bytes) -> bool:
    """Whether a file SQLite calls "not a database" is an event file whose first page
    was wiped or overwritten (a crash, a bad USB stick), not an encrypted one: no
    passphrase can open it, so it is "damaged", not "passphrase required".

    SQLCipher's first 16 bytes are a random salt and every page is ciphertext, where
    a zero byte comes once in 256. So: a zero salt, or a page after the first that is
    SQLite's b-tree page (see :func:`_btree_page`) and more than 5% zeros (page
    headers, small integers and free space; 205 zeros in 4096 random bytes do not
    happen) is plain SQLite behind a broken first page. Another program's file (a
    spreadsheet, a PDF) has no b-tree pages: it stays "not an event file"."""
    if len(head) >= 16 and head[:16] == bytes(16):
        return True
    pages = [head[i : i + PROBE_PAGE] for i in range(PROBE_PAGE, len(head), PROBE_PAGE)]
    return any(_btree_page(pg) and pg.count(0) > PROBE_PAGE // 20 for pg in pages)


def _btree_page(page: bytes) -> bool:
    """Whether ``page`` starts with a consistent SQLite b-tree page header (file
    format, 1.6): its kind, its cell pointers before its cell content, its free block
    and fragment counts in range."""
    if len(page) != PROBE_PAGE or page[0] not in (2, 5, 10, 13):
        return False
    header = 12 if page[0] in (2, 5) else 8
    cells = int.from_bytes(page[3:5], "big")
    content = int.from_bytes(page[5:7], "big") or 65536
    freeblock = int.from_bytes(page[1:3], "big")
    pointers_end = header + 2 * cells
    return (
        pointers_end <= content <= PROBE_PAGE
        and (freeblock == 0 or content <= freeblock < PROBE_PAGE)
        and page[7] <= 60
    )


def _first_bytes(path: Path, n: int) -> bytes | None:
    """The first ``n`` bytes of the file, read without closing a descriptor of it that
    would drop this process's locks (see :func:`_looks_plain`): through a descriptor a
    connection of this process already has on it if there is one (``pread``, nothing
    closed), else through a short-lived one of our own (no lock here to lose then).
    None where this process's descriptors cannot be listed."""
    try:
        target = path.stat()
    except OSError:
        return None
    if os.name != "nt":  # Windows has no POSIX record locks to lose
        listing = next((d for d in ("/proc/self/fd", "/dev/fd") if os.path.isdir(d)), None)
        if listing is None:
            return None
        for name in os.listdir(listing):
            with contextlib.suppress(OSError, ValueError):
                fd = int(name)
                found = os.fstat(fd)
                if (found.st_dev, found.st_ino) == (target.st_dev, target.st_ino):
                    return os.pread(fd, n, 0)
    try:
        with open(path, "rb") as fh:
            return fh.read(n)
    except OSError:
        return None


def is_encrypted(path: str | os.PathLike[str]) -> bool:
    """Whether the event file at ``path`` needs a passphrase (not plain SQLite).

    Safe while this process has the file open (see :func:`_looks_plain`).
    """
    p = Path(path)
    if not p.is_file():
        raise errors.EventFileNotFound(str(p))
    return _looks_plain(p) is False


def _reads_without_writing(path: Path, passphrase: str | None) -> bool:
    """Whether the file reads when nothing may be written (no -shm, no locks): then a
    failure to open it normally is the medium being read-only, not the passphrase."""
    if os.access(path.parent, os.W_OK) and os.access(path, os.W_OK) and not _immutable(path):
        return False
    try:
        conn = _driver.connect(
            f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True, isolation_level=None
        )
    except DRIVER_ERRORS:
        return False
    try:
        if passphrase is not None:
            conn.execute("PRAGMA cipher_log_level = NONE")
            conn.execute(f"PRAGMA key = {_quote(passphrase)}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return True
    except DRIVER_ERRORS:
        return False
    finally:
        conn.close()


def _immutable(path: Path) -> bool:
    """Whether the file or its folder refuses writing even to its owner (a read-only
    mount, an immutable flag): ``os.access`` says yes to root regardless."""
    for target in (path.parent, path):
        try:
            if os.statvfs(target).f_flag & os.ST_RDONLY:
                return True
        except (OSError, AttributeError):
            pass
    try:
        probe = path.parent / f".{path.name}.{os.urandom(4).hex()}.probe"
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        os.unlink(probe)
    except OSError:
        return True
    return False


def _configure(conn: Any) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":  # pragma: no cover - e.g. a read-only medium
        log.warning("event file not in WAL mode (%s)", mode)
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")


def open_event_file(path: str | os.PathLike[str], passphrase: str | None = None) -> EventFile:
    """Open an existing event file, applying pending migrations (after a backup)."""
    p = Path(path)
    if not p.is_file():
        raise errors.EventFileNotFound(str(p))
    leftovers.remove_abandoned(p)  # hidden copies of a killed passphrase change
    plain = _looks_plain(p)
    if plain is None:
        raise errors.NotAnEventFile(str(p))
    if plain is False and passphrase is None:
        # Encrypted, or not a database at all: both need the same answer from a
        # person, but say which when we can tell.
        if not HAVE_SQLCIPHER:
            raise errors.EncryptionUnavailable()
        raise errors.PassphraseRequired(str(p))
    if passphrase is not None and not HAVE_SQLCIPHER:
        raise errors.EncryptionUnavailable()
    if plain and passphrase is not None:
        # A passphrase for a file that is not encrypted: opening it keyed would
        # report "not a database"; say what is really going on and open it plainly.
        log.info("passphrase given for an unencrypted event file; ignoring it")
        passphrase = None
    try:
        conn = _connect(p, passphrase, create=False)
    except DRIVER_ERRORS as exc:
        raise (translate(exc, str(p)) or errors.NotAnEventFile(str(p))) from exc
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DRIVER_ERRORS as exc:
        key_fits = passphrase is not None and (_corrupt(exc) or _key_opens_some_page(conn, p))
        conn.close()
        if _reads_without_writing(p, passphrase):  # a read-only medium, not the passphrase
            raise errors.ReadOnlyMedium(str(p), passphrase is not None) from exc
        if passphrase is not None and not key_fits:
            raise errors.WrongPassphrase(str(p)) from exc
        # a SQLite header (checked above) but unreadable behind it: damaged
        raise (translate(exc, str(p)) or errors.FileDamaged(str(p))) from exc
    ef = EventFile(p, conn, encrypted=passphrase is not None)
    try:
        # Check the file is ours, and not from a newer version, before anything
        # writes to it (switching to WAL rewrites the header).
        _check_version(ef)
        _configure(conn)
        _migrate(ef)
        _check_shape(ef)
    except DRIVER_ERRORS as exc:  # a damaged page behind a readable first one, ...
        ef.close()
        raise (translate(exc, str(p)) or errors.FileDamaged(str(p))) from exc
    except UnicodeDecodeError as exc:  # schema text that is no longer UTF-8
        ef.close()
        raise errors.FileDamaged(str(p)) from exc
    except BaseException:
        ef.close()
        raise
    return ef


def create_event_file(path: str | os.PathLike[str], passphrase: str | None = None) -> EventFile:
    """Create a new, empty event file (schema only). Refuses to overwrite."""
    p = Path(path)
    if passphrase is not None and not HAVE_SQLCIPHER:
        raise errors.EncryptionUnavailable()
    if passphrase is not None and not passphrase:
        raise errors.InvalidInput(T.passphrase_must_not_empty, field="passphrase")
    try:
        # Owner-only permissions from the first byte; SQLite gives the -wal and
        # -shm files the same mode.
        fd = os.open(p, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise errors.EventFileExists(str(p)) from None
    except FileNotFoundError:
        raise errors.InvalidInput(T.folder_does_not_exist, field="path", p=p) from None
    os.close(fd)
    try:
        conn = _connect(p, passphrase, create=True)
        ef = EventFile(p, conn, encrypted=passphrase is not None)
        _configure(conn)
        MIGRATIONS.apply(ef.db)
    except BaseException:
        with contextlib.suppress(Exception):
            conn.close()
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{p}{suffix}")
        raise
    return ef


def _check_version(ef: EventFile) -> None:
    tables = {r[0] for r in ef.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "_sqlite_migrations" not in tables or "event" not in tables:
        raise errors.NotAnEventFile(str(ef.path))
    applied = [m.name for m in MIGRATIONS.applied(ef.db)]
    unknown = [name for name in applied if name not in known_migrations()]
    if unknown:
        made_by = "?"
        with contextlib.suppress(*DRIVER_ERRORS):
            made_by = ef.conn.execute("SELECT app_version FROM local").fetchone()[0]
        raise errors.NewerVersion(str(ef.path), made_by)


@functools.cache
def _expected_shape() -> dict[str, Any]:
    """The schema this version's migrations make: built once, in memory."""
    conn = _driver.connect(":memory:", isolation_level=None)
    try:
        build(Database(conn, execute_plugins=False))
        return shape(conn)
    finally:
        conn.close()


def _check_shape(ef: EventFile) -> None:
    """Every table, column, index and trigger of this version is there as made: a bit
    flipped in the schema's text (a column's name) reads fine but would fail some later
    query as "no such column", a bug to the app (exit 70) instead of a damaged file."""
    expected = _expected_shape()
    try:
        found = shape(ef.conn)  # what it has more is not compared (newer files are refused)
    except UnicodeDecodeError as exc:  # a flipped bit in a column's declared type, ...
        raise errors.FileDamaged(str(ef.path)) from exc
    wrong = sorted(key for key, value in expected.items() if found.get(key) != value)
    if wrong:
        log.warning("event file schema differs from this version's: %s", ", ".join(wrong[:5]))
        raise errors.FileDamaged(str(ef.path))


def _migrate(ef: EventFile) -> None:
    pending = MIGRATIONS.pending(ef.db)
    if not pending:
        return
    backup = ef.path.with_name(f"{ef.path.name}.before-{pending[0].name}.bak")
    # Through SQLite (VACUUM INTO, same key as the file), not a file copy: copying the
    # live file opens and closes a descriptor of it, which drops this process's locks
    # (see _looks_plain). The copy is owner-only from its first byte.
    with contextlib.suppress(FileNotFoundError):
        os.unlink(backup)
    os.close(os.open(backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    ef.conn.execute("VACUUM INTO ?", (str(backup),))
    log.info("migrating event file (%d steps); backup at %s", len(pending), backup.name)
    MIGRATIONS.apply(ef.db)
    ef.conn.execute("UPDATE local SET app_version = ?", (checkin.__version__,))
