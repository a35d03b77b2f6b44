"""The door's "Admit unregistered" button: a person who will not be registered walks
in; the screen says so and the counters move; nothing about them is kept."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog

from checkin.door import stats


def test_admit_unregistered_from_the_door(qtbot, mocker, screen, session, english) -> None:
    asked = mocker.patch.object(QInputDialog, "getItem", return_value=("Family", True))
    before = stats.compute(session.ef)
    qtbot.mouseClick(screen.anonymous_button, Qt.MouseButton.LeftButton)
    assert asked.call_count == 1
    labels = asked.call_args.args[3]
    assert labels[0] == "Defector" and "Family" in labels
    after = stats.compute(session.ef)
    assert after.anonymous == before.anonymous + 1
    assert after.checked_in == before.checked_in + 1
    assert screen.result_panel.kind == "ok"
    assert "nothing about them is kept" in screen.result_panel.detail.text()
    assert screen.counters.counts.by_category["family"][0] >= 1


def test_cancelling_the_category_records_nothing(qtbot, mocker, screen, session, english):
    mocker.patch.object(QInputDialog, "getItem", return_value=("", False))
    before = stats.compute(session.ef).checked_in
    qtbot.mouseClick(screen.anonymous_button, Qt.MouseButton.LeftButton)
    assert stats.compute(session.ef).checked_in == before


def test_self_service_hides_it(screen) -> None:
    screen.set_self_service(True)
    assert not screen.anonymous_button.isVisible()
