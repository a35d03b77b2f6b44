"""Sync fixtures: a real PostgreSQL server (see sync_support) and provisioned stations."""

from __future__ import annotations

import pytest
from sync_support import EVENT_MORNING_MS, PostgresServer, Stations, pg_bindir

from checkin.clock import FixedClock
from checkin.people import attendees
from consents import all_agreed


@pytest.fixture(scope="session")
def postgres_server():
    bindir = pg_bindir()
    if bindir is None:
        pytest.skip(
            "PostgreSQL server binaries are not installed (Debian package 'postgresql'; "
            "./scripts/bootstrap --test installs it)"
        )
    server = PostgresServer(bindir)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture
def hub_url(postgres_server) -> str:
    """A fresh, empty database on the test server for one test."""
    return postgres_server.new_database()


@pytest.fixture
def stations(tmp_path):
    clock = FixedClock(EVENT_MORNING_MS)
    made = Stations(tmp_path, clock)
    people = attendees.add_attendees(
        made.org,
        clock,
        all_agreed([
            {"display_name": "김민수", "category": "defector", "phone": "010-1234-5678"},
            {"display_name": "한별", "full_name": "이영희", "category": "family",
             "phone": "01098765432", "notes": "가족 연락 금지"},
            {"display_name": "John Smith", "category": "press", "email": "john@example.org"},
            {"display_name": "박지수", "category": "volunteer", "access_needs": "휠체어"},
        ]),
    )  # fmt: skip
    made.people = people
    yield made
    made.close()
