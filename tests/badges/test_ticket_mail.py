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
from pypdf import PdfReader
from smtp_support import Inbox, Server, free_port

from checkin import errors
from checkin.badges import ticket_mail, tickets
from checkin.door.engine import CheckinEngine
from checkin.event import settings as settings_mod
from checkin.models import Status
from checkin.people import attendees
from checkin.protect import audit, consent
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
    added = attendees.add_attendees(ef, clock, all_agreed(rows))
    return [*added[:5], _withdrawn_beside_email(ef, added[5]), added[6]]


def _withdrawn_beside_email(ef, person):
    """The one way an e-mail can sit beside a refused contact consent (the core refuses
    it on every add and edit): one station withdrew the person's consent (b) while another
    wrote their e-mail, and sync kept the record as merged (``checkin.protect.consent``)."""
    entry_only = consent.encode({consent.ENTRY: consent.answers(person)[consent.ENTRY]})
    with ef.write() as conn:
        conn.execute("UPDATE attendees SET consents = ? WHERE id = ?", (entry_only, person.id))
    held = attendees.get(ef, person.id)
    assert held is not None and held.email == "nc@example.org"
    assert consent.held_without_consent(held.to_json()) == ["email"]
    assert not consent.covers_contact(held)
    return held


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
    assert result.rendering.workers == 1 and result.rendering.worker_cpu_s > 0  # in-process
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
    assert "입장권 이메일" in audit.describe_detail("export", details[-1], "ko")
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
    people = tickets.select(ef)
    assert [a.id for a in ticket_mail.to_send_again(ef, people)] == [guests[1].id]
    assert ticket_mail.plan_for(ef, people).new_badges == 1  # marked "to send again"
    again = ticket_mail.send(ef, clock, access, tickets.select(ef), smtp(server))
    assert again.sent == 1 and inbox.messages[-1][0] == ["p1@example.org"]
    assert again.new_badges == 1 and again.to_json()["new_badges"] == 1
    assert ticket_mail.to_send_again(ef, tickets.select(ef)) == []  # sent: no longer marked
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


def test_pause_ends_the_run_and_the_next_run_sends_the_rest(ef, clock, guests, server, inbox,
                                                            access):  # fmt: skip
    asked: list[int] = []

    def pause() -> bool:
        asked.append(len(inbox.messages))
        return len(inbox.messages) >= 2

    first = ticket_mail.send(ef, clock, access, tickets.select(ef), smtp(server), pause=pause)
    assert first.paused and first.sent == 2 and first.remaining == 3 and not first.stopped
    second = ticket_mail.send(ef, clock, access, tickets.select(ef), smtp(server),
                              pause=lambda: False)  # fmt: skip
    assert second.sent == 3 and second.already_sent == 2 and not second.paused
    assert sorted(inbox.to()) == sorted(f"p{i}@example.org" for i in range(5))
    rows = ef.execute("SELECT detail FROM audit_log WHERE action = 'export'").fetchall()
    assert [json.loads(r[0])["rows"] for r in rows] == [2, 3]


def test_again_sends_one_person_a_second_time(ef, clock, guests, server, inbox, access):
    ticket_mail.send(ef, clock, access, tickets.select(ef), smtp(server))
    one = tickets.select(ef, reg_numbers=[guests[3].reg_no])
    assert ticket_mail.plan_for(ef, one).due == []
    assert [a.id for a in ticket_mail.plan_for(ef, one, again=True).due] == [guests[3].id]
    result = ticket_mail.send(ef, clock, access, one, smtp(server), again=True)
    assert result.sent == 1 and inbox.to().count("p3@example.org") == 2
    assert ticket_mail.send(ef, clock, access, one, smtp(server)).already_sent == 1


def test_consent_items_decide_who_is_contacted(ef, clock, access) -> None:
    cfg = settings_mod.load(ef)
    both = consent.record(clock, cfg, [consent.ENTRY, consent.CONTACT])
    entry_only = consent.record(clock, cfg, [consent.ENTRY])
    added = attendees.add_attendees(ef, clock, [
        {"display_name": "연락동의", "category": "defector", "email": "yes@example.org", **both},
        {"display_name": "입장만", "category": "defector", **entry_only},
    ])  # fmt: skip
    assert consent.covers_contact(added[0]) and not consent.covers_contact(added[1])
    plan = ticket_mail.plan_for(ef, added)
    assert [a.id for a in plan.due] == [added[0].id] and plan.no_email == 1


def test_preview_masks_the_address_and_follows_unsaved_text(ef, clock, guests) -> None:
    p = ticket_mail.preview(ef, guests[0], "{name} 님 입장권", "안녕하세요 {name}", "2층으로")
    assert p.to_addr == "p***@example.org" and p.subject == "참가자0 님 입장권"
    assert p.body == "안녕하세요 참가자0" and p.reason_not_sent == ""
    codes = [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(p.png)))]
    assert len(codes) == 1
    with pytest.raises(errors.InvalidInput, match="phone"):
        ticket_mail.preview(ef, guests[0], "{phone}")
    assert ticket_mail.preview(ef, guests[5]).reason_not_sent == "no_consent"
    assert ticket_mail.preview(ef, guests[6]).reason_not_sent == "no_email"


def test_mail_server_settings_are_kept_never_the_password(ef, clock, access, monkeypatch) -> None:
    saved = ticket_mail.save_smtp(ef, clock, access, {
        "host": "smtp.example.org", "port": 465, "security": "ssl", "user": "org",
        "from_addr": "info@example.org", "password_env": "CHECKIN_MAIL_PW", "rate": 30,
    })  # fmt: skip
    assert saved["host"] == "smtp.example.org" and saved["port"] == 465
    assert ticket_mail.stored_smtp(settings_mod.load(ef)) == saved
    with pytest.raises(errors.InvalidInput, match="never stored"):
        ticket_mail.save_smtp(ef, clock, access, {"host": "x", "password": "s3cret"})
    with pytest.raises(errors.InvalidInput):
        ticket_mail.save_smtp(ef, clock, access, {"host": "x", "port": 0})
    assert "s3cret" not in json.dumps(settings_mod.read_raw(ef))
    monkeypatch.setenv("CHECKIN_MAIL_PW", "pw!")
    assert ticket_mail.password_from_env("CHECKIN_MAIL_PW") == "pw!"
    with pytest.raises(errors.InvalidInput, match="NOT_SET_VAR"):
        ticket_mail.password_from_env("NOT_SET_VAR")


def test_many_tickets_are_rendered_ahead_by_a_worker_process(ef, clock, guests, server, inbox,
                                                             access, monkeypatch):  # fmt: skip
    from checkin.badges import ticket_render

    monkeypatch.setattr(ticket_render, "RENDER_AHEAD_MIN", 2)
    monkeypatch.setattr(ticket_render, "default_workers", lambda: 2)
    first = ticket_mail.send(ef, clock, access, tickets.select(ef), smtp(server),
                             pause=lambda: len(inbox.messages) >= 2)  # fmt: skip
    assert first.paused and first.sent == 2  # the worker is stopped, the run ends
    assert first.rendering.workers == 2 and first.rendering.worker_cpu_s == 0  # no figures
    rest = ticket_mail.send(ef, clock, access, tickets.select(ef), smtp(server))
    assert rest.sent == 3 and sorted(inbox.to()) == sorted(f"p{i}@example.org" for i in range(5))
    assert rest.rendering.workers == 2 and rest.rendering.worker_cpu_s > 0  # the worker's own
    for rcpts, msg in inbox.messages:
        guest = next(g for g in guests if g.email == rcpts[0])
        code = _png_codes(msg)[0]
        assert CheckinEngine(ef, clock).scan(code).attendee_id == guest.id
        pdf = next(p for p in msg.iter_attachments() if p.get_content_type() == "application/pdf")
        assert (
            guest.display_name in PdfReader(io.BytesIO(pdf.get_content())).pages[0].extract_text()
        )
