"""The audit log dialog, the PIN dialog's lockout countdown, and searches at the door
recorded once each."""

from __future__ import annotations

import csv

from kiosk_helpers import by_name, type_keys
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog

from checkin.db.eventfile import open_event_file
from checkin.people import attendees
from checkin.protect import audit
from checkin.protect import pin as pin_mod
from checkin.ui.console.audit_log_dialog import AuditLogDialog
from checkin.ui.console.audit_log_model import COL_ACTION, COL_ATTENDEE, COL_DETAIL, ROW_ROLE
from checkin.ui.session import EventSession
from checkin.ui.widgets.pin_dialog import PinDialog

PIN = "2468"


def _rows(dialog) -> list[tuple[str, str]]:
    m = dialog.model
    return [(m.index(r, COL_ACTION).data(), m.index(r, COL_ATTENDEE).data())
            for r in range(m.rowCount())]  # fmt: skip


def _type_pin(mocker, *attempts):
    """Patch PinDialog.exec: type each attempt and press OK; record what it showed."""
    seen = []

    def fake_exec(self):
        for attempt in attempts:
            self.field.setText(attempt)
            self.try_accept()
            if self.result() == QDialog.DialogCode.Accepted:
                break
            seen.append((self.error.text(), self.field.isEnabled()))
        return self.result()

    mocker.patch.object(PinDialog, "exec", fake_exec)
    return seen


def test_audit_log_dialog_filters_and_exports(qtbot, qtmodeltester, mocker, session, people,
                                              clock, tmp_path, english) -> None:  # fmt: skip
    ef = session.ef
    kim = by_name(people, "김민수")
    attendees.view_detail(ef, clock, kim.reg_no, operator="KJ")
    clock.advance(1000)
    attendees.search_attendees(ef, clock, "김")
    pin_mod.set_pin(ef, clock, PIN)
    session.reload_settings()
    _type_pin(mocker, "1111", PIN)
    dialog = AuditLogDialog.open_for(session, None)
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtmodeltester.check(dialog.model)
    assert _rows(dialog) == [("PIN accepted", ""), ("Wrong PIN", ""), ("Search", ""),
                             ("Viewed details", kim.reg_no)]  # fmt: skip
    assert dialog.model.index(2, COL_DETAIL).data() == "1 shown"
    assert dialog.model.index(3, 0).data(ROW_ROLE).operator == "KJ"
    assert dialog.model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert dialog.count.text() == "4 entries"
    dialog.action_filter.setCurrentIndex(dialog.action_filter.findData(audit.VIEW))
    assert _rows(dialog) == [("Viewed details", kim.reg_no)]
    dialog.action_filter.setCurrentIndex(0)
    assert dialog.station_filter.count() == 2  # all, and this station
    dialog.station_filter.setCurrentIndex(1)
    # the opening itself is now in the log too: read "door" (the tests' answer to why)
    assert len(_rows(dialog)) == 5 and _rows(dialog)[0] == ("Export", "")
    assert dialog.model.index(0, COL_DETAIL).data().endswith("reason: door")
    out = tmp_path / "audit"
    mocker.patch.object(QFileDialog, "getSaveFileName", return_value=(str(out), "CSV (*.csv)"))
    dialog.action_filter.setCurrentIndex(dialog.action_filter.findData(audit.SEARCH))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    rows = list(csv.reader((tmp_path / "audit.csv").read_text("utf-8-sig").splitlines()))
    assert [r[3] for r in rows[1:]] == ["Search"]
    assert "Wrote 1 entries" in dialog.count.text()
    # the export is itself in the log, at every filter's reach
    assert audit.entries(ef, dialog.access, limit=1)[0].detail["kind"] == "audit"
    qtmodeltester.check(dialog.model)


def test_audit_log_dialog_needs_the_organizer(qtbot, mocker, session, clock, korean) -> None:
    pin_mod.set_pin(session.ef, clock, PIN)
    session.reload_settings()
    mocker.patch.object(PinDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert AuditLogDialog.open_for(session, None) is None
    session.access.elevate(session.ef, PIN)
    dialog = AuditLogDialog(session, None, session.access.with_reason("audit"))
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "감사 기록"
    assert dialog.action_filter.itemText(0) == "모든 작업"
    assert _rows(dialog)[0] == ("PIN 확인", "")


def test_pin_dialog_counts_a_lockout_down(qtbot, mocker, session, clock, korean) -> None:
    ef = session.ef
    pin_mod.set_pin(ef, clock, PIN)
    seen = _type_pin(mocker, *["0000"] * 6)
    assert not PinDialog.ask_verified(None, session.verify_pin, session.pin_locked_ms)
    assert seen[3][1] and "잠겼습니다" not in seen[3][0]  # four wrong PINs: not locked yet
    text, enabled = seen[4]
    assert "PIN 입력이 잠겼습니다" in text and "0:30" in text and not enabled
    assert seen[5] == seen[4]  # typing while locked does nothing, not even a count
    assert pin_mod.pin_state(ef).failures == 5
    # reopening the file (restarting the app) keeps the lock, shown as soon as it opens
    path = ef.path
    again = EventSession(open_event_file(path), clock=clock)
    clock.advance(12_000)
    dialog = PinDialog(None, verify=again.verify_pin, locked_ms=again.pin_locked_ms)
    qtbot.addWidget(dialog)
    assert "0:18" in dialog.error.text() and not dialog.field.isEnabled()
    assert not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    clock.advance(8_000)
    dialog.refresh_lock()  # what the one-second timer does
    assert "0:10" in dialog.error.text()
    clock.advance(10_000)
    dialog.refresh_lock()
    assert dialog.field.isEnabled() and "다시 입력할 수 있습니다" in dialog.error.text()
    dialog.field.setText(PIN)
    dialog.try_accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and again.is_organizer()
    again.close()


def test_pin_dialog_lockout_in_english(qtbot, session, clock, english) -> None:
    pin_mod.set_pin(session.ef, clock, PIN)
    for _ in range(5):
        pin_mod.check_pin(session.ef, clock, "0000")
    dialog = PinDialog(None, verify=session.verify_pin, locked_ms=session.pin_locked_ms)
    qtbot.addWidget(dialog)
    assert dialog.error.text() == (
        "Too many wrong PINs: PIN entry is locked at this station. Try again in 0:30."
    )


def test_a_search_at_the_door_is_recorded_once(qtbot, screen, session, people) -> None:
    screen.show_search("")
    type_keys(screen.search.field, "ㄱ")
    qtbot.waitUntil(lambda: not screen.search._timer.isActive(), timeout=2000)
    type_keys(screen.search.field, "ㅁ")
    qtbot.waitUntil(lambda: screen.search.model.rowCount() == 1, timeout=2000)
    assert session.ef.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 0
    qtbot.keyClick(screen.search.field, Qt.Key.Key_Return)  # checks the only match in
    rows = audit.entries(session.ef, session.access.with_reason("audit"))
    assert [(e.action, e.detail) for e in rows] == [("search", {"results": 1, "searches": 2})]
    raw = "".join(r[0] for r in session.ef.execute("SELECT detail FROM audit_log"))
    assert "ㄱ" not in raw and "김" not in raw


def test_pin_dialog_counts_down_only_while_shown(qtbot, mocker, session, clock, english) -> None:
    """The one-second countdown reads the event file: it runs while the dialog is on
    screen and stops when it closes, so a dialog waiting for its deferred delete never
    reads a file its session has closed meanwhile."""
    pin_mod.set_pin(session.ef, clock, PIN)
    for _ in range(5):
        pin_mod.check_pin(session.ef, clock, "0000")
    dialog = PinDialog(None, verify=session.verify_pin, locked_ms=session.pin_locked_ms)
    qtbot.addWidget(dialog)
    assert "0:30" in dialog.error.text() and not dialog._lock_timer.isActive()
    dialog.open()
    qtbot.waitExposed(dialog)
    assert dialog._lock_timer.isActive()
    clock.advance(1_000)
    qtbot.waitUntil(lambda: "0:29" in dialog.error.text(), timeout=3000)
    dialog.reject()
    assert not dialog.isVisible() and not dialog._lock_timer.isActive()
    # asked and cancelled (exec patched: never shown): nothing left ticking
    made = []

    def cancel(self):
        made.append(self)
        return QDialog.DialogCode.Rejected

    mocker.patch.object(PinDialog, "exec", cancel)
    assert not PinDialog.ask_verified(None, session.verify_pin, session.pin_locked_ms)
    assert "0:29" in made[0].error.text() and not made[0]._lock_timer.isActive()
