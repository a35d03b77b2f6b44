"""E-mailing tickets through the organizer's own mail server, from the app.

The mail server's settings (host, port, STARTTLS or SSL, user, sender, rate) are
remembered as an event setting; the password never is: it is typed for this run (kept
only while the dialog is open) or read from an environment variable. Sending runs off
the UI thread (``run_op``) through the command line's core call
(``ticket_mail.send``); *Pause* ends the run after the message being sent, and
*Resume* starts it again: what the server accepted is recorded, so nobody gets a
ticket twice (also after a lost connection). Refusals are listed by registration number.
"""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from checkin import errors
from checkin.badges import ticket_bounces, ticket_mail
from checkin.ui.console.ticket_recipients import RecipientChooser, Selection
from checkin.ui.session import EventSession
from checkin.ui.widgets.error_dialog import both_languages, inline_error, show_error
from checkin.ui.widgets.reason_dialog import ReasonDialog
from checkin.ui.worker import Operation, run_op

SECURITY_LABELS = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}


class TicketSendPage(QWidget):
    """Mail server, recipients, Send / Pause / Resume, progress, refusals."""

    # Long because: builds its widgets, layouts and connections in screen order
    def __init__(self, session: EventSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.task: Operation | None = None
        self.pause_event = threading.Event()
        self.run: dict[str, Any] | None = None  # the run being sent (kept for Resume)
        self.last: ticket_mail.SendResult | None = None
        stored = ticket_mail.stored_smtp(session.settings)
        self.server_box = QGroupBox()
        self.host = QLineEdit(stored["host"])
        self.host.setObjectName("smtpHost")
        self.port = QSpinBox()
        self.port.setObjectName("smtpPort")
        self.port.setRange(1, 65535)
        self.port.setValue(stored["port"])
        self.security = QComboBox()
        self.security.setObjectName("smtpSecurity")
        for key in SECURITY_LABELS:
            self.security.addItem("", key)
        self.security.setCurrentIndex(SECURITY_LABELS.index(stored["security"]))
        self.security.currentIndexChanged.connect(self._security_changed)
        self.user = QLineEdit(stored["user"])
        self.user.setObjectName("smtpUser")
        self.from_addr = QLineEdit(stored["from_addr"])
        self.from_addr.setObjectName("smtpFrom")
        self.password_typed = QRadioButton()
        self.password_env_choice = QRadioButton()
        self.password_group = QButtonGroup(self)
        self.password_group.addButton(self.password_typed)
        self.password_group.addButton(self.password_env_choice)
        self.password = QLineEdit()
        self.password.setObjectName("smtpPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_env = QLineEdit(stored["password_env"])
        self.password_env.setObjectName("smtpPasswordEnv")
        (self.password_env_choice if stored["password_env"] else self.password_typed).setChecked(
            True
        )
        self.rate = QSpinBox()
        self.rate.setObjectName("smtpRate")
        self.rate.setRange(0, ticket_mail.MAX_RATE)
        self.rate.setValue(int(stored["rate"]))
        self.attach_pdf = QCheckBox()
        self.attach_pdf.setChecked(True)
        self.remember = QCheckBox()
        self.remember.setChecked(True)
        self.labels = {k: QLabel() for k in ("host", "port", "security", "user", "from",
                                              "password", "rate")}  # fmt: skip
        form = QFormLayout(self.server_box)
        form.addRow(self.labels["host"], self.host)
        form.addRow(self.labels["port"], self.port)
        form.addRow(self.labels["security"], self.security)
        form.addRow(self.labels["user"], self.user)
        form.addRow(self.labels["from"], self.from_addr)
        for choice, field in ((self.password_typed, self.password),
                              (self.password_env_choice, self.password_env)):  # fmt: skip
            row = QHBoxLayout()
            row.addWidget(choice)
            row.addWidget(field, 1)
            form.addRow(self.labels["password"] if choice is self.password_typed else "", row)
        form.addRow(self.labels["rate"], self.rate)
        form.addRow("", self.attach_pdf)
        form.addRow("", self.remember)

        self.who = RecipientChooser(session.settings)
        self.who.changed.connect(self.update_plan)
        self.again = QCheckBox()
        self.again.setObjectName("sendAgain")
        self.again.toggled.connect(lambda _on: self.update_plan())
        self.plan_label = QLabel()
        self.plan_label.setObjectName("sendPlan")
        self.plan_label.setWordWrap(True)
        self.error = inline_error("sendError")
        self.send_button = QPushButton()
        self.send_button.setObjectName("sendButton")
        self.pause_button = QPushButton()
        self.pause_button.setObjectName("pauseButton")
        self.resume_button = QPushButton()
        self.resume_button.setObjectName("resumeButton")
        self.bounces_button = QPushButton()
        self.bounces_button.setObjectName("bouncesButton")
        self.mailbox_button = QPushButton()
        self.mailbox_button.setObjectName("mailboxBouncesButton")
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.status = QLabel()
        self.status.setObjectName("sendStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.refusals = QTableWidget(0, 3)
        self.refusals.setObjectName("refusals")
        self.refusals.setVisible(False)
        self.refusals.horizontalHeader().setStretchLastSection(True)
        self.refusals.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)

        buttons = QHBoxLayout()
        buttons.addWidget(self.bounces_button)
        buttons.addWidget(self.mailbox_button)
        buttons.addStretch(1)
        buttons.addWidget(self.pause_button)
        buttons.addWidget(self.resume_button)
        buttons.addWidget(self.send_button)
        top = QHBoxLayout()
        top.addWidget(self.server_box, 3)
        side = QVBoxLayout()
        side.addWidget(self.who)
        side.addWidget(self.again)
        side.addWidget(self.plan_label)
        side.addStretch(1)
        top.addLayout(side, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.refusals, 1)
        layout.addStretch(0)
        self.server_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        self.send_button.clicked.connect(self.start)
        self.pause_button.clicked.connect(self.pause)
        self.resume_button.clicked.connect(self.resume)
        self.bounces_button.clicked.connect(self.read_bounces)
        self.mailbox_button.clicked.connect(self.read_mailbox_bounces)
        self.retranslate()
        self.update_plan()

    # -- settings and plan ------------------------------------------------------------

    def _security_changed(self, _index: int) -> None:
        """A port left at another mode's default follows the new mode."""
        if self.port.value() in DEFAULT_PORTS.values():
            self.port.setValue(DEFAULT_PORTS[str(self.security.currentData())])

    def smtp_values(self) -> dict[str, Any]:
        """The settings to remember: never the password."""
        return {"host": self.host.text().strip(), "port": self.port.value(),
                "security": str(self.security.currentData()), "user": self.user.text().strip(),
                "from_addr": self.from_addr.text().strip(),
                "password_env": self.password_env.text().strip()
                if self.password_env_choice.isChecked() else "",
                "rate": self.rate.value()}  # fmt: skip

    def smtp_settings(self) -> ticket_mail.SmtpSettings:
        """The settings for this run, with the password (typed, or from the environment)."""
        v = self.smtp_values()
        password = ""
        if v["user"]:
            if self.password_env_choice.isChecked():
                password = ticket_mail.password_from_env(self.password_env.text().strip())
            else:
                password = self.password.text()
        smtp = ticket_mail.SmtpSettings(v["host"], v["port"], v["security"], v["user"],
                                        password, v["from_addr"])  # fmt: skip
        ticket_mail.check_settings(smtp)
        return smtp

    def selection(self) -> Selection:
        return self.who.selection()

    def update_plan(self) -> None:
        """Count whom the choice reaches now (the event file, on the UI thread)."""
        one = self.who.mode() == "one"
        self.again.setEnabled(one)
        if not one and self.again.isChecked():
            self.again.setChecked(False)
            return
        try:
            people = self.selection().people(self.session.ef)
        except errors.CheckinError as exc:
            self._plan: ticket_mail.SendPlan | errors.CheckinError | None = exc
        else:
            self._plan = ticket_mail.plan_for(self.session.ef, people, self.again.isChecked())
        self._show_plan()

    def _show_plan(self) -> None:
        plan = getattr(self, "_plan", None)
        if isinstance(plan, errors.CheckinError):
            self.plan_label.setText(both_languages(plan))
            self._update_buttons(0)
            return
        if plan is None:
            return
        self.plan_label.setText(
            self.tr("%1 chosen: %2 to send now, %3 already sent, %4 without an e-mail "
                    "address, %5 whose consent does not cover contact details.")
            .replace("%1", f"{plan.selected:,}").replace("%2", f"{len(plan.due):,}")
            .replace("%3", f"{plan.already_sent:,}").replace("%4", f"{plan.no_email:,}")
            .replace("%5", f"{plan.no_consent:,}")
            + (" " + self.tr("Of those to send, %1 had their badge reissued: their old ticket "
                             "no longer works, the new one is to send again.")
               .replace("%1", f"{plan.new_badges:,}") if plan.new_badges else "")
        )  # fmt: skip
        self._update_buttons(len(plan.due))

    def _update_buttons(self, due: int | None = None) -> None:
        busy = self.task is not None
        if due is not None:
            self._due = due
        self.send_button.setEnabled(not busy and getattr(self, "_due", 0) > 0)
        self.pause_button.setEnabled(busy and not self.pause_event.is_set())
        self.resume_button.setEnabled(not busy and self.run is not None and self._can_resume())
        self.server_box.setEnabled(not busy)
        self.who.setEnabled(not busy)

    def _can_resume(self) -> bool:
        last = self.last
        return last is not None and (last.paused or bool(last.stopped))

    # -- sending ----------------------------------------------------------------------

    def start(self) -> Operation | None:
        """Check the settings, ask why (like every export), then send."""
        self.error.hide()
        try:
            smtp = self.smtp_settings()
        except errors.CheckinError as exc:
            self._show_error(exc)
            return None
        access = ReasonDialog.ask(self, self.session.access, self.tr("E-mailing tickets"))
        if access is None:
            return None
        if self.remember.isChecked():
            try:
                ticket_mail.save_smtp(self.session.ef, self.session.clock, self.session.access,
                                      self.smtp_values(), self.session.operator)  # fmt: skip
                self.session.reload_settings()
            except errors.CheckinError as exc:
                self._show_error(exc)
                return None
        self.run = {"smtp": smtp, "access": access, "selection": self.selection(),
                    "again": self.again.isChecked(), "rate": self.rate.value(),
                    "pdf": self.attach_pdf.isChecked(), "sent": 0, "total": self._due,
                    "refused": []}  # fmt: skip
        self.refusals.setRowCount(0)
        self.refusals.setVisible(False)
        return self._launch()

    def resume(self) -> Operation | None:
        if self.run is None or self.task is not None:
            return None
        self.run["again"] = False  # the one sent again is recorded: not a third time
        return self._launch()

    def pause(self) -> None:
        if self.task is not None:
            self.pause_event.set()
            self.status.setText(self.tr("Pausing after the message being sent…"))
            self._update_buttons()

    def _launch(self) -> Operation:
        run = self.run
        assert run is not None
        spec, clock = self.session.spec(), self.session.clock
        pause = self.pause_event
        pause.clear()

        def work(ef: Any, progress: Any) -> ticket_mail.SendResult:
            people = run["selection"].people(ef)
            return ticket_mail.send(ef, clock, run["access"], people, run["smtp"],
                                    run["rate"], run["pdf"], progress,
                                    pause=pause.is_set, again=run["again"])  # fmt: skip

        self.progress.setVisible(True)
        self.progress.setRange(0, max(1, run["total"]))
        self.progress.setValue(run["sent"])
        self.status.setText(self.tr("Connecting to the mail server…"))
        self.task = run_op(
            spec, work, self._done, self._failed, self._progress, what="sending tickets"
        )
        self._update_buttons()
        return self.task

    def _progress(self, done: int, _total: int) -> None:
        run = self.run
        if run is None:
            return
        self.progress.setValue(min(run["total"], run["sent"] + done))
        self.status.setText(
            self.tr("Sent %1 of %2…").replace("%1", f"{run['sent'] + done:,}")
            .replace("%2", f"{run['total']:,}")
        )  # fmt: skip

    def _done(self, result: ticket_mail.SendResult) -> None:
        self.task = None
        self.last = result
        run = self.run
        assert run is not None
        run["sent"] += result.sent + len(result.refused)
        # a refused recipient is tried again on Resume: list each once, its latest answer
        refused = {r.reg_no: r for r in run["refused"] + result.refused}
        run["refused"] = list(refused.values())
        self._show_refusals(run["refused"])
        self.status.setText(self._summary(result))
        if not (result.paused or result.stopped):
            self.progress.setVisible(False)
        self.update_plan()
        self._update_buttons()

    def _summary(self, r: ticket_mail.SendResult) -> str:
        text = self.tr("Sent %1. Refused %2. Already sent before: %3. No e-mail address: %4. "
                       "Consent does not cover contact: %5.")  # fmt: skip
        for i, value in enumerate((r.sent, len(r.refused), r.already_sent, r.no_email,
                                   r.no_consent), 1):  # fmt: skip
            text = text.replace(f"%{i}", f"{value:,}")
        if r.paused:
            text = (
                self.tr(
                    "Paused. %1 left: press Resume to send them (nobody gets a ticket twice)."
                ).replace("%1", f"{r.remaining:,}")
                + "\n"
                + text
            )
        elif r.stopped:
            text = self.tr("The connection to the mail server was lost. Press Resume to send "
                           "the %1 left (nobody gets a ticket twice).").replace(
                               "%1", f"{r.remaining:,}") + "\n" + text  # fmt: skip
        return text

    def _show_refusals(self, refused: list[ticket_mail.Refusal]) -> None:
        self.refusals.setRowCount(len(refused))
        for row, r in enumerate(refused):
            for col, value in enumerate((r.reg_no, str(r.code or ""), r.message)):
                self.refusals.setItem(row, col, QTableWidgetItem(value))
        self.refusals.setVisible(bool(refused))

    def read_bounces(self) -> ticket_bounces.BounceReport | None:
        """Bounces saved from the sender's mailbox (.eml, .mbox): the attendees they are
        about go into the table, to correct their address and send them again."""
        self.error.hide()
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Bounces saved from your mailbox"), "",
            self.tr("Saved e-mail (*.eml *.mbox *.mbx);;All files (*)"),
        )  # fmt: skip
        if not paths:
            return None
        try:
            report = ticket_bounces.read(self.session.ef, self.session.access, paths)
        except errors.CheckinError as exc:
            self._show_error(exc)
            return None
        self._show_bounces(report)
        return report

    def read_mailbox_bounces(self) -> ticket_bounces.BounceReport | None:
        """Bounces read in the sender's mailbox over IMAP (``MailboxBouncesDialog``)."""
        from checkin.ui.console.mailbox_bounces_dialog import MailboxBouncesDialog

        self.error.hide()
        dialog = MailboxBouncesDialog(self.session, self)
        dialog.exec()
        report = dialog.report
        dialog.deleteLater()
        if report is not None:
            self._show_bounces(report)
        return report

    def _show_bounces(self, report: ticket_bounces.BounceReport) -> None:
        self._show_refusals([ticket_mail.Refusal(b.reg_no, 0, f"{b.status} {b.message}".strip())
                             for b in report.bounces])  # fmt: skip
        text = self.tr("Read %1 messages. Bounced tickets: %2 (other addresses: %3).")
        for i, value in enumerate((report.messages, len(report.bounces), report.unknown), 1):
            text = text.replace(f"%{i}", f"{value:,}")
        if report.bounces:
            text += "\n" + self.tr("Correct their addresses, then send each again: One person, "
                                   "Send again even if sent before.")  # fmt: skip
        self.status.setText(text)

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self.progress.setVisible(False)
        self.status.setText("")
        self._update_buttons()
        if isinstance(exc, errors.CheckinError):
            self._show_error(exc)
        else:
            show_error(self, exc)

    def _show_error(self, exc: errors.CheckinError) -> None:
        self.error.setText(both_languages(exc))
        self.error.show()

    @property
    def busy(self) -> bool:
        return self.task is not None

    # -- text -------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.server_box.setTitle(self.tr("Your mail server"))
        for key, text in (("host", self.tr("Server")), ("port", self.tr("Port")),
                          ("security", self.tr("Security")), ("user", self.tr("User name")),
                          ("from", self.tr("Sender address")), ("password", self.tr("Password")),
                          ("rate", self.tr("At most per minute (0: no limit)"))):  # fmt: skip
            self.labels[key].setText(text)
        self.security.setItemText(0, self.tr("STARTTLS (port 587)"))
        self.security.setItemText(1, self.tr("SSL/TLS (port 465)"))
        self.security.setItemText(2, self.tr("None (a server on this network only)"))
        self.password_typed.setText(self.tr("Type it:"))
        self.password_env_choice.setText(self.tr("From environment variable:"))
        self.password.setPlaceholderText(self.tr("never stored"))
        self.attach_pdf.setText(self.tr("Attach the PDF as well as the picture"))
        self.remember.setText(self.tr("Remember these settings (never the password)"))
        self.again.setText(self.tr("Send again even if sent before (a corrected address)"))
        self.send_button.setText(self.tr("Send"))
        self.pause_button.setText(self.tr("Pause"))
        self.resume_button.setText(self.tr("Resume"))
        self.bounces_button.setText(self.tr("Read bounces…"))
        self.bounces_button.setToolTip(
            self.tr(
                "Bounces come back later to the sender address's mailbox. Save them from your "
                "mail program (.eml or .mbox) and open them here to see whose ticket bounced."
            )
        )
        self.mailbox_button.setText(self.tr("Read bounces in the mailbox…"))
        self.mailbox_button.setToolTip(
            self.tr(
                "Log into the sender address's mailbox (IMAP) and read the bounces there, "
                "read-only."
            )
        )
        self.refusals.setHorizontalHeaderLabels(
            [self.tr("Registration no."), self.tr("Code"), self.tr("The server's answer")]
        )
        self._show_plan()
