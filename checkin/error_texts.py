"""The words of the shared errors (``checkin.errors``), in English and Korean.

A leaf like ``checkin.errors`` itself, so storage may raise these errors too."""

from __future__ import annotations

from checkin.texts import Catalogue, Text


class ErrorTexts(Catalogue, domain="errors"):
    error = Text("Error", "오류")

    file_not_found = Text("No event file at {path}.", "행사 파일이 없습니다: {path}")
    file_exists = Text(
        "A file already exists at {path}; it was left untouched.",
        "이미 파일이 있습니다: {path} (변경하지 않았습니다)",
    )
    not_an_event_file = Text(
        "{path} is not a check-in event file.",
        "{path} 은(는) 체크인 행사 파일이 아닙니다.",
    )
    passphrase_required = Text(
        "{path} is encrypted. Enter the event passphrase to open it.",
        "{path} 은(는) 암호화되어 있습니다. 행사 암호를 입력하세요.",
    )
    wrong_passphrase = Text(
        "Wrong passphrase for {path} (or the file is damaged). Nothing was changed.",
        "{path} 의 암호가 틀렸습니다 (또는 파일이 손상되었습니다). 아무것도 변경하지 않았습니다.",
    )
    encryption_unavailable = Text(
        "Encryption support (SQLCipher) is not installed; encrypted event files "
        "cannot be opened on this computer.",
        "이 컴퓨터에는 암호화 지원(SQLCipher)이 설치되어 있지 않아 암호화된 행사 파일을 "
        "열 수 없습니다.",
    )
    newer_version = Text(
        "{path} was written by a newer version of checkin ({made_by}). "
        "Update this app to open it; the file was not changed.",
        "{path} 은(는) 더 새로운 버전의 checkin({made_by})으로 만들어졌습니다. "
        "이 앱을 업데이트한 뒤 여세요. 파일은 변경하지 않았습니다.",
    )
    database_busy = Text(
        "The event file is busy (another program is writing to it). Try again in a moment.",
        "행사 파일을 다른 프로그램이 쓰고 있습니다. 잠시 후 다시 시도하세요.",
    )
    already_open_raised = Text(
        "This event file is already open in Check-in on this computer: {path}. "
        "That window has been brought to the front; use it (one window per file).",
        "이 행사 파일은 이 컴퓨터의 체크인 창에서 이미 열려 있습니다: {path}. "
        "그 창을 앞으로 가져왔습니다. 그 창을 쓰세요 (파일 하나에 창 하나).",
    )
    already_open = Text(
        "This event file is already open in another Check-in window on this "
        "computer: {path}. Switch to that window, or close it first.",
        "이 행사 파일은 이 컴퓨터의 다른 체크인 창에서 이미 열려 있습니다: {path}. "
        "그 창으로 가거나, 먼저 그 창을 닫으세요.",
    )
    disk_full = Text(
        "The disk is full: the last action was NOT saved. Free some space and try again.",
        "디스크가 가득 찼습니다. 마지막 작업이 저장되지 않았습니다. 공간을 확보한 뒤 다시 시도하세요.",
    )
    read_only = Text(
        "The event file cannot be written (read-only file or folder). Nothing was saved.",
        "행사 파일에 쓸 수 없습니다 (읽기 전용). 저장되지 않았습니다.",
    )
    read_only_medium = Text(
        "The event file {path} is on a read-only disk or folder. Copy it to a folder you "
        "can write to, or unlock the USB stick, then open it again. Nothing was changed.",
        "행사 파일 {path} 이(가) 읽기 전용 디스크나 폴더에 있습니다. "
        "쓸 수 있는 폴더로 복사하거나 USB 잠금을 푼 뒤 다시 여세요. 아무것도 변경하지 "
        "않았습니다.",
    )
    read_only_medium_encrypted = Text(
        "The event file {path} is on a read-only disk or folder (the passphrase is right). "
        "Copy it to a folder you can write to, or unlock the USB stick, then open it "
        "again. Nothing was changed.",
        "행사 파일 {path} 이(가) 읽기 전용 디스크나 폴더에 있습니다 (암호는 맞습니다). "
        "쓸 수 있는 폴더로 복사하거나 USB 잠금을 푼 뒤 다시 여세요. 아무것도 변경하지 "
        "않았습니다.",
    )
    changed_while_rekeying = Text(
        "Another program wrote to {path} while its passphrase was being changed. The "
        "passphrase was NOT changed and nothing was lost: close the event everywhere "
        "(the app, other commands) and try again.",
        "암호를 바꾸는 동안 다른 프로그램이 {path} 에 기록했습니다. 암호는 바뀌지 않았고 "
        "잃은 것은 없습니다. 모든 곳(앱, 다른 명령)에서 행사를 닫고 다시 시도하세요.",
    )
    file_damaged = Text(
        "The event file {path} is damaged and cannot be read.",
        "행사 파일 {path} 이(가) 손상되어 읽을 수 없습니다.",
    )
    attendee_not_found = Text(
        "No attendee matches {ref!r}.", "{ref!r} 에 해당하는 참가자가 없습니다."
    )
    nothing_to_undo = Text(
        "This attendee has no check-in to undo on this list.",
        "이 목록에서 취소할 체크인 기록이 없습니다.",
    )
    reason_required = Text(
        "Say why you export this (it is kept in the audit log): choose a reason or type "
        "one (command line: --reason TEXT; e.g. {choices}).",
        "내보내는 이유를 선택하거나 입력하세요 (감사 기록에 남습니다. 명령줄: --reason TEXT, 예: "
        "{choices}).",
    )
    organizer_required = Text(
        "Only the organizer can do this: enter the organizer PIN first "
        "(command line: --pin-env VAR).",
        "운영자만 할 수 있습니다. 먼저 운영자 PIN을 입력하세요 (명령줄: --pin-env VAR).",
    )
    wrong_pin = Text(
        "That is not the organizer PIN. Nothing was done.",
        "운영자 PIN이 아닙니다. 아무것도 하지 않았습니다.",
    )
    pin_locked = Text(
        "Too many wrong PINs: PIN entry is locked at this station. Try again in {wait}.",
        "PIN을 여러 번 틀려 이 기기의 PIN 입력이 잠겼습니다. {wait} 뒤에 다시 시도하세요.",
    )
    seconds = Text("{n} seconds", "{n}초")
    minutes = Text("{n} minutes", "{n}분")
    self_service_needs_pin = Text(
        "A self-service kiosk needs an organizer PIN, so that people in the queue "
        "cannot leave the check-in screen. No PIN was set, so the app will close. "
        "Start it again and set a PIN, or start it without --self-service.",
        "셀프 체크인 키오스크에는 운영자 PIN이 필요합니다 (대기 중인 사람이 체크인 화면을 "
        "벗어나지 못하게 하기 위해서입니다). PIN을 정하지 않아 앱을 닫습니다. "
        "다시 시작해 PIN을 정하거나, --self-service 없이 시작하세요.",
    )
