"""``checkin audit FILE``: the audit log (organizer only): print it, or export it as CSV."""

from __future__ import annotations

import argparse
import os
from typing import Any

from checkin.cli.common import (
    EXIT_OK,
    Output,
    add_pin_option,
    add_reason_option,
    open_event,
    organizer_access,
)
from checkin.cli.texts import CliTexts as T
from checkin.door import messages
from checkin.event import settings as settings_mod
from checkin.protect import audit

MAX_PRINTED = 200  # rows printed as text; --json and --out have them all


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    help_text = (
        "the audit log (exports, searches, views, edits, PIN attempts at every station); "
        "organizer only"
    )
    p = subparsers.add_parser("audit", parents=[common], help=help_text, description=help_text)
    p.set_defaults(func=cmd_audit)
    p.add_argument("file", metavar="FILE", help="event file")
    p.add_argument("--out", metavar="PATH", help="write the log as CSV to this file")
    p.add_argument("--action", choices=audit.ACTIONS, help="only this action")
    p.add_argument("--station", metavar="STATION_ID", help="only this station (its id)")
    p.add_argument(
        "--by-reason", action="store_true", help="list the exports grouped by their reason"
    )
    add_pin_option(p)
    add_reason_option(p)


def cmd_audit(args: argparse.Namespace, out: Output) -> int:
    lang = "ko" if out.lang == "ko" else "en"
    with open_event(args) as ef:
        access = organizer_access(args, ef)
        if args.out:
            n = audit.export_csv(
                ef, access, access.clock, args.out, lang, args.action, args.station, args.operator
            )
            out.emit(
                {"audit_export": os.fspath(args.out), "rows": n},
                out.say(T.wrote_audit_log_rows, n=n, out=args.out),
            )  # fmt: skip
            return EXIT_OK
        tz = settings_mod.load(ef).timezone
        if args.by_reason:
            groups = audit.exports_by_reason(ef, access)
            audit.record_read(ef, access, len(groups))
            lines = [out.say(T.exports_by_reason)]
            for g in groups:
                reason = g["reason"] or out.say(T.no_reason_given)
                when = messages.format_time(g["last_at_ms"], tz, with_date=True)
                lines.append(out.say(T.exports_rows_last, reason=reason, exports=g['exports'], rows=g['rows'], when=when))  # fmt: skip
            out.emit({"exports_by_reason": groups}, lines)
            return EXIT_OK
        rows = audit.entries(ef, access, args.action, args.station)
        audit.record_read(ef, access, len(rows))
    lines = [out.say(T.audit_entries_newest_first, n=len(rows))]
    for e in rows[:MAX_PRINTED]:
        label = audit.ACTION_LABELS.get(e.action, (e.action, e.action))[1 if lang == "ko" else 0]
        who = f" [{e.operator}]" if e.operator else ""
        person = f" {e.attendee_id}" if e.attendee_id else ""
        detail = e.describe(lang)
        lines.append(
            f"  {messages.format_time(e.at_ms, tz, with_date=True)} @ {e.station_name}{who}: "
            f"{label}{person}{' — ' + detail if detail else ''}"
        )
    if len(rows) > MAX_PRINTED:
        more = len(rows) - MAX_PRINTED
        lines.append(out.say(T.more_use_json_out_all, more=more))  # fmt: skip
    out.emit({"entries": [e.to_json() for e in rows]}, lines)
    return EXIT_OK
