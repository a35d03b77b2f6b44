"""The export-reason question, answered by hand: nothing is exported without a reason,
and the reason lands in the audit log with the export."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QWidget

from checkin.protect import audit
from checkin.protect.access import Access
from checkin.ui.console.io_actions import IoActions
from checkin.ui.widgets.reason_dialog import ReasonDialog
from checkin.ui.worker import EventFileSpec

pytestmark = pytest.mark.real_reason_dialog


def answer(choice: str | None, details: str = ""):
    def exec_(dialog: ReasonDialog) -> int:
        if choice is not None:
            dialog.choice.setCurrentIndex(dialog.choice.findData(choice))
        dialog.details.setText(details)
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
        return dialog.result() or QDialog.DialogCode.Rejected

    return exec_


def test_the_dialog_needs_a_choice_and_other_needs_words(qtbot, english) -> None:
    dialog = ReasonDialog("The summary report")
    qtbot.addWidget(dialog)
    dialog.try_accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.error.text()
    dialog.choice.setCurrentIndex(dialog.choice.findData("other"))
    dialog.try_accept()
    assert "other reason" in dialog.error.text()
    dialog.details.setText("  for the\u202e venue's  fire marshal ")
    assert dialog.reason() == "other: for the venue's fire marshal"  # one line, no overrides


def test_korean_choices(qtbot, korean) -> None:
    dialog = ReasonDialog("보고서")
    qtbot.addWidget(dialog)
    assert dialog.choice.itemText(dialog.choice.findData("request")) == "정보주체 본인 요청"
    assert dialog.windowTitle() == "왜 필요한가요?"


def test_report_with_a_reason_is_audited_and_cancel_writes_nothing(
    qtbot, mocker, english, ef, people, tmp_path
) -> None:
    mocker.patch.object(QMessageBox, "information")
    window = QWidget()
    qtbot.addWidget(window)
    actions = IoActions(EventFileSpec(str(ef.path)), window)
    mocker.patch.object(ReasonDialog, "exec", answer(None))  # closed without a reason
    assert actions.write_report(str(tmp_path / "none.pdf")) is None
    assert not (tmp_path / "none.pdf").exists()
    mocker.patch.object(ReasonDialog, "exec", answer("report", "board meeting"))
    with qtbot.waitSignal(actions.written, timeout=10_000):
        actions.write_report(str(tmp_path / "r.pdf"))
    exports = audit.entries(ef, Access.for_file(ef), action=audit.EXPORT)
    assert exports[0].detail["reason"] == "report: board meeting"
    assert "reason: report: board meeting" in exports[0].describe("en")


def test_the_core_refuses_an_app_export_without_a_reason(ef, tmp_path) -> None:
    from checkin import errors
    from checkin.lists import report

    access = Access.for_file(ef, require_reasons=True)
    with pytest.raises(errors.ReasonRequired):
        report.write_report(ef, tmp_path / "r.pdf", access=access)
    assert not (tmp_path / "r.pdf").exists()
