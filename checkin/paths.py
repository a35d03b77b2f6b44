"""Where the app keeps its own files (per user, per platform)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

EVENT_SUFFIX = ".checkin"


def data_dir() -> Path:
    override = os.environ.get("CHECKIN_DATA_DIR")
    path = (
        Path(override) if override else Path(platformdirs.user_data_dir("checkin", appauthor=False))
    )
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def demo_event_path() -> Path:
    return data_dir() / f"demo{EVENT_SUFFIX}"
