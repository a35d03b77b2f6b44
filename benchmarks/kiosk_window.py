"""The app's main window on an event file, as the GUI benchmarks drive it.

``bench_kiosk.py`` and ``bench_groups.py`` measure the scan screen the way a volunteer
uses it: the real window at a laptop's size, sounds off, preferences in a scratch folder.
"""

from __future__ import annotations

import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class KioskWindow:
    ef: Any
    session: Any
    window: Any
    loop: Any

    def pump(self, ms: int) -> None:
        """Let Qt run for ``ms`` milliseconds (timers, paints, workers' answers)."""
        from PySide6.QtCore import QEventLoop

        end = time.perf_counter() + ms / 1000
        while time.perf_counter() < end:
            self.loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)


def open_window(path: Path) -> KioskWindow:
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    from checkin.db.eventfile import open_event_file
    from checkin.ui import app as app_mod
    from checkin.ui import i18n
    from checkin.ui.main_window import MainWindow
    from checkin.ui.preferences import Preferences
    from checkin.ui.session import EventSession

    qapp = QApplication.instance() or QApplication([])
    app_mod.configure_application(qapp)
    i18n.set_language("ko")
    ef = open_event_file(path)
    session = EventSession(ef)
    prefs = Preferences.load(Path(tempfile.mkdtemp(prefix="bench-prefs-")) / "p.json")
    prefs.sound_on = False
    window = MainWindow(prefs)
    window.set_session(session)
    window.resize(1366, 768)
    window.show()
    return KioskWindow(ef, session, window, QEventLoop())
