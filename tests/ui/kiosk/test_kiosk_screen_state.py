"""What the main window says stays true: the status bar's counts while sync is off,
the screen after the event is closed."""

from __future__ import annotations

from kiosk_helpers import code_of, type_keys
from PySide6.QtCore import Qt


def scan(qtbot, screen, code: str) -> None:
    type_keys(screen, code)
    qtbot.keyClick(screen, Qt.Key.Key_Return)


def test_not_yet_sent_counts_scans_while_sync_is_off(qtbot, window, ef, people) -> None:
    status = window.sync_status
    assert not window.sync_service.config.enabled and "Sync is off" in status.state.text()
    before = status._data["pending"]
    assert status.pending.text() == f"Not yet sent: {before}"
    scan(qtbot, window.scan_screen, code_of(ef, people[0]))
    scan(qtbot, window.scan_screen, code_of(ef, people[1]))
    qtbot.waitUntil(lambda: status.pending.text() == f"Not yet sent: {before + 2}", timeout=3000)


def test_after_closing_the_event_the_screen_says_so(qtbot, mocker, window, ef, people, tmp_path,
                                                    english) -> None:  # fmt: skip
    from checkin.ui.dialogs.close_event_dialog import CloseEventDialog

    screen = window.scan_screen
    scan(qtbot, screen, code_of(ef, people[0]))
    assert people[0].display_name in screen.undo_button.text()
    assert screen.recent.entries

    def two_steps(dialog):
        dialog.report.setText(str(tmp_path / "final-report.pdf"))
        dialog.go_confirm()
        dialog.confirm.setText(dialog.confirm_word())
        dialog.do_close()
        return dialog.result()

    mocker.patch.object(CloseEventDialog, "exec", two_steps)
    assert window.close_event()
    assert not screen.recent.entries  # the wiped names are gone from the screen too
    assert screen.undo_button.text() == "Undo last check-in (Ctrl+Z)"
    assert not screen.undo_button.isEnabled()
    screen.show_ready()
    assert screen.ready.headline.text() == "This event is closed"
    assert "wiped" in screen.ready.hint.text()
    screen.show_search("")
    qtbot.keyClicks(screen.search.field, "kim")
    qtbot.waitUntil(lambda: "event is closed" in screen.search.status.text(), timeout=3000)
    assert "spelling" not in screen.search.status.text()


def test_the_undo_button_never_reads_an_empty_name(window, people, english) -> None:
    """A wiped name (closed event) gave "Undo:  (Ctrl+Z)"."""
    from dataclasses import replace

    from checkin.door.outcomes import Kind
    from checkin.models import ScanResult, Status

    screen = window.scan_screen
    wiped = replace(people[0], display_name="")
    screen.presenter.last_ok = ScanResult(
        status=Status.OK, list="main", action="entry", kind=Kind.OK, attendee=wiped
    )
    screen._update_undo_button()
    assert screen.undo_button.text() == "Undo last check-in (Ctrl+Z)"


def test_the_help_menu_opens_the_guides(mocker, window, english) -> None:
    from PySide6.QtGui import QDesktopServices

    opened = mocker.patch.object(QDesktopServices, "openUrl", return_value=True)
    help_texts = [a.text() for a in window.menu("help").actions() if a.text()]
    assert help_texts[:2] == ["Volunteer guide (one page)", "Organizer guide"]
    window.volunteer_guide_action.trigger()
    window.organizer_guide_action.trigger()
    paths = [call.args[0].toLocalFile() for call in opened.call_args_list]
    assert [p.rsplit("/", 2)[-2:] for p in paths] == [
        ["docs", "volunteer-guide.md"], ["docs", "organizer-guide.md"]
    ]  # fmt: skip
    for p in paths:
        with open(p, encoding="utf-8") as fh:
            assert "English" in fh.read(2000)  # the real guide, in both languages


def test_english_texts_fit_a_1024_pixel_screen(qtbot, window, ef, people, english) -> None:
    """At 1024x768 the ready headline is one uncut line and a long name in the undo
    button ends in "…" with the shortcut still shown."""
    from dataclasses import replace

    from PySide6.QtGui import QFontMetrics

    from checkin.door.outcomes import Kind
    from checkin.models import ScanResult, Status

    window.resize(1024, 768)
    screen = window.scan_screen
    screen.show_ready()
    qtbot.wait(50)
    headline = screen.ready.headline
    one_line = QFontMetrics(headline.font()).height()
    assert headline.heightForWidth(headline.width()) <= one_line + 4
    assert headline.height() >= one_line
    long_name = replace(people[0], display_name="Maximilian Alexander Okonkwo-Park")
    screen.presenter.last_ok = ScanResult(
        status=Status.OK, list="main", action="entry", kind=Kind.OK, attendee=long_name
    )
    screen._update_undo_button()
    button = screen.undo_button
    assert button.text().endswith("(Ctrl+Z)") and "…" in button.text()
    qtbot.wait(20)
    assert button.sizeHint().width() <= button.width() + 2
