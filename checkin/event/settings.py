"""Event settings: name, date, venue, categories, check-in lists, ...

Settings are stored one key per row as JSON and written through the change log, so
sync merges them key by key (last writer wins by hybrid logical clock, station id as
tie-break). ``EventSettings`` is the typed view the rest of the core uses.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from checkin import errors
from checkin.clock import Clock
from checkin.db.eventfile import EventFile
from checkin.db.stamps import next_stamp
from checkin.event.texts import EventTexts as T
from checkin.models import Role
from checkin.people import fields

DEFAULT_NAME = "북한이탈주민의 날"
DEFAULT_NAME_EN = "North Korean Defectors' Day"
DEFAULT_TIMEZONE = "Asia/Seoul"
DEFAULT_REG_PREFIX = "DD"


@dataclass(frozen=True, slots=True)
class Category:
    id: str
    ko: str
    en: str
    color: str
    # What the badge prints. Defectors and their families get a neutral word by
    # default: a badge is seen (and photographed) in the street after the event.
    badge_ko: str
    badge_en: str

    def label(self, lang: str) -> str:
        return self.ko if lang == "ko" else self.en

    def badge_label(self, lang: str) -> str:
        return self.badge_ko if lang == "ko" else self.badge_en


@dataclass(frozen=True, slots=True)
class CheckinList:
    id: str
    ko: str
    en: str

    def label(self, lang: str) -> str:
        return self.ko if lang == "ko" else self.en


DEFAULT_CATEGORIES = [
    Category("defector", "북한이탈주민", "Defector", "#2E7D32", "참가자", "Participant"),
    Category("family", "가족", "Family", "#2E7D32", "참가자", "Participant"),
    Category("supporter", "후원·시민단체", "Supporter", "#1565C0", "후원", "Supporter"),
    Category("volunteer", "자원봉사자", "Volunteer", "#F9A825", "자원봉사", "Volunteer"),
    Category("press", "언론", "Press", "#C62828", "취재", "Press"),
    Category("official", "내빈·관계자", "Official", "#6A1B9A", "내빈", "Official"),
    Category("staff", "운영진", "Staff", "#37474F", "운영진", "Staff"),
    Category("guest", "초청 손님", "Guest", "#00838F", "손님", "Guest"),
]
# Lengths: the event's name and venue, and labels of categories and lists, go on every
# badge and screen; a 10,000-character name made each badge take minutes.
MAX_NAME_CHARS = 120
MAX_LABEL_CHARS = 60
DEFAULT_LISTS = [CheckinList("main", "본 행사장", "Main hall")]


@dataclass(frozen=True, slots=True)
class EventSettings:
    name: str
    name_en: str
    date: str  # ISO date, e.g. 2027-07-14
    venue: str
    timezone: str
    reg_prefix: str
    categories: tuple[Category, ...]
    lists: tuple[CheckinList, ...]
    extra: dict[str, Any]  # settings added by later features (badge layout, ...)

    def category(self, category_id: str) -> Category | None:
        for cat in self.categories:
            if cat.id == category_id:
                return cat
        return None

    def category_ids(self) -> list[str]:
        return [c.id for c in self.categories]

    def list_ids(self) -> list[str]:
        return [li.id for li in self.lists]

    def title(self, lang: str) -> str:
        return self.name if lang == "ko" or not self.name_en else self.name_en

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        extra = data.pop("extra")
        return {**data, **extra}


def next_defectors_day(today: dt.date) -> dt.date:
    """The next 14 July on or after ``today`` (North Korean Defectors' Day)."""
    this_year = dt.date(today.year, 7, 14)
    return this_year if this_year >= today else dt.date(today.year + 1, 7, 14)


def default_settings(clock: Clock) -> dict[str, Any]:
    today = dt.datetime.fromtimestamp(clock.now_ms() / 1000, dt.UTC).date()
    return {
        "name": DEFAULT_NAME,
        "name_en": DEFAULT_NAME_EN,
        "date": next_defectors_day(today).isoformat(),
        "venue": "",
        "timezone": DEFAULT_TIMEZONE,
        "reg_prefix": DEFAULT_REG_PREFIX,
        "categories": [asdict(c) for c in DEFAULT_CATEGORIES],
        "lists": [asdict(li) for li in DEFAULT_LISTS],
    }


_TYPED_KEYS = {"name", "name_en", "date", "venue", "timezone", "reg_prefix", "categories", "lists"}


def read_raw(ef: EventFile) -> dict[str, Any]:
    try:
        return {k: json.loads(v) for k, v in ef.execute("SELECT key, value FROM settings")}
    except (TypeError, ValueError) as exc:  # stored by us as JSON: the file is damaged
        raise errors.FileDamaged(str(ef.path)) from exc


def load(ef: EventFile) -> EventSettings:
    try:
        return _load(read_raw(ef))
    except (TypeError, ValueError, AttributeError) as exc:  # not as we store settings
        raise errors.FileDamaged(str(ef.path)) from exc


def _bounded(value: Any) -> str:
    """A stored name as used: text cleaned as typed text is (no bidi controls or
    zero-width characters), at most MAX_NAME_CHARS (whatever a file or a synced change
    from elsewhere holds, badges never lay out a 10,000-character name)."""
    return fields.received_text(value, MAX_NAME_CHARS)


def _load(raw: dict[str, Any]) -> EventSettings:
    return EventSettings(
        name=_bounded(raw.get("name", DEFAULT_NAME)),
        name_en=_bounded(raw.get("name_en", "")),
        date=raw.get("date", ""),
        venue=_bounded(raw.get("venue", "")),
        timezone=raw.get("timezone", DEFAULT_TIMEZONE),
        reg_prefix=raw.get("reg_prefix", DEFAULT_REG_PREFIX),
        categories=tuple(Category(**c) for c in raw.get("categories", [])),
        lists=tuple(CheckinList(**li) for li in raw.get("lists", [])),
        extra={k: v for k, v in raw.items() if k not in _TYPED_KEYS},
    )


# Settings whose check belongs to a module above this one (``checkin.protect.consent``
# registers ``consent``): the settings import nothing of theirs, they register here.
VALIDATORS: dict[str, Callable[[Any], Any]] = {}


def register_validator(key: str, check: Callable[[Any], Any]) -> None:
    VALIDATORS[key] = check


def validate(key: str, value: Any) -> Any:
    """Check one setting; returns the normalized value or raises InvalidInput."""
    if key in {"name", "name_en", "venue", "reg_prefix", "timezone"}:
        if not isinstance(value, str):
            raise _bad(key)
        value = " ".join(fields.strip_invisible(value).split())
        if len(value) > MAX_NAME_CHARS:
            raise errors.InvalidInput(
                T.most_characters_printed_every_badge,
                field=key,
                key=key,
                max_name_chars=MAX_NAME_CHARS,
            )
        if key == "name" and not value:
            raise errors.InvalidInput(T.event_needs_name, field="name")
        if key == "reg_prefix" and not (value.isascii() and value.isalnum() and len(value) <= 6):
            raise errors.InvalidInput(T.registration_prefix_must_letters_digits, field="reg_prefix")
        if key == "timezone":
            from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

            try:
                ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError):
                raise _bad(key) from None
        return value.upper() if key == "reg_prefix" else value
    if key == "date":
        try:
            return dt.date.fromisoformat(str(value).strip()).isoformat()
        except ValueError:
            raise errors.InvalidInput(T.not_date_use_yyyy_mm_2, field="date", value=value) from None
    if key == "categories":
        try:
            cats = [Category(**c) for c in value]
        except (TypeError, ValueError):
            raise _bad(key) from None
        _check_labels(key, cats)
        if not cats or len({c.id for c in cats}) != len(cats):
            raise _bad(key)
        return [asdict(c) for c in cats]
    if key == "lists":
        try:
            lists = [CheckinList(**li) for li in value]
        except (TypeError, ValueError):
            raise _bad(key) from None
        _check_labels(key, lists)
        if not lists or len({li.id for li in lists}) != len(lists):
            raise _bad(key)
        return [asdict(li) for li in lists]
    if key == TRAWL_KEY:
        return validate_trawl(value)
    if key == "delete_personal_by":
        return validate_delete_by(value)
    if key == "small_count_threshold":
        return validate_threshold(value)
    if key in VALIDATORS:  # checks registered by the modules that own those settings
        return VALIDATORS[key](value)
    json.dumps(value)  # anything else must at least be JSON
    return value


def _check_labels(key: str, items: list[Any]) -> None:
    """Labels of categories and lists: text, bounded (they go on badges and screens)."""
    if len(items) > 100:
        raise _bad(key)
    for item in items:
        for value in asdict(item).values():
            if not isinstance(value, str) or len(value) > MAX_LABEL_CHARS:
                raise errors.InvalidInput(
                    T.invalid_value_setting_each_label,
                    field=key,
                    key=key,
                    max_label_chars=MAX_LABEL_CHARS,
                )


# --- settings added for protecting attendees (audit, retention, suppression read them)

TRAWL_KEY = "trawl_alert"
TRAWL_DEFAULTS = {"searches": 40, "minutes": 5, "sequence": 5}


def validate_trawl(value: Any) -> dict[str, int]:
    bad = errors.InvalidInput(T.trawling_alert_needs_whole_numbers, field=TRAWL_KEY)
    if not isinstance(value, dict) or set(value) - set(TRAWL_DEFAULTS):
        raise bad
    out = {**TRAWL_DEFAULTS, **value}
    limits = {"searches": (5, 1000), "minutes": (1, 120), "sequence": (3, 100)}
    for key, (lo, hi) in limits.items():
        v = out[key]
        if isinstance(v, bool) or not isinstance(v, int) or not lo <= v <= hi:
            raise bad
    return out


def validate_threshold(value: Any) -> int:
    # 2 would publish "<2", which can only mean 1: no protection at all
    if (
        isinstance(value, bool)
        or not isinstance(value, int)
        or not (value == 1 or 3 <= value <= 100)
    ):
        raise errors.InvalidInput(T.small_count_threshold_must_whole, field="small_count_threshold")
    return value


def validate_delete_by(value: Any) -> str:
    try:
        return dt.date.fromisoformat(str(value).strip()).isoformat()
    except ValueError:
        raise errors.InvalidInput(
            T.not_date_use_yyyy_mm, field="delete_personal_by", value=value
        ) from None


def _bad(key: str) -> errors.InvalidInput:
    return errors.InvalidInput(T.invalid_value_setting, field=key, key=key)


def write_settings_in(conn: Any, now_ms: int, values: dict[str, Any], operator: str = "") -> None:
    """Write settings inside an open write transaction (one change row per key).

    Only the organizer's file changes settings (the PIN, closing, badge settings,
    retiring a station): each change is signed with the organizer's key, and other
    stations refuse a setting change without that signature (``checkin.sync.trust``).
    """
    from checkin.sync import trust  # sync builds on settings; the keys are its business

    role = conn.execute("SELECT role FROM local").fetchone()[0]
    if role != Role.ORGANIZER.value:
        raise errors.NotAllowed(T.only_organizer_s_computer_can)
    trust.ensure_organizer_keys(conn)
    signing = trust.own_key(conn)
    for key, value in values.items():
        stamp = next_stamp(conn, now_ms)
        encoded = json.dumps(value, ensure_ascii=False, sort_keys=True)
        fields = json.dumps({"value": value}, ensure_ascii=False, sort_keys=True)
        conn.execute(
            "INSERT INTO changes (station_id, seq, hlc, at_ms, entity, entity_id, op, "
            "fields, operator) VALUES (?, ?, ?, ?, 'setting', ?, 'update', ?, ?)",
            (stamp.station_id, stamp.seq, stamp.hlc, now_ms, key, fields, operator),
        )
        if signing is not None:
            trust.sign_setting(conn, signing, stamp.station_id, stamp.seq, stamp.hlc, key, fields)
        conn.execute(
            "INSERT INTO settings (key, value, hlc, station_id) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value, hlc = excluded.hlc, "
            "station_id = excluded.station_id",
            (key, encoded, stamp.hlc, stamp.station_id),
        )


def update(
    ef: EventFile, clock: Clock, values: dict[str, Any], operator: str = ""
) -> EventSettings:
    """Validate and store settings; returns the new settings."""
    normalized = {key: validate(key, value) for key, value in values.items()}
    with ef.write() as conn:
        write_settings_in(conn, clock.now_ms(), normalized, operator)
    return load(ef)
