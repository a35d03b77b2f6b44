"""Consent to the use of personal data, asked of everyone registered at the desk.

The wording lives here, once, in Korean and English: the walk-in form shows it next
to its checkbox and ``checkin add --help`` prints it, so a volunteer reads out the same
text whichever tool they use. ``VERSION`` names the wording; it is stored with the
time of consent (``consent_at``, ``consent_version`` attendee fields), so a changed
wording gets a new version and old consents still say what was agreed to.

Pre-registered attendees gave (or refused) consent on the registration form the
organizers used; an import records nothing here for them.
"""

from __future__ import annotations

from typing import Any

from checkin import errors
from checkin.clock import Clock

VERSION = "2027-1"

TEXT_KO = (
    "[개인정보 수집·이용 동의] 목적: 행사 참가 등록, 입장 확인, 안전 관리. "
    "항목: 위에 적은 이름, 소속, 연락처, 편의 지원 등. "
    "보유 기간: 행사가 끝나면 파기합니다. "
    "동의하지 않을 수 있으나, 그 경우 현장 등록을 할 수 없습니다. "
    "위 내용에 동의합니다."
)
TEXT_EN = (
    "[Consent to the use of personal data] Purpose: event registration, entry check and "
    "safety. Items: the name, organization, contact details, access needs etc. given "
    "above. Kept until: deleted after the event. You may refuse, but then we cannot "
    "register you at the desk. I agree to the above."
)


def text(lang: str) -> str:
    return TEXT_KO if lang == "ko" else TEXT_EN


def both() -> str:
    """Korean, then English (what the form and the command line show)."""
    return f"{TEXT_KO}\n{TEXT_EN}"


def required() -> errors.InvalidInput:
    return errors.InvalidInput(
        "Consent to the data use is required to register: read the text to the person "
        "and tick the box when they agree.",
        "등록하려면 개인정보 이용 동의가 필요합니다. 동의문을 읽어 드리고, 동의하면 "
        "확인란을 체크하세요.",
        "consent",
    )


def given(clock: Clock) -> dict[str, Any]:
    """The attendee fields recording consent given now to the current wording."""
    return {"consent_at": clock.now_ms(), "consent_version": VERSION}


def withdrawn() -> dict[str, Any]:
    return {"consent_at": None, "consent_version": ""}
