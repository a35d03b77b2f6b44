"""The sync settings dialog: the hub password masked, and "Test connection" on a real hub."""

from __future__ import annotations

import os

import psycopg
import pytest
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit

from checkin.sync import hub_diagnose
from checkin.sync import status as status_mod
from checkin.ui import i18n
from checkin.ui.console.sync_settings_dialog import SyncSettingsDialog


@pytest.fixture(scope="module", autouse=True)
def _translations(qapp):
    i18n.build()


def test_password_is_masked_and_kept_apart_from_the_address(stations, qtbot):
    url = "postgresql://checkin:hub-secret@192.168.0.10:5432/checkin"
    status_mod.save_config(stations.org, status_mod.SyncConfig(hub_url=url))
    dialog = SyncSettingsDialog(stations.org)
    qtbot.addWidget(dialog)
    assert dialog.hub.text() == "postgresql://checkin@192.168.0.10:5432/checkin"
    assert dialog.password.echoMode() is QLineEdit.EchoMode.Password
    assert dialog.password.text() == "hub-secret"
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, "new secret")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    saved = status_mod.load_config(stations.org).hub_url
    assert hub_diagnose.split_password(saved) == (
        "postgresql://checkin@192.168.0.10:5432/checkin",
        "new secret",
    )


def test_test_connection_says_the_hub_works_or_exactly_what_is_wrong(
    stations, qtbot, hub_url, postgres_server
):
    dialog = SyncSettingsDialog(stations.org)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.hub, hub_url)
    dialog.test_button.click()
    qtbot.waitUntil(
        lambda: dialog.test_button.isEnabled() and dialog.test_ok is not None, timeout=15000
    )
    assert dialog.test_ok is True and "PostgreSQL" in dialog.test_result.text()
    # a role without rights on any schema: the plain diagnosis, in the dialog
    user, db = f"dlg_{os.urandom(4).hex()}", f"hub_{os.urandom(4).hex()}"
    with psycopg.connect(postgres_server.url("postgres"), autocommit=True) as admin:
        admin.execute(f"CREATE ROLE {user} LOGIN")
        admin.execute(f"CREATE DATABASE {db}")
    with psycopg.connect(postgres_server.url(db), autocommit=True) as inside:
        inside.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    dialog.hub.setText(f"postgresql://{user}@127.0.0.1:{postgres_server.port}/{db}")
    dialog.test_button.click()
    qtbot.waitUntil(
        lambda: dialog.test_button.isEnabled() and dialog.test_ok is False, timeout=15000
    )
    assert "CREATE on schema 'public'" in dialog.test_result.text()
    # nothing listening: refused, with what to check
    dialog.hub.setText("postgresql://checkin@127.0.0.1:9/none")
    dialog.test_button.click()
    qtbot.waitUntil(
        lambda: dialog.test_button.isEnabled() and "listen_addresses" in dialog.test_result.text(),
        timeout=15000,
    )
    assert dialog.test_ok is False
    # nothing saved by testing
    assert status_mod.load_config(stations.org).hub_url == ""
