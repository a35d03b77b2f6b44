"""The hub's rows: what a station puts on the hub and what it takes from it.

Each synced log row is serialized (JSON, sorted keys), sealed with AES-256-GCM under a
key derived from the event's sync secret (``Keys``; the row's place is the associated
data, ``_aad``) and given a keyed digest; the sealed payload goes inside a signed
envelope (``_envelope``, ``_unwrap``). A pulled row counts only when its signer is a
certified station of this event (``_signed``) allowed to write it (``_allowed``).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from checkin.models import Role
from checkin.protect import retention
from checkin.sync import state, trust
from checkin.sync.state import quote


@dataclass(frozen=True)
class Keys:
    cipher: AESGCM | None
    mac: bytes

    @classmethod
    def for_file(cls, conn: Any) -> Keys:
        key = state.payload_key(conn, "hub")
        if key is None:
            event_id = conn.execute("SELECT event_id FROM event").fetchone()[0]
            return cls(None, hashlib.sha256(f"checkin hub plain|{event_id}".encode()).digest())
        return cls(AESGCM(key), hashlib.sha256(b"mac|" + key).digest())

    def check(self) -> str:
        return hmac.new(self.mac, b"checkin hub key check v1", hashlib.sha256).hexdigest()

    def digest(self, plain: bytes) -> str:
        return hmac.new(self.mac, plain, hashlib.sha256).hexdigest()[:40]

    def seal(self, aad: bytes, plain: bytes) -> bytes:
        if self.cipher is None:
            return b"\x00" + plain
        nonce = os.urandom(12)
        return b"\x01" + nonce + self.cipher.encrypt(nonce, plain, aad)

    def open(self, aad: bytes, payload: bytes) -> bytes:
        if payload[:1] == b"\x00":
            return payload[1:]
        if self.cipher is None:
            raise ValueError("encrypted payload, no key")
        return self.cipher.decrypt(payload[1:13], payload[13:], aad)


def _aad(event_id: str, log_name: str, station_id: str, seq: int) -> bytes:
    return f"{event_id}|{log_name}|{station_id}|{seq}".encode()


# --- signed rows ----------------------------------------------------------------------
#
# Every row on the hub is signed by the station that pushed it (its certified key, see
# checkin.sync.trust) over the row's place and digest; a setting change also carries
# the organizer's signature of the row itself. The envelope: b"\x02", two bytes of
# header length, the header (JSON: signer station, signature, setting signature) and
# the sealed payload. Rows whose signature, certificate or role does not hold are
# skipped and counted (``HubResult.refused``): write access to the database alone
# cannot inject a row, close the event or wipe anything.

SIGNED = b"\x02"


def _row_message(aad: bytes, digest: str) -> bytes:
    return trust.HUB_CONTEXT + aad + b"|" + digest.encode()


def _envelope(key: Any, signer_id: str, aad: bytes, digest: str, sealed: bytes,
              setting_sig: bytes | None) -> bytes:  # fmt: skip
    header: dict[str, str] = {"by": signer_id, "sig": key.sign(_row_message(aad, digest)).hex()}
    if setting_sig:
        header["ss"] = bytes(setting_sig).hex()
    raw = json.dumps(header, separators=(",", ":")).encode()
    return SIGNED + len(raw).to_bytes(2, "big") + raw + sealed


def _unwrap(payload: bytes) -> tuple[dict[str, Any], bytes] | None:
    if payload[:1] != SIGNED or len(payload) < 3:
        return None
    size = int.from_bytes(payload[1:3], "big")
    try:
        header = json.loads(payload[3 : 3 + size])
    except ValueError:
        return None
    if not isinstance(header, dict):
        return None
    return header, payload[3 + size :]


def _signed(signer: trust.Signer, header: dict[str, Any], aad: bytes, digest: str) -> bool:
    try:
        sig = bytes.fromhex(str(header.get("sig", "")))
    except ValueError:
        return False
    return trust.verify(signer.public_key, sig, _row_message(aad, digest))


def _allowed(
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


def _pairs(cols: list[str]) -> str:
    return ", ".join(f"'{c}', {quote(c)}" for c in cols)


class _Pulled:
    """The rows of one pulled chunk that passed the checks, to merge in one write."""

    def __init__(self) -> None:
        self.by_log: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.seqs: dict[str, list[int]] = defaultdict(list)  # station -> sequences pulled
        self.sigs: list[tuple[str, int, bytes]] = []  # the organizer's setting signatures


class _RowCheck:
    """Whether a pulled row counts: signed by a certified station of this event, sealed
    with the event's key, matching its digest and place, within its signer's role, and
    not from a retired key after it was retired. Others are counted as refused."""

    def __init__(
        self,
        me: state.Me,
        keys: Keys,
        signers: Callable[[], dict[str, trust.Signer]],
        gone: dict[str, int],
        result: Any,
    ) -> None:
        """``signers``: the certified signers known now (asked again when a row's signer
        is not among them); ``gone``: retired stations -> their last accepted sequence;
        ``result``: counts the refused rows (``HubResult``)."""
        self.me, self.keys, self.result = me, keys, result
        self.refresh = signers
        self.signers = signers()
        self.gone = gone
        self.asked: set[str] = set()
        self.known = set(state.synced_logs())

    def take(
        self, into: _Pulled, log_name: str, station_id: str, seq: int, digest: str, payload: Any
    ) -> None:
        if log_name not in self.known:
            return  # a log of a newer version; the cursor reset brings it later
        me, keys, result = self.me, self.keys, self.result
        aad = _aad(me.event_id, log_name, station_id, seq)
        opened = _unwrap(bytes(payload))
        by = str(opened[0].get("by")) if opened else ""
        if opened and by not in self.signers and by not in self.asked:
            self.asked.add(by)  # its certificate reached the hub after we looked
            self.signers = self.refresh()
        signers = self.signers
        signer = signers.get(by) if opened else None
        if opened is None or signer is None or not _signed(signer, opened[0], aad, digest):
            result.refused += 1
            return
        try:
            plain = keys.open(aad, opened[1])
            item = json.loads(plain)
        except Exception:  # altered on the server (the event key was checked)
            result.refused += 1
            return
        if not hmac.compare_digest(keys.digest(plain), digest):
            result.refused += 1
            return
        upto = self.gone.get(signer.station_id)
        if upto is not None and (station_id != signer.station_id or seq > upto):
            result.refused += 1  # a retired key: only its own rows from before
            return
        if not isinstance(item, dict) or not _allowed(
            signer, signers, log_name, station_id, item, opened[0], me.event_id
        ):
            result.refused += 1
            return
        if item.get("station_id") != station_id or item.get("seq") != seq:
            result.refused += 1
            return
        into.by_log[log_name].append(item)
        settings_sig = opened[0].get("ss")
        if log_name == "changes" and settings_sig:
            into.sigs.append((station_id, seq, bytes.fromhex(settings_sig)))
        into.seqs[station_id].append(seq)


def _rows_to_push(
    conn: Any,
    me: state.Me,
    keys: Keys,
    signing: tuple[Any, dict[str, Any]],
    pushed: dict[str, int],
    vec: dict[str, int],
    own_ids: list[str] | None,
) -> list[tuple[Any, ...]]:
    """Every synced log row above what the hub is known to hold (only those of
    ``own_ids`` when given), sealed and signed, in push order."""
    signer_id = signing[1]["station_id"]
    setting_sigs = {
        (sid, int(seq)): bytes(sig)
        for sid, seq, sig in conn.execute("SELECT station_id, seq, sig FROM row_sigs")
    }
    rows: list[tuple[Any, ...]] = []
    for table in state.synced_logs():
        cols = sorted(state.log_columns(conn, table))
        for station_id, upto in sorted(vec.items()):
            if own_ids is not None and station_id not in own_ids:
                continue
            start = pushed.get(station_id, 0)
            if upto <= start:
                continue
            for station, seq, hlc, text in conn.execute(
                f"SELECT station_id, seq, hlc, json_object({_pairs(cols)}) FROM "
                f"{quote(table)} WHERE station_id = ? AND seq > ? ORDER BY seq",
                (station_id, start),
            ):
                plain = text.encode()
                aad = _aad(me.event_id, table, station, seq)
                digest = keys.digest(plain)
                payload = _envelope(
                    signing[0], signer_id, aad, digest, keys.seal(aad, plain),
                    setting_sigs.get((station, seq)) if table == "changes" else None,
                )  # fmt: skip
                rows.append(
                    (me.event_id, table, station, seq, hlc, digest, payload, me.instance_id)
                )
    return rows


def _wiped_rows(
    conn: Any,
    keys: Keys,
    signing: tuple[Any, dict[str, Any]],
    event_id: str,
    log_name: str,
    rows: list[tuple[Any, ...]],
) -> list[tuple[str, bytes, int]]:
    """One log's hub rows wiped as a station wipes them (on a temporary table of this
    file's SQLite) and sealed again: (digest, payload, position) of those that changed."""
    decls = state.log_declarations(conn, log_name)
    cols = [name for name, _ in decls]
    conn.execute("DROP TABLE IF EXISTS temp.checkin_hub_wipe")
    coldefs = ", ".join(f"{quote(n)} {d}" for n, d in decls)
    conn.execute(f"CREATE TEMP TABLE checkin_hub_wipe (_pos INTEGER, {coldefs})")
    staged = []
    digests = {}
    for pos, station_id, seq, digest, payload in rows:
        opened = _unwrap(bytes(payload))
        if opened is None:
            continue  # not signed: no station takes it anyway
        try:
            plain = keys.open(_aad(event_id, log_name, station_id, seq), opened[1])
        except Exception:
            continue  # altered on the server: no station takes it anyway
        item = json.loads(plain)
        staged.append((pos, *(item.get(c) for c in cols)))
        digests[pos] = (digest, station_id, seq)
    marks = ", ".join("?" for _ in range(len(cols) + 1))
    conn.executemany(f"INSERT INTO temp.checkin_hub_wipe VALUES ({marks})", staged)
    retention.wipe_log_table(conn, log_name, "temp.checkin_hub_wipe")
    ordered = sorted(cols)
    updates: list[tuple[str, bytes, int]] = []
    for pos, text in conn.execute(
        f"SELECT _pos, json_object({_pairs(ordered)}) FROM temp.checkin_hub_wipe"
    ).fetchall():
        plain_new = text.encode()
        old_digest, station_id, seq = digests[pos]
        new_digest = keys.digest(plain_new)
        if new_digest != old_digest:
            aad = _aad(event_id, log_name, station_id, seq)
            sealed = _envelope(signing[0], signing[1]["station_id"], aad, new_digest,
                               keys.seal(aad, plain_new), None)  # fmt: skip
            updates.append((new_digest, sealed, pos))
    conn.execute("DROP TABLE IF EXISTS temp.checkin_hub_wipe")
    return updates
