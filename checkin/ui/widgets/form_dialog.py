"""The shape every small form dialog shares: a body, one error line, OK (and Cancel).

A subclass puts its fields into ``self.body`` (a vertical layout), calls ``finish()`` at
the end of its ``__init__`` (the error line and the buttons go below, the texts are
set), implements ``retranslate()`` (every visible text, called again on each language
change) and ``try_accept()`` (check, do the work, ``fail(...)`` on a problem a person can
fix, ``accept()`` when done)::

    class StationDialog(FormDialog):
        def __init__(self, session, parent=None):
            super().__init__(parent, name="stationDialog", error_name="stationError")
            self.name = QLineEdit()
            self.body.addWidget(self.name)
            self.finish()

        def retranslate(self):              # every text through self.tr, as usual
            self.setWindowTitle(title)
            self.set_button_texts(start)

The base class has no words of its own: each dialog translates its buttons in its own
context, so the texts stay in that dialog's ``.ts`` file.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPushButton, QVBoxLayout, QWidget

from checkin import errors
from checkin.ui import i18n
from checkin.ui.theme import Size
from checkin.ui.widgets import fonts
from checkin.ui.widgets.error_dialog import inline_error

_OK = QDialogButtonBox.StandardButton.Ok
_CANCEL = QDialogButtonBox.StandardButton.Cancel


class FormDialog(QDialog):
    """A form dialog: ``body``, ``error`` (hidden until ``fail``), ``buttons``."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        name: str,
        error_name: str = "",
        cancel: bool = True,
        accept_button: QDialogButtonBox.StandardButton = _OK,
        font_size: float | None = Size.BODY,
        min_width: int = 0,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        if font_size:
            self.setFont(fonts.app_font(font_size))
        self.error = inline_error(error_name)
        self._accept_kind = accept_button  # OK, or Save for a dialog that stores settings
        self.buttons = QDialogButtonBox(accept_button | _CANCEL if cancel else accept_button)
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        if min_width:
            self.setMinimumWidth(min_width)

    def finish(self) -> None:
        """End of the subclass's ``__init__``: error line and buttons below the body, texts set."""
        self.body.addWidget(self.error)
        self.body.addWidget(self.buttons)
        self.retranslate()

    # -- buttons and the error line ---------------------------------------------------

    @property
    def ok_button(self) -> QPushButton:
        """The button that accepts (OK or Save)."""
        return self.buttons.button(self._accept_kind)

    @property
    def cancel_button(self) -> QPushButton | None:
        return self.buttons.button(_CANCEL)

    def set_button_texts(self, ok: str, cancel: str | None = None) -> None:
        self.ok_button.setText(ok)
        button = self.cancel_button
        if cancel is not None and button is not None:
            button.setText(cancel)

    def fail(self, problem: str | errors.CheckinError) -> None:
        """Say what is wrong on the error line (an error in the app's language)."""
        text = problem if isinstance(problem, str) else problem.message(i18n.current_language())
        self.error.setText(text)
        self.error.show()

    def clear_error(self) -> None:
        self.error.clear()
        self.error.hide()

    # -- for subclasses ---------------------------------------------------------------

    def retranslate(self) -> None:
        """Set every visible text; called by ``finish`` and on each language change."""

    def try_accept(self) -> None:
        """OK was pressed: check and do the work; ``fail`` or ``accept``."""
        self.accept()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
