"""This computer's own preferences for the app (not the event's settings).

A small JSON file in the app's data folder: the last event file, the language, the
camera, sound, and per event file the check-in list and kiosk mode chosen at this
station. Never personal data, never a passphrase.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from checkin import paths

log = logging.getLogger(__name__)

FILE_NAME = "preferences.json"
MODES = ("staffed", "self_service")


@dataclass
class StationChoice:
    """What this station chose for one event file."""

    list_id: str = "main"
    confirmed: bool = False  # the station name and list were chosen by a person
    kiosk: bool = False  # start locked in kiosk mode
    mode: str = "staffed"  # or "self_service"
    direction: str = "entry"  # or "exit": an exit door records people leaving
    operator: str = ""  # who works this station (initials), recorded with every edit


@dataclass
class Preferences:
    last_file: str = ""
    language: str = ""  # "" = not chosen yet
    camera_id: str = ""  # hex of QCameraDevice.id(); "" = the default camera
    camera_on: bool = False
    sound_on: bool = True
    volume: float = 0.8
    result_seconds: int = 4
    stations: dict[str, StationChoice] = field(default_factory=dict)

    path: Path | None = field(default=None, repr=False, compare=False)

    @classmethod
    def load(cls, path: Path | None = None) -> Preferences:
        path = path or paths.data_dir() / FILE_NAME
        prefs = cls(path=path)
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return prefs
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable preferences (%s)", type(exc).__name__)
            return prefs
        if not isinstance(raw, dict):
            return prefs
        for name in ("last_file", "language", "camera_id"):
            if isinstance(raw.get(name), str):
                setattr(prefs, name, raw[name])
        for name in ("camera_on", "sound_on"):
            if isinstance(raw.get(name), bool):
                setattr(prefs, name, raw[name])
        if isinstance(raw.get("volume"), int | float):
            prefs.volume = min(1.0, max(0.0, float(raw["volume"])))
        if isinstance(raw.get("result_seconds"), int):
            prefs.result_seconds = min(30, max(2, raw["result_seconds"]))
        for key, value in (raw.get("stations") or {}).items():
            if isinstance(value, dict):
                choice = StationChoice()
                for name in ("list_id", "mode", "direction", "operator"):
                    if isinstance(value.get(name), str):
                        setattr(choice, name, value[name])
                for name in ("confirmed", "kiosk"):
                    if isinstance(value.get(name), bool):
                        setattr(choice, name, value[name])
                if choice.mode not in MODES:
                    choice.mode = "staffed"
                if choice.direction not in ("entry", "exit"):
                    choice.direction = "entry"
                prefs.stations[key] = choice
        return prefs

    def station(self, event_path: str | os.PathLike[str]) -> StationChoice:
        key = str(Path(event_path).resolve())
        return self.stations.setdefault(key, StationChoice())

    def save(self) -> None:
        """Write atomically; a failure is logged, never raised (preferences are a comfort)."""
        path = self.path or paths.data_dir() / FILE_NAME
        data = asdict(self)
        data.pop("path", None)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".prefs-", dir=path.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, ensure_ascii=False, indent=1, sort_keys=True)
            os.replace(tmp, path)
        except OSError as exc:
            log.warning("could not save preferences: %s", exc)
            with contextlib.suppress(Exception):
                os.unlink(tmp)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("path", None)
        return data
