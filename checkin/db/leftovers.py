"""Hidden copies a passphrase change leaves behind when it is killed, and their cleanup.

``checkin.event.rekey`` writes the re-keyed file to ``.<name>.<random>.rekey`` next to the
event file and renames it into place. Killed in between (power cut, SIGKILL), that copy
stays: after ``passphrase --remove`` it is a plaintext copy of every attendee. So each
change holds an advisory lock (``flock``) on its copy while it works, and opening the
event file or changing its passphrase again removes every such copy nobody holds.
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path

try:  # pragma: no cover - POSIX only
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

SUFFIX = ".rekey"
STALE_WITHOUT_LOCKS_S = 3600  # where flock is missing: a copy this old is abandoned


def rekey_copies(path: str | os.PathLike[str]) -> list[Path]:
    p = Path(path)
    try:
        return sorted(p.parent.glob(f".{p.name}.*{SUFFIX}"))
    except OSError:
        return []


def hold(copy: Path) -> int | None:
    """Lock ``copy`` as in use by this process; returns the descriptor to release."""
    if fcntl is None:  # pragma: no cover
        return None
    fd = os.open(copy, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def release(fd: int | None) -> None:
    if fd is not None:
        with contextlib.suppress(OSError):
            os.close(fd)


def _abandoned(copy: Path) -> bool:
    if fcntl is None:  # pragma: no cover
        import time

        try:
            return time.time() - copy.stat().st_mtime > STALE_WITHOUT_LOCKS_S
        except OSError:
            return False
    try:
        fd = os.open(copy, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # a passphrase change is working on it right now
    finally:
        os.close(fd)  # (a flock, not a POSIX lock: closing drops nobody else's lock)
    return True


def remove_abandoned(path: str | os.PathLike[str]) -> int:
    """Remove the rekey copies of ``path`` that no running change holds; how many."""
    removed = 0
    for copy in rekey_copies(path):
        if not _abandoned(copy):
            continue
        for suffix in ("-wal", "-shm", ""):
            with contextlib.suppress(FileNotFoundError, OSError):
                os.unlink(f"{copy}{suffix}")
        removed += 1
    if removed:
        log.info("removed %d copies left by an interrupted passphrase change", removed)
    return removed
