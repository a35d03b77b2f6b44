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
    p.add_argument("--station", required=True, help="the new station's name, e.g. '2번 출입구'")
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
        with progress_mod.progress(out, "Writing the bundle", "동기화 파일 쓰는 중"):
            view = keys.View.parse(args.view) if args.view else None
            result = bundle.export_bundle(
                ef, args.out, SYSTEM_CLOCK, since=since, full=args.full, view=view
            )
    view = result.manifest.get("view", "full")
    for_doors = {"door": (" for door kiosks", " 출입구 키오스크용"),
                 "bare": (" for kiosks without personal fields", " 개인 정보 없는 키오스크용")}  # fmt: skip
    en, ko = for_doors.get(view, ("", ""))
    lines = [
        out.t(
            f"Wrote {result.path}: {result.total} rows{en}"
            + (" (encrypted)" if result.encrypted else ""),
            f"{result.path} 작성{ko}: {result.total}건"
            + (" (암호화됨)" if result.encrypted else ""),
        )
    ]
    _notice(out, result.notice, lines)
    if result.former_rows:
        lines.append(
            out.t(
                f"Including {result.former_rows} rows this file wrote before it was copied or "
                "moved (under its former station identity).",
                f"이 파일이 복사되거나 옮겨지기 전에(이전 기기 정보로) 기록한 {result.former_rows}건을 "
                "포함합니다.",
            )
        )
    out.emit(result.to_json(), lines)
    return EXIT_OK


def _closed(out: Output, closed: dict[str, Any] | None, lines: list[str]) -> None:
    """The organizer's close arrived by sync: say who closed and when."""
    if not closed:
        return
    import datetime as dt

    at = closed.get("at")
    when = dt.datetime.fromtimestamp(int(at) / 1000).strftime("%Y-%m-%d %H:%M") if at else "?"
    lines.append(
        out.t(
            f"The organizer's station {closed['station']} closed the event at {when}: "
            "personal data on this station was wiped.",
            f"주최자 기기 {closed['station']} 이(가) {when} 에 행사를 종료했습니다. 이 기기의 "
            "개인 정보를 삭제했습니다.",
        )
    )


def cmd_import(args: argparse.Namespace, out: Output) -> int:
    with open_event(args) as ef:
        with progress_mod.progress(out, "Importing bundles", "동기화 파일 가져오는 중"):
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
                out.t(
                    f"✔ {path}: {res.imported} new rows from {res.sender.get('name')}",
                    f"✔ {path}: {res.sender.get('name')} 에서 새 기록 {res.imported}건",
                )
            )
            _notice(out, res.notice, lines)
            _closed(out, res.merge.closed, lines)
    if doubles:
        lines.append(
            out.t(
                f"{len(doubles)} double entries: see 'checkin sync report'",
                f"중복 입장 {len(doubles)}건: 'checkin sync report' 로 확인하세요",
            )
        )
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
        raise errors.InvalidInput(
            "--every needs a positive number of seconds.", "--every 는 양수(초)여야 합니다.",
            "every",
        )  # fmt: skip
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
            with progress_mod.progress(out, "Syncing the folder", "폴더와 동기화 중"):
                result = folder.sync_folder(ef, args.dir, SYSTEM_CLOCK)
            out.emit(result.to_json(), folder_lines(out, result))

        return _loop(args, out, one_round)


def folder_lines(out: Output, result: folder.FolderResult) -> list[str]:
    """What a folder round did, for a person."""
    lines = [
        out.t(
            f"Folder {result.folder}: {result.imported} new rows from "
            f"{len(result.read)} bundles, {result.unchanged} unchanged; sent {result.sent}",
            f"폴더 {result.folder}: 동기화 파일 {len(result.read)}개에서 새 기록 "
            f"{result.imported}건, 변경 없음 {result.unchanged}개; 보냄 {result.sent}건",
        )
    ]
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
            with progress_mod.progress(out, "Syncing with the hub", "동기화 서버와 동기화 중"):
                result = hub.sync_hub(ef, args.url, SYSTEM_CLOCK, pull=not args.push_only)
            out.emit(result.to_json(), hub_lines(out, result))

        return _loop(args, out, one_round)


def hub_lines(out: Output, result: hub.HubResult) -> list[str]:
    """What a hub round did, for a person."""
    lines = [
        out.t(
            f"Hub {result.where}: sent {result.pushed}, received {result.pulled} "
            f"({result.imported} new), {len(result.stations)} stations, "
            f"{result.seconds:.2f} s",
            f"동기화 서버 {result.where}: 보냄 {result.pushed}건, 받음 {result.pulled}건 "
            f"(새 기록 {result.imported}건), 기기 {len(result.stations)}대, "
            f"{result.seconds:.2f}초",
        )
    ]
    if result.refused:
        lines.append(
            out.t(
                f"✖ {result.refused} rows on the hub are not signed by a station of "
                "this event (or go beyond its role): refused.",
                f"✖ 동기화 서버의 기록 {result.refused}건은 이 행사 기기의 서명이 없거나 "
                "권한을 넘어 받지 않았습니다.",
            )
        )
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
        lines.append(out.t("No double entries.", "중복 입장이 없습니다."))
    else:
        lines.append(
            out.t(
                f"{len(doubles)} attendees admitted twice at different doors while offline:",
                f"오프라인 중 서로 다른 출입구에서 두 번 입장한 참가자 {len(doubles)}명:",
            )
        )
        for d in doubles:
            lines.append(
                f"  {d.reg_no} {d.display_name} [{d.list}]: "
                f"{_when(d.first.at_ms, tz)} @ {d.first.station_name}  →  "
                f"{_when(d.second.at_ms, tz)} @ {d.second.station_name}"
            )
    for s in shared:
        lines.append(
            out.t(
                f"Registration number {s.reg_no} was given to {len(s.attendee_ids)} people: "
                f"{', '.join(s.attendee_ids)}",
                f"등록번호 {s.reg_no} 이(가) {len(s.attendee_ids)}명에게 부여됨: "
                f"{', '.join(s.attendee_ids)}",
            )
        )
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
                f"The environment variable {args.new_passphrase_env} is not set.",
                f"환경 변수 {args.new_passphrase_env} 이(가) 설정되어 있지 않습니다.",
                "passphrase",
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
        out.t(
            f"Wrote {made.path}: station {made.name!r} (number {made.station_no}, {role})",
            f"{made.path} 작성: 기기 {made.name!r} (번호 {made.station_no}, {role})",
        ),
        out.t(
            "Without personal fields beyond display names." if not made.personal else
            "With the full attendee list.",
            "표시 이름 외의 개인 정보는 넣지 않았습니다." if not made.personal else
            "전체 참가자 명단을 담았습니다.",
        ),
        out.t("Encrypted." if made.encrypted else
              "NOT encrypted: carry it safely and delete copies after use.",
              "암호화됨." if made.encrypted else
              "암호화되지 않음: 안전하게 옮기고, 사용 후 복사본은 지우세요."),
    ]  # fmt: skip
    if made.unlock_code:
        lines.append(
            out.t(
                f"Kiosk unlock code: {made.unlock_code}  (shown only now: write it down for "
                "the organizer; this kiosk unlocks with it, not with the organizer PIN)",
                f"키오스크 잠금 해제 코드: {made.unlock_code}  (지금 한 번만 표시됩니다. "
                "주최자용으로 적어 두세요. 이 키오스크는 운영자 PIN이 아니라 이 코드로 "
                "잠금이 풀립니다)",
            )
        )
    if carried:
        where = hub.describe(carried)
        lines.append(
            out.t(
                f"Syncs with the hub {where}"
                + (" (password included, encrypted)." if args.hub_password else
                   " (password not included: enter it on the kiosk, or use PGPASSWORD/.pgpass)."),
                f"동기화 서버 {where} 와 동기화합니다"
                + (" (암호 포함, 암호화됨)." if args.hub_password else
                   " (암호 미포함: 키오스크에서 입력하거나 PGPASSWORD/.pgpass 사용)."),
            )
        )  # fmt: skip
    out.emit(
        {**made.to_json(), "hub": hub_diagnose.split_password(carried)[0],
         "hub_password": bool(carried) and args.hub_password},
        lines,
    )  # fmt: skip
    return EXIT_OK


def cmd_retire(args: argparse.Namespace, out: Output) -> int:
    if args.lost and args.undo:
        raise errors.InvalidInput(
            "--lost and --undo cannot be used together.",
            "--lost 와 --undo 는 함께 쓸 수 없습니다.",
            "lost",
        )
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
        line = out.t(
            f"Retired {done['station']!r}: data it writes from now on is refused by every "
            "station once they sync with this file.",
            f"{done['station']!r} 사용 중지: 이 파일과 동기화한 모든 기기가 이제부터 이 기기의 "
            "자료를 받지 않습니다.",
        )
    else:
        line = out.t(f"{done['station']!r} is active again.", f"{done['station']!r} 다시 사용.")
    lines = [line]
    if args.lost:
        s = done["incident_sheet"]
        lines.append(out.t(
            f"Incident sheet: {s['pdf']} (and {s['json']}). Its file could hold data of up "
            f"to {s['people']:,} people. Tell them without delay"
            + ("; report to the PIPC/KISA within 72 hours." if s["report_to_regulator"]
               else "; check whether a report to the PIPC/KISA is needed (72 hours)."),
            f"사고 기록: {s['pdf']} ({s['json']}). 이 기기 파일에 최대 {s['people']:,}명의 정보가 "
            "있을 수 있습니다. 정보주체에게 지체 없이 알리고"
            + (", 72시간 이내에 개인정보보호위원회/KISA에 신고하세요." if s["report_to_regulator"]
               else ", 개인정보보호위원회/KISA 신고(72시간)가 필요한지 확인하세요."),
        ))  # fmt: skip
    out.emit(done, lines)
    return EXIT_OK


ROLE_NAMES = {
    "organizer": ("organizer", "운영진"),
    "desk": ("desk", "접수 데스크"),
    "scan-only": ("scan-only", "스캔 전용"),
}


def role_name(out: Output, role: str | None) -> str:
    """A station's role in the reader's language ('?' when not known yet)."""
    if not role:
        return "?"
    en, ko = ROLE_NAMES.get(role, (role, role))
    return out.t(en, ko)


def cmd_status(args: argparse.Namespace, out: Output) -> int:
    with open_event(args) as ef:
        data = status_mod.status(ef)
        tz = settings_mod.load(ef).timezone
    me = data["station"]
    my_role = role_name(out, me["role"])
    lines = [
        out.t(
            f"This station: {me['name']} (number {me['station_no']}, {my_role})"
            + (", without personal fields" if me["stripped"] else "")
            + (", RETIRED" if me["retired"] else ""),
            f"이 기기: {me['name']} (번호 {me['station_no']}, {my_role})"
            + (", 개인 정보 없음" if me["stripped"] else "")
            + (", 사용 중지됨" if me["retired"] else ""),
        ),
        out.t(
            f"Last sync: {_when(data['last_ok_sync_at'], tz)}; not yet sent: {data['pending']}; "
            f"peers seen: {data['peers_seen']}; double entries: {data['double_entries']}",
            f"마지막 동기화: {_when(data['last_ok_sync_at'], tz)}; 아직 보내지 않음: "
            f"{data['pending']}건; 만난 기기: {data['peers_seen']}대; 중복 입장: "
            f"{data['double_entries']}건",
        ),
    ]
    if data["key_warning"]:
        lines.append("⚠ " + out.t(data["key_warning"]["en"], data["key_warning"]["ko"]))
    if data["last_sync"] and not data["last_sync"]["ok"]:
        lines.append(
            out.t(
                f"Last attempt failed: {data['last_sync']['detail']}",
                f"마지막 시도 실패: {data['last_sync']['detail']}",
            )
        )
    lines.append(out.t("Stations:", "기기 목록:"))
    rows = []
    for s in data["stations"]:
        rows.append(
            ("*" if s["me"] else "", s["station_no"] if s["station_no"] is not None else "-",
             s["name"], f"[{role_name(out, s['role'])}]", s["station_id"],
             f"seq {data['vector'].get(s['station_id'], 0)}",
             f"{out.t('seen', '확인')} {_when(s['last_seen_at'], tz)}",
             out.t("RETIRED", "사용 중지") if s["retired"] else "")
        )  # fmt: skip
    lines.extend(table.columns(rows, "<>", indent=" "))  # Hangul names line up
    out.emit(data, lines)
    return EXIT_OK


def cmd_resolve_copy(args: argparse.Namespace, out: Output) -> int:
    with open_event(args) as ef:
        done = copies.resolve_copy(ef, args.bundle, SYSTEM_CLOCK)
    out.emit(
        done.to_json(),
        out.t(
            f"This kiosk is now station {done.name!r} number {done.station_no}; "
            f"{done.moved} of its records were moved to it. Sync again now.",
            f"이 키오스크는 이제 기기 {done.name!r} (번호 {done.station_no}) 입니다. 기록 "
            f"{done.moved}건을 옮겼습니다. 이제 다시 동기화하세요.",
        ),
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
            out.t(f"Folder: {data['folder'] or '-'}", f"폴더: {data['folder'] or '-'}"),
            out.t(f"Hub: {data['hub'] or '-'}", f"동기화 서버: {data['hub'] or '-'}"),
            out.t(f"Every {data['interval_s']} s", f"{data['interval_s']}초마다"),
        ],
    )
    return EXIT_OK


def _password_from(var: str) -> str:
    password = os.environ.get(var)
    if not password:
        raise errors.InvalidInput(
            f"The environment variable {var} is not set.",
            f"환경 변수 {var} 이(가) 설정되어 있지 않습니다.",
            "password",
        )
    return password


def _door_lines(out: Output, setup: hub_setup.HubSetup, url: str, shown: bool) -> list[str]:
    if not setup.door_role:
        return []
    lines = [
        out.t(
            f"Door (scan-only) kiosks use: {url} (role {setup.door_role}: no full rows)",
            f"출입구(스캔 전용) 키오스크는 다음 주소를 씁니다: {url} (사용자 {setup.door_role}: "
            "전체 항목 행 접근 불가)",
        )
    ]
    if shown:
        lines.append(
            out.t(
                f"Door role password (shown once): {setup.door_password}",
                f"출입구용 암호 (한 번만 표시): {setup.door_password}",
            )
        )
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
            print(
                out.t(
                    f"-- A new password was chosen for {setup.role}: {password}\n"
                    f"-- Keep it safe; kiosks use it in the sync settings (or PGPASSWORD).",
                    f"-- {setup.role} 의 새 암호: {password}\n"
                    f"-- 안전하게 보관하세요. 키오스크의 동기화 설정(또는 PGPASSWORD)에 씁니다.",
                )
            )
        print(
            out.t(
                f"-- Kiosks then use: {setup.hub_url()} (and the password)",
                f"-- 키오스크는 다음 주소를 씁니다: {setup.hub_url()} (그리고 암호)",
            )
        )
        for line in _door_lines(out, setup, setup.door_hub_url(), shown_door):
            print("-- " + line)
        return EXIT_OK
    url = hub_setup.run_setup(args.run, setup)
    lines = [
        out.t(
            f"Created role {setup.role} (no superuser), database {setup.database} and schema "
            f"{setup.schema} owned by {setup.role}.",
            f"사용자 {setup.role} (슈퍼유저 아님), 데이터베이스 {setup.database}, "
            f"{setup.role} 소유의 스키마 {setup.schema} 를 만들었습니다.",
        ),
        out.t(f"Hub address for the kiosks: {url}", f"키오스크용 동기화 서버 주소: {url}"),
    ]
    if generated:
        lines.append(
            out.t(f"Password (shown once): {password}", f"암호 (한 번만 표시): {password}")
        )
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
        lines.append(out.t("The hub works.", "동기화 서버가 정상입니다."))
    out.emit(found.to_json(), lines)
    return EXIT_OK if found.ok else EXIT_ERROR
