"""Organizer → Discreet badges: which categories' badges (and tickets) leave off the
event's name, logo and date, and what exit scans and the closed event's screen say.

A "Defectors' Day" badge on the subway home tells everyone who its wearer is: a
discreet category's badge shows only the display name, the QR and a neutral colour.
Both are event settings: organizer only, synced to every station
(``checkin.badges.discreet``).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from checkin import errors
from checkin.badges import discreet
from checkin.ui import i18n
from checkin.ui.session import EventSession
from checkin.ui.theme import Size
from checkin.ui.widgets import fonts
from checkin.ui.widgets.error_dialog import both_languages, inline_error


class BadgeSettingsDialog(QDialog):
    def __init__(self, session: EventSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("badgeSettingsDialog")
        self.session = session
        self.setFont(fonts.app_font(Size.CAPTION))
        cfg = session.settings
        chosen = discreet.categories(cfg)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.categories = QListWidget()
        self.categories.setObjectName("discreetCategories")
        for cat in cfg.categories:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, cat.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if cat.id in chosen
                               else Qt.CheckState.Unchecked)  # fmt: skip
            self.categories.addItem(item)
        self.leave_box = QGroupBox()
        ko, en = discreet.leave_message(cfg)
        self.leave_ko = QLineEdit(ko)
        self.leave_ko.setObjectName("leaveKo")
        self.leave_en = QLineEdit(en)
        self.leave_en.setObjectName("leaveEn")
        for edit in (self.leave_ko, self.leave_en):
            edit.setMaxLength(discreet.MAX_LEAVE)
        self.leave_hint = QLabel()
        self.leave_hint.setWordWrap(True)
        self.default_button = QPushButton()
        self.default_button.clicked.connect(self._default_wording)
        self.ko_label, self.en_label = QLabel(), QLabel()
        form = QFormLayout(self.leave_box)
        form.addRow(self.ko_label, self.leave_ko)
        form.addRow(self.en_label, self.leave_en)
        form.addRow(self.leave_hint)
        form.addRow(self.default_button)
        self.error = inline_error("badgeSettingsError")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.try_accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.categories)
        layout.addWidget(self.leave_box)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(640)
        self.retranslate()

    def chosen(self) -> list[str]:
        out = []
        for i in range(self.categories.count()):
            item = self.categories.item(i)
            if item.checkState() == Qt.CheckState.Checked:
                out.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def set_discreet(self, category: str, on: bool) -> None:
        for i in range(self.categories.count()):
            item = self.categories.item(i)
            if item.data(Qt.ItemDataRole.UserRole) == category:
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)

    def _default_wording(self) -> None:
        self.leave_ko.setText(discreet.LEAVE_KO)
        self.leave_en.setText(discreet.LEAVE_EN)

    def try_accept(self) -> None:
        s = self.session
        cfg = s.settings
        wording = (self.leave_ko.text(), self.leave_en.text())
        try:
            # both checked before either is saved: a refused wording changes nothing
            discreet.validate_leave({"ko": wording[0], "en": wording[1]})
            if set(self.chosen()) != discreet.categories(cfg):
                discreet.set_categories(s.ef, s.clock, self.chosen(), s.operator)
            if tuple(" ".join(w.split()) for w in wording) != discreet.leave_message(cfg):
                discreet.set_leave_message(s.ef, s.clock, *wording, s.operator)
        except errors.CheckinError as exc:
            self.error.setText(both_languages(exc))
            self.error.show()
            return
        s.reload_settings()
        self.accept()

    def retranslate(self) -> None:
        lang = i18n.current_language()
        self.setWindowTitle(self.tr("Discreet badges"))
        self.intro.setText(self.tr(
            "Badges and tickets of the ticked categories leave off the event's name, logo "
            "and date, the category and the registration number: only the display name, the "
            "QR and a neutral colour (and the no-photo mark). A badge seen on the way home "
            "then tells nobody where its wearer has been."
        ))  # fmt: skip
        for i, cat in enumerate(self.session.settings.categories):
            self.categories.item(i).setText(f"{cat.label(lang)}  —  {cat.badge_label(lang)}")
        self.leave_box.setTitle(self.tr("When people leave"))
        self.ko_label.setText(self.tr("Korean"))
        self.en_label.setText(self.tr("English"))
        self.leave_hint.setText(self.tr(
            "Shown on exit scans and on the screen once the event is closed. Leave both "
            "empty to show nothing."
        ))  # fmt: skip
        self.default_button.setText(self.tr("Use the default wording"))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
