"""Korean for the few texts of Qt's own dialogs that Qt's Korean translation lacks.

``i18n.set_language("ko")`` loads Qt's ``qtbase_ko`` from PySide6's translations folder
for the file chooser, the print dialog and the standard buttons, but it leaves some
labels in English (those with a keyboard mnemonic, "&Look in:", "Files of &type:").
They are listed here, in Qt's own translation contexts, so ``scripts/update-translations``
puts them in ``qt_texts_ko.ts`` beside the app's texts and the same translator loads
them (Qt's translation is asked first; these only fill its gaps).
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

QT_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Page &Set:"),
)
