"""Text in the *other* language, for the door's bilingual lines.

The kiosk shows an outcome big in the chosen language and smaller in the other one
(Korean first, English below, or the other way round), so an attendee who reads only
one of them still understands. ``other(context, source)`` gives the second line:
the English source text when Korean is on, the Korean translation when English is on
(from the same ``.qm`` files, loaded privately, not installed).

Widgets that show such a line set the dynamic property ``secondaryLanguage`` so the
"no untranslated text in Korean" test knows the English there is intended.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QWidget

from checkin.ui import i18n

log = logging.getLogger(__name__)

SECONDARY_PROPERTY = "secondaryLanguage"
_translate = QCoreApplication.translate
_korean: list[QTranslator] = []
_loaded = False


def _korean_translators() -> list[QTranslator]:
    global _loaded
    if not _loaded:
        _loaded = True
        for qm in sorted(i18n.i18n_dir().glob("*_ko.qm")):
            translator = QTranslator()
            if translator.load(str(qm)):
                _korean.append(translator)
            else:
                log.warning("could not load %s", qm.name)
    return _korean


def korean(context: str, source: str) -> str:
    for translator in _korean_translators():
        text = translator.translate(context, source)
        if text:
            return text
    return source


def primary(context: str, source: str) -> str:
    return _translate(context, source)


def other(context: str, source: str) -> str:
    """``source`` in the language that is not the current one."""
    if i18n.current_language() == "ko":
        return source
    return korean(context, source)


def mark_secondary(widget: QWidget) -> QWidget:
    widget.setProperty(SECONDARY_PROPERTY, True)
    return widget


def reload() -> None:
    """Forget the loaded translations (after ``.ts`` files were rebuilt)."""
    global _loaded
    _korean.clear()
    _loaded = False
