"""The ``checkin`` command line.

``checkin`` alone starts the GUI; ``checkin COMMAND FILE ...`` runs one command on an
event file. Commands live in small modules that each add their subparsers
(``register(subparsers, common)``); this module builds the parser and turns errors
into messages and exit codes.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

import checkin
from checkin import errors
from checkin.cli.argcheck import check_text_arguments, os_error
from checkin.cli.common import EXIT_BUG, EXIT_ERROR, Output, common_options
from checkin.cli.texts import CliTexts as T
from checkin.event.files import DRIVER_ERRORS, translate
from checkin.logs import setup_logging
from checkin.paths import restrict_permissions

log = logging.getLogger(__name__)

# Modules that add commands, in the order they appear in --help.
COMMAND_MODULES = ["checkin.cli.core", "checkin.cli.gui", "checkin.cli.badges", "checkin.cli.sync"]

COMMAND_MODULES.append("checkin.cli.io")  # import, export, report, paper, paper-ticks
COMMAND_MODULES.append("checkin.cli.protect")  # passphrase, close
COMMAND_MODULES.append("checkin.cli.audit")  # the audit log
COMMAND_MODULES.append("checkin.cli.tickets")  # tickets ahead: files and e-mail
COMMAND_MODULES.append("checkin.cli.doors")  # door modes, the waiting line per door


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="checkin",
        description=(
            "Offline event check-in: event files, badges, kiosks and sync. "
            "Run without a command to start the app."
        ),
    )
    parser.add_argument("--version", action="version", version=f"checkin {checkin.__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="check this installation end to end on a temporary encrypted event, then exit",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    common = common_options()
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers, common)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    restrict_permissions()  # everything we write: owner-only (0600 files, 0700 folders)
    log_path = setup_logging()
    if argv[:1] == ["--self-test"]:  # --self-test [--printer NAME ...]
        from checkin.cli.selftest import run_self_test

        return run_self_test(argv[1:])
    if not argv:
        argv = ["gui"]
    parser = build_parser()
    args = parser.parse_args(argv)
    out = Output(args)
    try:
        check_text_arguments(argv)  # invalid UTF-8 in an argument: a clear refusal
        return int(args.func(args, out))
    except errors.CheckinError as exc:
        log.info("command %s failed: %s", args.command, exc.code)
        out.error(exc)
        return exc.exit_code or EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`checkin search ... | head`): not an error of ours.
        # Point stdout at nothing so the interpreter's last flush does not fail too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except DRIVER_ERRORS as exc:  # a damaged page met mid-command, ...: say so
        known = translate(exc, str(getattr(args, "file", "") or ""))
        if known is None:
            return _bug(args, out, exc, log_path)
        out.error(known)
        return known.exit_code or EXIT_ERROR
    except OSError as exc:
        known = os_error(exc)  # a file name too long, ...: a clear message
        if known is None:
            return _bug(args, out, exc, log_path)
        out.error(known)
        return known.exit_code or EXIT_ERROR
    except Exception as exc:  # a bug: log it whole, tell the person where
        return _bug(args, out, exc, log_path)


def _bug(args: argparse.Namespace, out: Output, exc: BaseException, log_path: object) -> int:
    """An unexpected error: logged whole (called inside the except block), reported."""
    log.exception("unexpected error in command %s", args.command)
    message = errors.CheckinError(T.bug, fill={"kind": type(exc).__name__, "log_path": log_path})
    message.code = "bug"
    out.error(message)
    return EXIT_BUG


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
