"""The words of the door: codes, the scan engine, the demo event, in English and Korean (``checkin.texts``)."""

from __future__ import annotations

from checkin.texts import Catalogue, Text


class DoorTexts(Catalogue, domain="door"):
    # --- checkin.door.engine -------------------------------------------------
    no_category = Text(
        "No category {category!r}.",
        "구분 {category!r} 이(가) 없습니다.",
    )
    say_why_check_undone_short = Text(
        "Say why the check-in is undone (a short reason).",
        "체크인을 취소하는 이유를 짧게 입력하세요.",
    )
    direction_must_entry_exit = Text(
        "Direction must be entry or exit.",
        "방향은 entry(입장) 또는 exit(퇴장)이어야 합니다.",
    )
    no_check_list_lists = Text(
        "No check-in list {list_id!r}; lists: {join}.",
        "체크인 목록 {list_id!r} 이(가) 없습니다. 목록: {join}",
    )
