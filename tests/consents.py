"""Consent answers for test attendees that are about something else than consent.

The core refuses a field whose consent item was not agreed to (``checkin.protect.consent``),
so a test that registers people with phones or access needs records that they agreed:
``agreed(row)`` adds the answers covering the fields the row fills, nothing more.
"""

from __future__ import annotations

from typing import Any

from checkin.protect import consent

# 2027-07-15 10:00 KST, as in conftest (the fixed test time)
AT_MS = 1_815_613_200_000


def answers_for(row: dict[str, Any], at: int = AT_MS) -> str:
    """The ``consents`` value agreeing to item (a) and to the items ``row`` needs."""
    items = [consent.ENTRY] + [
        item for item in consent.OPTIONAL if any(row.get(n) for n in consent.FIELDS[item])
    ]
    return consent.encode({item: {"at": at, "v": consent.DEFAULTS[item].version} for item in items})


def agreed(row: dict[str, Any], at: int = AT_MS) -> dict[str, Any]:
    """``row`` with the consent answers its fields need."""
    return {**row, "consents": answers_for(row, at)}


def all_agreed(rows: list[dict[str, Any]], at: int = AT_MS) -> list[dict[str, Any]]:
    return [agreed(row, at) for row in rows]


def everything(at: int = AT_MS) -> str:
    """The ``consents`` value agreeing to every item (for tests that edit any field)."""
    return consent.encode(
        {item: {"at": at, "v": consent.DEFAULTS[item].version} for item in consent.ITEMS}
    )
