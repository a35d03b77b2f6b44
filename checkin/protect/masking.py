"""Korean-style masks for roles below organizer: 홍*동, 010-****-5678, a***@example.org.

Once the organizer has set a PIN, staff at a desk station see a person's full name,
phone, email, notes and id in another system masked on every screen and command-line
output (``MASKED_FIELDS``); the organizer's PIN
(``Access.elevate``) shows them whole, and that look is recorded in the audit log
(``attendees.view_detail``). The core decides: ``view_for`` is applied inside the public
reads (``attendees.get``/``find``/``view_detail``/``search_attendees`` and the attendee
list's pages, ``attendee_query``) when they are given the caller's ``Access``; the UI and
the command line only render what they get; the scan engine masks the record a scan
hands back the same way when given the caller's access. The display name (the name on
the badge, an alias is fine) is never masked: it is printed on the badge for everyone
to see. Neither are the organization (printed on the badge) and access needs (the door
must know about a wheelchair; sensitive, so kept only with their own consent).

A list sorted by a masked column below organizer is sorted by the masks
(``sort_key_of``, used by ``checkin.people.attendee_query``): the order of the hidden
digits or letters never shows through it; equal masks keep the order people were
registered in.

Masks, following the usual Korean practice:

- **Names.** Hangul: 2 syllables keep the first (홍*), 3 keep the first and the last
  (홍*동), 4 and more keep the first (홍***), and a two-syllable surname (남궁, 황보,
  제갈, 선우, 독고, 사공, 서문) keeps both (남궁*, 남궁**). Other names: each word keeps
  its first letter (J*** S****). A one-letter name or word is masked whole.
- **Phones.** Every format ``fields.phone`` produces keeps its first group and the
  last four digits: 010-****-5678, 02-***-4567, +44 ** **** 0958; a two-group
  number (1588-1234) keeps only the first group (1588-****), and a number without
  separators keeps its first three and last four digits when at least three are left to
  hide.
- **Email.** The first character of the local part, then ``***``: a***@example.org.
- **Notes.** Free text may say anything about a person: ``***`` whatever it holds.
- **Id in another system.** Letters and digits hidden, separators kept; the last four
  shown when at least four more are hidden (a ticket number read out to the desk):
  ORD-2027-000123 → ***-****-**0123, AB12-3 → ****-*.
- **Group.** A group's label is masked as a name (김철수 가족 → 김****), the members'
  display names stay (``checkin.people.groups``).

A scan-only station never gets these fields at all (``Attendee.redacted``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from checkin.models import Attendee

if TYPE_CHECKING:
    from checkin.db.eventfile import EventFile
    from checkin.protect.access import Access

MASK = "*"
# The fields masked below organizer (the display name never is). A group's label is
# masked like a name: "김철수 가족" names a person (``checkin.people.groups``).
MASKED_FIELDS = ("full_name", "phone", "email", "notes", "external_id", "group_name")
TWO_SYLLABLE_SURNAMES = frozenset({"남궁", "황보", "제갈", "선우", "독고", "사공", "서문"})
_DIGIT_GROUPS = re.compile(r"\d+")


def _is_hangul(ch: str) -> bool:
    return "\uac00" <= ch <= "\ud7a3"


def mask_name(name: str) -> str:
    """홍길동 → 홍*동, 홍길 → 홍*, 남궁민수 → 남궁**, John Smith → J**** S****."""
    text = " ".join(str(name or "").split())
    if not text:
        return ""
    compact = text.replace(" ", "")
    if all(_is_hangul(ch) for ch in compact):
        n = len(compact)
        if n >= 3 and compact[:2] in TWO_SYLLABLE_SURNAMES:
            return compact[:2] + MASK * (n - 2)
        if n == 1:
            return MASK
        if n == 3:
            return compact[0] + MASK + compact[2]
        return compact[0] + MASK * (n - 1)
    return " ".join(_mask_word(word) for word in text.split(" "))


def _mask_word(word: str) -> str:
    if len(word) <= 1:
        return MASK
    return word[0] + MASK * (len(word) - 1)


def mask_phone(phone: str) -> str:
    """010-1234-5678 → 010-****-5678; 02-123-4567 → 02-***-4567; 1588-1234 → 1588-****."""
    text = str(phone or "").strip()
    groups = list(_DIGIT_GROUPS.finditer(text))
    if not groups:
        return MASK * len(text) if text else ""
    keep: set[int] = set()  # positions in ``text`` shown as they are
    digits = [m.start() + i for m in groups for i in range(len(m.group()))]
    if len(groups) == 1:
        # No separators: the first three and the last four, if three are left to hide.
        if len(digits) >= 10:
            keep.update(digits[:3])
            keep.update(digits[-4:])
        elif len(digits) >= 6:
            keep.update(digits[:3])
    else:
        first = groups[0]
        keep.update(range(first.start(), first.end()))
        last = groups[-1]
        hidden_between = sum(len(m.group()) for m in groups[1:-1])
        tail = last.group()
        if len(groups) >= 3 and hidden_between >= 3:
            keep.update(range(max(last.start(), last.end() - 4), last.end()))
        elif len(tail) >= 8:  # +1 5550100…: a long last group keeps its last four
            keep.update(range(last.end() - 4, last.end()))
    return "".join(ch if (not ch.isdigit() or i in keep) else MASK for i, ch in enumerate(text))


def mask_email(email: str) -> str:
    """name@example.org → n***@example.org."""
    text = str(email or "").strip()
    if not text:
        return ""
    local, at, domain = text.partition("@")
    head = local[:1] if len(local) > 1 else ""
    return f"{head}{MASK * 3}{at}{domain}" if at else f"{head}{MASK * 3}"


def mask_text(text: str) -> str:
    """Free text (notes): ``***`` whatever it holds, empty when empty."""
    return MASK * 3 if str(text or "").strip() else ""


def mask_id(value: str) -> str:
    """ORD-2027-000123 → ***-****-**0123; short ids (AB12-3) → ****-* (all hidden)."""
    text = str(value or "").strip()
    places = [i for i, ch in enumerate(text) if ch.isalnum()]
    keep = set(places[-4:]) if len(places) >= 8 else set()
    return "".join(ch if (not ch.isalnum() or i in keep) else MASK for i, ch in enumerate(text))


MASKS: dict[str, Callable[[str], str]] = {
    "full_name": mask_name,
    "phone": mask_phone,
    "email": mask_email,
    "notes": mask_text,
    "external_id": mask_id,
    "group_name": mask_name,
}


def masked(attendee: Attendee) -> Attendee:
    """The attendee with every field of ``MASKED_FIELDS`` masked."""
    changed: dict[str, Any] = {}
    for name in MASKED_FIELDS:
        value = getattr(attendee, name)
        if value:
            shown = MASKS[name](value)
            if shown != value:
                changed[name] = shown
    return replace(attendee, **changed) if changed else attendee


def sort_key_of(name: str, key: Callable[[str], object]) -> Callable[[str], object]:
    """``key`` applied to the mask of a ``MASKED_FIELDS`` value (how a list sorted by a
    masked column is ordered below organizer)."""
    mask = MASKS[name]
    return lambda value: key(mask(value))


def shows_whole(access: Access | None, ef: EventFile) -> bool:
    """Does ``access`` see personal fields whole? No access given: internal core use."""
    if access is None:
        return True
    return access.personal and access.is_organizer(ef)


def view_for(access: Access | None, ef: EventFile, attendee: Attendee) -> Attendee:
    """``attendee`` as the holder of ``access`` may see it: whole for the organizer (or
    when the event has no PIN), redacted on a scan-only station, masked otherwise.
    ``access`` None is the core's own use (exports check organizer access themselves)."""
    if access is None:
        return attendee
    if not access.personal:
        return attendee.redacted()
    if access.is_organizer(ef):
        return attendee
    return masked(attendee)


def viewer(access: Access | None, ef: EventFile) -> Callable[[Attendee], Attendee]:
    """``view_for`` decided once, for many records (a page of the list, search hits)."""
    if access is None:
        return _same
    if not access.personal:
        return Attendee.redacted
    if access.is_organizer(ef):
        return _same
    return masked


def _same(attendee: Attendee) -> Attendee:
    return attendee


def whole_fields(attendee: Attendee) -> list[str]:
    """The maskable fields that have a value (shown whole to the organizer)."""
    return [name for name in MASKED_FIELDS if getattr(attendee, name)]
