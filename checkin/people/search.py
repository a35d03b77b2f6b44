"""Korean-aware attendee search.

A volunteer types part of a name, its initial consonants, a romanized spelling, the
last four digits of a phone number or a registration number; results come back ranked
and limited, in a few milliseconds at 100,000 attendees.

Every attendee has a handful of *terms* in ``search_terms (kind, term, rid)``; a query
becomes one or more term prefixes, each answered by a range scan of the primary key
(``kind = ? AND term >= ? AND term < ?``), so the cost depends on the number of
matches read (capped), never on the size of the event. Terms are:

==========  ===================================================================
NAME        the whole name, spaces removed; Hangul written as 2-set keys
            (김민수 -> rlaalstn), so a half-typed syllable is a plain prefix
GIVEN       the given name alone (민수), and each later word of a Latin name
INITIALS    초성 of the whole name (ㄱㅁㅅ)
ROMAN       loose romanization of the whole name in both orders (kiminsu,
            minsukim); Latin names loosely spelled
PHONE       last four digits of the phone number
REG         the number of the registration number (DD-0042 -> 42); a query for
            DD-0042 looks up 42 and ranks the exact registration number first
==========  ===================================================================
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from operator import itemgetter
from typing import Any

from checkin.models import ATTENDEE_COLUMNS, CANCELLED, Attendee, Role, SearchHit
from checkin.people import hangul

NAME, GIVEN, INITIALS, ROMAN, ROMAN_PART, PHONE, REG = range(7)
REG_NO = 7  # a registration-number prefix, on the attendees (reg_no) index, not a term
KIND_NAMES = {
    NAME: "name",
    GIVEN: "given",
    INITIALS: "initials",
    ROMAN: "romanized",
    ROMAN_PART: "romanized",
    PHONE: "phone",
    REG: "reg_no",
    REG_NO: "reg_no",
}
_NAME_KINDS = frozenset({NAME, GIVEN, INITIALS, ROMAN, ROMAN_PART})
_TIER = {NAME: 0, GIVEN: 0, INITIALS: 0, PHONE: 0, REG: 0, ROMAN: 1, ROMAN_PART: 2, REG_NO: 1}
# How many index rows one prefix may read: bounds the cost of a one-letter query.
SCAN_CAP = 400
# Later readings of a query (other surname spellings, informal romanizations) rank below
# the first ones; they read fewer rows (a range scan reads exact terms first).
FIRST_READINGS = 3
VARIANT_SCAN_CAP = 100
DEFAULT_LIMIT = 20
_TOP = "\U0010ffff"
_SEPARATORS = " \t\n\r-_.·'’,"
_DELETE_SEPARATORS = str.maketrans("", "", _SEPARATORS)
_TO_SPACE = str.maketrans(_SEPARATORS, " " * len(_SEPARATORS))
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_NON_DIGIT = re.compile(r"[^0-9]+")
_ASCII_DIGITS = "0123456789"


def _compact(text: str) -> str:
    """Lower case, NFC, separators (spaces, hyphens, dots) removed."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return text.lower().translate(_DELETE_SEPARATORS)


def _encode(text: str) -> str:
    """Name form stored and searched: lower case, no spaces, Hangul as 2-set keys."""
    compact = _compact(text)
    return hangul.keys_from_hangul(compact) if hangul.has_hangul(compact) else compact


def name_terms(name: str) -> list[tuple[int, str]]:
    compact = _compact(name)
    if not compact:
        return []
    if hangul.has_syllable(compact):
        surname, given = hangul.split_compact_name(compact)
        roman_surname = hangul.romanize(surname)
        roman_given = hangul.romanize(given)
        terms = [
            (NAME, hangul.keys_from_hangul(compact)),
            (INITIALS, hangul.keys_from_hangul(hangul.chosung(compact))),
            (ROMAN, hangul.loose_ascii(roman_surname + roman_given)),
        ]
        if given:
            terms.append((GIVEN, hangul.keys_from_hangul(given)))
            if surname:
                terms.append((ROMAN_PART, hangul.loose_ascii(roman_given + roman_surname)))
        return [t for t in terms if t[1]]
    terms = [(NAME, compact)]
    letters = hangul.latin_letters(compact)
    if letters:
        terms.append((ROMAN, hangul.loose_ascii(letters)))
    words = name.lower().translate(_TO_SPACE).split()
    for i in range(1, len(words)):
        rest = "".join(words[i:])
        terms.append((GIVEN, rest))
        rest_letters = hangul.latin_letters(rest)
        if rest_letters:
            terms.append((ROMAN_PART, hangul.loose_ascii(rest_letters)))
    return terms


def _reg_digits(text: str) -> str:
    """The trailing number of a registration number, without leading zeros."""
    end = len(text)
    start = end
    while start > 0 and text[start - 1].isdigit():
        start -= 1
    digits = text[start:end]
    return digits.lstrip("0") or digits


def reg_terms(reg_no: str) -> list[tuple[int, str]]:
    """One term: the number at the end of the registration number, or all of it."""
    compact = _NON_ALNUM.sub("", reg_no.lower())
    if not compact:
        return []
    # ``_reg_digits`` of ASCII letters and digits, by ``rstrip`` (one per attendee).
    digits = compact[len(compact.rstrip(_ASCII_DIGITS)) :]
    return [(REG, digits.lstrip("0") or digits or compact)]


def attendee_terms(
    display_name: str,
    full_name: str,
    phone: str,
    reg_no: str,
    memo: dict[str, list[tuple[int, str]]] | None = None,
) -> set[tuple[int, str]]:
    """``memo`` (name -> terms) lets a bulk import compute each distinct name once."""
    terms = set(_memo_terms(display_name, memo))
    if full_name and full_name != display_name:
        terms.update(_memo_terms(full_name, memo))
    terms.update(reg_terms(reg_no))
    if phone:
        digits = _NON_DIGIT.sub("", phone)
        if len(digits) >= 4:
            terms.add((PHONE, digits[-4:]))
    return terms


def _memo_terms(name: str, memo: dict[str, list[tuple[int, str]]] | None) -> list[tuple[int, str]]:
    if memo is None:
        return name_terms(name)
    found = memo.get(name)
    if found is None:
        found = memo[name] = name_terms(name)
    return found


def index_rows(
    rid: int, fields: dict[str, Any], memo: dict[str, list[tuple[int, str]]] | None = None
) -> list[tuple[int, str, int]]:
    terms = attendee_terms(
        fields.get("display_name", ""),
        fields.get("full_name", ""),
        fields.get("phone", ""),
        fields.get("reg_no", ""),
        memo,
    )
    return [(kind, term, rid) for kind, term in terms]


def reindex(
    conn: Any, rid: int, old_fields: dict[str, Any] | None, new_fields: dict[str, Any]
) -> None:
    """Replace one attendee's terms (inside a write transaction).

    The old terms are recomputed from the old fields and deleted by primary key, so
    the index needs no second b-tree by attendee.
    """
    old = set(index_rows(rid, old_fields)) if old_fields else set()
    new = set(index_rows(rid, new_fields))
    conn.executemany(
        "DELETE FROM search_terms WHERE kind = ? AND term = ? AND rid = ?", sorted(old - new)
    )
    conn.executemany(
        "INSERT OR IGNORE INTO search_terms (kind, term, rid) VALUES (?, ?, ?)", sorted(new - old)
    )


def index_many(
    conn: Any,
    rows: Iterable[tuple[int, dict[str, Any]]],
    memo: dict[str, list[tuple[int, str]]] | None = None,
) -> None:
    """Index many new attendees at once (bulk import): sorted inserts are fast.

    ``memo`` (name -> terms) may be shared by several calls (one bulk add in batches);
    lists repeat names (김민준, 이서연 ...), each is computed once."""
    all_rows: list[tuple[int, str, int]] = []
    if memo is None:
        memo = {}
    for rid, fields in rows:
        all_rows.extend(index_rows(rid, fields, memo))
    # Sorted by (kind, term, rid) for fast b-tree inserts. Two stable key sorts (term,
    # then kind) give exactly that order (rows arrive in rid order) about three times
    # faster than comparing tuples: the terms are ASCII strings, the kinds small ints.
    all_rows.sort(key=itemgetter(1))
    all_rows.sort(key=itemgetter(0))
    conn.executemany(
        "INSERT OR IGNORE INTO search_terms (kind, term, rid) VALUES (?, ?, ?)", all_rows
    )


# --- querying -----------------------------------------------------------------------


def query_prefixes(query: str) -> list[tuple[tuple[int, ...], str]]:
    """The (kinds, prefix) pairs a query is looked up as."""
    q = unicodedata.normalize("NFC", query).strip()
    compact = _compact(q)
    if not compact:
        return []
    out: list[tuple[tuple[int, ...], str]] = []
    alnum = _NON_ALNUM.sub("", compact)
    digits_only = re.sub(r"[\s\-()+]", "", q)
    if digits_only.isdigit():
        out.append(((PHONE,), digits_only[-4:] if len(digits_only) > 4 else digits_only))
        out.append(((REG,), _reg_digits(digits_only)))
        return out
    if hangul.has_hangul(compact):
        if hangul.is_chosung_query(compact):
            out.append(((INITIALS,), _encode(compact)))
        out.append(((NAME, GIVEN), _encode(compact)))
        return out
    # Latin (or other scripts): exact spelling, registration number, loose romanization,
    # surname spellings, and the same letters read as 2-set keys (Korean typed with
    # the input method in the wrong mode).
    out.append(((NAME, GIVEN), compact))
    if alnum and alnum[-1].isdigit():
        out.append(((REG,), _reg_digits(alnum)))
    # Informal spellings ("Kim Byul Mi" for 김별미, "jun myungye" for 전명예) after the
    # plain reading, each a few more range scans (at most 2**3 readings).
    # A query with digits in it is a number, not a name: no letters-only reading
    # (DD-0042 is not "Dubois").
    letters = "" if any(ch.isdigit() for ch in alnum) else hangul.latin_letters(compact)
    if letters:
        keys: list[str] = []
        for spelling in [letters, *hangul.informal_spellings(letters)]:
            keys.append(hangul.loose_ascii(spelling))
            keys.extend(sorted(hangul.surname_variants(spelling)))
        for key in dict.fromkeys(keys):
            if key:
                out.append(((ROMAN, ROMAN_PART), key))
    return out


_REG_QUERY = re.compile(r"[0-9a-z]+(?:-[0-9a-z]*)*")
_LETTERS_THEN_DIGITS = re.compile(r"([a-z]+)-?([0-9]*)")


def reg_no_prefixes(query: str) -> list[str]:
    """Registration-number prefixes a query may be (as stored: upper case, 'DD-0042').

    'DD', 'dd-', 'DD-00', 'dd00' all start registration numbers; looked up on the
    ``attendees (reg_no)`` index, a range scan like the terms'. Queries without a
    letter are numbers (``REG``), single letters are the start of a name.
    """
    q = unicodedata.normalize("NFC", query).strip().lower().replace(" ", "")
    if len(q) < 2 or not q.isascii() or not _REG_QUERY.fullmatch(q) or q.isdigit():
        return []
    out = [q.upper()]
    split = _LETTERS_THEN_DIGITS.fullmatch(q)
    if split and split.group(2) and "-" not in q:
        out.append(f"{split.group(1)}-{split.group(2)}".upper())  # DD0042 -> DD-0042
    return out


def _rank_rows(
    best: dict[int, tuple[tuple[int, ...], int]],
    rows: list[tuple[str, int]],
    kind: int,
    prefix: str,
    rank: int,
) -> None:
    for term, rid in rows:
        # Rank: names, numbers and initials before romanizations (and the given-name-
        # first reading last); exact before prefix; the plain reading of the query
        # before surname spellings; shorter terms first.
        score = (_TIER[kind], 0 if term == prefix else 1, rank, kind, len(term) - len(prefix))
        current = best.get(rid)
        if current is None or score < current[0]:
            best[rid] = (score, kind)


# Long because: the door's name search: candidates, ranking and redaction in one pass with its state
# in locals (it runs on every key a volunteer types)
def search(
    conn: Any, query: str, limit: int = DEFAULT_LIMIT, include_cancelled: bool = True
) -> list[SearchHit]:
    """Ranked attendees matching ``query`` (best first), at most ``limit``.

    On a scan-only station (``checkin.protect.access``) the records are redacted and only
    matches on the display name or the registration number count: a match on a full
    name or phone digits would tell what the station must not see.
    """
    scan_only = conn.execute("SELECT role FROM local").fetchone()[0] == Role.SCAN_ONLY.value
    best: dict[int, tuple[tuple[int, ...], int]] = {}
    prefixes = query_prefixes(query)
    # A number typed alone (0042) may be the start of one; in a registration number
    # with its letters (DD-0042, dd-004) the number is whole: its prefixes (DD-0042 ...)
    # come from the registration-number index below, and reading every term that
    # starts with 42 (420, 4217 ...) would only add numbers that do not match.
    whole_number = not (prefixes and prefixes[0][0] == (PHONE,))
    for rank, (kinds, prefix) in enumerate(prefixes):
        if not prefix:
            continue
        cap = SCAN_CAP if rank < FIRST_READINGS else VARIANT_SCAN_CAP
        for kind in kinds:
            if kind == REG and whole_number:
                rows = conn.execute(
                    "SELECT term, rid FROM search_terms WHERE kind = ? AND term = ? LIMIT ?",
                    (kind, prefix, cap),
                ).fetchall()
                _rank_rows(best, rows, kind, prefix, rank)
                continue
            rows = conn.execute(
                "SELECT term, rid FROM search_terms WHERE kind = ? AND term >= ? AND term < ? "
                "LIMIT ?",
                (kind, prefix, prefix + _TOP, cap),
            ).fetchall()
            _rank_rows(best, rows, kind, prefix, rank)
    for prefix in reg_no_prefixes(query):
        rows = conn.execute(
            "SELECT reg_no, rid FROM attendees WHERE reg_no >= ? AND reg_no < ? LIMIT ?",
            (prefix, prefix + _TOP, SCAN_CAP),
        ).fetchall()
        for reg_no, rid in rows:
            # After name matches (a name may start like a number's prefix), in the
            # order numbers were given (rid).
            score = (1, 0 if reg_no == prefix else 1, len(prefixes), REG_NO, rid)
            current = best.get(rid)
            if current is None or score < current[0]:
                best[rid] = (score, REG_NO)
    if not best:
        return []
    ranked = sorted(best.items(), key=lambda item: item[1][0])
    rids = [rid for rid, _ in ranked[: max(limit * 3, limit + 20)]]
    # The final order needs four columns of each candidate; with more candidates than
    # hits, the whole record is read only for the hits shown (building 60 records to
    # show 20 was most of a broad search).
    placeholders = ",".join("?" * len(rids))
    records: dict[int, Attendee] = {}
    if len(rids) <= limit:
        loaded = (
            Attendee.from_row(row)
            for row in conn.execute(
                f"SELECT {ATTENDEE_COLUMNS} FROM attendees WHERE rid IN ({placeholders})", rids
            )
        )
        records = {a.rid: a for a in loaded}
        by_rid = {
            rid: (a.reg_no, a.display_name, a.full_name, a.status) for rid, a in records.items()
        }
    else:
        by_rid = {
            rid: (reg_no, display_name, full_name, status)
            for rid, reg_no, display_name, full_name, status in conn.execute(
                "SELECT rid, reg_no, display_name, full_name, status FROM attendees "
                f"WHERE rid IN ({placeholders})",
                rids,
            )
        }
    wanted_reg = _NON_ALNUM.sub("", _compact(query))
    digits_query = wanted_reg.isdigit()
    ranked_hits: list[tuple[tuple[int, ...], str, int, int]] = []
    for rid in rids:
        found = by_rid.get(rid)
        if found is None:
            continue
        reg_no, display_name, full_name, status = found
        if not include_cancelled and status == CANCELLED:
            continue
        (tier, exact, rank, kind_rank, extra), kind = best[rid]
        reg = _NON_ALNUM.sub("", reg_no.lower())
        reg_match = reg == wanted_reg or (
            digits_query and _reg_digits(reg) == _reg_digits(wanted_reg)
        )
        # A match on the name the badge shows ranks above one on the full name only.
        # Without a different full name every name match is on the display name (and
        # recomputing its terms for each candidate is most of a search's time).
        if full_name in ("", display_name):
            on_display = kind in _NAME_KINDS
        else:
            on_display = any(
                k == kind and t.startswith(p)
                for k, t in name_terms(display_name)
                for kinds, p in prefixes
                if k in kinds
            )
        reg_match = reg_match or (kind == REG_NO and best[rid][0][1] == 0)
        if scan_only and not (reg_match or kind == REG_NO or (on_display and kind != PHONE)):
            continue
        ranking = (0 if reg_match else 1, tier, exact, rank, 0 if on_display else 1, kind_rank,
                   1 if status == CANCELLED else 0, extra)  # fmt: skip
        ranked_hits.append((ranking, display_name, rid, kind))
    ranked_hits.sort(key=lambda h: (h[0], h[1]))
    shown = ranked_hits[:limit]
    if not shown:
        return []
    if not records:
        placeholders = ",".join("?" * len(shown))
        shown_records = (
            Attendee.from_row(row)
            for row in conn.execute(
                f"SELECT {ATTENDEE_COLUMNS} FROM attendees WHERE rid IN ({placeholders})",
                [h[2] for h in shown],
            )
        )
        records = {a.rid: a for a in shown_records}
    hits = []
    for order, _, rid, kind in shown:
        attendee = records.get(rid)
        if attendee is None:
            continue
        if scan_only:
            attendee = attendee.redacted()
        hits.append(SearchHit(attendee, order, KIND_NAMES[kind]))
    return hits
