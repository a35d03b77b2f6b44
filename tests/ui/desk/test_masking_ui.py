"""Masks on screen: the attendee detail dialog and the attendee list below organizer,
the organizer's PIN showing them whole (recorded), and a save never writing a mask."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from checkin.people import attendees
from checkin.protect import audit
from checkin.protect import pin as pin_mod
from checkin.protect.access import ELEVATION_MS
from checkin.ui.console.attendee_table_model import (
    COL_FULL_NAME,
    COL_NAME,
    COL_PHONE,
    AttendeeTableModel,
)
from checkin.ui.desk.attendee_detail_dialog import AttendeeDetailDialog
from checkin.ui.session import EventSession
from checkin.ui.widgets.pin_dialog import PinDialog
from consents import everything

PIN = "482915"


@pytest.fixture
def person(ef, clock):
    return attendees.add_attendee(
        ef, clock, display_name="한별", full_name="홍길동", category="family",
        phone="010-9876-5432", email="gildong@example.org", consents=everything(),
    )  # fmt: skip


@pytest.fixture
def session(ef, clock, person):
    pin_mod.set_pin(ef, clock, PIN)
    s = EventSession(ef, clock=clock)
    s.operator = "JK"
    return s


@pytest.fixture
def pin_typed(monkeypatch):
    """The PIN dialog, answered with ``PIN`` (the dialog itself is tested elsewhere)."""
    asked = []

    def answer(cls, parent, verify, locked_ms=None, purpose="unlock", **_kwargs):
        asked.append(purpose)
        return verify(PIN)

    monkeypatch.setattr(PinDialog, "ask_verified", classmethod(answer))
    return asked


def _last_view(ef) -> dict:
    row = ef.execute(
        "SELECT detail FROM audit_log WHERE action = ? ORDER BY rowid DESC LIMIT 1", (audit.VIEW,)
    ).fetchone()
    return json.loads(row[0]) if row[0] else {}


def _dialog(qtbot, session, person) -> AttendeeDetailDialog:
    dialog = AttendeeDetailDialog(session, person.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_detail_dialog_masks_and_the_pin_shows_whole(qtbot, ef, session, person, pin_typed,
                                                      english) -> None:  # fmt: skip
    dialog = _dialog(qtbot, session, person)
    edits = dialog.form.edits
    assert edits["full_name"].text() == "홍*동"
    assert edits["phone"].text() == "010-****-5432"
    assert edits["email"].text() == "g***@example.org"
    assert edits["display_name"].text() == "한별"  # the badge name as printed
    assert all(edits[n].isReadOnly() for n in ("full_name", "phone", "email"))
    assert not edits["display_name"].isReadOnly()
    assert dialog.unmask_button.isVisible()
    assert dialog.unmask_button.text() == "Show in full (organizer PIN)"
    assert _last_view(ef) == {}

    qtbot.mouseClick(dialog.unmask_button, Qt.MouseButton.LeftButton)
    assert pin_typed == ["organizer"]
    assert edits["full_name"].text() == "홍길동"
    assert edits["phone"].text() == "010-9876-5432"
    assert edits["email"].text() == "gildong@example.org"
    assert not any(edits[n].isReadOnly() for n in ("full_name", "phone", "email"))
    assert not dialog.unmask_button.isVisible()
    assert _last_view(ef) == {"personal": ["full_name", "phone", "email"]}
    actions = [r[0] for r in ef.execute("SELECT action FROM audit_log ORDER BY rowid")]
    assert actions[-2:] == [audit.PIN_SUCCESS, audit.VIEW]


def test_saving_below_organizer_never_writes_a_mask(qtbot, ef, session, person, english) -> None:
    dialog = _dialog(qtbot, session, person)
    edits = dialog.form.edits
    # Typing into a masked field does nothing: it is read-only...
    edits["phone"].setFocus()
    qtbot.keyClicks(edits["phone"], "0101111")
    assert edits["phone"].text() == "010-****-5432"
    # ...and even text put there by other means is neither checked nor saved.
    edits["email"].setText("x***@evil.example")
    edits["display_name"].selectAll()
    qtbot.keyClicks(edits["display_name"], "Star")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    stored = attendees.get(ef, person.id)
    assert stored.display_name == "Star"
    assert (stored.full_name, stored.phone, stored.email) == (
        "홍길동", "010-9876-5432", "gildong@example.org"
    )  # fmt: skip
    changed = json.loads(
        ef.execute("SELECT fields FROM changes ORDER BY hlc DESC LIMIT 1").fetchone()[0]
    )
    assert changed == {"display_name": "Star"}
    assert edits["phone"].text() == "010-****-5432"  # still masked after the save


def test_unlocked_edit_saves_and_masks_return_when_the_pin_expires(
    qtbot, ef, clock, session, person, pin_typed, english
) -> None:
    dialog = _dialog(qtbot, session, person)
    assert dialog.show_in_full()
    phone = dialog.form.edits["phone"]
    phone.selectAll()
    qtbot.keyClicks(phone, "02 123 4567")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert attendees.get(ef, person.id).phone == "02-123-4567"
    assert phone.text() == "02-123-4567"
    clock.advance(ELEVATION_MS + 1)
    dialog.refresh()
    assert phone.text() == "02-***-4567" and phone.isReadOnly()


def test_attendee_list_is_masked_below_organizer(qtbot, ef, clock, session, person) -> None:
    model = AttendeeTableModel(session)
    model.set_filter(model.filter)
    row = next(r for r in range(model.rowCount()) if model.index(r, COL_NAME).data() == "한별")
    assert model.index(row, COL_FULL_NAME).data() == "홍*동"
    assert model.index(row, COL_PHONE).data() == "010-****-5432"
    session.access.elevate_or_raise(ef, PIN)
    assert model.refresh()  # the unlock began: pages are read again
    assert model.index(row, COL_FULL_NAME).data() == "홍길동"
    assert model.index(row, COL_PHONE).data() == "010-9876-5432"
    clock.advance(ELEVATION_MS + 1)
    assert model.refresh()
    assert model.index(row, COL_PHONE).data() == "010-****-5432"


def test_sorting_the_list_by_phone_below_organizer_follows_the_masks(
    qtbot, ef, clock, session, person
) -> None:
    from PySide6.QtWidgets import QTableView

    attendees.add_attendees(ef, clock, [
        {"display_name": "가", "phone": "010-1111-9999", "consents": everything()},
        {"display_name": "나", "phone": "010-9999-1111", "consents": everything()},
    ])  # fmt: skip
    model = AttendeeTableModel(session)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setSortingEnabled(True)

    def shown() -> list[tuple[str, str]]:
        rows = range(model.rowCount())
        return [(model.index(r, COL_NAME).data(), model.index(r, COL_PHONE).data()) for r in rows]

    view.sortByColumn(COL_PHONE, Qt.SortOrder.AscendingOrder)
    # by the masks: the hidden middle digits (1111 < 9876 < 9999) give no order away
    assert shown() == [("나", "010-****-1111"), ("한별", "010-****-5432"), ("가", "010-****-9999")]
    session.access.elevate_or_raise(ef, PIN)
    assert model.refresh()
    assert [name for name, _ in shown()] == ["가", "한별", "나"]  # the organizer: by value


def test_detail_dialog_in_korean(qtbot, session, person, korean) -> None:
    dialog = _dialog(qtbot, session, person)
    assert dialog.unmask_button.text() == "전체 보기 (운영자 PIN)"
    assert "일부 가려져" in dialog.masked_note.text()


def test_kiosk_search_hands_the_screen_masked_records(qtbot, ef, session, person) -> None:
    from checkin.ui.kiosk.search_panel import SearchPanel

    panel = SearchPanel(session)
    qtbot.addWidget(panel)
    for query in ("홍길동", "5432"):
        panel.field.setText(query)
        panel.run_search()
        found = [panel.model.row_at(i).attendee for i in range(panel.model.rowCount())]
        assert [a.display_name for a in found] == ["한별"], query
        assert (found[0].full_name, found[0].phone) == ("홍*동", "010-****-5432")
