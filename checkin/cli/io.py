"""Commands for lists in and out: import, export, report, paper, paper-ticks."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
from typing import Any

from checkin import errors
from checkin.cli import progress as progress_mod
from checkin.cli.common import (
    EXIT_ERROR,
    EXIT_OK,
    Output,
    add_pin_env_option,
    add_pin_option,
    add_reason_option,
    open_event,
    organizer_access,
)
from checkin.cli.texts import CliTexts as T
from checkin.clock import SYSTEM_CLOCK
from checkin.lists import exporter, importer, paper, pdfdoc, report
from checkin.protect import consent

MAX_LISTED = 50  # problems printed as text; --json lists them all


# Long because: one argparse declaration per subcommand, read top to bottom like the --help it makes
def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    def add(name: str, help_text: str, func: Any) -> argparse.ArgumentParser:
        p = subparsers.add_parser(name, parents=[common], help=help_text, description=help_text)
        p.set_defaults(func=func)
        p.add_argument("file", metavar="FILE", help="event file")
        return p

    p = add(
        "import",
        "import pre-registrations from a CSV or Excel (.xlsx) file; all rows or none",
        cmd_import,
    )
    p.add_argument("path", metavar="PATH", help="the CSV or XLSX file to import")
    p.add_argument("--dry-run", action="store_true", help="check the file, change nothing")
    p.add_argument("--mapping", metavar="MAP.json", help="column mapping file (JSON)")
    p.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="COLUMN=FIELD",
        help="map a column (header, letter or number) to a field, or to 'ignore'; repeatable. "
        f"Fields: {', '.join(importer.IMPORT_FIELDS)}",
    )
    p.add_argument(
        "--map-value",
        action="append",
        default=[],
        metavar="FIELD:VALUE=TARGET",
        help="translate a value, e.g. category:일반석=guest; repeatable",
    )
    p.add_argument("--sheet", help="Excel sheet name (default: the first with data)")
    p.add_argument("--encoding", help="text encoding of a CSV (default: detected)")
    p.add_argument("--header-row", type=int, help="row number of the header (default: detected)")
    p.add_argument(
        "--save-mapping", metavar="MAP.json", help="write the mapping used to this file, to edit"
    )
    p.add_argument("--operator", default="", help="who imports (initials)")
    p.add_argument(
        "--consent-collected", metavar="ITEMS",
        help="a file without consent columns keeps only the required fields of each row "
        "(display name, category, status, ids, no-photo). If the people agreed on your own "
        "registration form, name the optional items (contact, sensitive; comma-separated): "
        "their fields are kept and each answer is recorded as your declaration, with "
        "--consent-version and --consent-basis (organizer only; in the audit log)",
    )  # fmt: skip
    p.add_argument("--consent-version", metavar="VERSION",
                   help="with --consent-collected: the version of the wording your form used")  # fmt: skip
    p.add_argument("--consent-basis", metavar="TEXT",
                   help="with --consent-collected: where the people agreed (e.g. 'online "
                   "registration form, consent page')")  # fmt: skip
    add_pin_env_option(p)

    p = add("export", "export attendance (csv, xlsx or pdf) or the check-in log", cmd_export)
    p.add_argument(
        "--out", required=True, metavar="PATH", help="file to write ('-': standard output)"
    )
    p.add_argument("--format", choices=exporter.FORMATS, help="default: from the file name")
    p.add_argument("--checked-in", action="store_true", help="only attendees who checked in")
    p.add_argument(
        "--fields",
        help="comma-separated fields (default: "
        f"{','.join(exporter.DEFAULT_FIELDS)}); available: {','.join(exporter.EXPORT_FIELDS)}",
    )
    p.add_argument("--category", action="append", default=[], help="only this category; repeatable")
    p.add_argument("--list", help="check-in list (default: main; for --log: every list)")
    p.add_argument("--include-cancelled", action="store_true", help="also cancelled registrations")
    p.add_argument("--sort", choices=("name", "reg_no", "time"), help="row order")
    p.add_argument(
        "--log", action="store_true", help="export the full check-in log (csv or xlsx) instead"
    )
    add_pin_option(p)
    add_reason_option(p)

    p = add("report", "one-page PDF summary: totals, categories, arrivals, stations", cmd_report)
    p.add_argument("--out", required=True, metavar="PATH", help="PDF file to write")
    p.add_argument("--list", default="main", help="check-in list (default: main)")
    add_pin_option(p)
    add_reason_option(p)

    p = add("paper", "printable door list (PDF) for when a laptop or the power fails", cmd_paper)
    p.add_argument("--out", required=True, metavar="PATH", help="PDF file to write")
    p.add_argument("--list", default="main", help="check-in list (default: main)")
    add_pin_option(p)
    add_reason_option(p)

    p = add(
        "paper-ticks",
        "record the ticks of a paper door list as check-ins (safe to repeat)",
        cmd_paper_ticks,
    )
    p.add_argument(
        "refs",
        metavar="REGNO",
        nargs="+",
        help="registration numbers, each optionally with a time: DD-0042 or DD-0042@10:15",
    )
    p.add_argument("--at", help="time for those without one, HH:MM on the event day (default: now)")
    p.add_argument("--list", default="main", help="check-in list (default: main)")
    p.add_argument("--station", help="station name recorded (default: this station)")
    p.add_argument("--operator", default="", help="who enters the ticks (initials)")


def _lang(out: Output) -> str:
    return "ko" if out.lang == "ko" else "en"


# --- import -------------------------------------------------------------------------


def _mapping_options(args: argparse.Namespace) -> importer.MappingOptions:
    opts = importer.MappingOptions.load(args.mapping) if args.mapping else importer.MappingOptions()
    for item in args.map:
        column, target = importer.parse_map_option(item)
        opts.columns[column] = target
    for item in args.map_value:
        fld, value, target = importer.parse_value_option(item)
        opts.values.setdefault(fld, {})[value] = target
    if args.sheet:
        opts.sheet = args.sheet
    if args.encoding:
        opts.encoding = args.encoding
    if args.header_row:
        opts.header_row = args.header_row
    opts.check()
    if args.consent_collected or args.consent_version or args.consent_basis:
        if not args.consent_collected:
            raise errors.InvalidInput(
                "--consent-version and --consent-basis go with --consent-collected ITEMS.",
                "--consent-version 과 --consent-basis 는 --consent-collected 항목과 함께 씁니다.",
                "consent",
            )
        opts.consent_declared = consent.Declaration.make(
            args.consent_collected.split(","), args.consent_version or "", args.consent_basis or ""
        )
    return opts


def _consent_lines(plan: importer.ImportPlan, out: Output) -> list[str]:
    """What the import keeps of the optional fields, and why."""
    s = plan.summary()
    lines = []
    if s["consent_declared"]:
        items = ", ".join(s["consent_declared"])
        lines.append(out.t(
            f"Consent declared by the organizer for every row: {items} (recorded as such, "
            "and in the audit log).",
            f"운영자가 모든 행의 동의를 선언함: {items} (선언으로 기록되고 감사 기록에 남습니다).",
        ))  # fmt: skip
    n = s["optional_fields_dropped"]
    if not n:
        return lines
    columns = any(c.field in (importer.CONSENT_CONTACT, importer.CONSENT_SENSITIVE)
                  for c in plan.columns)  # fmt: skip
    if columns:
        lines.append(out.t(
            f"{n} rows: optional fields not kept, as their consent column says no (or nothing).",
            f"{n}개 행: 동의 열이 '미동의'(또는 빈칸)라 선택 항목을 저장하지 않습니다.",
        ))  # fmt: skip
    else:
        lines.append(out.t(
            f"{n} rows: optional fields (contact details, organization, full name, access "
            "needs, notes, language) not kept: the file has no consent columns, so only what "
            "entry needs is kept. Add the columns 연락처 동의 / 민감정보 동의, or, if the people "
            "agreed on your own form, --consent-collected contact,sensitive with "
            "--consent-version and --consent-basis.",
            f"{n}개 행: 파일에 동의 열이 없어 입장에 필요한 항목만 저장하고 선택 항목(연락처, 소속, "
            "실명, 편의 지원, 메모, 언어)은 저장하지 않습니다. '연락처 동의'/'민감정보 동의' 열을 "
            "넣거나, 등록 양식에서 동의를 받았다면 --consent-collected contact,sensitive 와 "
            "--consent-version, --consent-basis 를 주세요.",
        ))  # fmt: skip
    return lines


def cmd_import(args: argparse.Namespace, out: Output) -> int:
    opts = _mapping_options(args)
    importing = progress_mod.progress(out, *T.importing.pair())
    with open_event(args) as ef, importing as step:
        if opts.consent_declared is not None:  # the organizer's word, not a volunteer's
            organizer_access(args, ef).require_organizer(ef)
        plan, result = importer.import_file(
            ef, SYSTEM_CLOCK, args.path, opts, dry_run=args.dry_run, operator=args.operator,
            progress=step,
        )  # fmt: skip
    if args.save_mapping:
        _save_mapping(args.save_mapping, plan, opts)
    data: dict[str, Any] = {
        "dry_run": args.dry_run,
        "imported": result is not None,
        "summary": plan.summary(),
        "result": result.to_json() if result else None,
        "issues": [i.to_json() for i in plan.issues],
    }
    lang = _lang(out)
    lines = _plan_lines(out, plan, lang)
    lines.extend(_consent_lines(plan, out))
    if not plan.ok:
        err = importer.ImportRejected(plan)
        lines.append(err.message(lang))
        if out.json:
            out.emit({**data, "ok": False, "error": err.code, "message": err.en,
                      "message_ko": err.ko})  # fmt: skip
        else:
            for line in lines:
                print(line)
        return EXIT_ERROR
    lines.append(_outcome_line(out, plan, result))
    out.emit(data, lines)
    return EXIT_OK


def _save_mapping(path: str, plan: importer.ImportPlan, opts: importer.MappingOptions) -> None:
    """The mapping as used, as a file for the next import of the same kind of list."""
    saved = importer.MappingOptions(
        columns={c.header or c.letter: c.field or "ignore" for c in plan.columns},
        values=opts.values,
        sheet=plan.table.sheet or None,
        encoding=plan.table.encoding or None,
        header_row=plan.header_row,
    )
    text = json.dumps(saved.to_json(), ensure_ascii=False, indent=2) + "\n"
    pdfdoc.write_atomically(path, lambda fh: fh.write(text.encode("utf-8")))


def _plan_lines(out: Output, plan: importer.ImportPlan, lang: str) -> list[str]:
    """How the file was read and mapped, its first problems, and how to map the rest."""
    s = plan.summary()
    source = s["file"] + (
        f" [{s['sheet']}]" if s["sheet"] else f" ({s['encoding']}, {_delim_name(s['delimiter'])})"
    )
    lines = [
        out.say(T.rows_after_header_row, source=source, rows=s["rows"], header_row=s["header_row"])
    ]
    mapped = [c for c in plan.columns if c.field]
    lines.append(
        out.say(T.columns)
        + ", ".join(
            f"{c.header or c.letter} → {importer.FIELD_LABELS[c.field][1 if lang == 'ko' else 0]}"
            for c in mapped
        )
    )
    lines.extend(importer.issues_text(plan.issues[:MAX_LISTED], lang))
    if any(i.code == "no_name_column" for i in plan.issues):  # the mapping, on a command line
        lines.append(out.t("  Map it with --map COLUMN=display_name (e.g. --map 성함=display_name).",
                           "  --map 열=display_name 으로 지정하세요 (예: --map 성함=display_name)."))  # fmt: skip
    hints = [c for c in plan.columns if c.suggest and not c.field]
    if hints:
        maps = " ".join(f"--map '{c.header}={c.suggest}'" for c in hints)
        lines.append(out.say(T.import_them, maps=maps))
    if len(plan.issues) > MAX_LISTED:
        more = len(plan.issues) - MAX_LISTED
        lines.append(out.say(T.more_use_json_all, more=more))  # fmt: skip
    return lines


def _outcome_line(
    out: Output, plan: importer.ImportPlan, result: importer.ImportResult | None
) -> str:
    """What a dry run would do, or what the import did."""
    s = plan.summary()
    counts = out.say(
        T.new_update_unchanged_duplicate_rows,
        new=s["new"],
        updated=s["updated"],
        unchanged=s["unchanged"],
        skipped_duplicates=s["skipped_duplicates"],
    )
    if result is None:
        return out.say(T.dry_run_nothing_changed, counts=counts)  # fmt: skip
    numbers = ""
    if result.reg_numbers:
        numbers = f" ({result.reg_numbers[0]} – {result.reg_numbers[1]})"
    return out.say(
        T.imported_added_updated_unchanged_duplicate,
        added=result.added,
        numbers=numbers,
        updated=result.updated,
        unchanged=result.unchanged,
        skipped=result.skipped,
    )


def _delim_name(d: str) -> str:
    return {",": "comma", "\t": "tab", ";": "semicolon", "|": "pipe"}.get(d, d)


# --- export -------------------------------------------------------------------------


def _check_stream(path: str, fmt: str | None) -> None:
    """``--out -``: standard output; a binary format is not written onto a terminal."""
    if path != pdfdoc.STDOUT:
        return
    kind = (fmt or "csv").lower()
    if kind != "csv" and sys.stdout.isatty():
        raise errors.InvalidInput(
            T.binary_redirect_file_give_out, field="out", upper=kind.upper(), kind=kind
        )


def _emitter(path: str, fmt: str | None, out: Output) -> Any:
    """``out.emit``, or with ``--out -`` (or /dev/stdout, a pipe) the same on stderr: the
    data goes to stdout, the messages beside it."""
    if not pdfdoc.is_stream(path):
        return out.emit
    _check_stream(path, fmt)

    def emit(data: dict[str, Any], lines: Any = None) -> None:
        with contextlib.redirect_stdout(sys.stderr):
            out.emit(data, lines)

    return emit


def cmd_export(args: argparse.Namespace, out: Output) -> int:
    return _export(args, out, _emitter(args.out, args.format, out))


def _export(args: argparse.Namespace, out: Output, emit: Any) -> int:
    lang = _lang(out)
    with open_event(args) as ef:
        access = organizer_access(args, ef)
        if args.log:
            with progress_mod.progress(out, *T.exporting.pair()) as step:
                result = exporter.export_log(
                    ef, args.out, args.format, lang, args.list, step, access=access
                )
            emit(
                {"export": result.to_json()},
                out.say(T.wrote_check_log_rows, rows=result.rows, out=args.out),
            )  # fmt: skip
            return EXIT_OK
        fields = exporter.DEFAULT_FIELDS
        if args.fields:
            fields = tuple(f.strip() for f in args.fields.split(",") if f.strip())
        opts = exporter.ExportOptions(
            fields=fields,
            checked_in_only=args.checked_in,
            categories=tuple(args.category),
            list_id=args.list or "main",
            include_cancelled=args.include_cancelled,
            lang=lang,
            sort=args.sort or "",
        )
        with progress_mod.progress(out, *T.exporting.pair()) as step:
            result = exporter.export(ef, args.out, args.format, opts, step, access=access)
    lines = [
        out.say(T.wrote_rows, rows=result.rows, format=result.format, out=args.out),
    ]  # fmt: skip
    if result.personal:
        names = ", ".join(exporter.field_label(f, lang) for f in result.personal)
        lines.append(out.say(T.file_contains_personal_data_keep, names=names))
    emit({"export": result.to_json()}, lines)
    return EXIT_OK


# --- report and paper ---------------------------------------------------------------


def cmd_report(args: argparse.Namespace, out: Output) -> int:
    emit = _emitter(args.out, "pdf", out)
    with open_event(args) as ef:
        access = organizer_access(args, ef)
        data = report.write_report(ef, args.out, args.list, _lang(out), access=access)
    emit(
        {"report": os.fspath(args.out), "figures": data.published().to_json(data)},
        out.say(
            T.wrote_summary_report_checked,
            out=args.out,
            checked_in=data.checked_in,
            expected=data.expected,
        ),
    )
    return EXIT_OK


def cmd_paper(args: argparse.Namespace, out: Output) -> int:
    emit = _emitter(args.out, "pdf", out)
    with open_event(args) as ef:
        access = organizer_access(args, ef)
        n = paper.write_door_list(ef, args.out, args.list, _lang(out), access=access)
    emit(
        {"door_list": os.fspath(args.out), "attendees": n},
        out.say(T.wrote_door_list_people_print, n=n, out=args.out),
    )
    return EXIT_OK


def cmd_paper_ticks(args: argparse.Namespace, out: Output) -> int:
    with open_event(args) as ef:
        try:
            outcomes = paper.record_ticks(
                ef, list(args.refs), args.at or "", args.list, args.station, args.operator
            )
        except paper.TicksRejected as exc:
            if out.json:
                print(
                    json.dumps(
                        {**exc.to_json(), "problems": [
                            {"ref": r, "message": en, "message_ko": ko}
                            for r, en, ko in exc.problems
                        ]},
                        ensure_ascii=False,
                    )
                )  # fmt: skip
                return exc.exit_code
            raise
    recorded = [o for o in outcomes if o.outcome == "recorded"]
    already = [o for o in outcomes if o.outcome == "already"]
    lines = [
        out.say(T.recorded_paper_check_s_already, n=len(recorded), n2=len(already)),
    ]  # fmt: skip
    for o in already:
        lines.append(f"  {o.reg_no}: " + out.say(T.already_checked))
    out.emit({"ticks": [o.to_json() for o in outcomes], "recorded": len(recorded),
              "already": len(already)}, lines)  # fmt: skip
    return EXIT_OK
