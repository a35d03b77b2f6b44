"""A fast, streaming reader of .xlsx cell values (for importing large lists).

openpyxl's read-only mode builds an element (and for shared strings an object) per
XML node; at 100,000 rows that is most of an import's time. This reader feeds the
worksheet XML to expat in chunks and keeps only what an import needs: each row's
values (shared and inline strings, numbers, booleans, dates by their number format,
the cached result of formulas) and the merged ranges. Anything it does not
understand raises ``XlsxFormatError`` and the importer falls back to openpyxl.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from xml.parsers import expat

CHUNK = 1 << 20
# Built-in number formats that are dates or times (including the CJK ones Korean
# Excel uses: 27-36, 50-58).
_DATE_FORMAT_IDS = set(range(14, 23)) | set(range(27, 37)) | {45, 46, 47} | set(range(50, 59))
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')
_REF = re.compile(r"([A-Z]+)(\d+)")


class XlsxFormatError(Exception):
    """The workbook uses something this reader does not handle."""


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1]


def _parse(data: bytes, start: Any = None, end: Any = None, chars: Any = None) -> None:
    parser = expat.ParserCreate()
    parser.buffer_text = True
    if start:
        parser.StartElementHandler = start
    if end:
        parser.EndElementHandler = end
    if chars:
        parser.CharacterDataHandler = chars
    parser.Parse(data, True)


def _col(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def is_date_format(code: str) -> bool:
    text = _QUOTED.sub("", code).lower()
    if text in ("general", "@", ""):
        return False
    return any(ch in text for ch in "ydhs") or ("m" in text and ":" in text)


@dataclass
class Workbook:
    path: str
    sheets: list[tuple[str, str]]  # (name, zip member)
    shared: list[str] = field(default_factory=list)
    date_styles: set[int] = field(default_factory=set)
    date1904: bool = False

    @property
    def names(self) -> list[str]:
        return [n for n, _ in self.sheets]


def open_workbook(path: str) -> Workbook:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
            wb_member = "xl/workbook.xml"
            if wb_member not in names:
                raise XlsxFormatError("no xl/workbook.xml")
            rels = _relationships(zf, "xl/_rels/workbook.xml.rels", "xl")
            sheets: list[tuple[str, str]] = []
            flags = {"date1904": False}

            def wb_start(name: str, attrs: dict[str, str]) -> None:
                tag = _local(name)
                if tag == "sheet":
                    rid = next((v for k, v in attrs.items() if _local(k) == "id"), "")
                    target = rels.get(rid)
                    if target and target in names:
                        sheets.append((attrs.get("name", ""), target))
                elif tag == "workbookPr":
                    flags["date1904"] = attrs.get("date1904", "0") in ("1", "true")

            _parse(zf.read(wb_member), wb_start)
            if not sheets:
                raise XlsxFormatError("no worksheets")
            book = Workbook(path, sheets, date1904=flags["date1904"])
            if "xl/sharedStrings.xml" in names:
                book.shared = _shared_strings(zf.read("xl/sharedStrings.xml"))
            if "xl/styles.xml" in names:
                book.date_styles = _date_styles(zf.read("xl/styles.xml"))
            return book
    except (zipfile.BadZipFile, expat.ExpatError, KeyError, ValueError) as exc:
        raise XlsxFormatError(str(exc)) from exc


def _relationships(zf: zipfile.ZipFile, member: str, base: str) -> dict[str, str]:
    out: dict[str, str] = {}
    if member not in zf.namelist():
        return out

    def start(name: str, attrs: dict[str, str]) -> None:
        if _local(name) == "Relationship":
            target = attrs.get("Target", "")
            if target.startswith("/"):
                path = target.lstrip("/")
            else:
                path = posixpath.normpath(posixpath.join(base, target))
            out[attrs.get("Id", "")] = path

    _parse(zf.read(member), start)
    return out


def _shared_strings(data: bytes) -> list[str]:
    strings: list[str] = []
    parts: list[str] = []
    state = {"in_t": False, "skip": 0}

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = _local(name)
        if tag == "si":
            parts.clear()
        elif tag == "t" and not state["skip"]:
            state["in_t"] = True
        elif tag in ("rPh", "phoneticPr"):
            state["skip"] += 1

    def end(name: str) -> None:
        tag = _local(name)
        if tag == "si":
            strings.append("".join(parts))
        elif tag == "t":
            state["in_t"] = False
        elif tag in ("rPh", "phoneticPr"):
            state["skip"] -= 1

    def chars(text: str) -> None:
        if state["in_t"]:
            parts.append(text)

    _parse(data, start, end, chars)
    return strings


def _date_styles(data: bytes) -> set[int]:
    custom: dict[int, str] = {}
    xf_formats: list[int] = []
    state = {"in_xfs": False}

    def start(name: str, attrs: dict[str, str]) -> None:
        tag = _local(name)
        if tag == "numFmt":
            custom[int(attrs.get("numFmtId", "0"))] = attrs.get("formatCode", "")
        elif tag == "cellXfs":
            state["in_xfs"] = True
        elif tag == "xf" and state["in_xfs"]:
            xf_formats.append(int(attrs.get("numFmtId", "0")))

    def end(name: str) -> None:
        if _local(name) == "cellXfs":
            state["in_xfs"] = False

    _parse(data, start, end)
    dates = set()
    for index, fmt in enumerate(xf_formats):
        if fmt in custom:
            if is_date_format(custom[fmt]):
                dates.add(index)
        elif fmt in _DATE_FORMAT_IDS:
            dates.add(index)
    return dates


@dataclass
class SheetRows:
    """Rows of one sheet: iterate for (row number, values); ``merged`` is filled in
    once iteration has finished (merged ranges come after the cell data)."""

    book: Workbook
    member: str
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)

    def __iter__(self) -> Iterator[tuple[int, list[Any]]]:
        handler = _SheetHandler(self.book, self.merged)
        parser = expat.ParserCreate()
        parser.buffer_text = True
        parser.StartElementHandler = handler.start
        parser.EndElementHandler = handler.end
        parser.CharacterDataHandler = handler.chars
        ready = handler.ready
        try:
            with zipfile.ZipFile(self.book.path) as zf, zf.open(self.member) as fh:
                while True:
                    chunk = fh.read(CHUNK)
                    parser.Parse(chunk, not chunk)
                    if ready:
                        yield from ready
                        ready.clear()
                    if not chunk:
                        break
        except (expat.ExpatError, IndexError, ValueError, KeyError, zipfile.BadZipFile) as exc:
            raise XlsxFormatError(str(exc)) from exc


class _SheetHandler:
    """The expat callbacks for one worksheet's XML: finished rows are appended to
    ``ready``, merged ranges to ``merged``."""

    def __init__(self, book: Workbook, merged: list[tuple[int, int, int, int]]) -> None:
        self.shared = book.shared
        self.dates = book.date_styles
        self.epoch = dt.datetime(1904, 1, 1) if book.date1904 else dt.datetime(1899, 12, 30)
        self.ready: list[tuple[int, list[Any]]] = []
        self.merged = merged
        self.row = 0
        self.cells: Any = None  # the current row's values (None before the first row)
        self.col = 0
        self.t = ""  # the cell's type attribute
        self.s = 0  # the cell's style index
        self.buf: list[str] | None = None
        self.in_is = False
        self.collect = False

    def start(self, name: str, attrs: dict[str, str]) -> None:
        tag = name if ":" not in name else _local(name)
        if tag == "c":
            ref = attrs.get("r")
            if ref:
                m = _REF.match(ref)
                if m is None:
                    raise XlsxFormatError(f"bad cell reference {ref!r}")
                self.col = _col(m.group(1))
            else:
                self.col = len(self.cells)
            self.t = attrs.get("t", "n")
            self.s = int(attrs.get("s", "0"))
            self.buf = None
        elif tag == "v":
            self.buf = []
            self.collect = True
        elif tag == "t" and self.in_is:
            self.collect = True
        elif tag == "is":
            self.in_is = True
            self.buf = []
        elif tag == "row":
            r = attrs.get("r")
            self.row = int(r) if r else self.row + 1
            self.cells = []
        elif tag == "mergeCell":
            a, _, b = attrs.get("ref", "").partition(":")
            ma, mb = _REF.fullmatch(a), _REF.fullmatch(b or a)
            if ma and mb:
                self.merged.append((int(ma.group(2)), _col(ma.group(1)) + 1, int(mb.group(2)),
                                    _col(mb.group(1)) + 1))  # fmt: skip
        elif tag == "rPh":
            self.collect = False

    def chars(self, text: str) -> None:
        if self.collect and self.buf is not None:
            self.buf.append(text)

    def end(self, name: str) -> None:
        tag = name if ":" not in name else _local(name)
        if tag in ("v", "t"):
            self.collect = False
        elif tag == "is":
            self.in_is = False
        elif tag == "c":
            value = self._value("".join(self.buf)) if self.buf is not None else None
            cells = self.cells
            col = self.col
            if col >= len(cells):
                cells.extend([None] * (col - len(cells) + 1))
            cells[col] = value
        elif tag == "row":
            self.ready.append((self.row, self.cells))

    def _value(self, raw: str) -> Any:
        """A cell's text as its value: shared or inline string, bool, date, number."""
        t = self.t
        if t == "s":
            return self.shared[int(raw)]
        if t in ("inlineStr", "str", "d"):
            return raw
        if t == "b":
            return raw.strip() in ("1", "true")
        if t == "e" or not raw.strip():
            return None
        number = float(raw)
        if self.s in self.dates:
            return self.epoch + dt.timedelta(days=number)
        if number.is_integer() and "." not in raw and "E" not in raw:
            return int(raw)
        return number


def rows(book: Workbook, sheet: str) -> SheetRows:
    member = dict(book.sheets)[sheet]
    return SheetRows(book, member)
