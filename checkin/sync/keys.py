"""Which sync keys a station holds, by role, and what each one opens.

Sync data comes in three **views**, each encrypted under its own secret. A view's
secret derives the secrets of the views below it (HKDF-SHA256, one way), never one
above it:

- ``full``: every field. The event's *sync secret* (:func:`checkin.sync.state.sync_secret`);
  the organizer derives it from the event key, a desk holds it.
- ``door``: what a scan-only kiosk with personal fields shows: no full names, phones,
  e-mails, notes or external ids (``HIDDEN_ON_SCAN_ONLY``); badge names, categories,
  organizations and access needs stay (the door must know about a wheelchair).
- ``bare``: what a kiosk provisioned ``--no-personal`` holds: no personal field and no
  organization (``STRIPPED_FIELDS``); badge names, categories, registration numbers,
  statuses and badge versions. Check-ins, the audit log, the print log and settings are
  the same in every view: they hold no personal field (a setting with a PIN hash stored
  in the clear by an old version is left out of the door and bare views).

What each station's file holds (:func:`package_secrets`):

======================  ============================================================
organizer               the event key (badge format 1; derives the sync secret), its
                        organizer key (the root of trust)
desk                    the sync secret, the PIN seal key, its own certified key
                        (badge format 2); not the event key
scan-only (personal)    the door secret, its own certified key
scan-only (no personal) the bare secret, its own certified key
======================  ============================================================

A scan-only kiosk never holds the sync secret or anything it could derive the full
bundle or hub keys from; what it sends (its own check-ins and audit rows, the same in
every view) goes out in the bare view, which every other station reads. Files made by
earlier versions keep what they hold and keep working; :func:`legacy_warning` says when
a scan-only file still holds the sync secret, or a desk the event key (provision it
again).
"""

from __future__ import annotations

import enum
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from checkin.models import HIDDEN_ON_SCAN_ONLY, Role
from checkin.sync import state
from checkin.sync.texts import SyncTexts as T

KEY_BYTES = 32
DOOR_SECRET = "door_secret"  # secrets.name on a scan-only kiosk with personal fields
BARE_SECRET = "bare_secret"  # secrets.name on a kiosk provisioned --no-personal


class View(enum.IntEnum):
    """A view of the synced rows; a higher view sees more (and opens the lower ones)."""

    BARE = 1
    DOOR = 2
    FULL = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: Any) -> View:
        try:
            return cls[str(text).upper()]
        except KeyError:
            raise ValueError(f"unknown view {text!r}") from None


# the attendee fields a view leaves out of every change row
REMOVED_FIELDS: dict[View, tuple[str, ...]] = {
    View.FULL: (),
    View.DOOR: HIDDEN_ON_SCAN_ONLY,
    View.BARE: state.STRIPPED_FIELDS,
}


def view_for(role: Role | str, personal: bool) -> View:
    """The view a station of this role sees (and is given)."""
    if Role(role) is not Role.SCAN_ONLY:
        return View.FULL
    return View.DOOR if personal else View.BARE


def _hkdf(secret: bytes, info: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None, info=info.encode()).derive(
        secret
    )


def _event_id(conn: Any) -> str:
    return str(conn.execute("SELECT event_id FROM event").fetchone()[0])


def _stored(conn: Any, name: str) -> bytes | None:
    row = conn.execute("SELECT value FROM secrets WHERE name = ?", (name,)).fetchone()
    return bytes(row[0]) if row else None


def secret(conn: Any, view: View) -> bytes | None:
    """The secret of ``view`` this file holds or can derive, or None."""
    if view is View.FULL:
        return state.sync_secret(conn)
    stored = _stored(conn, DOOR_SECRET if view is View.DOOR else BARE_SECRET)
    if stored is not None:
        return stored
    above = secret(conn, View(view + 1))
    if above is None:
        return None
    return _hkdf(above, f"checkin {view.label} secret v1|{_event_id(conn)}")


def own_view(conn: Any) -> View | None:
    """The highest view this file can read (None: a file made before sync had keys)."""
    for view in (View.FULL, View.DOOR, View.BARE):
        if secret(conn, view) is not None:
            return view
    return None


def readable(conn: Any) -> list[View]:
    """Every view this file can open, highest first."""
    top = own_view(conn)
    return [] if top is None else [View(v) for v in range(top, 0, -1)]


def held_view(conn: Any) -> View:
    """The view of the rows this file holds: a scan-only kiosk keeps only its own view
    (it strips what it merges), every other station the full one."""
    label = state.get_local(conn, "view")
    if label:
        return View.parse(label)
    if state.is_stripped(conn):
        return View.BARE
    return View.FULL


def payload_key(conn: Any, purpose: str, view: View) -> bytes | None:
    """A 256-bit key for bundles ("bundle") or hub payloads ("hub") of ``view``.

    The full view's keys are derived as before views existed, so bundles and hub rows
    of older files still open."""
    if view is View.FULL:
        return state.payload_key(conn, purpose)
    base = secret(conn, view)
    if base is None:
        return None
    return _hkdf(base, f"checkin {purpose} key v1|{view.label}|{_event_id(conn)}")


def package_secrets(conn: Any, role: Role, personal: bool) -> dict[str, bytes]:
    """The secrets (besides its own station key) a new station package holds."""
    view = view_for(role, personal)
    if view is View.FULL:
        from checkin.protect import pin as pin_mod

        out = {"sync_secret": _required(secret(conn, View.FULL))}
        seal = pin_mod.seal_key(conn)
        if seal is not None:
            out[pin_mod.SEAL_SECRET] = seal
        return out
    name = DOOR_SECRET if view is View.DOOR else BARE_SECRET
    return {name: _required(secret(conn, view))}


def _required(value: bytes | None) -> bytes:
    if value is None:
        raise RuntimeError("the organizer's file holds no sync secret")
    return value


# --- views of rows (the same SQL for bundles and the hub) ------------------------------


def _paths(view: View) -> tuple[str, ...]:
    return tuple(f"$.{name}" for name in REMOVED_FIELDS[view])


def withheld_sql(prefix: str = "") -> str:
    """A condition on a change row that no door or bare view carries: a PIN hash an old
    version stored in the clear (``checkin.protect.pin``)."""
    from checkin.protect import pin as pin_mod

    p = prefix
    return (
        f"({p}entity = 'setting' AND {p}entity_id = '{pin_mod.SETTING_KEY}' AND "
        f"json_extract({p}fields, '$.value.scheme') IS NOT '{pin_mod.SEALED_SCHEME}' AND "
        f"json_extract({p}fields, '$.value') IS NOT NULL)"
    )


def fields_sql(view: View, prefix: str = "") -> tuple[str, tuple[str, ...]]:
    """The ``fields`` of a change row in ``view``: an SQL expression and its parameters."""
    paths = _paths(view)
    if not paths:
        return f"{prefix}fields", ()
    marks = ", ".join("?" for _ in paths)
    # ('' || ...: plain text, as stored; json_object would nest a JSON value)
    return (
        f"('' || CASE WHEN {prefix}entity = 'attendee' THEN json_remove({prefix}fields, "
        f"{marks}) ELSE {prefix}fields END)",
        paths,
    )


def strip_fields(conn: Any, table: str, view: View) -> None:
    """Remove from the attendee change rows in ``table`` the fields ``view`` leaves out."""
    paths = _paths(view)
    if not paths:
        return
    marks = ", ".join("?" for _ in paths)
    conn.execute(
        f"UPDATE {table} SET fields = json_remove(fields, {marks}) WHERE entity = 'attendee'",
        paths,
    )


def apply_view(conn: Any, table: str, view: View) -> int:
    """Turn the change rows in ``table`` (a bundle's) into ``view``; returns the rows
    left out (the version vector skips them: a door never gets them)."""
    if view is View.FULL:
        return 0
    dropped = int(conn.execute(f"DELETE FROM {table} WHERE {withheld_sql()}").rowcount)
    strip_fields(conn, table, view)
    return dropped


def personal_row_sql(prefix: str = "") -> str:
    """A condition on a change row whose views differ from the full row."""
    return f"({prefix}entity = 'attendee' OR {withheld_sql(prefix)})"


# --- what a file holds ----------------------------------------------------------------


def holdings(conn: Any) -> dict[str, Any]:
    """Which keys this file holds (names and views only, never a key)."""
    names = sorted(r[0] for r in conn.execute("SELECT name FROM secrets"))
    top = own_view(conn)
    return {
        "secrets": names,
        "view": top.label if top is not None else None,
        "holds": held_view(conn).label,
        "legacy_sync_secret": _legacy(conn) == "sync_secret",
        "legacy_event_key": _legacy(conn) == "event_key",
    }


def _legacy(conn: Any) -> str | None:
    """What a station file made before per-role keys still holds that its role should
    not: "sync_secret" (a scan-only kiosk), "event_key" (a desk), or None."""
    role = conn.execute("SELECT role FROM local").fetchone()[0]
    if role == Role.SCAN_ONLY.value:
        held = _stored(conn, "sync_secret") is not None or _stored(conn, "signing_key") is not None
        return "sync_secret" if held else None
    if role == Role.DESK.value and _stored(conn, "signing_key") is not None:
        return "event_key"
    return None


def legacy_warning(conn: Any) -> tuple[str, str] | None:
    """(English, Korean) when a station file made by a version before per-role keys
    still holds a key its role should not: a scan-only kiosk the event's sync secret
    (whoever has it and its passphrase can read every station's personal data in
    bundles and on the hub), a desk the event key (badges for anyone could be minted
    with it)."""
    kind = _legacy(conn)
    if kind == "event_key":
        return T.legacy_desk_holds_event_key.pair()
    if kind is None:
        return None
    return T.legacy_kiosk_holds_sync_secret.pair()
