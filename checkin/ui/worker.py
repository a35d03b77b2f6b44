"""Slow work off the UI thread (import, bulk badges, sync, exports).

``run_task(fn, ...)`` runs ``fn(progress)`` on Qt's thread pool and reports back on the
UI thread: ``done(result)``, ``failed(exception)``, ``progress(done, total)``. The work
function must open its own event file (``EventFileSpec.open()``): SQLite connections
are not shared between threads.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThread, QThreadPool, Signal, Slot

from checkin import errors
from checkin.event.files import EventFile, open_event_file

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class EventFileSpec:
    """How to open the current event file again, from another thread."""

    path: str
    passphrase: str | None = None

    def open(self) -> EventFile:
        return open_event_file(self.path, self.passphrase)


class TaskSignals(QObject):
    done = Signal(object)
    failed = Signal(object)  # the exception; its traceback is in .traceback_text
    progress = Signal(int, int)


class Task(QRunnable):
    def __init__(self, fn: Callable[[Progress], Any]) -> None:
        super().__init__()
        self.fn = fn
        self.signals = TaskSignals()
        self.cancelled = False

    def run(self) -> None:
        try:
            result = self.fn(self._progress)
        except BaseException as exc:  # reported on the UI thread
            exc.traceback_text = traceback.format_exc()  # type: ignore[attr-defined]
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)

    def _progress(self, done: int, total: int) -> None:
        self.signals.progress.emit(done, total)


def run_task(
    fn: Callable[[Progress], Any],
    on_done: Callable[[Any], None] | None = None,
    on_failed: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    pool: QThreadPool | None = None,
) -> Task:
    task = Task(fn)
    task.setAutoDelete(False)
    if on_done:
        task.signals.done.connect(on_done)
    if on_failed:
        task.signals.failed.connect(on_failed)
    if on_progress:
        task.signals.progress.connect(on_progress)
    (pool or QThreadPool.globalInstance()).start(task)
    return task


class FileWorker(QObject):
    """Lives on its own QThread and keeps its own connection to the event file, for
    recounts asked for again and again (counters, dashboard). A subclass's slot calls
    ``compute_with(work, generation)``; the result or the error comes back as a signal,
    with the generation so the UI can drop answers to questions no longer asked.

    ``start_thread`` gives it that thread and ``stop_thread`` ends it: the connection is
    closed on the worker's own thread once its event loop has stopped, so nothing is
    left open on the file afterwards, even when a request was still being answered (a
    close request queued behind it would never run: the loop quits first). Re-keying
    the file right after closing the event relies on it."""

    computed = Signal(object, int)
    failed = Signal(object)

    def __init__(self, spec: EventFileSpec, what: str = "a recount") -> None:
        super().__init__()
        self._spec = spec
        self._what = what
        self._ef: EventFile | None = None

    def compute_with(self, work: Callable[[EventFile], Any], generation: int) -> None:
        try:
            if self._ef is None:
                self._ef = self._spec.open()
            self.computed.emit(work(self._ef), generation)
        except Exception as exc:
            if not isinstance(exc, errors.CheckinError):
                log.warning("%s failed", self._what, exc_info=True)
            self.failed.emit(exc)

    @Slot()
    def close(self) -> None:
        if self._ef is not None:
            self._ef.close()
            self._ef = None

    def start_thread(self, name: str) -> QThread:
        """Move to a new thread of its own (named ``name``) and start it."""
        thread = QThread()
        thread.setObjectName(name)
        self.moveToThread(thread)
        # ``finished`` is emitted on the worker's thread after its loop ended: a direct
        # connection closes the connection there, in the thread that opened it.
        thread.finished.connect(self.close, Qt.ConnectionType.DirectConnection)
        thread.finished.connect(self.deleteLater)
        thread.start()
        return thread


def stop_thread(thread: QThread, msecs: int = 5000) -> bool:
    """End a ``FileWorker.start_thread`` thread and wait for it (and so for its file
    connection to close); False if it is still busy after ``msecs``."""
    if not thread.isRunning():
        return True
    thread.quit()
    return thread.wait(msecs)
