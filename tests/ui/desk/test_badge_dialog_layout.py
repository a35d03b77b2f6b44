"""The badge dialog makes room for its reprint section: no cut-off sentences, no
squashed reason box, in both languages."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QLabel

from checkin.badges import service as badges_mod
from checkin.event import identity as event_mod
from checkin.ui.desk.badge_print_dialog import BadgePrintDialog
from checkin.ui.desk.badge_printer import BadgePrinterSettings
from checkin.ui.worker import EventFileSpec


def cut_off(dialog) -> list[str]:
    """Visible texts that do not fit the room their widget was given."""
    out = []
    for label in [*dialog.reprint_box.findChildren(QLabel), dialog.printer_label]:
        if not label.isVisible() or not label.text():
            continue
        if label.wordWrap() and label.heightForWidth(label.width()) > label.height():
            out.append(f"wrapped text cut: {label.text()[:30]}")
        elif not label.wordWrap() and label.sizeHint().width() > label.width():
            out.append(f"text cut: {label.text()[:30]}")
    for box in dialog.reprint_box.findChildren(QComboBox):
        if box.height() < box.sizeHint().height() or box.width() < box.minimumSizeHint().width():
            out.append("reason box squashed")
    for check in dialog.reprint_box.findChildren(QCheckBox):
        if check.width() < check.sizeHint().width():
            out.append(f"checkbox cut: {check.text()[:30]}")
    if not dialog.rect().contains(dialog.reprint_box.geometry()):
        out.append("reprint section outside the dialog")
    return out


@pytest.mark.parametrize("lang", ["english", "korean"])
def test_the_reprint_section_fits_when_it_appears(qtbot, request, ef, clock, people, tmp_path,
                                                  lang) -> None:  # fmt: skip
    request.getfixturevalue(lang)
    station = event_mod.info(ef).station.station_id
    store = BadgePrinterSettings(
        station, QSettings(str(tmp_path / "qt.ini"), QSettings.Format.IniFormat)
    )
    a = people[0]
    dialog = BadgePrintDialog(EventFileSpec(str(ef.path)), a.id, clock=clock, settings=store)
    qtbot.addWidget(dialog, before_close_func=QDialog.reject)  # closes its file
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.reprint_box.isHidden()
    badges_mod.record_prints(ef, clock, [a], "cr80", "pdf")  # printed once: now a reprint
    dialog.reload()
    dialog.retranslate()
    qtbot.wait(20)
    assert dialog.reprint_box.isVisible()
    assert cut_off(dialog) == []
