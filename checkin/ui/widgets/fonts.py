"""The bundled Korean font, loaded into Qt so Hangul renders on any machine."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from checkin.assets import font_files

log = logging.getLogger(__name__)

FAMILY = "NanumSquare"
_loaded: list[str] = []


def load_bundled_fonts() -> list[str]:
    """Register the fonts in assets/fonts with Qt (once); returns their families."""
    if _loaded:
        return list(_loaded)
    for path in font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id < 0:
            log.warning("could not load font %s", Path(path).name)
            continue
        for family in QFontDatabase.applicationFontFamilies(font_id):
            if family not in _loaded:
                _loaded.append(family)
    return list(_loaded)


def app_font(point_size: float | None = None, bold: bool = False) -> QFont:
    font = QFont(FAMILY)
    font.setStyleHint(QFont.StyleHint.SansSerif)
    if point_size:
        font.setPointSizeF(point_size)
    font.setBold(bold)
    return font


def apply_app_font(app: QApplication, point_size: float = 12) -> None:
    """Make the bundled font the application's font (Hangul and Latin)."""
    load_bundled_fonts()
    app.setFont(app_font(point_size))
