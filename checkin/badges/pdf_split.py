"""Splitting one fpdf2 document into one small PDF file per page, fast.

Opening a PDF document with the bundled Hangul fonts costs about half a second (fpdf2
parses each font) and embedding their subsets as much again, so tickets are laid out
many to a document and the pages then cut apart. A general PDF library (pypdf) copies
every page's fonts object by object, about 7 ms a page; here the document is read
once (its cross-reference table gives each object's place) and each page is written
as a new file from the raw bytes of the objects it uses: its own content stream, its
resources and the fonts they name, renumbered from 1. Streams are copied byte for
byte (still compressed); only the dictionaries are rewritten.

Only for the documents this app makes with fpdf2 (a classic cross-reference table,
no object streams, stream lengths written directly); anything else is refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

_REF = re.compile(rb"(\d+) 0 R\b")
_LENGTH = re.compile(rb"/Length (\d+)\b")
_PARENT = re.compile(rb"/Parent \d+ 0 R\s*")
_MEDIABOX = re.compile(rb"/MediaBox\s*\[[^\]]*\]")


class NotSplittable(ValueError):
    """The document is not one this module can split (not written by fpdf2 here)."""


@dataclass(frozen=True, slots=True)
class _Object:
    head: bytes  # the dictionary (or other value), references still the old numbers
    stream: bytes | None  # a stream's raw (encoded) bytes, if the object is a stream


def _offsets(pdf: bytes) -> dict[int, int]:
    start = pdf.rfind(b"startxref")
    if start < 0:
        raise NotSplittable("no startxref")
    xref_at = int(pdf[start + 9 :].split()[0])
    if pdf[xref_at : xref_at + 4] != b"xref":
        raise NotSplittable("no classic cross-reference table")
    lines = pdf[xref_at:].split(b"trailer", 1)[0].split(b"\n")[1:]
    offsets: dict[int, int] = {}
    i = 0
    while i < len(lines):
        parts = lines[i].split()
        i += 1
        if len(parts) != 2:
            continue
        first, count = int(parts[0]), int(parts[1])
        for k in range(count):
            entry = lines[i + k].split()
            if len(entry) == 3 and entry[2] == b"n":
                offsets[first + k] = int(entry[0])
        i += count
    return offsets


def _read(pdf: bytes, at: int, number: int) -> _Object:
    header = b"%d 0 obj" % number
    if pdf[at : at + len(header)] != header:
        raise NotSplittable(f"object {number} is not where the table says")
    body_at = at + len(header)
    end = pdf.find(b"endobj", body_at)
    stream_at = pdf.find(b"stream", body_at, end if end >= 0 else len(pdf))
    if stream_at < 0:
        return _Object(pdf[body_at:end].strip(), None)
    head = pdf[body_at:stream_at].strip()
    length = _LENGTH.search(head)
    if length is None:
        raise NotSplittable(f"object {number}: stream without a direct length")
    data_at = stream_at + len(b"stream")
    if pdf[data_at : data_at + 2] == b"\r\n":
        data_at += 2
    elif pdf[data_at : data_at + 1] in (b"\n", b"\r"):
        data_at += 1
    return _Object(head, pdf[data_at : data_at + int(length.group(1))])


class Document:
    """A parsed document: its objects and pages, ready to be split."""

    def __init__(self, pdf: bytes) -> None:
        self._pdf = pdf
        self._offsets = _offsets(pdf)
        self._cache: dict[int, _Object] = {}
        self.header = pdf[: pdf.index(b"\n") + 1] + b"%\xe2\xe3\xcf\xd3\n"
        trailer = pdf[pdf.rfind(b"trailer") :]
        root = self.get(int(re.search(rb"/Root (\d+) 0 R", trailer).group(1)))  # type: ignore[union-attr]
        pages_ref = re.search(rb"/Pages (\d+) 0 R", root.head)
        if pages_ref is None:
            raise NotSplittable("no page tree")
        pages = self.get(int(pages_ref.group(1)))
        kids = re.search(rb"/Kids\s*\[([^\]]*)\]", pages.head)
        if kids is None or b"/Kids" in kids.group(1):
            raise NotSplittable("nested page tree")
        self.pages = [int(n) for n in _REF.findall(kids.group(1))]
        box = _MEDIABOX.search(pages.head)
        self.media_box = box.group(0) if box else b""

    def get(self, number: int) -> _Object:
        if number not in self._cache:
            if number not in self._offsets:
                raise NotSplittable(f"object {number} is missing")
            self._cache[number] = _read(self._pdf, self._offsets[number], number)
        return self._cache[number]

    def _closure(self, page: int) -> list[int]:
        """The page and every object it refers to (not its parent), page first."""
        order = [page]
        seen = {page}
        i = 0
        while i < len(order):
            obj = self.get(order[i])
            head = _PARENT.sub(b"", obj.head) if i == 0 else obj.head
            for ref in _REF.findall(head):
                n = int(ref)
                if n not in seen:
                    seen.add(n)
                    order.append(n)
            i += 1
        return order

    def page_pdf(self, index: int, title: str = "") -> bytes:
        """Page ``index`` alone as a complete PDF file."""
        page = self.pages[index]
        objects = self._closure(page)
        # 1 catalog, 2 page tree, 3 the page, then what it uses, then the info
        numbers = {old: i + 3 for i, old in enumerate(objects)}
        info = len(objects) + 3

        def renumber(head: bytes) -> bytes:
            return _REF.sub(lambda m: b"%d 0 R" % numbers[int(m.group(1))], head)

        parts = [self.header]
        offsets: list[int] = []
        at = len(self.header)

        def add(number: int, body: bytes) -> None:
            nonlocal at
            offsets.append(at)
            part = b"%d 0 obj\n" % number + body + b"\nendobj\n"
            parts.append(part)
            at += len(part)

        add(1, b"<< /Type /Catalog /Pages 2 0 R >>")
        add(2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 " + self.media_box + b" >>")
        for old in objects:
            obj = self.get(old)
            if old == page:
                body = renumber(_PARENT.sub(b"", obj.head))
                body = body[: body.rindex(b">>")] + b" /Parent 2 0 R >>"
            else:
                body = renumber(obj.head)
            if obj.stream is not None:
                body += b"\nstream\n" + obj.stream + b"\nendstream"
            add(numbers[old], body)
        add(info, b"<< /Creator (checkin) /Title " + pdf_text(title) + b" >>")
        table = [b"xref\n0 %d\n0000000000 65535 f \n" % (info + 1)]
        table += [b"%010d 00000 n \n" % offset for offset in offsets]
        table.append(b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\n" % (info + 1, info))
        table.append(b"startxref\n%d\n%%%%EOF\n" % at)
        return b"".join(parts + table)


def pdf_text(text: str) -> bytes:
    """A PDF text string (UTF-16 with its byte order mark), for any language."""
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def split(pdf: bytes, titles: Sequence[str] = ()) -> Iterator[bytes]:
    """Each page of ``pdf`` as its own PDF file, in order (``titles`` per page)."""
    doc = Document(pdf)
    for i in range(len(doc.pages)):
        yield doc.page_pdf(i, titles[i] if i < len(titles) else "")
