"""One attendee: edit, cancel or restore, reissue or reprint the badge, check in or undo,
and the person's whole check-in history.

Every change goes through the core with this station's operator (``session.operator``)
and the station recorded by the core, and emits ``changed(attendee_id)`` so a list or
dashboard can refresh. The fields are the same editor as the walk-in form
(``AttendeeForm``), with the same checks. Undoing a check-in needs a reason typed by the
operator; the undo is a new row in the log, shown in the history.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from checkin import errors
from checkin.badges import service as badges_mod
from checkin.door import messages, outcomes
from checkin.door import stats as stats_mod
from checkin.door.engine import MAX_REASON
from checkin.models import Action, Attendee, CheckIn, Status
from checkin.people import attendees, groups
from checkin.protect import masking
from checkin.ui import i18n
from checkin.ui.desk.attendee_form import AttendeeForm
from checkin.ui.desk.badge_print_dialog import BadgePrintDialog
from checkin.ui.desk.badge_printer import BadgePrinterSettings
from checkin.ui.session import EventSession
from checkin.ui.theme import Size, Style
from checkin.ui.widgets import fonts
from checkin.ui.widgets.error_dialog import ERROR_STYLE
from checkin.ui.widgets.pin_dialog import PinDialog
from checkin.ui.widgets.screen_fit import FormScrollArea, fit_to_screen

log = logging.getLogger(__name__)

COL_TIME, COL_STATION, COL_LIST, COL_DIRECTION, COL_OPERATOR, COL_NOTE = range(6)
OK_STYLE = Style.OK_TEXT


class AttendeeDetailDialog(QDialog):
    """Everything about one attendee, for the desk and the organizer console."""

    changed = Signal(str)  # attendee id, after any change written to the file

    # Long because: builds its widgets, layouts and connections in screen order
    def __init__(
        self,
        session: EventSession,
        attendee_id: str,
        parent: QWidget | None = None,
        settings: BadgePrinterSettings | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("attendeeDetailDialog")
        self.session = session
        self.attendee_id = attendee_id
        self.store = settings
        # Opening someone's details is a look at personal data: recorded in the audit log.
        # Below organizer the core hands out the full name, phone and email masked.
        self.attendee: Attendee = attendees.view_detail(
            session.ef, session.clock, attendee_id, operator=session.operator,
            access=session.access,
        )  # fmt: skip
        self.whole = masking.shows_whole(session.access, session.ef)
        self.history: list[CheckIn] = []
        self.undone: set[str] = set()
        self.printed = 0
        self.is_inside = False
        self.setFont(fonts.app_font(Size.BODY))

        self.heading = QLabel()
        self.heading.setObjectName("detailHeading")
        self.heading.setFont(fonts.app_font(Size.TITLE, bold=True))
        self.summary = QLabel()
        self.summary.setObjectName("detailSummary")
        self.summary.setWordWrap(True)
        # The others in the person's group (checkin.people.groups): display names only.
        self.group_members = QLabel()
        self.group_members.setObjectName("groupMembers")
        self.group_members.setWordWrap(True)
        self.members: list[groups.Member] = []

        self.form = AttendeeForm(session, consent_required=False)
        self.save_button = QPushButton()
        self.save_button.setObjectName("saveChanges")
        self.save_button.setDefault(True)
        self.revert_button = QPushButton()
        self.revert_button.setObjectName("revertChanges")
        self.revert_button.setAutoDefault(False)
        edit_buttons = QHBoxLayout()
        edit_buttons.addStretch(1)
        edit_buttons.addWidget(self.revert_button)
        edit_buttons.addWidget(self.save_button)
        # Masked fields are read-only; the organizer's PIN shows them whole (recorded).
        self.masked_note = QLabel()
        self.masked_note.setObjectName("maskedNote")
        self.masked_note.setWordWrap(True)
        self.unmask_button = QPushButton()
        self.unmask_button.setObjectName("showInFull")
        self.unmask_button.setAutoDefault(False)
        masked_row = QHBoxLayout()
        masked_row.addWidget(self.masked_note, 1)
        masked_row.addWidget(self.unmask_button)
        self.fields_box = QGroupBox()
        fields_layout = QVBoxLayout(self.fields_box)
        fields_layout.addLayout(masked_row)
        fields_layout.addWidget(FormScrollArea(self.form))  # scrolls on a 768-pixel screen
        fields_layout.addLayout(edit_buttons)

        self.checkin_button = QPushButton()
        self.checkin_button.setObjectName("checkInButton")
        self.reprint_button = QPushButton()
        self.reprint_button.setObjectName("reprintButton")
        self.reissue_button = QPushButton()
        self.reissue_button.setObjectName("reissueButton")
        self.cancel_button = QPushButton()
        self.cancel_button.setObjectName("cancelRegistration")
        for b in (self.checkin_button, self.reprint_button, self.reissue_button,
                  self.cancel_button, self.revert_button):  # fmt: skip
            b.setAutoDefault(False)
            b.setMinimumHeight(40)
        self.actions_box = QGroupBox()
        actions = QVBoxLayout(self.actions_box)
        for b in (self.checkin_button, self.reprint_button, self.reissue_button,
                  self.cancel_button):  # fmt: skip
            actions.addWidget(b)
        self.undo_label = QLabel()
        self.undo_label.setWordWrap(True)
        self.undo_reason = QLineEdit()
        self.undo_reason.setObjectName("undoReason")
        self.undo_reason.setMaxLength(MAX_REASON)
        self.undo_button = QPushButton()
        self.undo_button.setObjectName("undoButton")
        self.undo_button.setAutoDefault(False)
        actions.addSpacing(12)
        actions.addWidget(self.undo_label)
        actions.addWidget(self.undo_reason)
        actions.addWidget(self.undo_button)
        actions.addStretch(1)

        self.history_box = QGroupBox()
        self.table = QTableWidget(0, 6)
        self.table.setObjectName("historyTable")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setMinimumHeight(120)
        history_layout = QVBoxLayout(self.history_box)
        history_layout.addWidget(self.table)

        self.status = QLabel()
        self.status.setObjectName("detailStatus")
        self.status.setWordWrap(True)
        self.close_button = QPushButton()
        self.close_button.setAutoDefault(False)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.close_button)

        top = QHBoxLayout()
        top.addWidget(self.fields_box, 3)
        top.addWidget(self.actions_box, 2)
        root = QVBoxLayout(self)
        root.addWidget(self.heading)
        root.addWidget(self.summary)
        root.addWidget(self.group_members)
        root.addLayout(top)
        root.addWidget(self.history_box, 1)
        root.addLayout(bottom)

        self.save_button.clicked.connect(self.save)
        self.unmask_button.clicked.connect(self.show_in_full)
        self.revert_button.clicked.connect(self.revert)
        self.checkin_button.clicked.connect(self.check_in)
        self.reprint_button.clicked.connect(self.reprint)
        self.reissue_button.clicked.connect(self.reissue)
        self.cancel_button.clicked.connect(self.toggle_cancelled)
        self.undo_button.clicked.connect(self.undo)
        self.undo_reason.textChanged.connect(self._update_buttons)
        self.undo_reason.returnPressed.connect(self.undo)
        self.close_button.clicked.connect(self.accept)
        self.setMinimumWidth(980)
        self._fill_form()
        self.refresh()

    # -- data -------------------------------------------------------------------------

    def _load(self) -> Attendee:
        found = attendees.get(self.session.ef, self.attendee_id, access=self.session.access)
        if found is None:
            raise errors.AttendeeNotFound(self.attendee_id)
        self.whole = masking.shows_whole(self.session.access, self.session.ef)
        return found

    def masked(self) -> tuple[str, ...]:
        """The fields showing a mask now (read-only until the organizer's PIN)."""
        if self.whole:
            return ()
        return tuple(n for n in masking.MASKED_FIELDS if getattr(self.attendee, n))

    def _fill_form(self) -> None:
        """The form shows the attendee as read; masked fields cannot be edited (so a mask
        is never saved as the value)."""
        self.form.set_attendee(self.attendee)
        self.form.set_locked(self.masked())

    def show_in_full(self) -> bool:
        """Ask for the organizer PIN and show the masked fields whole (recorded in the
        audit log as a view with the fields shown whole)."""
        if not PinDialog.ensure_organizer(self, self.session.ef, self.session.access):
            return False
        try:
            self.attendee = attendees.view_detail(
                self.session.ef, self.session.clock, self.attendee_id,
                operator=self.session.operator, access=self.session.access,
            )  # fmt: skip
        except errors.CheckinError as exc:
            self._error(exc)
            return False
        self.whole = masking.shows_whole(self.session.access, self.session.ef)
        self._fill_form()
        self.retranslate()
        return self.whole

    def refresh(self) -> None:
        """Re-read the attendee and their history (after a change here or elsewhere)."""
        was_whole = self.whole
        self.attendee = self._load()
        if self.whole != was_whole:  # the organizer's access ended (or began) meanwhile
            self._fill_form()
        self.history = stats_mod.history(self.session.ef, self.attendee_id)
        self.undone = stats_mod.undone_ids(self.session.ef, self.attendee_id)
        self.printed = badges_mod.times_printed(self.session.ef, self.attendee_id)
        self.is_inside = stats_mod.is_inside(
            self.session.ef, self.attendee_id, self.session.list_id
        )
        self.members = groups.members(self.session.ef, self.attendee_id, self.session.list_id)
        self.retranslate()

    def inside(self) -> bool:
        """Inside on this station's check-in list (as last read)."""
        return self.is_inside

    def _undoable(self) -> list[CheckIn]:
        return [
            c for c in self.history
            if c.action != Action.UNDO and c.id not in self.undone
            and c.list == self.session.list_id
        ]  # fmt: skip

    # -- text -------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_to_screen(self)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        lang = i18n.current_language()
        a = self.attendee
        self.setWindowTitle(self.tr("Attendee %1").replace("%1", a.reg_no))
        self.heading.setText(f"{a.display_name}  ·  {a.reg_no}")
        parts = [self.session.category_label(a.category, lang)]
        parts.append(self.tr("CANCELLED") if a.cancelled else self.tr("registered"))
        list_label = self.session.list_label(lang)
        parts.append(
            (self.tr("inside (%1)") if self.inside() else self.tr("not checked in (%1)")).replace(
                "%1", list_label
            )
        )
        parts.append(
            self.tr("badge v%1, printed %2 time(s)")
            .replace("%1", str(a.badge_version))
            .replace("%2", str(self.printed))
        )
        self.summary.setText(" · ".join(parts))
        self.summary.setStyleSheet(ERROR_STYLE if a.cancelled else "")
        others = [m for m in self.members if m.attendee_id != a.id]
        marks = {groups.INSIDE: " ✓", groups.CANCELLED_STATE: " ✗"}
        self.group_members.setText(
            self.tr("In a group of %1 with: %2 (✓ inside)")
            .replace("%1", str(len(others) + 1))
            .replace("%2", ", ".join(m.display_name + marks.get(m.state, "") for m in others))
        )
        self.group_members.setVisible(bool(others))
        self.fields_box.setTitle(self.tr("Details"))
        self.actions_box.setTitle(self.tr("Badge and check-in"))
        self.history_box.setTitle(self.tr("Check-in history"))
        self.save_button.setText(self.tr("Save changes"))
        masked = self.masked()
        self.masked_note.setVisible(bool(masked))
        self.unmask_button.setVisible(bool(masked))
        self.masked_note.setText(
            self.tr("Full name, phone, email and group are partly hidden (staff view).")
        )
        self.unmask_button.setText(self.tr("Show in full (organizer PIN)"))
        self.revert_button.setText(self.tr("Revert"))
        self.checkin_button.setText(self.tr("Check in now"))
        self.reprint_button.setText(self.tr("Reprint badge…"))
        self.reissue_button.setText(self.tr("Reissue badge (old one stops working)"))
        self.cancel_button.setText(
            self.tr("Restore registration") if a.cancelled else self.tr("Cancel registration")
        )
        self.undo_label.setText(self.tr("Undo the last check-in: why?"))
        self.undo_reason.setPlaceholderText(self.tr("Reason (required), e.g. wrong person"))
        self.undo_button.setText(self.tr("Undo check-in"))
        self.close_button.setText(self.tr("Close"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("Station"), self.tr("List"), self.tr("Direction"),
             self.tr("Operator"), self.tr("Note")]
        )  # fmt: skip
        self._fill_history()
        self._update_buttons()

    def _fill_history(self) -> None:
        lang = i18n.current_language()
        tz = self.session.settings.timezone
        directions = {
            Action.ENTRY: self.tr("entry"),
            Action.EXIT: self.tr("exit"),
            Action.UNDO: self.tr("undo"),
        }
        self.table.setRowCount(len(self.history))
        for row, c in enumerate(self.history):
            note = c.reason
            if c.id in self.undone:
                note = self.tr("undone") + (f" — {note}" if note else "")
            values = [
                messages.format_time(c.at_ms, tz, with_date=True),
                c.station_name,
                self.session.list_label(lang, c.list),
                directions.get(Action(c.action), c.action),
                c.operator,
                note,
            ]
            for col, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, c.id)
                if c.id in self.undone:
                    font = item.font()
                    font.setStrikeOut(True)
                    item.setFont(font)
                self.table.setItem(row, col, item)

    def _update_buttons(self) -> None:
        a = self.attendee
        # A station the organizer set to check only records no check-in (door modes).
        self.checkin_button.setEnabled(
            not a.cancelled and not self.inside() and not self.session.check_only
        )
        self.reprint_button.setEnabled(not a.cancelled)
        self.reissue_button.setEnabled(not a.cancelled)
        has_undo = bool(self._undoable())
        self.undo_reason.setEnabled(has_undo)
        self.undo_button.setEnabled(has_undo and bool(self.undo_reason.text().strip()))

    def _ok(self, text: str) -> None:
        self.status.setText(text)
        self.status.setStyleSheet(OK_STYLE)

    def _error(self, exc: errors.CheckinError) -> None:
        self.status.setText(exc.message(i18n.current_language()))
        self.status.setStyleSheet(ERROR_STYLE)

    def _changed(self, text: str) -> None:
        self.refresh()
        self._ok(text)
        self.changed.emit(self.attendee_id)

    # -- actions ----------------------------------------------------------------------

    def save(self) -> bool:
        if not self.form.validate():
            return False
        try:
            diff = self.form.changes(self.attendee)
            if not diff:
                self._ok(self.tr("Nothing to save: no field was changed."))
                return True
            attendees.update(
                self.session.ef, self.session.clock, self.attendee_id, diff, self.session.operator
            )
        except errors.InvalidInput as exc:
            self.form.show_error(
                exc.field if exc.field in self.form.errors else "display_name", exc
            )
            return False
        except errors.CheckinError as exc:
            self._error(exc)
            return False
        self.attendee = self._load()
        self._fill_form()
        self._changed(self.tr("Saved."))
        return True

    def revert(self) -> None:
        self.attendee = self._load()
        self._fill_form()
        self.status.clear()

    def toggle_cancelled(self) -> None:
        try:
            if self.attendee.cancelled:
                attendees.restore(
                    self.session.ef, self.session.clock, self.attendee_id, self.session.operator
                )
                text = self.tr("Registration restored.")
            else:
                attendees.cancel(
                    self.session.ef, self.session.clock, self.attendee_id, self.session.operator
                )
                text = self.tr("Registration cancelled: the badge no longer admits them.")
        except errors.CheckinError as exc:
            self._error(exc)
            return
        self._changed(text)

    def reissue(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Reissue badge"),
            self.tr(
                "Issue a new badge code? The badge they have now will stop working at every "
                "door after sync. Print the new badge next."
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        try:
            attendees.reissue(
                self.session.ef, self.session.clock, self.attendee_id, self.session.operator
            )
        except errors.CheckinError as exc:
            self._error(exc)
            return False
        self._changed(self.tr("New badge code issued: print the new badge."))
        return True

    def reprint(self) -> BadgePrintDialog:
        """The badge dialog (reprint reason, optional new code, printer, PDF)."""
        dialog = BadgePrintDialog(
            self.session.spec(), self.attendee_id, self, self.session.clock,
            self.session.operator, self.store,
        )  # fmt: skip
        dialog.finished.connect(self._after_print)
        # Gone once closed: it holds its own connection to the event file.
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        self.print_dialog = dialog
        return dialog

    def _after_print(self, _result: int = 0) -> None:
        before = self.printed
        self.refresh()
        if self.printed != before:
            self.changed.emit(self.attendee_id)

    def check_in(self) -> bool:
        try:
            result = self.session.engine.check_in(
                self.attendee_id, list=self.session.list_id, operator=self.session.operator,
                method="manual",
            )  # fmt: skip
        except errors.CheckinError as exc:
            self._error(exc)
            return False
        said = outcomes.outcome(result.kind).at_desk(i18n.current_language())
        if result.status is Status.OK:
            self._changed(said)
            return True
        self.status.setText(said)
        self.status.setStyleSheet(ERROR_STYLE)
        return False

    def undo(self) -> bool:
        reason = self.undo_reason.text().strip()
        if not self.undo_button.isEnabled():
            return False
        selected = self._selected_checkin()
        try:
            self.session.engine.undo(
                self.attendee_id, reason, list=self.session.list_id,
                checkin_id=selected, operator=self.session.operator,
            )  # fmt: skip
        except errors.CheckinError as exc:
            self._error(exc)
            return False
        self.undo_reason.clear()
        self._changed(self.tr("Check-in undone (kept in the history with the reason)."))
        return True

    def _selected_checkin(self) -> str | None:
        """The history row chosen to undo, if it can be undone; else the last one."""
        row = self.table.currentRow()
        if row < 0 or row >= len(self.history):
            return None
        c = self.history[row]
        return c.id if c in self._undoable() else None
