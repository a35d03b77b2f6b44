"""The PIN dialog's texts are never clipped and never overlap the field: after a
mismatch, a wrong PIN and during the lockout countdown, in both languages."""

from __future__ import annotations

import pytest

from checkin.ui.widgets.pin_dialog import PinDialog


def problems(dialog: PinDialog) -> list[str]:
    """Labels whose wrapped text needs more height than they have; overlaps with a field."""
    out = []
    for label in (dialog.message, dialog.error, dialog.confirm_label):
        if label.isVisible() and label.heightForWidth(label.width()) > label.height():
            out.append(f"clipped: {label.text()[:30]}")
    for field in (dialog.field, dialog.confirm):
        both = field.isVisible() and dialog.error.isVisible()
        if both and field.geometry().intersects(dialog.error.geometry()):
            out.append(f"overlaps {field.objectName()}")
    if not dialog.rect().contains(dialog.buttons.geometry()):
        out.append("buttons cut off")
    return out


def shown(qtbot, dialog: PinDialog) -> PinDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@pytest.mark.parametrize("lang", ["english", "korean"])
def test_a_mismatch_is_shown_in_full(qtbot, request, lang) -> None:
    request.getfixturevalue(lang)
    dialog = shown(qtbot, PinDialog(new=True))
    before = dialog.height()
    dialog.field.setText("1111")
    dialog.confirm.setText("2222")
    dialog.try_accept()
    qtbot.wait(10)
    assert dialog.error.isVisible() and dialog.height() > before
    assert problems(dialog) == []


@pytest.mark.parametrize("lang", ["english", "korean"])
def test_the_lockout_countdown_does_not_overlap_the_field(qtbot, request, lang) -> None:
    request.getfixturevalue(lang)
    left = [0]
    dialog = shown(qtbot, PinDialog(verify=lambda pin: False, locked_ms=lambda: left[0]))
    dialog.field.setText("0000")
    dialog.try_accept()  # a wrong PIN ...
    qtbot.wait(10)
    assert problems(dialog) == []
    left[0] = 30_000  # ... and now PIN entry is locked: the countdown
    dialog.refresh_lock()
    qtbot.wait(10)
    assert "0:30" in dialog.error.text() and not dialog.field.isEnabled()
    assert problems(dialog) == []
