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
