#!/usr/bin/env python3
"""Screenshots of the audit log dialog into docs/screenshots/audit_log_{ko,en}.png.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshot_audit_log.py

A synthetic event (never real people) with an organizer, a desk and a scan-only door:
searches, a detail view, an edit, wrong PINs up to a lockout at the door, then a bundle
from each station merged at the organizer, whose audit log is shown.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"


def prepare(folder: Path):  # type: ignore[no-untyped-def]
    from checkin.clock import FixedClock
    from checkin.db.eventfile import open_event_file
    from checkin.door import demo
    from checkin.lists import exporter
    from checkin.people import attendees
    from checkin.protect import pin as pin_mod
    from checkin.protect.access import Access
    from checkin.sync import bundle, provision

    clock = FixedClock(1_815_523_200_000)  # 14 July 2027, 09:00 in Seoul
    org = demo.build_demo(folder / "org.checkin", 300, seed=714)
    pin_mod.set_pin(org, clock, "2468")
    for name, role in (("접수 1", "desk"), ("정문", "scan-only")):
        provision.provision(org, folder / f"{role}.checkin", clock, station_name=name, role=role)
    desk = open_event_file(folder / "desk.checkin")
    door = open_event_file(folder / "scan-only.checkin")
    someone = next(iter(attendees.iter_all(desk)))
    for step, (_ef, work) in enumerate([
        (desk, lambda: attendees.search_attendees(desk, clock, "김민", operator="KJ")),
        (desk, lambda: attendees.view_detail(desk, clock, someone.reg_no, operator="KJ")),
        (desk, lambda: attendees.update(desk, clock, someone.id,
                                        {"phone": "010-0000-0000", "access_needs": "휠체어"},
                                        "KJ")),
        (door, lambda: attendees.search_attendees(door, clock, "박")),
        *[(door, lambda: pin_mod.check_pin(door, clock, "1111"))] * 5,
    ]):  # fmt: skip
        clock.advance(60_000 + step * 7_000)
        work()
    access = Access.for_file(org, clock)
    access.elevate(org, "2468")
    clock.advance(120_000)
    exporter.export(org, folder / "attendance.xlsx", access=access)
    for ef, name in ((desk, "desk"), (door, "door")):
        bundle.export_bundle(ef, folder / f"{name}.bundle", clock)
        bundle.import_bundle(org, folder / f"{name}.bundle", clock)
        ef.close()
    return org, clock, access


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from PySide6.QtWidgets import QApplication

    from checkin.ui import i18n
    from checkin.ui.console.audit_log_dialog import AuditLogDialog
    from checkin.ui.session import EventSession
    from checkin.ui.widgets import fonts

    app = QApplication.instance() or QApplication([])
    i18n.build()
    fonts.apply_app_font(app)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        ef, clock, access = prepare(Path(tmp))
        session = EventSession(ef, clock=clock)
        session.access = access
        for lang in ("ko", "en"):
            i18n.set_language(lang)
            dialog = AuditLogDialog(session)
            dialog.resize(1180, 560)
            dialog.show()
            app.processEvents()
            target = OUT / f"audit_log_{lang}.png"
            dialog.grab().save(str(target))
            dialog.close()
            print(target.relative_to(ROOT))
        session.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
