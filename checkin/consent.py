"""Consent to the use of personal data, asked of everyone registered at the desk.

The wording is an event setting (``consent``: Korean, English and a version), with the
default below: the organizer adapts it to their own privacy notice with
``checkin consent FILE --ko-file .. --en-file ..`` (organizer only), and it syncs to
every station like the other settings. The walk-in form shows the event's wording next
to its checkbox and ``checkin consent FILE`` prints it, so a volunteer reads out the
same text whichever tool they use. The version is stored with the time of consent
(``consent_at``, ``consent_version`` attendee fields), so a changed wording gets a new
version and old consents still say what was agreed to.

Pre-registered attendees gave (or refused) consent on the registration form the
organizers used; an import records nothing here for them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from checkin import errors
from checkin.clock import Clock

if TYPE_CHECKING:
    from checkin.access import Access
    from checkin.db.eventfile import EventFile
    from checkin.settings import EventSettings

SETTING = "consent"
MAX_LENGTH = 2000

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


@dataclass(frozen=True, slots=True)
class Wording:
    ko: str
    en: str
    version: str

    def text(self, lang: str) -> str:
        return self.ko if lang == "ko" else self.en

    def both(self) -> str:
        """Korean, then English (what the form and the command line show)."""
        return f"{self.ko}\n{self.en}"

    def to_json(self) -> dict[str, str]:
        return {"ko": self.ko, "en": self.en, "version": self.version}


DEFAULT = Wording(TEXT_KO, TEXT_EN, VERSION)


def text(lang: str) -> str:
    return DEFAULT.text(lang)


def both() -> str:
    return DEFAULT.both()


def validate(value: Any) -> dict[str, str]:
    """The ``consent`` setting, checked: both languages, not empty, not huge."""
    if not isinstance(value, dict):
        raise _bad()
    out = {}
    for key in ("ko", "en", "version"):
        item = value.get(key)
        if not isinstance(item, str) or not item.strip() or len(item) > MAX_LENGTH:
            raise _bad()
        out[key] = item.strip()
    return out


def _bad() -> errors.InvalidInput:
    return errors.InvalidInput(
        f"The consent wording needs a Korean and an English text (each up to {MAX_LENGTH} "
        "characters).",
        f"동의문은 한국어와 영어 문장이 모두 필요합니다 (각 {MAX_LENGTH}자 이내).",
        "consent",
    )


def wording(cfg: EventSettings) -> Wording:
    """The event's wording (the default until the organizer sets one)."""
    raw = cfg.extra.get(SETTING)
    try:
        return Wording(**validate(raw)) if raw else DEFAULT
    except errors.InvalidInput:
        return DEFAULT


def set_wording(
    ef: EventFile,
    clock: Clock,
    ko: str,
    en: str,
    access: Access,
    operator: str = "",
) -> Wording:
    """Set the event's consent wording (organizer only); a new version names it."""
    from checkin import settings as settings_mod

    access.require_organizer(ef)
    digest = hashlib.sha256(f"{ko.strip()}\n{en.strip()}".encode()).hexdigest()[:6]
    day = dt.datetime.fromtimestamp(clock.now_ms() / 1000, dt.UTC).date().isoformat()
    new = Wording(ko.strip(), en.strip(), f"{day}-{digest}")
    validate(new.to_json())
    cfg = settings_mod.update(ef, clock, {SETTING: new.to_json()}, operator)
    return wording(cfg)


def reset_wording(ef: EventFile, clock: Clock, access: Access, operator: str = "") -> Wording:
    """Back to the default wording (organizer only)."""
    from checkin import settings as settings_mod

    access.require_organizer(ef)
    cfg = settings_mod.update(ef, clock, {SETTING: DEFAULT.to_json()}, operator)
    return wording(cfg)


def required() -> errors.InvalidInput:
    return errors.InvalidInput(
        "Consent to the data use is required to register: read the text to the person "
        "and tick the box when they agree.",
        "등록하려면 개인정보 이용 동의가 필요합니다. 동의문을 읽어 드리고, 동의하면 "
        "확인란을 체크하세요.",
        "consent",
    )


def given(clock: Clock, version: str = VERSION) -> dict[str, Any]:
    """The attendee fields recording consent given now to the wording ``version``."""
    return {"consent_at": clock.now_ms(), "consent_version": version}


def withdrawn() -> dict[str, Any]:
    return {"consent_at": None, "consent_version": ""}
