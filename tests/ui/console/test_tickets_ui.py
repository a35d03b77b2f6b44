"""Tickets from the app: the wording and its preview, e-mail through a real SMTP server
in-process (aiosmtpd) with pause and resume, refusals listed, and the files for the
organizer's own channel with the PIN-gated, audited contact columns."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import re

import pytest
import zxingcpp
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QWidget,
)
from smtp_support import Inbox, Server

from checkin.badges import ticket_mail, tickets
from checkin.door.engine import CheckinEngine
from checkin.event import settings as settings_mod
from checkin.models import Status
from checkin.people import attendees
from checkin.protect import consent
from checkin.protect import pin as pin_mod
from checkin.ui import i18n
from checkin.ui.console.badge_settings_dialog import BadgeSettingsDialog
from checkin.ui.console.tickets_dialog import TicketsDialog
from checkin.ui.session import EventSession
from checkin.ui.widgets import bilingual
from checkin.ui.widgets.pin_dialog import PinDialog

PIN = "482915"


class SlowInbox(Inbox):
    """Takes a moment over each message, so a test can press Pause mid-run."""

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(0.15)
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def guests(ef, clock):
    cfg = settings_mod.load(ef)
    both = consent.record(clock, cfg, [consent.ENTRY, consent.CONTACT])
    rows = [{"display_name": f"참가자{i}", "category": "defector", "email": f"p{i}@example.org",
             "phone": f"010-0000-000{i}", **both} for i in range(6)]  # fmt: skip
    rows.append({"display_name": "입장만", "category": "press",
                 **consent.record(clock, cfg, [consent.ENTRY])})  # fmt: skip
    return attendees.add_attendees(ef, clock, rows)


@pytest.fixture
def inbox():
    return SlowInbox()


@pytest.fixture
def server(inbox):
    s = Server(inbox)
    yield s
    s.stop()


@pytest.fixture
def dialog(qtbot, ef, clock, guests, english):
    session = EventSession(ef, clock=clock)
    d = TicketsDialog(session)
    qtbot.addWidget(d)
    d.show()
    return d


def fill_server(page, server) -> None:
    page.host.setText("127.0.0.1")
    page.security.setCurrentIndex(2)  # none: a server on this machine
    page.port.setValue(server.port)
    page.from_addr.setText("info@example.org")


def png_codes(msg) -> list[str]:
    found = []
    for part in msg.iter_attachments():
        if part.get_content_type() == "image/png":
            found += [
                r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(part.get_content())))
            ]
    return found


def exports(ef) -> list[dict]:
    rows = ef.execute("SELECT detail FROM audit_log WHERE action = 'export'").fetchall()
    return [json.loads(r[0]) for r in rows]


def test_send_pause_resume_nobody_twice_and_the_qr_checks_in(qtbot, dialog, server, inbox, ef,
                                                             clock, guests) -> None:  # fmt: skip
    page = dialog.send
    fill_server(page, server)
    page.update_plan()
    assert "7 chosen: 6 to send now" in page.plan_label.text()
    assert "1 without an e-mail address" in page.plan_label.text()
    page.send_button.click()
    qtbot.waitUntil(lambda: len(inbox.messages) >= 2, timeout=30000)
    page.pause_button.click()
    qtbot.waitUntil(lambda: page.task is None, timeout=30000)
    paused = page.last
    assert paused.paused and 0 < paused.sent < 6
    assert "Paused" in page.status.text() and page.resume_button.isEnabled()
    assert not page.send_button.isEnabled() or page._due == 6 - paused.sent
    page.resume_button.click()
    qtbot.waitUntil(lambda: page.task is None, timeout=60000)
    assert not page.last.paused and page.last.sent == 6 - paused.sent
    assert sorted(inbox.to()) == sorted(f"p{i}@example.org" for i in range(6))
    _rcpts, msg = next(m for m in inbox.messages if m[0] == ["p0@example.org"])
    codes = png_codes(msg)
    assert codes and CheckinEngine(ef, clock).scan(codes[0]).attendee_id == guests[0].id
    sent = [e for e in exports(ef) if e["kind"] == "tickets-email"]
    assert [e["rows"] for e in sent] == [paused.sent, 6 - paused.sent]
    assert all(e["reason"] == "door" for e in sent)
    assert "example.org" not in json.dumps(sent)
    assert page.progress.value() == 6 or not page.progress.isVisible()
    raw = settings_mod.read_raw(ef)[ticket_mail.SMTP_KEY]
    assert raw["host"] == "127.0.0.1" and "password" not in raw


def test_many_tickets_rendered_by_a_worker_process_pause_and_resume(qtbot, dialog, server,
                                                                     inbox, monkeypatch):  # fmt: skip
    from checkin.badges import ticket_render

    # as for 60 or more e-mails: a worker process renders ahead while the app sends
    monkeypatch.setattr(ticket_render, "RENDER_AHEAD_MIN", 2)
    monkeypatch.setattr(ticket_render, "default_workers", lambda: 2)
    page = dialog.send
    fill_server(page, server)
    page.update_plan()
    page.send_button.click()
    qtbot.waitUntil(lambda: len(inbox.messages) >= 2, timeout=60000)
    page.pause_button.click()
    qtbot.waitUntil(lambda: page.task is None, timeout=60000)
    assert page.last.paused and page.last.rendering.workers == 2
    page.resume_button.click()
    qtbot.waitUntil(lambda: page.task is None, timeout=60000)
    assert not page.last.paused and page.last.rendering.worker_cpu_s > 0
    assert sorted(inbox.to()) == sorted(f"p{i}@example.org" for i in range(6))  # once each


def test_refusals_are_listed_and_sent_again_only_when_asked(qtbot, dialog, server, inbox,
                                                            guests, ef, clock) -> None:  # fmt: skip
    page = dialog.send
    fill_server(page, server)
    inbox.refuse.add("p2@example.org")
    page.send_button.click()
    qtbot.waitUntil(lambda: page.task is None, timeout=60000)
    assert page.last.sent == 5 and page.refusals.rowCount() == 1
    assert page.refusals.item(0, 0).text() == guests[2].reg_no
    assert page.refusals.item(0, 1).text() == "550"
    inbox.refuse.clear()
    page.who.set_mode("one")
    page.who.reg_no.setText(guests[0].reg_no)
    page.update_plan()
    assert not page.send_button.isEnabled()  # already sent: nothing to send now
    page.again.setChecked(True)
    assert page.send_button.isEnabled()
    page.send_button.click()
    qtbot.waitUntil(lambda: page.task is None, timeout=30000)
    assert inbox.to().count("p0@example.org") == 2 and "p2@example.org" not in inbox.to()
    # a reissued badge: the old ticket no longer works, the new one is marked to send again
    attendees.reissue(ef, clock, guests[3].id)
    page.who.set_mode("not_sent")
    page.update_plan()
    text = page.plan_label.text()
    assert "2 to send now" in text and "1 had their badge reissued" in text


def test_bad_settings_say_so_and_send_nothing(qtbot, dialog, server, inbox, ef) -> None:
    page = dialog.send
    fill_server(page, server)
    page.from_addr.setText("")
    assert page.start() is None
    assert "sender" in page.error.text() and "보내는 사람" in page.error.text()
    page.from_addr.setText("info@example.org")
    page.user.setText("org")
    page.password_env_choice.setChecked(True)
    page.password_env.setText("NO_SUCH_MAIL_PASSWORD")
    assert page.start() is None and "NO_SUCH_MAIL_PASSWORD" in page.error.text()
    assert inbox.messages == [] and ticket_mail.sent_versions(ef) == set()


def test_an_unknown_number_typed_says_so_in_both_languages(qtbot, dialog, server, inbox,
                                                           guests, tmp_path, monkeypatch):  # fmt: skip
    from checkin.ui.widgets.reason_dialog import ReasonDialog

    page = dialog.send
    dialog.tabs.setCurrentWidget(page)  # the organizer opens the e-mail page
    fill_server(page, server)
    assert not page.who.reg_no.isEnabled()  # the number field is for "one person" only
    qtbot.mouseClick(page.who.buttons["one"], Qt.MouseButton.LeftButton)
    assert page.who.mode() == "one" and page.who.reg_no.isEnabled()
    qtbot.keyClicks(page.who.reg_no, "ZZ-9999")
    text = page.plan_label.text()
    assert "ZZ-9999" in text and "registration number" in text and "등록번호" in text
    assert not page.send_button.isEnabled()
    page.who.reg_no.clear()
    qtbot.keyClicks(page.who.reg_no, guests[1].reg_no)
    assert "1 chosen: 1 to send now" in page.plan_label.text() and page.send_button.isEnabled()
    files = dialog.files
    monkeypatch.setattr(ReasonDialog, "ask", classmethod(lambda *a: pytest.fail("asked why")))
    out = tmp_path / "out"
    qtbot.keyClicks(files.folder, str(out))
    dialog.tabs.setCurrentWidget(files)
    qtbot.mouseClick(files.who.buttons["one"], Qt.MouseButton.LeftButton)
    qtbot.keyClicks(files.who.reg_no, "ZZ-9999")
    qtbot.mouseClick(files.write_button, Qt.MouseButton.LeftButton)
    assert not files.error.isHidden() and files.task is None
    assert "ZZ-9999" in files.error.text() and "등록번호" in files.error.text()
    assert not out.exists() and inbox.messages == []


BOUNCE = """\
From: MAILER-DAEMON@mail.example.org
Subject: Undelivered Mail Returned to Sender
Content-Type: multipart/report; report-type=delivery-status; boundary="b"

--b
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.example.org

Final-Recipient: rfc822; p1@example.org
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 User unknown

--b--
"""


def test_bounces_saved_from_the_mailbox_are_listed(qtbot, dialog, guests, tmp_path,
                                                   monkeypatch) -> None:  # fmt: skip
    from PySide6.QtWidgets import QFileDialog

    page = dialog.send
    dialog.tabs.setCurrentWidget(page)
    eml, junk = tmp_path / "bounce.eml", tmp_path / "notes.pdf"
    eml.write_text(BOUNCE, encoding="ascii")
    junk.write_bytes(b"%PDF-1.7\n")
    chosen = [str(junk)]
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: (chosen, ""))
    qtbot.mouseClick(page.bounces_button, Qt.MouseButton.LeftButton)
    assert not page.error.isHidden() and "notes.pdf" in page.error.text()
    assert ".eml" in page.error.text() and "저장한 메일" in page.error.text()  # both languages
    assert page.refusals.isHidden()
    chosen[:] = [str(eml)]
    qtbot.mouseClick(page.bounces_button, Qt.MouseButton.LeftButton)
    assert page.error.isHidden() and not page.refusals.isHidden()
    assert page.refusals.rowCount() == 1 and page.refusals.item(0, 0).text() == guests[1].reg_no
    assert "5.1.1" in page.refusals.item(0, 2).text()
    assert "Read 1 messages. Bounced tickets: 1 (other addresses: 0)" in page.status.text()


def test_wording_preview_follows_the_text_and_saves(qtbot, dialog, ef, guests) -> None:
    page = dialog.wording
    assert page.person.text() == guests[0].reg_no
    assert page.to_label.text() == "To: p***@example.org"
    page.subject.setText("{event}: {name}")
    page.note.setText("2층 강당으로 오세요")
    page.refresh_preview()
    assert page.subject_view.text() == "Subject: 북한이탈주민의 날: 참가자0"
    ticket = Image.open(io.BytesIO(page.last_preview.png))
    assert [r.text for r in zxingcpp.read_barcodes(ticket)]
    page.body.setPlainText("Hi {phone}")
    page.refresh_preview()
    assert not page.error.isHidden() and "phone" in page.error.text()
    assert not page.save()
    page.body.setPlainText("{name} 님, 입장권입니다.\n\n{name}, here is your ticket.")
    assert page.save() and page.saved.text() == "Saved."
    cfg = settings_mod.load(ef)
    assert tickets.subject_template(cfg) == "{event}: {name}"
    assert tickets.note(cfg) == "2층 강당으로 오세요"
    page.person.setText(guests[6].reg_no)
    page.refresh_preview()
    assert "not e-mailed" in page.preview_note.text() or "no e-mail" in page.preview_note.text()


def test_files_with_contact_need_the_pin_again_and_are_audited(qtbot, ef, clock, guests,
                                                               tmp_path, monkeypatch,
                                                               english) -> None:  # fmt: skip
    pin_mod.set_pin(ef, clock, PIN)
    session = EventSession(ef, clock=clock)
    assert session.verify_pin(PIN)  # the main window asked for it before opening
    asked: list[str] = []

    def answer(cls, parent, verify, locked_ms=None, purpose="unlock", unlock_code=False):
        asked.append(purpose)
        return verify(typed.pop(0))

    monkeypatch.setattr(PinDialog, "ask_verified", classmethod(answer))
    d = TicketsDialog(session)
    qtbot.addWidget(d)
    page = d.files
    page.folder.setText(str(tmp_path / "kakao"))
    page.pdf.setChecked(False)
    page.contact.setChecked(True)
    typed = ["000000"]  # a wrong PIN: nothing is written
    assert page.start() is None and not (tmp_path / "kakao").exists()
    typed = [PIN]
    page.start()
    qtbot.waitUntil(lambda: page.task is None, timeout=60000)
    assert asked == ["organizer", "organizer"]
    rows = list(
        csv.reader(io.StringIO((tmp_path / "kakao" / "tickets.csv").read_text("utf-8-sig")))
    )
    assert rows[0] == ["reg_no", "pdf", "png", "email", "phone"]
    by_reg = {r[0]: r for r in rows[1:]}
    assert by_reg[guests[1].reg_no][3:] == ["p1@example.org", "010-0000-0001"]
    assert by_reg[guests[6].reg_no][3:] == ["", ""]
    assert by_reg[guests[1].reg_no][2] == f"{guests[1].reg_no}.png"
    assert not (tmp_path / "kakao" / f"{guests[1].reg_no}.pdf").exists()
    png = Image.open(tmp_path / "kakao" / f"{guests[1].reg_no}.png")
    found = [r.text for r in zxingcpp.read_barcodes(png)]
    assert CheckinEngine(ef, clock).scan(found[0]).status is Status.OK
    audit = [e for e in exports(ef) if e["kind"] == "tickets"][-1]
    assert audit["personal"] and "email" in audit["fields"] and audit["reason"] == "door"
    assert "p1@example.org" not in json.dumps(exports(ef))
    assert "e-mail and phone" in page.status.text()


def test_files_without_contact_ask_no_pin(qtbot, dialog, tmp_path, monkeypatch, guests) -> None:
    monkeypatch.setattr(
        PinDialog,
        "ask_verified",
        classmethod(lambda *a, **k: pytest.fail("no PIN for plain files")),
    )
    page = dialog.files
    page.folder.setText(str(tmp_path / "out"))
    page.who.set_mode("category")
    page.start()
    qtbot.waitUntil(lambda: page.task is None, timeout=60000)
    assert page.result.tickets == 6 and page.result.files == 12  # the defectors, PDF + PNG
    assert "Wrote 6 tickets (12 files)" in page.status.text()


ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")
# Technical names that stay as they are in Korean text, and the template's {fields}.
ALLOWED = {"PIN", "QR", "PDF", "PNG", "STARTTLS", "SSL", "TLS", "tickets", "csv",
           *tickets.TEMPLATE_FIELDS, "reg"}  # fmt: skip


def visible_english(root, data: set[str]) -> list[tuple[str, str]]:
    """Visible texts of ``root`` with English words (other than data and ALLOWED)."""
    found = [("title", root.windowTitle())]
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisibleTo(root) or w.property(bilingual.SECONDARY_PROPERTY):
            continue
        if isinstance(w, QLabel | QAbstractButton):
            found.append((w.objectName(), w.text()))
        elif isinstance(w, QGroupBox):
            found.append((w.objectName(), w.title()))
        elif isinstance(w, QLineEdit):
            found.append((w.objectName(), w.placeholderText()))
        elif isinstance(w, QComboBox):
            found += [(w.objectName(), w.itemText(i)) for i in range(w.count())]
        elif isinstance(w, QTabWidget):
            found += [(w.objectName(), w.tabText(i)) for i in range(w.count())]
    bad = []
    for where, text in found:
        for value in sorted(data, key=len, reverse=True):
            text = text.replace(value, " ")
        if [word for word in ENGLISH_WORD.findall(text) if word not in ALLOWED]:
            bad.append((where, text))
    return bad


def test_the_dialogs_are_korean(qtbot, ef, clock, guests, korean, tmp_path) -> None:
    session = EventSession(ef, clock=clock)
    data = {a.display_name for a in guests} | {session.title("ko"), "p***@example.org",
                                               "example.org"}  # fmt: skip
    d = TicketsDialog(session)
    qtbot.addWidget(d)
    d.show()
    data.add(d.wording.last_preview.subject)  # the bilingual template, filled in
    for i in range(d.tabs.count()):
        d.tabs.setCurrentIndex(i)
        assert visible_english(d, data) == []
    assert d.windowTitle() == "사전 입장권"
    settings = BadgeSettingsDialog(session)
    qtbot.addWidget(settings)
    settings.show()
    assert visible_english(settings, data) == []
    i18n.set_language("en")
    qtbot.waitUntil(lambda: d.windowTitle() == "Tickets before the day")
    assert "chosen" in d.send.plan_label.text()


def test_the_organizer_menu_opens_both(qtbot, make_window, ef, clock, guests, mocker) -> None:
    window = make_window(EventSession(ef, clock=clock))
    assert window.tickets_action.isVisible() and window.discreet_action.isVisible()
    window.tickets_action.trigger()
    window.discreet_action.trigger()
    kinds = {type(w).__name__ for w in window.findChildren(QWidget) if w.isVisible()}
    assert {"TicketsDialog", "BadgeSettingsDialog"} <= kinds


def test_bounces_read_in_the_mailbox_over_imap(qtbot, dialog, guests, ef, tmp_path,
                                               monkeypatch) -> None:  # fmt: skip
    from imap_support import PASSWORD, USER, ImapServer

    from checkin.badges import ticket_mailbox
    from checkin.ui.console.mailbox_bounces_dialog import MailboxBouncesDialog

    server = ImapServer(tmp_path)
    try:
        server.deliver(BOUNCE)
        page = dialog.send
        dialog.tabs.setCurrentWidget(page)
        session = page.session
        ticket_mail.save_smtp(ef, session.clock, session.access,
                              {"host": "smtp.example.org", "user": USER})  # fmt: skip
        box = MailboxBouncesDialog(session, page)
        qtbot.addWidget(box)
        # nothing saved yet: a guess from the outgoing server
        assert box.host.text() == "imap.example.org" and box.user.text() == USER
        assert box.port.value() == 993 and box.folder.text() == "INBOX"
        box.host.setText("127.0.0.1")
        box.security.setCurrentIndex(2)  # none: a server on this machine
        assert box.port.value() == 143  # the port follows the security it was the default of
        box.port.setValue(server.port)
        box.user.setText(USER)
        box.password.setText("wrong")
        box.show()
        qtbot.mouseClick(box.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: box.task is None, timeout=15_000)
        assert box.isVisible() and box.report is None  # still open, saying why
        assert "refused the user name or password" in box.error.text()
        box.password.setText(PASSWORD)
        qtbot.mouseClick(box.ok_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: box.report is not None, timeout=15_000)
        assert not box.isVisible()
        assert [b.reg_no for b in box.report.bounces] == [guests[1].reg_no]
        saved = ticket_mailbox.stored_imap(settings_mod.load(ef))
        assert saved["host"] == "127.0.0.1" and saved["port"] == server.port
        assert PASSWORD not in json.dumps(saved)

        def answered(self) -> int:  # the page's button, with the saved settings
            self.password.setText(PASSWORD)
            self.try_accept()
            qtbot.waitUntil(lambda: self.task is None, timeout=15_000)
            return 1

        monkeypatch.setattr(MailboxBouncesDialog, "exec", answered)
        qtbot.mouseClick(page.mailbox_button, Qt.MouseButton.LeftButton)
        assert page.error.isHidden() and not page.refusals.isHidden()
        assert page.refusals.item(0, 0).text() == guests[1].reg_no
        assert "Bounced tickets: 1" in page.status.text()
        assert server.seen_flags()[-1] is False  # read-only: the report is still unread
    finally:
        server.stop()
