"""``checkin gui``: start the desktop app (also what ``checkin`` alone does)."""

from __future__ import annotations

import argparse
from typing import Any

from checkin.cli.common import Output


def register(subparsers: Any, common: argparse.ArgumentParser) -> None:
    p = subparsers.add_parser(
        "gui", parents=[common], help="start the app (default)", description="start the app"
    )
    p.add_argument("file", metavar="FILE", nargs="?", help="event file to open")
    p.add_argument("--station", help="this station's name (kept in the event file)")
    p.add_argument("--list", default=None, help="check-in list this station counts")
    p.add_argument(
        "--kiosk", action="store_true", help="start locked: full screen, organizer PIN to leave"
    )
    p.add_argument(
        "--self-service",
        action="store_true",
        help="attendees scan their own badge (locked; no search, no names of others)",
    )
    p.add_argument(
        "--exit",
        action="store_true",
        help="this station is an exit door: scans record people leaving (remembered)",
    )
    p.add_argument("--demo", action="store_true", help="open the demo event (created on first use)")
    p.set_defaults(func=cmd_gui)


def cmd_gui(args: argparse.Namespace, out: Output) -> int:
    from checkin.ui.app import run  # Qt is imported only when the GUI starts

    return run(args)
