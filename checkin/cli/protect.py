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
            f"Cannot read {path} as UTF-8 text ({type(exc).__name__}).",
            f"{path} 을(를) UTF-8 텍스트로 읽을 수 없습니다 ({type(exc).__name__}).",
            "consent",
        ) from None


def cmd_consent(args: argparse.Namespace, out: Output) -> int:
    changing = bool(args.ko_file or args.en_file or args.reset)
    if changing and not args.reset and not (args.ko_file and args.en_file):
        raise errors.InvalidInput(
            "Give both --ko-file and --en-file (the wording is shown in both languages).",
            "--ko-file 과 --en-file 을 모두 주세요 (동의문은 두 언어로 보여 줍니다).",
            "consent",
        )
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
        [out.t(f"Consent wording, version {now.version}:", f"동의문 (버전 {now.version}):"),
         "", now.ko, "", now.en],
    )  # fmt: skip
    return EXIT_OK


def _interactive(args: argparse.Namespace) -> bool:
    return not getattr(args, "json", False) and sys.stdin.isatty()


def ask_twice(out: Output, first: str, again: str) -> str:
    value = getpass.getpass(first)
    if not value:
        raise errors.InvalidInput(
            "The passphrase must not be empty.", "암호는 비워 둘 수 없습니다.", "passphrase"
        )
    if getpass.getpass(again) != value:
        raise errors.InvalidInput(
            "The two passphrases are not the same; nothing was changed.",
            "두 암호가 같지 않습니다. 아무것도 변경하지 않았습니다.",
            "passphrase",
        )
    return value


def new_event_passphrase(args: argparse.Namespace, out: Output) -> str | None:
    """The passphrase for ``checkin init``: required unless ``--no-encryption``."""
    if getattr(args, "no_encryption", False):
        if getattr(args, "passphrase_env", None):
            raise errors.InvalidInput(
                "Give either --passphrase-env or --no-encryption, not both.",
                "--passphrase-env 와 --no-encryption 중 하나만 주세요.",
                "passphrase",
            )
        return None
    value = passphrase_from_env(args)
    if value is not None:
        return value
    if not _interactive(args):
        raise errors.InvalidInput(
            "A new event is encrypted: give the passphrase with --passphrase-env VAR. To store "
            "the attendee list unencrypted (anyone who gets the file can read it), pass "
            "--no-encryption.",
            "새 행사는 암호화됩니다. --passphrase-env VAR 로 암호를 주세요. 참가자 명단을 암호화하지 "
            "않고 저장하려면 (파일을 가진 누구나 볼 수 있음) --no-encryption 을 주세요.",
            "passphrase",
        )
    return ask_twice(
        out,
        out.t("New event passphrase (write it down; it cannot be recovered): ",
              "새 행사 암호 (꼭 적어 두세요. 잃어버리면 복구할 수 없습니다): "),
        out.t("The same passphrase again: ", "같은 암호를 한 번 더: "),
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
        old = getpass.getpass(out.t("Current passphrase: ", "현재 암호: "))
    if args.remove:
        new = None
    elif args.new_passphrase_env:
        new = os.environ.get(args.new_passphrase_env)
        if new is None:
            raise errors.InvalidInput(
                f"The environment variable {args.new_passphrase_env} is not set "
                "(it should hold the new passphrase).",
                f"환경 변수 {args.new_passphrase_env} 이(가) 설정되어 있지 않습니다 "
                "(새 암호를 담아야 합니다).",
                "passphrase",
            )
    elif _interactive(args):
        new = ask_twice(out, out.t("New passphrase: ", "새 암호: "),
                        out.t("The same passphrase again: ", "같은 암호를 한 번 더: "))  # fmt: skip
    else:
        raise errors.InvalidInput(
            "Give the new passphrase with --new-passphrase-env VAR, or --remove.",
            "--new-passphrase-env VAR 로 새 암호를 주거나 --remove 를 주세요.",
            "passphrase",
        )
    encrypted = change_passphrase(path, old, new)
    out.emit(
        {"file": path, "encrypted": encrypted},
        out.t("Passphrase changed. Tell it only to those who need it." if encrypted else
              "Encryption removed: anyone with this file can now read the attendee list.",
              "암호를 바꿨습니다. 필요한 사람에게만 알려 주세요." if encrypted else
              "암호화를 해제했습니다. 이제 이 파일을 가진 누구나 참가자 명단을 볼 수 있습니다."),
    )  # fmt: skip
    return EXIT_OK


def cmd_close(args: argparse.Namespace, out: Output) -> int:
    with open_event(args) as ef:
        if not args.yes:
            if not _interactive(args):
                raise errors.InvalidInput(
                    "Closing wipes personal data for good: confirm with --yes.",
                    "행사 종료는 개인정보를 영구히 삭제합니다. --yes 로 확인해 주세요.",
                    "yes",
                )
            print(out.t(
                "The final report is written first; then names, phones, emails, organizations, "
                "notes and access needs are wiped here and, at their next sync, at every "
                "station. Counts and times stay. This cannot be undone.",
                "먼저 최종 보고서를 저장한 뒤, 이름·연락처·이메일·소속·메모·편의 지원 정보를 이 "
                "파일에서, 그리고 다음 동기화 때 모든 기기에서 삭제합니다. 인원과 시간 기록은 "
                "남습니다. 되돌릴 수 없습니다.",
            ))  # fmt: skip
            word = out.t("close", "종료")
            answer = input(out.t(f"Type {word!r} to close the event: ",
                                 f"행사를 종료하려면 '{word}' 를 입력하세요: "))  # fmt: skip
            if answer.strip() != word:
                print(
                    out.t(
                        "Not closed; nothing was changed.", "종료하지 않았습니다. 변경 사항 없음."
                    )
                )
                return EXIT_OK
        access = organizer_access(args, ef)
        result = retention.close_event(
            ef, SYSTEM_CLOCK, args.report, lang=out.lang, list_id=args.list,
            operator=args.operator, access=access,
        )  # fmt: skip
    out.emit(
        {"closed": True, **result.to_json()},
        [
            out.t(f"Final report: {result.report}", f"최종 보고서: {result.report}"),
            out.t(f"Event closed: personal data of {result.attendees} attendees wiped; "
                  f"{result.checked_in} of {result.expected} checked in.",
                  f"행사 종료: 참가자 {result.attendees}명의 개인정보 삭제, "
                  f"입장 {result.checked_in} / {result.expected}명."),
            out.t("Sync every station once more so they wipe too.",
                  "모든 기기를 한 번 더 동기화해야 그 기기들에서도 삭제됩니다."),
        ],
    )  # fmt: skip
    return EXIT_OK
