"""Shared fixtures. Qt runs offscreen; logs go to a temporary folder."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from checkin.clock import FixedClock
from checkin.door.engine import CheckinEngine
from checkin.event import identity as event
from checkin.people import attendees
from checkin.protect.access import Access
from consents import all_agreed

# 2027-07-15 10:00 KST (01:00 UTC): a morning just after Defectors' Day (fixed test time)
EVENT_MORNING_MS = 1_815_613_200_000


@pytest.fixture(autouse=True)
def _log_dir(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHECKIN_LOG_DIR", str(tmp_path_factory.mktemp("logs")))
    # The app's one-app-per-file locks (checkin.ui.widgets.instance_guard), away from the machine's.
    monkeypatch.setenv("CHECKIN_RUNTIME_DIR", str(tmp_path_factory.mktemp("run")))
    monkeypatch.delenv("CHECKIN_LANG", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(EVENT_MORNING_MS)


@pytest.fixture
def ef(tmp_path, clock):
    f = event.create_event(
        tmp_path / "event.db", name="북한이탈주민의 날", date="2027-07-14", clock=clock
    )
    yield f
    f.close()


@pytest.fixture
def organizer(ef, clock) -> Access:
    """Organizer access to ``ef`` (the event has no PIN: whoever runs the app)."""
    return Access.for_file(ef, clock)


@pytest.fixture
def engine(ef, clock) -> CheckinEngine:
    return CheckinEngine(ef, clock)


@pytest.fixture
def people(ef, clock):
    """A few attendees of different kinds."""
    rows = [
        {
            "display_name": "김민수",
            "category": "defector",
            "phone": "010-1234-5678",
            "no_photo": True,
        },
        {
            "display_name": "한별",
            "full_name": "이영희",
            "category": "family",
            "phone": "01098765432",
        },
        {"display_name": "John Smith", "category": "press", "email": "john@example.org"},
        {"display_name": "박지수", "category": "volunteer", "access_needs": "휠체어 이용"},
        {"display_name": "남궁민", "category": "official", "organization": "통일부"},
    ]
    return attendees.add_attendees(ef, clock, all_agreed(rows))
