from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from checkin import errors
from checkin.db import eventfile
from checkin.db.schema import MIGRATIONS, run_script, statements
from checkin.event import identity as event
from checkin.people import attendees
from consents import everything


def _digest(path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def test_pragmas(ef) -> None:
    conn = ef.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_new_file_is_owner_only(ef) -> None:
    mode = stat.S_IMODE(os.stat(ef.path).st_mode)
    assert mode == 0o600


def test_open_missing_file_creates_nothing(tmp_path) -> None:
    path = tmp_path / "nope.db"
    with pytest.raises(errors.EventFileNotFound):
        eventfile.open_event_file(path)
    assert not path.exists()


def test_create_refuses_to_overwrite(ef, clock) -> None:
    before = _digest(ef.path)
    with pytest.raises(errors.EventFileExists):
        event.create_event(ef.path, clock=clock)
    assert _digest(ef.path) == before


def test_bad_settings_leave_no_file(tmp_path, clock) -> None:
    path = tmp_path / "x.db"
    with pytest.raises(errors.InvalidInput):
        event.create_event(path, date="14/07/2027", clock=clock)
    assert not path.exists()


def test_reopen_keeps_data(ef, clock, tmp_path) -> None:
    a = attendees.add_attendee(ef, clock, display_name="김민수")
    ef.close()
    with eventfile.open_event_file(tmp_path / "event.db") as again:
        assert attendees.get(again, a.id) == a


@pytest.mark.parametrize(
    "content",
    [b"", b"name,phone\n", os.urandom(8192), b"%PDF-1.7\n" + bytes(16384)],
    ids=["empty", "csv", "random", "zeros-but-no-btree"],
)
def test_not_an_event_file(tmp_path, content) -> None:
    path = tmp_path / "other.db"
    path.write_bytes(content)
    with pytest.raises((errors.NotAnEventFile, errors.PassphraseRequired)):
        eventfile.open_event_file(path)
    assert path.read_bytes() == content


def test_a_file_of_zeros_is_damaged(tmp_path) -> None:
    """What a crash or a bad stick leaves: neither SQLite's header nor SQLCipher's salt."""
    path = tmp_path / "wiped.db"
    path.write_bytes(bytes(4096))
    for passphrase in (None, "pw"):
        with pytest.raises(errors.FileDamaged):
            eventfile.open_event_file(path, passphrase)
    with pytest.raises(errors.FileDamaged):
        eventfile.is_encrypted(path)
    assert path.read_bytes() == bytes(4096)


def test_plain_sqlite_file_of_another_app(tmp_path) -> None:
    path = tmp_path / "other.sqlite"
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE notes (x)")
        conn.commit()
    before = _digest(path)
    with pytest.raises(errors.NotAnEventFile):
        eventfile.open_event_file(path)
    assert _digest(path) == before


def test_newer_version_is_refused_and_untouched(ef, tmp_path) -> None:
    ef.conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('checkin', 'm999_from_the_future', '2030-01-01')"
    )
    ef.conn.execute("UPDATE local SET app_version = '9.0.0'")
    ef.close()
    path = tmp_path / "event.db"
    before = _digest(path)
    with pytest.raises(errors.NewerVersion) as info:
        eventfile.open_event_file(path)
    assert "9.0.0" in info.value.en
    assert _digest(path) == before


def test_pending_migration_backs_up_first(ef, tmp_path, mocker) -> None:
    ef.close()
    path = tmp_path / "event.db"
    ran = []

    def m002_test_step(db):
        ran.append(True)
        db.execute("CREATE TABLE extra (x)")

    extended = [*MIGRATIONS._migrations, MIGRATIONS._Migration("m002_test_step", m002_test_step)]
    mocker.patch.object(MIGRATIONS, "_migrations", extended)
    with eventfile.open_event_file(path) as again:
        assert ran == [True]
        assert again.conn.execute("SELECT count(*) FROM extra").fetchone()[0] == 0
    backup = tmp_path / "event.db.before-m002_test_step.bak"
    assert backup.exists()
    assert stat.S_IMODE(os.stat(backup).st_mode) == 0o600
    with contextlib.closing(sqlite3.connect(backup)) as conn:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "extra" not in names and "attendees" in names


def test_a_step_that_fails_halfway_leaves_the_file_as_it_was(ef, tmp_path, mocker) -> None:
    ef.close()
    path = tmp_path / "event.db"

    def schema(conn) -> list[tuple]:
        return sorted(conn.execute("SELECT type, name, sql FROM sqlite_master").fetchall())

    with contextlib.closing(sqlite3.connect(path)) as conn:
        before = schema(conn)
        applied = conn.execute("SELECT name FROM _sqlite_migrations ORDER BY name").fetchall()

    def m002_half(db):
        # The first statement works, the second fails (the table exists already).
        run_script(db, "CREATE TABLE extra (x);\nCREATE TABLE attendees (x);\n")

    extended = [*MIGRATIONS._migrations, MIGRATIONS._Migration("m002_half", m002_half)]
    mocker.patch.object(MIGRATIONS, "_migrations", extended)
    # a failing step is a clear "damaged" to a person (the driver's error is its cause)
    with pytest.raises(errors.FileDamaged) as info:
        eventfile.open_event_file(path)
    assert "already exists" in str(info.value.__cause__)
    with contextlib.closing(sqlite3.connect(path)) as conn:
        assert schema(conn) == before  # no table "extra": the step rolled back whole
        names = conn.execute("SELECT name FROM _sqlite_migrations ORDER BY name").fetchall()
        assert names == applied  # and it is still pending


def test_a_step_that_changes_rows_then_fails_changes_nothing(ef, clock, tmp_path, mocker):
    """Data too: a step that rewrites rows and then fails leaves every row as it was
    (and the file's bytes, but for the backup it made first)."""
    attendees.add_attendee(ef, clock, display_name="김민수")
    ef.close()
    path = tmp_path / "event.db"

    def rows(conn) -> list[tuple]:
        return conn.execute("SELECT id, display_name FROM attendees ORDER BY id").fetchall()

    with contextlib.closing(sqlite3.connect(path)) as conn:
        before = rows(conn)

    def m002_rewrite_then_fail(db):
        db.execute("UPDATE attendees SET display_name = 'changed'")
        db.execute("INSERT INTO attendees (id) VALUES (NULL, NULL)")  # fails: 2 values

    extended = [*MIGRATIONS._migrations,
                MIGRATIONS._Migration("m002_rewrite_then_fail", m002_rewrite_then_fail)]  # fmt: skip
    mocker.patch.object(MIGRATIONS, "_migrations", extended)
    with pytest.raises(errors.CheckinError):
        eventfile.open_event_file(path)
    with contextlib.closing(sqlite3.connect(path)) as conn:
        assert rows(conn) == before
        assert not conn.execute(
            "SELECT 1 FROM _sqlite_migrations WHERE name = 'm002_rewrite_then_fail'"
        ).fetchall()


def test_every_step_runs_in_its_own_transaction() -> None:
    """Each step runs inside sqlite-utils' transaction with the record of it; none opts
    out, and none uses ``executescript`` (which commits what is open before it runs)."""
    import inspect

    from checkin.db import schema

    assert MIGRATIONS._migrations and all(m.transactional for m in MIGRATIONS._migrations)
    for m in MIGRATIONS._migrations:
        assert "executescript" not in inspect.getsource(m.fn), m.name
    code = [li for li in inspect.getsource(schema).splitlines() if not li.lstrip().startswith("#")]
    assert not [li for li in code if "executescript(" in li]


def test_statements_keep_a_trigger_whole() -> None:
    script = """
        CREATE TABLE a (x);
        CREATE TRIGGER t AFTER INSERT ON a BEGIN
            INSERT INTO a VALUES (1); -- a comment; with a semicolon
        END;
        CREATE INDEX a_x ON a (x);
    """
    found = statements(script)
    assert len(found) == 3
    assert found[1].startswith("CREATE TRIGGER") and found[1].endswith("END;")


needs_sqlcipher = pytest.mark.skipif(not eventfile.HAVE_SQLCIPHER, reason="no SQLCipher")


@needs_sqlcipher
def test_encrypted_round_trip(tmp_path, clock) -> None:
    path = tmp_path / "secret.db"
    with event.create_event(path, passphrase="correct horse", clock=clock) as ef:
        assert ef.encrypted
        attendees.add_attendee(
            ef, clock, display_name="김비밀", phone="010-5555-1234", consents=everything()
        )
    raw = path.read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    assert "김비밀".encode() not in raw and b"5555" not in raw
    with eventfile.open_event_file(path, "correct horse") as ef:
        assert attendees.count(ef) == 1


@needs_sqlcipher
def test_wrong_passphrase_is_clear_and_changes_nothing(tmp_path, clock) -> None:
    path = tmp_path / "secret.db"
    event.create_event(path, passphrase="right", clock=clock).close()
    before = _digest(path)
    with pytest.raises(errors.WrongPassphrase):
        eventfile.open_event_file(path, "wrong")
    with pytest.raises(errors.PassphraseRequired):
        eventfile.open_event_file(path)
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["secret.db"]


@needs_sqlcipher
def test_passphrase_with_quotes(tmp_path, clock) -> None:
    path = tmp_path / "q.db"
    phrase = 'it\'s "quoted"; DROP TABLE x; 비밀'
    event.create_event(path, passphrase=phrase, clock=clock).close()
    with eventfile.open_event_file(path, phrase) as ef:
        assert ef.encrypted


def test_empty_passphrase_refused(tmp_path, clock) -> None:
    with pytest.raises(errors.InvalidInput):
        event.create_event(tmp_path / "e.db", passphrase="", clock=clock)
    assert not (tmp_path / "e.db").exists()


def test_write_errors_become_clear_messages(ef) -> None:
    exc = sqlite3.OperationalError("database or disk is full")
    assert isinstance(eventfile.translate(exc), errors.DiskFull)
    assert isinstance(
        eventfile.translate(sqlite3.OperationalError("database is locked")), errors.DatabaseBusy
    )
    assert eventfile.translate(sqlite3.OperationalError("no such column: x")) is None


def test_locked_file_is_a_clear_error(ef, tmp_path, mocker) -> None:
    mocker.patch.object(eventfile, "BUSY_TIMEOUT_MS", 100)
    other = eventfile.open_event_file(tmp_path / "event.db")
    other.conn.execute("PRAGMA busy_timeout = 100")
    ef.conn.execute("PRAGMA busy_timeout = 100")
    other.conn.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(errors.DatabaseBusy), ef.write():
            pass
    finally:
        other.conn.execute("ROLLBACK")
        other.close()


@pytest.mark.parametrize("passphrase", [None, "양파 수프 0714"])
def test_rows_read_by_name(tmp_path, clock, passphrase) -> None:
    f = event.create_event(
        tmp_path / "named.db", name="행사", date="2027-07-14", clock=clock, passphrase=passphrase
    )
    with f:
        attendees.add_attendees(f, clock, [{"display_name": "김민수", "category": "guest"}])
        row = f.named("SELECT reg_no, display_name AS name, count(*) FROM attendees").fetchone()
        assert row.name == "김민수" and row.reg_no == row[0]
        assert row._fields == ("reg_no", "name", "_2")  # unnamed: by position
        reg_no, name, count = row
        assert (reg_no, name, count) == row and count == 1
        with f.write() as conn:
            (inside,) = eventfile.named(conn, "SELECT count(*) AS n FROM attendees").fetchall()
            assert inside.n == 1
        assert f.named("UPDATE attendees SET notes = '' WHERE 0").fetchall() == []
        # the connection's own queries keep their plain tuples (the scan's hot path)
        assert type(f.execute("SELECT display_name FROM attendees").fetchone()) is tuple
        cursor = f.execute("SELECT display_name AS name, reg_no FROM attendees")
        column = eventfile.columns(cursor)
        assert column == {"name": 0, "reg_no": 1}
        assert cursor.fetchone()[column["name"]] == "김민수"
    plain = sqlite3.connect(":memory:")
    assert eventfile.named(plain, "SELECT 1 AS one").fetchone().one == 1
    plain.close()


def test_records_select_their_fields_by_name(ef, clock) -> None:
    """The column lists the core selects records with are the records' own field names,
    each a real column of its table: a field added or moved cannot shift the others."""
    from dataclasses import fields

    from checkin.models import ATTENDEE_COLUMNS, CHECKIN_COLUMNS, Attendee, CheckIn
    from checkin.protect import audit

    for record, cols, table in (
        (Attendee, ATTENDEE_COLUMNS, "attendees"),
        (CheckIn, CHECKIN_COLUMNS, "checkins"),
        (audit.AuditEntry, audit._COLUMNS, "audit_log"),
    ):
        names = cols.split(", ")
        assert names == [f.name for f in fields(record)]
        real = {r[1] for r in ef.conn.execute(f"PRAGMA table_info({table})")}
        assert set(names) <= real, set(names) - real
    attendees.add_attendees(ef, clock, [{"display_name": "이서연", "no_photo": True}])
    row = ef.named(f"SELECT {ATTENDEE_COLUMNS} FROM attendees").fetchone()
    person = Attendee.from_row(row)
    assert person.no_photo is True and person.under_14 is False
    assert all(getattr(person, name) == value for name, value in zip(row._fields, row, strict=True)
               if name not in ("no_photo", "under_14"))  # fmt: skip
