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

    # --- checkin.people.fields -----------------------------------------------
    # {label}: the field's name in the message's own language
    field_too_long = Text(
        "{label} is too long (at most {max_len} characters).",
        "{label} 이(가) 너무 깁니다 (최대 {max_len}자).",
    )
    field_yes_or_no = Text(
        "{label}: expected yes or no, got {text!r}.",
        "{label}: 예/아니오 중 하나여야 합니다 ({text!r}).",
    )
    that_not_phone_number_use = Text(
        "That is not a phone number. Use e.g. 010-1234-5678, 02-123-4567 or +1 555 0100.",
        "전화번호 형식이 아닙니다. 예: 010-1234-5678, 02-123-4567, +1 555 0100",
    )
    consent_answers_not_readable_each = Text(
        "The consent answers are not readable: each item needs a time and the wording's version.",
        "동의 기록을 읽을 수 없습니다. 항목마다 시각과 동의문 버전이 필요합니다.",
    )
    display_name_required_name_printed = Text(
        "A display name is required (the name printed on the badge; an alias is fine).",
        "표시 이름을 입력하세요 (명찰에 인쇄되는 이름이며 가명도 괜찮습니다).",
    )
    that_not_email_address_e = Text(
        "That is not an email address (e.g. name@example.org).",
        "이메일 주소 형식이 아닙니다 (예: name@example.org).",
    )
    language_must_ko_korean_en = Text(
        "Language must be ko (Korean) or en (English).",
        "언어는 ko(한국어) 또는 en(영어)이어야 합니다.",
    )
    status_must_registered_cancelled = Text(
        "Status must be registered or cancelled.",
        "상태는 registered(등록) 또는 cancelled(취소)여야 합니다.",
    )
    unknown_category_use_one = Text(
        "Unknown category {text!r}; use one of: {join}.",
        "알 수 없는 구분 {text!r}. 다음 중 하나를 사용하세요: {join}",
    )
    choose_person_s_category = Text(
        "Choose the person's category.",
        "참가자의 구분을 선택하세요.",
    )
    consent_time_must_time_milliseconds = Text(
        "Consent time must be a time in milliseconds.",
        "동의 시각은 밀리초 단위 시각이어야 합니다.",
    )
    unknown_field = Text(
        "Unknown field {name!r}.",
        "알 수 없는 항목 {name!r}.",
    )

    # --- checkin.people.duplicates -------------------------------------------
    # why two records may be the same person (duplicates.REASON_LABELS)
    same_name_and_phone = Text("same name and phone", "이름과 연락처가 같음")
    same_name = Text("same name", "이름이 같음")
    same_phone = Text("same phone number", "연락처가 같음")
    same_name_other_spelling = Text("same name, other spelling", "표기만 다른 같은 이름")
    very_similar_name = Text("very similar name", "매우 비슷한 이름")
