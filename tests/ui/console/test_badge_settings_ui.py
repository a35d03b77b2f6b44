"""Organizer → Discreet badges: tick categories, change the leave message, save; the
badges of those categories then name neither the event nor the category."""

from __future__ import annotations

import zxingcpp

from checkin.badges import discreet
from checkin.badges import service as badges
from checkin.badges.renderer import render_badge
from checkin.event import settings as settings_mod
from checkin.ui.console.badge_settings_dialog import BadgeSettingsDialog
from checkin.ui.session import EventSession


def test_tick_save_and_the_badges_change(qtbot, ef, clock, people, english) -> None:
    session = EventSession(ef, clock=clock)
    dialog = BadgeSettingsDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.chosen() == []
    assert dialog.leave_ko.text() == discreet.LEAVE_KO
    dialog.set_discreet("defector", True)
    dialog.set_discreet("family", True)
    dialog.leave_en.setText("Please put your badge away")
    dialog.try_accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    cfg = settings_mod.load(ef)
    assert discreet.categories(cfg) == {"defector", "family"}
    assert discreet.leave_message(cfg) == (discreet.LEAVE_KO, "Please put your badge away")
    assert discreet.categories(session.settings) == {"defector", "family"}  # reloaded
    data = badges.badge_data(ef, [people[0]], cfg)[0]
    assert data.discreet
    image = render_badge(data, badges.style(cfg), "a6", 200)
    assert [r.text for r in zxingcpp.read_barcodes(image)] == [data.code]
    changes = ef.execute(
        "SELECT entity_id FROM changes WHERE entity = 'setting' ORDER BY seq"
    ).fetchall()  # the settings travel to every station like every setting
    assert {r[0] for r in changes} >= {discreet.DISCREET_KEY, discreet.LEAVE_KEY}


def test_too_long_wording_is_refused_and_nothing_changes(qtbot, ef, clock, people, english):
    session = EventSession(ef, clock=clock)
    dialog = BadgeSettingsDialog(session)
    qtbot.addWidget(dialog)
    dialog.set_discreet("defector", True)  # ticked too: saved only with a good wording
    dialog.leave_ko.setMaxLength(1000)
    dialog.leave_ko.setText("가" * 200)
    dialog.try_accept()
    assert not dialog.error.isHidden() and dialog.result() != dialog.DialogCode.Accepted
    shown = dialog.error.text()
    assert "120" in shown and "characters" in shown and "자 이하" in shown  # both languages
    cfg = settings_mod.load(ef)
    assert discreet.leave_message(cfg)[0] == discreet.LEAVE_KO
    assert discreet.categories(cfg) == set()  # nothing changed
