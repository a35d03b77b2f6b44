"""Commands of the event file and check-in engine: init, add, edit, show, scan,
checkin, undo, reissue, cancel, restore, search, stats, demo."""

# Long because: the thirteen commands listed above, each a short function, with their arguments
from __future__ import annotations

import argparse
import os
import textwrap
import time
from typing import Any

from checkin import errors
from checkin.badges import discreet
from checkin.cli import doors as doors_cli
from checkin.cli import table
from checkin.cli.common import (
    EXIT_OK,
    EXIT_REJECTED,
    Output,
    add_pin_env_option,
    open_event,
    passphrase_from_env,
    reader_access,
)
from checkin.cli.texts import CliTexts as T
from checkin.clock import SYSTEM_CLOCK
from checkin.door import demo, messages, modes, outcomes
from checkin.door import stats as stats_mod
from checkin.door.engine import CheckinEngine
from checkin.event import identity as event_mod
from checkin.event import settings as settings_mod
from checkin.lists import suppression
from checkin.models import Attendee, ScanResult, Status
from checkin.people import attendees, groups
from checkin.protect import consent, masking

# What these commands print about people is masked below organizer (``checkin.protect.masking``;
# ``--pin-env`` shows it whole, recorded): the core masks ``find``/``view_detail``/
# ``search_attendees`` given the access; results of writes are shown through ``_shown``.

FIELD_OPTIONS = [
    ("--name", "display_name", "name shown on the badge (an alias is fine)"),
    ("--full-name", "full_name", "full legal name (optional; Korean and/or Latin)"),
    (
        "--category",
        "category",
        "defector, family, supporter, volunteer, press, official, staff, guest",
    ),
    ("--organization", "organization", "organization (company, association)"),
    ("--phone", "phone", "phone number, e.g. 010-1234-5678"),
    ("--email", "email", "email address"),
    ("--language", "language", "ko or en"),
    ("--access-needs", "access_needs", "e.g. wheelchair, sign language"),
    ("--notes", "notes", "free notes"),
    ("--external-id", "external_id", "id in another system (registration form, pretix)"),
    ("--group", "group_name", "group checked in together: a family, a delegation ('' for none)"),
]


# Long because: one argparse declaration per subcommand, read top to bottom like the --help it makes
def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    def add(name: str, help_text: str, func: Any) -> argparse.ArgumentParser:
        p = subparsers.add_parser(name, parents=[common], help=help_text, description=help_text)
        p.set_defaults(func=func)
        return p

    p = add("init", "create a new event file", cmd_init)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--event-name", required=True, help="event name (Korean or any language)")
    p.add_argument("--event-name-en", help="English event name (optional)")
    p.add_argument("--date", required=True, help="event date, YYYY-MM-DD")
    p.add_argument("--venue", help="venue")
    p.add_argument("--station", default=event_mod.DEFAULT_STATION_NAME, help="this station's name")
    p.add_argument(
        "--no-encryption",
        action="store_true",
        help="deliberately store the attendee list UNENCRYPTED (anyone with the file can read "
        "it); without this a passphrase is required (--passphrase-env VAR, or asked twice)",
    )

    p = add("add", "register an attendee; prints id, registration number and badge code", cmd_add)
    p.formatter_class = argparse.RawDescriptionHelpFormatter
    p.epilog = (
        "Consent to the data use: read the event's wording to the person (`checkin consent "
        "FILE` prints it; an organizer may have set their own); --consent records that they "
        "agreed, with the time and the wording's version. Consent comes in three parts: "
        "(a) entry, required; (b) contact details, optional (--consent-contact); (c) "
        "access needs, sensitive, optional and separate (--consent-sensitive). A field "
        "whose consent was not given is refused; refusing (b) or (c) costs nothing. "
        "The default wording "
        f"(version {consent.VERSION}):\n\n"
        f"{textwrap.fill(consent.TEXT_KO, 76)}\n\n{textwrap.fill(consent.TEXT_EN, 76)}\n\n"
        f"{textwrap.fill(consent.CONTACT_KO, 76)}\n\n{textwrap.fill(consent.CONTACT_EN, 76)}"
        f"\n\n{textwrap.fill(consent.SENSITIVE_KO, 76)}\n\n"
        f"{textwrap.fill(consent.SENSITIVE_EN, 76)}"
    )
    p.add_argument("file", metavar="FILE")
    for flag, dest, help_text in FIELD_OPTIONS:
        p.add_argument(flag, dest=dest, required=dest == "display_name", help=help_text)
    p.add_argument("--no-photo", action="store_true", help="attendee must not be photographed")
    p.add_argument("--operator", default="", help="who registers (volunteer initials)")
    agreed = p.add_mutually_exclusive_group()
    agreed.add_argument(
        "--consent", action="store_true",
        help="the person agreed to the data use text below (required for a walk-in)",
    )  # fmt: skip
    agreed.add_argument(
        "--consent-on-file", action="store_true",
        help="pre-registered: consent was collected by the registration form; "
        "nothing is recorded here",
    )  # fmt: skip
    p.add_argument(
        "--consent-contact", action="store_true",
        help="the person also agreed to item (b), contact details (optional): needed to "
        "store --phone, --email, --organization or --full-name",
    )  # fmt: skip
    p.add_argument(
        "--consent-sensitive", action="store_true",
        help="the person also agreed separately to item (c), sensitive data (optional): "
        "needed to store --access-needs",
    )  # fmt: skip
    p.add_argument(
        "--under-14", action="store_true",
        help="the person is under 14: a parent or guardian answers for them",
    )  # fmt: skip
    p.add_argument(
        "--guardian", metavar="RELATION", default="",
        help="with --under-14: the guardian who agreed, by relation only (e.g. 어머니 / "
        "mother); needed to keep an under-14's optional fields",
    )  # fmt: skip

    p = add("edit", "change an attendee's fields", cmd_edit)
    p.add_argument("file", metavar="FILE")
    p.add_argument("attendee", metavar="ATTENDEE", help="registration number, id or badge code")
    for flag, dest, help_text in FIELD_OPTIONS:
        p.add_argument(flag, dest=dest, help=help_text)
    photo = p.add_mutually_exclusive_group()
    photo.add_argument("--no-photo", dest="no_photo", action="store_const", const=True)
    photo.add_argument("--photo-ok", dest="no_photo", action="store_const", const=False)
    p.add_argument(
        "--consent-contact", action="store_true",
        help="the person agrees now to item (b), contact details: recorded with this "
        "time and wording, needed to store --phone, --email, --organization or --full-name",
    )  # fmt: skip
    p.add_argument(
        "--consent-sensitive", action="store_true",
        help="the person agrees now, separately, to item (c), access needs",
    )  # fmt: skip
    p.add_argument(
        "--withdraw", metavar="ITEM", action="append", choices=consent.OPTIONAL, default=[],
        help="the person withdraws their consent to an optional item (contact or "
        "sensitive): its answer is removed and its fields emptied (repeatable)",
    )  # fmt: skip
    p.add_argument("--operator", default="")
    add_pin_env_option(p)

    p = add("show", "show one attendee, their badge code and check-in history", cmd_show)
    p.add_argument("file", metavar="FILE")
    p.add_argument("attendee", metavar="ATTENDEE")
    p.add_argument("--operator", default="", help="who looks (initials, for the audit log)")
    add_pin_env_option(p)

    p = add("scan", "check a badge code in (or out)", cmd_scan)
    p.add_argument("file", metavar="FILE")
    p.add_argument("code", metavar="CODE", help="the text of the badge's QR code")
    _station_options(p)
    p.add_argument(
        "--validate-only", action="store_true",
        help="check only: say what the badge would get at an entrance (valid, already in, "
        "cancelled ...) and record nothing (a station the organizer set to check only "
        "always does this; see 'checkin doors')",
    )  # fmt: skip

    p = add("checkin", "check an attendee in by registration number or id", cmd_checkin)
    p.add_argument("file", metavar="FILE")
    p.add_argument("attendee", metavar="ATTENDEE")
    _station_options(p)

    p = add(
        "admit-anonymous",
        "let in a person who will not be registered: only the category, time and station "
        "are kept (counted and synced)",
        cmd_admit_anonymous,
    )
    p.add_argument("file", metavar="FILE")
    p.add_argument("--category", required=True, help="the person's category id (e.g. defector)")
    p.add_argument("--station", help="station name to record (default: this station's)")
    p.add_argument("--list", default="main", help="check-in list (default: main)")
    p.add_argument("--operator", default="", help="who let them in (initials)")

    p = add("undo", "undo an attendee's last check-in (kept in the log)", cmd_undo)
    p.add_argument("file", metavar="FILE")
    p.add_argument("attendee", metavar="ATTENDEE")
    p.add_argument("--reason", required=True, help="why (kept in the log)")
    p.add_argument("--list", default="main", help="check-in list (default: main)")
    p.add_argument("--operator", default="")
    add_pin_env_option(p)

    for name, help_text, func in (
        ("reissue", "issue a new badge code; the old badge then scans as superseded", cmd_reissue),
        ("cancel", "cancel a registration", cmd_cancel),
        ("restore", "restore a cancelled registration", cmd_restore),
    ):
        p = add(name, help_text, func)
        p.add_argument("file", metavar="FILE")
        p.add_argument("attendee", metavar="ATTENDEE")
        p.add_argument("--operator", default="")
        add_pin_env_option(p)

    p = add("search", "find attendees by name, 초성, romanized name, phone or number", cmd_search)
    p.add_argument("file", metavar="FILE")
    p.add_argument("query", metavar="QUERY")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--operator", default="", help="who searches (initials, for the audit log)")
    add_pin_env_option(p)

    p = add("stats", "checked in vs expected, by category and station", cmd_stats)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--list", default="main")

    p = add("demo", "create a realistic synthetic event (no real people)", cmd_demo)
    p.add_argument("file", metavar="FILE")
    p.add_argument("--attendees", type=int, default=500, help="how many (default 500)")
    p.add_argument("--checked-in", type=float, default=0.35, help="share already checked in")
    p.add_argument("--seed", type=int, help="random seed for a repeatable event")


def _station_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--station", help="station name recorded with the check-in")
    p.add_argument("--list", default="main", help="check-in list (default: main)")
    p.add_argument("--exit", action="store_true", help="record an exit instead of an entry")
    p.add_argument(
        "--group", dest="whole_group", action="store_true",
        help="check the rest of the person's group in with them (family, delegation)",
    )  # fmt: skip
    p.add_argument("--operator", default="", help="volunteer initials")
    add_pin_env_option(p)


# --- helpers ------------------------------------------------------------------------


def _fields_from(args: argparse.Namespace) -> dict[str, Any]:
    values = {dest: getattr(args, dest) for _, dest, _ in FIELD_OPTIONS}
    values = {k: v for k, v in values.items() if v is not None}
    if getattr(args, "no_photo", None) is not None:
        values["no_photo"] = args.no_photo
    return values


def _category_label(ef: Any, category: str, lang: str) -> str:
    cat = settings_mod.load(ef).category(category)
    return cat.label(lang) if cat else category


def _describe(a: Attendee, out: Output, ef: Any) -> str:
    parts = [f"{a.reg_no}  {a.display_name}"]
    if a.full_name and a.full_name != a.display_name:
        parts.append(f"({a.full_name})")
    parts.append(f"[{_category_label(ef, a.category, out.lang)}]")
    if a.organization:
        parts.append(a.organization)
    if a.no_photo:
        parts.append(out.say(T.no_photo))
    if a.cancelled:
        parts.append(out.say(T.cancelled_2))
    return " ".join(parts)


def _shown(args: argparse.Namespace, ef: Any, a: Attendee) -> Attendee:
    """``a`` as this command's caller may see it (masked below organizer)."""
    return masking.view_for(reader_access(args, ef), ef, a)


def _code_or_none(ef: Any, a: Attendee) -> str | None:
    try:
        return event_mod.badge_code(ef, a.id, a.badge_version)
    except errors.NotAllowed:
        return None


# --- commands -----------------------------------------------------------------------


def cmd_init(args: argparse.Namespace, out: Output) -> int:
    from checkin.cli.protect import new_event_passphrase

    passphrase = new_event_passphrase(args, out)
    with event_mod.create_event(
        args.file,
        name=args.event_name,
        name_en=args.event_name_en,
        date=args.date,
        venue=args.venue,
        passphrase=passphrase,
        station_name=args.station,
    ) as ef:
        info = event_mod.info(ef)
        cfg = settings_mod.load(ef)
    out.emit(
        {"file": os.fspath(args.file), "event_id": info.event_id, "encrypted": info.encrypted,
         "station": info.station.name, "settings": cfg.to_json()},
        [
            out.say(T.created, file=args.file, name=cfg.name, date=cfg.date),
            out.say(T.event_id_station, event_id=info.event_id, name=info.station.name),
            out.say(T.created_encrypted if info.encrypted else T.created_not_encrypted),
        ],
    )  # fmt: skip
    return EXIT_OK


def _consent_missing() -> errors.InvalidInput:
    required = consent.required()
    text = T.consent_on_the_command_line
    exc = errors.InvalidInput(
        text.get("en", required=required.en), text.get("ko", required=required.ko), "consent"
    )
    exc.text_id = text.id
    return exc


def _with_consent_option(exc: errors.InvalidInput, on_file: bool = False) -> errors.InvalidInput:
    """The core's refusal of a field without its consent, naming the option to give."""
    option = {
        **{name: "--consent-contact" for name in consent.FIELDS[consent.CONTACT]},
        **{name: "--consent-sensitive" for name in consent.FIELDS[consent.SENSITIVE]},
        "guardian_relation": "--guardian RELATION",
    }.get(exc.field or "")
    if option is None:
        return exc
    if on_file:  # nothing is recorded with --consent-on-file: the required fields only
        return errors.InvalidInput(
            f"{exc.en} With --consent-on-file only the required fields (display name, "
            f"category) are kept; if the person agrees now, give --consent and {option}.",
            f"{exc.ko} --consent-on-file 로는 필수 항목(표시 이름, 구분)만 저장됩니다. 본인이 "
            f"지금 동의하면 --consent 와 {option} 를 주세요.",
            exc.field,
        )
    text = T.agreed_on_the_command_line
    found = errors.InvalidInput(
        text.get("en", problem=exc.en, option=option),
        text.get("ko", problem=exc.ko, option=option),
        exc.field,
    )
    found.text_id = text.id
    return found


def cmd_add(args: argparse.Namespace, out: Output) -> int:
    values = _fields_from(args)
    with open_event(args) as ef:
        if args.consent:
            agreed = [consent.ENTRY]
            agreed += [consent.CONTACT] if args.consent_contact else []
            agreed += [consent.SENSITIVE] if args.consent_sensitive else []
            values.update(
                consent.record(SYSTEM_CLOCK, settings_mod.load(ef), agreed, args.under_14,
                               args.guardian)
            )  # fmt: skip
        elif not args.consent_on_file:
            raise _consent_missing()
        elif args.consent_contact or args.consent_sensitive or args.under_14:
            raise errors.InvalidInput(T.consent_file_records_nothing_here, field="consent")
        try:
            a = attendees.add_attendee(ef, SYSTEM_CLOCK, operator=args.operator, **values)
        except errors.InvalidInput as exc:
            raise _with_consent_option(exc, args.consent_on_file) from None
        code = _code_or_none(ef, a)
        a = _shown(args, ef, a)
        line = _describe(a, out, ef)
    out.emit(
        {"attendee": a.to_json(), "code": code},
        [
            out.say(T.registered, line=line),
            f"id: {a.id}",
            f"{out.say(T.badge_code)}: {code}",
        ],
    )
    return EXIT_OK


def _consent_changes(args: argparse.Namespace, ef: Any, current: Attendee) -> dict[str, Any]:
    """An edit's consent answers: the items agreed to now added (their time and the
    wording's version), the items withdrawn removed with their fields emptied."""
    agreed = [i for i, on in ((consent.CONTACT, args.consent_contact),
                              (consent.SENSITIVE, args.consent_sensitive)) if on]  # fmt: skip
    both = set(agreed) & set(args.withdraw)
    if both:
        raise errors.InvalidInput(
            f"Consent to {', '.join(sorted(both))} cannot be given and withdrawn at once.",
            f"{', '.join(sorted(both))} 동의를 한 번에 주고 철회할 수는 없습니다.",
            "consent",
        )
    if not agreed and not args.withdraw:
        return {}
    answers = consent.answers(current)
    given = consent.decode(consent.record(SYSTEM_CLOCK, settings_mod.load(ef), agreed)["consents"])
    answers.update(given)
    changes: dict[str, Any] = {}
    for item in args.withdraw:
        answers.pop(item, None)
        changes.update(dict.fromkeys(consent.FIELDS[item], ""))
    changes["consents"] = consent.encode(answers)
    return changes


def cmd_edit(args: argparse.Namespace, out: Output) -> int:
    with open_event(args) as ef:
        current = attendees.find(ef, args.attendee)
        values = {**_consent_changes(args, ef, current), **_fields_from(args)}
        try:
            a = attendees.update(ef, SYSTEM_CLOCK, current.id, values, args.operator)
        except errors.InvalidInput as exc:
            raise _with_consent_option(exc) from None
        a = _shown(args, ef, a)
        line = _describe(a, out, ef)
    out.emit({"attendee": a.to_json()}, out.say(T.updated, line=line))
    return EXIT_OK


def cmd_show(args: argparse.Namespace, out: Output) -> int:
    with open_event(args) as ef:
        a = attendees.view_detail(
            ef, SYSTEM_CLOCK, args.attendee, args.operator, access=reader_access(args, ef)
        )
        code = _code_or_none(ef, a)
        history = stats_mod.history(ef, a.id)
        undone = stats_mod.undone_ids(ef, a.id)
        members = groups.members(ef, a.id)
        tz = settings_mod.load(ef).timezone
        line = _describe(a, out, ef)
    lines = [line, f"id: {a.id}"]
    for label, value in (
        (out.say(T.phone), a.phone), (out.say(T.email), a.email),
        (out.say(T.access_needs), a.access_needs), (out.say(T.notes), a.notes),
    ):  # fmt: skip
        if value:
            lines.append(f"{label}: {value}")
    if members:  # the label as this caller may see it; the members' badge names
        names = ", ".join(m.display_name for m in members if m.attendee_id != a.id)
        label = f" {a.group_name}" if a.group_name else ""
        lines.append(f"{out.t('group', '그룹')}{label} ({len(members)}): {names}")
    lines.append(f"{out.say(T.badge)} v{a.badge_version}: {code or out.say(T.no_signing_key_here)}")
    for row in history:
        mark = out.say(T.undone) if row.id in undone else ""
        extra = f" — {row.reason}" if row.reason else ""
        lines.append(
            f"  {messages.format_time(row.at_ms, tz, with_date=True)} {row.action:5s} "
            f"{row.list} @ {row.station_name}{mark}{extra}"
        )
    out.emit(
        {"attendee": a.to_json(), "code": code, "history": [h.to_json() for h in history],
         "undone": sorted(undone), "group": [m.display_name for m in members]},
        lines,
    )  # fmt: skip
    return EXIT_OK


def _result_lines(result: ScanResult, out: Output, ef: Any) -> list[str]:
    """What ``checkin scan``/``checkin checkin`` print: the words the kiosk shows
    (``checkin.door.outcomes``), then the attendee and the row written."""
    tz = settings_mod.load(ef).timezone
    told = outcomes.outcome(result.kind)
    mark = "✔" if told.admitted else "✖"
    lines = [f"{mark} {told.title.pick(out.lang)}"]
    if result.kind is outcomes.Kind.EXIT:
        leave = discreet.leave_text(settings_mod.load(ef), out.lang)[0]  # an event setting
        if leave:
            lines.append(f"  {leave}")
    if result.attendee:
        lines.append("  " + _describe(result.attendee, out, ef))
        if result.attendee.access_needs:
            lines.append(f"  {out.say(T.access_needs_2)}: {result.attendee.access_needs}")
    more = outcomes.detail(result, tz)
    if more is not None:
        lines.append("  " + more.text.pick(out.lang))
    if result.checkin:
        c = result.checkin
        lines.append(f"  {messages.format_time(c.at_ms, tz)} @ {c.station_name} [{c.list}]")
    lines.append("  → " + told.step(out.lang))
    return lines


def cmd_scan(args: argparse.Namespace, out: Output) -> int:
    with open_event(args) as ef:
        engine = CheckinEngine(ef, access=reader_access(args, ef))  # masked below organizer
        if doors_cli.check_only_here(args, ef):
            return _check_only(args, out, ef, engine)
        result = engine.scan(
            args.code,
            station=args.station,
            list=args.list,
            direction="exit" if args.exit else "entry",
            operator=args.operator,
        )
        return _emit_with_group(args, out, ef, engine, result)


def _check_only(args: argparse.Namespace, out: Output, ef: Any, engine: CheckinEngine) -> int:
    if args.exit or args.whole_group:
        raise errors.InvalidInput(
            "A check only records nothing: no --exit or --group with it.",
            "확인 전용은 아무것도 기록하지 않습니다: --exit, --group 과 함께 쓸 수 없습니다.",
            "validate_only",
        )
    result = engine.validate(args.code, args.list, args.operator)
    lines = doors_cli.check_lines(result, _result_lines(result, out, ef), out)
    out.emit({"result": result.to_json()}, lines)
    return EXIT_OK if result.status in (Status.OK, Status.ALREADY_IN) else EXIT_REJECTED


def _emit_with_group(
    args: argparse.Namespace, out: Output, ef: Any, engine: CheckinEngine, result: ScanResult
) -> int:
    """Print one admission and, with ``--group``, the rest of the group admitted with it."""
    rest = doors_cli.check_in_rest(engine, ef, result, args) if args.whole_group else []
    lines = _result_lines(result, out, ef)
    lines += doors_cli.group_lines(rest, out)
    data: dict[str, Any] = {"result": result.to_json()}
    if args.whole_group:
        data["group"] = [r.to_json() for r in rest]
    out.emit(data, lines)
    return EXIT_OK if result.ok else EXIT_REJECTED


def cmd_checkin(args: argparse.Namespace, out: Output) -> int:
    with open_event(args) as ef:
        a = attendees.find(ef, args.attendee)
        if modes.is_check_only(ef):
            raise errors.NotAllowed(
                "The organizer set this station to check only: it records no check-in.",
                "주최자가 이 기기를 확인 전용으로 정했습니다: 체크인을 기록하지 않습니다.",
            )
        engine = CheckinEngine(ef, access=reader_access(args, ef))
        result = engine.check_in(
            a.id,
            station=args.station,
            list=args.list,
            direction="exit" if args.exit else "entry",
            operator=args.operator,
            method="manual",
        )
        return _emit_with_group(args, out, ef, engine, result)


def cmd_admit_anonymous(args: argparse.Namespace, out: Output) -> int:
    with open_event(args) as ef:
        result = CheckinEngine(ef).admit_anonymous(
            args.category, station=args.station, list=args.list, operator=args.operator
        )
        cfg = settings_mod.load(ef)
    cat = cfg.category(args.category)
    label = cat.label(out.lang) if cat else args.category
    out.emit(
        {"result": result.to_json()},
        out.say(T.admitted_without_registering_one_person, label=label),
    )  # fmt: skip
    return EXIT_OK


def cmd_undo(args: argparse.Namespace, out: Output) -> int:
    with open_event(args) as ef:
        a = attendees.find(ef, args.attendee, access=reader_access(args, ef))
        row = CheckinEngine(ef).undo(
            a.id, reason=args.reason, list=args.list, operator=args.operator
        )
        line = _describe(a, out, ef)
    out.emit(
        {"undo": row.to_json()},
        out.say(T.undid_last_check, line=line),
    )
    return EXIT_OK


def cmd_reissue(args: argparse.Namespace, out: Output) -> int:
    with open_event(args) as ef:
        current = attendees.find(ef, args.attendee)
        a = _shown(args, ef, attendees.reissue(ef, SYSTEM_CLOCK, current.id, args.operator))
        code = event_mod.badge_code(ef, a.id, a.badge_version)
        line = _describe(a, out, ef)
    out.emit(
        {"attendee": a.to_json(), "code": code},
        [
            out.say(T.reissued_badge_v, badge_version=a.badge_version, line=line),
            out.say(T.old_badge_now_scans_as),
            f"{out.say(T.badge_code)}: {code}",
        ],
    )  # fmt: skip
    return EXIT_OK


def cmd_cancel(args: argparse.Namespace, out: Output) -> int:
    with open_event(args) as ef:
        current = attendees.find(ef, args.attendee)
        a = _shown(args, ef, attendees.cancel(ef, SYSTEM_CLOCK, current.id, args.operator))
        line = _describe(a, out, ef)
    out.emit({"attendee": a.to_json()}, out.say(T.cancelled, line=line))
    return EXIT_OK


def cmd_restore(args: argparse.Namespace, out: Output) -> int:
    with open_event(args) as ef:
        current = attendees.find(ef, args.attendee)
        a = _shown(args, ef, attendees.restore(ef, SYSTEM_CLOCK, current.id, args.operator))
        line = _describe(a, out, ef)
    out.emit({"attendee": a.to_json()}, out.say(T.restored, line=line))
    return EXIT_OK


def cmd_search(args: argparse.Namespace, out: Output) -> int:
    if args.limit < 1:
        raise errors.InvalidInput(T.limit_must_least, field="limit")
    with open_event(args) as ef:
        hits = attendees.search_attendees(
            ef, SYSTEM_CLOCK, args.query, limit=args.limit, operator=args.operator,
            access=reader_access(args, ef),
        )  # fmt: skip
        lines = [_describe(h.attendee, out, ef) for h in hits]
    if not hits:
        lines = [out.say(T.no_attendee_found)]
    out.emit(
        {"query": args.query,
         "results": [{**h.attendee.to_json(personal=False), "matched": h.matched} for h in hits]},
        lines,
    )  # fmt: skip
    return EXIT_OK


def cmd_stats(args: argparse.Namespace, out: Output) -> int:
    with open_event(args) as ef:
        s = stats_mod.compute(ef, args.list)
        cfg = settings_mod.load(ef)
    # What leaves the app: counts finer than the whole event hide below the threshold
    # (and where a printed total would give them back), see checkin.lists.suppression.
    th = suppression.threshold_of(cfg.extra)
    cats = suppression.suppress_table(
        [[c.checked_in, c.expected, c.inside] for c in s.by_category], th,
        row_totals=False, col_totals=True,
    ) if s.by_category else []  # fmt: skip
    stations = suppression.suppress_line(list(s.by_station.values()), th)
    lines = [
        f"{cfg.title(out.lang)} — {cfg.date} [{s.list}]",
        out.say(T.checked_expected_inside_now, checked_in=s.checked_in, expected=s.expected, inside=s.inside),
    ]  # fmt: skip
    if s.cancelled:
        lines.append(out.say(T.cancelled_registrations, cancelled=s.cancelled))
    if s.anonymous:
        lines.append(out.say(T.admitted_without_registering, anonymous=s.anonymous))  # fmt: skip
    if s.unsynced:
        lines.append(out.say(T.admitted_but_not_yet_synced, unsynced=s.unsynced))  # fmt: skip
    rows = []
    for c, (checked, expected, _) in zip(s.by_category, cats, strict=True):
        cat = cfg.category(c.category)
        label = cat.label(out.lang) if cat else c.category
        rows.append((label, checked.show(th, "{}"), "/", expected.show(th, "{}")))
    lines.extend(table.columns(rows, "<><>"))  # aligned in terminal cells (Hangul: two)
    for station, n in zip(s.by_station, stations, strict=True):
        lines.append(f"  @ {station}: {n.show(th, '{}')}")
    if any(c.hidden for row in cats for c in row) or any(c.hidden for c in stations):
        lines.append(out.say(T.fewer_than_people_x_hidden, th=th))  # fmt: skip
    data = s.to_json()
    data["by_category"] = [
        {"category": c.category, "checked_in": checked.json(th), "expected": expected.json(th),
         "inside": inside.json(th)}
        for c, (checked, expected, inside) in zip(s.by_category, cats, strict=True)
    ]  # fmt: skip
    data["by_station"] = {
        station: n.json(th) for station, n in zip(s.by_station, stations, strict=True)
    }
    data["small_count_threshold"] = th
    out.emit({"stats": data}, lines)
    return EXIT_OK


def cmd_demo(args: argparse.Namespace, out: Output) -> int:
    if os.path.exists(args.file):
        raise errors.EventFileExists(args.file)
    if not 0 <= args.attendees <= 1_000_000:
        raise errors.InvalidInput(T.attendees_must_between, field="attendees")  # fmt: skip
    if not 0 <= args.checked_in <= 1:
        raise errors.InvalidInput(T.checked_share_between, field="checked_in")
    started = time.perf_counter()
    with demo.build_demo(
        args.file, args.attendees, args.checked_in, args.seed, passphrase_from_env(args)
    ) as ef:
        s = stats_mod.compute(ef)
    seconds = time.perf_counter() - started
    out.emit(
        {"file": os.fspath(args.file), "attendees": s.expected + s.cancelled,
         "checked_in": s.checked_in, "seconds": round(seconds, 2)},
        out.say(T.demo_event_attendees_checked_s, file=args.file, expected=s.expected, checked_in=s.checked_in, seconds=seconds),
    )  # fmt: skip
    return EXIT_OK
