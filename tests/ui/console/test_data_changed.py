"""One signal for "the file changed": ``EventSession.data_changed(Changes)``. Whoever
writes says so on the session; the pages that show the data subscribe themselves."""

from __future__ import annotations

from checkin.door import stats
from checkin.event import identity as event
from checkin.event import settings as settings_mod
from checkin.people import attendees
from checkin.sync import status as status_mod
from checkin.ui.console.attendee_list_page import AttendeeListPage
from checkin.ui.console.dashboard_page import DashboardPage
from checkin.ui.console.sync_service import SyncService
from checkin.ui.console.sync_status_widget import SyncStatusWidget
from checkin.ui.session import EDITED, SCANNED, SYNCED, Changes


def code_of(ef, a) -> str:
    return event.badge_code(ef, a.id, a.badge_version)


def test_a_scan_is_said_once_on_the_session(qtbot, window, ef, people) -> None:
    seen: list[Changes] = []
    window.session.data_changed.connect(seen.append)
    window.scan_screen.handle_code(code_of(ef, people[0]))
    assert seen == [SCANNED]
    window.scan_screen.undo_last()
    assert seen == [SCANNED, SCANNED]


def test_pages_made_alone_follow_the_session(qtbot, session, ef, people) -> None:
    page = AttendeeListPage(session)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    dashboard = DashboardPage(session)
    qtbot.addWidget(dashboard)
    dashboard.show()
    qtbot.waitUntil(lambda: dashboard.data is not None, timeout=5000)
    attendees.add_attendee(ef, session.clock, display_name="가가", category="guest")
    session.engine.check_in(people[0].id)
    with (
        qtbot.waitSignal(page.refreshed, timeout=5000),
        qtbot.waitSignal(dashboard.refreshed, timeout=5000),
    ):
        session.changed(EDITED)
    assert page.model.rowCount() == len(people) + 1
    assert dashboard.data.stats.checked_in == 1
    dashboard.shutdown()


def test_the_scan_screen_recounts_what_others_wrote(qtbot, window, ef, people) -> None:
    counters = window.scan_screen.counters
    qtbot.waitUntil(lambda: counters.counts is not None, timeout=5000)
    window.session.engine.check_in(people[1].id)  # e.g. at the desk dialog
    with qtbot.waitSignal(counters.refreshed, timeout=5000):
        window.session.changed(EDITED)
    assert counters.counts.checked_in == stats.compute(ef).checked_in == 1


def test_a_sync_rereads_the_settings_and_recounts(qtbot, window, ef, clock, people) -> None:
    counters = window.scan_screen.counters
    qtbot.waitUntil(lambda: counters.counts is not None, timeout=5000)
    settings_mod.update(ef, clock, {"name_en": "Renamed by the organizer"})
    window.session.engine.check_in(people[3].id)  # as if merged from another door
    with (
        qtbot.waitSignal(window.session.settings_changed, timeout=2000),
        qtbot.waitSignal(counters.refreshed, timeout=5000),
    ):
        window.sync_service.newData.emit(3)  # rows arrived from other stations
    assert window.session.settings.title("en") == "Renamed by the organizer"
    assert window.scan_screen.event_title.text() == "Renamed by the organizer"
    assert counters.counts.checked_in == 1


def test_only_the_scan_screens_own_check_ins_are_pushed_at_once(qtbot, window, ef, people):
    service = window.sync_service
    status_mod.save_config(ef, status_mod.SyncConfig(hub_url="postgresql://x@127.0.0.1:1/y"))
    service.config = status_mod.load_config(ef)
    service.stop()  # no rounds in this test: only whether a push is asked for
    window.session.changed(EDITED)
    assert not service._push_timer.isActive()
    window.session.changed(SYNCED)
    assert not service._push_timer.isActive()
    window.scan_screen.handle_code(code_of(ef, people[2]))
    assert service._push_timer.isActive()
    service._push_timer.stop()


def test_the_sync_parts_made_alone_follow_the_session(qtbot, session, ef, people) -> None:
    config = status_mod.SyncConfig(hub_url="postgresql://x@127.0.0.1:1/y")
    service = SyncService(session.spec(), config, session.clock, session=session)
    service.stop()  # no rounds: only who hears what
    widget = SyncStatusWidget(ef, service, session=session)
    qtbot.addWidget(widget)
    widget.show()
    before = widget._data["pending"]
    seen: list[Changes] = []
    session.data_changed.connect(seen.append)
    service.newData.emit(2)  # a round brought rows from other stations
    assert seen == [SYNCED]
    assert not service._push_timer.isActive()  # rows merged in are not pushed back at once
    session.engine.check_in(people[0].id)
    session.changed(SCANNED)
    assert service._push_timer.isActive()
    service._push_timer.stop()
    qtbot.waitUntil(lambda: widget._data["pending"] > before, timeout=3000)  # recounted
    widget.stop()
