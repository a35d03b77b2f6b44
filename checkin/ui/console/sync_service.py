"""Background sync for the app: folder and hub sync on a timer, off the UI thread.

``SyncService`` owns a timer on the UI thread; each tick (or ``sync_now()``, or
``push_soon()`` after a check-in) runs one round (``checkin.sync.rounds.run_round``, the
same as ``checkin sync now``) in a worker thread (``checkin.ui.worker``), which opens its
own connection to the event file and to the hub. Only one round runs at a time; a
request made meanwhile runs right after. Given the event's ``session``, the service
follows it by itself: a check-in at the scan screen (``data_changed``, ``by_scan``) is
pushed at once, and rows a round brought are said on the session (``SYNCED``) for every
page to refresh. The results also come back as signals:

- ``roundStarted()``; ``roundFinished(SyncOutcome)`` after every round;
- ``newData(int)`` when rows arrived from other stations (refresh lists and counts);
- ``identityChanged(str)`` when the file found it was copied and took a new identity.

An unreachable hub or folder is not an error for the kiosk: the outcome says
*offline*, the next round tries again, and scanning goes on regardless.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal, Slot

from checkin.clock import SYSTEM_CLOCK, Clock
from checkin.sync import rounds
from checkin.sync import status as status_mod
from checkin.sync.rounds import SyncOutcome
from checkin.ui import i18n
from checkin.ui.session import SYNCED, Changes, EventSession
from checkin.ui.worker import EventFileSpec, problem_of, run_op

log = logging.getLogger(__name__)

PUSH_DELAY_MS = 150  # coalesce a burst of scans into one push


class SyncService(QObject):
    roundStarted = Signal()
    roundFinished = Signal(object)  # SyncOutcome
    newData = Signal(int)
    identityChanged = Signal(str)

    def __init__(
        self,
        spec: EventFileSpec,
        config: status_mod.SyncConfig | None = None,
        clock: Clock = SYSTEM_CLOCK,
        parent: QObject | None = None,
        pool: QThreadPool | None = None,
        session: EventSession | None = None,
    ) -> None:
        super().__init__(parent)
        self.spec = spec
        self.clock = clock
        self.pool = pool or QThreadPool.globalInstance()
        if config is None:
            with spec.open() as ef:
                config = status_mod.load_config(ef)
        self.config = config
        self.last: SyncOutcome | None = None
        self._task: Any = None
        self._again: bool | None = None  # None: nothing queued; else push_only of the request
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.sync_now)
        self._push_timer = QTimer(self)
        self._push_timer.setSingleShot(True)
        self._push_timer.setInterval(PUSH_DELAY_MS)
        self._push_timer.timeout.connect(lambda: self._request(push_only=True))
        self._apply_interval()
        if session is not None:
            session.data_changed.connect(self.on_data_changed)
            self.newData.connect(lambda _count: session.changed(SYNCED))

    # -- control --------------------------------------------------------------------

    def set_config(self, config: status_mod.SyncConfig) -> None:
        self.config = config
        self._apply_interval()

    def start(self) -> None:
        self._apply_interval()
        if self.config.enabled:
            self.sync_now()

    def stop(self) -> None:
        self._timer.stop()
        self._push_timer.stop()
        self._again = None

    def wait(self, msecs: int = 10_000) -> bool:
        """Wait for a running round (tests, closing the window)."""
        return self.pool.waitForDone(msecs)

    @property
    def busy(self) -> bool:
        return self._task is not None

    def sync_now(self) -> None:
        self._request(push_only=False)

    @Slot(object)
    def on_data_changed(self, changes: Changes) -> None:
        """The session's ``data_changed``: a check-in at the scan screen goes to the hub
        at once (another door knows in seconds)."""
        if changes.by_scan:
            self.push_soon()

    def push_soon(self) -> None:
        """After a check-in: send it to the hub right away (coalescing bursts)."""
        if self.config.hub_url:
            self._push_timer.start()

    # -- internals ------------------------------------------------------------------

    def _apply_interval(self) -> None:
        if self.config.enabled:
            self._timer.start(max(1, self.config.interval_s) * 1000)
        else:
            self._timer.stop()

    def _request(self, push_only: bool) -> None:
        if not self.config.enabled:
            return
        if self._task is not None:
            # run once more afterwards; a full round covers a push
            self._again = push_only if self._again is None else (self._again and push_only)
            return
        config, spec, clock = self.config, self.spec, self.clock
        self.roundStarted.emit()
        self._task = run_op(
            spec, lambda ef, _progress: rounds.run_round(ef, config, clock, push_only),
            self._done, self._failed, what="a sync round", pool=self.pool,
        )  # fmt: skip

    def _done(self, outcome: SyncOutcome) -> None:
        self._task = None
        self.last = outcome
        if outcome.problems:
            log.info("sync round: %s", ", ".join(p.code for p in outcome.problems))
        self.roundFinished.emit(outcome)
        for text in outcome.notices(i18n.current_language()):
            self.identityChanged.emit(text)
        if outcome.imported:
            self.newData.emit(outcome.imported)
        self._next()

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        problem = problem_of(exc, "Sync", "동기화가")  # a bug was logged by the worker
        outcome = SyncOutcome(self.clock.now_ms(), problems=[problem])
        self.last = outcome
        self.roundFinished.emit(outcome)
        self._next()

    def _next(self) -> None:
        if self._again is not None:
            push_only, self._again = self._again, None
            self._request(push_only)
