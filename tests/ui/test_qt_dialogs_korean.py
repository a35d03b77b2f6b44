"""Qt's own dialogs (file chooser, print dialog) are all Korean in Korean mode."""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QComboBox, QFileDialog, QTreeView, QWidget

ENGLISH = re.compile(r"[A-Za-z]{3,}")
ALLOWED = {"PDF"}  # a format's name


def english_texts(dialog: QWidget) -> set[str]:
    found = set()
    for w in [dialog, *dialog.findChildren(QWidget)]:
        for name in ("text", "title", "windowTitle", "toolTip", "placeholderText"):
            getter = getattr(w, name, None)
            if callable(getter):
                try:
                    text = getter()
                except TypeError:
                    continue
                if isinstance(text, str):
                    found.add(text)
        if isinstance(w, QComboBox):
            found |= {w.itemText(i) for i in range(w.count())}
        if isinstance(w, QTreeView) and w.model() is not None:
            model = w.model()
            found |= {
                str(model.headerData(c, Qt.Orientation.Horizontal))
                for c in range(model.columnCount())
            }
    for action in dialog.findChildren(QAction):
        found |= {action.text(), action.toolTip()}
    return {
        t for t in found
        if t and not t.startswith("/") and set(ENGLISH.findall(t)) - ALLOWED
    }  # fmt: skip


def test_the_file_and_print_dialogs_are_korean(qtbot, korean, tmp_path) -> None:
    dialogs = []
    for mode in (QFileDialog.AcceptMode.AcceptSave, QFileDialog.AcceptMode.AcceptOpen):
        d = QFileDialog(None, "저장", str(tmp_path))
        d.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        d.setAcceptMode(mode)
        dialogs.append(d)
    printer = QPrinter()  # kept: the dialog does not own it
    dialogs.append(QPrintDialog(printer))
    for d in dialogs:
        qtbot.addWidget(d)
        d.show()
        qtbot.waitExposed(d)
        assert english_texts(d) == set(), type(d).__name__
        d.close()
