"""What the sync screen and ``checkin sync status`` show, and this station's sync setup."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from checkin import errors
from checkin.db.eventfile import EventFile
from checkin.sync import keys, report, state
from checkin.sync.texts import SyncTexts as T

DEFAULT_INTERVAL_S = 10
HUB_INTERVAL_S = 3
MIN_INTERVAL_S = 1
MAX_INTERVAL_S = 3600


@dataclass(frozen=True)
class SyncConfig:
    """Where this station syncs: a shared folder and/or a hub, and how often."""

    folder: str = ""
    hub_url: str = ""
    interval_s: int = DEFAULT_INTERVAL_S

    @property
    def enabled(self) -> bool:
        return bool(self.folder or self.hub_url)

    def to_json(self) -> dict[str, Any]:
        from checkin.sync.hub import describe

        return {
            "folder": self.folder,
            "hub": describe(self.hub_url) if self.hub_url else "",
            "interval_s": self.interval_s,
        }


def load_config(ef: EventFile) -> SyncConfig:
    with ef.read() as conn:
        data = state.get_local(conn, "config", {}) or {}
    return SyncConfig(
        folder=str(data.get("folder", "")),
        hub_url=str(data.get("hub_url", "")),
        interval_s=int(data.get("interval_s", DEFAULT_INTERVAL_S)),
    )


def save_config(ef: EventFile, config: SyncConfig) -> SyncConfig:
    folder = config.folder.strip()
    hub_url = config.hub_url.strip()
    if hub_url and not hub_url.startswith(("postgresql://", "postgres://")):
        raise errors.InvalidInput(T.hub_url_scheme, field="hub_url")
    if not MIN_INTERVAL_S <= int(config.interval_s) <= MAX_INTERVAL_S:
        raise errors.InvalidInput(
            T.interval_range, field="interval_s", low=MIN_INTERVAL_S, high=MAX_INTERVAL_S
        )
    cleaned = SyncConfig(folder, hub_url, int(config.interval_s))
    with ef.write() as conn:
        state.set_local(conn, "config", asdict(cleaned))
    return cleaned


def pending(conn: Any) -> int:
    """This station's rows not yet handed to anyone (bundle, folder or hub)."""
    seq = conn.execute("SELECT seq FROM local").fetchone()[0]
    delivered = max(
        int(state.get_local(conn, "last_exported_seq", 0) or 0),
        int(state.get_local(conn, "hub_pushed_seq", 0) or 0),
    )
    return max(0, int(seq) - delivered)


def status(ef: EventFile) -> dict[str, Any]:
    with ef.read() as conn:
        me = state.me(conn)
        gone = state.retired(conn)
        stations = [
            {"station_id": sid, "name": name, "station_no": no, "role": role,
             "retired": bool(retired) or sid in gone, "seen_seq": seen, "last_seen_at": last,
             "me": sid == me.station_id}
            for sid, name, no, role, retired, seen, last in conn.execute(
                "SELECT station_id, name, station_no, role, retired, seen_seq, last_seen_at "
                "FROM stations ORDER BY coalesce(station_no, 999999), name"
            )
        ]  # fmt: skip
        history = conn.execute(
            "SELECT at_ms, kind, ok, imported, sent, detail FROM sync_history ORDER BY id DESC "
            "LIMIT 1"
        ).fetchone()
        ok_row = conn.execute(
            "SELECT at_ms, kind FROM sync_history WHERE ok = 1 ORDER BY id DESC LIMIT 1"
        ).fetchone()
        peers = conn.execute(
            "SELECT count(*) FROM sync_peers WHERE station_id != ?", (me.station_id,)
        ).fetchone()[0]
        waiting = pending(conn)
        vec = state.vector(conn)
        held_keys = keys.holdings(conn)
        warning = keys.legacy_warning(conn)
    config = load_config(ef)
    doubles = report.double_entries(ef)
    return {
        "event_id": me.event_id,
        "encrypted": ef.encrypted,
        "station": {
            "station_id": me.station_id,
            "name": me.name,
            "station_no": me.station_no,
            "role": me.role.value,
            "instance_id": me.instance_id,
            "stripped": me.stripped,
            "retired": me.station_id in gone,
            "seq": me.seq,
        },
        "stations": stations,
        "peers_seen": peers,
        "vector": vec,
        "pending": waiting,
        "last_sync": (
            dict(zip(("at_ms", "kind", "ok", "imported", "sent", "detail"), history, strict=True))
            if history
            else None
        ),
        "last_ok_sync_at": ok_row[0] if ok_row else None,
        "double_entries": len(doubles),
        "config": config.to_json(),
        "keys": held_keys,  # names and views only, never a key
        "key_warning": {"en": warning[0], "ko": warning[1]} if warning else None,
    }
