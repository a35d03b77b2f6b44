"""Consent to the use of personal data, asked in parts of everyone registered at the desk.

Korean law (PIPA Art. 16(3), 22, 23) wants the minimum needed for entry agreed to on its
own, optional data agreed to separately (refusing it must cost nothing), and sensitive
data (health, disability: access needs) agreed to separately again. So the event setting
``consent`` holds three items, each with its own Korean and English wording, version and
flag required / optional:

- ``entry`` (required): display name and category, the minimum to let a person in;
- ``contact`` (optional): phone, e-mail, organization and full name;
- ``sensitive`` (optional, Art. 23): access needs.

The organizer adapts each wording (``checkin consent FILE --item contact --ko-file ..
--en-file ..``, organizer only); a changed wording gets a new version, and the settings
change log keeps who changed it. It syncs to every station like the other settings.

Each answer is stored per attendee with its time and version (the ``consents`` field,
JSON: ``{"entry": {"at": ms, "v": version}, "contact": {...}}``); the older
``consent_at`` / ``consent_version`` fields keep recording item (a). A field whose item
was not agreed to cannot be stored: ``check`` refuses it, and ``checkin.people.attendees``
calls it on every add and every edit, answers recorded or not (no answers: only what
item (a) covers, and the record's own state, ``KEPT_WITHOUT_CONSENT``). Under-14s
(Art. 22-2): a parent or guardian agrees for them; only the guardian's relation
("mother") is kept, and their optional fields are refused until it is given.

Pre-registered attendees gave (or refused) consent on the registration form the
organizers used; an import records what the file's consent columns say. A file without
them keeps only ``KEPT_WITHOUT_CONSENT`` of each row (the import report counts the rows
that lost optional fields), unless the organizer declares that the people in it agreed
to an item on their own form (``declared``: the version and basis they name are
recorded with each answer and in the audit log).

Records merged by sync were checked at the station that wrote them; two stations
editing one person at once can still leave a field beside a withdrawn consent. Sync
keeps such a record as merged (every station must end the same); ``held_without_consent``
and ``count_held_without_consent`` find them, and ``checkin sync status`` counts them.
An event file made before consent came in parts has a single wording: it is read as
item (a).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from checkin import errors
from checkin.clock import Clock
from checkin.protect.texts import ProtectTexts as T

if TYPE_CHECKING:
    from checkin.db.eventfile import EventFile
    from checkin.event.settings import EventSettings
    from checkin.models import Attendee
    from checkin.protect.access import Access

SETTING = "consent"
MAX_LENGTH = 2000
MAX_VERSION = 40
MAX_RELATION = 40

ENTRY = "entry"
CONTACT = "contact"
SENSITIVE = "sensitive"
GUARDIAN = "guardian"  # the answer a guardian gives for an under-14 (no wording of its own)
ITEMS = (ENTRY, CONTACT, SENSITIVE)
OPTIONAL = (CONTACT, SENSITIVE)
# The attendee fields each optional item covers: none of them is stored without it.
FIELDS: dict[str, tuple[str, ...]] = {
    CONTACT: ("phone", "email", "organization", "full_name"),
    SENSITIVE: ("access_needs",),
}
# What item (a) covers (its wording names them): the minimum to let a person in.
ENTRY_FIELDS = ("display_name", "category")
# Kept with every record, consents or not: item (a), the registration's own state (its
# number here and in the system it came from, registered or cancelled), and a refusal
# of photographs (kept because it protects the person), and the party a person comes
# with (group arrival lets them in together; its label is masked below organizer like
# a name). Nothing else of a row is kept by an import without consent columns.
KEPT_WITHOUT_CONSENT = (
    *ENTRY_FIELDS, "reg_no", "external_id", "status", "no_photo", "group_name",
)  # fmt: skip
# The attendee fields that hold the answers themselves.
ANSWER_FIELDS = frozenset({"consents", "under_14", "guardian_relation"})
# An answer recorded from the organizer's declaration (an import whose people agreed on
# the organizer's own form), not from the person at this app's desk.
DECLARED = "organizer"
ITEM_NAMES: dict[str, tuple[str, str]] = {
    ENTRY: ("(a) entry (required)", "(가) 입장 (필수)"),
    CONTACT: ("(b) contact details (optional)", "(나) 연락처 (선택)"),
    SENSITIVE: ("(c) access needs, sensitive (optional)", "(다) 편의 지원·민감정보 (선택)"),
}

VERSION = "2027-2"  # of the default entry wording (2027-1 was the single bundled one)

TEXT_KO = (
    "[필수] 개인정보 수집·이용 동의 — 목적: 행사 입장 확인과 안전 관리. "
    "항목: 표시 이름, 참가 구분. 보유 기간: 행사 후 30일 이내 파기. "
    "동의하지 않을 권리가 있으며, 동의하지 않으면 이름 없이 익명으로 입장할 수 있습니다. "
    "위 내용에 동의합니다."
)
TEXT_EN = (
    "[Required] Consent to the use of personal data — Purpose: entry check and safety at "
    "the event. Items: display name, category. Kept until: deleted within 30 days after "
    "the event. You have the right to refuse; if you do, you can still come in "
    "anonymously, without a name. I agree to the above."
)
CONTACT_KO = (
    "[선택] 연락처 수집·이용 동의 — 목적: 행사 관련 안내와 분실물·긴급 연락. "
    "항목: 실명, 전화번호, 이메일, 소속. 보유 기간: 행사 후 30일 이내 파기. "
    "동의하지 않을 권리가 있으며, 동의하지 않아도 등록과 입장에 아무런 불이익이 없습니다."
)
CONTACT_EN = (
    "[Optional] Consent to contact details — Purpose: event notices, lost property and "
    "emergency contact. Items: full name, phone, e-mail, organization. Kept until: deleted "
    "within 30 days after the event. You have the right to refuse; refusing costs nothing: "
    "you are registered and let in all the same."
)
SENSITIVE_KO = (
    "[선택] 민감정보 처리 별도 동의 (개인정보 보호법 제23조) — 목적: 현장 편의 지원 "
    "(휠체어, 통역 등). 항목: 건강·장애 등 편의 지원 필요 사항. 보유 기간: 행사 후 30일 "
    "이내 파기. 동의하지 않을 권리가 있으며, 동의하지 않아도 등록과 입장에 아무런 불이익이 "
    "없습니다."
)
SENSITIVE_EN = (
    "[Optional] Separate consent to sensitive data (PIPA Art. 23) — Purpose: help at the "
    "event (wheelchair, interpreter ...). Items: access needs, which may concern health or "
    "disability. Kept until: deleted within 30 days after the event. You have the right to "
    "refuse; refusing costs nothing: you are registered and let in all the same."
)


@dataclass(frozen=True, slots=True)
class Wording:
    ko: str
    en: str
    version: str
    item: str = ENTRY

    @property
    def required(self) -> bool:
        return self.item == ENTRY

    def text(self, lang: str) -> str:
        return self.ko if lang == "ko" else self.en

    def both(self) -> str:
        """Korean, then English (what the form and the command line show)."""
        return f"{self.ko}\n{self.en}"

    def to_json(self) -> dict[str, Any]:
        return {"ko": self.ko, "en": self.en, "version": self.version}


DEFAULT = Wording(TEXT_KO, TEXT_EN, VERSION)
DEFAULTS: dict[str, Wording] = {
    ENTRY: DEFAULT,
    CONTACT: Wording(CONTACT_KO, CONTACT_EN, "2027-2", CONTACT),
    SENSITIVE: Wording(SENSITIVE_KO, SENSITIVE_EN, "2027-2", SENSITIVE),
}


def text(lang: str) -> str:
    return DEFAULT.text(lang)


def both() -> str:
    return DEFAULT.both()


def _validate_one(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise _bad()
    out = {}
    for key in ("ko", "en", "version"):
        item = value.get(key)
        if not isinstance(item, str) or not item.strip() or len(item) > MAX_LENGTH:
            raise _bad()
        out[key] = item.strip()
    return out


def validate(value: Any) -> dict[str, Any]:
    """The ``consent`` setting, checked: for each item both languages, not empty, not
    huge. The old single wording (``{"ko", "en", "version"}``) is read as item (a)."""
    if not isinstance(value, dict):
        raise _bad()
    if "items" not in value:  # an event file from before consent came in parts
        given: dict[str, dict[str, str]] = {ENTRY: _validate_one(value)}
    else:
        raw = value["items"]
        if not isinstance(raw, dict) or set(raw) - set(ITEMS):
            raise _bad()
        given = {key: _validate_one(item) for key, item in raw.items()}
    items: dict[str, dict[str, Any]] = {
        key: dict(given.get(key) or DEFAULTS[key].to_json()) for key in ITEMS
    }
    for key, item in items.items():
        item["required"] = key == ENTRY  # the law decides this, not the setting
    return {"items": items}


def _bad() -> errors.InvalidInput:
    return errors.InvalidInput(
        T.consent_wording_needs_korean_english, field="consent", max_length=MAX_LENGTH
    )


def items(cfg: EventSettings) -> dict[str, Wording]:
    """The event's wording of each item (the defaults until the organizer sets one)."""
    raw = cfg.extra.get(SETTING)
    try:
        parsed = validate(raw)["items"] if raw else {}
    except errors.InvalidInput:
        parsed = {}
    return {
        key: Wording(v["ko"], v["en"], v["version"], key) if key in parsed else DEFAULTS[key]
        for key in ITEMS
        for v in [parsed.get(key, {})]
    }


def wording(cfg: EventSettings, item: str = ENTRY) -> Wording:
    """The event's wording of one item (item (a), entry, unless told)."""
    return items(cfg)[_item(item)]


def _item(item: str) -> str:
    if item not in ITEMS:
        raise errors.InvalidInput(
            T.unknown_consent_item_use_one, field="consent", item=item, join=", ".join(ITEMS)
        )
    return item


def set_wording(
    ef: EventFile,
    clock: Clock,
    ko: str,
    en: str,
    access: Access,
    operator: str = "",
    item: str = ENTRY,
) -> Wording:
    """Set one item's wording (organizer only); a new version names it. The settings
    change log records who changed it (``operator``) and when."""
    access.require_organizer(ef)
    item = _item(item)
    digest = hashlib.sha256(f"{ko.strip()}\n{en.strip()}".encode()).hexdigest()[:6]
    day = dt.datetime.fromtimestamp(clock.now_ms() / 1000, dt.UTC).date().isoformat()
    new = Wording(ko.strip(), en.strip(), f"{day}-{digest}", item)
    _validate_one(new.to_json())
    return _store(ef, clock, item, new, operator)


def reset_wording(
    ef: EventFile, clock: Clock, access: Access, operator: str = "", item: str = ENTRY
) -> Wording:
    """Back to the default wording of one item (organizer only)."""
    access.require_organizer(ef)
    item = _item(item)
    return _store(ef, clock, item, DEFAULTS[item], operator)


def _store(ef: EventFile, clock: Clock, item: str, new: Wording, operator: str) -> Wording:
    from checkin.event import settings as settings_mod

    current = items(settings_mod.load(ef))
    current[item] = new
    value = {"items": {key: w.to_json() for key, w in current.items()}}
    cfg = settings_mod.update(ef, clock, {SETTING: value}, operator)
    return wording(cfg, item)


def required() -> errors.InvalidInput:
    return errors.InvalidInput(T.consent_data_needed_entry_display, field="consent")


def given(clock: Clock, version: str = VERSION) -> dict[str, Any]:
    """The attendee fields recording consent (a) given now to the wording ``version``."""
    return {"consent_at": clock.now_ms(), "consent_version": version}


def withdrawn() -> dict[str, Any]:
    return {"consent_at": None, "consent_version": ""}


# --- answers ------------------------------------------------------------------------


def record(
    clock: Clock,
    cfg: EventSettings,
    agreed: Iterable[str],
    under_14: bool = False,
    guardian: str = "",
) -> dict[str, Any]:
    """The attendee fields recording the answers given now: ``agreed`` names the items
    the person (or, for an under-14, their guardian) agreed to; the others are refused."""
    now = clock.now_ms()
    wordings = items(cfg)
    answers: dict[str, dict[str, Any]] = {}
    for key in agreed:
        answers[_item(key)] = {"at": now, "v": wordings[key].version}
    guardian = guardian.strip()
    if under_14 and guardian:
        answers[GUARDIAN] = {"at": now, "by": guardian[:MAX_RELATION]}
    out: dict[str, Any] = {
        "consents": encode(answers),
        "under_14": bool(under_14),
        "guardian_relation": guardian if under_14 else "",
    }
    if ENTRY in answers:
        out.update(consent_at=now, consent_version=answers[ENTRY]["v"])
    return out


def encode(answers: Mapping[str, Any]) -> str:
    return (
        json.dumps(dict(answers), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        if answers
        else ""
    )


def decode(text: str) -> dict[str, dict[str, Any]]:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def normalize(value: Any) -> str:
    """The ``consents`` field, checked (see ``checkin.people.fields.consent_answers``)."""
    from checkin.people.fields import consent_answers

    return consent_answers(value)


def answers(a: Attendee) -> dict[str, dict[str, Any]]:
    """The attendee's recorded answers; item (a) also from the older consent fields."""
    out = decode(a.consents)
    if ENTRY not in out and a.consent_at is not None:
        out[ENTRY] = {"at": a.consent_at, "v": a.consent_version}
    return out


def covers_contact(a: Attendee) -> bool:
    """May the attendee be contacted (tickets e-mailed, their contact details listed)?
    With the consent items recorded: only if they agreed to (b) contact details. A record
    from before the items (one consent, ``consent_at``) counts as agreed when that one
    consent is on file."""
    recorded = decode(a.consents)
    if recorded:
        return CONTACT in recorded
    return a.consent_at is not None


def check(values: Mapping[str, Any]) -> None:
    """Refuse a record (attendee fields, with its ``consents``) holding a field whose
    consent item was not agreed to, or an under-14's optional field without their
    guardian's consent. Refusing (b) or (c) never blocks the rest: only the field is
    refused, so the caller can leave it empty and register the person."""
    agreed = decode(values.get("consents") or "")
    has_optional = False
    for item in OPTIONAL:
        filled = [name for name in FIELDS[item] if values.get(name)]
        has_optional = has_optional or bool(filled)
        if filled and item not in agreed:
            raise _not_agreed(item, filled[0])
    if (
        has_optional
        and values.get("under_14")
        and not (GUARDIAN in agreed and values.get("guardian_relation"))
    ):
        raise errors.InvalidInput(T.person_under_their_optional_details, field="guardian_relation")


def held_without_consent(values: Mapping[str, Any]) -> list[str]:
    """The fields of a record (attendee fields or ``Attendee.to_json()``) that hold a
    value without the consent item covering them (empty: all is as agreed)."""
    agreed = decode(values.get("consents") or "")
    return [
        name for item in OPTIONAL if item not in agreed for name in FIELDS[item] if values.get(name)
    ]


def count_held_without_consent(conn: Any) -> int:
    """How many attendee records hold a field without its consent item (see the module
    docstring: concurrent edits merged by sync, or records from before the rule)."""
    clauses = [
        "(({filled}) AND json_extract(CASE WHEN consents = '' THEN '{{}}' ELSE consents END, "
        "'$.{item}') IS NULL)".format(
            filled=" OR ".join(f"{name} != ''" for name in FIELDS[item]), item=item
        )
        for item in OPTIONAL
    ]
    sql = f"SELECT count(*) FROM attendees WHERE {' OR '.join(clauses)}"
    return int(conn.execute(sql).fetchone()[0])


MAX_BASIS = 200


@dataclass(frozen=True, slots=True)
class Declaration:
    """The organizer's word that the people of an import agreed, on the organizer's own
    registration form, to ``items`` (contact, sensitive) as worded in ``version``;
    ``basis`` says where (the form, its page), for the audit log. Item (a) goes with it."""

    items: tuple[str, ...]
    version: str
    basis: str

    @classmethod
    def make(cls, items_agreed: Iterable[str], version: str, basis: str) -> Declaration:
        """Checked: optional items only, a version and a basis (InvalidInput otherwise)."""
        chosen = tuple(dict.fromkeys(_item(str(i).strip()) for i in items_agreed))
        if not chosen or ENTRY in chosen:
            raise errors.InvalidInput(
                "Name the optional items the people agreed to on your form: contact, "
                "sensitive (item (a), entry, is recorded with them).",
                "등록 양식에서 동의받은 선택 항목을 적어 주세요: contact(연락처), "
                "sensitive(민감정보). (가) 입장 항목은 함께 기록됩니다.",
                "consent",
            )
        version = " ".join(str(version or "").split())
        if not version or len(version) > MAX_VERSION:
            raise errors.InvalidInput(
                f"Name the version of the consent wording your form used (1-{MAX_VERSION} "
                "characters, e.g. 2027-06-form), so each answer says what was agreed to.",
                f"등록 양식에서 쓴 동의문 버전을 적어 주세요 (1~{MAX_VERSION}자, 예: "
                "2027-06-form). 각 동의 기록에 무엇에 동의했는지 남습니다.",
                "consent_version",
            )
        basis = " ".join(str(basis or "").split())
        if not basis or len(basis) > MAX_BASIS:
            raise errors.InvalidInput(
                f"Say where the people agreed (1-{MAX_BASIS} characters, e.g. 'online "
                "registration form, consent page'): it goes into the audit log.",
                f"어디에서 동의받았는지 적어 주세요 (1~{MAX_BASIS}자, 예: '온라인 등록 양식 "
                "동의 페이지'). 감사 기록에 남습니다.",
                "consent_basis",
            )
        return cls(chosen, version, basis)

    def answers(self, at: int) -> dict[str, dict[str, Any]]:
        """Each row's answers: item (a) and the declared items, marked as declared."""
        return {
            item: {"at": at, "v": self.version, "by": DECLARED} for item in (ENTRY, *self.items)
        }

    def fields(self) -> tuple[str, ...]:
        return tuple(name for item in self.items for name in FIELDS[item])


def _not_agreed(item: str, field_name: str) -> errors.InvalidInput:
    from checkin.people.fields import LABELS

    names, labels = ITEM_NAMES[item], LABELS[field_name]  # (English, Korean) each
    en, ko = (
        T.field_without_consent.get(lang, label=label, consent=name)
        for lang, label, name in zip(("en", "ko"), labels, names, strict=True)
    )
    return errors.InvalidInput(en, ko, field_name)


def _register() -> None:
    from checkin.event import settings as settings_mod

    settings_mod.register_validator(SETTING, validate)


_register()  # the settings check the consent setting through this module's rules
