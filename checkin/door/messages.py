"""Short texts for the command line, in Korean and English.

The GUI has its own translations (Qt Linguist); these are the few sentences the
command line prints.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from checkin.models import Status

STATUS_TEXT = {
    Status.OK: ("Checked in", "입장 확인"),
    Status.ALREADY_IN: ("Already checked in", "이미 입장함"),
    Status.INVALID: ("Not a valid badge", "유효하지 않은 명찰"),
    Status.WRONG_EVENT: ("Badge of another event", "다른 행사의 명찰"),
    Status.SUPERSEDED: ("Old badge (replaced by a reissued one)", "재발급되어 사용할 수 없는 명찰"),
    Status.CANCELLED: ("Registration cancelled", "취소된 등록"),
}
EXIT_TEXT = ("Checked out", "퇴장 확인")
UNSYNCED_TEXT = ("valid badge, attendee not synced to this station yet",
                 "유효한 명찰 (이 기기에 아직 동기화되지 않은 참가자)")  # fmt: skip
REASON_TEXT = {
    "not_ours": ("not a badge code of this app", "이 앱의 명찰 코드가 아님"),
    "damaged": ("code damaged or incomplete", "코드가 손상되었거나 불완전함"),
    "unknown_format": ("badge format from a newer version", "새 버전의 명찰 형식"),
    "forged": ("signature does not match: possibly forged", "서명이 맞지 않음: 위조 가능성"),
    "wrong_event": ("issued for another event", "다른 행사용으로 발급됨"),
    "retired_station": (
        "badge from a retired desk: the desk that made it was taken out of use; "
        "send the person to the help desk",
        "회수된 데스크에서 만든 명찰입니다: 명찰을 만든 데스크가 사용 중지되었습니다. "
        "안내 데스크로 보내 주세요",
    ),
    "unknown_station": (
        "badge from a desk this station does not know yet: sync this station and scan "
        "again, or send the person to the help desk",
        "이 기기가 아직 모르는 데스크에서 만든 명찰입니다: 이 기기를 동기화한 뒤 다시 "
        "스캔하거나, 안내 데스크로 보내 주세요",
    ),
}


def pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "ko" else pair[0]


def format_time(ms: int, timezone: str, with_date: bool = False) -> str:
    moment = dt.datetime.fromtimestamp(ms / 1000, ZoneInfo(timezone))
    return moment.strftime("%Y-%m-%d %H:%M" if with_date else "%H:%M:%S")
