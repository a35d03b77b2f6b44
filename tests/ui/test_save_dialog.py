"""Every save dialog starts in one folder: the last one saved into, else Documents/home."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog

from checkin.ui.console.bulk_badges_dialog import BulkBadgesDialog
from checkin.ui.desk.badge_print_dialog import BadgePrintDialog
from checkin.ui.widgets import save_dialog
from checkin.ui.worker import EventFileSpec


def test_save_dialogs_start_in_the_last_folder_used(qtbot, mocker, ef, people, clock,
                                                    tmp_path, english) -> None:  # fmt: skip
    asked: list[str] = []
    chosen = tmp_path / "usb"
    chosen.mkdir()

    def fake(parent, title, default, filters):
        asked.append(default)
        return str(chosen / "mine"), ""

    mocker.patch.object(QFileDialog, "getSaveFileName", side_effect=fake)
    first = save_dialog.start_folder()
    assert first.is_dir() and first != chosen
    spec = EventFileSpec(str(ef.path))
    bulk = BulkBadgesDialog(spec, clock=clock)
    qtbot.addWidget(bulk, before_close_func=QDialog.reject)  # closes its file
    mocker.patch.object(bulk, "start_pdf")
    bulk.choose_pdf()
    assert Path(asked[0]) == first / "badges.pdf"
    # the suffix added; the reason the export question got (the tests answer "door")
    bulk.start_pdf.assert_called_once_with(str(chosen / "mine.pdf"), "door")
    # the next dialog, another kind, starts where the last file went
    badge = BadgePrintDialog(spec, people[0].id, clock=clock)
    qtbot.addWidget(badge, before_close_func=QDialog.reject)  # closes its file
    badge.save_file()
    assert Path(asked[1]).parent == chosen and Path(asked[1]).name.startswith("badge-")
    assert save_dialog.start_folder() == chosen  # remembered across runs


def test_a_vanished_folder_falls_back(tmp_path) -> None:
    gone = tmp_path / "gone"
    save_dialog.remember(gone)
    assert save_dialog.start_folder() != gone and save_dialog.start_folder().is_dir()
