"""What a test may not leave behind: worker threads still running, tasks still on Qt's
thread pool, event files still open. Used by the teardown fixture in tests/ui/conftest.py
(and tested on its own in tests/ui/test_ui_foundation.py).

A thread left behind reads files that the next fixtures close (the lockout timer and
the recount workers did: "Cannot operate on a closed database" in whatever test ran
next); a connection left behind keeps the file busy, so re-keying it refuses."""

from __future__ import annotations

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


class Watch:
    """Records the QThreads started and the event files opened while installed."""

    def __init__(self) -> None:
        self.threads: list[weakref.ref[QThread]] = []
        self.files: list[EventFile] = []

    def install(self, monkeypatch) -> Watch:
        start, init = QThread.start, EventFile.__init__
        threads, files = self.threads, self.files

        def recording_start(self, *args, **kwargs):
            threads.append(weakref.ref(self))
            start(self, *args, **kwargs)

        def recording_init(self, *args, **kwargs):
            init(self, *args, **kwargs)
            files.append(self)

        monkeypatch.setattr(QThread, "start", recording_start)
        monkeypatch.setattr(EventFile, "__init__", recording_init)
        return self

    def problems(self, grace_ms: int = THREAD_GRACE_MS) -> list[str]:
        """What is left, after giving threads ``grace_ms`` to end; closes the files it
        can, so one test's leftovers do not fail the next."""
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
        left_open = [ef.path.name for ef in self.files if is_open(ef)]
        for ef in self.files:
            ef.close()  # what it can (a connection of another thread is left to the collector)
        self.files.clear()
        found = []
        if running:
            found.append(f"threads still running: {', '.join(running)}")
        if not pool_done:
            found.append("tasks still running on Qt's thread pool")
        if left_open:
            found.append(f"event files left open: {', '.join(left_open)}")
        return found
