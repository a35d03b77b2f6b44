"""The words of the command line, in English and Korean (``checkin.texts``).

``Output.say(CliTexts.x, **values)`` prints one in the reader's language (``--lang``,
``CHECKIN_LANG``, the locale). Grouped by the module that says them.

Long because: a catalogue, every word of every command in one place, both languages side
by side; nothing to run in it.
"""

from __future__ import annotations

from checkin.texts import Catalogue, Text


class CliTexts(Catalogue, domain="cli"):
    # --- every command (checkin.cli, checkin.cli.common, checkin.cli.argcheck) ------------
    bug = Text(
        "Unexpected error ({kind}). This is a bug; details are in the log: {log_path}",
        "예상하지 못한 오류 ({kind}). 프로그램 결함입니다. 자세한 내용은 로그에 있습니다: {log_path}",
    )
    passphrase_prompt = Text("Event passphrase: ", "행사 암호: ")
    pin_prompt = Text("Organizer PIN: ", "운영자 PIN: ")
    env_not_set = Text(
        "The environment variable {var} is not set.",
        "환경 변수 {var} 이(가) 설정되어 있지 않습니다.",
    )
    pin_env_not_set = Text(
        "The environment variable {var} is not set (it should hold the organizer PIN).",
        "환경 변수 {var} 이(가) 설정되어 있지 않습니다 (운영자 PIN을 담아야 합니다).",
    )
    argument_n = Text("argument {n}", "{n}번째 인자")
    not_utf8 = Text(
        "The value given for {what} is not valid text (not UTF-8: check the "
        "terminal's encoding or the file name). Nothing was changed.",
        "{what} 에 준 값이 올바른 글자가 아닙니다 (UTF-8 아님: 터미널 인코딩이나 "
        "파일 이름을 확인하세요). 아무것도 변경하지 않았습니다.",
    )
    name_too_long = Text(
        "A file name is too long (at most {max_bytes} bytes for each name in a "
        "path; Korean letters take 3 bytes each). Nothing was changed.",
        "파일 이름이 너무 깁니다 (경로의 각 이름은 최대 {max_bytes}바이트이며, 한글은 "
        "한 글자에 3바이트입니다). 아무것도 변경하지 않았습니다.",
    )
    every_positive = Text(
        "--every needs a positive number of seconds.", "--every 는 양수(초)여야 합니다."
    )

    # --- checkin sync (checkin.cli.sync) ------------------------------------------------
    writing_bundle = Text("Writing the bundle", "동기화 파일 쓰는 중")
    importing_bundles = Text("Importing bundles", "동기화 파일 가져오는 중")
    syncing_folder = Text("Syncing the folder", "폴더와 동기화 중")
    syncing_hub = Text("Syncing with the hub", "동기화 서버와 동기화 중")
    wrote_bundle = Text("Wrote {path}: {total} rows", "{path} 작성: {total}건")
    wrote_bundle_door = Text(
        "Wrote {path}: {total} rows for door kiosks", "{path} 작성 출입구 키오스크용: {total}건"
    )
    wrote_bundle_bare = Text(
        "Wrote {path}: {total} rows for kiosks without personal fields",
        "{path} 작성 개인 정보 없는 키오스크용: {total}건",
    )
    encrypted_suffix = Text(" (encrypted)", " (암호화됨)")
    former_rows = Text(
        "Including {n} rows this file wrote before it was copied or "
        "moved (under its former station identity).",
        "이 파일이 복사되거나 옮겨지기 전에(이전 기기 정보로) 기록한 {n}건을 포함합니다.",
    )
    closed_by_sync = Text(
        "The organizer's station {station} closed the event at {when}: "
        "personal data on this station was wiped.",
        "주최자 기기 {station} 이(가) {when} 에 행사를 종료했습니다. 이 기기의 "
        "개인 정보를 삭제했습니다.",
    )
    bundle_imported = Text(
        "✔ {path}: {n} new rows from {sender}", "✔ {path}: {sender} 에서 새 기록 {n}건"
    )
    doubles_see_report = Text(
        "{n} double entries: see 'checkin sync report'",
        "중복 입장 {n}건: 'checkin sync report' 로 확인하세요",
    )
    folder_round = Text(
        "Folder {folder}: {imported} new rows from {bundles} bundles, {unchanged} "
        "unchanged; sent {sent}",
        "폴더 {folder}: 동기화 파일 {bundles}개에서 새 기록 {imported}건, 변경 없음 "
        "{unchanged}개; 보냄 {sent}건",
    )
    hub_round = Text(
        "Hub {where}: sent {pushed}, received {pulled} ({imported} new), {stations} "
        "stations, {seconds:.2f} s",
        "동기화 서버 {where}: 보냄 {pushed}건, 받음 {pulled}건 (새 기록 {imported}건), "
        "기기 {stations}대, {seconds:.2f}초",
    )
    hub_refused_rows = Text(
        "✖ {n} rows on the hub are not signed by a station of "
        "this event (or go beyond its role): refused.",
        "✖ 동기화 서버의 기록 {n}건은 이 행사 기기의 서명이 없거나 권한을 넘어 받지 않았습니다.",
    )
    no_doubles = Text("No double entries.", "중복 입장이 없습니다.")
    doubles_head = Text(
        "{n} attendees admitted twice at different doors while offline:",
        "오프라인 중 서로 다른 출입구에서 두 번 입장한 참가자 {n}명:",
    )
    shared_reg_no = Text(
        "Registration number {reg_no} was given to {n} people: {ids}",
        "등록번호 {reg_no} 이(가) {n}명에게 부여됨: {ids}",
    )
    provisioned = Text(
        "Wrote {path}: station {name!r} (number {no}, {role})",
        "{path} 작성: 기기 {name!r} (번호 {no}, {role})",
    )
    provision_display_names = Text(
        "Without personal fields beyond display names.",
        "표시 이름 외의 개인 정보는 넣지 않았습니다.",
    )
    provision_full_list = Text("With the full attendee list.", "전체 참가자 명단을 담았습니다.")
    provision_encrypted = Text("Encrypted.", "암호화됨.")
    provision_not_encrypted = Text(
        "NOT encrypted: carry it safely and delete copies after use.",
        "암호화되지 않음: 안전하게 옮기고, 사용 후 복사본은 지우세요.",
    )
    unlock_code = Text(
        "Kiosk unlock code: {code}  (shown only now: write it down for "
        "the organizer; this kiosk unlocks with it, not with the organizer PIN)",
        "키오스크 잠금 해제 코드: {code}  (지금 한 번만 표시됩니다. "
        "주최자용으로 적어 두세요. 이 키오스크는 운영자 PIN이 아니라 이 코드로 "
        "잠금이 풀립니다)",
    )
    provision_hub_with_password = Text(
        "Syncs with the hub {where} (password included, encrypted).",
        "동기화 서버 {where} 와 동기화합니다 (암호 포함, 암호화됨).",
    )
    provision_hub_without_password = Text(
        "Syncs with the hub {where} (password not included: enter it on the kiosk, or "
        "use PGPASSWORD/.pgpass).",
        "동기화 서버 {where} 와 동기화합니다 (암호 미포함: 키오스크에서 입력하거나 "
        "PGPASSWORD/.pgpass 사용).",
    )
    lost_with_undo = Text(
        "--lost and --undo cannot be used together.", "--lost 와 --undo 는 함께 쓸 수 없습니다."
    )
    retired = Text(
        "Retired {station!r}: data it writes from now on is refused by every "
        "station once they sync with this file.",
        "{station!r} 사용 중지: 이 파일과 동기화한 모든 기기가 이제부터 이 기기의 "
        "자료를 받지 않습니다.",
    )
    active_again = Text("{station!r} is active again.", "{station!r} 다시 사용.")
    incident_report_now = Text(
        "Incident sheet: {pdf} (and {json}). Its file could hold data of up "
        "to {people:,} people. Tell them without delay; report to the PIPC/KISA within "
        "72 hours.",
        "사고 기록: {pdf} ({json}). 이 기기 파일에 최대 {people:,}명의 정보가 "
        "있을 수 있습니다. 정보주체에게 지체 없이 알리고, 72시간 이내에 개인정보보호위원회/KISA에 "
        "신고하세요.",
    )
    incident_check_report = Text(
        "Incident sheet: {pdf} (and {json}). Its file could hold data of up "
        "to {people:,} people. Tell them without delay; check whether a report to the "
        "PIPC/KISA is needed (72 hours).",
        "사고 기록: {pdf} ({json}). 이 기기 파일에 최대 {people:,}명의 정보가 "
        "있을 수 있습니다. 정보주체에게 지체 없이 알리고, 개인정보보호위원회/KISA 신고(72시간)가 "
        "필요한지 확인하세요.",
    )
    role_organizer = Text("organizer", "운영진")
    role_desk = Text("desk", "접수 데스크")
    role_scan_only = Text("scan-only", "스캔 전용")
    this_station = Text(
        "This station: {name} (number {no}, {role})", "이 기기: {name} (번호 {no}, {role})"
    )
    without_personal_suffix = Text(", without personal fields", ", 개인 정보 없음")
    retired_suffix = Text(", RETIRED", ", 사용 중지됨")
    sync_summary = Text(
        "Last sync: {last}; not yet sent: {pending}; peers seen: {peers}; "
        "double entries: {doubles}",
        "마지막 동기화: {last}; 아직 보내지 않음: {pending}건; 만난 기기: {peers}대; "
        "중복 입장: {doubles}건",
    )
    last_attempt_failed = Text("Last attempt failed: {detail}", "마지막 시도 실패: {detail}")
    stations_head = Text("Stations:", "기기 목록:")
    seen = Text("seen", "확인")
    retired_mark = Text("RETIRED", "사용 중지")
    copy_resolved = Text(
        "This kiosk is now station {name!r} number {no}; "
        "{moved} of its records were moved to it. Sync again now.",
        "이 키오스크는 이제 기기 {name!r} (번호 {no}) 입니다. 기록 "
        "{moved}건을 옮겼습니다. 이제 다시 동기화하세요.",
    )
    config_folder = Text("Folder: {folder}", "폴더: {folder}")
    config_hub = Text("Hub: {hub}", "동기화 서버: {hub}")
    config_every = Text("Every {seconds} s", "{seconds}초마다")
    hub_new_password = Text(
        "-- A new password was chosen for {role}: {password}\n"
        "-- Keep it safe; kiosks use it in the sync settings (or PGPASSWORD).",
        "-- {role} 의 새 암호: {password}\n"
        "-- 안전하게 보관하세요. 키오스크의 동기화 설정(또는 PGPASSWORD)에 씁니다.",
    )
    hub_kiosks_use = Text(
        "-- Kiosks then use: {url} (and the password)",
        "-- 키오스크는 다음 주소를 씁니다: {url} (그리고 암호)",
    )
    hub_created = Text(
        "Created role {role} (no superuser), database {database} and schema "
        "{schema} owned by {role}.",
        "사용자 {role} (슈퍼유저 아님), 데이터베이스 {database}, "
        "{role} 소유의 스키마 {schema} 를 만들었습니다.",
    )
    hub_address = Text("Hub address for the kiosks: {url}", "키오스크용 동기화 서버 주소: {url}")
    password_once = Text("Password (shown once): {password}", "암호 (한 번만 표시): {password}")
    door_kiosks_use = Text(
        "Door (scan-only) kiosks use: {url} (role {role}: no full rows)",
        "출입구(스캔 전용) 키오스크는 다음 주소를 씁니다: {url} (사용자 {role}: 전체 항목 행 "
        "접근 불가)",
    )
    door_password_once = Text(
        "Door role password (shown once): {password}",
        "출입구용 암호 (한 번만 표시): {password}",
    )
    hub_works = Text("The hub works.", "동기화 서버가 정상입니다.")

    # --- checkin protect, close, retention (checkin.cli.protect) -------------
    give_both_ko_file_en = Text(
        "Give both --ko-file and --en-file (the wording is shown in both languages).",
        "--ko-file 과 --en-file 을 모두 주세요 (동의문은 두 언어로 보여 줍니다).",
    )
    passphrase_must_not_empty = Text(
        "The passphrase must not be empty.",
        "암호는 비워 둘 수 없습니다.",
    )
    two_passphrases_not_same_nothing = Text(
        "The two passphrases are not the same; nothing was changed.",
        "두 암호가 같지 않습니다. 아무것도 변경하지 않았습니다.",
    )
    new_event_encrypted_give_passphrase = Text(
        "A new event is encrypted: give the passphrase with --passphrase-env VAR. To store "
        "the attendee list unencrypted (anyone who gets the file can read it), pass "
        "--no-encryption.",
        "새 행사는 암호화됩니다. --passphrase-env VAR 로 암호를 주세요. 참가자 명단을 암호화하지 않고 저장하려면 (파일을 가진 누구나 "
        "볼 수 있음) --no-encryption 을 주세요.",
    )
    new_event_passphrase_write_down = Text(
        "New event passphrase (write it down; it cannot be recovered): ",
        "새 행사 암호 (꼭 적어 두세요. 잃어버리면 복구할 수 없습니다): ",
    )
    same_passphrase_again = Text(
        "The same passphrase again: ",
        "같은 암호를 한 번 더: ",
    )
    cannot_read_as_utf_text = Text(
        "Cannot read {path} as UTF-8 text ({name}).",
        "{path} 을(를) UTF-8 텍스트로 읽을 수 없습니다 ({name}).",
    )
    consent_wording_version = Text(
        "Consent wording, version {version}:",
        "동의문 (버전 {version}):",
    )
    give_either_passphrase_env_no = Text(
        "Give either --passphrase-env or --no-encryption, not both.",
        "--passphrase-env 와 --no-encryption 중 하나만 주세요.",
    )
    current_passphrase = Text(
        "Current passphrase: ",
        "현재 암호: ",
    )
    close = Text(
        "close",
        "종료",
    )
    final_report = Text(
        "Final report: {report}",
        "최종 보고서: {report}",
    )
    event_closed_personal_data_attendees = Text(
        "Event closed: personal data of {attendees} attendees wiped; {checked_in} of "
        "{expected} checked in.",
        "행사 종료: 참가자 {attendees}명의 개인정보 삭제, 입장 {checked_in} / {expected}명.",
    )
    sync_every_station_once_more = Text(
        "Sync every station once more so they wipe too.",
        "모든 기기를 한 번 더 동기화해야 그 기기들에서도 삭제됩니다.",
    )
    environment_variable_not_set_should = Text(
        "The environment variable {new_passphrase_env} is not set (it should hold the new "
        "passphrase).",
        "환경 변수 {new_passphrase_env} 이(가) 설정되어 있지 않습니다 (새 암호를 담아야 합니다).",
    )
    give_new_passphrase_new_passphrase = Text(
        "Give the new passphrase with --new-passphrase-env VAR, or --remove.",
        "--new-passphrase-env VAR 로 새 암호를 주거나 --remove 를 주세요.",
    )
    closing_wipes_personal_data_good = Text(
        "Closing wipes personal data for good: confirm with --yes.",
        "행사 종료는 개인정보를 영구히 삭제합니다. --yes 로 확인해 주세요.",
    )
    final_report_written_first_then = Text(
        "The final report is written first; then names, phones, emails, organizations, "
        "notes and access needs are wiped here and, at their next sync, at every station. "
        "Counts and times stay. This cannot be undone.",
        "먼저 최종 보고서를 저장한 뒤, 이름·연락처·이메일·소속·메모·편의 지원 정보를 이 파일에서, 그리고 다음 동기화 때 모든 기기에서 삭제합니다. "
        "인원과 시간 기록은 남습니다. 되돌릴 수 없습니다.",
    )
    type_close_event = Text(
        "Type {word!r} to close the event: ",
        "행사를 종료하려면 '{word}' 를 입력하세요: ",
    )
    new_passphrase = Text(
        "New passphrase: ",
        "새 암호: ",
    )
    not_closed_nothing_changed = Text(
        "Not closed; nothing was changed.",
        "종료하지 않았습니다. 변경 사항 없음.",
    )

    # --- checkin core (checkin.cli.core) -------------------------------------
    updated = Text(
        "Updated {line}",
        "수정됨 {line}",
    )
    admitted_without_registering_one_person = Text(
        "Admitted without registering: one {label} person (nothing else recorded).",
        "등록 없이 입장: {label} 1명 (다른 정보는 남기지 않음).",
    )
    undid_last_check = Text(
        "Undid the last check-in of {line}",
        "체크인 취소됨: {line}",
    )
    cancelled = Text(
        "Cancelled {line}",
        "등록 취소: {line}",
    )
    restored = Text(
        "Restored {line}",
        "등록 복원: {line}",
    )
    limit_must_least = Text(
        "--limit must be at least 1.",
        "--limit 은 1 이상이어야 합니다.",
    )
    checked_expected_inside_now = Text(
        "Checked in {checked_in} of {expected} expected; inside now {inside}",
        "입장 {checked_in} / 예상 {expected}명, 현재 입장 중 {inside}명",
    )
    attendees_must_between = Text(
        "--attendees must be between 0 and 1,000,000.",
        "--attendees 는 0~1,000,000 사이여야 합니다.",
    )
    checked_share_between = Text(
        "--checked-in is a share between 0 and 1.",
        "--checked-in 은 0~1 사이의 비율입니다.",
    )
    demo_event_attendees_checked_s = Text(
        "Demo event {file}: {expected} attendees, {checked_in} checked in ({seconds:.1f} s)",
        "데모 행사 {file}: 참가자 {expected}명, 입장 {checked_in}명 ({seconds:.1f}초)",
    )
    no_photo = Text(
        "NO PHOTO",
        "촬영 금지",
    )
    cancelled_2 = Text(
        "CANCELLED",
        "취소됨",
    )
    created = Text(
        "Created {file}: {name} on {date}",
        "{file} 생성: {name} ({date})",
    )
    event_id_station = Text(
        "Event id {event_id}, station {name}",
        "행사 ID {event_id}, 기기 {name}",
    )
    registered = Text(
        "Registered {line}",
        "등록됨 {line}",
    )
    phone = Text(
        "phone",
        "연락처",
    )
    email = Text(
        "email",
        "이메일",
    )
    access_needs = Text(
        "access needs",
        "편의 지원",
    )
    notes = Text(
        "notes",
        "메모",
    )
    undone = Text(
        " (undone)",
        " (취소됨)",
    )
    reissued_badge_v = Text(
        "Reissued badge v{badge_version} for {line}",
        "명찰 재발급 v{badge_version}: {line}",
    )
    old_badge_now_scans_as = Text(
        "The old badge now scans as superseded.",
        "이전 명찰은 이제 사용할 수 없습니다.",
    )
    no_attendee_found = Text(
        "No attendee found.",
        "찾는 참가자가 없습니다.",
    )
    cancelled_registrations = Text(
        "Cancelled registrations: {cancelled}",
        "취소된 등록: {cancelled}",
    )
    admitted_without_registering = Text(
        "Admitted without registering: {anonymous}",
        "등록 없이 입장: {anonymous}명",
    )
    admitted_but_not_yet_synced = Text(
        "Admitted but not yet synced here: {unsynced}",
        "입장했지만 아직 동기화되지 않음: {unsynced}",
    )
    fewer_than_people_x_hidden = Text(
        "  (<{th}: fewer than {th} people; x: hidden so that such a count cannot be worked "
        "out from the totals)",
        "  (<{th}: {th}명 미만, x: 합계로 그 인원을 알아낼 수 없도록 가림)",
    )
    badge = Text(
        "badge",
        "명찰",
    )
    checked = Text(
        "Checked in at {format_time} at {station_name}",
        "{format_time} {station_name} 에서 입장함",
    )
    consent_file_records_nothing_here = Text(
        "--consent-on-file records nothing here: give --consent and the optional consents "
        "the person gives now instead.",
        "--consent-on-file 은 여기서 아무것도 기록하지 않습니다. 대신 --consent 와 지금 받은 선택 동의를 주세요.",
    )
    badge_code = Text(
        "badge code",
        "명찰 코드",
    )
    no_signing_key_here = Text(
        "(no signing key here)",
        "(서명 키 없음)",
    )
    access_needs_2 = Text(
        "Access needs",
        "편의 지원",
    )

    # --- checkin badges (checkin.cli.badges) ---------------------------------
    cannot_write_nothing_recorded_as = Text(
        "Cannot write {path}: {value}. Nothing was recorded as printed.",
        "{path} 을(를) 쓸 수 없습니다: {value}. 인쇄 기록은 남기지 않았습니다.",
    )
    dpi_must_between = Text(
        "--dpi must be between 72 and 1200.",
        "--dpi 는 72~1200 사이여야 합니다.",
    )
    folder_does_not_exist = Text(
        "The folder for {path} does not exist.",
        "{path} 의 폴더가 없습니다.",
    )
    workers_must_between = Text(
        "--workers must be between 1 and 64.",
        "--workers 는 1~64 사이여야 합니다.",
    )
    computer_s_print_system_cannot = Text(
        "This computer's print system cannot take the badge PDF and report the job's end: "
        "save a PDF with --out and print it, or print from the app.",
        "이 컴퓨터의 인쇄 시스템은 명찰 PDF를 받아 작업 결과를 알려주지 못합니다. --out 으로 PDF를 저장해 인쇄하거나 앱에서 인쇄하세요.",
    )
    badge_written = Text(
        "Badge of {reg_no} written to {target}",
        "{reg_no} 명찰을 {target} 에 저장했습니다",
    )
    badges_printed_attendees_print = Text(
        "Badges printed for {printed} of {registered} attendees; {unprinted} to print",
        "참가자 {registered}명 중 {printed}명 명찰 인쇄됨, {unprinted}명 남음",
    )
    badges_printed_all_reprints_new = Text(
        "{badges_printed} badges printed in all; reprints {reprints} (with a new code: {reissued})",
        "전체 인쇄 {badges_printed}장, 재인쇄 {reprints}장 (코드 재발급 {reissued})",
    )
    no_badges_print_no_registered = Text(
        "No badges to print: no registered attendee matches.",
        "인쇄할 명찰이 없습니다: 조건에 맞는 등록 참가자가 없습니다.",
    )
    wrote_badges_pages_s = Text(
        "Wrote {badges} badges on {pages} pages to {target} ({seconds:.1f} s)",
        "명찰 {badges}장 ({pages}쪽)을 {target} 에 저장했습니다 ({seconds:.1f}초)",
    )
    printed_badges_pages_job_completed = Text(
        "Printed {badges} badges on {pages} pages on {printer} (job {job_id} completed).",
        "명찰 {badges}장 ({pages}쪽)을 {printer} 에서 인쇄했습니다 (작업 {job_id} 완료).",
    )
    new_code_issued_version_old = Text(
        "New code issued (version {badge_version}); the old badge now scans as superseded.",
        "새 코드를 발급했습니다 (버전 {badge_version}). 이전 명찰은 더 이상 쓸 수 없습니다.",
    )
    reprint_printed_time_s_before = Text(
        "Reprint: printed {before} time(s) before. If the badge was lost, run again with "
        "--reissue so the lost one stops working.",
        "재인쇄: 이전에 {before}번 인쇄되었습니다. 명찰을 잃어버렸다면 --reissue 로 다시 실행해 잃어버린 명찰을 쓸 수 없게 하세요.",
    )
    use_category_rrggbb_not = Text(
        "Use CATEGORY=#RRGGBB, not {item!r}.",
        "CATEGORY=#RRGGBB 형식을 쓰세요: {item!r}",
    )
    cannot_read_logo = Text(
        "Cannot read the logo {logo}: {value}",
        "로고 파일을 읽을 수 없습니다 {logo}: {value}",
    )
    never_printed = Text(
        "  never printed",
        "  인쇄한 적 없음",
    )
    reprint = Text(
        "reprint",
        "재인쇄",
    )
    new_code = Text(
        "new code",
        "코드 재발급",
    )

    # --- checkin io (checkin.cli.io) -----------------------------------------
    new_update_unchanged_duplicate_rows = Text(
        "{new} new, {updated} to update, {unchanged} unchanged, {skipped_duplicates} "
        "duplicate rows skipped",
        "새로 등록 {new}명, 수정 {updated}명, 변경 없음 {unchanged}명, 중복 행 {skipped_duplicates}개 건너뜀",
    )
    rows_after_header_row = Text(
        "{source}: {rows} rows after the header in row {header_row}",
        "{source}: {header_row}행 머리글 아래 {rows}행",
    )
    binary_redirect_file_give_out = Text(
        "{upper} is binary: redirect it (> file.{kind}) or give --out FILE.",
        "{upper} 은(는) 이진 파일입니다. 리디렉션(> 파일.{kind})하거나 --out 파일 을 지정하세요.",
    )
    wrote_rows = Text(
        "Wrote {rows} rows ({format}) to {out}",
        "{rows}행({format})을 {out} 에 저장했습니다",
    )
    wrote_summary_report_checked = Text(
        "Wrote the summary report to {out}: {checked_in} of {expected} checked in",
        "결과 보고서를 {out} 에 저장했습니다: 등록 {expected}명 중 {checked_in}명 입장",
    )
    wrote_door_list_people_print = Text(
        "Wrote the door list ({n} people) to {out}. Print it and keep it at the door.",
        "출입 명단({n}명)을 {out} 에 저장했습니다. 인쇄해서 출입구에 두세요.",
    )
    recorded_paper_check_s_already = Text(
        "Recorded {n} paper check-in(s); {n2} already recorded.",
        "종이 명단 입장 {n}건 기록, {n2}건은 이미 기록됨.",
    )
    columns = Text(
        "Columns: ",
        "열: ",
    )
    import_them = Text(
        "To import them: {maps}",
        "가져오려면: {maps}",
    )
    more_use_json_all = Text(
        "... and {more} more (use --json for all)",
        "... 외 {more}건 (--json 으로 모두 보기)",
    )
    dry_run_nothing_changed = Text(
        "Dry run: {counts}. Nothing was changed.",
        "시험 실행: {counts}. 아무것도 바꾸지 않았습니다.",
    )
    imported_added_updated_unchanged_duplicate = Text(
        "Imported: {added} added{numbers}, {updated} updated, {unchanged} unchanged, "
        "{skipped} duplicate rows skipped.",
        "가져오기 완료: {added}명 등록{numbers}, {updated}명 수정, {unchanged}명 변경 없음, 중복 행 {skipped}개 건너뜀.",
    )
    file_contains_personal_data_keep = Text(
        "This file contains personal data ({names}): keep it safe, share it only with "
        "those who need it, delete it when done.",
        "이 파일에는 개인정보({names})가 들어 있습니다. 안전하게 보관하고 필요한 사람에게만 전달하며, 다 쓰면 삭제하세요.",
    )
    wrote_check_log_rows = Text(
        "Wrote the check-in log ({rows} rows) to {out}",
        "체크인 기록 {rows}행을 {out} 에 저장했습니다",
    )
    already_checked = Text(
        "already checked in",
        "이미 입장 기록 있음",
    )

    # --- checkin tickets (checkin.cli.tickets) -------------------------------
    give_mail_password_password_env = Text(
        "Give the mail password with --password-env VAR (it is never stored).",
        "메일 암호를 --password-env VAR 로 알려 주세요 (저장하지 않습니다).",
    )
    sent_already_sent_before_refused = Text(
        "Sent {sent}; already sent before {already_sent}; refused {n}; no e-mail "
        "{no_email}; no consent on file {no_consent}.",
        "보냄 {sent}; 이미 보냄 {already_sent}; 거부됨 {n}; 이메일 없음 {no_email}; 동의 기록 없음 {no_consent}.",
    )
    sent_then_connection_mail_server = Text(
        "Sent {sent}, then the connection to the mail server was lost ({stopped}). Run the "
        "same command again to send the remaining {remaining} (nothing is sent twice).",
        "{sent}통을 보낸 뒤 메일 서버 연결이 끊겼습니다 ({stopped}). 같은 명령을 다시 실행하면 남은 {remaining}통을 보냅니다 "
        "(두 번 보내지 않습니다).",
    )
    wrote_tickets_files_index = Text(
        "Wrote {tickets} tickets ({files} files) to {folder}; index: {index}",
        "입장권 {tickets}장 (파일 {files}개)을 {folder} 에 저장했습니다. 목록: {index}",
    )
    environment_variable_not_set_should_2 = Text(
        "The environment variable {var} is not set (it should hold the mail password).",
        "환경 변수 {var} 이(가) 설정되어 있지 않습니다 (메일 암호를 담아야 합니다).",
    )
    mail_password = Text(
        "Mail password: ",
        "메일 암호: ",
    )
    refused = Text(
        "  refused {reg_no}: {code} {message}",
        "  거부됨 {reg_no}: {code} {message}",
    )
    note = Text(
        "Note",
        "안내문",
    )
    subject = Text(
        "Subject",
        "제목",
    )
    body = Text(
        "Body",
        "본문",
    )
    none = Text(
        "(none)",
        "(없음)",
    )

    # --- checkin audit (checkin.cli.audit) -----------------------------------
    audit_entries_newest_first = Text(
        "{n} audit entries, newest first",
        "감사 기록 {n}건 (최신순)",
    )
    more_use_json_out_all = Text(
        "... and {more} more (use --json or --out for all)",
        "... 외 {more}건 (--json 또는 --out 으로 모두 보기)",
    )
    wrote_audit_log_rows = Text(
        "Wrote the audit log ({n} rows) to {out}",
        "감사 기록 {n}행을 {out} 에 저장했습니다",
    )
    exports_by_reason = Text(
        "Exports by reason:",
        "이유별 내보내기:",
    )
    no_reason_given = Text(
        "(no reason given)",
        "(이유 없음)",
    )
    exports_rows_last = Text(
        "  {reason}: {exports} exports, {rows} rows, last {when}",
        "  {reason}: {exports}번, {rows}행, 마지막 {when}",
    )

    # --- choices spelled out in both languages (several commands) ------------------------
    importing = Text("Importing", "가져오는 중")
    exporting = Text("Exporting", "내보내는 중")
    passphrase_changed = Text(
        "Passphrase changed. Tell it only to those who need it.",
        "암호를 바꿨습니다. 필요한 사람에게만 알려 주세요.",
    )
    encryption_removed = Text(
        "Encryption removed: anyone with this file can now read the attendee list.",
        "암호화를 해제했습니다. 이제 이 파일을 가진 누구나 참가자 명단을 볼 수 있습니다.",
    )
    index_with_contact = Text(
        "The index has the e-mail and phone columns (recorded in the audit log).",
        "목록에 이메일·전화번호가 들어 있습니다 (감사 기록에 남았습니다).",
    )
    index_without_contact = Text(
        "The index has no contact columns.", "목록에 연락처는 들어 있지 않습니다."
    )
    created_encrypted = Text("Encrypted with the passphrase.", "암호로 암호화되었습니다.")
    created_not_encrypted = Text(
        "NOT encrypted: anyone with this file can read the attendee list.",
        "암호화되지 않음: 이 파일을 가진 누구나 참가자 명단을 볼 수 있습니다.",
    )
    consent_on_the_command_line = Text(
        "{required} On the command line: --consent (or --consent-on-file "
        "for a pre-registration); checkin consent FILE prints the text.",
        "{required} 명령줄에서는 --consent (사전 등록자는 --consent-on-file). "
        "동의문은 checkin consent FILE 로 볼 수 있습니다.",
    )
    agreed_on_the_command_line = Text(
        "{problem} On the command line: {option} (only if the person agrees).",
        "{problem} 명령줄에서는 {option} (본인이 동의한 경우에만).",
    )
    output_must_end_in = Text(
        "The output must end in {allowed}: {path}", "출력 파일은 {allowed} 로 끝나야 합니다: {path}"
    )
    either = Text(" or ", " 또는 ")
    recorded_as_printed = Text("Recorded as printed.", "인쇄됨으로 기록했습니다.")
    not_recorded_as_printed = Text(
        "Not recorded as printed (proof copy).", "인쇄 기록은 남기지 않았습니다 (교정용)."
    )
    logo_yes = Text("Logo: yes", "로고: 있음")
    logo_none = Text("Logo: none", "로고: 없음")
    full_names_for = Text("Full names print for: {who}", "실명 인쇄 구분: {who}")
    full_names_nobody = Text("nobody (display names only)", "없음 (표시 이름만)")
