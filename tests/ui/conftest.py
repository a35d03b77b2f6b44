"""Fixtures for GUI tests: real widgets, offscreen, bundled fonts, translations built,
no dialog left to block a test."""

from __future__ import annotations

import pytest
from leftovers_check import Watch
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

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


# Everything that waits for a person in a nested event loop: offscreen, nobody answers.
_BLOCKING = {
    QDialog: ["exec"],
    QMessageBox: ["exec", "question", "warning", "information", "critical", "about"],
    QFileDialog: ["getOpenFileName", "getOpenFileNames", "getSaveFileName",
                  "getExistingDirectory"],
    QInputDialog: ["getText", "getMultiLineText", "getInt", "getDouble", "getItem"],
}  # fmt: skip


@pytest.fixture(autouse=True)
def _no_blocking_dialogs(monkeypatch):
    """A modal dialog a test did not expect fails the test instead of hanging it.
    A test that expects one patches it with its answer (``mocker.patch.object``)."""

    def refuse_exec(self, *args, **kwargs):
        raise AssertionError(f"unexpected modal dialog {type(self).__name__}")

    def refusing(name):
        def refuse(*args, **kwargs):
            raise AssertionError(f"unexpected modal dialog {name}")

        return refuse

    for cls, names in _BLOCKING.items():
        for name in names:
            monkeypatch.setattr(
                cls, name, refuse_exec if name == "exec" else refusing(f"{cls.__name__}.{name}")
            )


@pytest.fixture(autouse=True)
def _threads_and_files_end_with_the_test(monkeypatch):
    """Fails a test that leaves a worker thread running (a ``QThread``, a task on Qt's
    thread pool) or an event file open once its widgets and fixtures are gone
    (``leftovers_check``). Autouse, so it is set up before any fixture that opens a file
    and checks after they all have closed theirs."""
    watch = Watch().install(monkeypatch)
    yield
    problems = watch.problems()
    if problems:
        pytest.fail("; ".join(problems) + " (stop, wait for and close them at teardown)")


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
