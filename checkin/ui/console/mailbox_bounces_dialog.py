"""Reading bounces in the sender's mailbox (IMAP) from the ticket e-mail page.

The organizer gives the mailbox server (prefilled from what was saved, else guessed
from the outgoing server: smtp.example.org -> imap.example.org), the user and the
folder, and the password (typed for this reading, or from an environment variable;
never stored). *Read* logs in off the UI thread (``run_op``), read-only, and the
dialog closes with the report (``report``); a server that says no keeps the dialog
open with its plain diagnosis on the error line.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QWidget,
)

from checkin import errors
from checkin.badges import ticket_bounces, ticket_mail, ticket_mailbox
from checkin.event import settings as settings_mod
from checkin.ui.session import EventSession
from checkin.ui.widgets.form_dialog import FormDialog
from checkin.ui.worker import Operation, run_op

SECURITY = ("ssl", "starttls", "none")


def _guess(stored: dict[str, Any], smtp: dict[str, Any]) -> dict[str, Any]:
    """The mailbox settings to show first: the saved ones, else a guess from the
    outgoing server's (same domain, same user)."""
    if stored["host"]:
        return stored
    host = str(smtp.get("host", ""))
    for prefix in ("smtp.", "mail.", "mx."):
        if host.startswith(prefix):
            host = "imap." + host[len(prefix) :]
            break
    return {**stored, "host": host, "user": smtp.get("user", "") or smtp.get("from_addr", "")}


class MailboxBouncesDialog(FormDialog):
    """Mailbox server, user, folder, password; *Read* -> ``report``."""

    def __init__(self, session: EventSession, parent: QWidget | None = None) -> None:
        super().__init__(parent, name="mailboxBouncesDialog", error_name="mailboxError",
                         min_width=520)  # fmt: skip
        self.session = session
        self.report: ticket_bounces.BounceReport | None = None
        self.task: Operation | None = None
        cfg = settings_mod.load(session.ef)
        values = _guess(ticket_mailbox.stored_imap(cfg), ticket_mail.stored_smtp(cfg))
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.host = QLineEdit(values["host"])
        self.host.setObjectName("imapHost")
        self.port = QSpinBox()
        self.port.setObjectName("imapPort")
        self.port.setRange(1, 65535)
        self.port.setValue(int(values["port"]))
        self.security = QComboBox()
        self.security.setObjectName("imapSecurity")
        for key in SECURITY:
            self.security.addItem("", key)
        self.security.setCurrentIndex(SECURITY.index(values["security"]))
        self.security.currentIndexChanged.connect(self._security_changed)
        self.user = QLineEdit(values["user"])
        self.user.setObjectName("imapUser")
        self.folder = QLineEdit(values["folder"])
        self.folder.setObjectName("imapFolder")
        self.password_typed = QRadioButton()
        self.password_env_choice = QRadioButton()
        choice = QButtonGroup(self)
        choice.addButton(self.password_typed)
        choice.addButton(self.password_env_choice)
        self.password = QLineEdit()
        self.password.setObjectName("imapPassword")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_env = QLineEdit(values["password_env"])
        self.password_env.setObjectName("imapPasswordEnv")
        (self.password_env_choice if values["password_env"] else self.password_typed).setChecked(
            True
        )
        self.remember = QCheckBox()
        self.remember.setObjectName("imapRemember")
        self.remember.setChecked(True)
        password_row = QHBoxLayout()
        for widget in (self.password_typed, self.password, self.password_env_choice,
                       self.password_env):  # fmt: skip
            password_row.addWidget(widget)
        form = QFormLayout()
        self.labels: dict[str, QLabel] = {}
        for key, field in (("host", self.host), ("port", self.port),
                           ("security", self.security), ("user", self.user),
                           ("folder", self.folder), ("password", password_row)):  # fmt: skip
            self.labels[key] = QLabel()
            form.addRow(self.labels[key], field)
        self.body.addWidget(self.intro)
        self.body.addLayout(form)
        self.body.addWidget(self.remember)
        self.finish()

    def _security_changed(self, _index: int) -> None:
        """A port left at another mode's default follows the new mode."""
        if self.port.value() in ticket_mailbox.DEFAULT_PORTS.values():
            self.port.setValue(ticket_mailbox.DEFAULT_PORTS[str(self.security.currentData())])

    def values(self) -> dict[str, Any]:
        """The settings to remember: never the password."""
        return {"host": self.host.text().strip(), "port": self.port.value(),
                "security": str(self.security.currentData()), "user": self.user.text().strip(),
                "folder": self.folder.text().strip() or "INBOX",
                "password_env": self.password_env.text().strip()
                if self.password_env_choice.isChecked() else ""}  # fmt: skip

    def settings(self) -> ticket_mailbox.ImapSettings:
        v = self.values()
        if self.password_env_choice.isChecked():
            password = ticket_mailbox.password_from_env(v["password_env"])
        else:
            password = self.password.text()
        return ticket_mailbox.ImapSettings(v["host"], v["port"], v["security"], v["user"],
                                           password, v["folder"])  # fmt: skip

    def try_accept(self) -> None:
        if self.task is not None:
            return
        self.clear_error()
        try:
            imap = self.settings()
            ticket_mailbox.check_settings(imap)
        except errors.CheckinError as exc:
            self.fail(exc)
            return
        values, remember = self.values(), self.remember.isChecked()
        session = self.session
        access, clock, operator = session.access, session.clock, session.operator

        def op(ef: Any, _progress: Any) -> ticket_bounces.BounceReport:
            if remember:
                ticket_mailbox.save_imap(ef, clock, access, values, operator)
            return ticket_mailbox.read(ef, access, imap)

        self.ok_button.setEnabled(False)
        self.intro.setText(self.tr("Reading the mailbox…"))
        self.task = run_op(session.spec(), op, self._done, self._failed, what="mailbox bounces")

    def _done(self, report: ticket_bounces.BounceReport) -> None:
        self.task = None
        self.report = report
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self.ok_button.setEnabled(True)
        self.retranslate()
        if isinstance(exc, errors.CheckinError):
            self.fail(exc)
        else:
            self.fail(self.tr("The mailbox could not be read: %1").replace("%1", str(exc)))

    def reject(self) -> None:
        if self.task is None:  # a reading under way ends by itself (the server's timeout)
            super().reject()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Bounces in your mailbox"))
        self.intro.setText(
            self.tr(
                "Bounces come back to the sender address's mailbox. The app reads the "
                "delivery reports there (read-only: nothing is marked read, moved or deleted) "
                "since the first ticket was sent."
            )
        )
        for key, text in (("host", self.tr("Mailbox server (IMAP)")), ("port", self.tr("Port")),
                          ("security", self.tr("Security")), ("user", self.tr("User name")),
                          ("folder", self.tr("Folder")),
                          ("password", self.tr("Password"))):  # fmt: skip
            self.labels[key].setText(text)
        self.security.setItemText(0, self.tr("SSL/TLS (port 993)"))
        self.security.setItemText(1, self.tr("STARTTLS (port 143)"))
        self.security.setItemText(2, self.tr("None (a server on this network only)"))
        self.password_typed.setText(self.tr("Type it:"))
        self.password_env_choice.setText(self.tr("From environment variable:"))
        self.password.setPlaceholderText(self.tr("never stored"))
        self.remember.setText(self.tr("Remember these settings (never the password)"))
        self.set_button_texts(self.tr("Read"), self.tr("Cancel"))
