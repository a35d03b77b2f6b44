#!/usr/bin/env python3
"""Generate the kiosk's short outcome sounds into assets/sounds/ (16-bit mono WAV).

Each outcome gets its own short pattern so a volunteer can tell them apart without
looking: rising chime for a welcome, two flat beeps for "already in", low buzzes for
badges that are not accepted. Run again after changing a pattern:

    python scripts/make_sounds.py
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 22_050
OUT = Path(__file__).resolve().parent.parent / "assets" / "sounds"

# (frequency Hz or 0 for silence, seconds, waveform) per note
PATTERNS: dict[str, list[tuple[float, float, str]]] = {
    "ok": [(1046.5, 0.09, "sine"), (1318.5, 0.16, "sine")],
    "ok_unsynced": [(1046.5, 0.08, "sine"), (1318.5, 0.08, "sine"), (1046.5, 0.14, "sine")],
    "already_in": [(880.0, 0.12, "sine"), (0, 0.06, "sine"), (880.0, 0.12, "sine")],
    "invalid": [(220.0, 0.12, "square"), (0, 0.05, "sine"), (220.0, 0.12, "square"),
                (0, 0.05, "sine"), (220.0, 0.12, "square")],
    "wrong_event": [(392.0, 0.14, "square"), (261.6, 0.22, "square")],
    "superseded": [(293.7, 0.1, "square"), (440.0, 0.1, "square"), (293.7, 0.18, "square")],
    "cancelled": [(196.0, 0.42, "square")],
    "error": [(330.0, 0.07, "square"), (0, 0.04, "sine")] * 4,
    "undo": [(1318.5, 0.09, "sine"), (1046.5, 0.16, "sine")],
    # a check-only station (checkin.door.modes): one soft level tone, never the welcome chime
    "check": [(659.3, 0.2, "sine")],
}  # fmt: skip


def note(freq: float, seconds: float, shape: str, volume: float = 0.45) -> list[int]:
    count = int(RATE * seconds)
    attack = release = int(RATE * 0.012)
    samples = []
    for i in range(count):
        if freq <= 0:
            samples.append(0)
            continue
        phase = math.sin(2 * math.pi * freq * i / RATE)
        if shape == "square":
            # A softened square: odd harmonics only, so it buzzes without clicking.
            phase = sum(math.sin(2 * math.pi * freq * k * i / RATE) / k for k in (1, 3, 5)) * 0.8
        envelope = min(1.0, i / attack, (count - i) / release)
        samples.append(int(max(-1.0, min(1.0, phase * volume * envelope)) * 32767))
    return samples


def write(name: str, pattern: list[tuple[float, float, str]]) -> Path:
    samples: list[int] = []
    for freq, seconds, shape in pattern:
        samples.extend(note(freq, seconds, shape))
    path = OUT / f"{name}.wav"
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(struct.pack(f"<{len(samples)}h", *samples))
    return path


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, pattern in PATTERNS.items():
        print(write(name, pattern))


if __name__ == "__main__":
    main()
