"""What every command shares: common options, opening the event file, output.

Every command takes the event file first, has ``--help``, prints human text (Korean
or English, from ``--lang`` or the locale) by default and exactly one JSON object with
``--json``, and exits non-zero with a clear message on errors, never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable
from typing import Any

from checkin import errors
from checkin.cli.texts import CliTexts as T
from checkin.clock import SYSTEM_CLOCK
from checkin.error_texts import ErrorTexts
from checkin.event import files
from checkin.event.files import EventFile, open_event_file
from checkin.protect import pin as pin_mod
from checkin.protect import retention
from checkin.protect.access import Access
from checkin.texts import Text

# Exit codes
EXIT_OK = 0
EXIT_ERROR = 1  # a CheckinError: bad input, wrong passphrase, missing file, ...
EXIT_USAGE = 2  # argparse
EXIT_NOT_ALLOWED = 3
EXIT_REJECTED = 4  # a scan or check-in that was not admitted (already in, invalid, ...)
EXIT_BUG = 70


def common_options() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    group = parent.add_argument_group("common options")
    group.add_argument("--json", action="store_true", help="print one JSON object")
    group.add_argument(
        "--passphrase-env",
        metavar="VAR",
        help="read the event passphrase from environment variable VAR",
    )
    group.add_argument(
        "--unlock-code-env",
        metavar="VAR",
        help="read the kiosk unlock code from environment variable VAR: a door kiosk's "
        "file past its deletion date opens only with it (the organizer's; asked on a "
        "terminal otherwise)",
    )
    group.add_argument("--lang", choices=("ko", "en"), help="language of messages")
    return parent


class Output:
    """Prints either human text or one JSON object at the end."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.json = bool(getattr(args, "json", False))
        self.lang = errors.preferred_language(getattr(args, "lang", None))

    def t(self, en: str, ko: str) -> str:
        return ko if self.lang == "ko" else en

    def say(self, text: Text, /, **values: object) -> str:
        """A catalogue text (``checkin.cli.texts`` and the core's) in the reader's language."""
        return text.get(self.lang, **values)

    def emit(self, data: dict[str, Any], lines: list[str] | str | None = None) -> None:
        if self.json:
            print(json.dumps({"ok": True, **data}, ensure_ascii=False, default=str))
            return
        if lines is None:
            return
        if isinstance(lines, str):
            lines = [lines]
        for line in lines:
            print(line)

    def error(self, exc: errors.CheckinError) -> None:
        if self.json:
            print(json.dumps(exc.to_json(), ensure_ascii=False))
        else:
            print(f"{self.say(ErrorTexts.error)}: {exc.message(self.lang)}", file=sys.stderr)


def passphrase_from_env(args: argparse.Namespace) -> str | None:
    """The passphrase in the variable ``--passphrase-env`` names (``checkin.event.files``)."""
    return files.passphrase_from_env(getattr(args, "passphrase_env", None))


def open_event(args: argparse.Namespace, path: str | None = None) -> EventFile:
    """Open the command's event file; ask for the passphrase on a terminal if needed."""
    target = path or args.file
    passphrase = passphrase_from_env(args)
    try:
        ef = open_event_file(target, passphrase)
    except errors.PassphraseRequired:
        if getattr(args, "json", False) or not sys.stdin.isatty():
            raise
        out = Output(args)
        entered = getpass.getpass(out.say(T.passphrase_prompt))
        ef = open_event_file(target, entered)
    _deletion_date(args, ef)
    return ef


def _deletion_date(args: argparse.Namespace, ef: EventFile) -> None:
    """Past the event's deletion date, opening wipes the file (checkin.protect.retention); in
    the seven days before, say so (on stderr, so --json output stays one object)."""
    out = Output(args)
    try:
        done, warning = retention.on_open(ef, SYSTEM_CLOCK, out.lang, _unlock(args, ef, out))
    except BaseException:
        ef.close()
        raise
    if done is not None:
        print(out.t(*done.message()), file=sys.stderr)
    elif warning is not None:
        print(out.t(*warning), file=sys.stderr)


def _unlock(args: argparse.Namespace, ef: EventFile, out: Output) -> Callable[[str], bool]:
    """How the organizer unlocks a door kiosk's file past its deletion date: the kiosk
    unlock code from ``--unlock-code-env VAR`` or typed on a terminal, checked by the
    core (lockout, audit log). A wrong code ends the command; no code, it stays closed."""

    def unlock(delete_by: str) -> bool:
        var = getattr(args, "unlock_code_env", None)
        if var:
            code = os.environ.get(var)
            if code is None:
                raise errors.InvalidInput(
                    f"The environment variable {var} is not set (it should hold the kiosk "
                    "unlock code).",
                    f"환경 변수 {var} 이(가) 설정되어 있지 않습니다 (기기 잠금 해제 코드를 "
                    "담아야 합니다).",
                    "unlock_code",
                )
        elif not out.json and sys.stdin.isatty():
            code = getpass.getpass(out.t(
                f"Past the deletion date ({delete_by}): the organizer's kiosk unlock code: ",
                f"삭제일({delete_by})이 지났습니다. 운영자의 기기 잠금 해제 코드: ",
            ))  # fmt: skip
        else:
            return False
        if not retention.organizer_unlocks(ef, SYSTEM_CLOCK, code):
            raise retention.WrongOrganizerCode()
        return True

    return unlock


def add_pin_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--pin-env",
        metavar="VAR",
        help="read the organizer PIN from environment variable VAR (asked on a terminal "
        "otherwise, when the event has a PIN)",
    )
    p.add_argument("--operator", default="", help="who does this (initials, for the audit log)")


def add_reason_option(p: argparse.ArgumentParser) -> None:
    from checkin.protect.access import reason_choices

    p.add_argument(
        "--reason",
        metavar="TEXT",
        default="",
        help="why this leaves the app (kept in the audit log; required): one of "
        f"{reason_choices('en')}, optionally followed by ': details', or your own words",
    )


def organizer_access(args: argparse.Namespace, ef: EventFile) -> Access:
    """Organizer access for a command that needs it (exports, the audit log).

    No PIN set for the event: whoever runs the command is the organizer. Otherwise the
    PIN comes from ``--pin-env VAR`` or is asked on a terminal; a wrong PIN counts
    towards the lockout like anywhere else (``checkin.protect.pin``) and ends the command with
    exit code 3 (not allowed).
    """
    access = Access.for_file(ef, SYSTEM_CLOCK, getattr(args, "operator", "") or "")
    # Every export and audit-log read from the command line says why (--reason).
    access.require_reasons = True
    access = access.with_reason(getattr(args, "reason", "") or "")
    if access.is_organizer(ef):
        return access
    var = getattr(args, "pin_env", None)
    if var:
        value = _pin_from_env(var)
    elif not getattr(args, "json", False) and sys.stdin.isatty():
        state = pin_mod.pin_state(ef)
        if state.remaining_ms(SYSTEM_CLOCK.now_ms()):
            raise errors.PinLocked(state.remaining_seconds(SYSTEM_CLOCK.now_ms()))
        out = Output(args)
        value = getpass.getpass(out.say(T.pin_prompt))
    else:
        raise errors.OrganizerRequired()
    access.elevate_or_raise(ef, value)
    return access


def _pin_from_env(var: str) -> str:
    value = os.environ.get(var)
    if value is None:
        raise errors.InvalidInput(T.pin_env_not_set, field="pin", var=var)
    return value


def add_pin_env_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--pin-env",
        metavar="VAR",
        help="read the organizer PIN from environment variable VAR to show full names, "
        "phones and emails whole (masked otherwise once the event has a PIN; recorded)",
    )


def reader_access(args: argparse.Namespace, ef: EventFile) -> Access:
    """The access of a command that shows people (``show``, ``search``, ``edit``...).

    Below organizer the core masks full names, phones and emails (``checkin.protect.masking``);
    ``--pin-env VAR`` gives the organizer PIN (checked with the lockout, recorded) and
    shows them whole. Nothing is asked on a terminal: masked is the default.
    """
    access = Access.for_file(ef, SYSTEM_CLOCK, getattr(args, "operator", "") or "")
    var = getattr(args, "pin_env", None)
    if var and not access.is_organizer(ef):
        access.elevate_or_raise(ef, _pin_from_env(var))
    return access


Command = Callable[[argparse.Namespace, Output], int]
