"""The sync pieces of the GUI: service, status widget, settings and double-entry dialogs."""

from __future__ import annotations

import time

import pytest
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from checkin.clock import SYSTEM_CLOCK
from checkin.door.engine import CheckinEngine
from checkin.event import identity as event
from checkin.models import Status
from checkin.sync import folder
from checkin.sync import status as status_mod
from checkin.ui import i18n
from checkin.ui.console.double_entry_dialog import DoubleEntryDialog
from checkin.ui.console.double_entry_model import COL_SECOND, ROW_ROLE, DoubleEntryModel
from checkin.ui.console.sync_service import SyncService
from checkin.ui.console.sync_settings_dialog import SyncSettingsDialog
from checkin.ui.console.sync_status_widget import SyncStatusWidget
from checkin.ui.widgets import fonts
from checkin.ui.worker import EventFileSpec


@pytest.fixture(scope="module", autouse=True)
def _qt_resources(qapp):
    i18n.build()
    fonts.apply_app_font(qapp)


@pytest.fixture
def korean(qapp):
    i18n.set_language("ko")
    yield
    i18n.set_language("en")


def test_folder_sync_from_the_service_brings_the_other_doors_scans(stations, tmp_path, qtbot):
    shared = tmp_path / "share"
    shared.mkdir()
    door1 = stations.add("door1", "1번 출입구", role="scan-only")
    door2 = stations.add("door2", "2번 출입구", role="scan-only")
    code = event.badge_code(stations.org, stations.people[0].id, 1)
    assert CheckinEngine(door1).scan(code).ok
    folder.sync_folder(door1, shared, SYSTEM_CLOCK)
    service = SyncService(
        EventFileSpec(str(door2.path)), status_mod.SyncConfig(folder=str(shared), interval_s=60)
    )
    widget = SyncStatusWidget(door2, service)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(service.newData, timeout=10_000) as blocker:
        service.sync_now()
    assert blocker.args == [1]
    qtbot.waitUntil(lambda: not service.busy)
    assert CheckinEngine(door2).scan(code).status is Status.ALREADY_IN
    assert widget.state.text().startswith("Synced")
    assert widget.peers.text() == "Peers seen: 2"
    service.stop()
    service.wait()


def test_hub_round_trip_between_two_kiosks_is_quick(stations, hub_url, qtbot):
    door1 = stations.add("door1", "1번 출입구", role="scan-only")
    door2 = stations.add("door2", "2번 출입구", role="scan-only")
    config = status_mod.SyncConfig(hub_url=hub_url, interval_s=1)
    one = SyncService(EventFileSpec(str(door1.path)), config)
    two = SyncService(EventFileSpec(str(door2.path)), config)
    for s in (one, two):
        with qtbot.waitSignal(s.roundFinished, timeout=10_000):
            s.sync_now()
    two.start()
    code = event.badge_code(stations.org, stations.people[1].id, 1)
    started = time.perf_counter()
    assert CheckinEngine(door1).scan(code).ok
    one.push_soon()
    qtbot.waitUntil(
        lambda: (
            CheckinEngine(door2).scan(code, list="main").status is Status.ALREADY_IN
            if door2.conn.execute("SELECT count(*) FROM checkins").fetchone()[0]
            else False
        ),
        timeout=5_000,
    )
    assert time.perf_counter() - started < 5
    for s in (one, two):
        s.stop()
        s.wait()


def test_unreachable_hub_shows_offline_and_scanning_goes_on(stations, qtbot):
    door = stations.add("door", "Door")
    service = SyncService(
        EventFileSpec(str(door.path)),
        status_mod.SyncConfig(hub_url="postgresql://x@127.0.0.1:9/none", interval_s=60),
    )
    widget = SyncStatusWidget(door, service)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(service.roundFinished, timeout=10_000) as blocker:
        service.sync_now()
    outcome = blocker.args[0]
    assert not outcome.online and outcome.problems[0].code == "hub_unavailable"
    assert widget.state.text().startswith("Offline")
    assert CheckinEngine(door).check_in(stations.people[0].id).ok
    widget.refresh()
    assert widget.pending.text() == "Not yet sent: 1"
    service.stop()  # else its timer starts another round after the file is closed
    service.wait()


def test_settings_dialog_validates_and_saves(stations, tmp_path, qtbot):
    dialog = SyncSettingsDialog(stations.org)
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(tmp_path))
    dialog.hub.setText("http://not-a-hub")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.error.isVisibleTo(dialog) and "postgresql://" in dialog.error.text()
    assert status_mod.load_config(stations.org).folder == ""
    dialog.hub.clear()
    qtbot.keyClicks(dialog.hub, "postgresql://checkin@127.0.0.1/checkin")
    dialog.interval.setValue(5)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    saved = status_mod.load_config(stations.org)
    assert saved == status_mod.SyncConfig(
        str(tmp_path), "postgresql://checkin@127.0.0.1/checkin", 5
    )
    assert dialog.saved == saved


def test_double_entry_dialog_lists_when_and_where(stations, tmp_path, qtbot, qtmodeltester):
    from checkin.sync import bundle

    clock = stations.clock
    door1 = stations.add("door1", "1번 출입구")
    door2 = stations.add("door2", "2번 출입구")
    CheckinEngine(door1, clock).check_in(stations.people[0].id)
    clock.advance(120_000)
    CheckinEngine(door2, clock).check_in(stations.people[0].id)
    for i, door in enumerate((door1, door2)):
        path = tmp_path / f"{i}.ckbundle"
        bundle.export_bundle(door, path, clock)
        bundle.import_bundle(stations.org, path, clock)
    dialog = DoubleEntryDialog(stations.org)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == 1
    qtmodeltester.check(dialog.model)
    second = dialog.model.index(0, COL_SECOND)
    assert "2번 출입구" in dialog.model.data(second)
    assert dialog.model.data(second, ROW_ROLE).second.station_name == "2번 출입구"
    assert "1" in dialog.summary.text()
    qtmodeltester.check(DoubleEntryModel())


@pytest.mark.qt_log_ignore("propagateSizeHints")  # the offscreen platform, showing a dialog
def test_status_widget_speaks_korean(stations, qtbot, korean):
    service = SyncService(EventFileSpec(str(stations.org.path)), status_mod.SyncConfig())
    widget = SyncStatusWidget(stations.org, service)
    qtbot.addWidget(widget)
    assert widget.sync_button.text() == "지금 동기화"
    assert widget.state.text() == "동기화 꺼짐"
    assert not widget.sync_button.isEnabled()
    dialog = widget.open_settings()
    assert dialog.windowTitle() == "동기화 설정"
    dialog.close()
    doubles = widget.show_double_entries()
    assert doubles.windowTitle() == "중복 입장"
    assert doubles.summary.text() == "중복 입장이 없습니다."
    doubles.close()


def test_a_sync_problem_is_explained_on_click(stations, tmp_path, qtbot, korean):
    """ "Sync problem: see details" has its details a click away, not only in a tooltip."""
    shared = tmp_path / "share"
    shared.mkdir()
    (shared / "stranger.ckbundle").write_bytes(b"not a bundle at all")
    door = stations.add("door", "Door")
    service = SyncService(
        EventFileSpec(str(door.path)), status_mod.SyncConfig(folder=str(shared), interval_s=60)
    )
    widget = SyncStatusWidget(door, service)
    qtbot.addWidget(widget)
    widget.show()
    assert not widget.details_button.isVisible()
    with qtbot.waitSignal(service.roundFinished, timeout=10_000) as blocker:
        service.sync_now()
    assert blocker.args[0].problems
    qtbot.waitUntil(lambda: widget.details_button.isVisible())
    widget.details_button.click()
    box = widget.findChild(QMessageBox)
    assert box is not None and box.isVisible()
    assert box.text() == blocker.args[0].problem_text("ko") and box.text()
    assert widget.details_button.text() == "자세히…"
    box.close()
    service.stop()
    service.wait()
