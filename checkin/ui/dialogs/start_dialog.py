"""First run (or no event file to open): open a file, create an event, or try the demo."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from checkin.ui import i18n
from checkin.ui.theme import Size, Style
from checkin.ui.widgets import bilingual, fonts

OPEN, CREATE, DEMO = "open", "create", "demo"


class StartDialog(QDialog):
    """Three big choices; ``choice`` is open, create, demo or None (closed). A language
    button (top right, named in the other language) switches the whole app at once."""

    language_chosen = Signal(str)  # "ko" or "en", after the switch

    def __init__(self, parent: QWidget | None = None, message: str = "") -> None:
        super().__init__(parent)
        self.setObjectName("startDialog")
        self.choice: str | None = None
        self._message = message
        self.title = QLabel()
        self.title.setFont(fonts.app_font(Size.HEADING, True))
        self.subtitle = QLabel()
        self.subtitle.setFont(fonts.app_font(Size.READ))
        self.subtitle.setWordWrap(True)
        self.notice = QLabel(message)
        self.notice.setObjectName("startNotice")
        self.notice.setWordWrap(True)
        self.notice.setFont(fonts.app_font(Size.BODY, True))
        self.notice.setStyleSheet(Style.ERROR_LINE)
        self.notice.setVisible(bool(message))
        self.open_button = QPushButton()
        self.open_button.setObjectName("startOpen")
        self.create_button = QPushButton()
        self.create_button.setObjectName("startCreate")
        self.demo_button = QPushButton()
        self.demo_button.setObjectName("startDemo")
        self.language_button = bilingual.mark_secondary(QPushButton())
        self.language_button.setObjectName("startLanguage")
        self.language_button.setFont(fonts.app_font(Size.BODY, True))
        self.language_button.setAutoDefault(False)
        self.language_button.clicked.connect(self.switch_language)
        heading = QHBoxLayout()
        heading.addWidget(self.title, 1)
        heading.addWidget(self.language_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        layout.addLayout(heading)
        layout.addWidget(self.subtitle)
        layout.addWidget(self.notice)
        for button, choice in (
            (self.open_button, OPEN),
            (self.create_button, CREATE),
            (self.demo_button, DEMO),
        ):
            button.setFont(fonts.app_font(Size.ACTION, True))
            button.setMinimumHeight(64)
            button.clicked.connect(lambda _=False, c=choice: self._choose(c))
            layout.addWidget(button)
        self.setMinimumWidth(560)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Event check-in"))
        self.title.setText(self.tr("Welcome"))
        self.subtitle.setText(
            self.tr("Open the event file the organizers gave you, create a new event, or try the app with a demo event.")
        )  # fmt: skip
        self.open_button.setText(self.tr("Open an event file…"))
        self.create_button.setText(self.tr("Create a new event…"))
        self.demo_button.setText(self.tr("Try the demo event"))
        # Named in the language it switches to: whoever cannot read this one can read it.
        self.language_button.setText("English" if i18n.current_language() == "ko" else "한국어")

    def switch_language(self) -> str:
        lang = "en" if i18n.current_language() == "ko" else "ko"
        i18n.set_language(lang)
        self.retranslate()
        self.language_chosen.emit(lang)
        return lang

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()
