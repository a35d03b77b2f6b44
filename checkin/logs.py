"""Logging: one rotating log file in the platform's log folder.

Never log personal data (names, phones, emails) at INFO or above; log counts, ids
that mean nothing outside the file, and outcomes.
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import os
from pathlib import Path

import platformdirs

LOG_NAME = "checkin.log"
_configured: Path | None = None
_handler: logging.Handler | None = None


def log_dir() -> Path:
    override = os.environ.get("CHECKIN_LOG_DIR")
    if override:
        return Path(override)
    return Path(platformdirs.user_log_dir("checkin", appauthor=False))


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Send the ``checkin`` loggers to the rotating log file; returns its path.

    Safe to call more than once. If the folder cannot be written the app still runs
    (logging then goes nowhere but a warning on stderr).
    """
    global _configured, _handler
    path = log_dir() / LOG_NAME
    if _configured == path:
        return _configured
    root = logging.getLogger("checkin")
    root.setLevel(level)
    if _handler is not None:  # the log folder changed (tests, a second event)
        root.removeHandler(_handler)
        _handler.close()
        _handler = None
        _configured = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
        with contextlib.suppress(OSError):
            os.chmod(path, 0o600)
    except OSError as exc:
        logging.getLogger(__name__).warning("cannot write log file %s: %s", path, exc)
        return None
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s")
    )
    root.addHandler(handler)
    _handler = handler
    _configured = path
    return path
