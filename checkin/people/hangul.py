"""Korean text helpers: jamo decomposition, 초성, romanization, keyboard mapping.

Used by the name search (``checkin.people.search``) and by badge code parsing: a USB scanner
acts as a keyboard, so with the Korean input method on, the Latin letters of a badge
code arrive as Hangul (``RK`` becomes ``가``). ``keys_from_hangul`` maps them back to the
keys pressed on the standard 2-set (두벌식) layout.

Hangul text is also *encoded as those keys* for the search index: each syllable is
decomposed into basic jamo and each jamo written as its key (김민수 -> ``rlaalstn``).
That keeps every partially typed syllable a plain prefix (김미 -> ``rlaal``), makes the
index small (one byte per jamo), and finds a name even when the volunteer typed it with
the input method in the wrong mode.
"""

from __future__ import annotations

import re
import unicodedata

SBASE = 0xAC00
SCOUNT = 11172
NCOUNT = 588  # 21 * 28
TCOUNT = 28

# Compatibility jamo (the ones keyboards and IMEs produce) by position.
INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
MEDIALS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
FINALS = ["", *"ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"]

# Compound jamo typed as two keys.
COMPOUNDS = {
    "ㅘ": "ㅗㅏ", "ㅙ": "ㅗㅐ", "ㅚ": "ㅗㅣ", "ㅝ": "ㅜㅓ", "ㅞ": "ㅜㅔ", "ㅟ": "ㅜㅣ", "ㅢ": "ㅡㅣ",
    "ㄳ": "ㄱㅅ", "ㄵ": "ㄴㅈ", "ㄶ": "ㄴㅎ", "ㄺ": "ㄹㄱ", "ㄻ": "ㄹㅁ", "ㄼ": "ㄹㅂ",
    "ㄽ": "ㄹㅅ", "ㄾ": "ㄹㅌ", "ㄿ": "ㄹㅍ", "ㅀ": "ㄹㅎ", "ㅄ": "ㅂㅅ",
}  # fmt: skip

# Standard 2-set (두벌식) layout: jamo -> key. Shifted jamo map to capitals.
KEY_OF_JAMO = {
    "ㅂ": "q", "ㅈ": "w", "ㄷ": "e", "ㄱ": "r", "ㅅ": "t", "ㅛ": "y", "ㅕ": "u", "ㅑ": "i",
    "ㅐ": "o", "ㅔ": "p", "ㅁ": "a", "ㄴ": "s", "ㅇ": "d", "ㄹ": "f", "ㅎ": "g", "ㅗ": "h",
    "ㅓ": "j", "ㅏ": "k", "ㅣ": "l", "ㅋ": "z", "ㅌ": "x", "ㅊ": "c", "ㅍ": "v", "ㅠ": "b",
    "ㅜ": "n", "ㅡ": "m",
    "ㅃ": "Q", "ㅉ": "W", "ㄸ": "E", "ㄲ": "R", "ㅆ": "T", "ㅒ": "O", "ㅖ": "P",
}  # fmt: skip
JAMO_OF_KEY = {key: jamo for jamo, key in KEY_OF_JAMO.items()}

# Conjoining jamo (U+1100 block, what NFD produces) -> compatibility jamo.
_CONJ_INITIAL = {0x1100 + i: INITIALS[i] for i in range(19)}
_CONJ_MEDIAL = {0x1161 + i: MEDIALS[i] for i in range(21)}
_CONJ_FINAL = {0x11A8 + i - 1: FINALS[i] for i in range(1, 28)}
_CONJ = {**_CONJ_INITIAL, **_CONJ_MEDIAL, **_CONJ_FINAL}

CONSONANTS = set("ㄱㄲㄳㄴㄵㄶㄷㄸㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅃㅄㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ")


def is_syllable(ch: str) -> bool:
    return SBASE <= ord(ch) < SBASE + SCOUNT


def is_jamo(ch: str) -> bool:
    o = ord(ch)
    return 0x3131 <= o <= 0x318E or 0x1100 <= o <= 0x11FF


_SYLLABLE_RE = re.compile("[\uac00-\ud7a3]")


def has_syllable(text: str) -> bool:
    return _SYLLABLE_RE.search(text) is not None


def has_hangul(text: str) -> bool:
    return _HANGUL_RE.search(text) is not None


def split_syllable(ch: str) -> tuple[str, str, str]:
    """'김' -> ('ㄱ', 'ㅣ', 'ㅁ')."""
    index = ord(ch) - SBASE
    return INITIALS[index // NCOUNT], MEDIALS[index % NCOUNT // TCOUNT], FINALS[index % TCOUNT]


def _decompose(ch: str) -> str:
    if is_syllable(ch):
        return "".join(COMPOUNDS.get(part, part) for part in split_syllable(ch))
    part = _CONJ.get(ord(ch), ch)
    return COMPOUNDS.get(part, part)


# str.translate tables, built once: the search index computes these for every
# attendee, so they run at C speed.
_HANGUL_CODES = [
    *range(SBASE, SBASE + SCOUNT), *range(0x3131, 0x318F), *range(0x1100, 0x1200)
]  # fmt: skip
_JAMO_TABLE = {code: _decompose(chr(code)) for code in _HANGUL_CODES}
_KEYS_TABLE = {
    code: "".join(KEY_OF_JAMO.get(j, j) for j in jamo) for code, jamo in _JAMO_TABLE.items()
}
_CHOSUNG_TABLE = {code: INITIALS[(code - SBASE) // NCOUNT] for code in range(SBASE, SBASE + SCOUNT)}
_HANGUL_RE = re.compile("[\uac00-\ud7a3\u3131-\u318e\u1100-\u11ff]")
_NOT_CONSONANT = re.compile("[^\u3131-\u314e]+")


def jamo(text: str) -> str:
    """Decompose into basic compatibility jamo ('과' -> 'ㄱㅗㅏ'); other text unchanged."""
    return text.translate(_JAMO_TABLE)


def keys_from_hangul(text: str) -> str:
    """Keys pressed on a 2-set keyboard to type ``text`` (non-Hangul unchanged).

    ``keys_from_hangul('가나')`` == ``'rksk'``. Shifted jamo (ㄲ, ㅆ, ...) give capitals.
    """
    return text.translate(_KEYS_TABLE)


def chosung(text: str) -> str:
    """Initial consonants of the Hangul syllables ('김민수' -> 'ㄱㅁㅅ'); lone consonants kept."""
    return _NOT_CONSONANT.sub("", text.translate(_CHOSUNG_TABLE))


def is_chosung_query(text: str) -> bool:
    stripped = text.replace(" ", "")
    return bool(stripped) and all(ch in CONSONANTS for ch in stripped)


# --- romanization -------------------------------------------------------------------

# Revised Romanization, syllable by syllable, as used for personal names (no sound
# assimilation across syllables).
_RR_INITIAL = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj",
               "ch", "k", "t", "p", "h"]  # fmt: skip
_RR_MEDIAL = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo",
              "u", "wo", "we", "wi", "yu", "eu", "ui", "i"]  # fmt: skip
_RR_FINAL = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l",
             "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"]  # fmt: skip


_RR_TABLE = {
    SBASE + i: _RR_INITIAL[i // NCOUNT] + _RR_MEDIAL[i % NCOUNT // TCOUNT] + _RR_FINAL[i % TCOUNT]
    for i in range(SCOUNT)
}


def romanize(text: str) -> str:
    """Revised Romanization of the Hangul in ``text``, lower case ('김민수' -> 'gimminsu')."""
    return text.lower().translate(_RR_TABLE)


# Letter pairs romanizations disagree on, merged: digraphs first (longest first),
# then single letters.
_LOOSE_DIGRAPHS = {
    "oung": "ong", "tch": "c", "ch": "c", "sh": "s", "ph": "p", "th": "t", "kh": "k", "ck": "k",
    "eo": "o", "eu": "u", "oo": "u", "ou": "u", "ee": "i", "ae": "e", "ai": "e",
    "oi": "oe", "wo": "o",
}  # fmt: skip
_LOOSE_DIGRAPH_LIST = sorted(_LOOSE_DIGRAPHS.items(), key=lambda kv: -len(kv[0]))
_LOOSE_LETTERS = str.maketrans(
    {"j": "c", "q": "k", "z": "c", "x": "ks", "f": "p", "v": "p", "g": "k", "d": "t",
     "b": "p", "r": "l"}
)  # fmt: skip
_NOT_LETTER = re.compile(r"[^a-z]+")
_DOUBLES = re.compile(r"(.)\1+")


def latin_letters(text: str) -> str:
    """Lower-case a-z only, accents removed ('Lê Văn' -> 'levan')."""
    text = text.lower()
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
    return _NOT_LETTER.sub("", text)


def loose_ascii(s: str) -> str:
    """``loose`` for text that is already lower-case a-z (romanizer output)."""
    for old, new in _LOOSE_DIGRAPH_LIST:
        if old in s:
            s = s.replace(old, new)
    s = s.translate(_LOOSE_LETTERS)
    # Doubled letters merged. A search for one first, and a plain loop where found:
    # ``_DOUBLES.sub(r"\1", s)`` expands its template per match, and the search index
    # computes this twice for each of a million names.
    return _undouble(s) if _DOUBLES.search(s) else s


def _undouble(s: str) -> str:
    """``_DOUBLES.sub(r"\1", s)``: runs of one character kept once (not newlines, which
    the pattern's ``.`` does not match)."""
    out = []
    previous = ""
    for ch in s:
        if ch != previous or ch == "\n":
            out.append(ch)
        previous = ch
    return "".join(out)


def loose(text: str) -> str:
    """A forgiving phonetic key for Latin spellings of Korean names.

    Merges the pairs romanizations disagree on (g/k, d/t, b/p, r/l, j/ch, eo/o, oo/u,
    ee/i, ...) and doubled letters, so 'Gim Min-su', 'Kim Minsoo' and the romanization
    of 김민수 all give 'kiminsu'.
    """
    return loose_ascii(latin_letters(text))


# Common surnames and the spellings people use for them (South and North Korean
# conventions: the North keeps the initial ㄹ, e.g. 리 / Ri, 류 / Ryu).
SURNAME_SPELLINGS: dict[str, tuple[str, ...]] = {
    "김": ("kim", "gim"), "이": ("lee", "yi", "rhee", "ri", "rhie", "li", "i"),
    "리": ("ri", "lee", "li", "rhee"),
    "박": ("park", "pak", "bak", "bahk"), "최": ("choi", "choe", "chwe"),
    "정": ("jung", "jeong", "chung", "joung", "cheong"), "강": ("kang", "gang"),
    "조": ("cho", "jo", "joe", "chough"), "윤": ("yoon", "yun"),
    "장": ("jang", "chang"), "임": ("lim", "im", "rim", "yim"), "림": ("rim", "lim"),
    "한": ("han",), "오": ("oh", "o"), "서": ("seo", "suh", "so"), "신": ("shin", "sin"),
    "권": ("kwon", "gwon", "kwun"), "황": ("hwang",), "안": ("ahn", "an"),
    "송": ("song",), "유": ("yoo", "yu", "you", "ryu"), "류": ("ryu", "yoo", "yu", "rhyu"),
    "홍": ("hong",), "전": ("jeon", "jun", "chun", "chon"), "고": ("ko", "go", "koh"),
    "문": ("moon", "mun"), "양": ("yang", "ryang"), "량": ("ryang", "yang"),
    "손": ("son", "sohn"), "배": ("bae", "pae"), "백": ("baek", "paik", "baik", "paek"),
    "허": ("heo", "hur", "huh"), "노": ("noh", "roh", "no", "ro"), "로": ("ro", "roh"),
    "남": ("nam",), "하": ("ha",), "곽": ("kwak", "gwak"), "성": ("sung", "seong"),
    "차": ("cha",), "주": ("joo", "ju", "choo", "chu"), "우": ("woo", "u"),
    "민": ("min",), "나": ("na", "ra"), "라": ("ra", "na"), "진": ("jin", "chin"),
    "지": ("ji", "chi"), "엄": ("eom", "um", "uhm"), "변": ("byun", "byeon", "pyun"),
    "채": ("chae", "chai"), "원": ("won", "weon"), "천": ("cheon", "chun"),
    "방": ("bang", "pang"), "공": ("gong", "kong"), "현": ("hyun", "hyeon"),
    "함": ("ham",), "염": ("yeom", "yum", "ryom"), "려": ("ryo", "yeo"),
    "여": ("yeo", "yoh", "ryo"), "추": ("choo", "chu"), "도": ("do", "doh", "to"),
    "석": ("seok", "suk"), "선우": ("sunwoo", "seonu"), "남궁": ("namgoong", "namgung"),
    "황보": ("hwangbo",), "제갈": ("jegal",), "독고": ("dokgo", "tokko"),
}  # fmt: skip

TWO_SYLLABLE_SURNAMES = {"남궁", "황보", "제갈", "사공", "선우", "서문", "독고", "동방", "어금"}

# loose(spelling) -> loose(RR of the Hangul surname), where they differ.
_SURNAME_LOOSE: dict[str, set[str]] = {}
for _hangul, _spellings in SURNAME_SPELLINGS.items():
    for _spelling in _spellings:
        _SURNAME_LOOSE.setdefault(loose(_spelling), set()).add(loose(romanize(_hangul)))


_LONGEST_SURNAME_KEY = max(len(k) for k in _SURNAME_LOOSE)


def split_korean_name(name: str) -> tuple[str, str]:
    """('김민수') -> ('김', '민수'); ('남궁민') -> ('남궁', '민'). Spaces are ignored."""
    compact = "".join(ch for ch in name if not ch.isspace())
    if " " in name.strip():
        first, _, rest = name.strip().partition(" ")
        if all(is_syllable(c) for c in first) and len(first) <= 2:
            return first, rest.replace(" ", "")
    if len(compact) >= 3 and compact[:2] in TWO_SYLLABLE_SURNAMES:
        return compact[:2], compact[2:]
    if len(compact) >= 2:
        return compact[:1], compact[1:]
    return "", compact


def split_compact_name(compact: str) -> tuple[str, str]:
    """Surname and given name of a name written without spaces ('김민수')."""
    if len(compact) >= 3 and compact[:2] in TWO_SYLLABLE_SURNAMES:
        return compact[:2], compact[2:]
    if len(compact) >= 2:
        return compact[:1], compact[1:]
    return "", compact


# Informal spellings write ㅓ as "u" where Revised Romanization has "eo" (Jung / Jeong,
# Hyun / Hyeon, Byul / Byeol, Jun / Jeon), and 희 as "hee" (Kyung-hee, RR gyeong-hui):
# such a spot may stand for either.
_INFORMAL = re.compile(r"(?<=[b-df-hj-np-tv-z])u|(?<=h)ee")
_FORMAL = {"u": "eo", "ee": "ui"}
MAX_INFORMAL_SPOTS = 3  # 2**3 readings at most: the search stays a few range scans


def informal_spellings(letters: str) -> list[str]:
    """Other readings of a Latin query (lower-case a-z) in informal romanization.

    'byulmi' -> ['byeolmi']; 'junmyungye' -> ['jeonmyungye', 'junmyeongye',
    'jeonmyeongye']; 'kyunghee' -> [..., 'kyunghui', ...]. The query itself is not
    included.
    """
    spots = list(_INFORMAL.finditer(letters))[:MAX_INFORMAL_SPOTS]
    out = []
    for mask in range(1, 1 << len(spots)):
        parts, last = [], 0
        for i, m in enumerate(spots):
            parts.append(letters[last : m.start()])
            parts.append(_FORMAL[m.group()] if mask >> i & 1 else m.group())
            last = m.end()
        parts.append(letters[last:])
        out.append("".join(parts))
    return out


def surname_variants(query_letters: str) -> set[str]:
    """Loose keys a Latin query may stand for, reading a known surname at either end.

    'leeminsu' -> {'iminsu'} (이민수); 'minsulee' -> {'minsui'} (given name first).
    """
    variants: set[str] = set()
    q = loose(query_letters)
    # Dictionary look-ups of the query's first and last few letters (a search runs
    # this for every reading of the query), not a pass over every spelling.
    for n in range(1, min(len(q), _LONGEST_SURNAME_KEY) + 1):
        hangul_keys = _SURNAME_LOOSE.get(q[:n])
        if hangul_keys:
            rest = q[n:]
            variants.update(loose(h + rest) for h in hangul_keys)
    for n in range(1, min(len(q) - 1, _LONGEST_SURNAME_KEY) + 1):
        hangul_keys = _SURNAME_LOOSE.get(q[-n:])
        if hangul_keys:
            head = q[:-n]
            variants.update(loose(head + h) for h in hangul_keys)
    variants.discard(q)
    return variants
