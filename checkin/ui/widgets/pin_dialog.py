"""Asking for the organizer PIN: to unlock a kiosk, for organizer access (exports, the
audit log), or to set a new PIN (twice).

After too many wrong PINs the core locks PIN entry at this station for a while
(``checkin.protect.pin``); the dialog then disables the field and counts the time down,
once a second, while it is on screen (hidden or closed, it reads nothing more: the event
file may be closed by then).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRegularExpression, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QHideEvent, QRegularExpressionValidator, QShowEvent
from PySide6.QtWidgets import QDialog, QLabel, QLayout, QLineEdit, QWidget

from checkin import errors
from checkin.event.files import EventFile
from checkin.protect import pin as pin_mod
from checkin.protect.access import Access
from checkin.ui import i18n
from checkin.ui.theme import Size, Style
from checkin.ui.widgets import fonts
from checkin.ui.widgets.form_dialog import FormDialog


class PinDialog(FormDialog):
    """``verify`` mode checks a PIN with a callable; ``new`` mode asks for one twice."""

    def __init__(
        self,
        parent: QWidget | None = None,
        verify: Callable[[str], bool] | None = None,
        new: bool = False,
        locked_ms: Callable[[], int] | None = None,
        purpose: str = "unlock",
        unlock_code: bool = False,
    ) -> None:
        super().__init__(
            parent, name="pinDialog", error_name="pinError", font_size=None, min_width=460
        )
        self.verify = verify
        self.new = new
        self.locked_ms = locked_ms  # ms left of a lockout at this station (0: none)
        # "unlock" (a kiosk), "organizer" (exports, audit log) or "past_deletion" (a door
        # kiosk's file past its deletion date: the organizer's kiosk unlock code)
        self.purpose = purpose
        # a scan-only kiosk takes its own kiosk unlock code (letters and digits)
        self.unlock_code = unlock_code and not new
        self.remaining_ms = 0
        self._lock_timer = QTimer(self)
        self._lock_timer.setInterval(1000)
        self._lock_timer.timeout.connect(self._tick)
        self.pin = ""
        self.failures = 0
        self.setModal(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setFont(fonts.app_font(Size.EMPHASIS))
        allowed = r"[A-Za-z0-9 \-]{0,20}" if self.unlock_code else r"[0-9 ]{0,16}"
        validator = QRegularExpressionValidator(QRegularExpression(allowed), self)
        self.field = QLineEdit()
        self.field.setObjectName("pinField")
        self.confirm = QLineEdit()
        self.confirm.setObjectName("pinConfirm")
        for field in (self.field, self.confirm):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.setValidator(validator)
            field.setFont(fonts.app_font(Size.FIGURE))
            field.setAlignment(Qt.AlignmentFlag.AlignCenter)
            field.setMinimumHeight(56)
            field.setInputMethodHints(
                (Qt.InputMethodHint.ImhNoPredictiveText if self.unlock_code
                 else Qt.InputMethodHint.ImhDigitsOnly)
                | Qt.InputMethodHint.ImhSensitiveData
            )  # fmt: skip
        self.confirm_label = QLabel()
        self.confirm_label.setFont(fonts.app_font(Size.BODY))
        self.error.setFont(fonts.app_font(Size.READ, True))  # larger than a form's
        self.error.setMinimumHeight(0)
        self.error.setStyleSheet(Style.ERROR_LINE)
        self.body.setSpacing(12)
        # Never smaller than its text: a message appearing below the field (a mismatch,
        # the lockout countdown) grows the dialog instead of being clipped or overlapping.
        self.body.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        for widget in (self.message, self.field, self.confirm_label, self.confirm):
            self.body.addWidget(widget)
        self.confirm.setVisible(new)
        self.confirm_label.setVisible(new)
        self.finish()
        self.refresh_lock()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Organizer PIN"))
        if self.new:
            self.message.setText(
                self.tr(
                    "Choose an organizer PIN (%1 to %2 digits). Anyone with it can unlock "
                    "the kiosks of this event: menus, settings, exports and quitting."
                )
                .replace("%1", str(pin_mod.MIN_DIGITS))
                .replace("%2", str(pin_mod.MAX_DIGITS))
            )
        elif self.purpose == "past_deletion":
            self.setWindowTitle(self.tr("Past the deletion date"))
            self.message.setText(
                self.tr(
                    "This door kiosk's file is past the date to delete personal data: its "
                    "personal data was deleted and it no longer opens for use. Only the "
                    "organizer can open it once more (for example to sync its last "
                    "check-ins), with this kiosk's unlock code (12 letters and digits, "
                    "given when it was set up)."
                )
            )
        elif self.unlock_code:
            self.setWindowTitle(self.tr("Kiosk unlock code"))
            self.message.setText(
                self.tr(
                    "This kiosk unlocks with the kiosk unlock code from the organizer "
                    "(12 letters and digits, given when this kiosk was set up), not with "
                    "the organizer PIN."
                )
            )
        elif self.purpose == "organizer":
            self.message.setText(
                self.tr("Only the organizer can do this. Enter the organizer PIN to continue.")
            )
        else:
            self.message.setText(self.tr("Enter the organizer PIN to unlock this kiosk."))
        self.confirm_label.setText(self.tr("The same PIN again:"))
        self.set_button_texts(
            self.tr("Set PIN") if self.new else self.tr("Unlock"), self.tr("Cancel")
        )
        if self.remaining_ms:
            self.error.setText(self._lock_text())

    # -- lockout ----------------------------------------------------------------------

    def _lock_text(self) -> str:
        seconds = -(-self.remaining_ms // 1000)
        return self.tr(
            "Too many wrong PINs: PIN entry is locked at this station. Try again in %1."
        ).replace("%1", f"{seconds // 60}:{seconds % 60:02d}")

    def _tick(self) -> None:
        # A dialog no longer shown (answered, or waiting to be deleted) stops counting:
        # its event file may be closed by now.
        if self.isVisible():
            self.refresh_lock()
        else:
            self._lock_timer.stop()

    def refresh_lock(self) -> None:
        """Show (and count down) a lockout, or end it. Ticks every second while locked
        and shown."""
        was_locked = bool(self.remaining_ms)
        self.remaining_ms = self.locked_ms() if self.locked_ms is not None else 0
        locked = bool(self.remaining_ms)
        self.field.setEnabled(not locked)
        self.ok_button.setEnabled(not locked)
        if locked:
            self.fail(self._lock_text())
            self._fit()
            if self.isVisible() and not self._lock_timer.isActive():
                self._lock_timer.start()
            return
        self._lock_timer.stop()
        if was_locked:
            self.error.setText(self.tr("You can try the PIN again now."))
            self.field.setFocus()
            self._fit()

    def done(self, result: int) -> None:
        # A closed dialog counts nothing down: its timer would otherwise go on until the
        # deferred delete, asking a file that may be closed by then.
        self._lock_timer.stop()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closed before it was ever shown (QDialog then skips done()): stop counting too.
        self._lock_timer.stop()
        super().closeEvent(event)

    def release(self) -> None:
        """Asked and answered: nothing counts down any more (however the dialog ended),
        and it goes at the next turn of the event loop."""
        self._lock_timer.stop()
        self.deleteLater()

    def _fit(self) -> None:
        """Grow to what the texts need now (wrapped at the dialog's width)."""
        layout = self.layout()
        layout.invalidate()
        layout.activate()
        needed = layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else -1
        needed = max(needed, layout.totalMinimumSize().height())
        if self.height() < needed:
            self.resize(self.width(), needed)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh_lock()  # the lock may have ended or begun since the dialog was made

    def hideEvent(self, event: QHideEvent) -> None:
        # Closed (OK, Cancel, done) or hidden: stop counting. The dialog may live on
        # until a deferred delete, after its session closed the event file.
        self._lock_timer.stop()
        super().hideEvent(event)

    def _fail(self, text: str) -> None:
        self.fail(text)
        self.field.clear()
        self.confirm.clear()
        self.field.setFocus()
        self._fit()

    def try_accept(self) -> None:
        """OK pressed: check the PIN; stay open with a calm message if it is wrong."""
        entered = self.field.text()
        if self.new:
            try:
                cleaned = pin_mod.clean_pin(entered)
            except errors.InvalidInput as exc:
                self._fail(exc.message(i18n.current_language()))
                return
            if "".join(self.confirm.text().split()) != cleaned:
                self._fail(self.tr("The two PINs are not the same. Please type them again."))
                return
            self.pin = cleaned
            self.accept()
            return
        if self.remaining_ms:
            return
        if self.verify is not None and self.verify(entered):
            self.pin = entered
            self.accept()
            return
        self.failures += 1
        self._fail(
            self.tr("That is not this kiosk's unlock code. Please try again.")
            if self.unlock_code
            else self.tr("That is not the organizer PIN. Please try again.")
        )
        self.refresh_lock()

    @classmethod
    def ask_new(cls, parent: QWidget | None) -> str | None:
        """A new PIN typed twice, or None if cancelled."""
        dialog = cls(parent, new=True)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.release()
        return dialog.pin if accepted else None

    @classmethod
    def ask_verified(
        cls,
        parent: QWidget | None,
        verify: Callable[[str], bool],
        locked_ms: Callable[[], int] | None = None,
        purpose: str = "unlock",
        unlock_code: bool = False,
    ) -> bool:
        """True once the right PIN (or kiosk unlock code) was entered; False if cancelled."""
        dialog = cls(parent, verify=verify, locked_ms=locked_ms, purpose=purpose,
                     unlock_code=unlock_code)  # fmt: skip
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        dialog.release()
        return accepted

    @classmethod
    def ensure_organizer(cls, parent: QWidget | None, ef: EventFile, access: Access) -> bool:
        """Organizer access for ``access`` (asks for the PIN unless it is already there,
        or the event has no PIN). False if cancelled."""
        if access.is_organizer(ef):
            return True
        return cls.ask_verified(
            parent,
            lambda pin: access.elevate(ef, pin).ok,
            lambda: pin_mod.pin_state(ef).remaining_ms(access.clock.now_ms()),
            purpose="organizer",
            unlock_code=pin_mod.uses_unlock_code(ef),
        )
