"""The door screen's rules, without Qt: what shows when, what counts as a double read,
what "undo" undoes.

The kiosk's scan screen (``checkin.ui.kiosk.scan_screen``) hands every engine result,
error and undo to a ``DoorPresenter`` and does what the answer says: play a sound, add a
line to the recent list, move the counters, put an outcome on the result panel now or
queue it, arm its timers. The rules:

- **Hold.** When scans come faster than a person reads, a problem result (red, amber;
  ``Outcome.problem``) stays up for at least ``HOLD_MS`` and the outcomes behind it wait
  their turn (each is recorded at once either way); a problem stays up twice as long
  before the screen goes back to "scan a badge" by itself.
- **Double read.** The same badge read again within ``DOUBLE_READ_MS`` of its check-in
  at this kiosk is the person just admitted, not someone "already in": their green
  result shows again, with nothing added to the recent list.
- **Undo.** The last check-in made here (never at a self-service kiosk) can be undone
  once; an undo, an error or the event closing forgets it.

Time is injected: ``clock`` (wall time, as the engine stamps check-ins) for double reads
and the recent list, ``ticks`` (a monotonic clock) for how long something has been up.
"""

from __future__ import annotations

import collections
from dataclasses import dataclass

from checkin import errors
from checkin.clock import MONOTONIC, Clock
from checkin.door.outcomes import Kind, outcome
from checkin.models import Attendee, ScanResult, Status

HOLD_MS = 1500  # a problem result stays at least this long when others are waiting
DOUBLE_READ_MS = 10_000  # the same badge again this soon at this kiosk: one person
UNDO_REASON = "undone at the kiosk"


@dataclass(frozen=True, slots=True)
class Shown:
    """One outcome on the result panel: a scan's result, an undo or an error."""

    kind: Kind
    result: ScanResult | None = None
    attendee: Attendee | None = None  # for an undo: whose check-in it was
    error: errors.CheckinError | None = None


@dataclass(frozen=True, slots=True)
class Reaction:
    """What the screen does for one outcome, in this order."""

    shown: Shown  # offered to the panel (``DoorPresenter.offer``)
    sound: Kind  # whose sound to play
    recent: tuple[Kind, int, str] | None = None  # a line for the recent list (kind, ms, name)
    count: ScanResult | None = None  # a check-in the counters add at once
    recount: bool = False  # the counters count again (after an undo)


@dataclass(frozen=True, slots=True)
class Timing:
    """Timers to arm once an outcome is painted."""

    back_ms: int  # back to "scan a badge" after this long
    next_ms: int | None  # the next queued outcome after this long (None: nothing waits)


class DoorPresenter:
    """The rules of one scan screen (one per kiosk window)."""

    def __init__(
        self,
        clock: Clock,
        ticks: Clock = MONOTONIC,
        result_seconds: int = 4,
        hold_ms: int = HOLD_MS,
        double_read_ms: int = DOUBLE_READ_MS,
    ) -> None:
        self.clock = clock
        self.ticks = ticks
        self.result_seconds = result_seconds
        self.hold_ms = hold_ms
        self.double_read_ms = double_read_ms
        self.self_service = False
        self.last_ok: ScanResult | None = None  # what "undo" would undo
        self.queue: collections.deque[Shown] = collections.deque()
        self.showing: Shown | None = None  # the last outcome painted
        self._shown_at = 0

    # -- outcomes in ------------------------------------------------------------------

    def scanned(self, result: ScanResult) -> Reaction:
        """An engine result (a scan, a search check-in, an unregistered admission)."""
        last = self.last_ok
        if self.is_double_read(result) and last is not None:
            # The scanner read the same badge twice: still the person just admitted.
            return Reaction(Shown(last.kind, result=last), sound=Kind.OK)
        count = None
        if result.ok and result.checkin is not None:
            self.last_ok = result
            count = result
        name = result.attendee.display_name if result.attendee else ""
        return Reaction(
            Shown(result.kind, result=result), sound=result.kind,
            recent=(result.kind, self.clock.now_ms(), name), count=count,
        )  # fmt: skip

    def failed(self, exc: errors.CheckinError) -> Reaction:
        """Nothing was saved (disk full, file locked ...): say so, loud."""
        return Reaction(Shown(Kind.ERROR, error=exc), sound=Kind.ERROR)

    def is_double_read(self, result: ScanResult) -> bool:
        last = self.last_ok
        return (
            result.status is Status.ALREADY_IN
            and last is not None
            and last.checkin is not None
            and result.previous is not None
            and result.previous.id == last.checkin.id
            and self.clock.now_ms() - last.checkin.at_ms < self.double_read_ms
        )

    # -- undo -------------------------------------------------------------------------

    @property
    def can_undo(self) -> bool:
        return self.last_ok is not None and not self.self_service

    def undo_target(self) -> ScanResult | None:
        """The check-in "undo" would undo now (None: nothing to undo here)."""
        last = self.last_ok
        if last is None or last.checkin is None or self.self_service:
            return None
        return last

    def undone(self) -> Reaction:
        """The last check-in was undone (the engine wrote the undo row)."""
        last, self.last_ok = self.last_ok, None
        attendee = last.attendee if last is not None else None
        name = attendee.display_name if attendee is not None else ""
        return Reaction(
            Shown(Kind.UNDONE, attendee=attendee), sound=Kind.UNDONE,
            recent=(Kind.UNDONE, self.clock.now_ms(), name), recount=True,
        )  # fmt: skip

    def forget_undo(self) -> None:
        """Nothing to undo any more (the undo failed, the event was closed)."""
        self.last_ok = None

    # -- the panel --------------------------------------------------------------------

    def offer(self, shown: Shown, panel_up: bool) -> int | None:
        """``shown`` goes up now (None) or waits behind the problem on the panel: then
        it is queued and the answer is when the next queued one is due (ms)."""
        held = (
            panel_up
            and self.showing is not None
            and outcome(self.showing.kind).problem
            and (self.ticks.now_ms() - self._shown_at < self.hold_ms or bool(self.queue))
        )
        if not held:
            return None
        self.queue.append(shown)
        return max(1, self.hold_ms - (self.ticks.now_ms() - self._shown_at))

    @property
    def pending(self) -> int:
        return len(self.queue)

    def next_queued(self) -> Shown | None:
        return self.queue.popleft() if self.queue else None

    def painted(self, shown: Shown) -> Timing:
        """``shown`` is on the panel now: when to go back, when the next one is due."""
        self.showing = shown
        self._shown_at = self.ticks.now_ms()
        seconds = self.result_seconds * (2 if outcome(shown.kind).problem else 1)
        if self.self_service:
            seconds = max(3, seconds - 1)
        return Timing(seconds * 1000, self.hold_ms if self.queue else None)
