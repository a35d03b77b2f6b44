"""The form-dialog base (checkin.ui.widgets.form_dialog): body, error line, buttons, texts."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit

from checkin import errors
from checkin.ui import i18n
from checkin.ui.dialogs.station_dialog import StationDialog
from checkin.ui.widgets.form_dialog import FormDialog


class NameDialog(FormDialog):
    def __init__(self) -> None:
        super().__init__(None, name="nameDialog", error_name="nameError", min_width=300)
        self.name = QLineEdit()
        self.body.addWidget(self.name)
        self.retranslated = 0
        self.finish()

    def retranslate(self) -> None:
        self.retranslated += 1
        self.setWindowTitle("Name")
        self.set_button_texts("Keep", "Leave")

    def try_accept(self) -> None:
        if not self.name.text():
            self.fail("Type a name.")
            return
        if self.name.text() == "taken":
            self.fail(errors.InvalidInput("That name is taken.", "이미 쓰는 이름입니다."))
            return
        self.accept()


def test_the_form_comes_first_then_the_error_line_then_the_buttons(qtbot) -> None:
    dialog = NameDialog()
    qtbot.addWidget(dialog)
    layout = dialog.body
    widgets = [layout.itemAt(i).widget() for i in range(layout.count())]
    assert widgets == [dialog.name, dialog.error, dialog.buttons]
    assert dialog.objectName() == "nameDialog" and dialog.error.objectName() == "nameError"
    assert dialog.error.isHidden() and dialog.minimumWidth() == 300
    assert dialog.ok_button.text() == "Keep" and dialog.cancel_button.text() == "Leave"
    assert dialog.retranslated == 1


def test_ok_checks_and_says_what_is_wrong_in_the_apps_language(qtbot) -> None:
    dialog = NameDialog()
    qtbot.addWidget(dialog)
    dialog.ok_button.click()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert not dialog.error.isHidden() and dialog.error.text() == "Type a name."
    dialog.name.setText("taken")
    dialog.ok_button.click()
    expected = "이미 쓰는 이름입니다." if i18n.current_language() == "ko" else "That name is taken."
    assert dialog.error.text() == expected
    dialog.clear_error()
    assert dialog.error.isHidden() and not dialog.error.text()
    dialog.name.setText("Door 2")
    dialog.ok_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_cancel_rejects_and_a_language_change_retranslates(qtbot) -> None:
    dialog = NameDialog()
    qtbot.addWidget(dialog)
    QCoreApplication.sendEvent(dialog, QEvent(QEvent.Type.LanguageChange))
    assert dialog.retranslated == 2
    dialog.cancel_button.click()
    assert dialog.result() == QDialog.DialogCode.Rejected


def test_a_dialog_with_only_ok(qtbot, tmp_path) -> None:
    from checkin.clock import FixedClock
    from checkin.event import identity
    from checkin.ui.session import EventSession

    ef = identity.create_event(tmp_path / "e.checkin", name="행사", passphrase=None)
    session = EventSession(ef, clock=FixedClock(1_800_000_000_000))
    try:
        dialog = StationDialog(session)
        qtbot.addWidget(dialog)
        buttons = dialog.buttons.standardButtons()
        assert buttons == QDialogButtonBox.StandardButton.Ok and dialog.cancel_button is None
        dialog.set_button_texts("Start", "ignored without a Cancel button")
        assert dialog.ok_button.text() == "Start"
        dialog.close()
    finally:
        session.close()
