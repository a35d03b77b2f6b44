"""Terminal columns that line up with Hangul: a syllable takes two cells, not one.

``width`` counts terminal cells (East Asian wide and full-width characters two,
combining marks none); ``pad`` fills to a width in cells; ``columns`` lays out rows.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence


def width(text: str) -> int:
    cells = 0
    for ch in str(text):
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        if "\u1160" <= ch <= "\u11ff":  # Hangul jamo medial/final: joined to the initial
            continue
        cells += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return cells


def pad(text: str, cells: int, align: str = "<") -> str:
    text = str(text)
    gap = max(0, cells - width(text))
    return " " * gap + text if align == ">" else text + " " * gap


def columns(rows: Sequence[Sequence[object]], aligns: str = "", indent: str = "  ") -> list[str]:
    """Each row's cells padded to the widest cell of its column ('<' left, '>' right)."""
    if not rows:
        return []
    n = max(len(r) for r in rows)
    texts = [[str(c) for c in r] + [""] * (n - len(r)) for r in rows]
    widths = [max(width(r[i]) for r in texts) for i in range(n)]
    aligns = aligns.ljust(n, "<")
    return [
        (indent + " ".join(pad(c, widths[i], aligns[i]) for i, c in enumerate(r))).rstrip()
        for r in texts
    ]
