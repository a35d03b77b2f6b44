"""The Qt part of ``checkin --self-test``: draw the check-in screen offscreen.

Proves that the Qt libraries, the platform plugin, the bundled Korean font and the
compiled Korean translations are all present (in a frozen app especially).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import QApplication

from checkin.event.files import open_event_file
from checkin.ui import i18n
from checkin.ui.theme import Size
from checkin.ui.widgets import fonts


def draw_scan_screen(path: Path, passphrase: str | None) -> str:
    from checkin.ui.kiosk.scan_screen import ScanScreen
    from checkin.ui.kiosk.sounds import Sounds
    from checkin.ui.session import EventSession
    from checkin.ui.widgets.error_dialog import route_qt_messages

    route_qt_messages()  # Qt's notes (offscreen platform) go to the log, not the terminal
    app = QApplication.instance() or QApplication(sys.argv[:1])
    families = fonts.load_bundled_fonts()
    if fonts.FAMILY not in families:
        raise RuntimeError(f"bundled font not loaded ({families})")
    app.setFont(fonts.app_font(Size.APP))
    if not all(
        QFontMetrics(fonts.app_font(Size.TITLE)).inFontUcs4(ord(ch)) for ch in "북한이탈주민"
    ):
        raise RuntimeError("the bundled font lacks Hangul")
    i18n.set_language("ko")
    # A message every build translates (checked, not shown).
    translated = i18n.translate(
        "ErrorDialog", "An unexpected error happened. You can keep working."
    )
    if translated.isascii():
        raise RuntimeError("the Korean translations (.qm) are missing")
    session = EventSession(open_event_file(path, passphrase), passphrase)
    screen = ScanScreen(session, Sounds(enabled=False))
    try:
        screen.resize(1280, 720)
        screen.show()
        app.processEvents()
        image = screen.grab().toImage()
        dark = sum(
            1
            for y in range(0, image.height(), 4)
            for x in range(0, image.width(), 4)
            if QColor(image.pixel(x, y)).lightness() < 100
        )
        if dark < 50:
            raise RuntimeError("the check-in screen drew nothing")
    finally:
        screen.shutdown()
        screen.deleteLater()
        session.close()
        i18n.set_language("en")
    return f"{image.width()}x{image.height()} drawn with {fonts.FAMILY}, Korean loaded"
