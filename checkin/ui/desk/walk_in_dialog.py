"""Register a walk-in at the desk: the form, a duplicate warning, the badge, one step.

The volunteer types the fields (keyboard only: Tab between fields, Space ticks a box,
Enter saves), reads the consent text to the person and ticks it. While they type, people
already registered who are probably the same person are listed on the right
(``checkin.people.duplicates``), each with a button to open that registration instead. Enter
with such a warning on screen asks once more (a second Enter registers anyway).

Saving adds the attendee (with this station's operator), prints the badge on the
station's remembered printer and layout (``BadgePrinterSettings``, logged in the print
log), checks the person in if "check in now" is ticked (remembered per station), then
clears the form for the next person and shows the registration number big. With no
printer set up the badge is not lost: a button opens the badge dialog to preview it,
save it as PDF or choose a printer.

Signals: ``registered(attendee_id)`` after each registration, ``open_existing(attendee_id)``
when the volunteer opens a listed match (the detail dialog opens too unless
``open_details`` is False).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QHideEvent, QKeyEvent, QShowEvent
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from checkin import errors
from checkin.badges import printing
from checkin.badges import service as badges_mod
from checkin.badges.layouts import compose as compose_badge
from checkin.badges.layouts import get_layout, paginate
from checkin.badges.pdf import badge_pdf
from checkin.event import identity as event_mod
from checkin.models import Attendee, Status
from checkin.people import attendees, duplicates
from checkin.ui import i18n
from checkin.ui.desk.attendee_form import AttendeeForm
from checkin.ui.desk.badge_print_dialog import BadgePrintDialog
from checkin.ui.desk.badge_printer import BadgePrinterSettings, configure, send_job, ui_sleep
from checkin.ui.session import EventSession
from checkin.ui.theme import Size, Style
from checkin.ui.widgets import fonts
from checkin.ui.widgets.error_dialog import ERROR_STYLE, show_error
from checkin.ui.widgets.screen_fit import FormScrollArea, fit_to_screen

log = logging.getLogger(__name__)

DUPLICATE_DELAY_MS = 250
DEFAULT_LAYOUT = "cr80"
DONE_STYLE = Style.DONE_BOX
WARN_STYLE = Style.WARN_BOX


class WalkInDialog(QDialog):
    """The registration desk's walk-in form."""

    registered = Signal(str)  # attendee id
    open_existing = Signal(str)  # attendee id of a listed likely duplicate

    # Long because: builds its widgets, layouts and connections in screen order
    def __init__(
        self,
        session: EventSession,
        parent: QWidget | None = None,
        settings: BadgePrinterSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("walkInDialog")
        self.session = session
        station = event_mod.info(session.ef).station
        self.store = settings or BadgePrinterSettings(station.station_id)
        self.prefs: QSettings = self.store.settings
        self.pref_key = f"stations/{station.station_id}/desk/check_in_now"
        # The station's printer, made on first use; a test or a caller may set one.
        self.printer: QPrinter | None = None
        self.print_service: printing.PrintService | None = None  # default: print_service()
        self.open_details = True
        self.last: Attendee | None = None
        self.last_printed = False
        self.last_checked_in = False
        self.matches: list[duplicates.Match] = []
        self._acknowledged: tuple[str, ...] | None = None
        self._discard_armed = False  # Close pressed once on a half-filled form
        self.setFont(fonts.app_font(Size.BODY))

        self.heading = QLabel()
        self.heading.setFont(fonts.app_font(Size.TITLE, bold=True))
        self.confirmation = QLabel()
        self.confirmation.setObjectName("walkInDone")
        # One compact line: a taller banner pushed the consent box below a laptop's fold.
        self.confirmation.setFont(fonts.app_font(Size.EMPHASIS, bold=True))
        self.confirmation.setStyleSheet(DONE_STYLE)
        self.confirmation.setWordWrap(True)
        self.confirmation.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.confirmation.hide()
        self.badge_button = QPushButton()
        self.badge_button.setObjectName("badgeOptions")
        self.badge_button.setAutoDefault(False)
        self.badge_button.hide()
        # A family at the desk: the next person goes in the same group in one click.
        self.same_group_button = QPushButton()
        self.same_group_button.setObjectName("sameGroup")
        self.same_group_button.setAutoDefault(False)
        self.same_group_button.hide()

        self.form = AttendeeForm(session, consent_required=True)

        self.dup_box = QGroupBox()
        self.dup_box.setObjectName("duplicateBox")
        self.dup_box.setStyleSheet(f"QGroupBox#duplicateBox {{ {WARN_STYLE} }}")
        self.dup_intro = QLabel()
        self.dup_intro.setWordWrap(True)
        self.dup_list = QListWidget()
        self.dup_list.setObjectName("duplicateList")
        self.dup_list.setMinimumWidth(300)
        self.open_button = QPushButton()
        self.open_button.setObjectName("openExisting")
        self.open_button.setAutoDefault(False)
        dup_layout = QVBoxLayout(self.dup_box)
        dup_layout.addWidget(self.dup_intro)
        dup_layout.addWidget(self.dup_list, 1)
        dup_layout.addWidget(self.open_button)
        self.dup_box.hide()

        self.check_in_now = QCheckBox()
        self.check_in_now.setObjectName("checkInNow")
        self.check_in_now.setChecked(_as_bool(self.prefs.value(self.pref_key, True)))
        self.check_in_now.setVisible(not session.check_only)  # a check-only station records none
        self.printer_info = QLabel()
        self.printer_info.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("walkInStatus")
        self.status.setWordWrap(True)
        self.save_button = QPushButton()
        self.save_button.setObjectName("registerButton")
        self.save_button.setDefault(True)
        self.save_button.setMinimumHeight(48)
        self.save_button.setFont(fonts.app_font(Size.EMPHASIS, bold=True))
        self.close_button = QPushButton()
        self.close_button.setAutoDefault(False)

        body = QHBoxLayout()
        self.scroll = FormScrollArea(self.form)
        body.addWidget(self.scroll, 3)  # scrolls on a 768-pixel screen
        body.addWidget(self.dup_box, 2)
        bottom = QHBoxLayout()
        bottom.addWidget(self.check_in_now)
        bottom.addStretch(1)
        bottom.addWidget(self.close_button)
        bottom.addWidget(self.save_button)
        done_row = QHBoxLayout()
        done_row.addWidget(self.confirmation, 1)
        done_row.addWidget(self.badge_button)
        done_row.addWidget(self.same_group_button)
        root = QVBoxLayout(self)
        root.addWidget(self.heading)
        root.addLayout(done_row)
        root.addLayout(body, 1)
        root.addWidget(self.printer_info)
        root.addWidget(self.status)
        root.addLayout(bottom)
        QWidget.setTabOrder(self.form.last_in_chain, self.check_in_now)
        QWidget.setTabOrder(self.check_in_now, self.save_button)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DUPLICATE_DELAY_MS)
        self.timer.timeout.connect(self.check_duplicates)
        self.form.edited.connect(self._edited)
        self.save_button.clicked.connect(self.save)
        self.close_button.clicked.connect(self.ask_close)
        self.open_button.clicked.connect(self.open_selected)
        self.dup_list.itemActivated.connect(lambda _item: self.open_selected())
        self.check_in_now.toggled.connect(lambda on: self.prefs.setValue(self.pref_key, on))
        self.badge_button.clicked.connect(self.badge_options)
        self.same_group_button.clicked.connect(self.next_in_same_group)
        self.setMinimumWidth(960)
        self.retranslate()
        self.form.edits["display_name"].setFocus()

    # -- text -------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_to_screen(self)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Walk-in registration"))
        self.heading.setText(self.tr("Walk-in registration"))
        self.dup_box.setTitle(self.tr("Already registered?"))
        self.open_button.setText(self.tr("Open this person instead"))
        self.check_in_now.setText(self.tr("Check in now (they are at the door)"))
        self.save_button.setText(self.tr("Register and print badge"))
        self.close_button.setText(
            self.tr("Discard and close") if self._discard_armed else self.tr("Close")
        )
        self.badge_button.setText(self.tr("Badge: preview, save as PDF…"))
        self.same_group_button.setText(self.tr("Next person in the same group"))
        name = self.store.printer_name()
        self.printer_info.setText(
            self.tr("Badge printer: %1").replace("%1", name)
            if self._station_printer() is not None and name
            else self.tr(
                "No badge printer is set up at this station: after saving, the badge can be "
                "previewed or saved as PDF."
            )
        )
        self._show_matches()
        if self.last is not None:
            self._show_done()

    def hideEvent(self, event: QHideEvent) -> None:
        self.timer.stop()  # no lookup for a form nobody sees
        super().hideEvent(event)

    # -- duplicates -------------------------------------------------------------------

    def _edited(self) -> None:
        if self._discard_armed:
            self._discard_armed = False
            self.close_button.setText(self.tr("Close"))
        self.confirmation.hide()
        self.badge_button.hide()
        self.same_group_button.hide()
        self.status.clear()
        self.timer.start()

    def _query(self) -> tuple[str, str, str]:
        raw = self.form.raw()
        return raw["display_name"].strip(), raw["full_name"].strip(), raw["phone"].strip()

    def check_duplicates(self) -> list[duplicates.Match]:
        """List the likely duplicates of what is typed now (a few ms at 100,000)."""
        self.timer.stop()
        name, full, phone = self._query()
        self.matches = []
        if name or full or phone:
            self.matches = duplicates.find(
                self.session.ef, name, full, phone, access=self.session.access
            )  # masked below organizer
        self._show_matches()
        return self.matches

    def _show_matches(self) -> None:
        lang = i18n.current_language()
        self.dup_list.clear()
        for m in self.matches:
            a = m.attendee
            parts = [f"{a.display_name}  ·  {a.reg_no}"]
            extra = [self.session.category_label(a.category, lang)]
            if a.full_name and a.full_name != a.display_name:
                extra.insert(0, a.full_name)
            if a.organization:
                extra.append(a.organization)
            if a.phone_last4:
                extra.append(f"☎ …{a.phone_last4}")
            if a.cancelled:
                extra.append(self.tr("cancelled"))
            parts.append(" · ".join(extra))
            parts.append(m.label(lang))
            item = QListWidgetItem("\n".join(parts))
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            self.dup_list.addItem(item)
        if self.matches:
            self.dup_list.setCurrentRow(0)
        self.dup_intro.setText(self.tr("This may be someone already registered:"))
        self.dup_box.setVisible(bool(self.matches))

    def open_selected(self) -> None:
        item = self.dup_list.currentItem()
        if item is None:
            return
        attendee_id = str(item.data(Qt.ItemDataRole.UserRole))
        self.open_existing.emit(attendee_id)
        if self.open_details:
            from checkin.ui.desk.attendee_detail_dialog import AttendeeDetailDialog

            dialog = AttendeeDetailDialog(self.session, attendee_id, self, self.store)
            dialog.open()
            self.details = dialog

    # -- saving -----------------------------------------------------------------------

    def save(self) -> Attendee | None:
        """Register, print, check in; None when something needs the volunteer first."""
        self.status.clear()
        if not self.form.validate():
            self._reveal_errors()
            return None
        key = self._query()
        if self.timer.isActive() or not self.matches or self._acknowledged != key:
            self.check_duplicates()
        if self.matches and self._acknowledged != key:
            self._acknowledged = key
            self.status.setText(
                self.tr(
                    "This person may already be registered (see the list). Open them instead, "
                    "or press Enter again to register a new person."
                )
            )
            self.status.setStyleSheet(WARN_STYLE)
            return None
        values: dict[str, Any] = {**self.form.raw(), **self.form.consent_given()}
        try:
            a = attendees.add_attendee(
                self.session.ef, self.session.clock, self.session.operator, **values
            )
        except errors.InvalidInput as exc:
            self.form.show_error(
                exc.field if exc.field in self.form.errors else "display_name", exc
            )
            self._reveal_errors()
            return None
        except errors.CheckinError as exc:
            self._fail(exc.message(i18n.current_language()))
            return None
        log.info("walk-in registered")
        self.last = a
        self.last_printed = self.print_badge(a)
        self.last_checked_in = False
        if self.check_in_now.isChecked() and not self.session.check_only:
            self.last_checked_in = self._check_in(a)
        self.registered.emit(a.id)
        self._next()
        return a

    def _reveal_errors(self) -> None:
        """Scroll the form so the first message and, when it is still to tick, the consent
        box are both in view (the box is last: an inline message can push it down)."""
        # The messages just shown must be laid out first, or the scroll is off by them.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        first = self.form.first_error()
        if not self.form.consent.isChecked():
            consent_error = self.form.errors["consent"]
            last = consent_error if not consent_error.isHidden() else self.form.consent
            self.scroll.ensureWidgetVisible(last, 0, 8)
        if first is not None:
            self.scroll.ensureWidgetVisible(first, 0, 8)

    def ask_close(self) -> bool:
        """Close as the volunteer asked (Close, Esc, the window's X). A half-filled form is
        not thrown away at once: the first press asks (inline, like the duplicate
        warning), a second one discards; typing again takes the question back. True when
        the form closes. (A close by the program, e.g. the app quitting, does not ask.)"""
        if not self.form.is_blank() and not self._discard_armed:
            self._discard_armed = True
            self.status.setText(
                self.tr(
                    "This person is not registered yet. Press Close (or Esc) again to "
                    "discard what you typed, or finish and register."
                )
            )
            self.status.setStyleSheet(WARN_STYLE)
            self.close_button.setText(self.tr("Discard and close"))
            return False
        self._discard_armed = False
        self.reject()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and not event.modifiers():
            self.ask_close()
            event.accept()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        if event.spontaneous() and not self.form.is_blank() and not self._discard_armed:
            self.ask_close()
            event.ignore()
            return
        self._discard_armed = False
        super().closeEvent(event)

    def _station_printer(self) -> QPrinter | None:
        if self.printer is not None:
            return self.printer
        name = self.store.printer_name()
        if name and name in QPrinterInfo.availablePrinterNames():
            self.printer = self.store.make_printer()
        return self.printer

    def print_badge(self, a: Attendee) -> bool:
        """Print on the station's printer and log it; False if there is none or it failed."""
        printer = self._station_printer()
        if printer is None:
            return False
        key = self.store.layout("single", DEFAULT_LAYOUT)
        try:
            layout = get_layout(key)
        except (KeyError, errors.CheckinError):
            key, layout = DEFAULT_LAYOUT, get_layout(DEFAULT_LAYOUT)
        try:
            cfg = self.session.settings
            data = badges_mod.badge_data(self.session.ef, [a], cfg)[0]
            style = badges_mod.style(cfg)
            drawing = compose_badge(data, style, layout)
            configure(printer, layout)
            if self.print_service is None:
                self.print_service = printing.print_service(sleep=ui_sleep)
            outcome = send_job(
                self.print_service, printer, layout, lambda: paginate([drawing], layout),
                lambda path: path.write_bytes(badge_pdf(data, style, layout)),
                printing.job_title([data.reg_no]),
            )  # fmt: skip
            if not outcome.printed:  # only a completed job is logged as printed
                self._fail(outcome.message(i18n.current_language()))
                return False
            badges_mod.record_prints(
                self.session.ef, self.session.clock, [a], key, "printer",
                operator=self.session.operator,
            )  # fmt: skip
        except errors.CheckinError as exc:
            self._fail(exc.message(i18n.current_language()))
            return False
        return True

    def _check_in(self, a: Attendee) -> bool:
        try:
            result = self.session.engine.check_in(
                a.id, list=self.session.list_id, operator=self.session.operator, method="manual"
            )
        except errors.CheckinError as exc:
            self._fail(exc.message(i18n.current_language()))
            return False
        return result.status is Status.OK

    def _fail(self, text: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(ERROR_STYLE)

    def _next(self) -> None:
        """Clear the form for the next walk-in; show who was just registered."""
        self.form.clear()
        self.matches = []
        self._acknowledged = None
        self._show_matches()
        self.timer.stop()
        self._show_done()
        self.form.edits["display_name"].setFocus()
        self.scroll.verticalScrollBar().setValue(0)

    def _show_done(self) -> None:
        a = self.last
        if a is None:
            return
        steps = [
            self.tr("Registered: %1").replace("%1", a.reg_no),
            a.display_name,
            self.tr("badge printed") if self.last_printed else self.tr("badge NOT printed yet"),
        ]
        if self.last_checked_in:
            steps.append(self.tr("checked in"))
        self.confirmation.setText(" · ".join(steps))
        self.confirmation.show()
        self.badge_button.setVisible(not self.last_printed)
        self.same_group_button.setVisible(bool(a.group_name))

    def next_in_same_group(self) -> None:
        """Start the next registration in the group of the person just registered."""
        if self.last is None or not self.last.group_name:
            return
        self.form.edits["group_name"].setText(self.last.group_name)
        self.same_group_button.hide()
        self.form.edits["display_name"].setFocus()

    def badge_options(self) -> BadgePrintDialog | None:
        """The badge dialog for the person just registered: preview, save, choose printer."""
        if self.last is None:
            return None
        try:
            dialog = BadgePrintDialog(
                self.session.spec(), self.last.id, self, self.session.clock,
                self.session.operator, self.store,
            )  # fmt: skip
        except Exception as exc:
            show_error(self, exc)
            return None
        # Gone once closed: it holds its own connection to the event file.
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.badge_dialog = dialog
        return dialog


def _as_bool(value: object) -> bool:
    if isinstance(value, str):
        return value.lower() in ("true", "1")
    return bool(value)
