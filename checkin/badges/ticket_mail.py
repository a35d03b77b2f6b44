"""E-mailing tickets through the organizer's own mail server (SMTP).

- Only registered attendees with an e-mail address *and* consent on file
  (``consent_at``) are e-mailed; the others are counted, never contacted.
- Each message is recorded as sent (``ticket_sends``) only after the server accepted
  it, in its own transaction, so a re-run after a crash or a lost connection sends the
  rest and nothing twice. A reissued badge has a new version and no record yet: its
  ticket is due again.
- Refusals (a recipient or a message the server would not take) are listed by
  registration number with the server's answer; the run goes on with the next one.
  A lost connection stops the run (what was accepted stays recorded).
- The audit log records every run as an export with counts and the reason, never an
  address.
- The password is never stored: the caller passes it in (from an environment variable
  or asked on a terminal).
"""

from __future__ import annotations

import contextlib
import smtplib
import ssl
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from typing import Any

from checkin import errors
from checkin.badges import tickets
from checkin.badges.texts import BadgeTexts as T
from checkin.clock import Clock
from checkin.db.eventfile import EventFile
from checkin.event import settings as settings_mod
from checkin.models import Attendee
from checkin.protect import audit
from checkin.protect.access import Access

SECURITY = ("none", "starttls", "ssl")
CHANNEL = "email"
MAX_RATE = 6000  # messages per minute


@dataclass(frozen=True, slots=True)
class SmtpSettings:
    host: str
    port: int
    security: str = "starttls"
    user: str = ""
    password: str = ""  # never stored; from the environment or asked
    from_addr: str = ""
    timeout: float = 30.0

    def __repr__(self) -> str:  # never show the password
        return f"<SmtpSettings {self.host}:{self.port} {self.security} user={bool(self.user)}>"


@dataclass(frozen=True, slots=True)
class Refusal:
    reg_no: str
    code: int
    message: str


@dataclass(slots=True)
class SendResult:
    selected: int = 0
    sent: int = 0
    already_sent: int = 0
    no_email: int = 0
    no_consent: int = 0
    refused: list[Refusal] = field(default_factory=list)
    stopped: str = ""  # why the run stopped early (connection lost), "" if it finished

    @property
    def remaining(self) -> int:
        return self.selected - self.no_email - self.no_consent - self.already_sent - self.sent

    def to_json(self) -> dict[str, Any]:
        return {
            "selected": self.selected, "sent": self.sent, "already_sent": self.already_sent,
            "no_email": self.no_email, "no_consent": self.no_consent,
            "refused": [{"reg_no": r.reg_no, "code": r.code, "message": r.message}
                        for r in self.refused],
            "remaining": self.remaining, "stopped": self.stopped,
        }  # fmt: skip


def check_settings(s: SmtpSettings) -> None:
    if not s.host.strip():
        raise errors.InvalidInput(T.give_mail_server_s_name, field="smtp_host")  # fmt: skip
    if not 1 <= s.port <= 65535:
        raise errors.InvalidInput(T.mail_server_port_must_usually, field="smtp_port")
    if s.security not in SECURITY:
        raise errors.InvalidInput(T.security_one, field="security", join=', '.join(SECURITY))  # fmt: skip
    sender = s.from_addr or s.user
    if "@" not in sender or any(ch in sender for ch in "\r\n<>"):
        raise errors.InvalidInput(T.give_sender_s_e_mail, field="from")


def sent_versions(ef: EventFile) -> set[tuple[str, int]]:
    """(attendee id, badge version) of every ticket the mail server accepted."""
    rows = ef.execute(
        "SELECT attendee_id, badge_version FROM ticket_sends WHERE channel = ?", (CHANNEL,)
    ).fetchall()
    return {(a, int(v)) for a, v in rows}


def not_sent(ef: EventFile, people: Sequence[Attendee]) -> list[Attendee]:
    done = sent_versions(ef)
    return [a for a in people if (a.id, a.badge_version) not in done]


def _valid_address(addr: str) -> bool:
    addr = addr.strip()
    local, _, domain = addr.rpartition("@")
    return bool(local) and "." in domain and not any(ch.isspace() or ch in "<>,;" for ch in addr)


def message(
    t: tickets.TicketData,
    to_addr: str,
    cfg: settings_mod.EventSettings,
    from_addr: str,
    png: bytes,
    pdf: bytes | None,
) -> EmailMessage:
    msg = EmailMessage()
    msg["Subject"] = tickets.fill(tickets.subject_template(cfg), t)
    msg["From"] = formataddr((cfg.name, from_addr))
    msg["To"] = to_addr
    msg["Message-ID"] = make_msgid(domain=from_addr.rpartition("@")[2] or None)
    msg.set_content(tickets.fill(tickets.body_template(cfg), t))
    stem = tickets.file_stem(t.reg_no)
    msg.add_attachment(png, maintype="image", subtype="png", filename=f"ticket-{stem}.png")
    if pdf is not None:
        msg.add_attachment(pdf, maintype="application", subtype="pdf",
                           filename=f"ticket-{stem}.pdf")  # fmt: skip
    return msg


def _open(s: SmtpSettings) -> smtplib.SMTP:
    server: smtplib.SMTP | None = None
    try:
        if s.security == "ssl":
            server = smtplib.SMTP_SSL(
                s.host, s.port, timeout=s.timeout, context=ssl.create_default_context()
            )
        else:
            server = smtplib.SMTP(s.host, s.port, timeout=s.timeout)
            if s.security == "starttls":
                server.starttls(context=ssl.create_default_context())
        if s.user:
            server.login(s.user, s.password)
    except BaseException:
        if server is not None:
            server.close()
        raise
    return server


def connect(s: SmtpSettings) -> smtplib.SMTP:
    """An open, logged-in connection, or a clear MailServerError."""
    where = f"{s.host}:{s.port}"
    try:
        return _open(s)
    except smtplib.SMTPAuthenticationError as exc:
        raise errors.MailServerError(
            T.mail_server_refused_user_name, where=where, smtp_code=exc.smtp_code
        ) from None
    except smtplib.SMTPNotSupportedError:
        raise errors.MailServerError(T.mail_server_does_not_offer, where=where) from None
    except (OSError, smtplib.SMTPException) as exc:
        raise errors.MailServerError(
            T.cannot_reach_mail_server_check, where=where, exc=exc
        ) from None


def _answer(exc: smtplib.SMTPException) -> tuple[int, str]:
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        code, text = next(iter(exc.recipients.values()))
        return int(code), text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    code = int(getattr(exc, "smtp_code", 0) or 0)
    error: Any = getattr(exc, "smtp_error", b"") or str(exc)
    return code, error.decode("utf-8", "replace") if isinstance(error, bytes) else str(error)


def _record(ef: EventFile, clock: Clock, t: tickets.TicketData, operator: str) -> None:
    with ef.write() as conn:
        conn.execute(
            "INSERT OR IGNORE INTO ticket_sends (attendee_id, badge_version, channel, at_ms, "
            "operator) VALUES (?, ?, ?, ?, ?)",
            (t.attendee_id, t.badge_version, CHANNEL, clock.now_ms(), operator[:40]),
        )


def send(
    ef: EventFile,
    clock: Clock,
    access: Access,
    people: Sequence[Attendee],
    smtp: SmtpSettings,
    rate_per_minute: float = 0,
    attach_pdf: bool = True,
    progress: Callable[[int, int], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> SendResult:
    """E-mail each eligible attendee's ticket once (see the module docstring).

    ``progress(done, total)`` is called after each message; ``rate_per_minute`` (0: no
    limit) spaces the messages out for servers that limit senders.
    """
    access.require_organizer(ef)
    access.check_reason()
    check_settings(smtp)
    if rate_per_minute < 0 or rate_per_minute > MAX_RATE:
        raise errors.InvalidInput(T.rate_no_limit_messages_minute, field="rate", max_rate=MAX_RATE)
    result = SendResult(selected=len(people))
    with_email = [a for a in people if a.email.strip()]
    result.no_email = len(people) - len(with_email)
    consented = [a for a in with_email if a.consent_at is not None]
    result.no_consent = len(with_email) - len(consented)
    due = not_sent(ef, consented)
    result.already_sent = len(consented) - len(due)
    if not due:
        return result
    cfg = settings_mod.load(ef)
    from_addr = smtp.from_addr or smtp.user
    data = tickets.ticket_data(ef, due, cfg)
    by_id = {a.id: a for a in due}
    server = connect(smtp)
    gap = 60.0 / rate_per_minute if rate_per_minute else 0.0
    last = 0.0
    pdfs: Iterator[bytes] = iter(())
    try:
        for i, t in enumerate(data):
            if i % tickets.PDF_BATCH == 0 and attach_pdf:
                pdfs = iter(tickets.pdf_many(data[i : i + tickets.PDF_BATCH]))
            pdf = next(pdfs) if attach_pdf else None
            to_addr = by_id[t.attendee_id].email.strip()
            if not _valid_address(to_addr):
                result.refused.append(Refusal(t.reg_no, 0, "not an e-mail address"))
                continue
            msg = message(t, to_addr, cfg, from_addr, tickets.png_bytes(t), pdf)
            if gap and last:
                wait = gap - (time.monotonic() - last)
                if wait > 0:
                    sleep(wait)
            last = time.monotonic()
            try:
                server.send_message(msg, from_addr, [to_addr])
            except smtplib.SMTPSenderRefused as exc:
                raise errors.MailServerError(
                    T.mail_server_refused_sender_nothing,
                    from_addr=from_addr,
                    smtp_code=exc.smtp_code,
                ) from None
            except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError) as exc:
                code, text = _answer(exc)
                result.refused.append(Refusal(t.reg_no, code, text))
                _reset(server)
                continue
            except smtplib.SMTPServerDisconnected as exc:
                result.stopped = f"connection lost: {exc}"
                break
            except smtplib.SMTPResponseException as exc:
                code, text = _answer(exc)
                if code in (421,):  # the server is closing the connection
                    result.stopped = f"{code} {text}"
                    break
                result.refused.append(Refusal(t.reg_no, code, text))
                _reset(server)
                continue
            except OSError as exc:
                result.stopped = f"network: {exc}"
                break
            _record(ef, clock, t, access.operator)
            result.sent += 1
            if progress:
                progress(result.sent + len(result.refused), len(data))
    finally:
        with contextlib.suppress(Exception):
            server.quit()
        server.close()
        audit.record(ef, clock, audit.EXPORT, operator=access.operator,
                     detail=access.export_detail({"kind": "tickets-email", "format": "smtp",
                                                  "rows": result.sent,
                                                  "failures": len(result.refused),
                                                  "fields": ["display_name", "email"],
                                                  "personal": True}))  # fmt: skip
    return result


def _reset(server: smtplib.SMTP) -> None:
    with contextlib.suppress(smtplib.SMTPException, OSError):
        server.rset()
