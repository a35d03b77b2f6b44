"""The words of the command line, in English and Korean (``checkin.texts``).

``Output.say(CliTexts.x, **values)`` prints one in the reader's language (``--lang``,
``CHECKIN_LANG``, the locale). Grouped by the module that says them."""

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
    hub_works = Text("The hub works.", "동기화 서버가 정상입니다.")
