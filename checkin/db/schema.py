"""The event file's schema, as sqlite-utils migrations.

Migrations only grow: each step is a small named function, never edited once
released. A file whose applied steps include names this version does not know was
written by a newer version and is refused (see ``checkin.db.eventfile``).

Tables, in short:

- ``event``: identity (event id, public key); ``secrets``: the private signing key
  (never synced; absent on scan-only stations).
- ``local``: this file's own station identity and counters (sequence, hybrid logical
  clock, registration-number counter). Never synced.
- ``stations``: every station this file has heard of, with the highest sequence seen
  from it (the version vector).
- ``settings``: event settings, last writer wins by (hlc, station).
- ``attendees``: current attendee records, materialized from ``changes``.
- ``changes``: append-only log of attendee and settings writes (create / update).
- ``checkins``: append-only log of entries, exits and undos. Current state is derived
  from it into ``attendance`` (a cache that can always be rebuilt).
- ``scan_attempts``: rejected scans at this station (audit; local).
- ``search_terms``: the name search index (see ``checkin.people.search``).
- ``print_log``: append-only log of printed badges (see ``checkin.badges``).
- ``audit_log``: append-only log of looks at and uses of personal data (exports,
  searches, views, edits) and of organizer PIN attempts (see ``checkin.protect.audit``).
- ``ticket_sends``: tickets the mail server accepted (local; see ``checkin.badges.ticket_mail``).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

MIGRATIONS = Migrations("checkin")

# Append-only log tables that every station merges by union when syncing. Each has
# ``station_id``, ``seq`` (that station's gap-free sequence, allocated with
# ``checkin.db.stamps.next_stamp``) and ``hlc`` columns, and (station_id, seq) is unique.
# A feature that adds such a log (print log, audit log) adds its table name here.
SYNCED_LOGS: tuple[str, ...] = ("changes", "checkins", "print_log", "audit_log")


def statements(script: str) -> list[str]:
    """The SQL statements of ``script``, one by one (a trigger's body stays whole)."""
    found, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            found.append(current.strip())
            current = ""
    if current.strip():
        found.append(current.strip())  # an unfinished last statement: let SQLite say why
    return found


def run_script(db: Database, script: str) -> None:
    """Run a migration step's SQL inside the step's transaction.

    Not ``executescript``: the driver's commits whatever is open before it starts, so a
    step that failed halfway would leave its first statements in the file (sqlite-utils
    4 works around that inside a transaction; this does not depend on it). Run
    statement by statement, a failing step rolls back whole and stays pending.
    """
    for statement in statements(script):
        db.execute(statement)


# Long because: the first release's whole schema, a statement per table; a released migration is
# never edited (CONVENTIONS 3)
@MIGRATIONS()
def m001_initial(db: Database) -> None:
    run_script(
        db,
        """
        CREATE TABLE event (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            event_id TEXT NOT NULL,
            public_key BLOB NOT NULL,
            created_at INTEGER NOT NULL,
            created_by TEXT NOT NULL
        );
        CREATE TABLE secrets (
            name TEXT PRIMARY KEY,
            value BLOB NOT NULL
        );
        CREATE TABLE local (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            station_id TEXT NOT NULL,
            station_name TEXT NOT NULL,
            station_no INTEGER NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('organizer', 'desk', 'scan-only')),
            seq INTEGER NOT NULL DEFAULT 0,
            hlc INTEGER NOT NULL DEFAULT 0,
            reg_counter INTEGER NOT NULL DEFAULT 0,
            app_version TEXT NOT NULL
        );
        CREATE TABLE stations (
            station_id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            station_no INTEGER,
            role TEXT,
            retired INTEGER NOT NULL DEFAULT 0,
            seen_seq INTEGER NOT NULL DEFAULT 0,
            last_seen_at INTEGER
        );
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL,
            hlc INTEGER NOT NULL,
            station_id TEXT NOT NULL
        );
        CREATE TABLE attendees (
            rid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            reg_no TEXT NOT NULL,
            display_name TEXT NOT NULL,
            full_name TEXT NOT NULL DEFAULT '',
            category TEXT NOT NULL,
            organization TEXT NOT NULL DEFAULT '',
            phone TEXT NOT NULL DEFAULT '',
            email TEXT NOT NULL DEFAULT '',
            language TEXT NOT NULL DEFAULT 'ko',
            no_photo INTEGER NOT NULL DEFAULT 0,
            access_needs TEXT NOT NULL DEFAULT '',
            notes TEXT NOT NULL DEFAULT '',
            external_id TEXT NOT NULL DEFAULT '',
            status TEXT NOT NULL DEFAULT 'registered'
                CHECK (status IN ('registered', 'cancelled')),
            badge_version INTEGER NOT NULL DEFAULT 1,
            created_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            created_station TEXT NOT NULL,
            updated_station TEXT NOT NULL
        );
        CREATE INDEX attendees_reg_no ON attendees (reg_no);
        CREATE INDEX attendees_status ON attendees (status, category);
        CREATE INDEX attendees_external_id ON attendees (external_id) WHERE external_id != '';
        CREATE TABLE changes (
            station_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            hlc INTEGER NOT NULL,
            at_ms INTEGER NOT NULL,
            entity TEXT NOT NULL CHECK (entity IN ('attendee', 'setting')),
            entity_id TEXT NOT NULL,
            op TEXT NOT NULL CHECK (op IN ('create', 'update')),
            fields TEXT NOT NULL,
            operator TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (station_id, seq)
        ) WITHOUT ROWID;
        CREATE INDEX changes_entity ON changes (entity, entity_id, hlc);
        CREATE TABLE checkins (
            id TEXT PRIMARY KEY,
            station_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            hlc INTEGER NOT NULL,
            at_ms INTEGER NOT NULL,
            station_name TEXT NOT NULL,
            attendee_id TEXT NOT NULL,
            list TEXT NOT NULL,
            action TEXT NOT NULL CHECK (action IN ('entry', 'exit', 'undo')),
            undoes TEXT,
            method TEXT NOT NULL,
            badge_version INTEGER,
            reason TEXT NOT NULL DEFAULT '',
            operator TEXT NOT NULL DEFAULT '',
            UNIQUE (station_id, seq)
        );
        CREATE INDEX checkins_attendee ON checkins (attendee_id, list, hlc);
        CREATE INDEX checkins_at ON checkins (at_ms);
        CREATE INDEX checkins_undoes ON checkins (undoes) WHERE undoes IS NOT NULL;
        CREATE TABLE attendance (
            attendee_id TEXT NOT NULL,
            list TEXT NOT NULL,
            inside INTEGER NOT NULL,
            entries INTEGER NOT NULL,
            exits INTEGER NOT NULL,
            first_in_at INTEGER,
            first_in_station TEXT,
            last_in_id TEXT,
            last_in_at INTEGER,
            last_in_station TEXT,
            last_at INTEGER NOT NULL,
            PRIMARY KEY (attendee_id, list)
        ) WITHOUT ROWID;
        CREATE INDEX attendance_list ON attendance (list, inside);
        CREATE TABLE scan_attempts (
            id INTEGER PRIMARY KEY,
            at_ms INTEGER NOT NULL,
            station_name TEXT NOT NULL,
            list TEXT NOT NULL,
            action TEXT NOT NULL,
            status TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            attendee_id TEXT,
            operator TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE search_terms (
            kind INTEGER NOT NULL,
            term TEXT NOT NULL,
            rid INTEGER NOT NULL,
            PRIMARY KEY (kind, term, rid)
        ) WITHOUT ROWID;
        """,
    )


@MIGRATIONS()
def m002_print_log(db: Database) -> None:
    """One row per printed badge (or batch of copies), at any station; synced by union
    so "not yet printed" also knows the badges other stations printed."""
    run_script(
        db,
        """
        CREATE TABLE print_log (
            id TEXT PRIMARY KEY,
            station_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            hlc INTEGER NOT NULL,
            at_ms INTEGER NOT NULL,
            station_name TEXT NOT NULL DEFAULT '',
            attendee_id TEXT NOT NULL,
            badge_version INTEGER NOT NULL,
            layout TEXT NOT NULL,
            output TEXT NOT NULL CHECK (output IN ('pdf', 'png', 'printer')),
            copies INTEGER NOT NULL DEFAULT 1 CHECK (copies >= 1),
            reprint INTEGER NOT NULL DEFAULT 0,
            reissued INTEGER NOT NULL DEFAULT 0,
            reason TEXT NOT NULL DEFAULT '',
            operator TEXT NOT NULL DEFAULT '',
            UNIQUE (station_id, seq)
        );
        CREATE INDEX print_log_attendee ON print_log (attendee_id, badge_version);
        CREATE INDEX print_log_at ON print_log (at_ms);
        """,
    )


@MIGRATIONS()
def m003_sync(db: Database) -> None:
    """Sync between stations (checkin.sync): local sync state, what peers have seen.

    - ``sync_local``: this file's own sync state, never synced: its instance id and
      where it is bound (copy detection), whether it was provisioned without
      personal fields, the folder / hub settings, hub cursors.
    - ``sync_peers``: what each peer station had (its version vector) the last time a
      bundle or the hub told us, so an export sends only what is missing.
    - ``sync_history``: one row per sync run (status screen: last sync, errors).
    - ``sync_imported``: checksums of bundles already merged, so importing the same
      bundle again (a shared folder read every few seconds) is a quick no-op.
    """
    run_script(
        db,
        """
        CREATE TABLE sync_local (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        CREATE TABLE sync_peers (
            station_id TEXT PRIMARY KEY,
            instance_id TEXT NOT NULL DEFAULT '',
            vector TEXT NOT NULL DEFAULT '{}',
            via TEXT NOT NULL DEFAULT '',
            seen_at INTEGER
        );
        CREATE TABLE sync_imported (
            checksum TEXT PRIMARY KEY,
            sender TEXT NOT NULL,
            at_ms INTEGER NOT NULL
        );
        CREATE TABLE sync_history (
            id INTEGER PRIMARY KEY,
            at_ms INTEGER NOT NULL,
            kind TEXT NOT NULL,
            ok INTEGER NOT NULL,
            imported INTEGER NOT NULL DEFAULT 0,
            sent INTEGER NOT NULL DEFAULT 0,
            detail TEXT NOT NULL DEFAULT ''
        );
        """,
    )


@MIGRATIONS()
def m004_desk(db: Database) -> None:
    """Registration desk: consent to data use, recorded per attendee.

    ``consent_at`` is when the person agreed (ms, NULL = not recorded here, e.g. a
    pre-registration whose form collected it) and ``consent_version`` which wording
    they saw (``checkin.protect.consent.VERSION``). Both are ordinary attendee fields: set
    through the change log and merged by sync like the others.
    """
    run_script(
        db,
        """
        ALTER TABLE attendees ADD COLUMN consent_at INTEGER;
        ALTER TABLE attendees ADD COLUMN consent_version TEXT NOT NULL DEFAULT '';
        """,
    )


@MIGRATIONS()
def m005_audit(db: Database) -> None:
    """The audit log: who looked at or used personal data, and PIN attempts; synced by
    union like the other logs. ``detail`` is a small JSON object that never holds
    personal data (no search text, no field values). No CHECK on ``action``: a newer
    version may add actions, and its rows must still merge here."""
    run_script(
        db,
        """
        CREATE TABLE audit_log (
            id TEXT PRIMARY KEY,
            station_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            hlc INTEGER NOT NULL,
            at_ms INTEGER NOT NULL,
            station_name TEXT NOT NULL DEFAULT '',
            action TEXT NOT NULL,
            attendee_id TEXT,
            detail TEXT NOT NULL DEFAULT '{}',
            operator TEXT NOT NULL DEFAULT '',
            UNIQUE (station_id, seq)
        );
        CREATE INDEX audit_log_at ON audit_log (at_ms);
        CREATE INDEX audit_log_station_action ON audit_log (station_id, action, seq);
        """,
    )


@MIGRATIONS()
def m006_trust(db: Database) -> None:
    """Signed sync (see ``checkin.sync.trust``): the organizer's public key (the root of
    trust), each station's certified Ed25519 public key and role, and the organizer's
    signature over each setting change (only the organizer may change settings). The
    private keys live in ``secrets`` (inside the encrypted file). Files made before
    this step get their keys later: the organizer's on its next sync or provisioning,
    a station's when it is provisioned again."""
    run_script(
        db,
        """
        CREATE TABLE trust (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            organizer_key BLOB NOT NULL,
            organizer_station TEXT NOT NULL
        );
        CREATE TABLE station_keys (
            station_id TEXT PRIMARY KEY,
            role TEXT NOT NULL,
            public_key BLOB NOT NULL,
            cert_station TEXT NOT NULL,
            cert BLOB NOT NULL
        );
        CREATE TABLE row_sigs (
            station_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            sig BLOB NOT NULL,
            PRIMARY KEY (station_id, seq)
        ) WITHOUT ROWID;
        """,
    )


@MIGRATIONS()
def m007_consent_items(db: Database) -> None:
    """Consent in parts (``checkin.protect.consent``): each item's answer per attendee with its
    time and version (JSON), and for an under-14 the flag and their guardian's relation.
    The older ``consent_at`` / ``consent_version`` keep meaning item (a), entry."""
    run_script(
        db,
        """
        ALTER TABLE attendees ADD COLUMN consents TEXT NOT NULL DEFAULT '';
        ALTER TABLE attendees ADD COLUMN under_14 INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE attendees ADD COLUMN guardian_relation TEXT NOT NULL DEFAULT '';
        """,
    )


@MIGRATIONS()
def m008_ticket_sends(db: Database) -> None:
    """Tickets e-mailed before the day (see ``checkin.badges.ticket_mail``): one row per ticket
    the mail server accepted, for the badge version it carries, written only after the
    server said yes, so a re-run after a crash or a lost connection sends the rest and
    nothing twice. A reissued badge (new version) has no row: its ticket is due again.
    Local to the organizer's file (no address, no personal data; not synced)."""
    run_script(
        db,
        """
        CREATE TABLE ticket_sends (
            id INTEGER PRIMARY KEY,
            attendee_id TEXT NOT NULL,
            badge_version INTEGER NOT NULL,
            channel TEXT NOT NULL DEFAULT 'email',
            at_ms INTEGER NOT NULL,
            operator TEXT NOT NULL DEFAULT '',
            UNIQUE (attendee_id, badge_version, channel)
        );
        """,
    )


@MIGRATIONS()
def m010_groups(db: Database) -> None:
    """Groups (see ``checkin.people.groups``): a family or delegation checked in together.
    ``group_name`` is the label a person typed (personal: stripped, masked, wiped like the
    other personal fields); ``group_key`` is an opaque key derived from it, the same at
    every station, which is all a door needs to find the other members. Both are ordinary
    attendee fields, set together through the change log and merged by sync."""
    run_script(
        db,
        """
        ALTER TABLE attendees ADD COLUMN group_name TEXT NOT NULL DEFAULT '';
        ALTER TABLE attendees ADD COLUMN group_key TEXT NOT NULL DEFAULT '';
        CREATE INDEX attendees_group ON attendees (group_key) WHERE group_key != '';
        """,
    )


def known_migrations() -> list[str]:
    return [m.name for m in MIGRATIONS._migrations]


def shape(conn: Any) -> dict[str, Any]:
    """The schema as opening checks it against this version's (``eventfile``): each
    table's columns (name, declared type, NOT NULL, default, primary key), each
    index's, trigger's and view's SQL (whitespace folded). Columns rather than a
    table's SQL text, which ``ALTER TABLE`` rewrites; SQLite's own objects and the
    migrations table (sqlite-utils') are left out."""
    ours = "m.name NOT LIKE 'sqlite~_%' ESCAPE '~' AND m.tbl_name <> '_sqlite_migrations'"
    columns: dict[str, list[tuple[Any, ...]]] = {}
    for table, *column in conn.execute(
        f'SELECT m.name, c.name, c.type, c."notnull", c.dflt_value, c.pk '
        f"FROM sqlite_master m, pragma_table_xinfo(m.name) c "
        f"WHERE m.type = 'table' AND {ours} ORDER BY m.name, c.cid"
    ):
        columns.setdefault(f"table {table}", []).append(tuple(column))
    found: dict[str, Any] = {key: tuple(names) for key, names in columns.items()}
    for kind, name, sql in conn.execute(
        f"SELECT m.type, m.name, m.sql FROM sqlite_master m WHERE m.type <> 'table' AND {ours}"
    ):
        found[f"{kind} {name}"] = " ".join(str(sql).split())
    return found


# This version's steps, as released (tests append steps of their own to MIGRATIONS).
_RELEASED = tuple(MIGRATIONS._migrations)


def build(db: Database) -> None:
    """This version's schema, every step in order, into an empty database (no record
    of the steps: what opening compares a file with, see ``shape``)."""
    for step in _RELEASED:
        step.fn(db)
