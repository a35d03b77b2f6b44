"""Starting the app: ``checkin gui [FILE] [--station NAME] [--list L] [--kiosk]
[--self-service] [--passphrase-env VAR] [--demo]`` (and ``checkin`` alone).

Which event opens: the FILE given, else the demo with ``--demo``, else the last event
file opened on this computer, else the first-run choices (open a file, create an
event, try the demo). The check-in screen comes up as soon as the file is open;
counting, sounds and the camera start behind it.
"""

from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from checkin import errors
from checkin.event import files
from checkin.logs import setup_logging
from checkin.ui import i18n
from checkin.ui.dialogs.event_opener import EventOpener
from checkin.ui.main_window import MainWindow
from checkin.ui.preferences import Preferences
from checkin.ui.session import EventSession
from checkin.ui.widgets import error_dialog, fonts

log = logging.getLogger(__name__)


def configure_application(app: QApplication) -> None:
    """Names, the bundled font, Qt's warnings into the log, uncaught errors shown."""
    setup_logging()  # once; the command line has usually done it already
    QCoreApplication.setApplicationName("checkin")
    QCoreApplication.setOrganizationName("checkin")
    app.setApplicationDisplayName("Check-in")
    error_dialog.route_qt_messages()
    fonts.apply_app_font(app)
    try:
        i18n.build()  # no-op when the .qm files are up to date
    except (OSError, subprocess.SubprocessError):
        log.warning("could not build translations", exc_info=True)


def choose_language(args: argparse.Namespace, prefs: Preferences) -> str:
    for value in (getattr(args, "lang", None), prefs.language, os.environ.get("CHECKIN_LANG")):
        if value in i18n.LANGUAGES:
            return str(value)
    return i18n.DEFAULT_LANGUAGE


def open_start_event(
    args: argparse.Namespace, opener: EventOpener, window: MainWindow
) -> EventSession | None:
    """The event to start with (see the module docstring); None if the person quit."""
    # None too when the file is open in the app already running, now at the front.
    return _open_start_event(args, opener, window)


def _open_start_event(
    args: argparse.Namespace, opener: EventOpener, window: MainWindow
) -> EventSession | None:
    message = ""
    if getattr(args, "file", None):
        try:
            passphrase = files.passphrase_from_env(getattr(args, "passphrase_env", None))
        except errors.CheckinError as exc:
            error_dialog.show_error(window, exc)
            passphrase = None
        session = opener.open_path(args.file, passphrase, args.list, args.station)
        if session is not None:
            return session
        message = QCoreApplication.translate("App", "The event file could not be opened.")
    elif getattr(args, "demo", False):
        session = opener.open_demo()
        if session is not None:
            return session
    elif opener.last_file():
        session = opener.open_path(
            opener.last_file(),
            list_id=args.list,
            station=args.station,  # type: ignore[arg-type]
        )
        if session is not None:
            return session
    if opener.handed_over is not None:
        return None
    return opener.first_run(message)


def run(args: argparse.Namespace, ready: Callable[[MainWindow], None] | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    configure_application(app)  # type: ignore[arg-type]
    prefs = Preferences.load()
    i18n.set_language(choose_language(args, prefs))
    window = MainWindow(prefs)
    error_dialog.install_excepthook(lambda: window)
    opener = EventOpener(prefs, window)
    window.opener = opener
    session = open_start_event(args, opener, window)
    if session is None:
        return 0
    if getattr(args, "exit", False):
        prefs.station(session.path).direction = "exit"
        prefs.save()
    window.set_session(session)
    room = window.screen().availableGeometry()
    window.resize(min(1280, room.width()), min(800, room.height()))
    window.showMaximized()
    choice = prefs.station(session.path)
    if getattr(args, "self_service", False) or choice.mode == "self_service":
        if not window.start_self_service():
            # Never a self-service kiosk that anyone in the queue can leave.
            error_dialog.show_error(window, errors.SelfServiceNeedsPin())
            window.close_session()
            window.close()
            return 1
    elif getattr(args, "kiosk", False) or choice.kiosk:
        window.lock_kiosk()
    QTimer.singleShot(300, window.sounds.prepare)
    if ready is not None:
        QTimer.singleShot(0, lambda: ready(window))
    return int(app.exec())
