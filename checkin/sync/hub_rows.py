"""Hub rows: how a log row is sealed for the PostgreSQL hub, per view, and opened again.

Every row is stored once per view that differs (:mod:`checkin.sync.keys`) in the hub's
``checkin_hub_sealed`` table:

- ``bare_payload`` (every row): the row as every station may read it, under the bare
  key: check-ins, the audit and print logs, settings, and attendee changes without any
  personal field;
- ``door_payload`` and ``full_payload`` (attendee changes only, and a PIN hash an old
  version stored in the clear): the door view under the door key, the full row under
  the key of the event's sync secret. A view a row must not reach holds ``null``.

A payload is an envelope: ``b"\\x03"``, two bytes of header length, the header (JSON:
the signing station ``by``, the view ``v``, the view's keyed digest ``d``, the station's
signature ``sig`` over the row's place, view and digest, and for a setting change the
organizer's signature ``ss``), then the row sealed with AES-256-GCM under that view's
key (nonce first; the row's place and view are the associated data). The ``digest``
column (the keyed digest of the row's highest view) only tells a repeated push from a
clash; nothing is trusted because of it. Rows pushed before views (``checkin_hub_row``,
envelope ``b"\\x02"`` under the full key) are opened by :func:`open_legacy`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from checkin.models import Role
from checkin.sync import keys, state, trust

SIGNED = b"\x02"  # an envelope before views (checkin_hub_row)
SEALED = b"\x03"
HUB_VIEW_CONTEXT = b"checkin hub row v2\n"
WITHHELD = b"null"  # the plain text of a view a row does not reach


def aad(event_id: str, log_name: str, station_id: str, seq: int) -> bytes:
    return f"{event_id}|{log_name}|{station_id}|{seq}".encode()


@dataclass(frozen=True)
class ViewKey:
    """The key and the digest key of one view of hub payloads."""

    view: keys.View
    cipher: AESGCM | None
    mac: bytes

    @classmethod
    def derive(cls, conn: Any, view: keys.View) -> ViewKey | None:
        key = keys.payload_key(conn, "hub", view)
        if key is None:
            return None
        return cls(view, AESGCM(key), hashlib.sha256(b"mac|" + key).digest())

    def check(self) -> str:
        """What the hub stores to tell this event's key from another's."""
        return hmac.new(self.mac, b"checkin hub key check v1", hashlib.sha256).hexdigest()

    def digest(self, plain: bytes) -> str:
        return hmac.new(self.mac, plain, hashlib.sha256).hexdigest()[:40]


def view_keys(conn: Any) -> dict[keys.View, ViewKey]:
    """The hub keys of every view this file can open."""
    out = {}
    for view in keys.readable(conn):
        found = ViewKey.derive(conn, view)
        if found is not None:
            out[view] = found
    return out


def _message(row_aad: bytes, view: keys.View, digest: str) -> bytes:
    return HUB_VIEW_CONTEXT + row_aad + b"|" + view.label.encode() + b"|" + digest.encode()


def seal(
    signing: Any, signer_id: str, key: ViewKey, row_aad: bytes, plain: bytes,
    setting_sig: bytes | None = None,
) -> tuple[str, bytes]:  # fmt: skip
    """(the view's digest, the envelope) of one row in ``key.view``."""
    digest = key.digest(plain)
    header: dict[str, str] = {
        "by": signer_id,
        "v": key.view.label,
        "d": digest,
        "sig": signing.sign(_message(row_aad, key.view, digest)).hex(),
    }
    if setting_sig:
        header["ss"] = bytes(setting_sig).hex()
    raw = json.dumps(header, separators=(",", ":")).encode()
    assert key.cipher is not None
    nonce = os.urandom(12)
    sealed = nonce + key.cipher.encrypt(nonce, plain, row_aad + b"|" + key.view.label.encode())
    return digest, SEALED + len(raw).to_bytes(2, "big") + raw + sealed


def unwrap(payload: bytes, marker: bytes = SEALED) -> tuple[dict[str, Any], bytes] | None:
    if payload[:1] != marker or len(payload) < 3:
        return None
    size = int.from_bytes(payload[1:3], "big")
    try:
        header = json.loads(payload[3 : 3 + size])
    except ValueError:
        return None
    if not isinstance(header, dict):
        return None
    return header, payload[3 + size :]


@dataclass
class Opened:
    """A hub row whose signature and digest hold: its signer, header and plain text."""

    signer: trust.Signer
    header: dict[str, Any]
    plain: bytes

    @property
    def withheld(self) -> bool:
        return self.plain == WITHHELD


def open_sealed(
    payload: bytes, key: ViewKey, row_aad: bytes, signers: dict[str, trust.Signer]
) -> Opened | None:
    """Open a payload of ``key.view``; None when the envelope, the view, the signature,
    the decryption or the digest does not hold (altered on the server, or forged)."""
    opened = unwrap(payload)
    if opened is None:
        return None
    header, sealed = opened
    signer = signers.get(str(header.get("by")))
    if signer is None or header.get("v") != key.view.label or key.cipher is None:
        return None
    digest = str(header.get("d", ""))
    try:
        sig = bytes.fromhex(str(header.get("sig", "")))
        plain = key.cipher.decrypt(
            sealed[:12], sealed[12:], row_aad + b"|" + key.view.label.encode()
        )
    except Exception:
        return None
    if not trust.verify(signer.public_key, sig, _message(row_aad, key.view, digest)):
        return None
    if not hmac.compare_digest(key.digest(plain), digest):
        return None
    return Opened(signer, header, plain)


# --- rows pushed before views (checkin_hub_row) --------------------------------------

LEGACY_CONTEXT = trust.HUB_CONTEXT


def open_legacy(
    payload: bytes, digest: str, key: ViewKey, row_aad: bytes, signers: dict[str, trust.Signer]
) -> Opened | None:
    """Open a row pushed before views (the full key, a signature over place and digest)."""
    opened = unwrap(payload, SIGNED)
    if opened is None or key.view is not keys.View.FULL or key.cipher is None:
        return None
    header, sealed = opened
    signer = signers.get(str(header.get("by")))
    if signer is None:
        return None
    try:
        sig = bytes.fromhex(str(header.get("sig", "")))
        if sealed[:1] == b"\x00":
            plain = sealed[1:]
        else:
            plain = key.cipher.decrypt(sealed[1:13], sealed[13:], row_aad)
    except Exception:
        return None
    if not trust.verify(signer.public_key, sig, LEGACY_CONTEXT + row_aad + b"|" + digest.encode()):
        return None
    if not hmac.compare_digest(key.digest(plain), digest):
        return None
    return Opened(signer, header, plain)


# --- the rows a push sends ------------------------------------------------------------


def pairs(cols: list[str], overrides: dict[str, str] | None = None) -> str:
    """``json_object`` arguments for ``cols`` (sorted by the caller), with SQL
    expressions in place of some columns."""
    overrides = overrides or {}
    return ", ".join(f"'{c}', {overrides.get(c, state.quote(c))}" for c in cols)


def _literal_fields(view: keys.View) -> str:
    expr, params = keys.fields_sql(view)
    for value in params:  # constant JSON paths: inlined, so the query takes its own params
        expr = expr.replace("?", "'" + value.replace("'", "''") + "'", 1)
    return expr


def select_sql(table: str, cols: list[str], source: str | None = None) -> str:
    """The rows of one station above a sequence number (params: station, seq), each as
    (station, seq, hlc, full JSON, has views, door JSON, bare JSON); with ``source`` (a
    staging table with a ``_pos`` column), every row of it, ``_pos`` first. The views
    are computed by the same SQL a bundle for doors uses, so a door holds the same text
    whichever way a row reaches it."""
    full = f"json_object({pairs(cols)})"
    if table != "changes":
        extra = "0, NULL, NULL"
    else:
        door, bare = (
            f"CASE WHEN {keys.withheld_sql()} THEN NULL ELSE "
            f"json_object({pairs(cols, {'fields': _literal_fields(v)})}) END"
            for v in (keys.View.DOOR, keys.View.BARE)
        )
        extra = f"{keys.personal_row_sql()}, {door}, {bare}"
    if source is not None:
        return f"SELECT _pos, station_id, seq, hlc, {full}, {extra} FROM {source}"
    return (
        f"SELECT station_id, seq, hlc, {full}, {extra} FROM {state.quote(table)} "
        "WHERE station_id = ? AND seq > ? ORDER BY seq"
    )


# --- what is pushed, and what a pulled row may do -------------------------------------


def seal_row(
    signing: tuple[Any, str], vkeys: dict[keys.View, ViewKey], event_id: str,
    log_name: str, station_id: str, seq: int, full: str, personal: bool, door: str | None,
    bare: str | None, setting_sig: bytes | None,
) -> tuple[str, bytes | None, bytes | None, bytes]:  # fmt: skip
    """(digest, full, door, bare payloads) of one row: a row whose views differ is sealed
    in all three (a view it must not reach gets ``null``), any other only in bare."""
    key, signer_id = signing
    row_aad = aad(event_id, log_name, station_id, seq)
    if not personal:
        digest, bare_env = seal(
            key, signer_id, vkeys[keys.View.BARE], row_aad, full.encode(), setting_sig
        )
        return digest, None, None, bare_env
    digest, full_env = seal(
        key, signer_id, vkeys[keys.View.FULL], row_aad, full.encode(), setting_sig
    )
    views = []
    for view, text in ((keys.View.DOOR, door), (keys.View.BARE, bare)):
        plain = text.encode() if text is not None else WITHHELD
        views.append(seal(key, signer_id, vkeys[view], row_aad, plain)[1])
    return digest, full_env, views[0], views[1]


def rows_to_push(
    conn: Any, me: state.Me, signing: tuple[Any, str], vkeys: dict[keys.View, ViewKey],
    pushed: dict[str, int], vec: dict[str, int], own_ids: set[str] | None,
) -> list[tuple[Any, ...]]:  # fmt: skip
    """The rows the hub lacks, sealed: (event, log, station, seq, hlc, digest, full,
    door, bare, pushed by). ``own_ids``: only these stations' rows (a door kiosk)."""
    setting_sigs = {
        (sid, int(seq)): bytes(sig)
        for sid, seq, sig in conn.execute("SELECT station_id, seq, sig FROM row_sigs")
    }
    full = keys.View.FULL in vkeys
    rows: list[tuple[Any, ...]] = []
    for table in state.synced_logs():
        sql = select_sql(table, sorted(state.log_columns(conn, table)))
        for station_id, upto in sorted(vec.items()):
            if own_ids is not None and station_id not in own_ids:
                continue
            start = pushed.get(station_id, 0)
            if upto <= start:
                continue
            for station, seq, hlc, text, personal, door, bare in conn.execute(
                sql, (station_id, start)
            ):
                if personal and not full:
                    continue  # never: a door sends only its own rows, which have no views
                ss = setting_sigs.get((station, seq)) if table == "changes" else None
                sealed = seal_row(signing, vkeys, me.event_id, table, station, seq, text,
                                   bool(personal), door, bare, ss)  # fmt: skip
                rows.append((me.event_id, table, station, seq, hlc, *sealed, me.instance_id))
    return rows


def allowed(
    signer: trust.Signer, signers: dict[str, trust.Signer], log_name: str, station_id: str,
    item: dict[str, Any], header: dict[str, Any], event_id: str,
) -> bool:  # fmt: skip
    """What the row's signer may push (see ``checkin.sync.trust``)."""
    if signer.role is Role.SCAN_ONLY and (
        log_name not in trust.SCAN_ONLY_LOGS or station_id != signer.station_id
    ):
        return False
    if log_name != "changes":
        return True
    author = signers.get(station_id)
    if author is not None and author.role is Role.SCAN_ONLY:
        return False
    if item.get("entity") != "setting":
        return True
    root = next((s.public_key for s in signers.values() if s.role is Role.ORGANIZER), None)
    try:
        sig = bytes.fromhex(str(header.get("ss", "")))
    except ValueError:
        return False
    if root is None or not sig:
        return False
    return trust.verify(
        root, sig, trust.setting_message(event_id, station_id, int(item.get("seq") or 0),
                                         int(item.get("hlc") or 0), str(item.get("entity_id")),
                                         str(item.get("fields"))),
    )  # fmt: skip


@dataclass
class Chunk:
    """Rows fetched from the hub, checked, waiting to be merged in one transaction."""

    by_log: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))
    seqs: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    sigs: list[tuple[str, int, bytes]] = field(default_factory=list)
    withheld: set[str] = field(default_factory=set)  # stations with rows not for this view
    fetched: int = 0


class RowChecker:
    """Checks one pulled hub row: its envelope, signature, key, author and role."""

    def __init__(
        self, event_id: str, vkeys: dict[keys.View, ViewKey],
        signers: dict[str, trust.Signer], gone: dict[str, int], legacy: bool,
    ) -> None:  # fmt: skip
        self.event_id = event_id
        self.vkeys = vkeys
        self.top = max(vkeys)
        self.signers = signers
        self.gone = gone
        self.legacy = legacy
        self.asked: set[str] = set()
        self.known = set(state.synced_logs())

    def unknown_signer(self, row: tuple[Any, ...]) -> bool:
        """A signer whose certificate may have reached the hub after we looked (once)."""
        payload = row[5] if row[5] is not None else row[6]
        marker = SIGNED if self.legacy else SEALED
        opened = unwrap(bytes(payload), marker) if payload is not None else None
        by = str(opened[0].get("by")) if opened else ""
        if opened and by not in self.signers and by not in self.asked:
            self.asked.add(by)
            return True
        return False

    def _open(self, row: tuple[Any, ...]) -> Opened | None:
        _pos, log_name, station_id, seq, digest, upper, bare = row
        row_aad = aad(self.event_id, log_name, station_id, seq)
        if self.legacy:
            return open_legacy(
                bytes(upper), digest, self.vkeys[keys.View.FULL], row_aad, self.signers
            )
        if upper is not None:
            return open_sealed(bytes(upper), self.vkeys[self.top], row_aad, self.signers)
        return open_sealed(bytes(bare), self.vkeys[keys.View.BARE], row_aad, self.signers)

    def take(self, row: tuple[Any, ...], chunk: Chunk) -> bool:
        """Stage the row in ``chunk``; False when it is refused (counted by the caller)."""
        _pos, log_name, station_id, seq = row[:4]
        if log_name not in self.known:
            return True  # a log of a newer version; the cursor reset brings it later
        opened = self._open(row)
        if opened is None:
            return False
        signer = opened.signer
        upto = self.gone.get(signer.station_id)
        if upto is not None and (station_id != signer.station_id or seq > upto):
            return False  # a retired key: only its own rows from before
        if opened.withheld:  # not for this view; only a station with every field says so
            if signer.role is Role.SCAN_ONLY:
                return False
            chunk.seqs[station_id].append(seq)
            chunk.withheld.add(station_id)
            return True
        try:
            item = json.loads(opened.plain)
        except ValueError:
            return False
        if not isinstance(item, dict) or not allowed(
            signer, self.signers, log_name, station_id, item, opened.header, self.event_id
        ):
            return False
        if item.get("station_id") != station_id or item.get("seq") != seq:
            return False
        setting_sig = opened.header.get("ss")
        if log_name == "changes" and setting_sig and item.get("entity") == "setting":
            chunk.sigs.append((station_id, seq, bytes.fromhex(str(setting_sig))))
        chunk.by_log[log_name].append(item)
        chunk.seqs[station_id].append(seq)
        return True
