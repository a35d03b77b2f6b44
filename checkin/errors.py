"""Errors a person can act on.

Everything raised from here carries a message in Korean and in English and a short
machine code. The command line prints the message in the user's language; the GUI
shows it in a calm dialog or on the result panel. Any other exception is a bug: it is
logged with its traceback and shown as such.

Messages never contain personal data (names, phones): they may end up in logs.
"""

from __future__ import annotations

import os


def preferred_language(explicit: str | None = None) -> str:
    """'ko' or 'en': an explicit choice, else CHECKIN_LANG, else the locale."""
    for value in (explicit, os.environ.get("CHECKIN_LANG"), os.environ.get("LANG")):
        if value:
            return "ko" if value.lower().startswith("ko") else "en"
    return "en"


class CheckinError(Exception):
    """Base of all errors with a message for people (Korean and English)."""

    code = "error"
    exit_code = 1

    def __init__(self, en: str, ko: str, **details: object) -> None:
        super().__init__(en)
        self.en = en
        self.ko = ko
        self.details = details

    def message(self, lang: str = "en") -> str:
        return self.ko if lang == "ko" else self.en

    def to_json(self) -> dict[str, object]:
        return {
            "ok": False,
            "error": self.code,
            "message": self.en,
            "message_ko": self.ko,
            **{k: v for k, v in self.details.items() if _jsonable(v)},
        }


def _jsonable(value: object) -> bool:
    return isinstance(value, str | int | float | bool | type(None))


class EventFileNotFound(CheckinError):
    code = "file_not_found"

    def __init__(self, path: str) -> None:
        super().__init__(
            f"No event file at {path}.",
            f"행사 파일이 없습니다: {path}",
            path=path,
        )


class EventFileExists(CheckinError):
    code = "file_exists"

    def __init__(self, path: str) -> None:
        super().__init__(
            f"A file already exists at {path}; it was left untouched.",
            f"이미 파일이 있습니다: {path} (변경하지 않았습니다)",
            path=path,
        )


class NotAnEventFile(CheckinError):
    code = "not_an_event_file"

    def __init__(self, path: str) -> None:
        super().__init__(
            f"{path} is not a check-in event file.",
            f"{path} 은(는) 체크인 행사 파일이 아닙니다.",
            path=path,
        )


class PassphraseRequired(CheckinError):
    code = "passphrase_required"

    def __init__(self, path: str) -> None:
        super().__init__(
            f"{path} is encrypted. Enter the event passphrase to open it.",
            f"{path} 은(는) 암호화되어 있습니다. 행사 암호를 입력하세요.",
            path=path,
        )


class WrongPassphrase(CheckinError):
    code = "wrong_passphrase"

    def __init__(self, path: str) -> None:
        super().__init__(
            f"Wrong passphrase for {path} (or the file is damaged). Nothing was changed.",
            f"{path} 의 암호가 틀렸습니다 (또는 파일이 손상되었습니다). 아무것도 변경하지 않았습니다.",
            path=path,
        )


class EncryptionUnavailable(CheckinError):
    code = "encryption_unavailable"

    def __init__(self) -> None:
        super().__init__(
            "Encryption support (SQLCipher) is not installed; encrypted event files "
            "cannot be opened on this computer.",
            "이 컴퓨터에는 암호화 지원(SQLCipher)이 설치되어 있지 않아 암호화된 행사 파일을 "
            "열 수 없습니다.",
        )


class NewerVersion(CheckinError):
    code = "newer_version"

    def __init__(self, path: str, made_by: str) -> None:
        super().__init__(
            f"{path} was written by a newer version of checkin ({made_by}). "
            "Update this app to open it; the file was not changed.",
            f"{path} 은(는) 더 새로운 버전의 checkin({made_by})으로 만들어졌습니다. "
            "이 앱을 업데이트한 뒤 여세요. 파일은 변경하지 않았습니다.",
            path=path,
            made_by=made_by,
        )


class DatabaseBusy(CheckinError):
    code = "database_busy"

    def __init__(self) -> None:
        super().__init__(
            "The event file is busy (another program is writing to it). Try again in a moment.",
            "행사 파일을 다른 프로그램이 쓰고 있습니다. 잠시 후 다시 시도하세요.",
        )


class AlreadyOpen(CheckinError):
    """The event file is open in another Check-in window on this computer."""

    code = "already_open"

    def __init__(self, path: str, raised: bool) -> None:
        if raised:
            en = (
                f"This event file is already open in Check-in on this computer: {path}. "
                "That window has been brought to the front; use it (one window per file)."
            )
            ko = (
                f"이 행사 파일은 이 컴퓨터의 체크인 창에서 이미 열려 있습니다: {path}. "
                "그 창을 앞으로 가져왔습니다. 그 창을 쓰세요 (파일 하나에 창 하나)."
            )
        else:
            en = (
                f"This event file is already open in another Check-in window on this "
                f"computer: {path}. Switch to that window, or close it first."
            )
            ko = (
                f"이 행사 파일은 이 컴퓨터의 다른 체크인 창에서 이미 열려 있습니다: {path}. "
                "그 창으로 가거나, 먼저 그 창을 닫으세요."
            )
        super().__init__(en, ko, path=path)


class DiskFull(CheckinError):
    code = "disk_full"

    def __init__(self) -> None:
        super().__init__(
            "The disk is full: the last action was NOT saved. Free some space and try again.",
            "디스크가 가득 찼습니다. 마지막 작업이 저장되지 않았습니다. 공간을 확보한 뒤 다시 시도하세요.",
        )


class ReadOnlyFile(CheckinError):
    code = "read_only"

    def __init__(self) -> None:
        super().__init__(
            "The event file cannot be written (read-only file or folder). Nothing was saved.",
            "행사 파일에 쓸 수 없습니다 (읽기 전용). 저장되지 않았습니다.",
        )


class ReadOnlyMedium(CheckinError):
    """The file reads, but it or its folder cannot be written (a locked USB stick, a CD)."""

    code = "read_only"

    def __init__(self, path: str, encrypted: bool = True) -> None:
        right_en = " (the passphrase is right)" if encrypted else ""
        right_ko = " (암호는 맞습니다)" if encrypted else ""
        super().__init__(
            f"The event file {path} is on a read-only disk or folder{right_en}. Copy it to a folder you can write to, or unlock the USB stick, then "
            "open it again. Nothing was changed.",
            f"행사 파일 {path} 이(가) 읽기 전용 디스크나 폴더에 있습니다{right_ko}. "
            "쓸 수 있는 폴더로 복사하거나 USB 잠금을 푼 뒤 다시 여세요. 아무것도 변경하지 "
            "않았습니다.",
            path=path,
        )


class ChangedWhileRekeying(CheckinError):
    code = "database_busy"

    def __init__(self, path: str) -> None:
        super().__init__(
            f"Another program wrote to {path} while its passphrase was being changed. The "
            "passphrase was NOT changed and nothing was lost: close the event everywhere "
            "(the app, other commands) and try again.",
            f"암호를 바꾸는 동안 다른 프로그램이 {path} 에 기록했습니다. 암호는 바뀌지 않았고 "
            "잃은 것은 없습니다. 모든 곳(앱, 다른 명령)에서 행사를 닫고 다시 시도하세요.",
            path=path,
        )


class FileDamaged(CheckinError):
    code = "file_damaged"

    def __init__(self, path: str) -> None:
        super().__init__(
            f"The event file {path} is damaged and cannot be read.",
            f"행사 파일 {path} 이(가) 손상되어 읽을 수 없습니다.",
            path=path,
        )


class AttendeeNotFound(CheckinError):
    code = "attendee_not_found"

    def __init__(self, ref: str) -> None:
        super().__init__(
            f"No attendee matches {ref!r}.",
            f"{ref!r} 에 해당하는 참가자가 없습니다.",
            ref=ref,
        )


class InvalidInput(CheckinError):
    """A value given by a person does not fit (a field, an option)."""

    code = "invalid_input"

    def __init__(self, en: str, ko: str, field: str = "") -> None:
        super().__init__(en, ko, field=field)
        self.field = field


class NothingToUndo(CheckinError):
    code = "nothing_to_undo"

    def __init__(self) -> None:
        super().__init__(
            "This attendee has no check-in to undo on this list.",
            "이 목록에서 취소할 체크인 기록이 없습니다.",
        )


class NotAllowed(CheckinError):
    """The station's role does not allow this action."""

    code = "not_allowed"
    exit_code = 3

    def __init__(self, en: str, ko: str) -> None:
        super().__init__(en, ko)


class ReasonRequired(InvalidInput):
    """An export (or a read of the audit log) without the reason the safety rules ask for."""

    code = "reason_required"

    def __init__(self, choices_en: str = "", choices_ko: str = "") -> None:
        super().__init__(
            "Say why you export this (it is kept in the audit log): choose a reason or type "
            f"one (command line: --reason TEXT; e.g. {choices_en or 'door, report, request'}).",
            "내보내는 이유를 선택하거나 입력하세요 (감사 기록에 남습니다. 명령줄: --reason TEXT, 예: "
            f"{choices_ko or 'door, report, request'}).",
            "reason",
        )


class OrganizerRequired(NotAllowed):
    """An action that needs the organizer (export, the audit log) without organizer access."""

    code = "organizer_required"

    def __init__(self) -> None:
        super().__init__(
            "Only the organizer can do this: enter the organizer PIN first "
            "(command line: --pin-env VAR).",
            "운영자만 할 수 있습니다. 먼저 운영자 PIN을 입력하세요 (명령줄: --pin-env VAR).",
        )


class WrongPin(NotAllowed):
    code = "wrong_pin"

    def __init__(self) -> None:
        super().__init__(
            "That is not the organizer PIN. Nothing was done.",
            "운영자 PIN이 아닙니다. 아무것도 하지 않았습니다.",
        )


class PinLocked(NotAllowed):
    """Too many wrong PINs at this station: PIN entry is locked for a while."""

    code = "pin_locked"

    def __init__(self, seconds: int) -> None:
        wait_en = f"{seconds} seconds" if seconds < 120 else f"{(seconds + 59) // 60} minutes"
        wait_ko = f"{seconds}초" if seconds < 120 else f"{(seconds + 59) // 60}분"
        super().__init__(
            f"Too many wrong PINs: PIN entry is locked at this station. Try again in {wait_en}.",
            f"PIN을 여러 번 틀려 이 기기의 PIN 입력이 잠겼습니다. {wait_ko} 뒤에 다시 시도하세요.",
        )
        self.details["seconds"] = seconds


class SelfServiceNeedsPin(NotAllowed):
    """A self-service kiosk was asked for, but no organizer PIN was set to lock it."""

    code = "self_service_needs_pin"

    def __init__(self) -> None:
        super().__init__(
            "A self-service kiosk needs an organizer PIN, so that people in the queue "
            "cannot leave the check-in screen. No PIN was set, so the app will close. "
            "Start it again and set a PIN, or start it without --self-service.",
            "셀프 체크인 키오스크에는 운영자 PIN이 필요합니다 (대기 중인 사람이 체크인 화면을 "
            "벗어나지 못하게 하기 위해서입니다). PIN을 정하지 않아 앱을 닫습니다. "
            "다시 시작해 PIN을 정하거나, --self-service 없이 시작하세요.",
        )


class MailServerError(CheckinError):
    """The organizer's mail server could not be reached or refused the login / sender."""

    code = "mail_server"

    def __init__(self, en: str, ko: str) -> None:
        super().__init__(en, ko)
