from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from checkin.people import hangul
from ime import compose_like_an_ime


def test_jamo_decomposition_splits_compounds() -> None:
    assert hangul.jamo("김") == "ㄱㅣㅁ"
    assert hangul.jamo("과") == "ㄱㅗㅏ"
    assert hangul.jamo("닭") == "ㄷㅏㄹㄱ"
    assert hangul.jamo("abc") == "abc"


def test_nfd_text_decomposes_like_precomposed() -> None:
    assert hangul.jamo(unicodedata.normalize("NFD", "김민수")) == hangul.jamo("김민수")


def test_keys_from_hangul_is_the_2set_keystrokes() -> None:
    assert hangul.keys_from_hangul("김민수") == "rlaalstn"
    assert hangul.keys_from_hangul("가나다") == "rkskek"
    assert hangul.keys_from_hangul("ㄲㅆ") == "RT"
    assert hangul.keys_from_hangul("A1-가") == "A1-rk"


@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", max_size=40))
def test_scanner_text_typed_in_hangul_mode_maps_back(code: str) -> None:
    # What a 2-set IME would show for these keys: compose the jamo into syllables.
    typed = compose_like_an_ime(code)
    assert hangul.keys_from_hangul(typed).upper() == code


def test_ime_automaton_composes() -> None:
    assert compose_like_an_ime("rksk") == "가나"
    assert compose_like_an_ime("RKSK") == "까나"
    assert compose_like_an_ime("rhkr") == "곽"
    assert compose_like_an_ime("ekfr") == "닭"


def test_chosung() -> None:
    assert hangul.chosung("김민수") == "ㄱㅁㅅ"
    assert hangul.chosung("남궁 민") == "ㄴㄱㅁ"
    assert hangul.is_chosung_query("ㄱㅁㅅ")
    assert not hangul.is_chosung_query("김ㅁ")


def test_romanize_and_loose_agree_with_common_spellings() -> None:
    assert hangul.romanize("김민수") == "gimminsu"
    key = hangul.loose(hangul.romanize("김민수"))
    for spelling in ("Kim Min-su", "Gim Minsu", "kim minsoo", "KIM MIN SU"):
        assert hangul.loose(spelling) == key
    assert hangul.loose("Choi") == hangul.loose(hangul.romanize("최"))
    assert hangul.loose("Yoon") == hangul.loose("Yun")


def test_surname_spellings() -> None:
    assert hangul.loose(hangul.romanize("이민수")) in hangul.surname_variants("leeminsu")
    assert hangul.loose(hangul.romanize("박지수")) in hangul.surname_variants("parkjisu")
    # given name first, as foreign press often write it
    assert hangul.loose(hangul.romanize("민수") + hangul.romanize("박")) in hangul.surname_variants(
        "minsupark"
    )


def test_split_names() -> None:
    assert hangul.split_korean_name("김민수") == ("김", "민수")
    assert hangul.split_korean_name("남궁민수") == ("남궁", "민수")
    assert hangul.split_compact_name("선우진") == ("선우", "진")
    assert hangul.split_compact_name("민") == ("", "민")
