"""One app per event file on a computer: a second one says so and brings the first
to the front; the command line's read-only commands still work beside the app."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

import checkin
from checkin import errors
from checkin.cli import build_parser
from checkin.event import identity as event_mod
from checkin.ui import app as app_mod
from checkin.ui.dialogs.event_opener import EventOpener
from checkin.ui.dialogs.start_dialog import StartDialog
from checkin.ui.main_window import MainWindow
from checkin.ui.widgets import instance_guard

REPO = Path(checkin.__file__).resolve().parent.parent

# The first app, in its own process: the file open, claimed, answering on its socket.
FIRST_APP = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QCoreApplication, QTimer
    from checkin.db.eventfile import open_event_file
    from checkin.ui.widgets import instance_guard

    app = QCoreApplication([])
    ef = open_event_file(sys.argv[1])
    claim = instance_guard.claim(sys.argv[1], lambda: print("raised", flush=True))
    print("held", flush=True)
    QTimer.singleShot(60_000, app.quit)
    app.exec()
    """
)


@pytest.fixture
def runtime(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("CHECKIN_RUNTIME_DIR", str(folder))
    return folder


@pytest.fixture
def event_path(tmp_path, clock) -> Path:
    path = tmp_path / "door.checkin"
    event_mod.create_event(path, name="행사", clock=clock).close()
    return path


@pytest.fixture
def first_app(tmp_path, runtime, event_path):
    script = tmp_path / "first_app.py"
    script.write_text(FIRST_APP, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen(
        [sys.executable, str(script), str(event_path)], stdout=subprocess.PIPE, text=True, env=env
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "held"
    yield proc
    if proc.poll() is None:
        proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()


def test_a_second_app_is_refused_and_the_first_comes_to_the_front(
    qapp, first_app, event_path, runtime
) -> None:
    with pytest.raises(errors.AlreadyOpen) as info:
        instance_guard.claim(event_path)
    assert info.value.details["path"] == str(event_path)
    assert "brought to the front" in info.value.en and "앞으로 가져왔습니다" in info.value.ko
    assert first_app.stdout.readline().strip() == "raised"
    # Another spelling of the same path is the same file.
    other = event_path.parent / ".." / event_path.parent.name / event_path.name
    with pytest.raises(errors.AlreadyOpen):
        instance_guard.claim(other)
    assert first_app.stdout.readline().strip() == "raised"


def test_a_crashed_first_app_leaves_no_lock_behind(qapp, first_app, event_path, runtime) -> None:
    first_app.send_signal(signal.SIGKILL)
    first_app.wait(timeout=30)
    assert list(runtime.glob("checkin-*.lock"))  # left behind by the kill
    claim = instance_guard.claim(event_path)
    try:
        assert claim.active
    finally:
        claim.release()
    assert not list(runtime.glob("checkin-*.lock"))


def test_read_only_commands_work_beside_the_app(first_app, event_path, runtime) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    for argv in (
        ["stats"],
        ["search", "행사"],
        ["export", "--reason", "door", "--out", str(event_path) + ".csv"],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "checkin", argv[0], str(event_path), *argv[1:], "--json"],
            capture_output=True, text=True, env=env, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout.splitlines()[-1]).get("ok", True) is not False
    assert first_app.poll() is None  # and the app still runs


def test_claims_within_one_app_are_shared(qapp, runtime, event_path) -> None:
    first = instance_guard.claim(event_path)
    second = instance_guard.claim(event_path)  # the app reopening after a re-key
    first.release()
    assert list(runtime.glob("checkin-*.lock"))
    second.release()
    second.release()  # twice is harmless
    assert not list(runtime.glob("checkin-*.lock"))


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen only
def test_bring_to_front_restores_a_minimized_window(qtbot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.showMinimized()
    qtbot.waitUntil(window.isMinimized)
    instance_guard.bring_to_front(window)()
    assert window.isVisible() and not window.isMinimized()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_the_second_app_says_so_and_quits(
    qtbot, mocker, prefs, first_app, event_path, runtime, lang, request
) -> None:
    request.getfixturevalue("english" if lang == "en" else "korean")
    shown = []

    def record(box):
        shown.append(box.text())
        return QMessageBox.StandardButton.Ok

    mocker.patch.object(QMessageBox, "exec", record)
    first_run = mocker.patch.object(StartDialog, "exec")
    main = MainWindow(prefs)
    qtbot.addWidget(main)
    opener = EventOpener(prefs, main)
    args = build_parser().parse_args(["gui", str(event_path)])
    assert app_mod.open_start_event(args, opener, main) is None
    assert not first_run.called  # no start choices: the first app is the one to use
    assert len(shown) == 1
    expected = "already open in Check-in on this computer" if lang == "en" else "이미 열려"
    assert expected in shown[0] and str(event_path) in shown[0]
    assert first_app.stdout.readline().strip() == "raised"


def test_the_last_file_open_elsewhere_is_not_opened_twice(
    qtbot, mocker, prefs, first_app, event_path, runtime, english
) -> None:
    mocker.patch.object(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Ok)
    first_run = mocker.patch.object(StartDialog, "exec")
    prefs.last_file = str(event_path)
    main = MainWindow(prefs)
    qtbot.addWidget(main)
    opener = EventOpener(prefs, main)
    assert app_mod.open_start_event(build_parser().parse_args(["gui"]), opener, main) is None
    assert not first_run.called


def test_the_app_claims_its_file_until_the_event_closes(
    qtbot, mocker, prefs, runtime, event_path, english
) -> None:
    prefs.station(event_path).confirmed = True
    main = MainWindow(prefs)
    qtbot.addWidget(main)
    opener = EventOpener(prefs, main)
    session = opener.open_path(event_path)
    assert session is not None and session.claim is not None and session.claim.active
    main.set_session(session)
    assert list(runtime.glob("checkin-*.lock"))
    main.close_session()
    assert not list(runtime.glob("checkin-*.lock"))
