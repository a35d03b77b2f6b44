"""Badge commands: badges (bulk PDF), badge (one PNG or PDF), badge-settings, prints."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from checkin import errors
from checkin.badges import discreet
from checkin.badges import service as badges_mod
from checkin.badges.layouts import DEFAULT_LAYOUT, LAYOUTS, Layout, get_layout, monochrome
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
from checkin.people import attendees
from checkin.protect import audit


# Long because: one argparse declaration per subcommand, read top to bottom like the --help it makes
def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    def add(name: str, help_text: str, func: Any) -> argparse.ArgumentParser:
        p = subparsers.add_parser(name, parents=[common], help=help_text, description=help_text)
        p.set_defaults(func=func)
        return p

    layouts = ", ".join(f"{k} ({v.en})" for k, v in LAYOUTS.items()) + ", or custom:WxH (mm)"
    mono_help = "black and white for a thermal label printer (Zebra, Brother QL)"

    p = add("badges", "print many badges into one print-ready PDF, or on a printer", cmd_badges)
    p.add_argument("file", metavar="FILE")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--out", help="the PDF to write, e.g. badges.pdf")
    where.add_argument(
        "--printer", metavar="NAME",
        help="print there (CUPS) and record them only when the job completed",
    )  # fmt: skip
    p.add_argument("--layout", default=DEFAULT_LAYOUT, help=layouts)
    p.add_argument("--mono", action="store_true", help=mono_help)
    p.add_argument("--dpi", type=int, default=300,
                   help="printer resolution the QR is snapped to with --mono (default 300)")  # fmt: skip
    p.add_argument(
        "--category", action="append", default=[],
        help="only this category (repeat, or separate with commas)",
    )  # fmt: skip
    p.add_argument(
        "--only-unprinted", action="store_true",
        help="only badges not printed yet (at any synced station)",
    )  # fmt: skip
    p.add_argument("--sort", default="name", choices=badges_mod.SORTS,
                   help="name (Korean order) or reg (registration number)")  # fmt: skip
    p.add_argument(
        "--no-record", action="store_true",
        help="a proof copy: do not mark these badges as printed",
    )  # fmt: skip
    p.add_argument("--workers", type=int, help="processes to render with (default: all cores)")
    add_pin_option(p)  # all names with valid codes: organizer only, like an export
    add_reason_option(p)

    p = add("badge", "one attendee's badge as a PNG or PDF", cmd_badge)
    p.add_argument("file", metavar="FILE")
    p.add_argument("attendee", metavar="ATTENDEE", help="registration number, id or badge code")
    p.add_argument("--out", required=True, help="badge.png or badge.pdf")
    p.add_argument("--layout", default="cr80", help=layouts)
    p.add_argument("--mono", action="store_true", help=mono_help)
    p.add_argument("--dpi", type=int, default=300, help="PNG resolution (default 300)")
    p.add_argument(
        "--reissue", action="store_true",
        help="lost badge: issue a new code first (the old badge then scans as superseded)",
    )  # fmt: skip
    p.add_argument("--reason", default="", help="why it is reprinted (kept in the print log)")
    p.add_argument("--no-record", action="store_true", help="do not log this as printed")
    p.add_argument("--operator", default="")

    p = add("badge-settings", "show or change how badges look", cmd_badge_settings)
    p.add_argument("file", metavar="FILE")
    logo = p.add_mutually_exclusive_group()
    logo.add_argument("--logo", metavar="IMAGE", help="PNG or JPEG printed in the badge header")
    logo.add_argument("--no-logo", action="store_true", help="remove the logo")
    p.add_argument(
        "--full-name-categories", metavar="LIST",
        help="categories whose FULL name may print (comma-separated, or 'none'); "
             "default none: aliases protect defectors",
    )  # fmt: skip
    p.add_argument(
        "--color", action="append", default=[], metavar="CATEGORY=#RRGGBB",
        help="colour of a category's band (repeatable)",
    )  # fmt: skip
    p.add_argument(
        "--discreet-categories", metavar="LIST",
        help="categories whose badges and tickets leave off the event's name, logo and "
             "date (comma-separated, or 'none'): display name, QR, a neutral colour",
    )  # fmt: skip
    p.add_argument("--leave-message-ko", metavar="TEXT",
                   help="what exit scans and the closed event's screen say, in Korean "
                   "('' with --leave-message-en '' turns it off)")  # fmt: skip
    p.add_argument("--leave-message-en", metavar="TEXT", help="the same in English")
    p.add_argument("--leave-message-default", action="store_true",
                   help="back to the default wording (명찰을 떼고 가세요 / Please take off "
                   "your badge before you leave)")  # fmt: skip
    p.add_argument("--operator", default="")

    p = add("prints", "print log: badges printed, not printed, reprints", cmd_prints)
    p.add_argument("file", metavar="FILE")
    p.add_argument("attendee", metavar="ATTENDEE", nargs="?", help="one attendee's history")


def _layout(args: argparse.Namespace) -> Layout:
    """The --layout (a known key or custom:WxH), black and white with --mono."""
    layout = get_layout(args.layout)
    if not 72 <= args.dpi <= 1200:
        raise errors.InvalidInput(T.dpi_must_between, field="dpi")
    return monochrome(layout, args.dpi) if args.mono else layout


def _split(values: list[str]) -> list[str]:
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def _check_out(path: str, allowed: tuple[str, ...]) -> Path:
    out = Path(path)
    suffix = out.suffix.lower()
    if suffix not in allowed:
        en, ko = T.either.pair()
        text = T.output_must_end_in
        exc = errors.InvalidInput(
            text.get("en", allowed=en.join(allowed), path=path),
            text.get("ko", allowed=ko.join(allowed), path=path),
            "out",
        )
        exc.text_id = text.id
        raise exc
    if not out.parent.is_dir():
        raise errors.InvalidInput(T.folder_does_not_exist, field="out", path=path)
    return out


def _write_error(path: Path, exc: OSError) -> errors.CheckinError:
    return errors.InvalidInput(
        T.cannot_write_nothing_recorded_as, field="out", path=path, value=exc.strerror or exc
    )


def cmd_badges(args: argparse.Namespace, out: Output) -> int:
    from checkin.badges.pdf import write_pdf

    layout = _layout(args)
    if args.printer:
        return _print_badges(args, out, layout)
    target = _check_out(args.out, (".pdf",))
    if args.workers is not None and not 1 <= args.workers <= 64:
        raise errors.InvalidInput(T.workers_must_between, field="workers")
    with open_event(args) as ef:
        access = organizer_access(args, ef)
        access.check_reason()  # before any work: say why (kept in the audit log)
        cfg = settings_mod.load(ef)
        people = badges_mod.select(ef, _split(args.category), args.only_unprinted, args.sort)
        if not people:
            raise errors.InvalidInput(T.no_badges_print_no_registered, field="selection")
        data = badges_mod.badge_data(ef, people, cfg)
        show = not out.json and sys.stderr.isatty()

        def progress(done: int, total: int) -> None:
            if show:
                print(f"\r{done}/{total}", end="", file=sys.stderr, flush=True)

        try:
            result = write_pdf(data, badges_mod.style(cfg), layout, target, progress, args.workers)
        except OSError as exc:
            raise _write_error(target, exc) from exc
        if show:
            print(file=sys.stderr)
        recorded = 0
        if not args.no_record:  # the print log audits the file, with its reason
            recorded = len(
                badges_mod.record_prints(
                    ef,
                    SYSTEM_CLOCK,
                    data,
                    layout.key,
                    "pdf",
                    operator=args.operator,
                    export_reason=access.reason,
                )
            )
        else:  # a proof copy: still a file with names in it
            audit.record(ef, SYSTEM_CLOCK, audit.EXPORT, operator=access.operator,
                         detail=access.export_detail({"kind": "badges", "format": "pdf",
                                                      "rows": result.badges}))  # fmt: skip
    out.emit(
        {"file": os.fspath(target), "badges": result.badges, "pages": result.pages,
         "layout": layout.key, "seconds": round(result.seconds, 2), "workers": result.workers,
         "recorded": recorded},
        [
            out.say(T.wrote_badges_pages_s, badges=result.badges, pages=result.pages, target=target, seconds=result.seconds),
            out.say(T.recorded_as_printed if recorded else T.not_recorded_as_printed),
        ],
    )  # fmt: skip
    return EXIT_OK


def _not_printed(outcome: Any) -> None:
    exc = errors.CheckinError(outcome.message("en"), outcome.message("ko"))
    exc.code = f"not_printed_{outcome.reason}"
    raise exc


def _print_badges(args: argparse.Namespace, out: Output, layout: Layout) -> int:
    """``badges --printer``: the badge PDF to the printer; recorded only if it completed."""
    import tempfile

    from checkin.badges import printing
    from checkin.badges.pdf import write_pdf

    service = printing.print_service()
    if not service.accepts_pdf:
        raise errors.InvalidInput(T.computer_s_print_system_cannot, field="printer")
    problem = service.check_printer(args.printer)  # before rendering anything
    if problem is not None:
        _not_printed(problem)
    with open_event(args) as ef:
        cfg = settings_mod.load(ef)
        people = badges_mod.select(ef, _split(args.category), args.only_unprinted, args.sort)
        if not people:
            raise errors.InvalidInput(T.no_badges_print_no_registered, field="selection")
        data = badges_mod.badge_data(ef, people, cfg)
        title = printing.job_title([b.reg_no for b in data])
        with tempfile.TemporaryDirectory(prefix="checkin-print-") as tmp:
            path = Path(tmp) / "badges.pdf"
            result = write_pdf(data, badges_mod.style(cfg), layout, path, None, args.workers)
            outcome = service.print_pdf(
                args.printer, path, title, page_mm=(layout.page_w, layout.page_h)
            )
        if not outcome.printed:
            _not_printed(outcome)
        recorded = 0
        if not args.no_record:
            recorded = len(badges_mod.record_prints(
                ef, SYSTEM_CLOCK, data, layout.key, "printer", operator=args.operator
            ))  # fmt: skip
    out.emit(
        {"printer": args.printer, "badges": result.badges, "pages": result.pages,
         "layout": layout.key, "job": outcome.job_id, "state": outcome.state,
         "recorded": recorded},
        [
            out.say(T.printed_badges_pages_job_completed, badges=result.badges, pages=result.pages, printer=args.printer, job_id=outcome.job_id),
            out.say(T.recorded_as_printed if recorded else T.not_recorded_as_printed),
        ],
    )  # fmt: skip
    return EXIT_OK


def cmd_badge(args: argparse.Namespace, out: Output) -> int:
    from checkin.badges.pdf import badge_pdf
    from checkin.badges.renderer import badge_png

    target = _check_out(args.out, (".png", ".pdf"))
    if not 72 <= args.dpi <= 1200:
        raise errors.InvalidInput(T.dpi_must_between, field="dpi")
    layout = _layout(args)
    with open_event(args) as ef:
        found = attendees.find(ef, args.attendee)
        before = badges_mod.times_printed(ef, found.id)
        a = badges_mod.prepare_reprint(ef, SYSTEM_CLOCK, found.id, args.reissue, args.operator)
        cfg = settings_mod.load(ef)
        data = badges_mod.badge_data(ef, [a], cfg)[0]
        style = badges_mod.style(cfg)
        kind = target.suffix.lower().lstrip(".")
        blob = (
            badge_png(data, style, layout, args.dpi)
            if kind == "png"
            else badge_pdf(data, style, layout)
        )
        try:
            tmp = target.with_name(f".{target.name}.part")
            tmp.write_bytes(blob)
            os.replace(tmp, target)
        except OSError as exc:
            raise _write_error(target, exc) from exc
        record = None
        if not args.no_record:
            record = badges_mod.record_prints(
                ef, SYSTEM_CLOCK, [a], layout.key, kind, reason=args.reason,
                operator=args.operator, reissued=args.reissue,
            )[0]  # fmt: skip
    lines = [
        out.say(T.badge_written, reg_no=a.reg_no, target=target)
    ]  # fmt: skip
    if args.reissue:
        lines.append(
            out.say(T.new_code_issued_version_old, badge_version=a.badge_version)
        )  # fmt: skip
    elif before:
        lines.append(
            out.say(T.reprint_printed_time_s_before, before=before)
        )  # fmt: skip
    out.emit(
        {"file": os.fspath(target), "attendee_id": a.id, "reg_no": a.reg_no,
         "badge_version": a.badge_version, "layout": layout.key, "format": kind,
         "printed_before": before, "reissued": bool(args.reissue),
         "record": record.to_json() if record else None},
        lines,
    )  # fmt: skip
    return EXIT_OK


def cmd_badge_settings(args: argparse.Namespace, out: Output) -> int:
    with open_event(args) as ef:
        if args.logo:
            try:
                data = Path(args.logo).read_bytes()
            except OSError as exc:
                raise errors.InvalidInput(
                    T.cannot_read_logo, field="logo", logo=args.logo, value=exc.strerror or exc
                ) from exc
            badges_mod.set_logo(ef, SYSTEM_CLOCK, data, args.operator)
        elif args.no_logo:
            badges_mod.set_logo(ef, SYSTEM_CLOCK, None, args.operator)
        if args.full_name_categories is not None:
            value = args.full_name_categories.strip()
            wanted = [] if value.lower() in ("", "none") else _split([value])
            badges_mod.set_full_name_categories(ef, SYSTEM_CLOCK, wanted, args.operator)
        for item in args.color:
            category, sep, color = item.partition("=")
            if not sep:
                raise errors.InvalidInput(T.use_category_rrggbb_not, field="color", item=item)
            badges_mod.set_category_color(ef, SYSTEM_CLOCK, category.strip(), color, args.operator)
        _discreet_settings(args, ef)
        cfg = settings_mod.load(ef)
    logo = badges_mod.logo_png(cfg)
    full = sorted(badges_mod.full_name_categories(cfg))
    cats = [
        {"id": c.id, "color": c.color, "badge_ko": c.badge_ko, "badge_en": c.badge_en}
        for c in cfg.categories
    ]
    lines = [
        out.say(T.logo_yes if logo else T.logo_none),
        out.say(T.full_names_for, who=", ".join(full) or out.say(T.full_names_nobody)),
    ]
    lines += [f"  {c['id']:10s} {c['color']}  {c['badge_ko']} / {c['badge_en']}" for c in cats]
    quiet = sorted(discreet.categories(cfg))
    leave_ko, leave_en = discreet.leave_message(cfg)
    lines += [
        out.t(f"Discreet badges (no event name, logo or date): {', '.join(quiet) or 'none'}",
              f"행사 이름 없는 명찰 (이름·로고·날짜 없음): {', '.join(quiet) or '없음'}"),
        out.t(f"Leave message: {leave_ko} / {leave_en}" if leave_ko or leave_en
              else "Leave message: off", f"퇴장 안내: {leave_ko} / {leave_en}"
              if leave_ko or leave_en else "퇴장 안내: 끔"),
    ]  # fmt: skip
    out.emit(
        {"logo": bool(logo), "logo_bytes": len(logo or b""), "full_name_categories": full,
         "categories": cats, "discreet_categories": quiet,
         "leave_message": {"ko": leave_ko, "en": leave_en}},
        lines,
    )  # fmt: skip
    return EXIT_OK


def _discreet_settings(args: argparse.Namespace, ef: Any) -> None:
    if args.discreet_categories is not None:
        value = args.discreet_categories.strip()
        wanted = [] if value.lower() in ("", "none") else _split([value])
        discreet.set_categories(ef, SYSTEM_CLOCK, wanted, args.operator)
    if args.leave_message_default:
        discreet.set_leave_message(ef, SYSTEM_CLOCK, None, None, args.operator)
    elif args.leave_message_ko is not None or args.leave_message_en is not None:
        ko, en = discreet.leave_message(settings_mod.load(ef))
        discreet.set_leave_message(
            ef, SYSTEM_CLOCK,
            ko if args.leave_message_ko is None else args.leave_message_ko,
            en if args.leave_message_en is None else args.leave_message_en,
            args.operator,
        )  # fmt: skip


def cmd_prints(args: argparse.Namespace, out: Output) -> int:
    from checkin.door import messages

    with open_event(args) as ef:
        if args.attendee:
            a = attendees.find(ef, args.attendee)
            rows = badges_mod.history(ef, a.id)
            tz = settings_mod.load(ef).timezone
            lines = [f"{a.reg_no} v{a.badge_version}"]
            for r in rows:
                flags = []
                if r.reprint:
                    flags.append(out.say(T.reprint))
                if r.reissued:
                    flags.append(out.say(T.new_code))
                extra = f" [{', '.join(flags)}]" if flags else ""
                reason = f" — {r.reason}" if r.reason else ""
                lines.append(
                    f"  {messages.format_time(r.at_ms, tz, with_date=True)} v{r.badge_version} "
                    f"{r.layout} {r.output} x{r.copies} @ {r.station_name}{extra}{reason}"
                )
            if not rows:
                lines.append(out.say(T.never_printed))
            out.emit({"attendee_id": a.id, "prints": [r.to_json() for r in rows]}, lines)
            return EXIT_OK
        s = badges_mod.summary(ef)
    lines = [
        out.say(T.badges_printed_attendees_print, printed=s.printed, registered=s.registered, unprinted=s.unprinted),
        out.say(T.badges_printed_all_reprints_new, badges_printed=s.badges_printed, reprints=s.reprints, reissued=s.reissued),
    ]  # fmt: skip
    lines += [f"  @ {name}: {n}" for name, n in s.by_station.items()]
    out.emit({"summary": s.to_json()}, lines)
    return EXIT_OK
