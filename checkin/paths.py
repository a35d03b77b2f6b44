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


OWNER_ONLY_UMASK = 0o077


def restrict_permissions() -> int:
    """Make every file and folder this process creates owner-only (POSIX).

    The one place that enforces it: called first thing by the entry point
    (``checkin.cli.main``, which the app and the frozen app go through), so event
    files and their -wal/-shm, bundles, exports, badge PDFs, reports, station packages
    and logs are 0600 and new folders 0700, whatever writes them. (The writers also
    create their files 0600 themselves, so library use is covered too.) Returns the
    previous umask. On Windows files are private to the user profile; nothing to do.
    """
    return os.umask(OWNER_ONLY_UMASK)
