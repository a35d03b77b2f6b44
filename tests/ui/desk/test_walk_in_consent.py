"""The walk-in form asks consent in parts: three tick boxes, each with its wording; the
contact fields and access needs stay greyed out until their consent is ticked; an
under-14's optional details need the guardian box. Real widgets, asserted on the file."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPoint, QSettings, Qt
from PySide6.QtGui import QInputMethodEvent

from checkin.event import identity as event
from checkin.event import settings as settings_mod
from checkin.people import attendees
from checkin.protect import consent
from checkin.protect.access import Access
from checkin.ui.desk.attendee_detail_dialog import AttendeeDetailDialog
from checkin.ui.desk.badge_printer import BadgePrinterSettings
from checkin.ui.desk.walk_in_dialog import WalkInDialog
from checkin.ui.session import EventSession

CONTACT = ("full_name", "organization", "phone", "email")


def make(qtbot, ef, clock, tmp_path) -> WalkInDialog:
    session = EventSession(ef, clock=clock)
    session.operator = "JK"
    store = BadgePrinterSettings(
        event.info(ef).station.station_id,
        QSettings(str(tmp_path / "qt.ini"), QSettings.Format.IniFormat),
    )
    dialog = WalkInDialog(session, settings=store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    return dialog


def type_name(dialog, text: str) -> None:
    widget = dialog.form.edits["display_name"]
    for ch in text:
        ev = QInputMethodEvent()
        ev.setCommitString(ch)
        QCoreApplication.sendEvent(widget, ev)


def click(qtbot, box) -> None:
    """A click on the tick box's indicator, as a volunteer's mouse does."""
    box.ensurePolished()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))


def register(qtbot, dialog) -> str:
    if not dialog.form.category.currentData():  # no default category: a deliberate choice
        dialog.form.category.setCurrentIndex(dialog.form.category.findData("defector"))
    with qtbot.waitSignal(dialog.registered) as signal:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    return signal.args[0]


def test_three_boxes_with_their_wording_and_greyed_out_fields(
    qtbot, ef, clock, tmp_path, english
) -> None:
    dialog = make(qtbot, ef, clock, tmp_path)
    form = dialog.form
    items = consent.items(settings_mod.load(ef))
    assert form.consent_text.text() == items["entry"].both()
    assert form.contact_text.text() == items["contact"].both()
    assert form.sensitive_text.text() == items["sensitive"].both()
    assert not any(form.edits[n].isEnabled() for n in (*CONTACT, "access_needs"))
    assert not form.guardian.isEnabled()
    click(qtbot, form.consent_contact)
    assert all(form.edits[n].isEnabled() for n in CONTACT)
    assert not form.edits["access_needs"].isEnabled()
    click(qtbot, form.consent_sensitive)
    assert form.edits["access_needs"].isEnabled()
    click(qtbot, form.consent_contact)  # untick: greyed again
    assert not any(form.edits[n].isEnabled() for n in CONTACT)


def test_refusing_the_optional_items_registers_and_keeps_only_the_required(
    qtbot, ef, clock, tmp_path, english
) -> None:
    dialog = make(qtbot, ef, clock, tmp_path)
    form = dialog.form
    type_name(dialog, "새봄")
    click(qtbot, form.consent_contact)  # typed, then the person says no after all
    form.edits["phone"].setFocus()
    qtbot.keyClicks(form.edits["phone"], "010-5555-0123")
    click(qtbot, form.consent_contact)
    click(qtbot, form.consent)
    a = attendees.get(ef, register(qtbot, dialog))
    assert (a.display_name, a.phone, a.access_needs) == ("새봄", "", "")
    assert consent.answers(a) == {"entry": {"at": clock.now_ms(), "v": consent.VERSION}}
    # the phone typed into a greyed-out field was never written anywhere
    assert not ef.execute("SELECT 1 FROM changes WHERE fields LIKE '%5555%'").fetchall()


def test_each_consent_given_is_stored_with_its_time_and_version(
    qtbot, ef, clock, tmp_path, english
) -> None:
    new = consent.set_wording(ef, clock, "민감정보 동의", "Sensitive consent",
                              Access.for_file(ef, clock), item="sensitive")  # fmt: skip
    dialog = make(qtbot, ef, clock, tmp_path)
    form = dialog.form
    assert form.sensitive_text.text() == new.both()
    type_name(dialog, "가람")
    for box in (form.consent, form.consent_contact, form.consent_sensitive):
        click(qtbot, box)
    qtbot.keyClicks(form.edits["phone"], "010-2222-3333")
    qtbot.keyClicks(form.edits["access_needs"], "wheelchair")
    a = attendees.get(ef, register(qtbot, dialog))
    assert (a.phone, a.access_needs) == ("010-2222-3333", "wheelchair")
    now = clock.now_ms()
    assert consent.answers(a) == {
        "entry": {"at": now, "v": consent.VERSION},
        "contact": {"at": now, "v": "2027-2"},
        "sensitive": {"at": now, "v": new.version},
    }
    assert not form.consent_sensitive.isChecked()  # cleared for the next person
    assert not form.edits["access_needs"].isEnabled()


def test_an_under_14_needs_the_guardian_before_optional_details(
    qtbot, ef, clock, tmp_path, korean
) -> None:
    dialog = make(qtbot, ef, clock, tmp_path)
    form = dialog.form
    type_name(dialog, "아름")
    form.category.setCurrentIndex(form.category.findData("family"))
    click(qtbot, form.consent)
    click(qtbot, form.consent_contact)
    qtbot.keyClicks(form.edits["phone"], "010-4444-5555")
    click(qtbot, form.under_14)
    assert form.guardian.isEnabled()
    before = attendees.count(ef)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert attendees.count(ef) == before  # refused by the core, shown at the guardian field
    assert "보호자" in form.error_texts().get("guardian_relation", "")
    form.guardian.setFocus()
    qtbot.keyClicks(form.guardian, "mother")
    a = attendees.get(ef, register(qtbot, dialog))
    assert (a.under_14, a.guardian_relation, a.phone) == (True, "mother", "010-4444-5555")
    assert consent.answers(a)["guardian"] == {"at": clock.now_ms(), "by": "mother"}


def test_the_detail_dialog_records_a_later_contact_consent(
    qtbot, ef, clock, tmp_path, english
) -> None:
    a = attendees.add_attendee(ef, clock, display_name="새봄",
                               **consent.record(clock, settings_mod.load(ef), ["entry"]))  # fmt: skip
    session = EventSession(ef, clock=clock)
    store = BadgePrinterSettings(
        event.info(ef).station.station_id,
        QSettings(str(tmp_path / "qt.ini"), QSettings.Format.IniFormat),
    )
    dialog = AttendeeDetailDialog(session, a.id, settings=store)
    qtbot.addWidget(dialog)
    dialog.show()
    form = dialog.form
    assert not form.edits["phone"].isEnabled() and not form.consent_contact.isChecked()
    click(qtbot, form.consent_contact)
    qtbot.keyClicks(form.edits["phone"], "010-1212-3434")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    b = attendees.get(ef, a.id)
    assert b.phone == "010-1212-3434" and set(consent.answers(b)) == {"entry", "contact"}
    # withdrawing it needs the field emptied: the greyed field is cleared on save
    click(qtbot, form.consent_contact)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    c = attendees.get(ef, a.id)
    assert c.phone == "" and set(consent.answers(c)) == {"entry"}
