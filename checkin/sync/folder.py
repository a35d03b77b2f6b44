"""Sync through a shared folder (a network share at the venue, a synced cloud folder).

Each station writes only its own bundle into the folder (``<station id>.ckbundle``) and
reads the others'. The organizer and desks also write their rows as door kiosks see them
(``<station id>.door.ckbundle`` and ``.bare.ckbundle``, :mod:`checkin.sync.keys`) once
the event has a scan-only kiosk; a kiosk reads those, and a station that keeps every
field reads the full ones. No database is ever opened on the share: a peer's bundle is copied
to a local temporary file before it is read, and our bundle is written locally, then
copied to a hidden temporary name on the share and renamed into place, so a reader
never sees half of it. Bundles that did not change since the last round are skipped;
our bundle is rewritten only when there is something new to say.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checkin import errors
from checkin.clock import Clock
from checkin.db.eventfile import EventFile
from checkin.models import Role
from checkin.sync import bundle, keys, limits, state
from checkin.sync.errors import FolderUnavailable

log = logging.getLogger(__name__)

# Refusals reported once only: a retired station's last bundle stays in the folder on
# purpose and is no problem to report again.
QUIET_REFUSALS = frozenset({"bundle_from_retired_station"})


@dataclass
class FolderResult:
    folder: Path
    imported: int = 0
    read: list[str] = field(default_factory=list)
    unchanged: int = 0
    refused: list[dict[str, Any]] = field(default_factory=list)
    sent: int = 0
    wrote: bool = False
    notice: state.IdentityNotice | None = None
    new_data: bool = False
    closed: dict[str, Any] | None = None  # the organizer's close arrived: who and when

    def to_json(self) -> dict[str, Any]:
        return {
            **({"closed": self.closed} if self.closed else {}),
            "folder": str(self.folder),
            "imported": self.imported,
            "read": self.read,
            "unchanged": self.unchanged,
            "refused": self.refused,
            "sent": self.sent,
            "wrote": self.wrote,
        }


def bundle_name(station_id: str, view: keys.View | None = None) -> str:
    """A station's bundle in the folder: its own view (None), or written for doors."""
    if view is None or view is keys.View.FULL:
        return f"{station_id}{bundle.SUFFIX}"
    return f"{station_id}.{view.label}{bundle.SUFFIX}"


def _pick(entries: list[Path], held: keys.View, own: str) -> list[Path]:
    """One bundle per other station: the one written for this file's view if there is
    one (a kiosk), else the station's own (every station writes one)."""
    by_station: dict[str, dict[str, Path]] = {}
    for path in entries:
        if path.name.startswith("."):
            continue
        parts = path.name[: -len(bundle.SUFFIX)].split(".")
        if parts[0] == own or len(parts) > 2:
            continue
        by_station.setdefault(parts[0], {})[parts[1] if len(parts) == 2 else "own"] = path
    wanted = "own" if held is keys.View.FULL else held.label
    return [files.get(wanted) or files["own"] for files in by_station.values() if "own" in files]


def sync_folder(ef: EventFile, folder: str | os.PathLike[str], clock: Clock) -> FolderResult:
    """One round: import the others' bundles that changed, then write ours."""
    target = Path(folder)
    if not target.is_dir():
        raise FolderUnavailable(str(target))
    result = FolderResult(target)
    result.notice = state.ensure_identity(ef, clock.now_ms())
    with ef.read() as conn:
        me = state.me(conn)
        held = keys.held_view(conn)
        seen_files: dict[str, list[Any]] = state.get_local(conn, "folder_seen", {}) or {}
    own = bundle_name(me.station_id)
    peers: list[str] = []
    try:
        entries = _pick(sorted(target.glob("*" + bundle.SUFFIX)), held, me.station_id)
    except OSError as exc:
        raise FolderUnavailable(str(target)) from exc
    work = Path(tempfile.mkdtemp(prefix="checkin-sync-"))
    try:
        fetched: list[tuple[Path, Path, list[Any]]] = []
        for path in entries:
            try:
                st = path.stat()
            except OSError:
                continue
            stamp = [st.st_size, st.st_mtime_ns]
            previous = seen_files.get(path.name)
            if previous and previous[:2] == stamp:
                result.unchanged += 1
                if len(previous) > 2 and previous[2]:
                    peers.append(previous[2])
                if len(previous) > 5:
                    # Refused before and still there: keep saying so (a wrong-event or
                    # damaged bundle means a door's check-ins never arrive), without
                    # reading it again.
                    result.refused.append(
                        {"file": path.name, "error": previous[3], "message": previous[4],
                         "message_ko": previous[5]}
                    )  # fmt: skip
                continue
            local = work / path.name
            try:
                limits.check_bundle_size(path)  # a huge file is not even copied
            except errors.CheckinError as exc:
                _note_refusal(result, seen_files, path, stamp, exc)
                continue
            except OSError:
                continue
            try:
                shutil.copyfile(path, local)
            except OSError:
                continue  # being replaced right now; next round
            fetched.append((path, local, stamp))
        outcomes = bundle.import_bundles(ef, [f[1] for f in fetched], clock, kind="folder")
        for (path, _local, stamp), outcome in zip(fetched, outcomes, strict=True):
            if isinstance(outcome, errors.CheckinError):
                _note_refusal(result, seen_files, path, stamp, outcome)
                continue
            sender = outcome.sender.get("station_id", "")
            if sender:
                peers.append(sender)
            seen_files[path.name] = [*stamp, sender]
            result.imported += outcome.imported
            result.read.append(path.name)
            result.closed = result.closed or outcome.merge.closed
        with ef.write() as conn:
            state.set_local(conn, "folder_seen", seen_files)
        result.new_data = result.imported > 0
        _write_own(ef, target, own, sorted(set(peers)), clock, work, result)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    with ef.write() as conn:
        state.set_local(conn, "last_folder_sync", clock.now_ms())
        state.record_history(
            conn, clock.now_ms(), "folder", not result.refused, imported=result.imported,
            sent=result.sent, detail="; ".join(r["error"] for r in result.refused),
        )  # fmt: skip
    return result


def _note_refusal(
    result: FolderResult,
    seen_files: dict[str, list[Any]],
    path: Path,
    stamp: list[Any],
    outcome: errors.CheckinError,
) -> None:
    """Report a refused bundle, and remember it so it is not read again unchanged."""
    result.refused.append(
        {"file": path.name, "error": outcome.code, "message": outcome.en,
         "message_ko": outcome.ko}
    )  # fmt: skip
    log.info("folder bundle refused: %s", outcome.code)
    seen_files[path.name] = [*stamp, ""]
    if outcome.code not in QUIET_REFUSALS:
        seen_files[path.name] += [outcome.code, outcome.en, outcome.ko]


def _write_own(
    ef: EventFile,
    target: Path,
    own: str,
    peers: list[str],
    clock: Clock,
    work: Path,
    result: FolderResult,
) -> None:
    with ef.read() as conn:
        me = state.me(conn)
        if me.station_id in state.retired(conn):
            return
        vec = state.vector(conn)
        lower = state.lower_bound_for_peers(conn, peers)
        last = state.get_local(conn, "folder_written", None)
        views: list[keys.View | None] = [None]
        if keys.held_view(conn) is keys.View.FULL and not me.stripped and _has_kiosks(conn):
            views += [keys.View.DOOR, keys.View.BARE]  # what the door kiosks read
    names = [bundle_name(me.station_id, v) for v in views]
    fingerprint = {"vector": vec, "lower": lower, "peers": peers, "files": names}
    if last == fingerprint and all((target / name).exists() for name in names):
        return
    for view, name in zip(views, names, strict=True):
        local = work / name
        exported = bundle.export_bundle(
            ef, local, clock, peers=peers, kind="folder-write", view=view
        )
        _publish(local, target, name)
        if view is None:
            result.sent = exported.total
    result.wrote = True
    with ef.write() as conn:
        state.set_local(conn, "folder_written", fingerprint)


def _has_kiosks(conn: Any) -> bool:
    return bool(
        conn.execute(
            "SELECT 1 FROM stations WHERE role = ? AND retired = 0 LIMIT 1",
            (Role.SCAN_ONLY.value,),
        ).fetchone()
    )


def _publish(local: Path, target: Path, name: str) -> None:
    """Copy a bundle to the share under a hidden name, then rename it into place."""
    staging = target / f".{name}.{os.urandom(4).hex()}.tmp"
    try:
        shutil.copyfile(local, staging)
        with open(staging, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(staging, target / name)
    except OSError as exc:
        with contextlib.suppress(OSError):
            staging.unlink()
        raise FolderUnavailable(str(target)) from exc
