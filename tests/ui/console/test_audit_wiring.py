"""The console records looks at personal data in the audit log: a person's details
opened, searches in the attendee list (that they happened, never their text); the
Organizer menu opens the audit log, behind the PIN when the event has one."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from checkin.protect import audit
from checkin.protect import pin as pin_mod
from checkin.protect.access import Access
from checkin.ui.console.audit_log_dialog import AuditLogDialog
from checkin.ui.desk.attendee_detail_dialog import AttendeeDetailDialog
from checkin.ui.widgets.pin_dialog import PinDialog


def rows(ef, clock, action):
    return audit.entries(ef, Access.for_file(ef, clock), action)


def test_opening_a_persons_details_is_recorded(qtbot, window, ef, clock, people) -> None:
    window.session.operator = "SY"
    dialog = window.open_attendee(people[1].id)
    assert isinstance(dialog, AttendeeDetailDialog)
    dialog.close()
    views = rows(ef, clock, audit.VIEW)
    assert [(v.attendee_id, v.operator) for v in views] == [(people[1].id, "SY")]


def test_a_list_search_is_recorded_once_without_its_text(qtbot, window, ef, clock, people):
    page = window.show_attendees()
    page.search.insert("김민")  # as an input method commits Hangul
    qtbot.waitUntil(lambda: page.model.count == 1, timeout=3000)
    page.search.insert("수")
    page.apply_filters()
    assert rows(ef, clock, audit.SEARCH) == []  # still searching
    page.search.clear()
    page.apply_filters()
    searches = rows(ef, clock, audit.SEARCH)
    assert len(searches) == 1
    assert searches[0].detail["results"] == 1 and searches[0].detail["searches"] >= 2
    raw = ef.execute("SELECT group_concat(detail) FROM audit_log").fetchone()[0]
    assert "김민" not in raw


def test_the_audit_log_opens_from_the_menu_behind_the_pin(qtbot, mocker, window, ef, clock):
    window.audit_action.trigger()
    dialogs = [d for d in window.findChildren(AuditLogDialog) if d.isVisible()]
    assert len(dialogs) == 1
    dialogs[0].close()
    pin_mod.set_pin(ef, clock, "13579")
    window.session.access.drop()
    mocker.patch.object(PinDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    assert window.open_audit_log() is None  # no PIN given: nothing shown
