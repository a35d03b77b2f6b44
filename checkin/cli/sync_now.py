"""``checkin sync now FILE``: one sync round exactly as the app runs it in the background
(``checkin.sync.rounds.run_round``): the shared folder and the hub this station is set
up with (``checkin sync config``). An unreachable folder or hub is reported and the
round goes on; with ``--every`` the next round tries again."""

from __future__ import annotations

import argparse

from checkin import errors
from checkin.cli import progress as progress_mod
from checkin.cli.common import EXIT_ERROR, Output, open_event
from checkin.cli.sync import _loop, folder_lines, hub_lines
from checkin.clock import SYSTEM_CLOCK
from checkin.sync import rounds
from checkin.sync import status as status_mod


def cmd_now(args: argparse.Namespace, out: Output) -> int:
    with open_event(args) as ef:
        config = status_mod.load_config(ef)
        if not config.enabled:
            raise errors.InvalidInput(
                "This station syncs with no folder and no hub yet: set one with "
                "'checkin sync config FILE --folder DIR' or '--hub URL'.",
                "이 기기에는 동기화할 폴더도 동기화 서버도 없습니다. 'checkin sync config FILE "
                "--folder 폴더' 또는 '--hub 주소'로 정하세요.",
                "config",
            )
        failed = False

        def one_round() -> None:
            nonlocal failed
            with progress_mod.progress(out, "Syncing", "동기화 중"):
                outcome = rounds.run_round(ef, config, SYSTEM_CLOCK, push_only=args.push_only)
            out.emit(outcome.to_json(), round_lines(out, outcome))
            failed = not outcome.ok

        done = _loop(args, out, one_round)
    return EXIT_ERROR if failed and args.every is None else done


def round_lines(out: Output, outcome: rounds.SyncOutcome) -> list[str]:
    """Each transport's own lines, then what went wrong (offline or refused)."""
    lines: list[str] = []
    if outcome.folder is not None:
        lines += folder_lines(out, outcome.folder)
    if outcome.hub is not None:
        lines += hub_lines(out, outcome.hub)
    lines += [f"✖ {p.message(out.lang)}" for p in outcome.problems if not _shown(p, outcome)]
    if not outcome.online:
        lines.append(out.t("Offline: the next round tries again.",
                           "오프라인: 다음 동기화 때 다시 시도합니다."))  # fmt: skip
    return lines


def _shown(problem: errors.CheckinError, outcome: rounds.SyncOutcome) -> bool:
    """A bundle the folder refused is in the folder's lines already."""
    refused = outcome.folder.refused if outcome.folder is not None else []
    return any(problem.code == item["error"] and problem.message("en") == item["message"]
               for item in refused)  # fmt: skip
