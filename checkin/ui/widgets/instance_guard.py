"""One app per event file on a computer.

A second Check-in window on a file that one already has open would scan, sync and
count beside the first, and whoever stands at the door would not know which one is
the kiosk. So opening a file first claims it: a ``QLockFile`` in the user's runtime
folder (named after the file's real path, so a link or another spelling of the same
path is the same file) and a ``QLocalServer`` beside it. A second app that finds the
lock taken asks the first, through a ``QLocalSocket``, to bring its window to the
front, and tells the person so (``errors.AlreadyOpen``) instead of opening the file.

The lock belongs to the process: a crashed app leaves a stale lock file, which the
next one takes over (``QLockFile`` checks that the process is gone). Within one
process the claims are shared (the app reopens the file after a passphrase change,
tests open it twice). Only the app claims: the command line's read-only commands
(``stats``, ``search``, ``export``...) keep working beside it; SQLite keeps them
consistent.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QLockFile
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from checkin import errors

log = logging.getLogger(__name__)

CONNECT_MS = 1000
REPLY_MS = 2000
RAISE = b"raise\n"
DONE = b"ok\n"


def runtime_folder() -> Path:
    """Where the locks live: ``$CHECKIN_RUNTIME_DIR`` (tests), ``$XDG_RUNTIME_DIR``,
    else an owner-only folder in the temp folder."""
    for name in ("CHECKIN_RUNTIME_DIR", "XDG_RUNTIME_DIR"):
        value = os.environ.get(name)
        if value and os.path.isdir(value) and os.access(value, os.W_OK):
            return Path(value)
    user = os.getuid() if hasattr(os, "getuid") else os.environ.get("USERNAME", "user")
    folder = Path(tempfile.gettempdir()) / f"checkin-{user}"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def file_key(path: str | os.PathLike[str]) -> str:
    real = os.path.normcase(os.path.realpath(path))
    return hashlib.sha256(real.encode("utf-8", "surrogatepass")).hexdigest()[:24]


def _server_name(folder: Path, key: str) -> str:
    if sys.platform == "win32":  # pragma: no cover - named pipes, not paths
        return f"checkin-{key}"
    return str(folder / f"checkin-{key}.sock")


@dataclass
class _Held:
    key: str
    lock: QLockFile
    server: QLocalServer | None
    count: int = 0
    raisers: list[Callable[[], None]] = field(default_factory=list)


_HELD: dict[str, _Held] = {}  # per process, like the locks themselves


class FileClaim:
    """This process's claim on one event file; ``release`` when the event closes."""

    def __init__(self, held: _Held, on_raise: Callable[[], None] | None) -> None:
        self._held: _Held | None = held
        self._on_raise = on_raise
        held.count += 1
        if on_raise is not None:
            held.raisers.append(on_raise)

    @property
    def active(self) -> bool:
        return self._held is not None

    def release(self) -> None:
        held, self._held = self._held, None
        if held is None:
            return
        if self._on_raise in held.raisers:
            held.raisers.remove(self._on_raise)
        held.count -= 1
        if held.count <= 0:
            _HELD.pop(held.key, None)
            if held.server is not None:
                held.server.close()
                held.server.deleteLater()
            held.lock.unlock()


def claim(
    path: str | os.PathLike[str],
    on_raise: Callable[[], None] | None = None,
    folder: Path | None = None,
) -> FileClaim:
    """Claim the event file at ``path`` for this app, or raise ``AlreadyOpen``.

    ``on_raise`` is called when another app asks this one to come to the front.
    A runtime folder that cannot hold the lock only costs the check (logged): it never
    stops the door.
    """
    key = file_key(path)
    held = _HELD.get(key)
    if held is not None:
        return FileClaim(held, on_raise)
    folder = folder or runtime_folder()
    lock = QLockFile(str(folder / f"checkin-{key}.lock"))
    lock.setStaleLockTime(0)  # stale only when its process is gone, however long it ran
    if not lock.tryLock(0):
        if lock.error() == QLockFile.LockError.LockFailedError:
            raised = ask_to_raise(_server_name(folder, key))
            log.info("event file already open in another app (raised: %s)", raised)
            raise errors.AlreadyOpen(str(path), raised)
        log.warning("could not take the single-app lock (%s); opening anyway", lock.error())
        held = _Held(key, lock, None)
        _HELD[key] = held
        return FileClaim(held, on_raise)
    held = _Held(key, lock, _listen(folder, key))
    _HELD[key] = held
    return FileClaim(held, on_raise)


def _listen(folder: Path, key: str) -> QLocalServer | None:
    name = _server_name(folder, key)
    server = QLocalServer()
    server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
    QLocalServer.removeServer(name)  # a crashed app's socket: we hold the lock now
    if not server.listen(name):
        log.warning("single-app server not listening: %s", server.errorString())
        return None

    def on_connection() -> None:
        while server.hasPendingConnections():
            sock = server.nextPendingConnection()
            sock.readyRead.connect(lambda s=sock: _answer(s, key))
            sock.disconnected.connect(sock.deleteLater)
            if sock.bytesAvailable():
                _answer(sock, key)

    server.newConnection.connect(on_connection)
    return server


def _answer(sock: QLocalSocket, key: str) -> None:
    data = bytes(sock.readAll().data())
    if RAISE.strip() not in data:
        return
    held = _HELD.get(key)
    if held is not None and held.raisers:
        try:
            held.raisers[-1]()
        except Exception:  # a bug, but never one that stops the running app
            log.exception("bringing the window to the front failed")
    sock.write(DONE)
    sock.flush()


def ask_to_raise(name: str) -> bool:
    """Ask the app listening on ``name`` to come to the front; True if it said done."""
    sock = QLocalSocket()
    sock.connectToServer(name)
    if not sock.waitForConnected(CONNECT_MS):
        return False
    sock.write(RAISE)
    sock.waitForBytesWritten(CONNECT_MS)
    reply = b""
    while DONE.strip() not in reply and sock.waitForReadyRead(REPLY_MS):
        reply += bytes(sock.readAll().data())
    sock.disconnectFromServer()
    return DONE.strip() in reply


def bring_to_front(window: object) -> Callable[[], None]:
    """The ``on_raise`` for a window: restore it if minimized, raise and activate it."""

    def raise_window() -> None:
        w = window.window()  # type: ignore[attr-defined]
        if w.isMinimized():
            w.showNormal()
        w.show()
        w.raise_()
        w.activateWindow()

    return raise_window
