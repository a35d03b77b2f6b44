"""Showing errors: clear messages for what a person can act on, a copyable report for
bugs, and Qt's own warnings routed into the log. The app stays alive either way."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from checkin import errors
from checkin.ui import i18n
from checkin.ui.theme import Style

log = logging.getLogger(__name__)
qt_log = logging.getLogger("checkin.qt")


ERROR_STYLE = Style.ERROR_TEXT


def both_languages(exc: errors.CheckinError) -> str:
    """A message line for a person's error: the app's language first, then the other
    (Korean first in a Korean app), so a helper who reads only one still understands."""
    lang = i18n.current_language()
    return exc.message(lang) + "\n" + exc.message("en" if lang == "ko" else "ko")


def inline_error(object_name: str = "", hidden: bool = True) -> QLabel:
    """A dialog's own message line for a problem a person can fix (red, bold,
    word-wrapped; hidden until there is something to say)."""
    label = QLabel()
    if object_name:
        label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_STYLE)
    label.setVisible(not hidden)
    return label


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """A calm dialog: the person's message for a CheckinError, a bug report otherwise."""
    if isinstance(exc, errors.CheckinError):
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle("checkin")
        box.setText(exc.message(i18n.current_language()))
        box.exec()
        return
    details = getattr(exc, "traceback_text", None) or "".join(
        traceback.format_exception(type(exc), exc, exc.__traceback__)
    )
    if not getattr(exc, "logged", False):  # a worker logged it where it happened
        log.error("unexpected error: %s", details)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("checkin")
    box.setText(
        QCoreApplication.translate(
            "ErrorDialog", "An unexpected error happened. You can keep working."
        )
    )
    box.setInformativeText(
        QCoreApplication.translate(
            "ErrorDialog", "Please copy the details below and send them to the organizers."
        )
    )
    box.setDetailedText(details)
    box.exec()


def install_excepthook(parent_getter=None) -> None:  # type: ignore[no-untyped-def]
    """Uncaught exceptions in slots are logged and shown; the app keeps running."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        exc.traceback_text = "".join(traceback.format_exception(kind, exc, tb))  # type: ignore[attr-defined]
        show_error(parent_getter() if parent_getter else None, exc)

    sys.excepthook = hook


def route_qt_messages() -> None:
    """Qt's warnings go to the log file instead of stderr."""
    levels = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }

    def handler(kind: QtMsgType, context: object, message: str) -> None:
        qt_log.log(levels.get(kind, logging.WARNING), "%s", message)

    qInstallMessageHandler(handler)
