"""Organizer → Tickets before the day: each pre-registered attendee's QR sent ahead, so
the queue at the door is a scan, not a search.

Three pages: the wording (the ticket's note, the e-mail's subject and text, with a
preview of one person's message and ticket), sending by e-mail through the
organizer's own mail server, and files for the organizer's own channel. Organizer only:
the main window asks for the PIN before opening it, and the core refuses anyway.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QVBoxLayout, QWidget

from checkin.ui.console.ticket_files_page import TicketFilesPage
from checkin.ui.console.ticket_send_page import TicketSendPage
from checkin.ui.console.ticket_wording_page import TicketWordingPage
from checkin.ui.session import EventSession
from checkin.ui.theme import Size
from checkin.ui.widgets import fonts


class TicketsDialog(QDialog):
    def __init__(self, session: EventSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ticketsDialog")
        self.session = session
        self.setFont(fonts.app_font(Size.APP))
        self.wording = TicketWordingPage(session)
        self.send = TicketSendPage(session)
        self.files = TicketFilesPage(session)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.wording, "")
        self.tabs.addTab(self.send, "")
        self.tabs.addTab(self.files, "")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.buttons)
        self.resize(1060, 720)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Tickets before the day"))
        self.tabs.setTabText(0, self.tr("Wording and preview"))
        self.tabs.setTabText(1, self.tr("Send by e-mail"))
        self.tabs.setTabText(2, self.tr("Files for your own channel"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def done(self, result: int) -> None:
        """Not while sending or writing: pause or cancel first (the work needs its file)."""
        if self.send.busy:
            self.send.pause()
            return
        if self.files.busy:
            self.files.cancel()
            return
        super().done(result)
