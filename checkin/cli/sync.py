"""``checkin sync ...``: bundles, a shared folder, a PostgreSQL hub, provisioning.

checkin sync export FILE OUT [--full | --since BUNDLE]
checkin sync import FILE BUNDLE...
checkin sync folder FILE DIR [--every SECONDS]
checkin sync hub FILE postgresql://... [--every SECONDS]
checkin sync report FILE [--list L]
checkin sync provision FILE OUT --station NAME --role desk|scan-only [--no-personal]
checkin sync retire FILE STATION [--undo]
checkin sync status FILE
checkin sync resolve-copy FILE BUNDLE
checkin sync config FILE [--folder DIR] [--hub URL] [--interval SECONDS]
checkin sync now FILE [--push-only] [--every SECONDS]
checkin sync hub-setup [--role NAME] [--database NAME] [--password-env VAR] [--run ADMIN_URL]
                       [--door-role NAME] [--door-password-env VAR]
checkin sync hub-check URL
"""

# Long because: the twelve subcommands listed above, each a short function, with their arguments
from __future__ import annotations

import argparse
import os
import time
from pathlib import Path
from typing import Any

from checkin import errors
from checkin.cli import progress as progress_mod
from checkin.cli import table
from checkin.cli.common import EXIT_ERROR, EXIT_OK, Output, open_event, passphrase_from_env
from checkin.cli.texts import CliTexts as T
from checkin.clock import SYSTEM_CLOCK
from checkin.door import messages
from checkin.event import settings as settings_mod
from checkin.lists import pdfdoc
from checkin.protect import incident
from checkin.sync import (
    bundle,
    copies,
    folder,
    hub,
    hub_diagnose,
    hub_setup,
    keys,
    provision,
    report,
    state,
)
from checkin.sync import status as status_mod


# Long because: one argparse declaration per subcommand, read top to bottom like the --help it makes
def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    top = subparsers.add_parser(
        "sync",
        help="sync kiosks: bundles, shared folder, PostgreSQL hub, station packages",
        description="Sync between kiosks: bundles (USB), a shared folder, a PostgreSQL hub; "
        "station packages for new kiosks; the double-entry report.",
    )
    sub = top.add_subparsers(dest="sync_command", metavar="SUBCOMMAND", required=True)

    def add(name: str, help_text: str, func: Any) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
        p.set_defaults(func=func)
        p.add_argument("file", metavar="FILE", help="the event file")
        return p

    p = add("export", "write a sync bundle with what other stations may lack", cmd_export)
    p.add_argument("out", metavar="OUT", help="bundle file to write (e.g. door2.ckbundle)")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--full", action="store_true", help="everything this file holds")
    which.add_argument(
        "--since", metavar="BUNDLE", help="only what the writer of BUNDLE lacked when writing it"
    )
    p.add_argument(
        "--view",
        choices=("full", "door", "bare"),
        help="for whom: full (stations that keep every field: organizer, desks; the "
        "default), door (scan-only kiosks: no full names, phones, e-mails, notes), bare "
        "(kiosks set up --no-personal: badge names only). A scan-only kiosk always writes "
        "bare.",
    )

    p = add("import", "import sync bundles from other stations", cmd_import)
    p.add_argument("bundles", metavar="BUNDLE", nargs="+")
    p.add_argument(
        "--accept-unsigned-checkins", action="store_true",
        help="organizer: from an unsigned bundle of a station set up before signed sync, "
        "take its own check-ins (nothing else)",
    )  # fmt: skip

    p = add("folder", "sync through a shared folder of bundles", cmd_folder)
    p.add_argument("dir", metavar="DIR", help="the shared folder")
    _every(p)

    p = add("hub", "sync through a PostgreSQL hub", cmd_hub)
    p.add_argument("url", metavar="URL", help="postgresql://USER:PASSWORD@HOST:PORT/DATABASE")
    p.add_argument("--push-only", action="store_true", help="only send, do not fetch")
    _every(p)

    p = add("report", "attendees admitted more than once at different doors", cmd_report)
    p.add_argument("--list", default=None, help="only this check-in list")

    p = add("provision", "make the event file for a new kiosk (organizer)", cmd_provision)
    p.add_argument("out", metavar="OUT", help="the new kiosk's event file")
    p.add_argument("--station", required=True, help="the new station's name, e.g. 'door 2'")
    p.add_argument("--role", required=True, choices=("desk", "scan-only"))
    p.add_argument(
        "--no-personal",
        action="store_true",
        help="scan-only: leave out every personal field beyond display names",
    )
    p.add_argument(
        "--new-passphrase-env",
        metavar="VAR",
        help="passphrase for the new file (default: the same as FILE's, from --passphrase-env)",
    )

    p.add_argument(
        "--hub",
        metavar="URL",
        help="the hub the kiosk syncs with (default: this file's sync setting; '' for none); "
        "its password is left out unless --hub-password",
    )
    p.add_argument(
        "--hub-password",
        action="store_true",
        help="keep the hub's password in the package (encrypted packages only)",
    )

    p = add("retire", "retire a station: its future data is refused (organizer)", cmd_retire)
    p.add_argument("station", metavar="STATION", help="station name, number or id")
    p.add_argument("--undo", action="store_true", help="take a retirement back")
    p.add_argument(
        "--lost",
        metavar="SHEET.pdf",
        type=Path,
        help="the station's laptop was lost or stolen: also write the incident sheet "
        "(PDF and .json beside it: what its file held, for how many people, what to do now)",
    )

    add("status", "this station, the stations it knows, last sync, pending items", cmd_status)

    p = add(
        "resolve-copy",
        "on a kiosk whose file was copied by hand: move its own records to a new station",
        cmd_resolve_copy,
    )
    p.add_argument("bundle", metavar="BUNDLE", help="a full bundle from the other copy")

    p = sub.add_parser(
        "hub-setup",
        parents=[common],
        help="the SQL that sets up a PostgreSQL hub with a least-privilege role (organizer)",
        description="Print the SQL that creates the hub's role (no superuser), its database "
        "and a schema owned by that role; with --run, run it as a PostgreSQL superuser.",
    )
    p.set_defaults(func=cmd_hub_setup)
    p.add_argument("--role", default="checkin", help="the hub's login role (default: checkin)")
    p.add_argument("--database", default="checkin", help="the hub's database (default: checkin)")
    p.add_argument(
        "--password-env",
        metavar="VAR",
        help="the role's password from environment variable VAR (default: a new random one, "
        "printed once)",
    )
    p.add_argument(
        "--run",
        metavar="ADMIN_URL",
        help="run the SQL now as this superuser, e.g. postgresql://postgres@localhost/postgres",
    )
    p.add_argument(
        "--door-role",
        metavar="NAME",
        help="also a login role for door (scan-only) kiosks, which cannot even select the "
        "rows with every field",
    )
    p.add_argument(
        "--door-password-env",
        metavar="VAR",
        help="the door role's password from environment variable VAR (default: a new random "
        "one, printed once)",
    )

    p = sub.add_parser(
        "hub-check",
        parents=[common],
        help="test a hub address: connection, privileges, a write and read back",
        description="Connect to the hub, check the role's privileges, and write and read back "
        "one row (rolled back). Says precisely what is wrong when something is.",
    )
    p.set_defaults(func=cmd_hub_check)
    p.add_argument("url", metavar="URL", help="postgresql://USER[:PASSWORD]@HOST:PORT/DATABASE")

    p = add("config", "set where the app syncs (folder, hub, interval)", cmd_config)
    p.add_argument("--folder", help="shared folder ('' to stop)")
    p.add_argument("--hub", help="postgresql://... ('' to stop)")
    p.add_argument("--interval", type=int, help="seconds between syncs")

    from checkin.cli import sync_now  # it uses this module's round helpers

    p = add("now", "one sync round as the app runs it: the configured folder, then hub",
            sync_now.cmd_now)  # fmt: skip
    p.add_argument("--push-only", action="store_true", help="only send to the hub")
    _every(p)


def _every(p: argparse.ArgumentParser) -> None:
    p.add_argument("--every", type=float, metavar="SECONDS", help="repeat every SECONDS")
    p.add_argument(
        "--rounds", type=int, metavar="N", help="with --every: stop after N rounds (default: never)"
    )


def _notice(out: Output, notice: state.IdentityNotice | None, lines: list[str]) -> None:
    if notice is not None:
        lines.append(notice.message(out.lang))


def _when(ms: int | None, tz: str) -> str:
    return messages.format_time(ms, tz, with_date=True) if ms else "-"


# --- commands -------------------------------------------------------------------------


def cmd_export(args: argparse.Namespace, out: Output) -> int:
    with open_event(args) as ef:
        since = None
        if args.since:
            since = {k: int(v) for k, v in bundle.read_manifest(ef, args.since)["vector"].items()}
        with progress_mod.progress(out, *T.writing_bundle.pair()):
            view = keys.View.parse(args.view) if args.view else None
            result = bundle.export_bundle(
                ef, args.out, SYSTEM_CLOCK, since=since, full=args.full, view=view
            )
    wrote = {"door": T.wrote_bundle_door, "bare": T.wrote_bundle_bare}.get(
        result.manifest.get("view", "full"), T.wrote_bundle
    )
    lines = [
        out.say(wrote, path=result.path, total=result.total)
        + (out.say(T.encrypted_suffix) if result.encrypted else "")
    ]
    _notice(out, result.notice, lines)
    if result.former_rows:
        lines.append(out.say(T.former_rows, n=result.former_rows))
    out.emit(result.to_json(), lines)
    return EXIT_OK


def _closed(out: Output, closed: dict[str, Any] | None, lines: list[str]) -> None:
    """The organizer's close arrived by sync: say who closed and when."""
    if not closed:
        return
    import datetime as dt

    at = closed.get("at")
    when = dt.datetime.fromtimestamp(int(at) / 1000).strftime("%Y-%m-%d %H:%M") if at else "?"
    lines.append(out.say(T.closed_by_sync, station=closed["station"], when=when))


def cmd_import(args: argparse.Namespace, out: Output) -> int:
    with open_event(args) as ef:
        with progress_mod.progress(out, *T.importing_bundles.pair()):
            results = bundle.import_bundles(
                ef, args.bundles, SYSTEM_CLOCK, legacy_checkins=args.accept_unsigned_checkins
            )
        doubles = report.double_entries(ef)
    lines: list[str] = []
    imported, refused = [], []
    for path, res in zip(args.bundles, results, strict=True):
        if isinstance(res, errors.CheckinError):
            refused.append({"bundle": str(path), **res.to_json()})
            lines.append(f"✖ {path}: {res.message(out.lang)}")
        else:
            imported.append(res.to_json())
            lines.append(
                out.say(T.bundle_imported, path=path, n=res.imported, sender=res.sender.get("name"))
            )
            _notice(out, res.notice, lines)
            _closed(out, res.merge.closed, lines)
    if doubles:
        lines.append(out.say(T.doubles_see_report, n=len(doubles)))
    if out.json:
        import json

        print(
            json.dumps(
                {"ok": not refused, "imported": imported, "refused": refused,
                 "double_entries": len(doubles)},
                ensure_ascii=False,
            )
        )  # fmt: skip
    else:
        for line in lines:
            print(line)
    return EXIT_OK if not refused else EXIT_ERROR


def _loop(args: argparse.Namespace, out: Output, one_round: Any) -> int:
    """Run one round, or repeat with --every; offline errors are reported, not fatal."""
    if args.every is None:
        one_round()
        return EXIT_OK
    if args.every <= 0:
        raise errors.InvalidInput(T.every_positive, field="every")
    rounds = 0
    try:
        while args.rounds is None or rounds < args.rounds:
            try:
                one_round()
            except errors.CheckinError as exc:  # keep going: the kiosk works offline
                out.error(exc)
            rounds += 1
            if args.rounds is not None and rounds >= args.rounds:
                break
            time.sleep(args.every)
    except KeyboardInterrupt:
        pass
    return EXIT_OK


def cmd_folder(args: argparse.Namespace, out: Output) -> int:
    with open_event(args) as ef:

        def one_round() -> None:
            with progress_mod.progress(out, *T.syncing_folder.pair()):
                result = folder.sync_folder(ef, args.dir, SYSTEM_CLOCK)
            out.emit(result.to_json(), folder_lines(out, result))

        return _loop(args, out, one_round)


def folder_lines(out: Output, result: folder.FolderResult) -> list[str]:
    """What a folder round did, for a person."""
    lines = [
        out.say(T.folder_round, folder=result.folder, imported=result.imported,
                bundles=len(result.read), unchanged=result.unchanged, sent=result.sent)
    ]  # fmt: skip
    for item in result.refused:
        lines.append(
            f"✖ {item['file']}: {item['message_ko'] if out.lang == 'ko' else item['message']}"
        )
    _notice(out, result.notice, lines)
    _closed(out, result.closed, lines)
    return lines


def cmd_hub(args: argparse.Namespace, out: Output) -> int:
    with open_event(args) as ef:

        def one_round() -> None:
            with progress_mod.progress(out, *T.syncing_hub.pair()):
                result = hub.sync_hub(ef, args.url, SYSTEM_CLOCK, pull=not args.push_only)
            out.emit(result.to_json(), hub_lines(out, result))

        return _loop(args, out, one_round)


def hub_lines(out: Output, result: hub.HubResult) -> list[str]:
    """What a hub round did, for a person."""
    lines = [
        out.say(T.hub_round, where=result.where, pushed=result.pushed,
                pulled=result.pulled, imported=result.imported,
                stations=len(result.stations), seconds=result.seconds)
    ]  # fmt: skip
    if result.refused:
        lines.append(out.say(T.hub_refused_rows, n=result.refused))
    _notice(out, result.notice, lines)
    _closed(out, result.merge.closed, lines)
    return lines


def cmd_report(args: argparse.Namespace, out: Output) -> int:
    with open_event(args) as ef:
        doubles = report.double_entries(ef, args.list)
        shared = report.shared_reg_numbers(ef)
        tz = settings_mod.load(ef).timezone
    lines: list[str] = []
    if not doubles:
        lines.append(out.say(T.no_doubles))
    else:
        lines.append(out.say(T.doubles_head, n=len(doubles)))
        for d in doubles:
            lines.append(
                f"  {d.reg_no} {d.display_name} [{d.list}]: "
                f"{_when(d.first.at_ms, tz)} @ {d.first.station_name}  →  "
                f"{_when(d.second.at_ms, tz)} @ {d.second.station_name}"
            )
    for s in shared:
        lines.append(
            out.say(T.shared_reg_no, reg_no=s.reg_no, n=len(s.attendee_ids),
                    ids=", ".join(s.attendee_ids))
        )  # fmt: skip
    out.emit(
        {"double_entries": [d.to_json() for d in doubles],
         "shared_reg_numbers": [s.to_json() for s in shared]},
        lines,
    )  # fmt: skip
    return EXIT_OK


def cmd_provision(args: argparse.Namespace, out: Output) -> int:
    new_passphrase = None
    if args.new_passphrase_env:
        new_passphrase = os.environ.get(args.new_passphrase_env)
        if new_passphrase is None:
            raise errors.InvalidInput(
                T.env_not_set, field="passphrase", var=args.new_passphrase_env
            )
    else:
        new_passphrase = passphrase_from_env(args)
    with open_event(args) as ef:
        if not ef.encrypted and not args.new_passphrase_env:
            new_passphrase = None
        hub_url = status_mod.load_config(ef).hub_url if args.hub is None else args.hub
        made = provision.provision(
            ef, args.out, SYSTEM_CLOCK, station_name=args.station, role=args.role,
            personal=not args.no_personal, passphrase=new_passphrase, hub_url=hub_url,
            hub_password=args.hub_password,
        )  # fmt: skip
    carried = hub_diagnose.package_hub_url(hub_url, args.hub_password, made.encrypted)
    role = role_name(out, made.role.value)
    lines = [
        out.say(T.provisioned, path=made.path, name=made.name, no=made.station_no, role=role),
        out.say(T.provision_full_list if made.personal else T.provision_display_names),
        out.say(T.provision_encrypted if made.encrypted else T.provision_not_encrypted),
    ]
    if made.unlock_code:
        lines.append(out.say(T.unlock_code, code=made.unlock_code))
    if carried:
        with_password = T.provision_hub_with_password
        lines.append(
            out.say(with_password if args.hub_password else T.provision_hub_without_password,
                    where=hub.describe(carried))
        )  # fmt: skip
    out.emit(
        {**made.to_json(), "hub": hub_diagnose.split_password(carried)[0],
         "hub_password": bool(carried) and args.hub_password},
        lines,
    )  # fmt: skip
    return EXIT_OK


def cmd_retire(args: argparse.Namespace, out: Output) -> int:
    if args.lost and args.undo:
        raise errors.InvalidInput(T.lost_with_undo, field="lost")
    if args.lost:
        pdfdoc.check_folder(args.lost)
    with open_event(args) as ef:
        done = provision.retire(ef, SYSTEM_CLOCK, args.station, undo=args.undo)
        if args.lost:
            sheet, pdf, sidecar = incident.make(ef, SYSTEM_CLOCK, done["station_id"], args.lost,
                                                out.lang)  # fmt: skip
            done["incident_sheet"] = {"pdf": str(pdf), "json": str(sidecar),
                                      **sheet.to_json()}  # fmt: skip
    if done["retired"]:
        line = out.say(T.retired, station=done["station"])
    else:
        line = out.say(T.active_again, station=done["station"])
    lines = [line]
    if args.lost:
        s = done["incident_sheet"]
        sheet_text = T.incident_report_now if s["report_to_regulator"] else T.incident_check_report
        lines.append(out.say(sheet_text, pdf=s["pdf"], json=s["json"], people=s["people"]))
    out.emit(done, lines)
    return EXIT_OK


ROLE_NAMES = {
    "organizer": T.role_organizer,
    "desk": T.role_desk,
    "scan-only": T.role_scan_only,
}


def role_name(out: Output, role: str | None) -> str:
    """A station's role in the reader's language ('?' when not known yet)."""
    if not role:
        return "?"
    text = ROLE_NAMES.get(role)
    return out.say(text) if text is not None else role


def cmd_status(args: argparse.Namespace, out: Output) -> int:
    with open_event(args) as ef:
        data = status_mod.status(ef)
        tz = settings_mod.load(ef).timezone
    me = data["station"]
    my_role = role_name(out, me["role"])
    lines = [
        out.say(T.this_station, name=me["name"], no=me["station_no"], role=my_role)
        + (out.say(T.without_personal_suffix) if me["stripped"] else "")
        + (out.say(T.retired_suffix) if me["retired"] else ""),
        out.say(T.sync_summary, last=_when(data["last_ok_sync_at"], tz), pending=data["pending"],
                peers=data["peers_seen"], doubles=data["double_entries"]),
    ]  # fmt: skip
    if data["key_warning"]:
        lines.append("⚠ " + out.t(data["key_warning"]["en"], data["key_warning"]["ko"]))
    if data["last_sync"] and not data["last_sync"]["ok"]:
        lines.append(out.say(T.last_attempt_failed, detail=data["last_sync"]["detail"]))
    lines.append(out.say(T.stations_head))
    rows = []
    for s in data["stations"]:
        rows.append(
            ("*" if s["me"] else "", s["station_no"] if s["station_no"] is not None else "-",
             s["name"], f"[{role_name(out, s['role'])}]", s["station_id"],
             f"seq {data['vector'].get(s['station_id'], 0)}",
             f"{out.say(T.seen)} {_when(s['last_seen_at'], tz)}",
             out.say(T.retired_mark) if s["retired"] else "")
        )  # fmt: skip
    lines.extend(table.columns(rows, "<>", indent=" "))  # Hangul names line up
    out.emit(data, lines)
    return EXIT_OK


def cmd_resolve_copy(args: argparse.Namespace, out: Output) -> int:
    with open_event(args) as ef:
        done = copies.resolve_copy(ef, args.bundle, SYSTEM_CLOCK)
    out.emit(
        done.to_json(),
        out.say(T.copy_resolved, name=done.name, no=done.station_no, moved=done.moved),
    )
    return EXIT_OK


def cmd_config(args: argparse.Namespace, out: Output) -> int:
    with open_event(args) as ef:
        current = status_mod.load_config(ef)
        changed = status_mod.SyncConfig(
            folder=current.folder if args.folder is None else args.folder,
            hub_url=current.hub_url if args.hub is None else args.hub,
            interval_s=current.interval_s if args.interval is None else args.interval,
        )
        if changed != current:
            changed = status_mod.save_config(ef, changed)
    data = changed.to_json()
    out.emit(
        data,
        [
            out.say(T.config_folder, folder=data["folder"] or "-"),
            out.say(T.config_hub, hub=data["hub"] or "-"),
            out.say(T.config_every, seconds=data["interval_s"]),
        ],
    )
    return EXIT_OK


def _password_from(var: str) -> str:
    password = os.environ.get(var)
    if not password:
        raise errors.InvalidInput(T.env_not_set, field="password", var=var)
    return password


def _door_lines(out: Output, setup: hub_setup.HubSetup, url: str, shown: bool) -> list[str]:
    if not setup.door_role:
        return []
    lines = [out.say(T.door_kiosks_use, url=url, role=setup.door_role)]
    if shown:
        lines.append(out.say(T.door_password_once, password=setup.door_password))
    return lines


def cmd_hub_setup(args: argparse.Namespace, out: Output) -> int:
    if args.password_env:
        password = _password_from(args.password_env)
        generated = False
    else:
        password, generated = hub_setup.new_password(), True
    door_password = ""
    if args.door_role:
        door_password = (
            _password_from(args.door_password_env)
            if args.door_password_env
            else hub_setup.new_password()
        )
    setup = hub_setup.HubSetup(
        args.role, args.database, password, args.door_role or "", door_password
    )
    shown_door = bool(args.door_role and not args.door_password_env)
    if not args.run:
        if out.json:
            out.emit(
                {"ok": True, "sql": setup.script(), "role": setup.role,
                 "database": setup.database, "schema": setup.schema,
                 "hub_url": setup.hub_url(), "password_generated": generated,
                 **({"door_role": setup.door_role, "door_hub_url": setup.door_hub_url()}
                    if setup.door_role else {})},
                [],
            )  # fmt: skip
            return EXIT_OK
        print(setup.script(), end="")
        if generated:
            print(out.say(T.hub_new_password, role=setup.role, password=password))
        print(out.say(T.hub_kiosks_use, url=setup.hub_url()))
        for line in _door_lines(out, setup, setup.door_hub_url(), shown_door):
            print("-- " + line)
        return EXIT_OK
    url = hub_setup.run_setup(args.run, setup)
    lines = [
        out.say(T.hub_created, role=setup.role, database=setup.database, schema=setup.schema),
        out.say(T.hub_address, url=url),
    ]
    if generated:
        lines.append(out.say(T.password_once, password=password))
    door_url = url.replace(f"postgresql://{setup.role}@", f"postgresql://{setup.door_role}@", 1)
    lines += _door_lines(out, setup, door_url, shown_door)
    out.emit(
        {"ok": True, "role": setup.role, "database": setup.database, "schema": setup.schema,
         "hub_url": url, **({"password": password} if generated else {}),
         **({"door_role": setup.door_role, "door_hub_url": door_url} if setup.door_role else {}),
         **({"door_password": door_password} if shown_door else {})},
        lines,
    )  # fmt: skip
    return EXIT_OK


def cmd_hub_check(args: argparse.Namespace, out: Output) -> int:
    found = hub_diagnose.diagnose(args.url)
    lines = [
        f"{'ok  ' if ok else 'FAIL'} {step}: {detail}"
        for step, ok, detail in found.steps
        if ok or found.problem is None
    ]
    if found.problem is not None:
        lines.append(f"FAIL {found.steps[-1][0]}: {found.problem.message(out.lang)}")
    else:
        lines.append(out.say(T.hub_works))
    out.emit(found.to_json(), lines)
    return EXIT_OK if found.ok else EXIT_ERROR
