"""What a test may not leave behind: worker threads still running, tasks still on Qt's
thread pool, event files still open. Used by the teardown fixture in tests/ui/conftest.py
(and tested on its own in tests/ui/test_ui_foundation.py).

A thread left behind reads files that the next fixtures close (the lockout timer and
the recount workers did: "Cannot operate on a closed database" in whatever test ran
next); a connection left behind keeps the file busy, so re-keying it refuses."""

from __future__ import annotations

import traceback
import weakref

from PySide6.QtCore import QThread, QThreadPool

from checkin.db.eventfile import DRIVER_ERRORS, EventFile

THREAD_GRACE_MS = 3000  # a thread asked to stop has this long to end

_STILL_RUNNING: list[QThread] = []  # destroying a running QThread aborts the process


def is_open(ef: EventFile) -> bool:
    try:
        ef.conn.in_transaction  # noqa: B018 - raises once closed, asked from any thread
    except DRIVER_ERRORS:
        return False
    return True


def _opened_by() -> str:
    """The two innermost frames of the app or the tests that opened it (outside
    checkin/db and checkin/event, which every opening goes through)."""
    frames = [f for f in traceback.extract_stack()[:-2]
              if ("/checkin/" in f.filename or "/tests/" in f.filename)
              and not f.filename.endswith("leftovers_check.py")]  # fmt: skip
    app = [f for f in frames if "/checkin/db/" not in f.filename
           and "/checkin/event/" not in f.filename]  # fmt: skip
    picked = app[-2:] if app else frames[-1:]
    return ", ".join(f"{f.filename.rsplit('/', 2)[-2]}/{f.filename.rsplit('/', 1)[-1]}:{f.lineno}"
                     for f in picked) or "?"  # fmt: skip


class Watch:
    """Records the QThreads started and the event files opened while installed.

    Both weakly: a thread or an event file dropped is gone with its last reference
    (an event file dropped unclosed closes its connection then, at once); one still
    held by something at teardown is what is left behind."""

    def __init__(self) -> None:
        self.threads: list[weakref.ref[QThread]] = []
        self.files: list[tuple[weakref.ref[EventFile], str]] = []  # and who opened it

    def install(self, monkeypatch) -> Watch:
        start, init = QThread.start, EventFile.__init__
        threads, files = self.threads, self.files

        def recording_start(self, *args, **kwargs):
            threads.append(weakref.ref(self))
            start(self, *args, **kwargs)

        def recording_init(self, *args, **kwargs):
            init(self, *args, **kwargs)
            files.append((weakref.ref(self), _opened_by()))

        monkeypatch.setattr(QThread, "start", recording_start)
        monkeypatch.setattr(EventFile, "__init__", recording_init)
        return self

    def problems(self, grace_ms: int = THREAD_GRACE_MS) -> list[str]:
        """What is left, after giving threads ``grace_ms`` to end."""
        running = []
        for ref in self.threads:
            thread = ref()
            try:
                if thread is not None and thread.isRunning() and not thread.wait(grace_ms):
                    running.append(thread.objectName() or type(thread).__name__)
                    _STILL_RUNNING.append(thread)
            except RuntimeError:  # its C++ object is gone: it ended
                pass
        pool_done = QThreadPool.globalInstance().waitForDone(grace_ms)
        # Reported, not closed: what holds a file left open (a dialog that was never
        # finished) would read it again later, in another test, and fail that one.
        held = [(ref(), where) for ref, where in self.files]
        left_open = [f"{ef.path.name} (opened by {where})" for ef, where in held
                     if ef is not None and is_open(ef)]  # fmt: skip
        self.files.clear()
        found = []
        if running:
            found.append(f"threads still running: {', '.join(running)}")
        if not pool_done:
            found.append("tasks still running on Qt's thread pool")
        if left_open:
            found.append(f"event files left open: {', '.join(left_open)}")
        return found
