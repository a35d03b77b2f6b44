"""Short outcome sounds (assets/sounds/*.wav, made by scripts/make_sounds.py).

Sound is a comfort, never a requirement: with no audio device, no audio library or a
broken file the kiosk stays silent and keeps working. QtMultimedia is loaded on first
use, after the scan screen is up, so it never slows the start.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QUrl

from checkin.assets import assets_dir

log = logging.getLogger(__name__)

NAMES = (
    "ok",
    "ok_unsynced",
    "already_in",
    "invalid",
    "wrong_event",
    "superseded",
    "cancelled",
    "error",
    "undo",
    "check",  # a check-only station's valid badge (checkin.door.modes)
)


class Sounds(QObject):
    """Plays one short sound per outcome; silent when there is no way to play."""

    def __init__(self, enabled: bool = True, volume: float = 0.8, parent=None) -> None:  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self._enabled = enabled
        self._volume = volume
        self._effects: dict[str, object] = {}
        self._available: bool | None = None  # unknown until first prepared
        self.last_played: str | None = None

    @property
    def enabled(self) -> bool:
        return self._enabled

    @property
    def available(self) -> bool:
        return bool(self._available)

    def set_enabled(self, enabled: bool) -> None:
        self._enabled = enabled
        if enabled:
            self.prepare()

    def set_volume(self, volume: float) -> None:
        self._volume = min(1.0, max(0.0, volume))
        for effect in self._effects.values():
            effect.setVolume(self._volume)  # type: ignore[attr-defined]

    def prepare(self) -> bool:
        """Load the sounds (once). False if this computer cannot play them."""
        if self._available is not None:
            return self._available
        self._available = False
        if not self._enabled:
            self._available = None
            return False
        try:
            from PySide6.QtMultimedia import QMediaDevices, QSoundEffect

            if not QMediaDevices.audioOutputs():
                log.info("no audio output: sounds are off")
                return False
            folder = assets_dir() / "sounds"
            for name in NAMES:
                path = folder / f"{name}.wav"
                if not path.exists():
                    log.warning("missing sound %s", path.name)
                    continue
                effect = QSoundEffect(self)
                effect.setSource(QUrl.fromLocalFile(str(path)))
                effect.setVolume(self._volume)
                self._effects[name] = effect
        except Exception:  # sound must never take the kiosk down
            log.warning("sounds unavailable", exc_info=True)
            self._effects.clear()
            return False
        self._available = bool(self._effects)
        return self._available

    def play(self, name: str) -> None:
        self.last_played = name
        if not self._enabled or not self.prepare():
            return
        effect = self._effects.get(name)
        if effect is None:
            return
        try:
            effect.play()  # type: ignore[attr-defined]
        except Exception:
            log.debug("could not play %s", name, exc_info=True)
