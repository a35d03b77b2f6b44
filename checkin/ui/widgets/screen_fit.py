"""Dialogs that fit the screen of a 1366x768 laptop.

A tall dialog (the attendee form with its consent text, the detail view with its
history) can be taller than what a 768-pixel screen leaves under the title bar and the
taskbar: its buttons then sit below the screen, out of reach. ``FormScrollArea`` holds
the form at its full size when there is room and lets it scroll when there is not;
``fit_to_screen`` shrinks and moves a window so all of it is on its screen.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

MIN_FORM_HEIGHT = 160  # the form may shrink to this and scroll; below it, it is useless
TITLE_BAR = 32  # room kept for the title bar before the window is shown (no frame yet)


class FormScrollArea(QScrollArea):
    """Holds ``widget`` at its own size when there is room; scrolls it when there is not."""

    def __init__(self, widget: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(widget)

    def sizeHint(self) -> QSize:
        inner = self.widget()
        return inner.sizeHint() if inner is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        inner = self.widget()
        if inner is None:
            return super().minimumSizeHint()
        width = inner.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
        return QSize(width, min(MIN_FORM_HEIGHT, inner.minimumSizeHint().height()))


def fit_to_screen(window: QWidget) -> None:
    """Size ``window`` to its size hint, within its screen (down to its minimum), and move
    it so all of it is on that screen."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    area = screen.availableGeometry()
    frame = window.frameGeometry()
    # The frame is not always known before the window is first shown: keep at least
    # room for a title bar and a border.
    title = max(frame.height() - window.height(), TITLE_BAR + 8)
    edge = max(0, (frame.width() - window.width()) // 2)
    hint = window.sizeHint()
    height = min(max(window.height(), hint.height()), area.height() - title)
    width = min(max(window.width(), hint.width()), area.width() - 2 * edge)
    if (width, height) != (window.width(), window.height()):
        window.resize(max(width, window.minimumWidth()), max(height, window.minimumHeight()))
    frame = window.frameGeometry()
    full_height = window.height() + title
    full_width = window.width() + 2 * edge
    x = min(max(frame.left(), area.left()), area.left() + area.width() - full_width)
    y = min(max(frame.top(), area.top()), area.top() + area.height() - full_height)
    if (x, y) != (frame.left(), frame.top()):
        window.move(max(x, area.left()), max(y, area.top()))
