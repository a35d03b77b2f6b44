"""E-mailing tickets through the organizer's own mail server (SMTP).

- Only registered attendees with an e-mail address *and* a consent that covers contact
  details (``consent.covers_contact``) are e-mailed; the others are counted, never
  contacted.
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
import dataclasses
import os
import re
import smtplib
import ssl
import time
from collections.abc import Callable, Sequence
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
from checkin.protect import audit, consent, masking
from checkin.protect.access import Access

SECURITY = ("none", "starttls", "ssl")
CHANNEL = "email"
MAX_RATE = 6000  # messages per minute
NOT_AN_ADDRESS = "not an e-mail address / 이메일 주소 형식이 아님"


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
    paused: bool = False  # the organizer paused: a later run sends the rest
    new_badges: int = 0  # of those due, how many were sent a ticket of an older badge
    rendering: tickets.RenderStats = field(default_factory=tickets.RenderStats)

    @property
    def remaining(self) -> int:
        return self.selected - self.no_email - self.no_consent - self.already_sent - self.sent

    def to_json(self) -> dict[str, Any]:
        return {
            "selected": self.selected, "sent": self.sent, "already_sent": self.already_sent,
            "no_email": self.no_email, "no_consent": self.no_consent,
            "refused": [{"reg_no": r.reg_no, "code": r.code, "message": r.message}
                        for r in self.refused],
            "remaining": self.remaining, "stopped": self.stopped, "paused": self.paused,
            "new_badges": self.new_badges,
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


def to_send_again(ef: EventFile, people: Sequence[Attendee]) -> list[Attendee]:
    """Those whose badge was reissued after their ticket was sent: the old ticket now
    scans as an old badge, so the new one is to send again."""
    done = sent_versions(ef)
    earlier = {a for a, v in done}
    return [a for a in people if a.id in earlier and (a.id, a.badge_version) not in done]


@dataclass(frozen=True, slots=True)
class SendPlan:
    """Who of a selection would be e-mailed now, and why the others would not."""

    selected: int
    no_email: int
    no_consent: int
    already_sent: int
    due: list[Attendee]
    new_badges: int = 0  # of ``due``: sent a ticket before, their badge reissued since


def plan_for(ef: EventFile, people: Sequence[Attendee], again: bool = False) -> SendPlan:
    with_email = [a for a in people if a.email.strip()]
    consented = [a for a in with_email if consent.covers_contact(a)]
    due = list(consented) if again else not_sent(ef, consented)
    return SendPlan(len(people), len(people) - len(with_email), len(with_email) - len(consented),
                    len(consented) - len(due), due, len(to_send_again(ef, due)))  # fmt: skip


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
            "INSERT INTO ticket_sends (attendee_id, badge_version, channel, at_ms, operator) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (attendee_id, badge_version, channel) "
            "DO UPDATE SET at_ms = excluded.at_ms, operator = excluded.operator",
            (t.attendee_id, t.badge_version, CHANNEL, clock.now_ms(), operator[:40]),
        )


# Long because: one SMTP session: every message's send, the server's answers (refused, closing,
# connection lost) and the send record share the connection and the result
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
    pause: Callable[[], bool] | None = None,
    again: bool = False,
) -> SendResult:
    """E-mail each eligible attendee's ticket once (see the module docstring).

    ``progress(done, total)`` is called after each message; ``rate_per_minute`` (0: no
    limit) spaces the messages out for servers that limit senders. ``pause()`` is asked
    before each message: True ends the run there (``result.paused``; what was accepted
    is recorded, so running it again goes on with the rest). ``again`` sends also to
    those whose current ticket was sent before (the organizer's choice for one person
    whose address was wrong; never implied).
    """
    access.require_organizer(ef)
    access.check_reason()
    check_settings(smtp)
    if rate_per_minute < 0 or rate_per_minute > MAX_RATE:
        raise errors.InvalidInput(T.rate_no_limit_messages_minute, field="rate", max_rate=MAX_RATE)
    plan = plan_for(ef, people, again)
    result = SendResult(selected=plan.selected, already_sent=plan.already_sent,
                        no_email=plan.no_email, no_consent=plan.no_consent,
                        new_badges=plan.new_badges)  # fmt: skip
    due = plan.due
    if not due:
        return result
    cfg = settings_mod.load(ef)
    from_addr = smtp.from_addr or smtp.user
    data = tickets.ticket_data(ef, due, cfg)
    by_id = {a.id: a for a in due}
    server = connect(smtp)
    gap = 60.0 / rate_per_minute if rate_per_minute else 0.0
    last = 0.0
    files = tickets.iter_files(data, attach_pdf, result.rendering)  # ahead, on another core
    try:
        for t in data:
            if pause is not None and pause():
                result.paused = True
                break
            png, pdf = next(files)
            to_addr = by_id[t.attendee_id].email.strip()
            if not _valid_address(to_addr):
                result.refused.append(Refusal(t.reg_no, 0, NOT_AN_ADDRESS))
            else:
                msg = message(t, to_addr, cfg, from_addr, png, pdf)
                if gap and last:
                    wait = gap - (time.monotonic() - last)
                    if wait > 0:
                        sleep(wait)
                last = time.monotonic()
                outcome = _deliver(server, msg, from_addr, to_addr, t.reg_no)
                if isinstance(outcome, Refusal):
                    result.refused.append(outcome)
                elif outcome:
                    result.stopped = outcome
                    break
                else:
                    _record(ef, clock, t, access.operator)
                    result.sent += 1
            if progress:
                progress(result.sent + len(result.refused), len(data))
        else:
            next(files, None)  # every ticket taken: the renderer reports its figures
    finally:
        files.close()  # stops the renderer (a pause, a lost connection)
        with contextlib.suppress(Exception):
            server.quit()
        server.close()
        audit.record(ef, clock, audit.EXPORT, operator=access.operator,
                     detail=access.export_detail({"kind": "tickets-email", "format": "smtp",
                                                  "rows": result.sent,
                                                  "failures": len(result.refused),
                                                  "fields": ["display_name", "email"],
                                                  "personal": ["email"]}))  # fmt: skip
    return result


def _deliver(
    server: smtplib.SMTP, msg: EmailMessage, from_addr: str, to_addr: str, reg_no: str
) -> Refusal | str:
    """Hand one message to the server: "" when it accepted it, a Refusal for this
    recipient or message, or why the run must stop (the connection is gone)."""
    try:
        server.send_message(msg, from_addr, [to_addr])
    except smtplib.SMTPSenderRefused as exc:
        raise errors.MailServerError(
            T.mail_server_refused_sender_nothing, from_addr=from_addr, smtp_code=exc.smtp_code
        ) from None
    except (smtplib.SMTPRecipientsRefused, smtplib.SMTPDataError) as exc:
        code, text = _answer(exc)
        _reset(server)
        return Refusal(reg_no, code, text)
    except smtplib.SMTPServerDisconnected as exc:
        return f"connection lost: {exc}"
    except smtplib.SMTPResponseException as exc:
        code, text = _answer(exc)
        if code == 421:  # the server is closing the connection
            return f"{code} {text}"
        _reset(server)
        return Refusal(reg_no, code, text)
    except OSError as exc:
        return f"network: {exc}"
    return ""


def _reset(server: smtplib.SMTP) -> None:
    with contextlib.suppress(smtplib.SMTPException, OSError):
        server.rset()


# --- the mail server settings (an event setting; never the password) -------------------

SMTP_KEY = "ticket_smtp"
SMTP_FIELDS = ("host", "port", "security", "user", "from_addr", "password_env", "rate")
_ENV_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")


def _bad_smtp(what: str) -> errors.InvalidInput:
    return errors.InvalidInput(
        f"The mail server setting {what!r} is not valid.",
        f"메일 서버 설정 {what!r} 의 값이 올바르지 않습니다.",
        SMTP_KEY,
    )


def validate_smtp(value: Any) -> dict[str, Any]:
    """The stored mail server settings: host, port, security, user, sender, the name of
    the environment variable holding the password (the password itself never), rate."""
    if not isinstance(value, dict) or set(value) - set(SMTP_FIELDS):
        raise _bad_smtp("?")
    out: dict[str, Any] = {}
    for key in ("host", "user", "from_addr", "password_env"):
        text = value.get(key, "")
        if not isinstance(text, str) or len(text) > 254 or any(ch in text for ch in "\r\n"):
            raise _bad_smtp(key)
        out[key] = text.strip()
    if out["password_env"] and not _ENV_NAME.fullmatch(out["password_env"]):
        raise _bad_smtp("password_env")
    port, rate = value.get("port", 587), value.get("rate", 0)
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        raise _bad_smtp("port")
    if isinstance(rate, bool) or not isinstance(rate, int | float) or not 0 <= rate <= MAX_RATE:
        raise _bad_smtp("rate")
    if value.get("security", "starttls") not in SECURITY:
        raise _bad_smtp("security")
    out.update(port=port, rate=rate, security=value.get("security", "starttls"))
    return out


def stored_smtp(cfg: settings_mod.EventSettings) -> dict[str, Any]:
    """The mail server settings last saved (defaults where none)."""
    value = cfg.extra.get(SMTP_KEY)
    defaults = {"host": "", "port": 587, "security": "starttls", "user": "", "from_addr": "",
                "password_env": "", "rate": 0}  # fmt: skip
    try:
        return {**defaults, **validate_smtp(value)} if value else defaults
    except errors.InvalidInput:  # not as we store it: start from the defaults
        return defaults


def save_smtp(
    ef: EventFile, clock: Clock, access: Access, values: dict[str, Any], operator: str = ""
) -> dict[str, Any]:
    """Remember the mail server settings for the next time (organizer only). A password
    given here is refused: it is never stored."""
    access.require_organizer(ef)
    if "password" in values:
        raise errors.InvalidInput(
            "The mail password is never stored; give it when sending.",
            "메일 암호는 저장하지 않습니다. 보낼 때 입력하세요.",
            "password",
        )
    cfg = settings_mod.update(ef, clock, {SMTP_KEY: values}, operator)
    return stored_smtp(cfg)


def password_from_env(name: str) -> str:
    """The mail password from the environment variable ``name`` (never stored)."""
    value = os.environ.get(name) if _ENV_NAME.fullmatch(name or "") else None
    if value is None:
        raise errors.InvalidInput(
            f"The environment variable {name} is not set (it should hold the mail password).",
            f"환경 변수 {name} 이(가) 설정되어 있지 않습니다 (메일 암호를 담아야 합니다).",
            "password",
        )
    return value


# --- preview ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Preview:
    """One person's message as it would be sent, with their ticket; the address masked
    (a***@example.org: the preview is about the wording, not the address)."""

    to_addr: str
    subject: str
    body: str
    png: bytes
    reg_no: str
    reason_not_sent: str  # "" if they would be e-mailed; else no_email / no_consent


def preview(
    ef: EventFile, person: Attendee, subject: str | None = None, body: str | None = None,
    note: str | None = None,
) -> Preview:  # fmt: skip
    """``person``'s message with the saved templates and note, or with the ``subject``,
    ``body`` and ``note`` being edited (checked like saved ones: InvalidInput)."""
    cfg = settings_mod.load(ef)
    subject_t = tickets.check_template(subject, tickets.SUBJECT_KEY) if subject else (
        tickets.subject_template(cfg))  # fmt: skip
    body_t = tickets.check_template(body, tickets.BODY_KEY) if body else tickets.body_template(cfg)
    t = tickets.ticket_data(ef, [person], cfg)[0]
    if note is not None:
        t = dataclasses.replace(t, note=tickets.check_note(note))
    why = ("no_email" if not person.email.strip()
           else "" if consent.covers_contact(person) else "no_consent")  # fmt: skip
    return Preview(masking.mask_email(person.email.strip()), tickets.fill(subject_t, t),
                   tickets.fill(body_t, t),
                   tickets.png_bytes(t), t.reg_no, why)  # fmt: skip


def _register() -> None:
    settings_mod.register_validator(SMTP_KEY, validate_smtp)


_register()
