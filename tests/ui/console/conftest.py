"""Fixtures for the organizer console: a real event file, real widgets, no blocking dialogs
(tests/ui/conftest.py)."""

from __future__ import annotations

import pytest

from checkin.ui.kiosk.sounds import Sounds
from checkin.ui.main_window import MainWindow
from checkin.ui.preferences import Preferences
from checkin.ui.session import EventSession


@pytest.fixture(autouse=True)
def _data_dir(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("CHECKIN_DATA_DIR", str(tmp_path_factory.mktemp("data")))


@pytest.fixture
def session(ef, clock, people):
    return EventSession(ef, clock=clock)


@pytest.fixture
def prefs(tmp_path):
    return Preferences.load(tmp_path / "prefs.json")


@pytest.fixture
def make_window(qtbot, prefs):
    made = []

    def make(session):
        w = MainWindow(prefs, Sounds(enabled=False))
        qtbot.addWidget(w, before_close_func=lambda widget: widget.lock.unlock())
        w.set_session(session)
        w.resize(1280, 800)
        w.show()
        qtbot.waitExposed(w)
        made.append(w)
        return w

    return make


@pytest.fixture
def window(make_window, session):
    return make_window(session)
