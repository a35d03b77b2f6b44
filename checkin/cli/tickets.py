"""Ticket commands: tickets (a folder of files), tickets-send (e-mail), tickets-bounces
(bounces saved from the sender's mailbox, or read in it over IMAP), ticket-settings."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from checkin import errors
from checkin.badges import tickets as tickets_mod
from checkin.badges.texts import BadgeTexts as BT
from checkin.cli.common import (
    EXIT_OK,
    Output,
    add_pin_option,
    add_reason_option,
    open_event,
    organizer_access,
)
from checkin.cli.texts import CliTexts as T
from checkin.clock import SYSTEM_CLOCK
from checkin.event import settings as settings_mod


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
    p.add_argument("--changed-since", metavar="WHEN",
                   help="only attendees added or changed since YYYY-MM-DD [HH:MM]")  # fmt: skip
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

    register_send(subparsers, common)


def _split(values: list[str]) -> list[str]:
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def _since(args: argparse.Namespace, ef: Any) -> int | None:
    if not getattr(args, "changed_since", None):
        return None
    return tickets_mod.since_ms(args.changed_since, settings_mod.load(ef).timezone)


def cmd_tickets(args: argparse.Namespace, out: Output) -> int:
    formats = tickets_mod.check_formats(args.format.split(","))
    with open_event(args) as ef:
        access = organizer_access(args, ef)
        access.check_reason()  # before any work: say why (kept in the audit log)
        people = tickets_mod.select(ef, _split(args.category), (), _since(args, ef))
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
        [out.say(T.wrote_tickets_files_index, tickets=result.tickets, files=result.files, folder=result.folder, index=result.index),
         out.say(T.index_with_contact if result.with_contact else T.index_without_contact)],
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
        [f"{out.say(T.note)}: {values['note'] or out.say(T.none)}",
         f"{out.say(T.subject)}: {values['subject']}",
         f"{out.say(T.body)}:", values["body"]],
    )  # fmt: skip
    return EXIT_OK


def register_send(subparsers: Any, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "tickets-send", parents=[common],
        help="e-mail each registered attendee their ticket through your mail server",
        description="E-mail tickets (PNG and PDF attached) through your own SMTP server. Only "
        "attendees with an e-mail address and consent on file; each ticket once (a re-run "
        "sends only what is missing).",
    )  # fmt: skip
    p.set_defaults(func=cmd_tickets_send)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--smtp-host", required=True, metavar="HOST")
    p.add_argument("--smtp-port", type=int, metavar="PORT",
                   help="default 587 (STARTTLS), 465 (--ssl) or 25")  # fmt: skip
    sec = p.add_mutually_exclusive_group()
    sec.add_argument("--starttls", action="store_true", help="upgrade to TLS (port 587)")
    sec.add_argument("--ssl", action="store_true", help="TLS from the start (port 465)")
    p.add_argument("--user", default="", help="the mail account's user name")
    p.add_argument("--password-env", metavar="VAR",
                   help="read the mail password from environment variable VAR (asked on a "
                   "terminal otherwise; never stored)")  # fmt: skip
    p.add_argument("--from", dest="from_addr", default="", metavar="ADDR",
                   help="the sender address (default: --user)")  # fmt: skip
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--to-all", action="store_true", help="everyone not yet sent")
    who.add_argument("--category", action="append", help="only this category (repeat or commas)")
    who.add_argument("--not-sent", action="store_true", help="only those not sent yet (= --to-all)")
    who.add_argument("--reg", action="append", metavar="REG_NO",
                     help="only this registration number (repeat or commas)")  # fmt: skip
    p.add_argument(
        "--changed-since",
        metavar="WHEN",
        help="of those, only attendees added or changed since YYYY-MM-DD [HH:MM]",
    )
    p.add_argument("--again", action="store_true",
                   help="with --reg: send again even if this ticket was sent before (a "
                   "corrected address)")  # fmt: skip
    p.add_argument("--rate", type=float, default=0, metavar="N",
                   help="at most N messages a minute (default: no limit)")  # fmt: skip
    p.add_argument("--no-pdf", action="store_true", help="attach only the PNG")
    add_pin_option(p)
    add_reason_option(p)

    p = subparsers.add_parser(
        "tickets-bounces", parents=[common],
        help="list the attendees whose ticket e-mail bounced, from saved bounce messages or "
        "the sender's mailbox (IMAP)",
        description="Read delivery reports (bounces) saved from the sender's mailbox as .eml "
        "files or an .mbox, or (--mailbox) in that mailbox itself over IMAP, read-only, and "
        "list the attendees they are about by registration number. "
        "Correct those addresses, then: tickets-send FILE --reg NUMBER --again.",
    )  # fmt: skip
    p.set_defaults(func=cmd_tickets_bounces)
    p.add_argument("file", metavar="FILE")
    p.add_argument("mail", nargs="*", metavar="MAIL", help="saved bounces: .eml or .mbox files")
    _mailbox_options(p)
    add_pin_option(p)


def _mailbox_options(p: argparse.ArgumentParser) -> None:
    from checkin.badges.ticket_mailbox import SECURITY

    p.add_argument("--mailbox", action="store_true",
                   help="read the reports in the sender's mailbox over IMAP (read-only: "
                   "nothing is marked read, moved or deleted); settings not given here are "
                   "the ones saved with --save-mailbox")  # fmt: skip
    p.add_argument("--imap-host", help="the mailbox server, e.g. imap.example.org")
    p.add_argument("--imap-port", type=int, help="default 993 with ssl, 143 otherwise")
    p.add_argument("--imap-security", choices=SECURITY, help="ssl (default), starttls or none")
    p.add_argument("--imap-user", help="the mailbox's user name (often the sender's address)")
    p.add_argument("--imap-folder", help="the folder to read (default INBOX)")
    p.add_argument("--imap-password-env", metavar="VAR",
                   help="the environment variable holding the mailbox password (never "
                   "stored); without it the password is asked")  # fmt: skip
    p.add_argument("--since", metavar="YYYY-MM-DD",
                   help="read reports from this day on (default: the day before the first "
                   "ticket e-mail)")  # fmt: skip
    p.add_argument(
        "--save-mailbox",
        action="store_true",
        help="remember these mailbox settings for next time (never the password)",
    )


def cmd_tickets_bounces(args: argparse.Namespace, out: Output) -> int:
    from checkin.badges import ticket_bounces

    with open_event(args) as ef:
        access = organizer_access(args, ef)
        if args.mail:
            report = ticket_bounces.read(ef, access, args.mail)
        elif args.mailbox:
            report = _read_mailbox(args, out, ef, access)
        else:
            raise errors.InvalidInput(BT.give_saved_bounces_or_mailbox, field="mail")
    lines = [out.t(f"Read {report.messages} messages ({report.reports} delivery reports): "
                   f"{len(report.bounces)} attendees bounced; {report.unknown} other addresses.",
                   f"메일 {report.messages}통 (전달 보고 {report.reports}통) 확인: 반송된 참가자 "
                   f"{len(report.bounces)}명, 참가자가 아닌 주소 {report.unknown}개.")]  # fmt: skip
    lines += [f"  {b.reg_no}: {b.status} {b.message}" for b in report.bounces]
    if report.bounces:
        lines.append(out.t("Correct their addresses, then send again: tickets-send FILE --reg "
                           "NUMBER --again ...",
                           "주소를 고친 뒤 다시 보내세요: tickets-send FILE --reg 등록번호 "
                           "--again ..."))  # fmt: skip
    out.emit(report.to_json(), lines)
    return EXIT_OK


def _read_mailbox(args: argparse.Namespace, out: Output, ef: Any, access: Any) -> Any:
    import datetime as dt

    from checkin.badges import ticket_mailbox
    from checkin.event.texts import EventTexts

    stored = ticket_mailbox.stored_imap(settings_mod.load(ef))
    given = {"host": args.imap_host, "port": args.imap_port, "security": args.imap_security,
             "user": args.imap_user, "folder": args.imap_folder,
             "password_env": args.imap_password_env}  # fmt: skip
    values = {**stored, **{k: v for k, v in given.items() if v is not None}}
    if args.imap_security and args.imap_port is None:
        values["port"] = ticket_mailbox.DEFAULT_PORTS[args.imap_security]
    if args.save_mailbox:
        values = ticket_mailbox.save_imap(ef, SYSTEM_CLOCK, access, values)
    if values["password_env"]:
        password = ticket_mailbox.password_from_env(values["password_env"])
    elif not out.json and sys.stdin.isatty():
        import getpass

        password = getpass.getpass(out.say(BT.mailbox_password))
    else:
        raise errors.InvalidInput(BT.give_mailbox_password, field="password")
    since = None
    if args.since:
        try:
            since = dt.date.fromisoformat(args.since)
        except ValueError:
            raise errors.InvalidInput(
                EventTexts.not_date_use_yyyy_mm_2, field="since", value=args.since
            ) from None
    settings = ticket_mailbox.ImapSettings(
        values["host"], values["port"], values["security"], values["user"], password,
        values["folder"],
    )  # fmt: skip
    return ticket_mailbox.read(ef, access, settings, since)


def _password(args: argparse.Namespace, out: Output) -> str:
    if not args.user:
        return ""
    var = args.password_env
    if var:
        value = os.environ.get(var)
        if value is None:
            raise errors.InvalidInput(
                T.environment_variable_not_set_should_2, field="password", var=var
            )
        return value
    if not out.json and sys.stdin.isatty():
        import getpass

        return getpass.getpass(out.say(T.mail_password))
    raise errors.InvalidInput(T.give_mail_password_password_env, field="password")


def cmd_tickets_send(args: argparse.Namespace, out: Output) -> int:
    from checkin.badges import ticket_mail

    security = "ssl" if args.ssl else "starttls" if args.starttls else "none"
    port = args.smtp_port or {"ssl": 465, "starttls": 587}.get(security, 25)
    smtp = ticket_mail.SmtpSettings(args.smtp_host, port, security, args.user,
                                    _password(args, out), args.from_addr)  # fmt: skip
    ticket_mail.check_settings(smtp)
    with open_event(args) as ef:
        access = organizer_access(args, ef)
        access.check_reason()
        if args.again and not args.reg:
            raise errors.InvalidInput(
                "--again sends a ticket a second time: name the person with --reg.",
                "--again 는 입장권을 다시 보냅니다: --reg 로 받을 사람을 지정하세요.",
                "again",
            )
        people = tickets_mod.select(ef, _split(args.category or []), _split(args.reg or []),
                                    _since(args, ef))  # fmt: skip
        show = not out.json and sys.stderr.isatty()

        def progress(done: int, total: int) -> None:
            if show:
                print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)

        result = ticket_mail.send(ef, SYSTEM_CLOCK, access, people, smtp, args.rate,
                                  not args.no_pdf, progress, again=args.again)  # fmt: skip
        if show:
            print(file=sys.stderr)
    lines = [
        out.say(T.sent_already_sent_before_refused, sent=result.sent, already_sent=result.already_sent, n=len(result.refused), no_email=result.no_email, no_consent=result.no_consent),
    ]  # fmt: skip
    if result.new_badges:
        lines.append(out.t(f"  of them with a reissued badge (new ticket, the old one no longer "
                           f"works): {result.new_badges}",
                           f"  그중 명찰 재발급(새 입장권, 옛 입장권은 사용 불가): "
                           f"{result.new_badges}"))  # fmt: skip
    for r in result.refused:
        lines.append(out.say(T.refused, reg_no=r.reg_no, code=r.code, message=r.message))  # fmt: skip
    if result.stopped:
        exc = errors.MailServerError(
            T.sent_then_connection_mail_server,
            sent=result.sent,
            stopped=result.stopped,
            remaining=result.remaining,
        )
        exc.details.update(result.to_json())
        if not out.json:
            for line in lines:
                print(line)
        raise exc
    out.emit(result.to_json(), lines)
    return EXIT_OK
