"""What every PDF of the app shares: fpdf2 with the bundled NanumSquare font (Hangul
and Latin, no system fonts), A4, page headers and footers, Hangul-aware name order.

Used by the attendance list (``exporter``), the summary report (``report``) and the
paper door list (``paper``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import os
import stat
import sys
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from fpdf import FPDF

from checkin import errors
from checkin.assets import font_path
from checkin.lists.texts import ListTexts as T
from checkin.people.hangul import is_syllable

FONT = "NanumSquare"
INK = (33, 33, 33)
MUTED = (110, 110, 110)
RULE = (200, 200, 200)


class Document(FPDF):
    """An A4 PDF with the bundled font and a header/footer drawn by callbacks."""

    def __init__(self, title: str, orientation: str = "portrait") -> None:
        super().__init__(orientation=orientation, unit="mm", format="A4")
        self.add_font(FONT, "", str(font_path(False)))
        self.add_font(FONT, "B", str(font_path(True)))
        # The bold cut lacks some accented Latin letters (é, ü): take them from the
        # regular cut rather than print nothing.
        self.add_font(FONT + "Fallback", "", str(font_path(False)))
        self.set_fallback_fonts([FONT + "Fallback"], exact_match=False)
        self.set_font(FONT, size=10)
        self.set_title(title)
        self.set_creator("checkin")
        self.set_auto_page_break(auto=True, margin=16)
        self.set_margins(14, 14, 14)
        self.alias_nb_pages()
        self.header_fn: Callable[[Document], None] | None = None
        self.footer_text = ""

    def normalize_text(self, text: str) -> str:
        return super().normalize_text(printable(text))

    def header(self) -> None:
        if self.header_fn:
            self.header_fn(self)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, self.footer_text, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, f"{self.page_no()} / {{nb}}", align="R")
        self.set_text_color(*INK)


@functools.cache
def _covered() -> frozenset[int]:
    """Code points both cuts of the bundled font can draw."""
    from fontTools.ttLib import TTFont

    sets = []
    for bold in (False, True):
        with TTFont(str(font_path(bold)), lazy=True) as font:
            sets.append(set(font.getBestCmap()))
    return frozenset(sets[0] & sets[1])


def printable(text: str) -> str:
    """Text the bundled font can draw: letters it lacks (é, ü, ø in NanumSquare) are
    written without their accents rather than left blank; others become '?'."""
    covered = _covered()
    if all(ord(ch) in covered for ch in text):
        return text
    out = []
    for ch in text:
        if ord(ch) in covered:
            out.append(ch)
            continue
        base = "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        if base and all(ord(c) in covered for c in base):
            out.append(base)
        elif ch.isspace():
            out.append(" ")
        else:
            out.append(_EXTRA.get(ch, "?"))
    return "".join(out)


_EXTRA = {"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "ß": "ss", "ł": "l", "Ł": "L", "đ": "d",
          "Đ": "D", "œ": "oe", "Œ": "OE", "✓": "v", "✔": "v"}  # fmt: skip


# A lone initial consonant sorts with the first syllable it starts (ㅎ with 하).
_JAMO_AS_SYLLABLE = {
    ord(ch): 0xAC00 + i * 588 for i, ch in enumerate("ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ")
}


def hangul_order_key(name: str) -> tuple[int, str]:
    """Hangul names first in ㄱㄴㄷ order (Unicode order of syllables is dictionary
    order), then Latin names alphabetically, then anything else."""
    text = unicodedata.normalize("NFC", name.strip())
    first = text[:1]
    base = unicodedata.normalize("NFKD", first)[:1]
    if first and (is_syllable(first) or 0x3131 <= ord(first) <= 0x318E):
        group = 0
        text = text.translate(_JAMO_AS_SYLLABLE)
    elif base.isascii() and base.isalpha():
        group = 1
        decomposed = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    else:
        group = 2
    return group, text


def fit(pdf: FPDF, text: str, width: float) -> str:
    """``text`` cut with an ellipsis to fit ``width`` in the current font."""
    if len(text) * pdf.font_size * 1.05 <= width:  # no glyph is wider than ~1 em
        return text
    if pdf.get_string_width(text) <= width:
        return text
    while text and pdf.get_string_width(text + "…") > width:
        text = text[:-1]
    return text + "…"


def local_time(ms: int, timezone: str) -> dt.datetime:
    return dt.datetime.fromtimestamp(ms / 1000, ZoneInfo(timezone))


def close_fonts(pdf: FPDF) -> None:
    """Close the font files ``pdf`` holds open. fpdf2 closes them only at the end of
    ``output()``; a document given up before that (a folder that does not exist, an
    error while laying it out) would leave them to the garbage collector, whose
    ``ResourceWarning`` then lands in whatever runs at that moment. Harmless twice."""
    for font in pdf.fonts.values():
        close = getattr(font, "close", None)  # embedded TrueType fonts; core fonts hold no file
        if close is not None:
            close()


_Doc = TypeVar("_Doc", bound=FPDF)


@contextlib.contextmanager
def fonts_closed(pdf: _Doc) -> Iterator[_Doc]:
    """``with fonts_closed(new document) as pdf:`` — its font files are closed on the way out."""
    try:
        yield pdf
    finally:
        close_fonts(pdf)


def save(pdf: FPDF, path: str | os.PathLike[str]) -> None:
    """Write atomically (a temporary file renamed over the target), owner-only. The
    document's font files are closed afterwards, written or not."""
    try:
        write_atomically(path, lambda fh: fh.write(pdf.output()))
    finally:
        close_fonts(pdf)


def check_folder(path: str | os.PathLike[str]) -> None:
    folder = Path(path).parent
    if not folder.is_dir():
        raise errors.InvalidInput(T.folder_does_not_exist, field="out", folder=folder)


STDOUT = "-"


def is_stream(path: str | os.PathLike[str]) -> bool:
    """``-`` (standard output) or an existing non-regular file (``/dev/stdout``, a pipe, a
    terminal): written directly, never replaced by a renamed temporary file."""
    if os.fspath(path) == STDOUT:
        return True
    if os.fspath(path).startswith(("/dev/", "/proc/")):
        return True  # /dev/stdout onto a regular file: never rename over the device name
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _write_stream(path: str | os.PathLike[str], write: Callable[[Any], Any]) -> None:
    try:
        if os.fspath(path) == STDOUT:
            fh = sys.stdout.buffer
            sys.stdout.flush()
            write(fh)
            fh.flush()
            return
        with open(path, "wb") as fh:
            write(fh)
    except BrokenPipeError:
        raise
    except OSError as exc:
        raise errors.InvalidInput(
            T.cannot_write, field="out", fspath=os.fspath(path), value=exc.strerror or exc
        ) from exc


def write_atomically(path: str | os.PathLike[str], write: Callable[[Any], Any]) -> None:
    if is_stream(path):
        _write_stream(path, write)
        return
    target = Path(path)
    folder = target.parent
    check_folder(target)
    if target.is_dir():
        raise errors.InvalidInput(T.folder_give_file_name, field="out", target=target)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=folder)
    except OSError as exc:
        raise errors.InvalidInput(
            T.cannot_write_2, field="out", folder=folder, value=exc.strerror or exc
        ) from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            write(fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, PermissionError):
            raise errors.InvalidInput(
                T.cannot_write_no_permission_file, field="out", target=target
            ) from exc
        if isinstance(exc, OSError) and exc.errno == 28:
            raise errors.DiskFull() from exc
        if isinstance(exc, OSError):
            raise errors.InvalidInput(
                T.cannot_write_3, field="out", target=target, value=exc.strerror or exc
            ) from exc
        raise
