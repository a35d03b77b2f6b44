"""An event file's life, for the app and the command line alike: open, create, re-key, close.

The screens (``checkin.ui``) and the commands (``checkin.cli``) come here instead of
importing ``checkin.db`` themselves, so the storage layer can change behind one door:

- ``open_event_file(path, passphrase)``: open (migrations applied, a copy kept aside);
  ``EventFile`` is what it returns; ``HAVE_SQLCIPHER`` says whether encryption works here
  and ``SQLITE_HEADER`` is how an unencrypted file begins;
- ``create_event(path, ...)``: a new event with its keys, settings and this station;
- ``change_passphrase(path, old, new)``: re-encrypt (re-key) the file atomically;
- ``close_event(ef, clock, report_path, ...)``: the final report, then personal data wiped;
- ``passphrase_from_env(var)``: a passphrase handed over in an environment variable.
"""

from __future__ import annotations

import os
from typing import Any

from checkin import errors
from checkin.db.eventfile import (
    DRIVER_ERRORS,
    HAVE_SQLCIPHER,
    SQLITE_HEADER,
    EventFile,
    is_encrypted,
    open_event_file,
    translate,
)
from checkin.event.identity import create_event
from checkin.event.rekey import change_passphrase
from checkin.event.texts import EventTexts as T

__all__ = [
    "DRIVER_ERRORS",
    "HAVE_SQLCIPHER",
    "SQLITE_HEADER",
    "EventFile",
    "change_passphrase",
    "close_event",
    "create_event",
    "is_encrypted",
    "open_event_file",
    "passphrase_from_env",
    "translate",
]


def close_event(*args: Any, **kwargs: Any) -> Any:
    """``checkin.protect.retention.close_event``; imported when used (it brings the PDF
    machinery for the final report, which opening an event does not need)."""
    from checkin.protect import retention

    return retention.close_event(*args, **kwargs)


def passphrase_from_env(var: str | None) -> str | None:
    """The passphrase in the environment variable ``var`` (None when no variable is named).

    Naming a variable that is not set is a mistake the person can fix: ``InvalidInput``.
    """
    if not var:
        return None
    value = os.environ.get(var)
    if value is None:
        raise errors.InvalidInput(
            T.environment_variable_not_set_should, field="passphrase", var=var
        )
    return value
