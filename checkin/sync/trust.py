"""Who may change what: station keys certified by the organizer, signed bundles.

- The **organizer's key** (Ed25519, private half in the organizer's encrypted event file,
  public half in the ``trust`` table of every station file) is the root of trust.
- Every **station key** (Ed25519, made at provisioning; private half in the station's
  file) comes with a **certificate**: the organizer's signature over the event id, the
  station id, the role and the public key (``station_keys``). The organizer's own
  certificate is self-signed.
- Every **bundle** is signed by its station over the manifest (which holds the SHA-256
  checksum of every row); the importer checks the signature, the certificate chain up to
  the organizer's key, the role and that the station is not retired before it reads a
  single row.
- Every **setting change** (the PIN, closing the event, badge settings, retiring a
  station, ...) carries its own organizer signature (``row_sigs``), so it stays
  authenticated however many stations relay it; a setting change without one is refused.
- A **scan-only** station's bundle may hold only its own check-ins (and its own audit
  entries: PIN attempts); anything else in it refuses the bundle.

Migration: a file made before signed sync has no keys. The organizer's file makes its
key on its next sync, provisioning or settings change and signs the setting changes it
already holds (it accepted them before); stations provisioned before get their keys
when they are provisioned again. Unsigned bundles are refused.
"""

from __future__ import annotations

import functools
import json
import logging
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from checkin.models import Role

log = logging.getLogger(__name__)

STATION_KEY = "station_key"  # secrets.name of this station's private key
CERT_CONTEXT = b"checkin station certificate v1\n"
SETTING_CONTEXT = b"checkin setting change v1\n"
BUNDLE_CONTEXT = b"checkin sync bundle v1\n"
HUB_CONTEXT = b"checkin hub batch v1\n"

# what a scan-only station may write (its own rows only)
SCAN_ONLY_LOGS = frozenset({"checkins", "audit_log"})


def canonical(obj: Any) -> bytes:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def public_bytes(key: Ed25519PrivateKey) -> bytes:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)


@functools.lru_cache(maxsize=256)
def _public(public_key: bytes) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(public_key)


def verify(public_key: bytes, signature: bytes, message: bytes) -> bool:
    try:
        _public(bytes(public_key)).verify(bytes(signature), message)
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def _event_id(conn: Any) -> str:
    return str(conn.execute("SELECT event_id FROM event").fetchone()[0])


# --- keys held by this file -----------------------------------------------------------


def own_key(conn: Any) -> Ed25519PrivateKey | None:
    row = conn.execute("SELECT value FROM secrets WHERE name = ?", (STATION_KEY,)).fetchone()
    if not row:
        return None
    return Ed25519PrivateKey.from_private_bytes(bytes(row[0]))


def organizer_key(conn: Any) -> bytes | None:
    """The organizer's public key (the root of trust), or None (a file before signed sync)."""
    row = conn.execute("SELECT organizer_key FROM trust").fetchone()
    return bytes(row[0]) if row else None


def is_organizer_key(conn: Any, key: Ed25519PrivateKey | None) -> bool:
    root = organizer_key(conn)
    return key is not None and root is not None and public_bytes(key) == root


def cert_message(event_id: str, station_id: str, role: str, public_key: bytes) -> bytes:
    return CERT_CONTEXT + canonical(
        {"event_id": event_id, "station_id": station_id, "role": role, "key": public_key.hex()}
    )


def ensure_organizer_keys_in(ef: Any) -> None:
    """:func:`ensure_organizer_keys` in its own write transaction, only when needed."""
    with ef.read() as conn:
        role = conn.execute("SELECT role FROM local").fetchone()[0]
        needed = role == Role.ORGANIZER.value and organizer_key(conn) is None
    if needed:
        with ef.write() as conn:
            ensure_organizer_keys(conn)


def ensure_organizer_keys(conn: Any) -> bool:
    """On the organizer's file (inside a write transaction): make its key if missing.

    Returns True when a key was made now. The setting changes this file already holds
    were accepted before signed sync; the organizer signs them so they keep travelling.
    """
    station_id, role = conn.execute("SELECT station_id, role FROM local").fetchone()
    if role != Role.ORGANIZER.value or organizer_key(conn) is not None:
        return False
    key = Ed25519PrivateKey.generate()
    public = public_bytes(key)
    conn.execute(
        "INSERT OR REPLACE INTO secrets (name, value) VALUES (?, ?)",
        (STATION_KEY, key.private_bytes_raw()),
    )
    conn.execute(
        "INSERT INTO trust (id, organizer_key, organizer_station) VALUES (1, ?, ?)",
        (public, station_id),
    )
    _store_cert(conn, station_id, role, public, station_id, key.sign(
        cert_message(_event_id(conn), station_id, role, public)
    ))  # fmt: skip
    for sid, seq, hlc, entity_id, fields in conn.execute(
        "SELECT station_id, seq, hlc, entity_id, fields FROM changes WHERE entity = 'setting'"
    ).fetchall():
        sign_setting(conn, key, sid, seq, hlc, entity_id, fields)
    log.info("made the organizer's signing key")
    return True


def _store_cert(
    conn: Any, station_id: str, role: str, public: bytes, cert_station: str, cert: bytes
) -> None:
    conn.execute(
        "INSERT OR REPLACE INTO station_keys (station_id, role, public_key, cert_station, cert) "
        "VALUES (?, ?, ?, ?, ?)",
        (station_id, role, public, cert_station, cert),
    )


def certify_new_station(conn: Any, station_id: str, role: str) -> bytes:
    """Organizer: a fresh key for a new station, certified; returns its private bytes."""
    root = own_key(conn)
    if not is_organizer_key(conn, root):
        raise RuntimeError("only the organizer's file certifies stations")
    assert root is not None
    key = Ed25519PrivateKey.generate()
    public = public_bytes(key)
    cert = root.sign(cert_message(_event_id(conn), station_id, role, public))
    _store_cert(conn, station_id, role, public, station_id, cert)
    return key.private_bytes_raw()


# --- certificates ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Signer:
    station_id: str  # the station the certificate names
    role: Role
    public_key: bytes

    def to_json(self, cert: bytes) -> dict[str, Any]:
        return {
            "station_id": self.station_id,
            "role": self.role.value,
            "key": self.public_key.hex(),
            "cert": cert.hex(),
        }


def own_signer(conn: Any) -> tuple[Ed25519PrivateKey, dict[str, Any]] | None:
    """This station's key and its certificate as sent in a manifest (None: no key)."""
    key = own_key(conn)
    if key is None:
        return None
    public = public_bytes(key)
    row = conn.execute(
        "SELECT cert_station, role, cert FROM station_keys WHERE public_key = ? "
        "AND station_id = cert_station",
        (public,),
    ).fetchone()
    if row is None:
        return None
    station, role, cert = row
    return key, Signer(station, Role(role), public).to_json(bytes(cert))


def check_signer(conn: Any, claimed: Any) -> Signer | None:
    """The certified signer a manifest names, or None when the chain does not hold."""
    root = organizer_key(conn)
    if root is None or not isinstance(claimed, dict):
        return None
    try:
        station_id = str(claimed["station_id"])
        role = Role(str(claimed["role"]))
        public = bytes.fromhex(str(claimed["key"]))
        cert = bytes.fromhex(str(claimed["cert"]))
    except (KeyError, ValueError, TypeError):
        return None
    if not verify(root, cert, cert_message(_event_id(conn), station_id, role.value, public)):
        return None
    if role is Role.ORGANIZER and public != root:
        return None  # only the organizer's own key holds the organizer role
    return Signer(station_id, role, public)


def remember_signer(conn: Any, signer: Signer, cert_hex: str, sender_id: str) -> None:
    """Record a checked certificate (and a copied file's new identity under the same key)."""
    cert = bytes.fromhex(cert_hex)
    _store_cert(conn, signer.station_id, signer.role.value, signer.public_key,
                signer.station_id, cert)  # fmt: skip
    if sender_id != signer.station_id:
        _store_cert(conn, sender_id, signer.role.value, signer.public_key, signer.station_id, cert)


def known_certs(conn: Any) -> list[dict[str, Any]]:
    """Every station certificate this file holds (as a manifest names a signer), so
    the stations that import a bundle learn them: a door needs every desk's key to
    check the badges that desk mints (``checkin.door.codes`` format 2)."""
    return [
        Signer(sid, Role(role), bytes(public)).to_json(bytes(cert))
        for sid, role, public, cert in conn.execute(
            "SELECT station_id, role, public_key, cert FROM station_keys "
            "WHERE station_id = cert_station ORDER BY station_id"
        )
    ]


def learn_certs(conn: Any, claims: Any) -> int:
    """Store the certificates among ``claims`` whose chain holds and that this file does
    not know yet (a station's own id only: a copy's new identity is bound to its key by
    its own signed bundle, :func:`remember_signer`). Returns how many were new."""
    if not isinstance(claims, list):
        return 0
    learnt = 0
    for claim in claims[:1000]:
        signer = check_signer(conn, claim)
        if signer is None:
            continue
        held = conn.execute(
            "SELECT public_key FROM station_keys WHERE station_id = ?", (signer.station_id,)
        ).fetchone()
        if held is not None:
            continue  # known (or bound to a key already: never rebound)
        _store_cert(conn, signer.station_id, signer.role.value, signer.public_key,
                    signer.station_id, bytes.fromhex(str(claim["cert"])))  # fmt: skip
        learnt += 1
    return learnt


def may_write_as(conn: Any, signer: Signer, sender_id: str) -> bool:
    """A key writes as the station it was certified for, or as a new identity of it (a
    copied file takes a fresh station id and keeps its key), never as another's."""
    if sender_id == signer.station_id:
        return True
    row = conn.execute(
        "SELECT public_key FROM station_keys WHERE station_id = ?", (sender_id,)
    ).fetchone()
    if row is not None:
        return bytes(row[0]) == signer.public_key
    organizer = conn.execute("SELECT organizer_station FROM trust").fetchone()
    own = conn.execute("SELECT station_id FROM local").fetchone()[0]
    return sender_id not in {own, organizer[0] if organizer else None}


# --- setting changes ------------------------------------------------------------------


def setting_message(
    event_id: str, station_id: str, seq: int, hlc: int, entity_id: str, fields: str
) -> bytes:
    return SETTING_CONTEXT + canonical(
        [event_id, station_id, int(seq), int(hlc), entity_id, fields]
    )


def sign_setting(
    conn: Any, key: Ed25519PrivateKey, station_id: str, seq: int, hlc: int, entity_id: str,
    fields: str,
) -> None:  # fmt: skip
    sig = key.sign(setting_message(_event_id(conn), station_id, seq, hlc, entity_id, fields))
    conn.execute(
        "INSERT OR REPLACE INTO row_sigs (station_id, seq, sig) VALUES (?, ?, ?)",
        (station_id, seq, sig),
    )


def setting_sigs(conn: Any, table: str, schema: str = "main") -> dict[str, str]:
    """``"station:seq" -> signature hex`` for the setting changes in a (staged) changes table."""
    return {
        f"{sid}:{seq}": bytes(sig).hex()
        for sid, seq, sig in conn.execute(
            f"SELECT c.station_id, c.seq, s.sig FROM {schema}.{table} c JOIN main.row_sigs s "
            "ON s.station_id = c.station_id AND s.seq = c.seq WHERE c.entity = 'setting'"
        )
    }


def unsigned_settings(
    conn: Any, staged_changes: str, sigs: dict[str, Any], *, store: bool
) -> list[str]:
    """Setting changes in a staged table (not held yet) without a valid organizer signature
    (returns their keys); with ``store``, the valid signatures are kept in ``row_sigs``."""
    root = organizer_key(conn)
    event_id = _event_id(conn)
    bad: list[str] = []
    for sid, seq, hlc, entity_id, fields in conn.execute(
        f"SELECT t.station_id, t.seq, t.hlc, t.entity_id, t.fields FROM {staged_changes} t "
        "WHERE t.entity = 'setting' AND NOT EXISTS (SELECT 1 FROM main.changes m WHERE "
        "m.station_id = t.station_id AND m.seq = t.seq AND m.fields IS t.fields)"
    ).fetchall():
        sig_hex = sigs.get(f"{sid}:{seq}") if isinstance(sigs, dict) else None
        try:
            sig = bytes.fromhex(str(sig_hex)) if sig_hex else b""
        except ValueError:
            sig = b""
        message = setting_message(event_id, sid, seq, hlc, str(entity_id), str(fields))
        if root is None or not sig or not verify(root, sig, message):
            bad.append(str(entity_id))
            continue
        if store:
            conn.execute(
                "INSERT OR REPLACE INTO row_sigs (station_id, seq, sig) VALUES (?, ?, ?)",
                (sid, seq, sig),
            )
    return bad


# --- manifests ------------------------------------------------------------------------


def sign_body(key: Ed25519PrivateKey, body: dict[str, Any], context: bytes = BUNDLE_CONTEXT) -> str:
    return key.sign(context + canonical({k: v for k, v in body.items() if k != "signature"})).hex()


def body_signed_by(signer: Signer, body: dict[str, Any], context: bytes = BUNDLE_CONTEXT) -> bool:
    try:
        sig = bytes.fromhex(str(body.get("signature", "")))
    except ValueError:
        return False
    message = context + canonical({k: v for k, v in body.items() if k != "signature"})
    return bool(sig) and verify(signer.public_key, sig, message)


def author_roles(conn: Any) -> dict[str, Role]:
    """Station id -> certified role, for every station whose key this file knows."""
    return {
        sid: Role(role) for sid, role in conn.execute("SELECT station_id, role FROM station_keys")
    }
