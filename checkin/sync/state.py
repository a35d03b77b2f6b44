"""What sync keeps about this file and its peers: identity, version vector, keys.

- The **version vector**: for every station, the highest sequence number up to which
  this file holds (or deliberately skipped) all of that station's log rows. This
  station's own entry is ``local.seq``; the others are ``stations.seen_seq``.
- **Local sync state** (``sync_local``, never synced): the instance id and the place
  the file is bound to (see :func:`ensure_identity`), whether the file was provisioned
  without personal fields, folder / hub settings and cursors.
- **Keys**: a per-event sync secret (derived from the badge-signing key, so every
  station that can sign derives the same one; provisioning gives scan-only stations a
  copy) and, from it, the key that encrypts bundles and hub payloads (HKDF-SHA256).

Copy detection. Two kiosks that run copies of one event file would both write rows as
the same station with the same sequence numbers. A file remembers where it lives (the
machine and the file's inode); when a sync finds the file somewhere else (copied,
moved, restored from a backup), the file takes a fresh station identity before it
writes anything else under the old one. Rows written under the old identity before
that are checked by content wherever they meet rows of the other copy
(:class:`~checkin.sync.errors.StationConflict`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import platform
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from checkin.db.eventfile import named
from checkin.db.schema import SYNCED_LOGS
from checkin.ids import new_station_id
from checkin.models import PERSONAL_FIELDS, Role
from checkin.sync.texts import SyncTexts

log = logging.getLogger(__name__)

RETIRED_PREFIX = "sync.retired."
KEY_BYTES = 32


# --- local key/value state ------------------------------------------------------------


def get_local(conn: Any, key: str, default: Any = None) -> Any:
    row = conn.execute("SELECT value FROM sync_local WHERE key = ?", (key,)).fetchone()
    return json.loads(row[0]) if row else default


def set_local(conn: Any, key: str, value: Any) -> None:
    conn.execute(
        "INSERT INTO sync_local (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        (key, json.dumps(value, ensure_ascii=False, sort_keys=True)),
    )


def del_local(conn: Any, key: str) -> None:
    conn.execute("DELETE FROM sync_local WHERE key = ?", (key,))


def own_station_ids(conn: Any) -> list[str]:
    """This file's station id and every one it wrote as before (a copied or moved file)."""
    own = conn.execute("SELECT station_id FROM local").fetchone()[0]
    return [own, *(s for s in get_local(conn, "former_station_ids", []) or [] if s != own)]


def is_stripped(conn: Any) -> bool:
    """Provisioned without personal fields: strips what it merges, relays nothing."""
    return bool(get_local(conn, "stripped", False))


# --- this station ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Me:
    station_id: str
    name: str
    station_no: int
    role: Role
    seq: int
    hlc: int
    event_id: str
    instance_id: str
    stripped: bool


def me(conn: Any) -> Me:
    station_id, name, station_no, role, seq, hlc = conn.execute(
        "SELECT station_id, station_name, station_no, role, seq, hlc FROM local"
    ).fetchone()
    event_id = conn.execute("SELECT event_id FROM event").fetchone()[0]
    return Me(
        station_id=station_id,
        name=name,
        station_no=station_no,
        role=Role(role),
        seq=seq,
        hlc=hlc,
        event_id=event_id,
        instance_id=get_local(conn, "instance_id", ""),
        stripped=is_stripped(conn),
    )


def vector(conn: Any) -> dict[str, int]:
    """station id -> highest sequence held without gaps (this station: local.seq)."""
    vec = {
        sid: int(seen) for sid, seen in conn.execute("SELECT station_id, seen_seq FROM stations")
    }
    own, seq = conn.execute("SELECT station_id, seq FROM local").fetchone()
    vec[own] = int(seq)
    return {k: v for k, v in vec.items() if v > 0}


def station_list(conn: Any) -> list[dict[str, Any]]:
    return [
        {"station_id": sid, "name": name, "station_no": no, "role": role}
        for sid, name, no, role in conn.execute(
            "SELECT station_id, name, station_no, role FROM stations ORDER BY station_id"
        )
    ]


def station_label(conn: Any, station_id: str) -> str:
    row = conn.execute("SELECT name FROM stations WHERE station_id = ?", (station_id,)).fetchone()
    return f"{row[0]} ({station_id[:6]})" if row else station_id[:6]


def retired(conn: Any) -> dict[str, int]:
    """Retired stations -> the last sequence number still accepted from them."""
    out: dict[str, int] = {}
    for key, value in conn.execute(
        "SELECT key, value FROM settings WHERE key LIKE ?", (RETIRED_PREFIX + "%",)
    ):
        data = json.loads(value)
        if isinstance(data, dict) and data.get("retired"):
            out[key[len(RETIRED_PREFIX) :]] = int(data.get("upto", 0))
    return out


def peer_vectors(conn: Any) -> dict[str, dict[str, int]]:
    return {
        sid: {k: int(v) for k, v in json.loads(vec).items()}
        for sid, vec in conn.execute("SELECT station_id, vector FROM sync_peers")
    }


def note_peer(
    conn: Any, station_id: str, vec: dict[str, int], instance_id: str, via: str, now_ms: int
) -> None:
    """Remember what a peer holds (the element-wise max with what we knew)."""
    row = conn.execute(
        "SELECT vector FROM sync_peers WHERE station_id = ?", (station_id,)
    ).fetchone()
    known = {k: int(v) for k, v in json.loads(row[0]).items()} if row else {}
    for k, v in vec.items():
        known[k] = max(known.get(k, 0), int(v))
    conn.execute(
        "INSERT INTO sync_peers (station_id, instance_id, vector, via, seen_at) "
        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (station_id) DO UPDATE SET "
        "instance_id = CASE WHEN excluded.instance_id != '' THEN excluded.instance_id "
        "ELSE sync_peers.instance_id END, vector = excluded.vector, via = excluded.via, "
        "seen_at = excluded.seen_at",
        (station_id, instance_id, json.dumps(known, sort_keys=True), via, now_ms),
    )


def lower_bound_for_peers(conn: Any, peers: list[str] | None = None) -> dict[str, int]:
    """For every station, a sequence number every (given or known) peer is known to hold.

    A bundle made from rows above it has everything any of those peers lacks. Peers
    we know of but whose holdings we never heard get 0 (everything).
    """
    own = conn.execute("SELECT station_id FROM local").fetchone()[0]
    known = peer_vectors(conn)
    gone = set(retired(conn))
    if peers is None:
        peers = [
            sid
            for (sid,) in conn.execute("SELECT station_id FROM stations")
            if sid != own and sid not in gone
        ]
        peers += [p for p in known if p not in peers and p != own and p not in gone]
    result: dict[str, int] = {}
    for station in vector(conn):
        result[station] = min((known.get(p, {}).get(station, 0) for p in peers), default=0)
    return result


def record_history(
    conn: Any, now_ms: int, kind: str, ok: bool, imported: int = 0, sent: int = 0, detail: str = ""
) -> None:
    conn.execute(
        "INSERT INTO sync_history (at_ms, kind, ok, imported, sent, detail) VALUES (?, ?, ?, ?, ?, ?)",
        (now_ms, kind, int(ok), imported, sent, detail[:500]),
    )
    conn.execute("DELETE FROM sync_history WHERE id <= (SELECT max(id) FROM sync_history) - 500")


# --- log tables -----------------------------------------------------------------------


def log_columns(conn: Any, table: str, schema: str = "main") -> list[str]:
    return [col.name for col in named(conn, f"PRAGMA {schema}.table_info({table})")]


def log_declarations(conn: Any, table: str) -> list[tuple[str, str]]:
    return [(col.name, col.type or "") for col in named(conn, f"PRAGMA main.table_info({table})")]


def synced_logs() -> tuple[str, ...]:
    return SYNCED_LOGS


def quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


# What a station provisioned without personal fields never holds: the personal fields,
# and the organization too (with a display name, it can say who someone is).
STRIPPED_FIELDS = (*PERSONAL_FIELDS, "organization")
PERSONAL_JSON_PATHS = tuple(f"$.{name}" for name in STRIPPED_FIELDS)


# --- keys -----------------------------------------------------------------------------


def _hkdf(secret: bytes, info: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=info).derive(secret)


def sync_secret(conn: Any) -> bytes | None:
    """The event's sync secret: stored (scan-only stations) or derived from the signing key."""
    row = conn.execute("SELECT value FROM secrets WHERE name = 'sync_secret'").fetchone()
    if row:
        return bytes(row[0])
    row = conn.execute("SELECT value FROM secrets WHERE name = 'signing_key'").fetchone()
    if not row:
        return None
    event_id = conn.execute("SELECT event_id FROM event").fetchone()[0]
    return _hkdf(bytes(row[0]), b"checkin sync secret v1|" + event_id.encode())


def payload_key(conn: Any, purpose: str) -> bytes | None:
    """A 256-bit key for bundles ("bundle") or hub payloads ("hub"), or None."""
    secret = sync_secret(conn)
    if secret is None:
        return None
    event_id = conn.execute("SELECT event_id FROM event").fetchone()[0]
    return _hkdf(secret, f"checkin {purpose} key v1|{event_id}".encode())


# --- identity -------------------------------------------------------------------------


def machine_id() -> str:
    for candidate in ("/etc/machine-id", "/var/lib/dbus/machine-id"):
        try:
            text = Path(candidate).read_text(encoding="ascii").strip()
        except OSError:
            continue
        if text:
            return text
    return platform.node() or "unknown"


def fingerprint(path: str | os.PathLike[str]) -> str:
    """Where this file lives: the machine and the file itself (not its name).

    Renaming or moving the file within a disk keeps it; a copy, a restored backup or
    the same file on another computer changes it.
    """
    st = os.stat(path)
    text = f"{machine_id()}\0{st.st_ino}"
    return hashlib.sha256(text.encode()).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class IdentityNotice:
    """The file was copied or moved: it now syncs as a new station."""

    old_station_id: str
    new_station_id: str
    name: str
    station_no: int

    def message(self, lang: str = "en") -> str:
        return SyncTexts.identity_notice.get(lang, name=self.name, no=self.station_no)


def allocate_station_no(conn: Any) -> int:
    row = conn.execute("SELECT max(coalesce(station_no, 0)) FROM stations").fetchone()
    own = conn.execute("SELECT station_no FROM local").fetchone()[0]
    return max(int(row[0] or 0), int(own)) + 1


def take_new_identity(conn: Any, now_ms: int, name: str | None = None) -> tuple[str, str, int]:
    """Give this file a fresh station identity (inside a write transaction).

    The rows already written keep the old identity (they were written by it); the old
    identity stays in ``stations`` with everything it wrote as seen, so nothing is lost
    or sent twice. Returns (old id, new id, new number).
    """
    old_id, old_name, seq, role = conn.execute(
        "SELECT station_id, station_name, seq, role FROM local"
    ).fetchone()
    new_id = new_station_id()
    number = allocate_station_no(conn)
    name = name or old_name
    conn.execute(
        "UPDATE stations SET seen_seq = max(seen_seq, ?) WHERE station_id = ?", (seq, old_id)
    )
    conn.execute(
        "UPDATE local SET station_id = ?, station_name = ?, station_no = ?, seq = 0, "
        "reg_counter = 0",
        (new_id, name, number),
    )
    conn.execute(
        "INSERT INTO stations (station_id, name, station_no, role, seen_seq, last_seen_at) "
        "VALUES (?, ?, ?, ?, 0, ?)",
        (new_id, name, number, role, now_ms),
    )
    former = get_local(conn, "former_station_ids", [])
    set_local(conn, "former_station_ids", [*former, old_id])
    set_local(conn, "instance_id", os.urandom(16).hex())
    log.info("station took a new identity (number %d)", number)
    return old_id, new_id, number


def ensure_identity(ef: Any, now_ms: int) -> IdentityNotice | None:
    """Bind the file to where it lives; a copied or moved file takes a new identity."""
    current = fingerprint(ef.path)
    with ef.read() as conn:
        stored = get_local(conn, "fingerprint")
        instance = get_local(conn, "instance_id")
    if stored == current and instance:
        return None
    notice = None
    with ef.write() as conn:
        stored = get_local(conn, "fingerprint")
        if stored == current and get_local(conn, "instance_id"):
            return None
        seq, reg_counter = conn.execute("SELECT seq, reg_counter FROM local").fetchone()
        if stored and (seq or reg_counter):
            # This file was bound elsewhere and has written rows as its station: it is a
            # copy (or the original moved). Either way a new identity is safe.
            old_id, new_id, number = take_new_identity(conn, now_ms)
            name = conn.execute("SELECT station_name FROM local").fetchone()[0]
            notice = IdentityNotice(old_id, new_id, name, number)
        elif not get_local(conn, "instance_id") or stored:
            set_local(conn, "instance_id", os.urandom(16).hex())
        set_local(conn, "fingerprint", current)
    return notice
