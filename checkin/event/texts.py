"""The words of the event: its identity, settings and file, in English and Korean (``checkin.texts``)."""

from __future__ import annotations

from checkin.texts import Catalogue, Text


class EventTexts(Catalogue, domain="event"):
    # --- checkin.event.files -------------------------------------------------
    environment_variable_not_set_should = Text(
        "The environment variable {var} is not set (it should hold the passphrase).",
        "환경 변수 {var} 이(가) 설정되어 있지 않습니다 (암호를 담아야 합니다).",
    )

    # --- checkin.event.identity ----------------------------------------------
    station_name_needs_characters_e = Text(
        "A station name needs 1-{max_station_name} characters (e.g. Door 2).",
        "기기 이름은 1~{max_station_name}자여야 합니다 (예: 2번 출입구).",
    )
    station_cannot_issue_badges_holds = Text(
        "This station cannot issue badges (it holds no signing key).",
        "이 기기는 명찰을 발급할 수 없습니다 (서명 키 없음).",
    )

    # --- checkin.event.rekey -------------------------------------------------
    new_passphrase_must_not_empty = Text(
        "The new passphrase must not be empty.",
        "새 암호는 비워 둘 수 없습니다.",
    )

    # --- checkin.event.settings ----------------------------------------------
    trawling_alert_needs_whole_numbers = Text(
        "The trawling alert needs whole numbers: searches (5-1000), minutes (1-120) and "
        "sequence (3-100).",
        "대량 조회 경고 설정은 정수여야 합니다: 검색 수(5~1000), 분(1~120), 연속 번호(3~100).",
    )
    invalid_value_setting = Text(
        "Invalid value for the setting {key!r}.",
        "설정 {key!r} 의 값이 올바르지 않습니다.",
    )
    small_count_threshold_must_whole = Text(
        "The small-count threshold must be a whole number from 3 to 100 (or 1 to turn it off).",
        "소수 인원 가림 기준은 3에서 100 사이의 정수여야 합니다 (1은 끄기).",
    )
    only_organizer_s_computer_can = Text(
        "Only the organizer's computer can change event settings (the PIN, badges, consent "
        "wording, closing). Nothing was changed.",
        "행사 설정(PIN, 명찰, 동의 안내문, 행사 종료)은 주최자 컴퓨터에서만 바꿀 수 있습니다. 아무것도 변경하지 않았습니다.",
    )
    most_characters_printed_every_badge = Text(
        "{key}: at most {max_name_chars} characters (it is printed on every badge).",
        "{key}: 최대 {max_name_chars}자입니다 (모든 명찰에 인쇄됩니다).",
    )
    event_needs_name = Text(
        "The event needs a name.",
        "행사 이름을 입력하세요.",
    )
    registration_prefix_must_letters_digits = Text(
        "The registration prefix must be 1-6 letters or digits (e.g. DD).",
        "등록번호 접두어는 영문자·숫자 1~6자여야 합니다 (예: DD).",
    )
    not_date_use_yyyy_mm = Text(
        "Not a date: {value!r}. Use YYYY-MM-DD.",
        "날짜 형식이 아닙니다: {value!r}. YYYY-MM-DD 형식으로 입력하세요.",
    )
    not_date_use_yyyy_mm_2 = Text(
        "Not a date: {value!r}. Use YYYY-MM-DD, e.g. 2027-07-14.",
        "날짜 형식이 아닙니다: {value!r}. YYYY-MM-DD 형식으로 입력하세요 (예: 2027-07-14).",
    )
    invalid_value_setting_each_label = Text(
        "Invalid value for the setting {key!r}: each label is text of at most "
        "{max_label_chars} characters.",
        "설정 {key!r} 의 값이 올바르지 않습니다: 각 이름은 최대 {max_label_chars}자의 글자여야 합니다.",
    )
