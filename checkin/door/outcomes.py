"""What each outcome at the door means: one kind, one text table, for the app and the CLI.

Every answer the door gives is a ``Kind``: the engine sets it on each ``ScanResult``
(``ScanResult.kind``), and the kiosk's undo and a failed (unsaved) scan have one too.
``OUTCOMES`` holds, per kind and in Korean and English, what happened (``title``) and
what the person at the door does next (``next_step``; a self-service kiosk and the
registration desk may say it their own way), plus its ``tone`` (let them in, look
again, stop, nothing new, not saved) and the engine ``Status`` it reports. The kiosk's
result panel, its recent-scans list, the window's status bar, the desk's attendee
dialog and ``checkin scan`` all read their words from here; the UI keeps only colours,
icons and sounds per kind (falling back to its tone's look for a kind it has none for).

Adding an outcome is a change in this module: a ``Kind`` member and its ``Outcome`` in
``OUTCOMES`` (the tests fail on a kind without one), then the engine returns it
(``checkin.door.engine``). A new reason a code is refused is a ``codes.Rejection`` and
its row in ``REJECTIONS`` (the kind it gives and the reason in both languages).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from checkin.door.codes import Rejection
from checkin.models import Status

if TYPE_CHECKING:
    from checkin.models import ScanResult


class Kind(StrEnum):
    """One outcome at the door, as a person sees it."""

    OK = "ok"  # checked in
    OK_UNSYNCED = "ok_unsynced"  # a valid badge this station has no (current) record of yet
    EXIT = "exit"  # checked out at an exit door
    ALREADY_IN = "already_in"
    INVALID = "invalid"  # not a badge of ours, damaged, forged, a newer format
    RETIRED_DESK = "retired_desk"  # made by a desk retired since (lost or taken out of use)
    UNKNOWN_DESK = "unknown_desk"  # made by a desk this station has no certificate of yet
    WRONG_EVENT = "wrong_event"
    SUPERSEDED = "superseded"  # an old badge: a newer one was issued
    CANCELLED = "cancelled"  # the registration was cancelled
    CHECK_VALID = "check_valid"  # check-only station: a valid badge, not inside
    CHECK_INSIDE = "check_inside"  # check-only station: a valid badge, came in at an entrance
    UNDONE = "undone"  # the kiosk's last check-in was undone
    ERROR = "error"  # nothing was saved (disk full, file locked ...)


class Tone(StrEnum):
    """What the outcome asks of the person at the door."""

    GOOD = "good"  # let them in (or out)
    CHECK = "check"  # look again before letting them in
    STOP = "stop"  # not this badge: the help desk
    NEUTRAL = "neutral"  # nothing new happened to the person
    FAULT = "fault"  # not saved: try again


@dataclass(frozen=True, slots=True)
class Text:
    """One sentence in English and Korean."""

    en: str
    ko: str

    def pick(self, lang: str) -> str:
        return self.ko if lang == "ko" else self.en

    def format(self, **values: str) -> Text:
        return Text(self.en.format(**values), self.ko.format(**values))


@dataclass(frozen=True, slots=True)
class Outcome:
    kind: Kind
    tone: Tone
    status: Status | None  # what the engine reports (None: not a scan's answer)
    title: Text
    next_step: Text
    self_service_step: Text | None = None  # said to the attendee at a self-service kiosk
    desk_step: Text | None = None  # said to staff at the desk (attendee details)

    @property
    def problem(self) -> bool:
        """Red or amber: held on the screen, longer, when others wait behind it."""
        return self.tone in (Tone.CHECK, Tone.STOP, Tone.FAULT)

    @property
    def admitted(self) -> bool:
        return self.tone is Tone.GOOD

    def step(self, lang: str, self_service: bool = False) -> str:
        if self_service and self.self_service_step is not None:
            return self.self_service_step.pick(lang)
        return self.next_step.pick(lang)

    def at_desk(self, lang: str) -> str:
        """One line for the registration desk (the attendee dialog's check-in)."""
        if self.desk_step is not None:
            return self.desk_step.pick(lang)
        return self.title.pick(lang) + "."


_HELP_DESK = Text("Please go to the help desk.", "안내 데스크로 가 주세요.")
_WELCOME = Text("Welcome! Please go in.", "환영합니다! 들어가세요.")


def _table(*outcomes: Outcome) -> dict[Kind, Outcome]:
    return {o.kind: o for o in outcomes}


OUTCOMES: dict[Kind, Outcome] = _table(
    Outcome(Kind.OK, Tone.GOOD, Status.OK, Text("Checked in", "입장 확인"), _WELCOME,
            desk_step=Text("Checked in.", "체크인했습니다.")),
    Outcome(
        Kind.OK_UNSYNCED, Tone.GOOD, Status.OK, Text("Checked in", "입장 확인"),
        Text("Valid badge. Details not on this kiosk yet: let them in.",
             "유효한 명찰입니다. 이 키오스크에 아직 정보가 없지만 입장시켜 주세요."),
        self_service_step=_WELCOME, desk_step=Text("Checked in.", "체크인했습니다."),
    ),
    Outcome(Kind.EXIT, Tone.GOOD, Status.OK, Text("Checked out", "퇴장 확인"),
            Text("Goodbye, and thank you for coming.", "안녕히 가세요. 와 주셔서 감사합니다.")),
    Outcome(
        Kind.ALREADY_IN, Tone.CHECK, Status.ALREADY_IN, Text("Already checked in", "이미 입장함"),
        Text("Check that the person matches the badge, then let them in.",
             "명찰 주인이 맞는지 확인한 뒤 입장시켜 주세요."),
        self_service_step=Text(
            "You are already checked in. Ask a staff member if you need help.",
            "이미 입장 확인되었습니다. 도움이 필요하면 직원에게 말씀해 주세요.",
        ),
        desk_step=Text("Already checked in.", "이미 체크인되어 있습니다."),
    ),
    Outcome(Kind.INVALID, Tone.STOP, Status.INVALID,
            Text("Not a valid badge", "유효하지 않은 명찰"), _HELP_DESK),
    Outcome(Kind.RETIRED_DESK, Tone.STOP, Status.INVALID,
            Text("Badge from a retired desk", "회수된 데스크에서 만든 명찰입니다"),
            Text("Do not let them in here: send them to the help desk for a new badge.",
                 "여기서 입장시키지 마세요. 새 명찰을 받도록 안내 데스크로 보내 주세요.")),
    Outcome(Kind.UNKNOWN_DESK, Tone.STOP, Status.INVALID,
            Text("Badge from a desk this kiosk does not know",
                 "이 키오스크가 모르는 데스크에서 만든 명찰입니다"),
            Text("Sync this kiosk and scan again, or send them to the help desk.",
                 "이 키오스크를 동기화한 뒤 다시 스캔하거나, 안내 데스크로 보내 주세요.")),
    Outcome(Kind.WRONG_EVENT, Tone.STOP, Status.WRONG_EVENT,
            Text("Badge of another event", "다른 행사의 명찰"), _HELP_DESK),
    Outcome(Kind.SUPERSEDED, Tone.STOP, Status.SUPERSEDED,
            Text("Old badge: a new one was issued", "이전 명찰: 새 명찰이 발급됨"),
            Text("Ask for the newest badge, or go to the help desk.",
                 "가장 최근에 받은 명찰을 확인하거나 안내 데스크로 가 주세요.")),
    Outcome(
        Kind.CANCELLED, Tone.STOP, Status.CANCELLED, Text("Registration cancelled", "취소된 등록"),
        _HELP_DESK,
        desk_step=Text("This registration is cancelled: restore it first.",
                       "취소된 등록입니다. 먼저 등록을 복원하세요."),
    ),
    # A check-only station (``checkin.door.modes``) records nothing; its answer keeps
    # the entrance's ``Status`` and only a valid badge reads differently.
    Outcome(Kind.CHECK_VALID, Tone.GOOD, Status.OK,
            Text("Valid badge — no entry recorded", "유효한 명찰 — 입장 기록 없음"),
            Text("Nothing is recorded here. They have not come in at an entrance.",
                 "여기서는 기록하지 않습니다. 아직 입구에서 입장하지 않았습니다.")),
    Outcome(Kind.CHECK_INSIDE, Tone.GOOD, Status.ALREADY_IN,
            Text("Valid badge — checked in", "유효한 명찰 — 입장함"),
            Text("Nothing is recorded here. They may go on.",
                 "여기서는 기록하지 않습니다. 통과하셔도 됩니다.")),
    Outcome(Kind.UNDONE, Tone.NEUTRAL, None, Text("Check-in undone", "체크인 취소됨"),
            Text("The check-in is cancelled; nothing else changed.",
                 "체크인을 취소했습니다. 다른 기록은 그대로입니다.")),
    Outcome(Kind.ERROR, Tone.FAULT, None, Text("NOT saved", "저장되지 않음"),
            Text("Try again. If it keeps happening, call an organizer.",
                 "다시 시도하세요. 계속되면 운영진을 불러 주세요.")),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Refusal:
    """A reason a scanned code is not admitted: the kind it gives and why, in words."""

    kind: Kind
    reason: Text


REJECTIONS: dict[Rejection, Refusal] = {
    Rejection.NOT_OURS: Refusal(Kind.INVALID, Text(
        "This code is not a badge of this event.", "이 행사의 명찰 코드가 아닙니다.")),
    Rejection.DAMAGED: Refusal(Kind.INVALID, Text(
        "The code was read incompletely or is damaged.", "코드가 일부만 읽혔거나 손상되었습니다.")),
    Rejection.UNKNOWN_FORMAT: Refusal(Kind.INVALID, Text(
        "A badge from a newer version of the app.", "새 버전 앱에서 만든 명찰입니다.")),
    Rejection.FORGED: Refusal(Kind.INVALID, Text(
        "The badge signature does not match.", "명찰 서명이 맞지 않습니다.")),
    Rejection.WRONG_EVENT: Refusal(Kind.WRONG_EVENT, Text(
        "This badge was issued for another event.", "다른 행사용으로 발급된 명찰입니다.")),
    Rejection.RETIRED_STATION: Refusal(Kind.RETIRED_DESK, Text(
        "The desk that made this badge was taken out of use (lost or retired).",
        "이 명찰을 만든 데스크는 사용 중지되었습니다 (분실 또는 회수).")),
    Rejection.UNKNOWN_STATION: Refusal(Kind.UNKNOWN_DESK, Text(
        "It was made at a desk set up after this kiosk last synced.",
        "이 키오스크가 마지막으로 동기화한 뒤에 준비된 데스크에서 만든 명찰입니다.")),
}  # fmt: skip

# A check-only station's band, above every answer it gives (``checkin.door.modes``).
CHECK_ONLY = Text("Check only — not an entry", "확인 전용 — 입장 기록 안 함")
# A member admitted together with others of their group (``checkin.people.groups``).
GROUP_CHECKED_IN = Text("Checked in with the group", "일행과 함께 입장 확인")

# The detail line under the title, when there is more to say.
CHECK_LEFT = Text("Came in at {time} at {station}, then left.",
                  "{time} {station}에서 입장한 뒤 퇴장함.")  # fmt: skip
PREVIOUS_ENTRY = Text("Checked in at {time} at {station}", "{time} {station}에서 입장함")
EXIT_WITHOUT_ENTRY = Text("No entry was recorded for this badge; counted as leaving.",
                          "이 명찰의 입장 기록은 없지만 퇴장으로 기록했습니다.")  # fmt: skip
ANONYMOUS = Text("Admitted without registering: nothing about them is kept.",
                 "등록 없이 입장했습니다. 이분에 대한 정보는 남기지 않습니다.")  # fmt: skip
NEWER_BADGE = Text("A newer badge than this kiosk knows; the details will follow.",
                   "이 키오스크가 아는 것보다 새 명찰입니다. 정보는 동기화되면 들어옵니다.")  # fmt: skip
NOT_SYNCED_YET = Text("Registered at another kiosk; not synced here yet.",
                      "다른 키오스크에서 등록되어 아직 이곳에 동기화되지 않았습니다.")  # fmt: skip


def outcome(kind: Kind | str) -> Outcome:
    return OUTCOMES[Kind(kind)]


def refusal(rejection: Rejection) -> Refusal:
    return REJECTIONS[rejection]


@dataclass(frozen=True, slots=True)
class Detail:
    """The line under the title. ``both_languages``: shown in the other language too
    (a red panel's reason is read by the attendee); else for the volunteer only."""

    text: Text
    both_languages: bool = True


def detail(result: ScanResult, timezone: str) -> Detail | None:
    """What else to say about ``result``: why a code was refused, when and where the
    person was already admitted, an exit with no entry, an unregistered admission, a
    badge this station has no (current) record of."""
    kind = result.kind
    if kind in (Kind.ALREADY_IN, Kind.CHECK_INSIDE, Kind.CHECK_VALID) and result.previous:
        when = dt.datetime.fromtimestamp(result.previous.at_ms / 1000, ZoneInfo(timezone))
        text = CHECK_LEFT if kind is Kind.CHECK_VALID else PREVIOUS_ENTRY
        return Detail(
            text.format(time=when.strftime("%H:%M"), station=result.previous.station_name)
        )
    if result.reason:
        try:
            return Detail(REJECTIONS[Rejection(result.reason)].reason)
        except (ValueError, KeyError):
            pass
    if kind is Kind.EXIT and result.was_inside is False:
        return Detail(EXIT_WITHOUT_ENTRY)
    if result.checkin is not None and result.checkin.method == "anonymous":
        return Detail(ANONYMOUS, both_languages=False)
    if kind is Kind.OK_UNSYNCED or (kind is Kind.CHECK_VALID and result.unsynced):
        return Detail(NEWER_BADGE if result.attendee is not None else NOT_SYNCED_YET)
    return None
