"""Commands that protect attendees: change the passphrase, close the event.

Also the passphrase choice of ``checkin init``: a new event is encrypted unless the
organizer deliberately passes ``--no-encryption``.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from checkin import errors
from checkin.cli.common import (
    EXIT_OK,
    Output,
    add_pin_option,
    open_event,
    organizer_access,
    passphrase_from_env,
)
from checkin.cli.texts import CliTexts as T
from checkin.clock import SYSTEM_CLOCK
from checkin.event.files import change_passphrase, is_encrypted
from checkin.protect import consent, retention


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "passphrase", parents=[common], help="change, set or remove the event passphrase",
        description=(
            "Change the event file's passphrase (the current one from --passphrase-env or "
            "asked). The new one comes from --new-passphrase-env VAR or is asked twice; "
            "--remove stores the file unencrypted. Close the event in the app first."
        ),
    )  # fmt: skip
    p.set_defaults(func=cmd_passphrase)
    p.add_argument("file", metavar="FILE")
    group = p.add_mutually_exclusive_group()
    group.add_argument("--new-passphrase-env", metavar="VAR",
                       help="read the new passphrase from environment variable VAR")  # fmt: skip
    group.add_argument("--remove", action="store_true",
                       help="remove the encryption: anyone with the file can then read it")  # fmt: skip

    p = subparsers.add_parser(
        "close", parents=[common], help="close the event: export the final report, then wipe "
        "personal data (names, phones, emails, notes) for good",
        description=(
            "Close the event. The final report is written to --report first; then names, "
            "phones, emails, organizations, notes and access needs are wiped from this file "
            "(and, at their next sync, from every station and the hub), keeping categories, "
            "registration numbers, check-in times and counts. This cannot be undone."
        ),
    )  # fmt: skip
    p.set_defaults(func=cmd_close)
    p.add_argument("file", metavar="FILE")
    p.add_argument(
        "--report", required=True, metavar="PATH", help="where to write the final report (PDF)"
    )
    p.add_argument("--list", default="main", help="check-in list of the report (default: main)")
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    add_pin_option(p)  # --pin-env, --operator: closing is the organizer's
    register_consent(subparsers, common)


def register_consent(subparsers: Any, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "consent", parents=[common],
        help="show or change the consent wording volunteers read at the desk",
        description=(
            "Show the event's consent wording (Korean and English) and its version, or set "
            "your own privacy notice from two UTF-8 text files (organizer; a new version "
            "is recorded with every consent given from then on). It syncs to every station."
        ),
    )  # fmt: skip
    p.set_defaults(func=cmd_consent)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--ko-file", metavar="PATH", help="the Korean wording (UTF-8 text file)")
    p.add_argument("--en-file", metavar="PATH", help="the English wording (UTF-8 text file)")
    p.add_argument("--reset", action="store_true", help="back to the app's default wording")
    p.add_argument(
        "--item", choices=consent.ITEMS, default=consent.ENTRY,
        help="which consent item: entry (required: display name, category; the default), "
        "contact (optional: phone, e-mail, organization, full name) or sensitive "
        "(optional, separate: access needs)",
    )  # fmt: skip
    add_pin_option(p)


def _read_text(path: str) -> str:
    try:
        return Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise errors.InvalidInput(
            T.cannot_read_as_utf_text, field="consent", path=path, name=type(exc).__name__
        ) from None


def cmd_consent(args: argparse.Namespace, out: Output) -> int:
    changing = bool(args.ko_file or args.en_file or args.reset)
    if changing and not args.reset and not (args.ko_file and args.en_file):
        raise errors.InvalidInput(T.give_both_ko_file_en, field="consent")
    item = getattr(args, "item", consent.ENTRY)
    with open_event(args) as ef:
        if changing:
            access = organizer_access(args, ef)
            if args.reset:
                now = consent.reset_wording(ef, SYSTEM_CLOCK, access, args.operator, item)
            else:
                ko, en = _read_text(args.ko_file), _read_text(args.en_file)
                now = consent.set_wording(ef, SYSTEM_CLOCK, ko, en, access, args.operator, item)
        else:
            from checkin.event import settings as settings_mod

            now = consent.wording(settings_mod.load(ef), item)
    out.emit(
        {"consent": now.to_json(), "item": item, "required": now.required,
         "changed": changing},
        [out.say(T.consent_wording_version, version=now.version),
         "", now.ko, "", now.en],
    )  # fmt: skip
    return EXIT_OK


def _interactive(args: argparse.Namespace) -> bool:
    return not getattr(args, "json", False) and sys.stdin.isatty()


def ask_twice(out: Output, first: str, again: str) -> str:
    value = getpass.getpass(first)
    if not value:
        raise errors.InvalidInput(T.passphrase_must_not_empty, field="passphrase")
    if getpass.getpass(again) != value:
        raise errors.InvalidInput(T.two_passphrases_not_same_nothing, field="passphrase")
    return value


def new_event_passphrase(args: argparse.Namespace, out: Output) -> str | None:
    """The passphrase for ``checkin init``: required unless ``--no-encryption``."""
    if getattr(args, "no_encryption", False):
        if getattr(args, "passphrase_env", None):
            raise errors.InvalidInput(T.give_either_passphrase_env_no, field="passphrase")
        return None
    value = passphrase_from_env(args)
    if value is not None:
        return value
    if not _interactive(args):
        raise errors.InvalidInput(T.new_event_encrypted_give_passphrase, field="passphrase")
    return ask_twice(
        out,
        out.say(T.new_event_passphrase_write_down),
        out.say(T.same_passphrase_again),
    )  # fmt: skip


def _is_encrypted(path: str) -> bool:
    # Through SQLite, never open(): see checkin.db.eventfile._looks_plain.
    try:
        return is_encrypted(path)
    except OSError:
        raise errors.EventFileNotFound(path) from None


def cmd_passphrase(args: argparse.Namespace, out: Output) -> int:
    path = args.file
    if not os.path.isfile(path):
        raise errors.EventFileNotFound(path)
    old = passphrase_from_env(args)
    if _is_encrypted(path) and old is None:
        if not _interactive(args):
            raise errors.PassphraseRequired(path)
        old = getpass.getpass(out.say(T.current_passphrase))
    if args.remove:
        new = None
    elif args.new_passphrase_env:
        new = os.environ.get(args.new_passphrase_env)
        if new is None:
            raise errors.InvalidInput(
                T.environment_variable_not_set_should,
                field="passphrase",
                new_passphrase_env=args.new_passphrase_env,
            )
    elif _interactive(args):
        new = ask_twice(out, out.say(T.new_passphrase),
                        out.say(T.same_passphrase_again))  # fmt: skip
    else:
        raise errors.InvalidInput(T.give_new_passphrase_new_passphrase, field="passphrase")
    encrypted = change_passphrase(path, old, new)
    out.emit(
        {"file": path, "encrypted": encrypted},
        out.say(T.passphrase_changed if encrypted else T.encryption_removed),
    )  # fmt: skip
    return EXIT_OK


def cmd_close(args: argparse.Namespace, out: Output) -> int:
    with open_event(args) as ef:
        if not args.yes:
            if not _interactive(args):
                raise errors.InvalidInput(T.closing_wipes_personal_data_good, field="yes")
            print(out.say(T.final_report_written_first_then))  # fmt: skip
            word = out.say(T.close)
            answer = input(out.say(T.type_close_event, word=word))  # fmt: skip
            if answer.strip() != word:
                print(out.say(T.not_closed_nothing_changed))
                return EXIT_OK
        access = organizer_access(args, ef)
        result = retention.close_event(
            ef, SYSTEM_CLOCK, args.report, lang=out.lang, list_id=args.list,
            operator=args.operator, access=access,
        )  # fmt: skip
    out.emit(
        {"closed": True, **result.to_json()},
        [
            out.say(T.final_report, report=result.report),
            out.say(T.event_closed_personal_data_attendees, attendees=result.attendees, checked_in=result.checked_in, expected=result.expected),
            out.say(T.sync_every_station_once_more),
        ],
    )  # fmt: skip
    return EXIT_OK
