#!/usr/bin/env python3
"""Screenshots of the organizer console (attendee list, dashboard) into docs/screenshots/.

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/console_screenshots.py
    ... scripts/console_screenshots.py --size 1024x768      # NAME_LANG_1024.png

Builds a synthetic demo event (never real people) in a temporary folder, simulates a
morning of arrivals at three doors (a bell-shaped rush before the 10:00 ceremony, some
people stepping out), opens it in the real main window and saves
``attendee_list_{ko,en}.png`` and ``dashboard_{ko,en}.png``.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import tempfile
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
SIZE = (1366, 768)
SEOUL = ZoneInfo("Asia/Seoul")


def prepare_event(folder: Path):  # type: ignore[no-untyped-def]
    """A 3,000-person demo event with a simulated morning; returns (file, clock)."""
    from checkin.clock import FixedClock
    from checkin.door import demo
    from checkin.door.engine import CheckinEngine

    start = dt.datetime(2027, 7, 14, 8, 30, tzinfo=SEOUL)
    clock = FixedClock(int(start.timestamp() * 1000))
    path = folder / "console.checkin"
    ef = demo.build_demo(path, 3000, checked_in_share=0.0, seed=714, clock=clock)
    rng = random.Random(714)
    ids = [r[0] for r in ef.execute("SELECT id FROM attendees WHERE status = 'registered'")]
    arriving = rng.sample(ids, 1900)
    # Arrivals from 08:30 to 11:30, busiest around 09:45, a few latecomers.
    minutes = sorted(min(179.0, max(0.0, rng.gauss(75, 28))) for _ in arriving)
    engine = CheckinEngine(ef, clock)
    doors = [("1번 출입구", 5), ("2번 출입구", 4), ("본부", 1)]
    with_exits = set(rng.sample(arriving, 160))
    for attendee_id, minute in zip(arriving, minutes, strict=True):
        clock.set(int(start.timestamp() * 1000 + minute * 60_000))
        door = rng.choices([d for d, _ in doors], weights=[w for _, w in doors])[0]
        engine.check_in(attendee_id, station=door, method="scan")
        if attendee_id in with_exits:
            clock.advance(rng.randrange(10, 40) * 60_000)
            engine.check_in(attendee_id, direction="exit", station=door, method="scan")
    clock.set(int(dt.datetime(2027, 7, 14, 11, 30, tzinfo=SEOUL).timestamp() * 1000))
    ef.close()
    return path, clock


def main() -> int:
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="1366x768", help="WxH; else named NAME_LANG_W.png")
    size = tuple(int(n) for n in parser.parse_args().size.lower().split("x"))
    tail = "" if size == SIZE else f"_{size[0]}"
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder = Path(tempfile.mkdtemp(prefix="checkin-console-shots-"))
    os.environ["CHECKIN_DATA_DIR"] = str(folder / "data")
    os.environ["CHECKIN_LOG_DIR"] = str(folder / "logs")
    path, clock = prepare_event(folder)

    from PySide6.QtCore import QEventLoop, Qt, QTimer
    from PySide6.QtWidgets import QApplication

    from checkin.db.eventfile import open_event_file
    from checkin.ui import i18n
    from checkin.ui.console.attendee_table_model import COL_CHECKED_IN
    from checkin.ui.kiosk.sounds import Sounds
    from checkin.ui.main_window import MainWindow
    from checkin.ui.preferences import Preferences
    from checkin.ui.session import EventSession
    from checkin.ui.widgets import fonts

    app = QApplication(sys.argv[:1])
    i18n.build()
    fonts.apply_app_font(app)
    OUT.mkdir(parents=True, exist_ok=True)

    def settle(ms: int = 300) -> None:
        loop = QEventLoop()
        QTimer.singleShot(ms, loop.quit)
        loop.exec()

    for lang in ("ko", "en"):
        i18n.set_language(lang)
        ef = open_event_file(path)
        prefs = Preferences.load(folder / f"prefs-{lang}.json")
        prefs.language = lang
        window = MainWindow(prefs, Sounds(enabled=False))
        window.set_session(EventSession(ef, clock=clock, is_demo=True))
        window.resize(*size)
        window.show()
        settle()
        page = window.show_attendees()
        assert page is not None
        page.table.sortByColumn(COL_CHECKED_IN, Qt.SortOrder.DescendingOrder)  # latest first
        page.table.selectRow(2)
        settle()
        window.grab().save(str(OUT / f"attendee_list_{lang}{tail}.png"))
        board = window.show_dashboard()
        assert board is not None
        loop = QEventLoop()
        board.refreshed.connect(loop.quit)
        board.refresh()
        QTimer.singleShot(10_000, loop.quit)
        loop.exec()
        settle()
        window.grab().save(str(OUT / f"dashboard_{lang}{tail}.png"))
        window.close_session()
        window.close()
        window.deleteLater()
        settle(100)
    print("\n".join(str(OUT / f"{n}_{lang}{tail}.png") for n in ("attendee_list", "dashboard")
                    for lang in ("ko", "en")))  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
