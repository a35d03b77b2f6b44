"""Errors a person can act on.

Everything raised from here carries a message in Korean and in English and a short
machine code. The command line prints the message in the user's language; the GUI
shows it in a calm dialog or on the result panel. Any other exception is a bug: it is
logged with its traceback and shown as such.

The words are in ``checkin.error_texts`` (one route for every text outside the app,
``checkin.texts``). Messages never contain personal data (names, phones): they may end up in logs.
"""

from __future__ import annotations

import os

from checkin.error_texts import ErrorTexts as T
from checkin.texts import Text


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

    def __init__(
        self,
        en: str | Text,
        ko: str = "",
        *,
        fill: dict[str, object] | None = None,
        **details: object,
    ) -> None:
        """``en`` and ``ko`` spelled out, or a catalogue ``Text`` (``checkin.texts``)
        filled in with ``details`` (which also go into the JSON form) and ``fill``
        (values only the wording needs)."""
        self.text_id = ""
        if isinstance(en, Text):
            self.text_id = en.id
            en, ko = en.pair(**{**details, **(fill or {})})
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
            **({"message_id": self.text_id} if self.text_id else {}),
            **{k: v for k, v in self.details.items() if _jsonable(v)},
        }


def _jsonable(value: object) -> bool:
    return isinstance(value, str | int | float | bool | type(None))


class EventFileNotFound(CheckinError):
    code = "file_not_found"

    def __init__(self, path: str) -> None:
        super().__init__(T.file_not_found, path=path)


class EventFileExists(CheckinError):
    code = "file_exists"

    def __init__(self, path: str) -> None:
        super().__init__(T.file_exists, path=path)


class NotAnEventFile(CheckinError):
    code = "not_an_event_file"

    def __init__(self, path: str) -> None:
        super().__init__(T.not_an_event_file, path=path)


class PassphraseRequired(CheckinError):
    code = "passphrase_required"

    def __init__(self, path: str) -> None:
        super().__init__(T.passphrase_required, path=path)


class WrongPassphrase(CheckinError):
    code = "wrong_passphrase"

    def __init__(self, path: str) -> None:
        super().__init__(T.wrong_passphrase, path=path)


class EncryptionUnavailable(CheckinError):
    code = "encryption_unavailable"

    def __init__(self) -> None:
        super().__init__(T.encryption_unavailable)


class NewerVersion(CheckinError):
    code = "newer_version"

    def __init__(self, path: str, made_by: str) -> None:
        super().__init__(T.newer_version, path=path, made_by=made_by)


class DatabaseBusy(CheckinError):
    code = "database_busy"

    def __init__(self) -> None:
        super().__init__(T.database_busy)


class AlreadyOpen(CheckinError):
    """The event file is open in another Check-in window on this computer."""

    code = "already_open"

    def __init__(self, path: str, raised: bool) -> None:
        super().__init__(T.already_open_raised if raised else T.already_open, path=path)


class DiskFull(CheckinError):
    code = "disk_full"

    def __init__(self) -> None:
        super().__init__(T.disk_full)


class ReadOnlyFile(CheckinError):
    code = "read_only"

    def __init__(self) -> None:
        super().__init__(T.read_only)


class ReadOnlyMedium(CheckinError):
    """The file reads, but it or its folder cannot be written (a locked USB stick, a CD)."""

    code = "read_only"

    def __init__(self, path: str, encrypted: bool = True) -> None:
        super().__init__(
            T.read_only_medium_encrypted if encrypted else T.read_only_medium, path=path
        )


class ChangedWhileRekeying(CheckinError):
    code = "database_busy"

    def __init__(self, path: str) -> None:
        super().__init__(T.changed_while_rekeying, path=path)


class FileDamaged(CheckinError):
    code = "file_damaged"

    def __init__(self, path: str) -> None:
        super().__init__(T.file_damaged, path=path)


class AttendeeNotFound(CheckinError):
    code = "attendee_not_found"

    def __init__(self, ref: str) -> None:
        super().__init__(T.attendee_not_found, ref=ref)


class InvalidInput(CheckinError):
    """A value given by a person does not fit (a field, an option)."""

    code = "invalid_input"

    def __init__(self, en: str | Text, ko: str = "", field: str = "", **values: object) -> None:
        """Spelled out (``en``, ``ko``) or a catalogue text filled in with ``values``."""
        if isinstance(en, Text):
            text = en
            en, ko = text.pair(**values)
        else:
            text = None
        super().__init__(en, ko, field=field)
        if text is not None:
            self.text_id = text.id
        self.field = field


class NothingToUndo(CheckinError):
    code = "nothing_to_undo"

    def __init__(self) -> None:
        super().__init__(T.nothing_to_undo)


class NotAllowed(CheckinError):
    """The station's role does not allow this action."""

    code = "not_allowed"
    exit_code = 3

    def __init__(self, en: str | Text, ko: str = "", **values: object) -> None:
        if isinstance(en, Text):
            super().__init__(en, fill=values)
        else:
            super().__init__(en, ko)


class ReasonRequired(InvalidInput):
    """An export (or a read of the audit log) without the reason the safety rules ask for."""

    code = "reason_required"

    def __init__(self, choices_en: str = "", choices_ko: str = "") -> None:
        text = T.reason_required
        super().__init__(
            text.get("en", choices=choices_en or "door, report, request"),
            text.get("ko", choices=choices_ko or "door, report, request"),
            "reason",
        )
        self.text_id = text.id


class OrganizerRequired(NotAllowed):
    """An action that needs the organizer (export, the audit log) without organizer access."""

    code = "organizer_required"

    def __init__(self) -> None:
        super().__init__(T.organizer_required)


class WrongPin(NotAllowed):
    code = "wrong_pin"

    def __init__(self) -> None:
        super().__init__(T.wrong_pin)


class PinLocked(NotAllowed):
    """Too many wrong PINs at this station: PIN entry is locked for a while."""

    code = "pin_locked"

    def __init__(self, seconds: int) -> None:
        unit, n = (T.seconds, seconds) if seconds < 120 else (T.minutes, (seconds + 59) // 60)
        text = T.pin_locked
        super().__init__(
            text.get("en", wait=unit.get("en", n=n)), text.get("ko", wait=unit.get("ko", n=n))
        )
        self.text_id = text.id
        self.details["seconds"] = seconds


class SelfServiceNeedsPin(NotAllowed):
    """A self-service kiosk was asked for, but no organizer PIN was set to lock it."""

    code = "self_service_needs_pin"

    def __init__(self) -> None:
        super().__init__(T.self_service_needs_pin)


class MailServerError(CheckinError):
    """The organizer's mail server could not be reached or refused the login / sender."""

    code = "mail_server"

    def __init__(self, en: str | Text, ko: str = "", **values: object) -> None:
        if isinstance(en, Text):
            super().__init__(en, fill=values)
        else:
            super().__init__(en, ko)
