"""Ticket commands: tickets (a folder of files), tickets-send (e-mail), ticket-settings."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from checkin import settings as settings_mod
from checkin import tickets as tickets_mod
from checkin.cli.common import (
    EXIT_OK,
    Output,
    add_pin_option,
    add_reason_option,
    open_event,
    organizer_access,
)
from checkin.clock import SYSTEM_CLOCK


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    def add(name: str, help_text: str, func: Any) -> argparse.ArgumentParser:
        p = subparsers.add_parser(name, parents=[common], help=help_text, description=help_text)
        p.set_defaults(func=func)
        return p

    p = add("tickets", "write each registered attendee's ticket (PDF/PNG) into a folder, with "
            "an index CSV, for your own channel (KakaoTalk, SMS gateway, mail merge)",
            cmd_tickets)  # fmt: skip
    p.add_argument("file", metavar="FILE")
    p.add_argument("--out", required=True, metavar="FOLDER", help="the folder to write into")
    p.add_argument("--category", action="append", default=[],
                   help="only this category (repeat, or separate with commas)")  # fmt: skip
    p.add_argument("--format", default="pdf,png", help="pdf, png or pdf,png (default)")
    p.add_argument(
        "--with-contact", action="store_true",
        help="add the e-mail and phone columns to the CSV (only attendees whose consent is "
        "on file; organizer PIN; recorded in the audit log)",
    )  # fmt: skip
    add_pin_option(p)  # names with valid codes leave the app: organizer only, like badges
    add_reason_option(p)

    p = add("ticket-settings", "show or change the ticket note and e-mail templates",
            cmd_ticket_settings)  # fmt: skip
    p.add_argument("file", metavar="FILE")
    p.add_argument("--note", help="a short note printed on every ticket ('' for none)")
    fields = ", ".join("{" + f + "}" for f in tickets_mod.TEMPLATE_FIELDS)
    p.add_argument("--subject", help=f"e-mail subject template ('' for the default); {fields}")
    p.add_argument("--body", help=f"e-mail body template ('' for the default); {fields}")
    add_pin_option(p)


def _split(values: list[str]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def cmd_tickets(args: argparse.Namespace, out: Output) -> int:
    formats = tickets_mod.check_formats(args.format.split(","))
    with open_event(args) as ef:
        access = organizer_access(args, ef)
        access.check_reason()  # before any work: say why (kept in the audit log)
        people = tickets_mod.select(ef, _split(args.category))
        show = not out.json and sys.stderr.isatty()

        def progress(done: int, total: int) -> None:
            if show:
                print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)

        result = tickets_mod.write_files(
            ef, SYSTEM_CLOCK, access, people, args.out, formats, args.with_contact, progress
        )
        if show:
            print(file=sys.stderr)
    out.emit(
        {"folder": result.folder, "tickets": result.tickets, "files": result.files,
         "index": result.index, "with_contact": result.with_contact},
        [out.t(f"Wrote {result.tickets} tickets ({result.files} files) to {result.folder}; "
               f"index: {result.index}",
               f"입장권 {result.tickets}장 (파일 {result.files}개)을 {result.folder} 에 "
               f"저장했습니다. 목록: {result.index}"),
         out.t("The index has the e-mail and phone columns (recorded in the audit log)."
               if result.with_contact else "The index has no contact columns.",
               "목록에 이메일·전화번호가 들어 있습니다 (감사 기록에 남았습니다)."
               if result.with_contact else "목록에 연락처는 들어 있지 않습니다.")],
    )  # fmt: skip
    return EXIT_OK


def cmd_ticket_settings(args: argparse.Namespace, out: Output) -> int:
    with open_event(args) as ef:
        if args.note is not None or args.subject is not None or args.body is not None:
            access = organizer_access(args, ef)
            tickets_mod.set_settings(ef, SYSTEM_CLOCK, access, args.note, args.subject,
                                     args.body, operator=args.operator)  # fmt: skip
        cfg = settings_mod.load(ef)
    values = {"note": tickets_mod.note(cfg), "subject": tickets_mod.subject_template(cfg),
              "body": tickets_mod.body_template(cfg)}  # fmt: skip
    out.emit(
        values,
        [f"{out.t('Note', '안내문')}: {values['note'] or out.t('(none)', '(없음)')}",
         f"{out.t('Subject', '제목')}: {values['subject']}",
         f"{out.t('Body', '본문')}:", values["body"]],
    )  # fmt: skip
    return EXIT_OK
