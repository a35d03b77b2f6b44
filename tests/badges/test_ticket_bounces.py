"""Bounces that come back by mail after the server accepted a ticket: the saved
delivery reports (a Postfix-style RFC 3464 report, as .eml and inside an .mbox) name
the attendees by registration number, never by address."""

from __future__ import annotations

import mailbox

import pytest
from mail_reports import POSTFIX_BOUNCE

from checkin import errors
from checkin.badges import ticket_bounces
from checkin.event import settings as settings_mod
from checkin.people import attendees
from checkin.protect import consent
from checkin.protect import pin as pin_mod
from checkin.protect.access import Access


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
