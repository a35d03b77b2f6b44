"""Dialogs that protect attendees: create (encrypted by default), change passphrase,
close the event (two steps). Real widgets, asserted on the real event file."""

from __future__ import annotations

import hashlib
import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from checkin.db.eventfile import SQLITE_HEADER, open_event_file
from checkin.event import identity as event
from checkin.people import attendees
from checkin.protect import retention
from checkin.ui.dialogs.change_passphrase_dialog import ChangePassphraseDialog
from checkin.ui.dialogs.close_event_dialog import CloseEventDialog
from checkin.ui.dialogs.create_event_dialog import CreateEventDialog

ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")
ALLOWED = {"PDF", "pdf", "checkin"}


def english_left(root: QWidget, data: set[str]) -> list[str]:
    texts = [root.windowTitle()]
    for w in root.findChildren(QWidget):
        if w.isVisibleTo(root) and isinstance(w, QLabel | QAbstractButton):
            texts.append(w.text())
    out = []
    for text in texts:
        for value in data:
            text = text.replace(value, " ")
        out += [w for w in ENGLISH_WORD.findall(text) if w not in ALLOWED]
    return out


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def ok_button(dialog):
    from PySide6.QtWidgets import QDialogButtonBox

    return dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_a_new_event_needs_a_passphrase_unless_deliberately_plain(qtbot, english, tmp_path, clock):
    dialog = CreateEventDialog(clock=clock)
    qtbot.addWidget(dialog)
    dialog.show()
    target = tmp_path / "new.checkin"
    dialog.path.setText(str(target))
    click(qtbot, ok_button(dialog))
    assert "Choose a passphrase" in dialog.error.text()
    assert not target.exists()
    click(qtbot, dialog.no_encryption)
    assert dialog.no_encryption.isChecked()
    assert not dialog.passphrase_field.isEnabled() and dialog.plain_warning.isVisible()
    assert "can read every name" in dialog.plain_warning.text()
    click(qtbot, dialog.no_encryption)  # changes their mind: encrypted after all
    qtbot.keyClicks(dialog.passphrase_field, "spring 2027 door")
    qtbot.keyClicks(dialog.passphrase_again, "spring 2027 door")
    click(qtbot, ok_button(dialog))
    assert dialog.event_file is not None and dialog.event_file.encrypted
    dialog.event_file.close()
    assert target.read_bytes()[:16] != SQLITE_HEADER
    open_event_file(target, "spring 2027 door").close()


def test_a_deliberately_plain_event(qtbot, english, tmp_path, clock):
    dialog = CreateEventDialog(clock=clock)
    qtbot.addWidget(dialog)
    target = tmp_path / "practice.checkin"
    dialog.path.setText(str(target))
    click(qtbot, dialog.no_encryption)
    click(qtbot, ok_button(dialog))
    assert dialog.event_file is not None and not dialog.event_file.encrypted
    assert dialog.passphrase is None
    dialog.event_file.close()
    assert target.read_bytes()[:16] == SQLITE_HEADER


@pytest.fixture
def closed_file(tmp_path, clock):
    """An event file with one attendee, not open anywhere."""
    path = tmp_path / "e.checkin"
    ef = event.create_event(
        path, name="행사", date="2027-07-14", clock=clock, passphrase="first one"
    )
    attendees.add_attendee(ef, clock, display_name="김민수", category="defector")
    ef.close()
    return path


def test_change_passphrase_dialog(qtbot, english, closed_file):
    dialog = ChangePassphraseDialog(closed_file)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.current.isVisible()
    before = digest(closed_file)
    qtbot.keyClicks(dialog.current, "wrong")
    qtbot.keyClicks(dialog.new, "new pass 42")
    qtbot.keyClicks(dialog.again, "new pass 42")
    click(qtbot, ok_button(dialog))
    qtbot.waitUntil(lambda: not dialog.busy, timeout=10_000)  # checked off the UI thread
    assert "not right" in dialog.error.text() and digest(closed_file) == before
    assert dialog.new.isEnabled() and ok_button(dialog).isEnabled()
    dialog.current.clear()
    qtbot.keyClicks(dialog.current, "first one")
    dialog.again.clear()
    qtbot.keyClicks(dialog.again, "other")
    click(qtbot, ok_button(dialog))
    assert "not the same" in dialog.error.text() and digest(closed_file) == before
    assert not dialog.busy  # said at once: nothing to re-encrypt
    dialog.again.clear()
    qtbot.keyClicks(dialog.again, "new pass 42")
    click(qtbot, ok_button(dialog))
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10_000)
    assert dialog.new_passphrase == "new pass 42"
    assert dialog.current.text() == "" and dialog.new.text() == ""
    with open_event_file(closed_file, "new pass 42") as ef:
        assert attendees.find(ef, "DD-0001").display_name == "김민수"


def test_the_passphrase_change_runs_off_the_ui_thread(qtbot, english, closed_file, mocker):
    """While the copy is re-encrypted the dialog stays responsive, says so, and neither
    Esc nor a second OK does anything."""
    import threading

    from checkin.ui.dialogs import change_passphrase_dialog as module

    release, threads = threading.Event(), []
    real = module.change_passphrase

    def slow(*args):
        threads.append(threading.current_thread())
        release.wait(10)
        return real(*args)

    mocker.patch.object(module, "change_passphrase", slow)
    dialog = ChangePassphraseDialog(closed_file)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.current, "first one")
    qtbot.keyClicks(dialog.new, "new pass 42")
    qtbot.keyClicks(dialog.again, "new pass 42")
    click(qtbot, ok_button(dialog))
    qtbot.waitUntil(lambda: len(threads) == 1, timeout=5000)
    assert threads[0] is not threading.main_thread()
    assert dialog.busy and dialog.working.isVisible() and not ok_button(dialog).isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    dialog.try_accept()
    assert dialog.isVisible() and len(threads) == 1
    release.set()
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10_000)
    assert not dialog.working.isVisible()
    open_event_file(closed_file, "new pass 42").close()


def test_remove_then_set_encryption_in_the_dialog(qtbot, english, closed_file):
    dialog = ChangePassphraseDialog(closed_file)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.current, "first one")
    click(qtbot, dialog.remove)
    assert dialog.warning.isVisible() and not dialog.new.isEnabled()
    click(qtbot, ok_button(dialog))
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10_000)
    assert dialog.new_passphrase is None and closed_file.read_bytes()[:16] == SQLITE_HEADER
    again = ChangePassphraseDialog(closed_file)
    qtbot.addWidget(again)
    again.show()
    assert not again.current.isVisible() and not again.remove.isVisible()
    assert "NOT encrypted" in again.intro.text()
    qtbot.keyClicks(again.new, "again pass")
    qtbot.keyClicks(again.again, "again pass")
    click(qtbot, ok_button(again))
    qtbot.waitUntil(lambda: again.result() == again.DialogCode.Accepted, timeout=10_000)
    open_event_file(closed_file, "again pass").close()


def test_close_event_dialog_two_steps(qtbot, english, ef, clock, people, tmp_path):
    report = tmp_path / "final.pdf"
    dialog = CloseEventDialog(ef, clock, report_path=report)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.pages.currentIndex() == 0
    assert "wiped" in dialog.explain.text()
    click(qtbot, dialog.next)
    assert dialog.pages.currentIndex() == 1
    assert not dialog.close_button.isEnabled()
    qtbot.keyClicks(dialog.confirm, "yes")
    assert not dialog.close_button.isEnabled()
    click(qtbot, dialog.close_button)
    with ef.read() as conn:
        assert not retention.is_closed(conn)
    click(qtbot, dialog.back)
    assert dialog.pages.currentIndex() == 0
    click(qtbot, dialog.next)
    assert dialog.confirm.text() == ""
    qtbot.keyClicks(dialog.confirm, "close")
    assert dialog.close_button.isEnabled()
    click(qtbot, dialog.close_button)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.result_ is not None and dialog.result_.attendees == len(people)
    assert report.read_bytes().startswith(b"%PDF")
    assert attendees.find(ef, "DD-0001").display_name == ""
    assert "김민수".encode() not in ef.path.read_bytes()


def test_close_event_dialog_refuses_a_missing_folder(qtbot, english, ef, clock, people, tmp_path):
    dialog = CloseEventDialog(ef, clock, report_path=tmp_path / "nope" / "r.pdf")
    qtbot.addWidget(dialog)
    dialog.show()
    click(qtbot, dialog.next)
    assert dialog.pages.currentIndex() == 0 and dialog.error.isVisible()


def test_the_dialogs_are_all_korean(qtbot, korean, ef, clock, closed_file, tmp_path):
    data = {str(tmp_path), closed_file.name, ef.path.stem}
    create = CreateEventDialog(clock=clock)
    data.add(create.path.text())
    data.add(create.name_en.text())
    change = ChangePassphraseDialog(closed_file)
    close = CloseEventDialog(ef, clock, report_path=tmp_path / "r.pdf")
    for dialog in (create, change, close):
        qtbot.addWidget(dialog)
        dialog.show()
    click(qtbot, create.no_encryption)
    click(qtbot, change.remove)
    assert english_left(create, data) == []
    assert english_left(change, data) == []
    assert english_left(close, data) == []
    click(qtbot, close.next)
    assert close.confirm_word() == "종료"
    assert english_left(close, data) == []
    close.confirm.insert("종료")  # as an input method commits it
    assert close.close_button.isEnabled()
