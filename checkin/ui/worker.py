"""Slow work off the UI thread: one way for the whole app.

- ``run_op(spec, op, ...)`` runs one operation (an import, an export, bulk badges, a
  sync round, a passphrase change) on Qt's thread pool: ``op(ef, progress)`` gets its
  own connection to the event file (opened from ``spec`` in the worker and closed after;
  ``spec=None`` for work that needs no file, e.g. testing a hub). The answer comes back
  on the UI thread: ``on_done(result)``, ``on_error(exc)``, ``on_progress(done, total)``.
- ``QueryRunner(spec, what)`` answers the same kind of question again and again (the
  kiosk's counters, the dashboard) on a thread of its own that keeps its connection
  open. At most one question runs at a time; asking again meanwhile, or ``invalidate()``
  after a local change, drops the answer in flight (it would show the past) and asks
  the newest question once it is back.

Errors are classified once, here (CONVENTIONS 10): a ``CheckinError`` (or an
``OSError``: a full disk, a folder one may not write to) is something a person can act
on and reaches ``on_error`` as it is; anything else is a bug, logged once with its
traceback (``exc.traceback_text``, for the error dialog) and reported as it is too;
``problem_of(exc)`` turns either into a person-facing ``CheckinError``. SQLite
connections are never shared between threads: each worker opens its own.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThread, QThreadPool, QTimer, Signal, Slot

from checkin import errors
from checkin.event.files import EventFile, open_event_file

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Op = Callable[[EventFile | None, Progress], Any]


@dataclass(frozen=True)
class EventFileSpec:
    """How to open the current event file again, from another thread."""

    path: str
    passphrase: str | None = None

    def open(self) -> EventFile:
        return open_event_file(self.path, self.passphrase)


def is_bug(exc: BaseException) -> bool:
    """Not a problem a person can act on (a ``CheckinError``, an ``OSError``): a bug."""
    return not isinstance(exc, errors.CheckinError | OSError)


def classify(exc: BaseException, what: str) -> BaseException:
    """Log a bug once, with its traceback (kept on ``exc`` for the error dialog, which
    then does not log it again); a person's problem passes as it is. Returns ``exc``."""
    if not getattr(exc, "traceback_text", None):
        exc.traceback_text = "".join(  # type: ignore[attr-defined]
            traceback.format_exception(type(exc), exc, exc.__traceback__)
        )
    if is_bug(exc):
        log.error("%s failed: %s", what, exc.traceback_text)  # type: ignore[attr-defined]
        exc.logged = True  # type: ignore[attr-defined]
    elif isinstance(exc, OSError):
        log.warning("%s failed: %s", what, type(exc).__name__)
    return exc


def problem_of(
    exc: BaseException, what_en: str = "It", what_ko: str = "작업이"
) -> errors.CheckinError:
    """The person-facing problem: ``exc`` itself, what the system said for an ``OSError``,
    or for a bug a calm message pointing to the log (code ``bug``)."""
    if isinstance(exc, errors.CheckinError):
        return exc
    name = type(exc).__name__
    if isinstance(exc, OSError):
        said = exc.strerror or name
        problem = errors.CheckinError(
            f"{what_en} failed: {said}.", f"{what_ko} 실패했습니다: {said}."
        )
        problem.code = "os_error"
        return problem
    problem = errors.CheckinError(
        f"{what_en} failed unexpectedly ({name}); details are in the log.",
        f"{what_ko} 예기치 않게 실패했습니다 ({name}). 자세한 내용은 로그에 있습니다.",
    )
    problem.code = "bug"
    return problem


# -- one operation -----------------------------------------------------------------------


class OpSignals(QObject):
    done = Signal(object)
    failed = Signal(object)  # the exception, classified (``classify``)
    progress = Signal(int, int)


class Operation(QRunnable):
    """One ``run_op`` in flight (kept by the caller while it runs)."""

    def __init__(self, spec: EventFileSpec | None, op: Op, what: str) -> None:
        super().__init__()
        self.spec = spec
        self.op = op
        self.what = what
        self.signals = OpSignals()

    def run(self) -> None:
        try:
            if self.spec is None:
                result = self.op(None, self._progress)
            else:
                with self.spec.open() as ef:
                    result = self.op(ef, self._progress)
        except BaseException as exc:  # reported on the UI thread
            self.signals.failed.emit(classify(exc, self.what))
        else:
            self.signals.done.emit(result)

    def _progress(self, done: int, total: int) -> None:
        self.signals.progress.emit(done, total)


def run_op(
    spec: EventFileSpec | None,
    op: Op,
    on_done: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    *,
    what: str = "background work",
    pool: QThreadPool | None = None,
) -> Operation:
    """Run ``op(ef, progress)`` in a worker thread on its own connection to ``spec``'s
    file (``ef`` is None without a spec); callbacks run on the UI thread. ``what`` names
    the work in the log (never personal data)."""
    task = Operation(spec, op, what)
    task.setAutoDelete(False)
    if on_done:
        task.signals.done.connect(on_done)
    if on_error:
        task.signals.failed.connect(on_error)
    if on_progress:
        task.signals.progress.connect(on_progress)
    (pool or QThreadPool.globalInstance()).start(task)
    return task


# -- a question asked again and again ------------------------------------------------------

Question = Callable[[EventFile], Any]


class _QueryWorker(QObject):
    """Lives on the runner's thread with its own connection to the file."""

    answered = Signal(object, int)
    failed = Signal(object, int)

    def __init__(self, spec: EventFileSpec, what: str) -> None:
        super().__init__()
        self._spec = spec
        self._what = what
        self._ef: EventFile | None = None

    @Slot(object, int)
    def answer(self, question: Question, token: int) -> None:
        try:
            if self._ef is None:
                self._ef = self._spec.open()
            self.answered.emit(question(self._ef), token)
        except Exception as exc:
            if is_bug(exc):
                log.warning("%s failed", self._what, exc_info=True)
            self.failed.emit(exc, token)

    @Slot()
    def close(self) -> None:
        if self._ef is not None:
            self._ef.close()
            self._ef = None


class QueryRunner(QObject):
    """Answers the newest question about the file on its own thread and connection."""

    answered = Signal(object)  # the answer to the newest question
    failed = Signal(object)
    _ask = Signal(object, int)

    def __init__(self, spec: EventFileSpec, what: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.what = what
        self._question: Question | None = None
        self._token = 0  # bumped by every question asked and every invalidation
        self._in_flight = False
        self._again = False
        self._closed = False
        self._thread = QThread()
        self._thread.setObjectName(what.replace(" ", "-"))
        self._worker = _QueryWorker(spec, what)
        self._worker.moveToThread(self._thread)
        self._ask.connect(self._worker.answer)
        # The connection is closed on the runner's thread once its loop has stopped:
        # ``finished`` is emitted there, and a direct connection runs ``close`` at once
        # (a close request queued behind a question still running would never run, the
        # loop quits first). Re-keying the file right after closing the event relies on it.
        self._thread.finished.connect(self._worker.close, Qt.ConnectionType.DirectConnection)
        self._worker.answered.connect(self._on_answered)
        self._worker.failed.connect(self._on_failed)
        self._thread.finished.connect(self._worker.deleteLater)
        self._thread.start()

    @property
    def busy(self) -> bool:
        return self._in_flight

    @property
    def running(self) -> bool:
        """Its thread still runs (until ``shutdown`` has ended it)."""
        return self._thread.isRunning()

    def ask(self, question: Question, *, same: bool = False) -> None:
        """Ask ``question(ef)``; a different question still running is answered but not
        shown. ``same``: the one running is this question asked again (a periodic
        recount), so its answer still stands; it is asked once more when back."""
        if self._closed:
            return
        self._question = question
        if not same:
            self._token += 1
        if self._in_flight:
            self._again = True
            return
        self._send()

    def invalidate(self) -> None:
        """Something changed here since the question in flight was asked: its answer
        would step back, so it is dropped and the question asked again."""
        self._token += 1
        if self._in_flight:
            self._again = True

    def _send(self) -> None:
        if self._closed or self._question is None:
            return
        self._in_flight = True
        self._ask.emit(self._question, self._token)

    @Slot(object, int)
    def _on_answered(self, answer: object, token: int) -> None:
        self._in_flight = False
        if self._closed:
            return
        if token == self._token:
            self.answered.emit(answer)
        else:
            self._again = True
        if self._again:
            self._again = False
            QTimer.singleShot(0, self, self._send)

    @Slot(object, int)
    def _on_failed(self, exc: object, token: int) -> None:
        self._in_flight = False
        self._again = False
        if not self._closed:
            self.failed.emit(exc)

    def shutdown(self, msecs: int = 5000) -> bool:
        """Stop asking and end the thread, waiting for it (and so for its connection to
        close, on that thread); False if it is still busy after ``msecs``."""
        self._closed = True
        if not self._thread.isRunning():
            return True
        self._thread.quit()
        return self._thread.wait(msecs)
