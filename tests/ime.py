"""Test helper: what a Korean 2-set input method shows for a key sequence."""

from __future__ import annotations

from checkin.people import hangul

_PAIRS = {v: k for k, v in hangul.COMPOUNDS.items()}  # "ㅗㅏ" -> "ㅘ", "ㄱㅅ" -> "ㄳ"


def compose_like_an_ime(keys: str) -> str:
    """A 2-set automaton: syllables with compound vowels and finals, as an IME shows them."""
    # A scanner types capitals with shift: shift+R is ㄲ, shift+K is still ㅏ.
    jamo = [hangul.JAMO_OF_KEY.get(k, hangul.JAMO_OF_KEY.get(k.lower(), k)) for k in keys]
    out: list[str] = []
    i = 0

    def vowel_next(j: int) -> bool:
        return j < len(jamo) and jamo[j] in hangul.MEDIALS

    while i < len(jamo):
        ch = jamo[i]
        if ch in hangul.INITIALS and vowel_next(i + 1):
            medial = jamo[i + 1]
            i += 2
            if i < len(jamo) and _PAIRS.get(medial + jamo[i], "?") in hangul.MEDIALS:
                medial = _PAIRS[medial + jamo[i]]
                i += 1
            final = ""
            if i < len(jamo) and jamo[i] in hangul.FINALS and not vowel_next(i + 1):
                final = jamo[i]
                i += 1
                pair = _PAIRS.get(final + jamo[i]) if i < len(jamo) else None
                if pair and pair in hangul.FINALS and not vowel_next(i + 1):
                    final = pair
                    i += 1
            code = (
                hangul.SBASE
                + hangul.INITIALS.index(ch) * 588
                + hangul.MEDIALS.index(medial) * 28
                + hangul.FINALS.index(final)
            )
            out.append(chr(code))
        else:
            out.append(ch)
            i += 1
    return "".join(out)
