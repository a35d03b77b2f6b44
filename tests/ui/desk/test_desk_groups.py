"""Groups at the desk: the walk-in form (a family one after the other) and the detail view
(the group edited, its members listed, the label masked below organizer)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from test_desk import type_walk_in, walk_in

from checkin.event import identity as event_mod
from checkin.people import attendees, groups
from checkin.protect import pin as pin_mod
from checkin.ui.desk.attendee_detail_dialog import AttendeeDetailDialog
from checkin.ui.desk.badge_printer import BadgePrinterSettings
from checkin.ui.session import EventSession


@pytest.fixture
def session(ef, clock, people):
    s = EventSession(ef, clock=clock)
    s.operator = "JK"
    return s


@pytest.fixture
def store(tmp_path, ef) -> BadgePrinterSettings:
    station = event_mod.info(ef).station.station_id
    return BadgePrinterSettings(
        station, QSettings(str(tmp_path / "qt.ini"), QSettings.Format.IniFormat)
    )


def test_a_family_registers_one_after_the_other(qtbot, ef, session, store, english) -> None:
    dialog = walk_in(qtbot, session, store)
    dialog.check_in_now.setChecked(False)
    type_walk_in(qtbot, dialog, "최엄마", group="최씨 가족")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    mom = dialog.last
    assert mom is not None and mom.group_name == "최씨 가족" and mom.group_key
    assert dialog.same_group_button.isVisible()
    assert dialog.same_group_button.text() == "Next person in the same group"
    qtbot.mouseClick(dialog.same_group_button, Qt.MouseButton.LeftButton)
    assert dialog.form.edits["group_name"].text() == "최씨 가족"
    assert dialog.focusWidget() is dialog.form.edits["display_name"]
    type_walk_in(qtbot, dialog, "최아이", group="")  # the field is filled already
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    kid = dialog.last
    assert kid.id != mom.id and kid.group_key == mom.group_key
    assert [m.display_name for m in groups.members(ef, mom.id)] == ["최엄마", "최아이"]
    type_walk_in(qtbot, dialog, "혼자온사람")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.last.group_name == "" and not dialog.same_group_button.isVisible()


def test_a_label_too_long_is_refused_inline(qtbot, ef, session, store, korean) -> None:
    dialog = walk_in(qtbot, session, store)
    before = attendees.count(ef)
    dialog.form.edits["group_name"].setMaxLength(1000)  # as if pasted around the limit
    type_walk_in(qtbot, dialog, "가람", group="가" * 61)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert "그룹" in dialog.form.error_texts()["group_name"]
    assert attendees.count(ef) == before


def test_detail_view_edits_the_group_and_lists_the_others(qtbot, ef, clock, session, english):
    a, b, _c = attendees.add_attendees(
        ef, clock, [{"display_name": n, "group_name": "하나 일행"} for n in ("하나", "둘", "셋")]
    )
    session.engine.check_in(b.id)
    dialog = AttendeeDetailDialog(session, a.id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.group_members.text() == "In a group of 3 with: 둘 ✓, 셋 (✓ inside)"
    edit = dialog.form.edits["group_name"]
    assert edit.text() == "하나 일행" and not edit.isReadOnly()
    edit.setText("통일부 대표단")
    dialog.save()
    moved = attendees.get(ef, a.id)
    assert moved.group_name == "통일부 대표단" and moved.group_key != b.group_key
    assert not dialog.group_members.isVisible()  # nobody else in the new group


def test_below_organizer_the_label_is_masked_and_read_only(qtbot, ef, clock, people, english):
    a, _b = attendees.add_attendees(
        ef, clock, [{"display_name": n, "group_name": "김철수 가족"} for n in ("첫째", "둘째")]
    )
    pin_mod.set_pin(ef, clock, "482915")
    staff = EventSession(ef, clock=clock)
    dialog = AttendeeDetailDialog(staff, a.id)
    qtbot.addWidget(dialog)
    dialog.show()
    edit = dialog.form.edits["group_name"]
    assert edit.text() == "김****" and edit.isReadOnly()
    assert "group" in dialog.masked_note.text()
    assert dialog.group_members.text().startswith("In a group of 2 with: 둘째")
    dialog.form.edits["organization"].setText("새 소속")  # another edit saves no mask
    dialog.save()
    assert attendees.get(ef, a.id).group_name == "김철수 가족"


def test_a_check_only_station_registers_but_checks_nobody_in(qtbot, ef, clock, session, store):
    from checkin.door import modes

    modes.set_mode(ef, clock, session.station_name, modes.CHECK_ONLY)
    session.reload_settings()
    dialog = walk_in(qtbot, session, store)
    assert not dialog.check_in_now.isVisibleTo(dialog)
    type_walk_in(qtbot, dialog, "새봄")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.last is not None and not dialog.last_checked_in
    assert ef.execute("SELECT count(*) FROM checkins").fetchone()[0] == 0
    details = AttendeeDetailDialog(session, dialog.last.id)
    qtbot.addWidget(details)
    assert not details.checkin_button.isEnabled()
