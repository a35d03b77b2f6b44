"""Discreet badges, and the message that asks people to take their badge off.

A "Defectors' Day" badge on the subway home tells everyone who its wearer is. For the
categories the organizer marks *discreet*, badges and tickets leave off the event's
name, logo and date, the category label and the registration number (its prefix can
name the event): the badge shows the display name, the QR and a neutral colour (and
the no-photo marker, which protects the person inside and names nothing).

Exit scans and the closed event's screen ask everyone to take their badge off before
they leave; the wording is an event setting in Korean and English.

Both are event settings (``EventSettings.extra``), changed only at the organizer's
station and synced like every setting:

- ``badge_discreet_categories``: the discreet categories' ids (none by default);
- ``leave_message``: ``{"ko": ..., "en": ...}``; absent means the default wording, two
  empty texts turn the message off.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from checkin import errors
from checkin.badges.layouts import DISCREET_COLOR
from checkin.clock import Clock
from checkin.db.eventfile import EventFile
from checkin.event import settings as settings_mod
from checkin.people import fields

DISCREET_KEY = "badge_discreet_categories"
LEAVE_KEY = "leave_message"
NEUTRAL_COLOR = DISCREET_COLOR  # blue grey: the same for every discreet category
LEAVE_KO = "명찰을 떼고 가세요"
LEAVE_EN = "Please take off your badge before you leave"
MAX_LEAVE = 120


def categories(cfg: settings_mod.EventSettings) -> set[str]:
    value = cfg.extra.get(DISCREET_KEY) or []
    return {str(v) for v in value} if isinstance(value, list) else set()


def is_discreet(cfg: settings_mod.EventSettings, category: str) -> bool:
    return category in categories(cfg)


def validate_categories(value: Any) -> list[str]:
    if (
        not isinstance(value, list)
        or len(value) > 100
        or not all(isinstance(v, str) and 0 < len(v) <= settings_mod.MAX_LABEL_CHARS for v in value)
    ):
        raise errors.InvalidInput(
            "The discreet categories are a list of category ids.",
            "이름 없는 명찰 구분은 구분 ID의 목록이어야 합니다.",
            DISCREET_KEY,
        )
    return list(dict.fromkeys(value))


def set_categories(
    ef: EventFile, clock: Clock, wanted: Iterable[str], operator: str = ""
) -> list[str]:
    """Make exactly ``wanted`` discreet (organizer's station only, like every setting)."""
    from checkin.badges import service

    cfg = settings_mod.load(ef)
    chosen = service.check_categories(cfg, wanted)
    settings_mod.update(ef, clock, {DISCREET_KEY: chosen}, operator)
    return chosen


def leave_message(cfg: settings_mod.EventSettings) -> tuple[str, str]:
    """(Korean, English) wording; ("", "") when the organizer turned it off."""
    value = cfg.extra.get(LEAVE_KEY)
    if not isinstance(value, dict):
        return LEAVE_KO, LEAVE_EN
    return str(value.get("ko", "")), str(value.get("en", ""))


def leave_text(cfg: settings_mod.EventSettings, lang: str) -> tuple[str, str]:
    """The message in ``lang`` first, the other language second (either may be "": the
    one language the organizer wrote then stands alone)."""
    ko, en = leave_message(cfg)
    first, second = (ko, en) if lang == "ko" else (en, ko)
    return (first, second) if first else (second, "")


def _clean(text: Any) -> str:
    if not isinstance(text, str):
        raise _bad_leave()
    value = " ".join(fields.strip_invisible(text).split())
    if len(value) > MAX_LEAVE:
        raise errors.InvalidInput(
            f"The leave message can have at most {MAX_LEAVE} characters in each language.",
            f"퇴장 안내문은 언어마다 {MAX_LEAVE}자 이하여야 합니다.",
            LEAVE_KEY,
        )
    return value


def _bad_leave() -> errors.InvalidInput:
    return errors.InvalidInput(
        "The leave message is a Korean and an English text.",
        "퇴장 안내문은 한국어와 영어 문장입니다.",
        LEAVE_KEY,
    )


def validate_leave(value: Any) -> dict[str, str] | None:
    if value is None:
        return None  # the default wording
    if not isinstance(value, dict) or set(value) - {"ko", "en"}:
        raise _bad_leave()
    return {"ko": _clean(value.get("ko", "")), "en": _clean(value.get("en", ""))}


def set_leave_message(
    ef: EventFile, clock: Clock, ko: str | None, en: str | None, operator: str = ""
) -> tuple[str, str]:
    """Change the wording (None for both: back to the default; "" for both: off)."""
    value = None if ko is None and en is None else {"ko": ko or "", "en": en or ""}
    cfg = settings_mod.update(ef, clock, {LEAVE_KEY: value}, operator)
    return leave_message(cfg)


def _register() -> None:
    settings_mod.register_validator(DISCREET_KEY, validate_categories)
    settings_mod.register_validator(LEAVE_KEY, validate_leave)


_register()  # the settings check these two through this module's rules
