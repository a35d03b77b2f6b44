"""`checkin tickets`: a folder of tickets named by registration number, an index CSV, and
the contact columns only with --with-contact (organizer PIN, audited)."""

from __future__ import annotations

import csv
import io
import json

import pytest
import zxingcpp
from PIL import Image
from smtp_support import Inbox, Server

from checkin.cli import main
from checkin.clock import SYSTEM_CLOCK
from checkin.db.eventfile import open_event_file
from checkin.protect import pin as pin_mod


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_json(capsys, *argv: str) -> tuple[int, dict]:
    code, out, _err = run(capsys, *argv, "--json")
    lines = [line for line in out.splitlines() if line.strip()]
    assert len(lines) == 1, out
    return code, json.loads(lines[0])


@pytest.fixture
def event_path(tmp_path, capsys):
    path = tmp_path / "ev.db"
    assert run(capsys, "init", path, "--event-name", "북한이탈주민의 날", "--date", "2027-07-14",
               "--venue", "서울 시민청", "--no-encryption")[0] == 0  # fmt: skip
    for name, category, extra in (
        ("김민수", "defector", ["--email", "minsu@example.org", "--consent", "--consent-contact"]),
        ("John Smith", "press", ["--phone", "010-1111-2222", "--consent", "--consent-contact"]),
        ("박지수", "volunteer", ["--consent"]),
    ):
        assert run(capsys, "add", path, "--name", name, "--category", category, *extra)[0] == 0
    return path


def _index(folder) -> list[list[str]]:
    return list(csv.reader(io.StringIO((folder / "tickets.csv").read_text("utf-8-sig"))))


def _audit(path) -> list[dict]:
    with open_event_file(path) as ef:
        rows = ef.execute("SELECT detail FROM audit_log WHERE action = 'export'").fetchall()
    return [json.loads(r[0]) for r in rows]


def test_folder_of_tickets_without_contact(event_path, tmp_path, capsys) -> None:
    folder = tmp_path / "tickets"
    code, data = run_json(capsys, "tickets", event_path, "--out", folder, "--reason", "tickets")
    assert code == 0 and data["tickets"] == 3 and data["files"] == 6
    rows = _index(folder)
    assert rows[0] == ["reg_no", "pdf", "png"]
    assert [r[0] for r in rows[1:]] == ["DD-0001", "DD-0002", "DD-0003"]
    assert rows[1][1:] == ["DD-0001.pdf", "DD-0001.png"]
    _, shown = run_json(capsys, "show", event_path, "DD-0001")
    assert zxingcpp.read_barcode(Image.open(folder / "DD-0001.png")).text == shown["code"]
    text = (folder / "tickets.csv").read_text("utf-8-sig")
    assert "minsu@example.org" not in text and "010-1111-2222" not in text
    assert _audit(event_path)[-1]["kind"] == "tickets"
    assert _audit(event_path)[-1]["personal"] == []


def test_category_and_format(event_path, tmp_path, capsys) -> None:
    folder = tmp_path / "press"
    code, data = run_json(capsys, "tickets", event_path, "--out", folder, "--reason", "tickets",
                          "--category", "press", "--format", "png")  # fmt: skip
    assert code == 0 and data["tickets"] == 1 and data["files"] == 1
    assert sorted(p.name for p in folder.iterdir()) == ["DD-0002.png", "tickets.csv"]
    code, _, err = run(capsys, "tickets", event_path, "--out", folder, "--reason", "x",
                       "--format", "docx")  # fmt: skip
    assert code == 1 and "pdf" in err


def test_with_contact_needs_the_pin_and_is_audited(
    event_path, tmp_path, capsys, monkeypatch
) -> None:
    with open_event_file(event_path) as ef:
        pin_mod.set_pin(ef, SYSTEM_CLOCK, "2468")
    before = len(_audit(event_path))
    folder = tmp_path / "contact"
    code, _, _err = run(capsys, "tickets", event_path, "--out", folder, "--reason", "kakao",
                       "--with-contact")  # fmt: skip
    assert code == 3 and not folder.exists()
    monkeypatch.setenv("PIN", "2468")
    code, _, err = run(capsys, "tickets", event_path, "--out", folder, "--with-contact",
                       "--pin-env", "PIN")  # fmt: skip
    assert code == 1 and "--reason" in err and not folder.exists()  # no reason given
    code, data = run_json(capsys, "tickets", event_path, "--out", folder, "--reason", "kakao",
                          "--with-contact", "--pin-env", "PIN")  # fmt: skip
    assert code == 0 and data["with_contact"]
    rows = _index(folder)
    assert rows[0] == ["reg_no", "pdf", "png", "email", "phone"]
    assert rows[1][3] == "minsu@example.org" and rows[2][4] == "010-1111-2222"
    exports = _audit(event_path)
    assert len(exports) == before + 1
    last = exports[-1]
    assert (
        last["personal"] == ["email", "phone"]
        and "email" in last["fields"]
        and last["reason"] == "kakao"
    )
    assert "minsu@example.org" not in json.dumps(exports)


def test_ticket_settings(event_path, capsys) -> None:
    code, data = run_json(capsys, "ticket-settings", event_path, "--note", "2층으로 오세요",
                          "--subject", "{event} - {name}")  # fmt: skip
    assert code == 0 and data["note"] == "2층으로 오세요" and data["subject"] == "{event} - {name}"
    code, _, err = run(capsys, "ticket-settings", event_path, "--body", "{email}")
    assert code == 1 and "{email}" in err
    code, data = run_json(capsys, "ticket-settings", event_path)
    assert data["subject"] == "{event} - {name}"


# --- tickets-send ----------------------------------------------------------------------


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    server = Server(inbox)
    yield server, inbox
    server.stop()


def test_tickets_send_from_the_command_line(event_path, smtp_server, capsys, tmp_path) -> None:
    server, inbox = smtp_server
    base = ["tickets-send", event_path, "--smtp-host", "127.0.0.1", "--smtp-port", server.port,
            "--from", "info@example.org", "--reason", "tickets"]  # fmt: skip
    inbox.refuse.add("minsu@example.org")
    code, data = run_json(capsys, *base, "--to-all")
    # John has a phone only, 박지수 nothing: only 김민수 has an e-mail, and it is refused
    assert code == 0 and data["sent"] == 0 and data["no_email"] == 2
    assert data["refused"][0]["reg_no"] == "DD-0001" and data["refused"][0]["code"] == 550
    inbox.refuse.clear()
    code, out, _ = run(capsys, *base, "--reg", "DD-0001")
    assert code == 0 and ("Sent 1" in out or "보냄 1" in out)
    assert inbox.to() == ["minsu@example.org"]
    code, data = run_json(capsys, *base, "--not-sent")
    assert data["sent"] == 0 and data["already_sent"] == 1 and len(inbox.messages) == 1
    exports = _audit(event_path)
    assert [e["rows"] for e in exports if e["kind"] == "tickets-email"] == [0, 1]
    assert "minsu@example.org" not in json.dumps(exports)
    # a lost badge reissued: the old ticket no longer works, the new one goes out once
    code, _ = run_json(capsys, "badge", event_path, "DD-0001", "--out", tmp_path / "b.png",
                       "--reissue", "--reason", "lost")  # fmt: skip
    assert code == 0
    code, out, _ = run(capsys, *base, "--not-sent", "--lang", "en")
    assert code == 0 and "Sent 1" in out and "reissued badge" in out and "): 1" in out
    assert inbox.to() == ["minsu@example.org"] * 2


def test_tickets_send_needs_the_password_from_the_environment(event_path, capsys) -> None:
    code, _, err = run(capsys, "tickets-send", event_path, "--smtp-host", "127.0.0.1",
                       "--user", "org@example.org", "--password-env", "NO_SUCH_VAR_X",
                       "--to-all", "--reason", "t")  # fmt: skip
    assert code == 1 and "NO_SUCH_VAR_X" in err
    code, _, err = run(capsys, "tickets-send", event_path, "--smtp-host", "127.0.0.1",
                       "--to-all", "--reason", "t")  # fmt: skip
    assert code == 1 and "--from" in err


def test_send_again_to_one_person_and_changed_since(event_path, smtp_server, capsys) -> None:
    server, inbox = smtp_server
    base = ["tickets-send", event_path, "--smtp-host", "127.0.0.1", "--smtp-port", server.port,
            "--from", "info@example.org", "--reason", "tickets"]  # fmt: skip
    assert run_json(capsys, *base, "--to-all")[1]["sent"] == 1
    code, _, err = run(capsys, *base, "--to-all", "--again")
    assert code == 1 and "--reg" in err
    code, data = run_json(capsys, *base, "--reg", "DD-0001", "--again")
    assert code == 0 and data["sent"] == 1 and inbox.to() == ["minsu@example.org"] * 2
    code, data = run_json(capsys, *base, "--to-all", "--changed-since", "2999-01-01")
    assert code == 0 and data["selected"] == 0
    code, _, err = run(capsys, *base, "--to-all", "--changed-since", "yesterday")
    assert code == 1 and "YYYY-MM-DD" in err


def test_folder_changed_since(event_path, tmp_path, capsys) -> None:
    code, _, err = run(capsys, "tickets", event_path, "--out", tmp_path / "t", "--reason", "k",
                       "--changed-since", "2999-01-01 10:00")  # fmt: skip
    assert code == 1 and ("No tickets" in err or "입장권이 없습니다" in err)
    code, data = run_json(capsys, "tickets", event_path, "--out", tmp_path / "t", "--reason", "k",
                          "--changed-since", "2000-01-01")  # fmt: skip
    assert code == 0 and data["tickets"] == 3


MINIMAL_BOUNCE = """\
From: MAILER-DAEMON@mail.example.org
Subject: Undelivered Mail Returned to Sender
Content-Type: multipart/report; report-type=delivery-status; boundary="b"

--b
Content-Type: text/plain

Your message could not be delivered.

--b
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.example.org

Final-Recipient: rfc822; minsu@example.org
Action: failed
Status: 5.2.1
Diagnostic-Code: smtp; 550 5.2.1 <minsu@example.org>: mailbox disabled

--b--
"""


def test_bounces_saved_from_the_mailbox_are_listed_by_number(event_path, tmp_path,
                                                             capsys) -> None:  # fmt: skip
    eml = tmp_path / "bounce.eml"
    eml.write_text(MINIMAL_BOUNCE, encoding="ascii")
    code, data = run_json(capsys, "tickets-bounces", event_path, eml)
    assert code == 0 and data["reports"] == 1 and data["unknown"] == 0
    assert data["bounces"] == [{"reg_no": "DD-0001", "status": "5.2.1",
                                "message": "550 5.2.1 <m***@example.org>: mailbox disabled"}]  # fmt: skip
    code, out, _ = run(capsys, "tickets-bounces", event_path, eml, "--lang", "ko")
    assert code == 0 and "반송된 참가자 1명" in out and "DD-0001" in out and "--again" in out
    code, _, err = run(capsys, "tickets-bounces", event_path, tmp_path / "nothing.eml")
    assert code != 0 and "nothing.eml" in err


def test_bounces_read_in_the_mailbox_over_imap(event_path, tmp_path, capsys,
                                               monkeypatch) -> None:  # fmt: skip
    from imap_support import PASSWORD, USER, ImapServer

    server = ImapServer(tmp_path)
    try:
        server.deliver(MINIMAL_BOUNCE)
        monkeypatch.setenv("CHECKIN_TEST_IMAP", PASSWORD)
        options = ["--mailbox", "--imap-host", "127.0.0.1", "--imap-port", str(server.port),
                   "--imap-security", "none", "--imap-user", USER,
                   "--imap-password-env", "CHECKIN_TEST_IMAP"]  # fmt: skip
        code, data = run_json(capsys, "tickets-bounces", event_path, *options, "--save-mailbox")
        assert code == 0 and data["reports"] == 1
        assert [b["reg_no"] for b in data["bounces"]] == ["DD-0001"]
        # saved (without the password): next time the mailbox alone is enough
        code, out, _ = run(capsys, "tickets-bounces", event_path, "--mailbox", "--lang", "ko")
        assert code == 0 and "반송된 참가자 1명" in out and "DD-0001" in out
        assert PASSWORD not in (tmp_path / "ev.db").read_bytes().decode("latin-1")
        # a wrong password, and neither files nor --mailbox, say so and change nothing
        monkeypatch.setenv("CHECKIN_TEST_IMAP", "wrong")
        code, _, err = run(capsys, "tickets-bounces", event_path, "--mailbox", "--lang", "ko")
        assert code != 0 and "거부" in err
        code, _, err = run(capsys, "tickets-bounces", event_path)
        assert code != 0 and "--mailbox" in err
        code, _, err = run(capsys, "tickets-bounces", event_path, "--mailbox", "--since", "7/14")
        assert code != 0 and "YYYY-MM-DD" in err
    finally:
        server.stop()
