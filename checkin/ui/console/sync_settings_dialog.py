"""Sync settings: a shared folder, a hub address, how often. Saved in the event file.

The hub's password has a field of its own, masked; "Test connection" runs the hub
diagnosis off the UI thread and shows what exactly is wrong (DNS, refused, pg_hba,
password, privileges, TLS) or that the hub works.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from checkin import errors
from checkin.event.files import EventFile
from checkin.sync import hub_diagnose
from checkin.sync import status as status_mod
from checkin.ui import i18n
from checkin.ui.theme import Color
from checkin.ui.widgets.form_dialog import FormDialog
from checkin.ui.worker import run_op


class SyncSettingsDialog(FormDialog):
    settingsSaved = Signal(object)  # SyncConfig

    def __init__(self, ef: EventFile, parent: QWidget | None = None) -> None:
        super().__init__(
            parent, name="syncSettingsDialog", error_name="syncSettingsError",
            accept_button=QDialogButtonBox.StandardButton.Save, font_size=None,
        )  # fmt: skip
        self.ef = ef
        self.saved: status_mod.SyncConfig | None = None
        config = status_mod.load_config(ef)
        self.folder = QLineEdit(config.folder)
        self.browse = QPushButton()
        self.browse.clicked.connect(self._browse)
        bare_url, password = hub_diagnose.split_password(config.hub_url)
        self.hub = QLineEdit(bare_url)
        self.hub.setPlaceholderText("postgresql://checkin@192.168.0.10/checkin")
        self.password = QLineEdit(password)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.test_button = QPushButton()
        self.test_button.clicked.connect(self.test_connection)
        self.test_result = QLabel()
        self.test_result.setWordWrap(True)
        self.test_result.hide()
        self._test_task = None
        self.test_ok: bool | None = None
        self.interval = QSpinBox()
        self.interval.setRange(status_mod.MIN_INTERVAL_S, status_mod.MAX_INTERVAL_S)
        self.interval.setValue(config.interval_s)
        self.help = QLabel()
        self.help.setWordWrap(True)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder)
        folder_row.addWidget(self.browse)
        self.form = QFormLayout()
        self.folder_label = QLabel()
        self.hub_label = QLabel()
        self.interval_label = QLabel()
        self.form.addRow(self.folder_label, folder_row)
        self.password_label = QLabel()
        self.form.addRow(self.hub_label, self.hub)
        password_row = QHBoxLayout()
        password_row.addWidget(self.password)
        password_row.addWidget(self.test_button)
        self.form.addRow(self.password_label, password_row)
        self.form.addRow(self.test_result)
        self.form.addRow(self.interval_label, self.interval)
        self.body.addWidget(self.help)
        self.body.addLayout(self.form)
        self.resize(640, 340)
        self.finish()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Sync settings"))
        self.help.setText(
            self.tr(
                "Kiosks exchange check-ins through a shared folder on the venue network, "
                "a PostgreSQL sync server, or both. Leave a field empty to not use it. "
                "Each kiosk keeps working offline either way."
            )
        )
        self.folder_label.setText(self.tr("Shared folder"))
        self.hub_label.setText(self.tr("Sync server"))
        self.password_label.setText(self.tr("Server password"))
        self.password.setPlaceholderText(self.tr("empty: none, or from PGPASSWORD / .pgpass"))
        self.test_button.setText(self.tr("Test connection"))
        self.interval_label.setText(self.tr("Sync every"))
        self.interval.setSuffix(self.tr(" s"))
        self.browse.setText(self.tr("Browse…"))
        self.set_button_texts(self.tr("Save"), self.tr("Cancel"))

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Shared sync folder"), self.folder.text()
        )
        if chosen:
            self.folder.setText(chosen)

    def hub_url(self) -> str:
        """The address with the password field put in (a password typed in the address is
        kept when the password field is empty)."""
        typed = self.hub.text().strip()
        if not typed:
            return ""
        bare, in_address = hub_diagnose.split_password(typed)
        return hub_diagnose.with_password(bare, self.password.text() or in_address)

    def test_connection(self) -> None:
        url = self.hub_url()
        if not url.startswith(("postgresql://", "postgres://")):
            self._show_test(
                False, self.tr("Enter the sync server's address first (postgresql://…).")
            )
            return
        self.test_button.setEnabled(False)
        self._show_test(None, self.tr("Testing the connection…"))
        self._test_task = run_op(
            None, lambda _ef, _progress: hub_diagnose.diagnose(url),
            self._tested, self._test_failed, what="testing a hub",
        )  # fmt: skip

    def _tested(self, found: hub_diagnose.Diagnosis) -> None:
        self.test_button.setEnabled(True)
        if found.ok:
            detail = "; ".join(d for _, ok, d in found.steps if ok)
            self._show_test(True, self.tr("The sync server works: %1").replace("%1", detail))
        elif found.problem is not None:
            self._show_test(False, found.problem.message(i18n.current_language()))

    def _test_failed(self, exc: BaseException) -> None:
        self.test_button.setEnabled(True)
        if isinstance(exc, errors.CheckinError):
            self._show_test(False, exc.message(i18n.current_language()))
        else:
            self._show_test(False, f"{type(exc).__name__}: {exc}")

    def _show_test(self, ok: bool | None, text: str) -> None:
        colour = {True: Color.SUCCESS, False: Color.DANGER, None: Color.TEXT_SOFT}[ok]
        self.test_result.setStyleSheet(f"color: {colour};")
        self.test_result.setText(text)
        self.test_result.show()
        self.test_ok = ok

    def try_accept(self) -> None:
        """Save pressed: store the settings, or say what is wrong and stay open."""
        self.save()

    def save(self) -> None:
        config = status_mod.SyncConfig(
            folder=self.folder.text(), hub_url=self.hub_url(), interval_s=self.interval.value()
        )
        try:
            self.saved = status_mod.save_config(self.ef, config)
        except errors.CheckinError as exc:
            self.fail(exc)
            return
        self.settingsSaved.emit(self.saved)
        self.accept()
