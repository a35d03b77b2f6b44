"""The Qt bindings must keep Python's ``None`` alive.

PySide6 6.12.0 on Python 3.11 drops a reference to ``None`` on every call of a method
that returns nothing; after a few thousand calls the interpreter aborts with
"deallocating None", which would take a kiosk down within minutes. Python 3.12+ makes
``None`` immortal, so this only bites on 3.11, which the project supports.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel


def test_void_calls_do_not_consume_references_to_none(qapp) -> None:
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
        QCoreApplication.processEvents()
    assert sys.getrefcount(None) - before > -100
