"""Fixtures for the kiosk screens: a real event file, real widgets, no blocking dialogs
(tests/ui/conftest.py)."""

from __future__ import annotations

import pytest

from checkin.ui.kiosk.scan_screen import ScanScreen
from checkin.ui.kiosk.sounds import Sounds
from checkin.ui.main_window import MainWindow
from checkin.ui.preferences import Preferences
from checkin.ui.session import EventSession
from checkin.ui.widgets import error_dialog


@pytest.fixture(autouse=True)
def _data_dir(tmp_path_factory, monkeypatch):
    """Preferences and the demo event go to a temporary folder, never the user's."""
    monkeypatch.setenv("CHECKIN_DATA_DIR", str(tmp_path_factory.mktemp("data")))


@pytest.fixture
def shown_errors(mocker):
    """Errors that would have been shown in a dialog (the dialog itself is patched)."""
    seen = []
    mocker.patch.object(error_dialog, "show_error", lambda parent, exc: seen.append(exc))
    return seen


@pytest.fixture
def session(ef, clock, people):
    s = EventSession(ef, clock=clock)
    yield s


@pytest.fixture
def sounds():
    return Sounds(enabled=False)


@pytest.fixture
def screen(qtbot, session, sounds):
    w = ScanScreen(session, sounds)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.counters.counts is not None, timeout=5000)
    yield w
    w.shutdown()


@pytest.fixture
def prefs(tmp_path):
    return Preferences.load(tmp_path / "prefs.json")


@pytest.fixture
def window(qtbot, session, prefs, sounds):
    w = MainWindow(prefs, sounds)
    # pytest-qt closes widgets before fixtures are torn down; a locked window would
    # refuse to close, so unlock it first.
    qtbot.addWidget(w, before_close_func=lambda widget: widget.lock.unlock())
    w.set_session(session)
    w.resize(1280, 800)
    w.show()
    qtbot.waitExposed(w)
    yield w
