"""The words of attendees, fields, search and duplicates, in English and Korean (``checkin.texts``)."""

from __future__ import annotations

from checkin.texts import Catalogue, Text


class PeopleTexts(Catalogue, domain="people"):
    # --- checkin.people.attendees --------------------------------------------
    scan_only_station_register_edit = Text(
        "This is a scan-only station: register and edit attendees at a desk station.",
        "이 기기는 스캔 전용입니다. 참가자 등록·수정은 접수 데스크에서 하세요.",
    )
    matches_attendees_use_attendee_id = Text(
        "{text!r} matches {n} attendees; use the attendee id instead.",
        "{text!r} 에 해당하는 참가자가 {n}명입니다. 참가자 ID를 사용하세요.",
    )
    badge_cannot_reissued_again = Text(
        "This badge cannot be reissued again.",
        "이 명찰은 더 이상 재발급할 수 없습니다.",
    )
    station_cannot_issue_badges_holds = Text(
        "This station cannot issue badges (it holds no signing key).",
        "이 기기는 명찰을 발급할 수 없습니다 (서명 키 없음).",
    )
