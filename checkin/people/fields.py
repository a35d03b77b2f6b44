"""Validation and normalization of attendee fields.

Each check returns the value to store or raises ``InvalidInput`` naming the field,
with a message in Korean and English that a volunteer can act on.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any

from checkin.errors import InvalidInput
from checkin.models import CANCELLED, REGISTERED
from checkin.people.hangul import has_hangul
from checkin.people.texts import PeopleTexts as T
from checkin.texts import Text

MAX_NAME = 100
MAX_TEXT = 200
MAX_LONG_TEXT = 2000
MAX_GROUP = 60  # a group's label: "김철수 가족", "○○협회 대표단"
LANGUAGES = ("ko", "en")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Invisible characters that change how text around them looks or reads: bidi controls
# (a right-to-left override turns "txt.exe" into "exe.txt" on screen), zero-width
# spaces and joiners, soft hyphens, byte-order marks. Never wanted in a name or field.
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_PHONE_JUNK = re.compile(r"[\s.\-()]")
_TRUE = {"1", "true", "yes", "y", "on", "x", "o", "예", "네", "ㅇ", "있음", "v", "✓", "✔"}
_FALSE = {"0", "false", "no", "n", "off", "", "아니오", "아니요", "없음", "-"}


def _tidy(text: str, multiline: bool) -> str:
    """NFC, no invisible or control characters, spaces folded (one line) or trimmed."""
    if _already_clean(text, multiline):
        return text
    if not text.isascii():
        text = strip_invisible(unicodedata.normalize("NFC", text))
    if not multiline:
        text = " ".join(text.split())
    else:
        text = text.replace("\r\n", "\n").strip()
    if not text.isprintable():
        text = _CONTROL.sub("", text)
    return text


def clean_text(value: Any, field: str, max_len: int, multiline: bool = False) -> str:
    if value is None or value == "":
        return ""
    text = _tidy(str(value), multiline)
    if len(text) > max_len:
        raise InvalidInput(*_labelled(T.field_too_long, field, max_len=max_len), field)
    return text


def _labelled(message: Text, field: str, **values: object) -> tuple[str, str]:
    """(English, Korean) of a message about a field, each naming it in its language."""
    return (
        message.get("en", label=_label_en(field), **values),
        message.get("ko", label=_label_ko(field), **values),
    )


def received_text(value: Any, max_len: int, multiline: bool = False) -> str:
    """Text another station wrote (a bundle row, a hub row), cleaned as ``clean_text``
    cleans what is typed here: a hand-made or foreign change carries whatever it
    likes, and a signed change cannot be refused row by row, so it is cut to
    ``max_len`` instead of refused."""
    if value is None or value == "":
        return ""
    return _tidy(str(value), multiline)[:max_len]


# An attendee's text fields as ``normalize`` bounds them: (max characters, multi-line).
RECEIVED_TEXT = {
    "display_name": (MAX_NAME, False),
    "full_name": (MAX_NAME, False),
    "organization": (MAX_TEXT, False),
    "external_id": (MAX_TEXT, False),
    "access_needs": (MAX_LONG_TEXT, True),
    "notes": (MAX_LONG_TEXT, True),
    "phone": (40, False),
    "email": (MAX_TEXT, False),
    "consent_version": (40, False),
    "guardian_relation": (40, False),
    "reg_no": (30, False),
}


def clean_received(record: dict[str, Any]) -> dict[str, Any]:
    """An attendee's fields from the change log, whichever station wrote them, cleaned
    in place as local input is (see ``received_text``). A display name made only of
    invisible characters (a right-to-left override, zero-width spaces), refused when
    typed here, shows as the registration number: never as a blank or a reversed name."""
    sent_name = bool(record.get("display_name"))  # a wiped row's is empty: left so
    for name, (max_len, multiline) in RECEIVED_TEXT.items():
        if name in record:
            record[name] = received_text(record[name], max_len, multiline)
    if sent_name and not record.get("display_name"):
        record["display_name"] = record.get("reg_no") or "?"
    return record


def _already_clean(text: str, multiline: bool) -> bool:
    """True when cleaning would not change ``text`` (most values of a large list): only
    printable characters (so no control or invisible one: those are all unprintable,
    and the only printable space is U+0020), already NFC, no space at either end and,
    on one line, no run of spaces."""
    return (
        text.isprintable()
        and text[0] != " "
        and text[-1] != " "
        and (multiline or "  " not in text)
        and (text.isascii() or unicodedata.is_normalized("NFC", text))
    )


def strip_invisible(text: str) -> str:
    """``text`` without bidi controls and zero-width characters (see ``_INVISIBLE``)."""
    return text if text.isascii() else _INVISIBLE.sub("", text)


def display_name(value: Any) -> str:
    text = clean_text(value, "display_name", MAX_NAME)
    if not text:
        raise InvalidInput(T.display_name_required_name_printed, field="display_name")
    return text


def phone(value: Any) -> str:
    """Korean numbers formatted as usual (010-1234-5678, 02-123-4567); others kept."""
    raw = clean_text(value, "phone", 40)
    if not raw:
        return ""
    compact = _PHONE_JUNK.sub("", raw)
    if compact.startswith("+82"):
        compact = "0" + compact[3:].lstrip("0")
    elif compact.startswith("+"):
        digits = compact[1:]
        if digits.isdigit() and 7 <= len(digits) <= 15:
            return raw
        raise _bad_phone()
    if not compact.isdigit():
        raise _bad_phone()
    n = len(compact)
    if compact.startswith("01") and n in (10, 11):
        return f"{compact[:3]}-{compact[3:-4]}-{compact[-4:]}"
    if compact.startswith("02") and n in (9, 10):
        return f"02-{compact[2:-4]}-{compact[-4:]}"
    if compact.startswith("0") and n in (10, 11):
        return f"{compact[:3]}-{compact[3:-4]}-{compact[-4:]}"
    if compact[:2] in ("15", "16", "18") and n == 8:
        return f"{compact[:4]}-{compact[4:]}"
    raise _bad_phone()


def _bad_phone() -> InvalidInput:
    return InvalidInput(T.that_not_phone_number_use, field="phone")


def email(value: Any) -> str:
    text = clean_text(value, "email", MAX_TEXT).replace(" ", "")
    if text and not _EMAIL.match(text):
        raise InvalidInput(T.that_not_email_address_e, field="email")
    return text.lower() if text else ""


def flag(value: Any, field: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return bool(value)
    text = clean_text(value, field, 20).lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise InvalidInput(*_labelled(T.field_yes_or_no, field, text=text), field)


def language(value: Any) -> str:
    text = clean_text(value, "language", 10).lower() or "ko"
    aliases = {
        "korean": "ko",
        "한국어": "ko",
        "kor": "ko",
        "english": "en",
        "영어": "en",
        "eng": "en",
    }
    text = aliases.get(text, text)
    if text not in LANGUAGES:
        raise InvalidInput(T.language_must_ko_korean_en, field="language")
    return text


def status(value: Any) -> str:
    text = clean_text(value, "status", 20).lower()
    if text not in (REGISTERED, CANCELLED):
        raise InvalidInput(T.status_must_registered_cancelled, field="status")
    return text


def category(value: Any, allowed: list[str]) -> str:
    text = clean_text(value, "category", 40).lower()
    if text not in allowed:
        raise InvalidInput(
            T.unknown_category_use_one, field="category", text=text, join=", ".join(allowed)
        )
    return text


def category_chosen(value: Any) -> str:
    """A new registration's category, chosen by the volunteer (the desk has no default:
    a defector registered as a guest by accident is hard to see afterwards)."""
    text = clean_text(value, "category", 40)
    if not text:
        raise InvalidInput(T.choose_person_s_category, field="category")
    return text


def consent_at(value: Any) -> int | None:
    """When consent to the data use was given (ms since the epoch), or None."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidInput(T.consent_time_must_time_milliseconds, field="consent_at")
    return value


def normalize(fields: dict[str, Any], categories: list[str], partial: bool) -> dict[str, Any]:
    """Validated, normalized copy of ``fields``.

    ``partial`` (an edit): only the given fields; else a full new attendee with
    defaults for what is missing.
    """
    unknown = fields.keys() - LABELS.keys()
    if unknown:
        name = sorted(unknown)[0]
        raise InvalidInput(T.unknown_field, field=name, name=name)
    out: dict[str, Any] = {}
    if not partial or "display_name" in fields:
        out["display_name"] = display_name(fields.get("display_name"))
    for name, max_len in (
        ("full_name", MAX_NAME),
        ("organization", MAX_TEXT),
        ("external_id", MAX_TEXT),
    ):
        if not partial or name in fields:
            out[name] = clean_text(fields.get(name), name, max_len)
    if not partial or "group_name" in fields:
        out["group_name"] = clean_text(fields.get("group_name"), "group_name", MAX_GROUP)
    for name in ("access_needs", "notes"):
        if not partial or name in fields:
            out[name] = clean_text(fields.get(name), name, MAX_LONG_TEXT, multiline=True)
    if not partial or "category" in fields:
        default = "guest" if "guest" in categories else categories[0]
        out["category"] = category(fields.get("category") or default, categories)
    if not partial or "phone" in fields:
        out["phone"] = phone(fields.get("phone"))
    if not partial or "email" in fields:
        out["email"] = email(fields.get("email"))
    if not partial or "language" in fields:
        given = fields.get("language")
        if not given and not partial:
            # Default: Korean for a Hangul name, else English.
            given = "ko" if has_hangul(out["display_name"] + out.get("full_name", "")) else "en"
        out["language"] = language(given)
    if not partial or "no_photo" in fields:
        out["no_photo"] = flag(fields.get("no_photo", False), "no_photo")
    if not partial or "status" in fields:
        out["status"] = status(fields.get("status") or REGISTERED)
    if not partial or "consent_at" in fields:
        out["consent_at"] = consent_at(fields.get("consent_at"))
    if not partial or "consent_version" in fields:
        out["consent_version"] = clean_text(fields.get("consent_version"), "consent_version", 40)
    if not partial or "consents" in fields:
        out["consents"] = consent_answers(fields.get("consents"))
    if not partial or "under_14" in fields:
        out["under_14"] = flag(fields.get("under_14", False), "under_14")
    if not partial or "guardian_relation" in fields:
        out["guardian_relation"] = clean_text(
            fields.get("guardian_relation"), "guardian_relation", 40
        )
    if "reg_no" in fields:
        reg = clean_text(fields.get("reg_no"), "reg_no", 30).upper()
        if reg:
            out["reg_no"] = reg
    return out


LABELS = {
    "display_name": ("Display name", "표시 이름"),
    "full_name": ("Full name", "실명"),
    "category": ("Category", "구분"),
    "organization": ("Organization", "소속"),
    "phone": ("Phone", "연락처"),
    "email": ("Email", "이메일"),
    "language": ("Language", "언어"),
    "no_photo": ("No photo", "촬영 금지"),
    "access_needs": ("Access needs", "편의 지원"),
    "notes": ("Notes", "메모"),
    "external_id": ("External id", "외부 ID"),
    "status": ("Status", "상태"),
    "reg_no": ("Registration number", "등록번호"),
    "consent_at": ("Consent to data use", "개인정보 이용 동의"),
    "consent_version": ("Consent wording", "동의문 버전"),
    "consents": ("Consent answers", "동의 항목별 기록"),
    "under_14": ("Under 14", "만 14세 미만"),
    "guardian_relation": ("Guardian's relation", "보호자 관계"),
    "group_name": ("Group", "그룹"),
}


def _label_en(field: str) -> str:
    return LABELS.get(field, (field, field))[0]


def _label_ko(field: str) -> str:
    return LABELS.get(field, (field, field))[1]


_CONSENT_KEYS = ("entry", "contact", "sensitive", "guardian")
_CONSENT_MAX_VERSION = 40
_CONSENT_MAX_RELATION = 40
_CONSENT_DECLARED = "organizer"  # checkin.protect.consent.DECLARED


def consent_answers(value: Any) -> str:
    """The ``consents`` field (``checkin.protect.consent``), checked: a dict or its JSON
    text, each item with a time and its wording's version (the guardian's with a relation;
    an answer the organizer declared for an import is marked ``"by": "organizer"``);
    canonical JSON text. Here with the other field rules, so fields import nothing above."""
    if value is None or value == "" or value == {}:
        return ""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise _bad_consent_answers() from None
    if not isinstance(value, dict) or set(value) - set(_CONSENT_KEYS):
        raise _bad_consent_answers()
    out: dict[str, dict[str, Any]] = {}
    for key, answer in value.items():
        if not isinstance(answer, dict):
            raise _bad_consent_answers()
        at = answer.get("at")
        if isinstance(at, bool) or not isinstance(at, int) or at < 0:
            raise _bad_consent_answers()
        if key == "guardian":
            by = answer.get("by")
            if not isinstance(by, str) or not by.strip() or len(by) > _CONSENT_MAX_RELATION:
                raise _bad_consent_answers()
            out[key] = {"at": at, "by": by.strip()}
        else:
            v = answer.get("v")
            if not isinstance(v, str) or not v.strip() or len(v) > _CONSENT_MAX_VERSION:
                raise _bad_consent_answers()
            out[key] = {"at": at, "v": v.strip()}
            by = answer.get("by")
            if by is not None:  # declared by the organizer (an import): nothing else
                if by != _CONSENT_DECLARED:
                    raise _bad_consent_answers()
                out[key]["by"] = by
    return json.dumps(out, sort_keys=True, separators=(",", ":"), ensure_ascii=False) if out else ""


def _bad_consent_answers() -> InvalidInput:
    return InvalidInput(T.consent_answers_not_readable_each, field="consents")
