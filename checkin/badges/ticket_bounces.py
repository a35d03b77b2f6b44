"""Bounces: tickets the mail server accepted that could not be delivered after all.

A refusal while sending is listed by ``ticket_mail.send``. A bounce comes later, as a
delivery report (RFC 3464, ``multipart/report; report-type=delivery-status``) in the
sender address's mailbox: no such user, a full mailbox. The organizer saves the
reports from their mail program (``.eml`` files or one ``.mbox``) for :func:`read`, or
lets ``checkin.badges.ticket_mailbox`` read them in the mailbox over IMAP; either way
:func:`read_messages` lists the attendees they are about, by registration number, with
the report's status and text (addresses masked). The organizer then
corrects those addresses and sends those tickets again (``again``).

Only reports whose recipient ``Action`` is ``failed`` count (``delayed`` is not a
bounce yet); the recipient is matched to attendees' e-mail addresses, case aside.
"""

from __future__ import annotations

import email
import email.policy
import mailbox
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from email.message import Message
from pathlib import Path

from checkin import errors
from checkin.db.eventfile import EventFile
from checkin.models import REGISTERED
from checkin.protect import masking
from checkin.protect.access import Access

MAX_FILE_BYTES = 50 * 1024 * 1024  # a saved mailbox of reports, not a whole archive
_ADDRESS = re.compile(r"[^\s<>()\"';,]+@[^\s<>()\"';,]+")


@dataclass(frozen=True, slots=True)
class Bounce:
    reg_no: str
    status: str  # the report's status code, e.g. 5.1.1 (no such user)
    message: str  # the receiving server's words, addresses masked


@dataclass
class BounceReport:
    bounces: list[Bounce] = field(default_factory=list)
    messages: int = 0  # mail messages read
    reports: int = 0  # delivery reports among them
    unknown: int = 0  # failed recipients that are no attendee's address

    def to_json(self) -> dict[str, object]:
        return {"messages": self.messages, "reports": self.reports, "unknown": self.unknown,
                "bounces": [{"reg_no": b.reg_no, "status": b.status, "message": b.message}
                            for b in self.bounces]}  # fmt: skip


def _bad_file(path: Path, why_en: str, why_ko: str) -> errors.InvalidInput:
    return errors.InvalidInput(
        f"Cannot read bounces from {path.name}: {why_en}.",
        f"{path.name} 에서 반송 메일을 읽을 수 없습니다: {why_ko}.",
        "bounces",
    )


def _messages(path: Path) -> Iterator[Message]:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _bad_file(path, "larger than 50 MB", "50MB보다 큽니다")
        with path.open("rb") as fh:
            head = fh.read(5)
    except OSError as exc:
        raise _bad_file(path, exc.strerror or str(exc), exc.strerror or str(exc)) from exc
    if head == b"From ":  # a mailbox (mbox): many messages
        box = mailbox.mbox(os.fspath(path), create=False)
        try:
            yield from box
        finally:
            box.close()
        return
    with path.open("rb") as fh:
        msg = email.message_from_binary_file(fh, policy=email.policy.compat32)
    if not any(msg.get(h) for h in ("From", "Date", "Content-Type", "Message-ID")):
        raise _bad_file(path, "not a saved e-mail (.eml) or mailbox (.mbox)",
                        "저장한 메일(.eml)이나 메일함(.mbox)이 아닙니다")  # fmt: skip
    yield msg


def _mask(text: str) -> str:
    return _ADDRESS.sub(lambda m: masking.mask_email(m.group(0)), text)


def failed_recipients(msg: Message) -> list[tuple[str, str, str]]:
    """(address, status, diagnostic) of each recipient a delivery report says failed."""
    found: list[tuple[str, str, str]] = []
    for part in msg.walk():
        if part.get_content_type() != "message/delivery-status":
            continue
        blocks = part.get_payload()
        if not isinstance(blocks, list):
            continue
        for block in blocks[1:]:  # the first block is about the message, the rest recipients
            if not isinstance(block, Message):
                continue
            if str(block.get("Action", "")).strip().lower() != "failed":
                continue
            recipient = str(block.get("Final-Recipient") or block.get("Original-Recipient") or "")
            address = recipient.rpartition(";")[2].strip().strip("<>").lower()
            if address:
                diagnostic = " ".join(str(block.get("Diagnostic-Code", "")).split())
                found.append((address, str(block.get("Status", "")).strip(),
                              diagnostic.rpartition(";")[2].strip()[:300]))  # fmt: skip
    return found


def read(ef: EventFile, access: Access, paths: Sequence[str | os.PathLike[str]]) -> BounceReport:
    """The attendees the saved delivery reports in ``paths`` say could not be reached
    (organizer only: it ties addresses to people). Unknown files change nothing."""
    access.require_organizer(ef)
    if not paths:
        raise errors.InvalidInput("Give the saved bounce messages (.eml or .mbox).",
                                  "저장한 반송 메일(.eml 또는 .mbox)을 지정하세요.", "bounces")  # fmt: skip
    messages = (msg for path in paths for msg in _messages(Path(path)))
    return read_messages(ef, access, messages)


def read_messages(ef: EventFile, access: Access, messages: Iterable[Message]) -> BounceReport:
    """The attendees the delivery reports among ``messages`` say could not be reached
    (organizer only); saved files (:func:`read`) and the mailbox
    (``checkin.badges.ticket_mailbox``) both come here."""
    access.require_organizer(ef)
    by_address = _addresses(ef)
    report = BounceReport()
    seen: set[str] = set()
    for msg in messages:
        report.messages += 1
        failed = failed_recipients(msg)
        report.reports += msg.get_content_type() == "multipart/report"
        for address, status, diagnostic in failed:
            reg_no = by_address.get(address)
            if reg_no is None:
                report.unknown += 1
            elif reg_no not in seen:
                seen.add(reg_no)
                report.bounces.append(Bounce(reg_no, status, _mask(diagnostic)))
    report.bounces.sort(key=lambda b: b.reg_no)
    return report


def _addresses(ef: EventFile) -> dict[str, str]:
    rows: Iterable[tuple[str, str]] = ef.execute(
        "SELECT email, reg_no FROM attendees WHERE status = ? AND email <> ''", (REGISTERED,)
    ).fetchall()
    return {str(e).strip().lower(): str(r) for e, r in rows}
