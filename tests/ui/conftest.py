"""Fixtures for GUI tests: real widgets, offscreen, bundled fonts, translations built."""

from __future__ import annotations

import pytest

from checkin.ui import i18n
from checkin.ui.widgets import fonts


@pytest.fixture(scope="session", autouse=True)
def _qt_resources(qapp):
    i18n.build()
    fonts.apply_app_font(qapp)
    yield


@pytest.fixture(autouse=True)
def _save_folder(tmp_path_factory, monkeypatch):
    """The remembered save folder (``checkin.ui.widgets.save_dialog``) lives in a temporary data
    folder, never the user's."""
    monkeypatch.setenv("CHECKIN_DATA_DIR", str(tmp_path_factory.mktemp("data")))


@pytest.fixture
def english(qapp):
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def korean(qapp):
    i18n.set_language("ko")
    yield
    i18n.set_language("en")


@pytest.fixture(autouse=True)
def _export_reason(request, monkeypatch):
    """Every export in the app asks why (ui.reason_dialog, a modal). GUI tests that are
    not about that question answer it as a volunteer would: "door". Tests of the
    dialog itself mark themselves ``real_reason_dialog``."""
    if request.node.get_closest_marker("real_reason_dialog"):
        return
    from checkin.ui.widgets.reason_dialog import ReasonDialog

    monkeypatch.setattr(
        ReasonDialog,
        "ask",
        classmethod(lambda cls, parent, access, what: access.with_reason("door")),
    )
