"""The shared UI pieces: Korean font, translations, background tasks."""

from __future__ import annotations

import threading
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPainter

from checkin import errors
from checkin.people import attendees
from checkin.ui import i18n, worker
from checkin.ui.widgets import fonts


def test_bundled_font_covers_hangul(qapp) -> None:
    assert fonts.FAMILY in fonts.load_bundled_fonts()
    metrics = QFontMetrics(fonts.app_font(20))
    for ch in "김민수북한이탈주민의날똠뷁":
        assert metrics.inFontUcs4(ord(ch)), ch


def test_hangul_is_really_drawn(qapp) -> None:
    """Render Hangul with the app font: ink must appear (not empty boxes or nothing)."""

    def ink(text: str) -> int:
        image = QImage(200, 60, QImage.Format.Format_Grayscale8)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setFont(fonts.app_font(28))
        painter.setPen(QColor("black"))
        painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, text)
        painter.end()
        return sum(
            1 for y in range(image.height()) for x in range(image.width())
            if QColor(image.pixel(x, y)).lightness() < 128
        )  # fmt: skip

    # Distinct syllables give distinct ink; a missing-glyph box would look the same.
    assert ink("김") > 30 and ink("똠") > 30
    assert ink("김") != ink("똠")


def test_every_translatable_module_has_complete_korean(tmp_path) -> None:
    modules = i18n.translatable_modules()
    for module in modules:
        committed = i18n.i18n_dir() / i18n.ts_name_for(module)
        assert committed.exists(), f"{committed.name} missing: run python -m checkin.ui.i18n update"
        fresh = tmp_path / committed.name
        fresh.write_bytes(committed.read_bytes())
        i18n.update([module], target_dir=tmp_path)
        messages = ET.parse(fresh).getroot().iter("message")
        for message in messages:
            source = message.findtext("source")
            translation = message.find("translation")
            assert translation is not None
            assert translation.get("type") not in ("unfinished", "vanished", "obsolete"), (
                f"{committed.name}: untranslated {source!r}"
            )
            assert (translation.text or "").strip(), f"{committed.name}: empty {source!r}"
            for marker in ("%1", "%2", "%n"):
                if marker in (source or ""):
                    assert marker in translation.text, (
                        f"{committed.name}: {marker} lost in {source!r}"
                    )


def test_language_switch_without_translations_is_harmless(qapp) -> None:
    i18n.set_language("ko")
    assert i18n.current_language() == "ko"
    i18n.set_language("en")
    assert i18n.current_language() == "en"
    with pytest.raises(ValueError):
        i18n.set_language("fr")


def test_an_op_reports_back_on_the_ui_thread(qtbot) -> None:
    seen = []

    def work(ef, progress):
        assert ef is None  # no event file asked for
        for i in range(3):
            progress(i + 1, 3)
        return "finished"

    # Callbacks are connected before the work starts: a waitSignal set up after
    # run_op returns can miss a signal emitted by fast work.
    results = []
    worker.run_op(None, work, results.append, on_progress=lambda d, t: seen.append((d, t)))
    qtbot.waitUntil(lambda: results == ["finished"], timeout=5000)
    qtbot.waitUntil(lambda: len(seen) == 3)


def test_an_op_gets_its_own_connection_closed_after(qtbot, ef, people) -> None:
    seen = []

    def work(own, _progress):
        seen.append(own)
        assert own is not ef and own.path == ef.path
        return attendees.count(own)

    results = []
    worker.run_op(worker.EventFileSpec(str(ef.path)), work, results.append)
    qtbot.waitUntil(lambda: results == [len(people)], timeout=5000)
    with pytest.raises(Exception, match="closed"):
        seen[0].conn.total_changes  # noqa: B018 (closed on the worker's thread)


def test_a_bug_is_logged_once_with_its_traceback(qtbot, caplog) -> None:
    def work(ef, progress):
        raise ValueError("bad row")

    failures = []
    worker.run_op(None, work, on_error=failures.append, what="a test op")
    qtbot.waitUntil(lambda: len(failures) == 1, timeout=5000)
    exc = failures[0]
    assert isinstance(exc, ValueError) and "bad row" in exc.traceback_text
    assert worker.is_bug(exc)
    assert [r.getMessage().splitlines()[0] for r in caplog.records if r.levelname == "ERROR"] == [
        "a test op failed: Traceback (most recent call last):"
    ]
    problem = worker.problem_of(exc, "Sync", "동기화가")
    assert problem.code == "bug" and "ValueError" in problem.message("en")
    assert problem.message("ko").startswith("동기화가")


def test_a_persons_problem_is_passed_as_it_is(qtbot, caplog, tmp_path) -> None:
    failures = []
    spec = worker.EventFileSpec(str(tmp_path / "missing.checkin"))
    worker.run_op(spec, lambda ef, p: None, on_error=failures.append)
    qtbot.waitUntil(lambda: len(failures) == 1, timeout=5000)
    assert isinstance(failures[0], errors.EventFileNotFound)
    assert not worker.is_bug(failures[0]) and worker.problem_of(failures[0]) is failures[0]
    assert not [r for r in caplog.records if r.levelname == "ERROR"]
    disk = worker.problem_of(OSError(28, "No space left on device"), "The export", "내보내기가")
    assert disk.code == "os_error" and "No space left" in disk.message("en")


def test_a_query_runner_shows_only_answers_to_the_newest_question(qtbot, ef, people) -> None:
    runner = worker.QueryRunner(worker.EventFileSpec(str(ef.path)), "test query")
    answers = []
    runner.answered.connect(answers.append)
    gate = threading.Event()

    def slow(own):
        gate.wait(5)
        return "old"

    runner.ask(slow)
    runner.ask(lambda own: attendees.count(own))  # asked while the first one runs
    gate.set()
    qtbot.waitUntil(lambda: answers == [len(people)], timeout=5000)
    qtbot.wait(50)
    assert answers == [len(people)]  # the first answer was dropped
    gate.clear()
    runner.ask(slow)
    runner.invalidate()  # a local change while it runs: ask it again
    gate.set()
    qtbot.waitUntil(lambda: answers[1:] == ["old"], timeout=5000)
    runner.ask(lambda own: 1 / 0)
    failures = []
    runner.failed.connect(failures.append)
    qtbot.waitUntil(lambda: len(failures) == 1, timeout=5000)
    assert isinstance(failures[0], ZeroDivisionError)
    runner.shutdown()
    runner.ask(lambda own: "after")
    qtbot.wait(50)
    assert "after" not in answers


def test_a_periodic_question_asked_again_keeps_the_answer_in_flight(qtbot, ef) -> None:
    runner = worker.QueryRunner(worker.EventFileSpec(str(ef.path)), "test recount")
    answers = []
    runner.answered.connect(answers.append)
    gate = threading.Event()
    calls = []

    def count(own):
        calls.append(1)
        gate.wait(5)
        return len(calls)

    runner.ask(count, same=True)
    runner.ask(count, same=True)
    gate.set()
    qtbot.waitUntil(lambda: answers == [1, 2], timeout=5000)
    runner.shutdown()


def test_korean_translation_is_loaded_and_unloaded(qapp) -> None:
    from PySide6.QtCore import QCoreApplication

    text = "An unexpected error happened. You can keep working."
    i18n.set_language("ko")
    try:
        assert QCoreApplication.translate("ErrorDialog", text).startswith("예상하지 못한")
    finally:
        i18n.set_language("en")
    assert QCoreApplication.translate("ErrorDialog", text) == text


def test_an_unexpected_modal_dialog_fails_instead_of_hanging(qtbot, mocker) -> None:
    """tests/ui/conftest.py: nobody answers a dialog offscreen, so one a test did not
    expect (exec, or Qt's static question/file/input dialogs) fails it at once."""
    from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

    dialog = QDialog()
    qtbot.addWidget(dialog)
    with pytest.raises(AssertionError, match="unexpected modal dialog QDialog"):
        dialog.exec()
    with pytest.raises(AssertionError, match=r"QMessageBox\.question"):
        QMessageBox.question(None, "?", "?")
    with pytest.raises(AssertionError, match=r"QFileDialog\.getSaveFileName"):
        QFileDialog.getSaveFileName(None, "?")
    with pytest.raises(AssertionError, match=r"QInputDialog\.getItem"):
        QInputDialog.getItem(None, "?", "?", ["a"])
    # a test that expects one gives its answer
    mocker.patch.object(QMessageBox, "question", return_value=QMessageBox.StandardButton.Yes)
    assert QMessageBox.question(None, "?", "?") == QMessageBox.StandardButton.Yes


def test_leftover_threads_and_open_files_are_found(monkeypatch, tmp_path, clock) -> None:
    """What the teardown check (tests/leftovers_check.py) reports, and that it cleans up."""
    from leftovers_check import Watch
    from PySide6.QtCore import QThread

    from checkin.event import identity

    watch = Watch().install(monkeypatch)
    thread = QThread()
    thread.setObjectName("forgotten-worker")
    thread.start()
    ef = identity.create_event(tmp_path / "e.db", name="행사", date="2027-07-14", clock=clock)
    closed = identity.create_event(tmp_path / "c.db", name="행사", date="2027-07-14", clock=clock)
    closed.close()
    dropped = identity.create_event(tmp_path / "d.db", name="행사", date="2027-07-14", clock=clock)
    del dropped  # unclosed, but gone with its last reference: its connection too
    try:
        running, left_open = watch.problems(grace_ms=50)
    finally:
        thread.quit()
        assert thread.wait(5000)
    assert running == "threads still running: forgotten-worker"
    assert left_open.startswith("event files left open: e.db (opened by ui/test_ui_foundation.py:")
    assert "c.db" not in left_open and "d.db" not in left_open
    ef.close()
