"""The words of protecting attendees (access, PIN, audit, consent, closing), in English and
Korean (``checkin.texts``)."""

from __future__ import annotations

from checkin.texts import Catalogue, Text


class ProtectTexts(Catalogue, domain="protect"):
    # --- checkin.protect.access ----------------------------------------------
    # why personal data leaves the app (access.REASONS)
    reason_door = Text("door list for checking people in", "출입 확인용 명단")
    reason_badges = Text("printing badges", "명찰 인쇄")
    reason_report = Text("report to the organizers or funders", "결과 보고")
    reason_request = Text("the attendee's own request", "정보주체 본인 요청")
    reason_authority = Text(
        "request by an authority with a legal basis", "법적 근거가 있는 기관 요청"
    )
    reason_audit = Text("checking and auditing", "점검·감사")
    reason_other = Text("other (say what)", "기타 (직접 입력)")
    scan_only_station_register_edit = Text(
        "This is a scan-only station: register and edit attendees at a desk station.",
        "이 기기는 스캔 전용입니다. 참가자 등록·수정은 접수 데스크에서 하세요.",
    )

    # --- checkin.protect.audit -----------------------------------------------
    # what each audit log row records (audit.ACTION_LABELS)
    action_export = Text("Export", "내보내기")
    action_search = Text("Search", "검색")
    action_view = Text("Viewed details", "상세 정보 열람")
    action_edit = Text("Edited", "수정")
    action_pin_success = Text("PIN accepted", "PIN 확인")
    action_pin_failure = Text("Wrong PIN", "PIN 틀림")
    action_pin_lockout = Text("PIN entry locked", "PIN 입력 잠김")
    action_alert = Text("Alert: possible trawling", "경고: 대량 조회 의심")
    action_consent = Text("Consent declared by the organizer", "운영자의 동의 확인 선언")
    # what was exported or noticed (a detail's kind)
    kind_attendance = Text("attendance", "출석 명단")
    kind_log = Text("check-in log", "체크인 기록")
    kind_report = Text("summary report", "결과 보고서")
    kind_paper = Text("paper door list", "종이 출입 명단")
    kind_audit = Text("audit log", "감사 기록")
    kind_badges = Text("badges", "명찰")
    kind_incident_sheet = Text("lost-station incident sheet", "분실 기기 사고 기록")
    kind_trawling = Text("many searches and detail views", "짧은 시간에 많은 검색·상세 조회")
    kind_sequence = Text("registration numbers opened in sequence", "등록번호 순서대로 조회")
    kind_tickets = Text("tickets (files)", "입장권 (파일)")
    kind_tickets_stopped = Text("tickets (files), stopped halfway", "입장권 (파일), 중간에 멈춤")
    kind_tickets_email = Text("tickets by e-mail", "입장권 이메일")
    kind_import_declared = Text(
        "an import's consent, collected on the organizer's form",
        "가져온 명단의 동의(운영자 양식에서 받음)",
    )
    # the parts of a row's detail (audit.describe_detail)
    detail_people_in_a_row = Text("{n} in a row", "{n}명 연속")
    detail_rows = Text("{n} rows", "{n}행")
    detail_personal = Text("personal: {names}", "개인정보: {names}")
    detail_fields = Text("fields: {names}", "항목: {names}")
    detail_items = Text("items: {names}", "항목: {names}")
    detail_item_contact = Text("(b) contact", "(나) 연락처")
    detail_item_sensitive = Text("(c) sensitive", "(다) 민감정보")
    detail_version = Text("wording {version}", "동의문 {version}")
    detail_basis = Text("basis: {basis}", "근거: {basis}")
    detail_results = Text("{n} shown", "결과 {n}명")
    detail_searches_in = Text("{n} in {minutes} min", "{minutes}분 동안 {n}번")
    detail_queries_typed = Text("{n} queries typed", "검색어 {n}번 입력")
    detail_failures = Text("{n} in a row", "연속 {n}번째")
    detail_reason = Text("reason: {reason}", "이유: {reason}")
    detail_locked_for = Text("locked for {s} s", "{s}초 잠김")
    # the audit log's CSV columns
    csv_time = Text("Time", "시각")
    station_heading = Text("Station", "기기")  # (the incident sheet's too)
    csv_operator = Text("Operator", "담당자")
    csv_action = Text("Action", "작업")
    csv_attendee = Text("Attendee (reg. no.)", "참가자 (등록번호)")
    csv_detail = Text("Detail", "내용")
    unknown_action_actions = Text(
        "Unknown action {action!r}; actions: {join}.",
        "알 수 없는 작업 {action!r}. 작업: {join}",
    )

    # --- checkin.protect.consent ---------------------------------------------
    field_without_consent = Text(  # {label}, {consent}: in the message's own language
        "{label} cannot be stored: the person did not agree to consent {consent}. Leave it "
        "empty (registration and entry go ahead without it) or tick that consent if they "
        "agree.",
        "{label} 항목은 저장할 수 없습니다. {consent} 동의를 받지 않았습니다. 비워 두거나 "
        "(등록과 입장은 그대로 됩니다), 본인이 동의하면 그 동의란을 체크하세요.",
    )
    consent_wording_needs_korean_english = Text(
        "The consent wording needs a Korean and an English text (each up to {max_length} "
        "characters).",
        "동의문은 한국어와 영어 문장이 모두 필요합니다 (각 {max_length}자 이내).",
    )
    consent_data_needed_entry_display = Text(
        "Consent (a) to the data needed for entry (display name, category) is required to "
        "register: read the text to the person and tick the box when they agree. A person "
        "who refuses can still be let in anonymously.",
        "등록하려면 (가) 입장에 필요한 정보(표시 이름, 구분)의 개인정보 이용 동의가 필요합니다. 동의문을 읽어 드리고, 동의하면 확인란을 체크하세요. "
        "동의하지 않는 분도 익명으로 입장할 수 있습니다.",
    )
    unknown_consent_item_use_one = Text(
        "Unknown consent item {item!r}: use one of {join}.",
        "알 수 없는 동의 항목 {item!r}: {join} 중 하나를 쓰세요.",
    )
    person_under_their_optional_details = Text(
        "This person is under 14: their optional details are kept only with a parent's or "
        "guardian's consent. Tick the guardian box and write the guardian's relation (e.g. "
        "mother), or leave the optional fields empty.",
        "만 14세 미만입니다. 선택 항목은 법정대리인(보호자)의 동의가 있어야 저장할 수 있습니다. 보호자 동의란을 체크하고 관계(예: 어머니)를 "
        "적거나, 선택 항목을 비워 두세요.",
    )

    # --- checkin.protect.incident --------------------------------------------
    # the lost-station incident sheet (incident.lines): the fields its file could hold
    sheet_display_name = Text("display name", "표시 이름")
    sheet_reg_no = Text("registration number", "등록번호")
    sheet_category = Text("category", "구분")
    sheet_organization = Text("organization", "소속")
    sheet_full_name = Text("full name", "실명")
    sheet_phone = Text("phone", "전화번호")
    sheet_email = Text("e-mail", "이메일")
    sheet_access_needs = Text(
        "access needs (health/disability: sensitive)", "편의 지원(건강·장애: 민감정보)"
    )
    sheet_notes = Text("notes", "메모")
    sheet_external_id = Text("id in another system", "외부 시스템 ID")
    # its headings and answers
    sheet_never = Text("never", "기록 없음")
    sheet_not_recorded = Text(
        "not recorded (made before this version): ask who set it up",
        "기록 없음(이전 버전에서 준비): 준비한 사람에게 확인하세요",
    )
    sheet_yes = Text("yes", "예")
    sheet_no = Text("no", "아니요")
    sheet_reported_lost = Text("Reported lost", "분실 신고")
    sheet_last_sync = Text("Last sync with this file", "이 파일과 마지막 동기화")
    sheet_encrypted = Text("Its file was encrypted", "기기 파일 암호화")
    sheet_personal_fields = Text("Set up with personal fields", "개인 정보 포함 여부")
    sheet_fields_held = Text("Fields its file could hold", "기기 파일에 있을 수 있는 항목")
    sheet_people = Text("People whose data it could hold", "영향받을 수 있는 인원")
    sheet_up_to = Text("up to {n:,}", "최대 {n:,}명")
    sheet_access_needs_people = Text(
        "Of them with access needs recorded (sensitive)", "그중 편의 지원 기록(민감정보)"
    )
    sheet_consent_versions = Text(
        "Consent wordings agreed to (version: people)", "동의문 버전별 인원"
    )
    sheet_what_to_do = Text("What to do now", "지금 해야 할 일")
    sheet_title = Text("Lost station incident sheet", "분실 기기 사고 기록")
    sheet_no_names = Text("no names", "이름 없음")
    # what to do now
    sheet_duty_stop = Text(
        "1. Stop further harm: this station is retired; change the event passphrase and "
        "the organizer PIN if the laptop may have been unlocked; ask the hub's "
        "administrator to change the hub password.",
        "1. 피해 확산 방지: 이 기기는 사용 중지되었습니다. 노트북이 잠금 해제된 상태였을 수 "
        "있다면 행사 암호와 주최자 PIN을 바꾸고, 허브 관리자에게 허브 비밀번호 변경을 요청하세요.",
    )
    sheet_duty_tell = Text(
        "2. Tell the people affected without delay (PIPA Art. 34; within 72 hours of "
        "learning of it): what was held, when, what they can do, whom to contact.",
        "2. 정보주체에게 지체 없이(알게 된 때부터 72시간 이내) 알리세요(개인정보 보호법 제34조): "
        "유출된 항목, 시점, 피해를 줄이기 위해 할 수 있는 일, 담당 부서와 연락처.",
    )
    sheet_duty_report = Text(
        "3. Report to the Personal Information Protection Commission or KISA within 72 "
        "hours (by {by}) where the decree requires it: {threshold:,} people or more, any "
        "sensitive data, or a loss by an outside attack. This sheet's assessment: ",
        "3. 다음에 해당하면 72시간 이내({by}까지) 개인정보보호위원회 또는 "
        "한국인터넷진흥원(KISA)에 신고하세요: {threshold:,}명 이상, 민감정보 포함, 외부 "
        "공격에 의한 유출. 이 문서의 판단: ",
    )
    sheet_report = Text("report.", "신고 필요.")
    sheet_probably_not = Text(
        "probably not required; check.", "필요하지 않을 수 있음 — 확인하세요."
    )
    sheet_duty_keep = Text(
        "4. Keep this sheet with the event's records; the app has logged the retirement "
        "in the audit log.",
        "4. 이 문서를 행사 기록과 함께 보관하세요. 기기 사용 중지는 감사 기록에 남아 있습니다.",
    )
    no_station_file = Text(
        "No station {station_id!r} in this file.",
        "이 파일에 {station_id!r} 기기가 없습니다.",
    )

    # --- checkin.protect.pin -------------------------------------------------
    pin_must_digits = Text(
        "The PIN must be {min_digits}-{max_digits} digits.",
        "PIN은 숫자 {min_digits}~{max_digits}자리여야 합니다.",
    )
    station_holds_no_signing_key = Text(
        "This station holds no signing key, so it cannot set the organizer PIN.",
        "이 기기에는 서명 키가 없어 운영자 PIN을 설정할 수 없습니다.",
    )
    not_kiosk_unlock_code = Text(
        "Not a kiosk unlock code.",
        "키오스크 잠금 해제 코드가 아닙니다.",
    )

    # --- checkin.protect.retention -------------------------------------------
    event_closed_wiped = Text(
        "This event is closed: personal data was wiped and no one can be registered "
        "or edited any more.",
        "이 행사는 종료되었습니다. 개인정보가 삭제되었으며 더 이상 등록하거나 수정할 수 없습니다.",
    )
    deleted_in_one_day = Text(
        "Personal data of this event will be deleted on {delete_by} (in {n} day): export "
        "what you still need and sync every station before then.",
        "이 행사의 개인정보는 {delete_by}에 삭제됩니다({n}일 남음). 필요한 자료는 그 전에 "
        "내보내고 모든 기기를 동기화하세요.",
    )
    deleted_in_days = Text(
        "Personal data of this event will be deleted on {delete_by} (in {n} days): export "
        "what you still need and sync every station before then.",
        "이 행사의 개인정보는 {delete_by}에 삭제됩니다({n}일 남음). 필요한 자료는 그 전에 "
        "내보내고 모든 기기를 동기화하세요.",
    )
    wiped_past_delete_date = Text(
        "The date to delete personal data ({delete_by}) has passed: this station's file "
        "was wiped ({wiped} records). Check-ins and counts stay.",
        "개인정보 삭제일({delete_by})이 지나 이 기기 파일의 개인정보를 삭제했습니다"
        "({wiped}명). 입장 기록과 집계는 남아 있습니다.",
    )
    final_report_saved_first = Text(
        "The final report was saved first: {report}",
        "먼저 최종 보고서를 저장했습니다: {report}",
    )
    only_organizer_s_station_can = Text(
        "Only the organizer's station can close the event.",
        "행사 종료는 주최자 기기에서만 할 수 있습니다.",
    )
    folder_give_file_name_report = Text(
        "{target} is a folder; give a file name for the report.",
        "{target} 은(는) 폴더입니다. 보고서 파일 이름을 주세요.",
    )
    folder_does_not_exist = Text(
        "The folder for {target} does not exist.",
        "{target} 의 폴더가 없습니다.",
    )
    report_not_written_nothing_wiped = Text(
        "The report {target} was not written; nothing was wiped.",
        "보고서 {target} 이(가) 저장되지 않아 아무것도 삭제하지 않았습니다.",
    )
