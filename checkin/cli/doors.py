"""``checkin doors ...``: door modes per station and the waiting line at each door;
and the command line's part of check-only scans and group check-ins.

checkin doors list FILE                        every station and its mode
checkin doors mode FILE STATION entry|check-only   set a station's mode (organizer)
checkin doors waiting FILE [--list L]          arrivals per minute and estimated wait

``checkin scan FILE CODE --validate-only`` (or any scan at a station the organizer set
to check only) says what the badge would get at an entrance and records nothing;
``checkin scan/checkin ... --group`` checks the rest of the person's group in with them.
"""

from __future__ import annotations

import argparse
from typing import Any

from checkin.cli import table
from checkin.cli.common import EXIT_OK, Output, open_event
from checkin.clock import SYSTEM_CLOCK
from checkin.door import modes, outcomes, waiting
from checkin.door.engine import CheckinEngine
from checkin.event import settings as settings_mod
from checkin.lists import suppression
from checkin.models import ScanResult, Status
from checkin.people import groups


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    top = subparsers.add_parser(
        "doors",
        help="door modes per station (entry, check only) and the waiting line at each door",
        description="Door modes per station (entry, check only: report without recording) "
        "and the waiting line at each door (arrivals per minute, estimated wait).",
    )
    sub = top.add_subparsers(dest="doors_command", metavar="SUBCOMMAND", required=True)

    def add(name: str, help_text: str, func: Any) -> argparse.ArgumentParser:
        p = sub.add_parser(name, parents=[common], help=help_text, description=help_text)
        p.set_defaults(func=func)
        p.add_argument("file", metavar="FILE", help="the event file")
        return p

    add("list", "every station this file knows, with its door mode", cmd_list)
    p = add(
        "mode",
        "set a station's door mode (organizer): entry records check-ins; check-only "
        "reports what a scan would say and records nothing (a second checkpoint, a staff "
        "door). The station takes it at its next sync.",
        cmd_mode,
    )
    p.add_argument("station", metavar="STATION", help="station name, number or id")
    p.add_argument("mode", metavar="MODE", help="entry or check-only")
    p.add_argument("--operator", default="", help="who sets it (initials)")
    p = add(
        "waiting",
        "arrivals per minute at each door over the last 10 minutes and the estimated "
        "wait (small counts hidden)",
        cmd_waiting,
    )
    p.add_argument("--list", default="main", help="check-in list (default: main)")


def cmd_list(args: argparse.Namespace, out: Output) -> int:
    with open_event(args) as ef:
        found = modes.stations(ef)
    rows = []
    for s in found:
        label = modes.LABELS[s.mode].pick(out.lang)
        extra = [out.t("this station", "이 기기")] if s.own else []
        extra += [out.t("RETIRED", "사용 중지")] if s.retired else []
        rows.append((s.station_no if s.station_no is not None else "", s.name, s.role, label,
                     " ".join(extra)))  # fmt: skip
    out.emit(
        {"stations": [{"station_id": s.station_id, "name": s.name, "station_no": s.station_no,
                       "role": s.role, "mode": s.mode, "retired": s.retired, "own": s.own}
                      for s in found]},
        table.columns(rows, ">"),
    )  # fmt: skip
    return EXIT_OK


def cmd_mode(args: argparse.Namespace, out: Output) -> int:
    with open_event(args) as ef:
        done = modes.set_mode(ef, SYSTEM_CLOCK, args.station, args.mode, args.operator)
    label = modes.LABELS[done["mode"]].pick(out.lang)
    when = (
        out.t("now", "지금부터") if done["own"] else out.t("from its next sync", "다음 동기화부터")
    )
    out.emit(done, f"{done['station']}: {label} ({when})")
    return EXIT_OK


def cmd_waiting(args: argparse.Namespace, out: Output) -> int:
    with open_event(args) as ef:
        now = SYSTEM_CLOCK.now_ms()
        doors = waiting.door_figures(ef, now, args.list)
        th = suppression.threshold_of(settings_mod.load(ef).extra)
    shown = waiting.exported(doors, th)
    lines = [
        out.t(f"People admitted per minute at each door, last {waiting.SERIES_MINUTES} minutes "
              f"(oldest first) [{args.list}]",
              f"출입구별 분당 입장 인원, 최근 {waiting.SERIES_MINUTES}분 (오래된 것부터) [{args.list}]"),
    ]  # fmt: skip
    rows = []
    for door in shown:
        counts = [c.show(th, "{}") for c in door.per_minute]
        rows.append((door.door, *counts, "=", door.total.show(th, "{}"), _wait_text(door, out)))
    lines += table.columns(rows, "<" + ">" * (waiting.SERIES_MINUTES + 2)) if rows else [
        "  " + out.t("Nobody was admitted at any door in the last hour.",
                     "최근 한 시간 동안 입장한 사람이 없습니다.")
    ]  # fmt: skip
    if any(c.hidden for d in shown for c in [*d.per_minute, d.total]):
        lines.append(out.t(
            f"  (<{th}: fewer than {th} people; x: hidden so that such a count cannot be "
            "worked out from the total; no wait is given where a count is hidden)",
            f"  (<{th}: {th}명 미만, x: 합계로 그 인원을 알아낼 수 없도록 가림. 가린 곳은 대기 "
            "시간도 표시하지 않음)",
        ))  # fmt: skip
    lines.append(out.t(
        "  Estimated wait: seconds per admission while people queue x how busy the door is "
        "/ (1 - how busy); see the organizer guide.",
        "  예상 대기: 줄이 있을 때 한 명 처리 시간 x 출입구 바쁨 정도 / (1 - 바쁨 정도). "
        "주최자 안내서 참고.",
    ))  # fmt: skip
    out.emit(
        {"list": args.list, "minutes": waiting.SERIES_MINUTES, "small_count_threshold": th,
         "doors": [d.to_json(th) for d in shown]},
        lines,
    )  # fmt: skip
    return EXIT_OK


def _wait_text(door: waiting.ExportedDoor, out: Output) -> str:
    if door.wait_minutes is None:
        return out.t("wait: –", "대기: –")
    if door.flat_out:
        return out.t(f"wait: ≥ {door.wait_minutes} min, flat out: add a volunteer",
                     f"대기: {door.wait_minutes}분 이상, 쉴 틈 없음: 봉사자 추가")  # fmt: skip
    return out.t(f"wait: ≈ {door.wait_minutes} min", f"대기: 약 {door.wait_minutes}분")


# --- the scan and check-in commands' part ---------------------------------------------


def check_only_here(args: argparse.Namespace, ef: Any) -> bool:
    """Does this scan only check? Asked for (``--validate-only``) or this station's mode."""
    return bool(getattr(args, "validate_only", False)) or modes.is_check_only(ef)


def check_lines(result: ScanResult, base: list[str], out: Output) -> list[str]:
    """A check-only answer: its own first line, never "checked in"."""
    banner = "[" + outcomes.CHECK_ONLY.pick(out.lang) + "]"
    valid = result.kind in (outcomes.Kind.CHECK_VALID, outcomes.Kind.CHECK_INSIDE)
    head = outcomes.outcome(result.kind).title.pick(out.lang)
    return [banner, f"{'✔' if valid else '✖'} {head}", *base[1:]]


def check_in_rest(
    engine: CheckinEngine, ef: Any, result: ScanResult, args: argparse.Namespace
) -> list[ScanResult]:
    """``--group``: the rest of the group of the person just admitted (or already in),
    checked in together in one transaction."""
    a = result.attendee
    if result.status not in (Status.OK, Status.ALREADY_IN) or a is None:
        return []
    with ef.read() as conn:
        offer = groups.offer(conn, a.id, a.group_key, args.list)
    if offer is None or not offer.waiting:
        return []
    return engine.check_in_group(
        [m.attendee_id for m in offer.waiting], station=args.station, list=args.list,
        operator=args.operator,
    )  # fmt: skip


def group_lines(rest: list[ScanResult], out: Output) -> list[str]:
    head = outcomes.GROUP_CHECKED_IN.pick(out.lang)
    lines = []
    for r in rest:
        name = r.attendee.display_name if r.attendee else r.attendee_id
        mark = "✔" if r.ok else "✖"
        what = head if r.ok else outcomes.outcome(r.kind).title.pick(out.lang)
        lines.append(f"{mark} {what}: {name}")
    return lines
