"""Bounces read in the sender's mailbox over IMAP (a real server: pymap in its own
process): the reports name attendees by registration number, nothing in the mailbox
is marked read or changed, and each way the server can say no gets a plain message."""

from __future__ import annotations

import pytest
from imap_support import PASSWORD, USER, ImapServer, free_port
from mail_reports import POSTFIX_BOUNCE

from checkin import errors
from checkin.badges import ticket_mailbox
from checkin.badges.ticket_mailbox import ImapSettings
from checkin.event import settings as settings_mod
from checkin.people import attendees
from checkin.protect import consent
from checkin.protect import pin as pin_mod
from checkin.protect.access import Access


@pytest.fixture(scope="module")
def imap(tmp_path_factory):
    server = ImapServer(tmp_path_factory.mktemp("imap"))
    yield server
    server.stop()


@pytest.fixture
def guests(ef, clock):
    cfg = settings_mod.load(ef)
    both = consent.record(clock, cfg, [consent.ENTRY, consent.CONTACT])
    rows = [{"display_name": f"참가자{i}", "email": f"p{i}@example.org", **both} for i in range(3)]
    return attendees.add_attendees(ef, clock, rows)


@pytest.fixture
def access(ef, clock):
    return Access.for_file(ef, clock)


def plain(port: int, **kw) -> ImapSettings:
    values = {"host": "127.0.0.1", "port": port, "security": "none", "user": USER,
              "password": PASSWORD, "timeout": 10.0, **kw}  # fmt: skip
    return ImapSettings(**values)


def test_reports_in_the_mailbox_name_the_attendees_and_nothing_is_marked_read(
    imap, ef, guests, access
) -> None:
    folder = f"Bounces-{free_port()}"  # a folder of its own: the server lives for the module
    login = imap._login()
    assert login.create(folder)[0] == "OK"
    login.logout()
    imap.deliver(POSTFIX_BOUNCE.format(bad="P1@Example.org", late="p2@example.org"), folder)
    imap.deliver(POSTFIX_BOUNCE.format(bad="p0@example.org", late="p2@example.org"), folder)
    imap.deliver("From: friend@example.org\nSubject: thanks\n\nsee you!\n", folder)

    report = ticket_mailbox.read(ef, access, plain(imap.port, folder=folder))

    assert report.reports == 2 and report.messages == 2  # the thank-you note is not fetched
    assert [b.reg_no for b in report.bounces] == sorted([guests[0].reg_no, guests[1].reg_no])
    assert {b.status for b in report.bounces} == {"5.1.1"}
    assert report.unknown == 2  # stranger@example.com, in both reports
    assert "p1@example.org" not in str(report.to_json()).lower()
    assert imap.seen_flags(folder) == [False, False, False]  # read-only: nothing marked read


def test_only_reports_since_the_first_ticket_sent_are_read(imap, ef, guests, access) -> None:
    assert ticket_mailbox.since_first_send(ef) is None  # nothing sent yet: the whole folder
    ef.execute(
        "INSERT INTO ticket_sends (attendee_id, badge_version, at_ms) VALUES (?, 1, ?)",
        (guests[0].id, 4_102_444_800_000),  # 2100-01-01: every report here is older
    )
    folder = f"Old-{free_port()}"
    login = imap._login()
    login.create(folder)
    login.logout()
    imap.deliver(POSTFIX_BOUNCE.format(bad="p1@example.org", late="p2@example.org"), folder)
    report = ticket_mailbox.read(ef, access, plain(imap.port, folder=folder))
    assert report.reports == 0 and report.bounces == []


def test_a_wrong_password_says_so(imap, ef, guests, access) -> None:
    with pytest.raises(errors.MailServerError) as info:
        ticket_mailbox.read(ef, access, plain(imap.port, password="wrong"))
    assert "refused the user name or password" in info.value.message("en")
    assert "거부" in info.value.message("ko")


def test_no_server_there_and_no_such_folder_say_so(imap, ef, guests, access) -> None:
    with pytest.raises(errors.MailServerError) as info:
        ticket_mailbox.read(ef, access, plain(free_port()))
    assert "Cannot reach the mailbox server" in info.value.message("en")
    with pytest.raises(errors.MailServerError) as info:
        ticket_mailbox.read(ef, access, plain(imap.port, folder="Nowhere"))
    assert "Nowhere" in info.value.message("en") and "폴더가 없습니다" in info.value.message("ko")


def test_settings_are_checked_before_connecting(ef, guests, access) -> None:
    for bad, field in ((plain(143, host=" "), "imap_host"), (plain(0), "imap_port"),
                       (plain(143, security="tls1"), "security"),
                       (plain(143, user=""), "imap_user"),
                       (plain(143, folder='IN"BOX'), "imap_folder")):  # fmt: skip
        with pytest.raises(errors.InvalidInput) as info:
            ticket_mailbox.read(ef, access, bad)
        assert info.value.field == field


def test_starttls_with_a_trusted_certificate_reads_and_an_untrusted_one_is_refused(
    tmp_path, monkeypatch, ef, guests, access
) -> None:
    server = ImapServer(tmp_path, tls=True)
    try:
        server.deliver(POSTFIX_BOUNCE.format(bad="p2@example.org", late="p0@example.org"))
        tls = plain(server.port, security="starttls")
        with pytest.raises(errors.MailServerError) as info:  # not trusted by this machine
            ticket_mailbox.read(ef, access, tls)
        assert "secure connection" in info.value.message("en")
        monkeypatch.setenv("SSL_CERT_FILE", str(server.cert))  # now trusted
        report = ticket_mailbox.read(ef, access, tls)
        assert [b.reg_no for b in report.bounces] == [guests[2].reg_no]
    finally:
        server.stop()


def test_reading_the_mailbox_is_for_the_organizer(imap, ef, clock, guests) -> None:
    pin_mod.set_pin(ef, clock, "482915")
    with pytest.raises(errors.OrganizerRequired):
        ticket_mailbox.read(ef, Access.for_file(ef, clock), plain(imap.port))


def test_the_mailbox_settings_are_kept_without_the_password(ef, clock, access) -> None:
    saved = ticket_mailbox.save_imap(
        ef, clock, access, {"host": "imap.example.org", "user": USER, "security": "starttls",
                            "port": 143, "folder": "Bounces", "password_env": "IMAP_PASS"},
    )  # fmt: skip
    assert saved["host"] == "imap.example.org" and saved["folder"] == "Bounces"
    assert ticket_mailbox.stored_imap(settings_mod.load(ef)) == saved
    with pytest.raises(errors.InvalidInput, match="never stored"):
        ticket_mailbox.save_imap(ef, clock, access, {"host": "x", "password": "secret"})
    for bad in ({"port": 70000}, {"security": "tls1"}, {"password_env": "1 bad"},
                {"host": "a\r\nb"}, {"other": 1}):  # fmt: skip
        with pytest.raises(errors.InvalidInput, match="mailbox setting"):
            ticket_mailbox.save_imap(ef, clock, access, bad)
    assert ticket_mailbox.stored_imap(settings_mod.load(ef)) == saved  # bad input changed nothing
