"""Is this walk-in perhaps registered already? Likely duplicates of a new registration.

A volunteer at the desk types a name (and maybe a phone number); before saving, the
form lists people already in the event who are probably the same person, so the
volunteer can open that registration instead of making a second one. Reasons, from
strongest to weakest:

==============  ======================================================================
name_and_phone  the same name (spaces, case and width ignored) and the same phone number
same_name       the same name, spaces, case and width ignored (김 민수 = 김민수)
same_phone      the same phone number, another name (an alias, a nickname)
romanized       the same name in another script or spelling: 김민수 = Kim Minsu =
                Minsu Kim = Gim Min-su; Chloé Martin = Martin Chloe
near_name       one letter apart: one jamo of a Korean name (김민수 / 김민슈 / 김밍수 /
                김민스), one letter of a Latin name (Jon Smith / John Smith)
==============  ======================================================================

Only one *jamo* apart, not one *syllable*: at the scale of this event one syllable
apart would flag most people (김민수, 이민수, 김민지 and 김민준 are all one syllable
from each other), and a warning shown every time is a warning nobody reads.

Every lookup is an exact or IN lookup on the primary key of the search index
(``search_terms (kind, term, rid)``, see ``checkin.people.search``): the one-jamo neighbours of
a name are enumerated (a few hundred strings) rather than compared with every name, so
the cost does not grow with the event (see ``benchmarks/bench_desk.py``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from checkin import errors
from checkin.db.eventfile import EventFile
from checkin.models import ATTENDEE_COLUMNS, Attendee
from checkin.people import fields, hangul
from checkin.people import search as search_mod
from checkin.people.texts import PeopleTexts as T
from checkin.protect import masking

if TYPE_CHECKING:
    from checkin.protect.access import Access

NAME_AND_PHONE = "name_and_phone"
SAME_NAME = "same_name"
SAME_PHONE = "same_phone"
ROMANIZED = "romanized"
NEAR_NAME = "near_name"
REASONS = (NAME_AND_PHONE, SAME_NAME, SAME_PHONE, ROMANIZED, NEAR_NAME)
REASON_LABELS = {  # (English, Korean)
    NAME_AND_PHONE: T.same_name_and_phone.pair(),
    SAME_NAME: T.same_name.pair(),
    SAME_PHONE: T.same_phone.pair(),
    ROMANIZED: T.same_name_other_spelling.pair(),
    NEAR_NAME: T.very_similar_name.pair(),
}

DEFAULT_LIMIT = 8
# Shortest name (in index letters) that gets one-letter neighbours: shorter names
# have too many (a two-letter name is one letter from every other two-letter name).
MIN_NEAR_HANGUL = 4  # 2 syllables, e.g. 한별 -> gksqufs
MIN_NEAR_LATIN = 5
# Candidates read per lookup at most (bounds a run of identical dummy phone numbers).
CANDIDATE_CAP = 500
_CHUNK = 400  # IN lists of at most this many terms (SQLite variable limits)
_HANGUL_KEYS = "".join(sorted(set(hangul.KEY_OF_JAMO.values())))
_LATIN = "abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True, slots=True)
class Match:
    attendee: Attendee
    reasons: tuple[str, ...]  # in REASONS order, strongest first

    @property
    def reason(self) -> str:
        return self.reasons[0]

    def label(self, lang: str) -> str:
        return ", ".join(REASON_LABELS[r][1 if lang == "ko" else 0] for r in self.reasons)

    def to_json(self) -> dict[str, Any]:
        return {"attendee": self.attendee.to_json(personal=False), "reasons": list(self.reasons)}


# --- keys -----------------------------------------------------------------------------


def name_key(name: str) -> str:
    """The index form of a whole name (spaces, case, width ignored; Hangul as keys)."""
    text = unicodedata.normalize("NFKC", name)
    return search_mod._encode(text)


def romanized_keys(name: str) -> set[str]:
    """Loose romanizations of a whole name in both name orders (and, for a Latin name,
    the Korean surnames its spelling may stand for)."""
    compact = search_mod._compact(unicodedata.normalize("NFKC", name))
    if not compact:
        return set()
    if hangul.has_syllable(compact):
        surname, given = hangul.split_compact_name(compact)
        keys = {hangul.loose_ascii(hangul.romanize(surname + given))}
        if surname and given:
            keys.add(hangul.loose_ascii(hangul.romanize(given) + hangul.romanize(surname)))
        return {k for k in keys if k}
    words = [hangul.latin_letters(w) for w in unicodedata.normalize("NFKC", name).split()]
    words = [w for w in words if w]
    if not words:
        return set()
    orders = {tuple(words)}
    if len(words) > 1:
        orders.add((words[-1], *words[:-1]))  # family name moved to the front
        orders.add((*words[1:], words[0]))  # family name moved to the end
    keys = {hangul.loose("".join(o)) for o in orders}
    for o in orders:
        keys |= hangul.surname_variants("".join(o))
    return {k for k in keys if k}


def _neighbours(key: str, alphabet: str) -> set[str]:
    """Every string one insertion, deletion or substitution away from ``key``."""
    out: set[str] = set()
    for i in range(len(key) + 1):
        head, tail = key[:i], key[i:]
        for ch in alphabet:
            out.add(head + ch + tail)
            if tail:
                out.add(head + ch + tail[1:])
        if tail:
            out.add(head + tail[1:])
    out.discard(key)
    return out


def near_keys(name: str) -> set[str]:
    """Index forms of the names one jamo (or one Latin letter) from ``name``."""
    key = name_key(name)
    if hangul.has_hangul(key) or not key:
        return set()
    compact = search_mod._compact(unicodedata.normalize("NFKC", name))
    if hangul.has_hangul(compact):
        return _neighbours(key, _HANGUL_KEYS) if len(key) >= MIN_NEAR_HANGUL else set()
    if len(key) >= MIN_NEAR_LATIN and key.isascii():
        return _neighbours(key, _LATIN)
    return set()


def _phone_digits(phone: str) -> str:
    try:
        normalized = fields.phone(phone)
    except errors.InvalidInput:
        normalized = phone
    return "".join(ch for ch in normalized if ch.isdigit())


# --- lookups ----------------------------------------------------------------------------


def _rids_for_terms(conn: Any, kinds: Sequence[int], terms: Iterable[str]) -> set[int]:
    wanted = sorted(set(terms))
    found: set[int] = set()
    for kind in kinds:
        for i in range(0, len(wanted), _CHUNK):
            chunk = wanted[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            found.update(
                r[0]
                for r in conn.execute(
                    f"SELECT rid FROM search_terms WHERE kind = ? AND term IN ({marks}) LIMIT ?",
                    (kind, *chunk, CANDIDATE_CAP),
                )
            )
    return found


def find(
    ef: EventFile,
    display_name: str,
    full_name: str = "",
    phone: str = "",
    exclude_id: str | None = None,
    limit: int = DEFAULT_LIMIT,
    *,
    access: Access | None = None,
) -> list[Match]:
    """People already registered who are likely the same as this new registration.

    Strongest first; cancelled registrations are included (restoring one may be the
    right thing). ``exclude_id``: the attendee being edited. Given the caller's
    ``access``, the records are masked below organizer (``checkin.protect.masking``);
    the reasons are found on the whole values.
    """
    names = [n for n in dict.fromkeys([display_name.strip(), full_name.strip()]) if n]
    digits = _phone_digits(phone) if phone.strip() else ""
    if not names and len(digits) < 4:
        return []
    my_keys = {name_key(n) for n in names} - {""}
    index_keys = my_keys | {search_mod._encode(n) for n in names} - {""}
    my_roman: set[str] = set()
    my_near: set[str] = set()
    for n in names:
        my_roman |= romanized_keys(n)
        my_near |= near_keys(n)
    my_near -= my_keys
    with ef.read() as conn:
        rids = _rids_for_terms(conn, (search_mod.NAME,), index_keys)
        rids |= _rids_for_terms(conn, (search_mod.ROMAN, search_mod.ROMAN_PART), my_roman)
        rids |= _rids_for_terms(conn, (search_mod.NAME,), my_near)
        if len(digits) >= 4:
            rids |= _rids_for_terms(conn, (search_mod.PHONE,), [digits[-4:]])
        people = _attendees(conn, rids)
    matches = []
    for a in people:
        if a.id == exclude_id:
            continue
        reasons = _reasons(a, my_keys, my_roman, my_near, digits)
        if reasons:
            matches.append(Match(a, reasons))
    matches.sort(key=lambda m: (REASONS.index(m.reason), -len(m.reasons), m.attendee.reg_no))
    view = masking.viewer(access, ef)
    return [Match(view(m.attendee), m.reasons) for m in matches[:limit]]


def _attendees(conn: Any, rids: set[int]) -> list[Attendee]:
    out: list[Attendee] = []
    ordered = sorted(rids)
    for i in range(0, len(ordered), _CHUNK):
        chunk = ordered[i : i + _CHUNK]
        marks = ",".join("?" * len(chunk))
        out.extend(
            Attendee.from_row(r)
            for r in conn.execute(
                f"SELECT {ATTENDEE_COLUMNS} FROM attendees WHERE rid IN ({marks})", chunk
            )
        )
    return out


def _reasons(
    a: Attendee, my_keys: set[str], my_roman: set[str], my_near: set[str], digits: str
) -> tuple[str, ...]:
    """Why ``a`` may be the same person (checked on the candidate's own names: an index
    hit alone may be a partial term of a longer name)."""
    theirs = [n for n in (a.display_name, a.full_name) if n]
    their_keys = {name_key(n) for n in theirs}
    same_name = bool(their_keys & my_keys)
    same_phone = len(digits) >= 4 and bool(a.phone) and _phone_digits(a.phone) == digits
    found = []
    if same_name and same_phone:
        found.append(NAME_AND_PHONE)
    elif same_name:
        found.append(SAME_NAME)
    elif same_phone:
        found.append(SAME_PHONE)
    if not same_name:
        their_roman: set[str] = set()
        for n in theirs:
            their_roman |= romanized_keys(n)
        if their_roman & my_roman:
            found.append(ROMANIZED)
        elif their_keys & my_near:
            found.append(NEAR_NAME)
    return tuple(found)
