"""Bounces read from the sender's mailbox over IMAP, so nobody has to save them first.

The tickets went out from the organizer's address; the delivery reports come back to
its mailbox. :func:`read` logs into that mailbox (IMAP, with TLS or STARTTLS unless the
organizer says otherwise), looks only at the folder given (the inbox by default) and at
messages since the first ticket was sent, and hands the delivery reports among them to
``ticket_bounces`` (the same matching to attendees as saved ``.eml``/``.mbox`` files).

It reads and never writes: the folder is opened read-only and messages are fetched
with ``BODY.PEEK``, so nothing is marked read, moved or deleted. The password is never
stored (from an environment variable, or asked each time); the other settings are an
event setting like the outgoing server's (``ticket_imap``). A server that cannot be
reached, refuses the login or has no such folder gets a plain diagnosis.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email
import email.policy
import imaplib
import os
import re
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import Message
from typing import Any

from checkin import errors
from checkin.badges import ticket_bounces
from checkin.badges.texts import BadgeTexts as T
from checkin.clock import Clock
from checkin.db.eventfile import EventFile
from checkin.event import settings as settings_mod
from checkin.protect.access import Access

SECURITY = ("ssl", "starttls", "none")
DEFAULT_PORTS = {"ssl": 993, "starttls": 143, "none": 143}
IMAP_KEY = "ticket_imap"
IMAP_FIELDS = ("host", "port", "security", "user", "folder", "password_env")
MAX_MESSAGES = 5000  # delivery reports looked at in one reading, newest first
MAX_MESSAGE_BYTES = 2 * 1024 * 1024  # a report with the first lines of the ticket
_BATCH = 200
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True, slots=True)
class ImapSettings:
    host: str
    port: int = 993
    security: str = "ssl"
    user: str = ""
    password: str = ""  # never stored; from the environment or asked
    folder: str = "INBOX"
    timeout: float = 30.0

    def __repr__(self) -> str:  # never show the password
        return f"<ImapSettings {self.host}:{self.port} {self.security} user={bool(self.user)}>"


def check_settings(s: ImapSettings) -> None:
    if not s.host.strip():
        raise errors.InvalidInput(T.give_mailbox_server_s_name, field="imap_host")
    if not 1 <= s.port <= 65535:
        raise errors.InvalidInput(T.mailbox_port_must_usually, field="imap_port")
    if s.security not in SECURITY:
        raise errors.InvalidInput(T.security_one, field="security", join=", ".join(SECURITY))
    if not s.user.strip():
        raise errors.InvalidInput(T.give_mailbox_user, field="imap_user")
    if not s.folder.strip() or any(ch in s.folder for ch in '\r\n"'):
        raise errors.InvalidInput(T.give_mailbox_folder, field="imap_folder")


def password_from_env(name: str) -> str:
    """The mailbox password from the environment variable ``name`` (never stored)."""
    value = os.environ.get(name) if _ENV_NAME.fullmatch(name or "") else None
    if value is None:
        raise errors.InvalidInput(T.mailbox_password_env_not_set, field="password", var=name)
    return value


def since_first_send(ef: EventFile) -> dt.date | None:
    """The day before the first ticket e-mail was accepted (reports come after it);
    None when none was sent from this file."""
    row = ef.execute("SELECT MIN(at_ms) FROM ticket_sends WHERE channel = 'email'").fetchone()
    if row is None or row[0] is None:
        return None
    first = dt.datetime.fromtimestamp(int(row[0]) / 1000, tz=dt.UTC).date()
    return first - dt.timedelta(days=1)


def read(
    ef: EventFile, access: Access, s: ImapSettings, since: dt.date | None = None
) -> ticket_bounces.BounceReport:
    """The attendees whose ticket bounced, from the delivery reports in the mailbox
    (organizer only: it ties addresses to people). ``since``: the first day to look at
    (default: the day before the first ticket e-mail from this file)."""
    access.require_organizer(ef)
    check_settings(s)
    start = since if since is not None else since_first_send(ef)
    with _session(s) as server:
        return ticket_bounces.read_messages(ef, access, _reports(server, s, start))


class _session:
    """An open, logged-in IMAP connection with the folder selected read-only."""

    def __init__(self, s: ImapSettings) -> None:
        self.s = s
        self.server: imaplib.IMAP4 | None = None

    def __enter__(self) -> imaplib.IMAP4:
        s, where = self.s, f"{self.s.host}:{self.s.port}"
        try:
            self.server = _open(s)
            self.server.login(s.user, s.password)
        except imaplib.IMAP4.error as exc:
            self._close()
            if _is_login_refusal(exc):
                raise errors.MailServerError(T.mailbox_refused_login, where=where) from None
            raise errors.MailServerError(T.mailbox_answered, where=where, exc=_said(exc)) from None
        except ssl.SSLError as exc:
            self._close()
            raise errors.MailServerError(T.mailbox_tls_failed, where=where, exc=exc) from None
        except (OSError, EOFError) as exc:
            self._close()
            raise errors.MailServerError(T.cannot_reach_mailbox, where=where, exc=exc) from None
        status, data = self.server.select(_quoted(s.folder), readonly=True)
        if status != "OK":
            self._close()
            raise errors.MailServerError(
                T.mailbox_has_no_folder, where=where, folder=s.folder, exc=_said(data)
            )
        return self.server

    def __exit__(self, *_exc: object) -> None:
        self._close()

    def _close(self) -> None:
        server, self.server = self.server, None
        if server is None:
            return
        try:
            if server.state == "SELECTED":
                server.close()
            server.logout()
        except (imaplib.IMAP4.error, OSError, EOFError):
            _drop(server)


def _open(s: ImapSettings) -> imaplib.IMAP4:
    if s.security == "ssl":
        return imaplib.IMAP4_SSL(
            s.host, s.port, ssl_context=ssl.create_default_context(), timeout=s.timeout
        )
    server = imaplib.IMAP4(s.host, s.port, timeout=s.timeout)
    if s.security == "starttls":
        try:
            server.starttls(ssl_context=ssl.create_default_context())
        except imaplib.IMAP4.error:
            _drop(server)
            raise errors.MailServerError(
                T.mailbox_no_starttls, where=f"{s.host}:{s.port}"
            ) from None
        except BaseException:
            _drop(server)
            raise
    return server


def _drop(server: imaplib.IMAP4) -> None:
    """Close a connection that went wrong, keeping the error that says why."""
    with contextlib.suppress(OSError):
        server.shutdown()


def _reports(server: imaplib.IMAP4, s: ImapSettings, since: dt.date | None) -> Iterator[Message]:
    """The delivery reports in the selected folder since ``since``, newest first (at most
    MAX_MESSAGES); other mail is looked at by its Content-Type header only."""
    where = f"{s.host}:{s.port}"
    try:
        query = f"SINCE {since.day}-{_MONTHS[since.month - 1]}-{since.year}" if since else "ALL"
        status, data = server.uid("SEARCH", query)
        if status != "OK":
            raise errors.MailServerError(T.mailbox_answered, where=where, exc=_said(data))
        uids = (data[0] or b"").split()[::-1][:MAX_MESSAGES]
        for start in range(0, len(uids), _BATCH):
            batch = uids[start : start + _BATCH]
            for uid in _report_uids(server, batch):
                message = _fetch(server, uid)
                if message is not None:
                    yield message
    except (imaplib.IMAP4.abort, OSError, EOFError) as exc:
        raise errors.MailServerError(T.mailbox_connection_lost, where=where, exc=exc) from None


def _report_uids(server: imaplib.IMAP4, uids: list[bytes]) -> list[bytes]:
    status, data = server.uid(
        "FETCH", b",".join(uids).decode(), "(RFC822.SIZE BODY.PEEK[HEADER.FIELDS (CONTENT-TYPE)])"
    )
    if status != "OK":
        return []
    found = []
    for i, item in enumerate(data):
        if not isinstance(item, tuple):
            continue
        # the UID may come before the header's literal or after it, in the next item
        after = data[i + 1] if i + 1 < len(data) and isinstance(data[i + 1], bytes) else b""
        meta = (item[0] + b" " + after).decode("ascii", "replace")
        uid, size = re.search(r"UID (\d+)", meta), re.search(r"RFC822\.SIZE (\d+)", meta)
        if uid is None or (size is not None and int(size.group(1)) > MAX_MESSAGE_BYTES):
            continue
        if b"multipart/report" in item[1].lower():
            found.append(uid.group(1).encode())
    return found


def _fetch(server: imaplib.IMAP4, uid: bytes) -> Message | None:
    status, data = server.uid("FETCH", uid.decode(), "(BODY.PEEK[])")
    if status != "OK":
        return None
    for item in data:
        if isinstance(item, tuple):
            return email.message_from_bytes(item[1], policy=email.policy.compat32)
    return None


def _quoted(folder: str) -> str:
    return '"' + folder.replace("\\", "\\\\") + '"'


def _said(data: Any) -> str:
    if isinstance(data, list):
        data = b" ".join(d for d in data if isinstance(d, bytes))
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else str(data)
    return " ".join(text.split())[:200]


def _is_login_refusal(exc: imaplib.IMAP4.error) -> bool:
    text = str(exc).lower()
    return any(w in text for w in ("authenticat", "login", "credential", "password", "invalid"))


# --- the mailbox settings (an event setting; never the password) -----------------------


def _bad_imap(what: str) -> errors.InvalidInput:
    return errors.InvalidInput(T.mailbox_setting_not_valid, field=IMAP_KEY, what=what)


def validate_imap(value: Any) -> dict[str, Any]:
    """The stored mailbox settings: host, port, security, user, folder, the name of the
    environment variable holding the password (the password itself never)."""
    if not isinstance(value, dict) or set(value) - set(IMAP_FIELDS):
        raise _bad_imap("?")
    out: dict[str, Any] = {}
    for key in ("host", "user", "folder", "password_env"):
        text = value.get(key, "INBOX" if key == "folder" else "")
        if not isinstance(text, str) or len(text) > 254 or any(ch in text for ch in '\r\n"'):
            raise _bad_imap(key)
        out[key] = text.strip()
    if out["password_env"] and not _ENV_NAME.fullmatch(out["password_env"]):
        raise _bad_imap("password_env")
    security = value.get("security", "ssl")
    if security not in SECURITY:
        raise _bad_imap("security")
    port = value.get("port", DEFAULT_PORTS[security])
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        raise _bad_imap("port")
    out.update(port=port, security=security, folder=out["folder"] or "INBOX")
    return out


def stored_imap(cfg: settings_mod.EventSettings) -> dict[str, Any]:
    """The mailbox settings last saved (defaults where none)."""
    defaults = {"host": "", "port": 993, "security": "ssl", "user": "", "folder": "INBOX",
                "password_env": ""}  # fmt: skip
    value = cfg.extra.get(IMAP_KEY)
    try:
        return {**defaults, **validate_imap(value)} if value else defaults
    except errors.InvalidInput:  # not as we store it: start from the defaults
        return defaults


def save_imap(
    ef: EventFile, clock: Clock, access: Access, values: dict[str, Any], operator: str = ""
) -> dict[str, Any]:
    """Remember the mailbox settings for the next time (organizer only). A password given
    here is refused: it is never stored."""
    access.require_organizer(ef)
    if "password" in values:
        raise errors.InvalidInput(T.mailbox_password_never_stored, field="password")
    cfg = settings_mod.update(ef, clock, {IMAP_KEY: values}, operator)
    return stored_imap(cfg)


settings_mod.register_validator(IMAP_KEY, validate_imap)
