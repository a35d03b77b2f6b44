"""Bounces that come back by mail after the server accepted a ticket: the saved
delivery reports (a Postfix-style RFC 3464 report, as .eml and inside an .mbox) name
the attendees by registration number, never by address."""

from __future__ import annotations

import mailbox

import pytest

from checkin import errors
from checkin.badges import ticket_bounces
from checkin.event import settings as settings_mod
from checkin.people import attendees
from checkin.protect import consent
from checkin.protect import pin as pin_mod
from checkin.protect.access import Access

POSTFIX_BOUNCE = """\
Return-Path: <>
Date: Mon, 12 Jul 2027 10:01:02 +0900 (KST)
From: MAILER-DAEMON@mail.example.org (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: info@example.org
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="B1.1720000000/mail.example.org"
Message-Id: <20270712010102.B1@mail.example.org>

This is a MIME-encapsulated message.

--B1.1720000000/mail.example.org
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<{bad}>: host mx.example.net[192.0.2.7] said: 550 5.1.1 <{bad}>: Recipient
    address rejected: User unknown in virtual mailbox table

--B1.1720000000/mail.example.org
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.example.org
X-Postfix-Queue-ID: B1
Arrival-Date: Mon, 12 Jul 2027 10:01:00 +0900 (KST)

Final-Recipient: rfc822; {bad}
Original-Recipient: rfc822;{bad}
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.example.net
Diagnostic-Code: smtp; 550 5.1.1 <{bad}>: Recipient address rejected: User
    unknown in virtual mailbox table

Final-Recipient: rfc822; {late}
Action: delayed
Status: 4.2.2
Diagnostic-Code: smtp; 452 4.2.2 Mailbox full

Final-Recipient: rfc822; stranger@example.com
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 User unknown

--B1.1720000000/mail.example.org
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

From: info@example.org
To: {bad}
Subject: =?utf-8?b?7J6F7J6l6raM?=

--B1.1720000000/mail.example.org--
"""


@pytest.fixture
def guests(ef, clock):
    cfg = settings_mod.load(ef)
    both = consent.record(clock, cfg, [consent.ENTRY, consent.CONTACT])
    rows = [{"display_name": f"참가자{i}", "email": f"p{i}@example.org", **both} for i in range(3)]
    return attendees.add_attendees(ef, clock, rows)


@pytest.fixture
def access(ef, clock):
    return Access.for_file(ef, clock)


def bounce(bad: str, late: str) -> str:
    return POSTFIX_BOUNCE.format(bad=bad, late=late)


def test_saved_bounces_name_the_attendees_by_number(ef, guests, access, tmp_path) -> None:
    eml = tmp_path / "bounce.eml"
    eml.write_text(bounce("P1@Example.org", "p2@example.org"), encoding="ascii")
    box = mailbox.mbox(tmp_path / "bounces.mbox")
    box.add(mailbox.mboxMessage(bounce("p0@example.org", "p2@example.org")))
    box.add(mailbox.mboxMessage("From: friend@example.org\nSubject: thanks\n\nsee you!\n"))
    box.close()
    report = ticket_bounces.read(ef, access, [eml, tmp_path / "bounces.mbox"])
    assert report.messages == 3 and report.reports == 2
    assert [b.reg_no for b in report.bounces] == sorted([guests[0].reg_no, guests[1].reg_no])
    assert {b.status for b in report.bounces} == {"5.1.1"}
    assert "User unknown" in report.bounces[0].message
    assert report.unknown == 2  # stranger@example.com, in both reports
    # delayed (a full mailbox, tried again later) is not a bounce yet
    assert guests[2].reg_no not in {b.reg_no for b in report.bounces}
    text = str(report.to_json())
    assert "p0@example.org" not in text and "p1@example.org" not in text.lower()


def test_a_file_that_is_not_mail_is_refused_clearly(ef, guests, access, tmp_path) -> None:
    pdf = tmp_path / "ticket.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    with pytest.raises(errors.InvalidInput) as info:
        ticket_bounces.read(ef, access, [pdf])
    assert "ticket.pdf" in info.value.message("en") and ".eml" in info.value.message("ko")
    with pytest.raises(errors.InvalidInput, match="bounce"):
        ticket_bounces.read(ef, access, [])
    with pytest.raises(errors.InvalidInput) as info:
        ticket_bounces.read(ef, access, [tmp_path / "missing.eml"])
    assert "missing.eml" in info.value.message("ko")


def test_reading_bounces_is_for_the_organizer(ef, clock, guests, tmp_path) -> None:
    pin_mod.set_pin(ef, clock, "482915")
    eml = tmp_path / "bounce.eml"
    eml.write_text(bounce("p1@example.org", "p2@example.org"), encoding="ascii")
    with pytest.raises(errors.OrganizerRequired):
        ticket_bounces.read(ef, Access.for_file(ef, clock), [eml])
