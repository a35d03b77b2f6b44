"""The shared UI pieces: Korean font, translations, background tasks."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetrics, QImage, QPainter

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


def test_task_reports_back_on_the_ui_thread(qtbot) -> None:
    seen = []

    def work(progress):
        for i in range(3):
            progress(i + 1, 3)
        return "finished"

    # Callbacks are connected before the task starts: a waitSignal set up after
    # run_task returns can miss a signal emitted by a fast task.
    results = []
    worker.run_task(work, on_done=results.append, on_progress=lambda d, t: seen.append((d, t)))
    qtbot.waitUntil(lambda: results == ["finished"], timeout=5000)
    qtbot.waitUntil(lambda: len(seen) == 3)


def test_task_failure_carries_the_traceback(qtbot) -> None:
    def work(progress):
        raise ValueError("bad row")

    failures = []
    worker.run_task(work, on_failed=failures.append)
    qtbot.waitUntil(lambda: len(failures) == 1, timeout=5000)
    exc = failures[0]
    assert isinstance(exc, ValueError) and "bad row" in exc.traceback_text


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
