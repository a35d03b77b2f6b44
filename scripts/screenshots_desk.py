#!/usr/bin/env python3
"""Screenshots of the registration desk dialogs into docs/screenshots/.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python scripts/screenshots_desk.py
    (and -screen 0 1024x768x24 for the NAME_LANG_1024.png set)

Builds a synthetic demo event (never real people) in a temporary folder and captures
the walk-in form (Korean, English), its duplicate warning (Korean) and the attendee
detail dialog with a check-in history (Korean, English):
walk_in_ko.png, walk_in_en.png, duplicate_warning_ko.png, attendee_detail_ko.png,
attendee_detail_en.png.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
SIZE = (1100, 860)


def main() -> int:
    # offscreen has no real screen size; under xvfb-run use QT_QPA_PLATFORM=xcb for 1024
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from checkin.clock import FixedClock
    from checkin.door import demo
    from checkin.event import identity as event_mod
    from checkin.people import attendees
    from checkin.protect import consent
    from checkin.ui import i18n
    from checkin.ui.desk.attendee_detail_dialog import AttendeeDetailDialog
    from checkin.ui.desk.badge_printer import BadgePrinterSettings
    from checkin.ui.desk.walk_in_dialog import WalkInDialog
    from checkin.ui.session import EventSession
    from checkin.ui.widgets import fonts

    app = QApplication(sys.argv[:1])
    # Under xvfb-run -s "-screen 0 WxHx24": the dialogs fit that screen (as on a laptop);
    # other than 1366 wide the files are named NAME_LANG_W.png.
    width = app.primaryScreen().geometry().width()
    tail = "" if width in (1366, 800) else f"_{width}"  # 800: offscreen's default screen
    i18n.build()
    fonts.apply_app_font(app)
    folder = Path(tempfile.mkdtemp(prefix="desk-shots-"))
    clock = FixedClock(1_815_613_200_000)  # 10:00 KST on a 15 July
    ef = demo.build_demo(folder / "desk.checkin", 1500, checked_in_share=0.3, seed=714, clock=clock)
    person = attendees.add_attendee(
        ef, clock, "SY", display_name="한별", full_name="이영희", category="defector",
        organization="새터 이웃들", phone="010-0555-0147", no_photo=True,
        access_needs="휠체어 이용", **consent.given(clock),
    )  # fmt: skip
    session = EventSession(ef, clock=clock)
    session.set_station(name="접수 데스크", operator="SY")
    for minutes, action in ((5, "entry"), (50, "exit"), (62, "entry")):
        clock.set(1_815_613_200_000 + minutes * 60_000)
        session.engine.check_in(person.id, direction=action, operator="SY", method="manual")
    clock.advance(60_000)
    session.engine.undo(person.id, "잘못 누름 (test)", operator="SY")
    clock.advance(60_000)
    session.engine.check_in(person.id, operator="SY", method="manual")
    store = BadgePrinterSettings(
        event_mod.info(ef).station.station_id,
        QSettings(str(folder / "qt.ini"), QSettings.Format.IniFormat),
    )
    OUT.mkdir(parents=True, exist_ok=True)

    screen = app.primaryScreen().availableGeometry()

    def shoot(widget, name: str, height: int = SIZE[1]) -> None:  # type: ignore[no-untyped-def]
        # never larger than the screen: at 1024x768 the dialogs fit as on that laptop
        widget.resize(min(SIZE[0], screen.width()), min(height, screen.height()))
        widget.show()
        for _ in range(5):
            app.processEvents()
        name = name.replace(".png", f"{tail}.png")
        widget.grab().save(str(OUT / name))
        print(OUT / name)

    for lang in ("ko", "en"):
        i18n.set_language(lang)
        walk_in = WalkInDialog(session, settings=store)
        form = walk_in.form
        form.edits["display_name"].setText("휘겸")
        form.edits["organization"].setText("별빛 청년모임")
        form.edits["phone"].setText("010-0777-0123")
        form.edits["phone"].setFocus()
        walk_in.check_duplicates()
        shoot(walk_in, f"walk_in_{lang}.png")
        if lang == "ko":
            form.clear()
            form.edits["display_name"].setText("한 벌")
            form.edits["phone"].setText("01005550147")
            walk_in.check_duplicates()
            form.consent.setChecked(True)
            shoot(walk_in, "duplicate_warning_ko.png")
        walk_in.close()
        details = AttendeeDetailDialog(session, person.id, settings=store)
        shoot(details, f"attendee_detail_{lang}.png", 1000)
        details.close()
    ef.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
