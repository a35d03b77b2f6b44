"""The import wizard, export dialog, paper ticks and report actions, driven as a person
would, asserting on the event file."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox, QWizard

from checkin.db.eventfile import open_event_file
from checkin.door import stats
from checkin.people import attendees
from checkin.protect import consent
from checkin.ui.console.export_dialog import ExportDialog
from checkin.ui.console.import_wizard import ImportWizard
from checkin.ui.console.io_actions import IoActions
from checkin.ui.console.paper_ticks_dialog import PaperTicksDialog, parse_lines
from checkin.ui.worker import EventFileSpec
from iofiles import KOREAN_ROWS, with_consent, write_csv


@pytest.fixture
def spec(ef):
    return EventFileSpec(str(ef.path))


def _count(ef) -> int:
    with open_event_file(ef.path) as fresh:
        return attendees.count(fresh)


def _click(qtbot, wizard, which) -> None:
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _tick(qtbot, box) -> None:
    """Click a check box on its box, as a person does (its centre may be empty space)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))


def _wizard(qtbot, spec) -> ImportWizard:
    wizard = ImportWizard(spec)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def test_import_wizard_end_to_end(qtbot, english, ef, spec, tmp_path) -> None:
    path = write_csv(tmp_path / "명단.csv", KOREAN_ROWS, encoding="cp949")
    wizard = _wizard(qtbot, spec)
    wizard.file_page.path_edit.setText(str(path))  # as the Browse… dialog does
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=10_000)
    page = wizard.mapping_page
    assert "cp949" in page.source.text() and "comma" in page.source.text()
    assert page.preview.rowCount() == 5 and page.preview.item(0, 0).text() == "김민수"
    assert page.preview.verticalHeaderItem(0).text() == "2"  # the row number in the file
    combos = {wizard.plan.columns[i].header: c for i, c in enumerate(page.combos)}
    assert combos["이름"].currentData() == "display_name"
    assert combos["연락처"].currentData() == "phone"
    # Leave the notes column out, then continue: the file is checked again.
    notes = combos["비고"]
    notes.setCurrentIndex(notes.findData(""))
    notes.activated.emit(notes.currentIndex())
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.check_page, timeout=10_000)
    assert "5 new attendees" in wizard.check_page.summary.text()
    assert _count(ef) == 0  # nothing before the last step
    _click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page, timeout=10_000)
    assert "5 attendees added" in wizard.done_page.message.text()
    assert "DD-0001 to DD-0005" in wizard.done_page.message.text()
    assert _count(ef) == 5
    with open_event_file(ef.path) as fresh:
        people = {a.display_name: a for a in attendees.iter_all(fresh)}
    assert people["이영희"].notes == "" and people["이영희"].category == "family"


def test_import_wizard_lists_broken_rows_and_imports_nothing(qtbot, english, ef, spec,
                                                             tmp_path) -> None:  # fmt: skip
    rows = [["이름", "연락처", "이메일"], ["김민수", "010-1234-5678", ""],
            ["", "010-1111-2222", ""], ["이영희", "", "not-an-email"]]  # fmt: skip
    path = write_csv(tmp_path / "bad.csv", with_consent(rows))  # kept, so checked
    wizard = _wizard(qtbot, spec)
    wizard.file_page.path_edit.setText(str(path))
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=10_000)
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.check_page, timeout=10_000)
    table = wizard.check_page.issues
    listed = {(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())}
    assert listed == {("3", "Error"), ("4", "Error")}
    assert "email" in table.item(1, 3).text().lower()
    assert not wizard.button(QWizard.WizardButton.CommitButton).isEnabled()
    assert "2 problem(s)" in wizard.check_page.subTitle()
    assert _count(ef) == 0


def test_import_wizard_says_how_many_rows_keep_only_what_entry_needs(
    qtbot, english, ef, spec, tmp_path
) -> None:
    rows = [["이름", "연락처", "구분"], ["김민수", "010-1234-5678", "guest"],
            ["이영희", "", "guest"], ["박지수", "010-2222-3333", "guest"]]  # fmt: skip
    wizard = _wizard(qtbot, spec)
    wizard.file_page.path_edit.setText(str(write_csv(tmp_path / "plain.csv", rows)))
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=10_000)
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.check_page, timeout=10_000)
    assert "2 rows have no consent answers" in wizard.check_page.summary.text()
    _click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page, timeout=10_000)
    with open_event_file(ef.path) as fresh:
        people = {a.display_name: a.phone for a in attendees.iter_all(fresh)}
    assert people == {"김민수": "", "이영희": "", "박지수": ""}  # the phones never stored


def test_the_organizer_declares_consent_given_on_their_own_form(
    qtbot, english, ef, spec, tmp_path
) -> None:
    rows = [["이름", "연락처"], ["김민수", "010-1234-5678"], ["박지수", "010-2222-3333"]]
    wizard = _wizard(qtbot, spec)
    wizard.file_page.path_edit.setText(str(write_csv(tmp_path / "form.csv", rows)))
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=10_000)
    box = wizard.mapping_page.declaration
    assert box.isVisible() and not box.version.isEnabled()
    _tick(qtbot, box.contact)
    assert box.contact.isChecked() and box.version.isEnabled()
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)  # no version, no basis: refused
    assert wizard.currentPage() is wizard.mapping_page
    assert box.error.isVisible() and "version" in box.error.text()
    qtbot.keyClicks(box.version, "2027-06-form")
    qtbot.keyClicks(box.basis, "online registration form")
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.check_page, timeout=10_000)
    summary = wizard.check_page.summary.text()
    assert "Consent declared by you for every row: (b) contact details" in summary
    assert "no consent answers" not in summary
    _click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page, timeout=10_000)
    with open_event_file(ef.path) as fresh:
        people = {a.display_name: a for a in attendees.iter_all(fresh)}
        (row,) = fresh.execute(
            "SELECT detail FROM audit_log WHERE action = 'consent'"
        ).fetchall()  # fmt: skip
    assert {n: a.phone for n, a in people.items()} == {
        "김민수": "010-1234-5678", "박지수": "010-2222-3333"}  # fmt: skip
    answers = consent.answers(people["김민수"])
    assert answers["contact"]["by"] == "organizer" and answers["contact"]["v"] == "2027-06-form"
    assert "2027-06-form" in row[0] and "online registration form" in row[0]


def test_import_wizard_mapping_correction(qtbot, english, ef, spec, tmp_path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "안내"
    ws = wb.create_sheet("Inscriptions")
    ws.append(["Nom", "Portable", "Contact consent"])  # phones kept only with consent
    ws.append(["Claire Dubois", "010-4444-5555", "ok"])
    ws.append(["Marc Petit", "010-6666-7777", "agree"])
    path = tmp_path / "fr.xlsx"
    wb.save(path)
    wizard = _wizard(qtbot, spec)
    wizard.file_page.path_edit.setText(str(path))
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=10_000)
    page = wizard.mapping_page
    assert page.sheet.isVisibleTo(wizard) and page.sheet.currentText() == "Inscriptions"
    name, phone, agreed = page.combos
    assert agreed.currentData() == "consent_contact"  # recognized by its header
    name.setCurrentIndex(name.findData("display_name"))
    name.activated.emit(name.currentIndex())
    phone.setCurrentIndex(phone.findData("phone"))
    phone.activated.emit(phone.currentIndex())
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.check_page, timeout=10_000)
    assert wizard.plan.ok
    _click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page, timeout=10_000)
    with open_event_file(ef.path) as fresh:
        people = {a.display_name: a.phone for a in attendees.iter_all(fresh)}
    assert people == {"Claire Dubois": "010-4444-5555", "Marc Petit": "010-6666-7777"}


def test_import_wizard_speaks_korean(qtbot, korean, spec) -> None:
    wizard = _wizard(qtbot, spec)
    assert wizard.windowTitle() == "참가자 명단 가져오기"
    assert wizard.file_page.title() == "등록 명단 파일 선택"


def test_export_dialog_warns_on_personal_fields(qtbot, english, ef, spec, people, tmp_path,
                                                engine) -> None:  # fmt: skip
    engine.check_in(people[0].id)
    dialog = ExportDialog(spec)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    checks = dialog.field_checks
    assert [n for n, c in checks.items() if c.isChecked()] == [
        "reg_no", "display_name", "category", "checked_in_at"
    ]  # fmt: skip
    assert dialog.warning.text() == ""
    _tick(qtbot, checks["phone"])
    assert "personal data" in dialog.warning.text() and "Phone" in dialog.warning.text()
    _tick(qtbot, checks["phone"])
    assert dialog.warning.text() == ""
    _tick(qtbot, dialog.checked_in)
    out = tmp_path / "in.xlsx"
    dialog.path_edit.setText(str(out))
    with qtbot.waitSignal(dialog.exported, timeout=10_000) as blocker:
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert blocker.args[0].rows == 1
    ws = openpyxl.load_workbook(out).active
    assert ws.max_row == 2 and ws["B2"].value == "김민수"
    assert "Wrote 1 rows" in dialog.status.text()
    # The check-in log.
    _tick(qtbot, dialog.format_buttons["log"])
    assert not dialog.fields_box.isEnabled()
    dialog.path_edit.setText(str(tmp_path / "log.csv"))
    with qtbot.waitSignal(dialog.exported, timeout=10_000) as blocker:
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert blocker.args[0].rows == 1 and (tmp_path / "log.csv").exists()


def test_export_dialog_reports_a_bad_folder(qtbot, english, spec, people, tmp_path,
                                            mocker) -> None:  # fmt: skip
    shown = mocker.patch("checkin.ui.console.export_dialog.show_error")
    dialog = ExportDialog(spec)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(tmp_path / "missing" / "out.csv"))
    dialog.start_export()
    qtbot.waitUntil(lambda: shown.called, timeout=10_000)
    assert "does not exist" in shown.call_args.args[1].en


def test_paper_ticks_dialog(qtbot, english, ef, spec, people) -> None:
    assert parse_lines("DD-0001 10:15\ndd-0002, DD-0003@11.05") == [
        parse_lines("DD-0001@10:15")[0], parse_lines("dd-0002")[0], parse_lines("DD-0003=11:05")[0]
    ]  # fmt: skip
    dialog = PaperTicksDialog(spec)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.text.setPlainText("DD-0001 10:15\nDD-0002\n")
    dialog.use_time.setChecked(True)
    dialog.station.setText("종이 명단")
    with qtbot.waitSignal(dialog.recorded, timeout=10_000):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert "Recorded 2 check-in(s)" in dialog.status.text()
    with open_event_file(ef.path) as fresh:
        assert stats.compute(fresh).checked_in == 2
        assert stats.history(fresh, people[0].id)[0].method == "paper"
    with qtbot.waitSignal(dialog.recorded, timeout=10_000):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    assert "Recorded 0" in dialog.status.text() and "DD-0001, DD-0002" in dialog.status.text()
    dialog.text.setPlainText("DD-0003\nDD-0999")
    dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: "Nothing was recorded" in dialog.status.text(), timeout=10_000)
    assert "DD-0999" in dialog.status.text()
    with open_event_file(ef.path) as fresh:
        assert stats.compute(fresh).checked_in == 2


def test_report_and_door_list_actions(qtbot, english, spec, people, tmp_path, mocker) -> None:
    info = mocker.patch.object(QMessageBox, "information")
    from PySide6.QtWidgets import QWidget

    window = QWidget()
    qtbot.addWidget(window)
    actions = IoActions(spec, window)
    assert [a.text() for a in actions.actions()] == [
        "Import registrations…", "Export attendance…", "Summary report (PDF)…",
        "Print paper door list (PDF)…", "Enter ticks from the paper list…",
    ]  # fmt: skip
    for write, name in ((actions.write_report, "r.pdf"), (actions.write_door_list, "d.pdf")):
        with qtbot.waitSignal(actions.written, timeout=10_000) as blocker:
            write(str(tmp_path / name))
        assert blocker.args == [str(tmp_path / name)]
        assert (tmp_path / name).read_bytes().startswith(b"%PDF")
    assert info.call_count == 2


def test_import_wizard_maps_unknown_category_values(qtbot, english, ef, spec, tmp_path) -> None:
    rows = [
        ["참가 명단", ""],
        ["이름", "구분"],
        ["김하나", "A석"],
        ["박둘", "B석"],
        ["최셋", "기자"],
    ]
    path = write_csv(tmp_path / "seats.csv", rows)
    wizard = _wizard(qtbot, spec)
    wizard.file_page.path_edit.setText(str(path))
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=10_000)
    page = wizard.mapping_page
    assert page.header_row.value() == 2  # the title row above was skipped
    assert page.values.isVisibleTo(wizard) and set(page.value_combos) == {"A석", "B석"}
    assert page.values.item(0, 1).text() == "3"  # row numbers of the value
    for value, target in (("A석", "official"), ("B석", "guest")):
        combo = page.value_combos[value]
        combo.setCurrentIndex(combo.findData(target))
        combo.activated.emit(combo.currentIndex())
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.check_page, timeout=10_000)
    assert wizard.plan.ok, wizard.plan.errors
    _click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page, timeout=10_000)
    with open_event_file(ef.path) as fresh:
        cats = {a.display_name: a.category for a in attendees.iter_all(fresh)}
    assert cats == {"김하나": "official", "박둘": "guest", "최셋": "press"}


def test_import_wizard_header_row_can_be_corrected(qtbot, english, ef, spec, tmp_path) -> None:
    rows = [["Name", "Phone"], ["성함", "연락처"], ["김하나", "010-1000-2000"]]
    path = write_csv(tmp_path / "two.csv", rows)
    wizard = _wizard(qtbot, spec)
    wizard.file_page.path_edit.setText(str(path))
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=10_000)
    page = wizard.mapping_page
    assert page.header_row.value() == 1
    page.header_row.setValue(2)
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.check_page, timeout=10_000)
    assert wizard.plan.header_row == 2 and len(wizard.plan.new) == 1


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_import_wizard_refuses_a_binary_file(qtbot, mocker, ef, spec, tmp_path, lang, request):
    request.getfixturevalue("english" if lang == "en" else "korean")
    shown = []

    def record(box):
        shown.append(box.text())
        return QMessageBox.StandardButton.Ok

    mocker.patch.object(QMessageBox, "exec", record)
    path = tmp_path / "명단.csv"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)  # an image, renamed
    wizard = _wizard(qtbot, spec)
    wizard.file_page.path_edit.setText(str(path))
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    expected = "not a registration list" if lang == "en" else "참가자 명단이 아닙니다"
    assert expected in shown[0] and "--" not in shown[0]
    assert wizard.currentPage() is wizard.file_page and wizard.plan is None
    assert _count(ef) == 0


def test_import_wizard_no_name_column_speaks_of_the_mapping(qtbot, english, ef, spec, tmp_path):
    path = write_csv(tmp_path / "fr.csv", [["Nom", "Téléphone"], ["Claire Dubois", "010-4444"]])
    wizard = _wizard(qtbot, spec)
    wizard.file_page.path_edit.setText(str(path))
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=10_000)
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.check_page, timeout=10_000)
    table = wizard.check_page.issues
    texts = [table.item(r, 3).text() for r in range(table.rowCount())]
    assert any("Display name" in t for t in texts) and not any("--map" in t for t in texts)


def test_import_wizard_names_unrecognised_columns(qtbot, english, ef, spec, tmp_path) -> None:
    rows = [["이름", "촬영", "좋아하는 색"], ["김민수", "X", "파랑"]]
    path = write_csv(tmp_path / "명단.csv", rows)
    wizard = _wizard(qtbot, spec)
    wizard.file_page.path_edit.setText(str(path))
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.mapping_page, timeout=10_000)
    page = wizard.mapping_page
    assert page.unmapped.isVisible()
    text = page.unmapped.text()
    assert "Column “촬영” will not be imported. Did you mean “No photo" in text
    assert "Column “좋아하는 색” will not be imported (not recognised)." in text
    # the organizer maps it: checked again, no more warning, and the flag is imported
    combo = page.combos[1]
    combo.setCurrentIndex(combo.findData("no_photo"))
    combo.activated.emit(combo.currentIndex())
    _click(qtbot, wizard, QWizard.WizardButton.NextButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.check_page, timeout=10_000)
    table = wizard.check_page.issues
    listed = [table.item(r, 3).text() for r in range(table.rowCount())]
    assert any("좋아하는 색" in line for line in listed)
    assert not any("촬영" in line for line in listed)
    _click(qtbot, wizard, QWizard.WizardButton.CommitButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.done_page, timeout=10_000)
    with open_event_file(ef.path) as fresh:
        assert [a.no_photo for a in attendees.iter_all(fresh)] == [True]
