"""E-mailing tickets through a real SMTP server in-process (aiosmtpd): the attached PNG's QR
checks the person in; each ticket is sent once, also across a refusal, a lost connection
and a crash; only attendees with an e-mail and consent on file; counts in the audit log."""

from __future__ import annotations

import io
import json

import pytest
import zxingcpp
from aiosmtpd.smtp import AuthResult
from PIL import Image
from smtp_support import Inbox, Server, free_port

from checkin import errors
from checkin.badges import ticket_mail, tickets
from checkin.door.engine import CheckinEngine
from checkin.models import Status
from checkin.people import attendees
from checkin.protect import consent
from checkin.protect.access import Access
from consents import all_agreed


@pytest.fixture
def inbox():
    return Inbox()


@pytest.fixture
def server(inbox):
    s = Server(inbox)
    yield s
    s.stop()


@pytest.fixture
def guests(ef, clock):
    agreed = consent.given(clock)
    rows = [
        {"display_name": f"참가자{i}", "category": "defector", "email": f"p{i}@example.org",
         **agreed}
        for i in range(5)
    ]  # fmt: skip
    rows.append({"display_name": "동의없음", "category": "defector", "email": "nc@example.org"})
    rows.append(
        {"display_name": "메일없음", "category": "press", "phone": "010-1234-5678", **agreed}
    )
    return attendees.add_attendees(ef, clock, all_agreed(rows))


@pytest.fixture
def access(ef, clock):
    return Access.for_file(ef, clock).with_reason("tickets: e-mail")


def smtp(server: Server) -> ticket_mail.SmtpSettings:
    return ticket_mail.SmtpSettings("127.0.0.1", server.port, "none", from_addr="info@example.org")


def _png_codes(msg) -> list[str]:
    found = []
    for part in msg.iter_attachments():
        if part.get_content_type() == "image/png":
            image = Image.open(io.BytesIO(part.get_content()))
            found += [r.text for r in zxingcpp.read_barcodes(image)]
    return found


def test_send_all_once_and_the_attached_qr_checks_in(ef, clock, guests, server, inbox, access):
    result = ticket_mail.send(ef, clock, access, tickets.select(ef), smtp(server))
    assert result.sent == 5 and result.no_consent == 1 and result.no_email == 1
    assert sorted(inbox.to()) == sorted(f"p{i}@example.org" for i in range(5))
    assert "nc@example.org" not in inbox.to()
    _rcpts, msg = next(m for m in inbox.messages if m[0] == ["p0@example.org"])
    assert "입장권" in msg["Subject"] and "참가자0" in msg.get_body().get_content()
    types = [p.get_content_type() for p in msg.iter_attachments()]
    assert types == ["image/png", "application/pdf"]
    codes = _png_codes(msg)
    assert len(codes) == 1
    scan = CheckinEngine(ef, clock).scan(codes[0])
    assert scan.status is Status.OK and scan.attendee_id == guests[0].id
    # a re-run sends nothing twice
    again = ticket_mail.send(ef, clock, access, tickets.select(ef), smtp(server))
    assert again.sent == 0 and again.already_sent == 5 and len(inbox.messages) == 5
    # the audit log: counts, never an address
    rows = ef.execute("SELECT detail FROM audit_log WHERE action = 'export'").fetchall()
    details = [json.loads(r[0]) for r in rows]
    assert details[-1]["kind"] == "tickets-email" and details[-1]["rows"] == 5
    assert "example.org" not in json.dumps(details)


def test_refused_recipient_is_listed_and_a_rerun_sends_only_it(ef, clock, guests, server, inbox,
                                                               access):  # fmt: skip
    inbox.refuse.add("p2@example.org")
    first = ticket_mail.send(ef, clock, access, tickets.select(ef), smtp(server))
    assert first.sent == 4 and [r.reg_no for r in first.refused] == [guests[2].reg_no]
    assert first.refused[0].code == 550
    assert "p2@example.org" not in inbox.to()
    inbox.refuse.clear()
    second = ticket_mail.send(ef, clock, access, tickets.select(ef), smtp(server))
    assert second.sent == 1 and second.already_sent == 4
    assert inbox.to().count("p2@example.org") == 1 and len(inbox.messages) == 5


def test_lost_connection_then_rerun_sends_only_the_missing(ef, clock, guests, inbox, access):
    first_server = Server(inbox)

    def progress(done: int, total: int) -> None:
        if done == 2:
            first_server.stop()  # the network goes away after two messages

    result = ticket_mail.send(ef, clock, access, tickets.select(ef), smtp(first_server),
                              progress=progress)  # fmt: skip
    assert result.sent == 2 and result.stopped and result.remaining == 3
    assert len(ticket_mail.sent_versions(ef)) == 2
    second_server = Server(inbox)
    try:
        rerun = ticket_mail.send(ef, clock, access, tickets.select(ef), smtp(second_server))
    finally:
        second_server.stop()
    assert rerun.sent == 3 and rerun.already_sent == 2
    assert sorted(inbox.to()) == sorted(f"p{i}@example.org" for i in range(5))


def test_crash_mid_run_keeps_what_the_server_accepted(ef, clock, guests, server, inbox, access):
    def crash(done: int, total: int) -> None:
        if done == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ticket_mail.send(ef, clock, access, tickets.select(ef), smtp(server), progress=crash)
    assert len(inbox.messages) == 3 and len(ticket_mail.sent_versions(ef)) == 3
    rerun = ticket_mail.send(ef, clock, access, tickets.select(ef), smtp(server))
    assert rerun.sent == 2 and len(inbox.messages) == 5 and len(set(inbox.to())) == 5


def test_reissued_badge_is_due_again_with_the_new_code(ef, clock, guests, server, inbox, access):
    ticket_mail.send(ef, clock, access, tickets.select(ef), smtp(server))
    attendees.reissue(ef, clock, guests[1].id)
    again = ticket_mail.send(ef, clock, access, tickets.select(ef), smtp(server))
    assert again.sent == 1 and inbox.messages[-1][0] == ["p1@example.org"]
    new_code = _png_codes(inbox.messages[-1][1])[0]
    old_code = (
        _png_codes(inbox.messages[1][1])[0]
        if inbox.messages[1][0] == ["p1@example.org"]
        else next(_png_codes(m)[0] for r, m in inbox.messages[:-1] if r == ["p1@example.org"])
    )
    engine = CheckinEngine(ef, clock)
    assert engine.scan(old_code).status is Status.SUPERSEDED
    assert engine.scan(new_code).status is Status.OK


def test_login_and_wrong_password(ef, clock, guests, inbox, access):
    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = auth_data.login == b"org" and auth_data.password == b"s3cret"
        return AuthResult(success=ok, handled=False)

    s = Server(inbox, authenticator=authenticator, auth_require_tls=False,
               auth_exclude_mechanism=["LOGIN"])  # fmt: skip
    try:
        good = ticket_mail.SmtpSettings("127.0.0.1", s.port, "none", "org", "s3cret",
                                        "info@example.org")  # fmt: skip
        assert ticket_mail.send(ef, clock, access, tickets.select(ef, reg_numbers=[guests[0].reg_no]),
                                good).sent == 1  # fmt: skip
        bad = ticket_mail.SmtpSettings("127.0.0.1", s.port, "none", "org", "nope",
                                       "info@example.org", timeout=5)  # fmt: skip
        with pytest.raises(errors.MailServerError, match="password"):
            ticket_mail.send(ef, clock, access, tickets.select(ef), bad)
        assert "nope" not in repr(bad)
    finally:
        s.stop()
    assert len(inbox.messages) == 1


def test_unreachable_server_is_a_clear_message_and_nothing_recorded(ef, clock, guests, access):
    settings = ticket_mail.SmtpSettings("127.0.0.1", free_port(), "none",
                                        from_addr="info@example.org", timeout=3)  # fmt: skip
    with pytest.raises(errors.MailServerError, match="Cannot reach"):
        ticket_mail.send(ef, clock, access, tickets.select(ef), settings)
    assert ticket_mail.sent_versions(ef) == set()


def test_rate_limit_spaces_messages(ef, clock, guests, server, inbox, access):
    waits: list[float] = []
    ticket_mail.send(ef, clock, access, tickets.select(ef), smtp(server), rate_per_minute=60,
                     attach_pdf=False, sleep=waits.append)  # fmt: skip
    assert len(inbox.messages) == 5
    assert len(waits) == 4 and all(0 < w <= 1.0 for w in waits)
