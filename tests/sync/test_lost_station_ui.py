"""The lost-station kit in the app, on real widgets: from the sync status bar the
organizer retires a lost station and gets the incident sheet, as
``checkin sync retire --lost`` does; Korean first, and no names anywhere."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from checkin.protect import audit, incident
from checkin.protect.access import Access
from checkin.sync import status as status_mod
from checkin.ui import i18n
from checkin.ui.console.lost_station_dialog import LostStationDialog
from checkin.ui.console.sync_service import SyncService
from checkin.ui.console.sync_status_widget import SyncStatusWidget
from checkin.ui.widgets import error_dialog, fonts
from checkin.ui.worker import EventFileSpec

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen, showing a dialog


@pytest.fixture(scope="module", autouse=True)
def _qt_resources(qapp):
    i18n.build()
    fonts.apply_app_font(qapp)


@pytest.fixture
def korean(qapp):
    i18n.set_language("ko")
    yield
    i18n.set_language("en")


def _widget(ef, qtbot, clock):
    service = SyncService(EventFileSpec(str(ef.path)), status_mod.SyncConfig(), clock)
    widget = SyncStatusWidget(ef, service)
    qtbot.addWidget(widget)
    return widget


def _retired(ef, name: str) -> bool:
    return next(s for s in status_mod.status(ef)["stations"] if s["name"] == name)["retired"]


def _open_kit(widget, qtbot) -> LostStationDialog:
    qtbot.mouseClick(widget.lost_button, Qt.MouseButton.LeftButton)
    dialog = widget.findChild(LostStationDialog)
    assert dialog is not None and dialog.isVisible()
    return dialog


def _choose(dialog, name: str) -> None:
    index = next(i for i in range(dialog.stations.count()) if name in dialog.stations.itemText(i))
    dialog.stations.setCurrentIndex(index)


def test_the_organizer_retires_a_lost_kiosk_and_gets_the_sheet(
    stations, qtbot, mocker, tmp_path, korean
) -> None:
    stations.add("door", "1번 출입구", role="scan-only")
    stations.add("desk", "접수 2")
    widget = _widget(stations.org, qtbot, stations.clock)
    assert not widget.lost_button.isHidden() and widget.lost_button.text() == "분실 기기…"
    dialog = _open_kit(widget, qtbot)
    assert dialog.windowTitle() == "분실·도난 기기"
    assert "72시간" in dialog.intro.text()
    names = [dialog.stations.itemText(i) for i in range(dialog.stations.count())]
    assert names == ["1번 출입구 (#1, 스캔 전용)", "접수 2 (#2, 접수 데스크)"]  # not itself
    _choose(dialog, "1번 출입구")
    sheet = tmp_path / "분실.pdf"
    mocker.patch.object(QFileDialog, "getSaveFileName", return_value=(str(sheet), ""))
    asked = mocker.patch.object(
        QMessageBox, "question", return_value=QMessageBox.StandardButton.Yes
    )
    qtbot.mouseClick(dialog.retire_button, Qt.MouseButton.LeftButton)
    assert "1번 출입구" in asked.call_args.args[2]
    # what the command line does: retired, sheet and JSON written, the sheet audited
    assert _retired(stations.org, "1번 출입구") and not _retired(stations.org, "접수 2")
    assert sheet.read_bytes()[:4] == b"%PDF"
    data = json.loads(sheet.with_suffix(".json").read_text(encoding="utf-8"))
    assert data["station"] == "1번 출입구" and data["people"] == 4
    assert data["role"] == "scan-only" and data["personal_fields_held"] is True
    door_id = stations.files["door"].execute("SELECT station_id FROM local").fetchone()[0]
    assert data["fields"] == incident.build(stations.org, stations.clock, door_id).fields
    assert "access_needs" in data["fields"] and data["report_to_regulator"]  # sensitive held
    exported = [
        e for e in audit.entries(stations.org, Access.for_file(stations.org, stations.clock),
                                 audit.EXPORT)
        if e.detail.get("kind") == "incident_sheet"
    ]  # fmt: skip
    assert len(exported) == 1 and exported[0].detail["rows"] == 4
    # shown in Korean: the count, the duties and their time limits; nobody named
    shown = dialog.result.text() + dialog.sheet_view.toPlainText()
    for expected in ("최대 4명", "지체 없이", "72시간", "개인정보보호위원회", "지금 해야 할 일"):
        assert expected in shown, expected
    for person in stations.people:
        for value in (person.display_name, person.full_name, person.phone, person.email):
            assert not value or value not in shown, value
    assert "사용 중지됨" in dialog.stations.itemText(0)  # the list follows


def test_cancelling_or_a_missing_folder_retires_nothing(stations, qtbot, mocker, tmp_path):
    stations.add("door", "1번 출입구", role="scan-only")
    widget = _widget(stations.org, qtbot, stations.clock)
    dialog = _open_kit(widget, qtbot)
    saving = mocker.patch.object(QFileDialog, "getSaveFileName", return_value=("", ""))
    assert dialog.retire_chosen() is None  # no file chosen
    saving.return_value = (str(tmp_path / "sheet.pdf"), "")
    mocker.patch.object(QMessageBox, "question", return_value=QMessageBox.StandardButton.No)
    assert dialog.retire_chosen() is None  # not confirmed
    assert not _retired(stations.org, "1번 출입구") and not (tmp_path / "sheet.pdf").exists()
    # a folder gone meanwhile: a clear message, nothing retired
    mocker.patch.object(QMessageBox, "question", return_value=QMessageBox.StandardButton.Yes)
    saving.return_value = (str(tmp_path / "gone" / "sheet.pdf"), "")
    mocker.patch("checkin.ui.widgets.save_dialog.remember")
    shown = mocker.patch.object(error_dialog, "show_error")
    assert dialog.retire_chosen() is None
    assert shown.call_args.args[1].field == "out"
    assert not _retired(stations.org, "1번 출입구")
    assert dialog.sheet_view.isHidden()


def test_only_the_organizer_station_offers_the_kit(stations, qtbot) -> None:
    desk = stations.add("desk", "접수 2")
    widget = _widget(desk, qtbot, stations.clock)
    assert widget.lost_button.isHidden()
    alone = LostStationDialog(stations.org, stations.clock)
    qtbot.addWidget(alone)
    assert alone.stations.count() == 1 and alone.retire_button.isEnabled()
