"""Reading a file into a ``Table``: which kind of file it is, its text, its CSV cells.

``read_table`` refuses what is no list (a PDF, a picture, an old .xls, a program) with a
message saying what it looks like, hands workbooks to ``read_xlsx`` and decodes the
rest as text: the encoding is detected (UTF-8 with or without BOM, UTF-16 by its BOM
or its zero bytes, CP949/EUC-KR as Korean Excel saves CSV, anything else through
charset-normalizer), then the delimiter (comma, tab, semicolon, pipe; Excel's ``sep=``
line). Blank rows are skipped; row numbers stay those the organizer sees.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import re
from pathlib import Path

from checkin import errors
from checkin.lists.importing.read_xlsx import _read_xlsx
from checkin.lists.importing.table import (
    MAX_CELL,
    MAX_FILE_BYTES,
    MAX_ROWS,
    Table,
    _empty_file,
    _too_many_rows,
)


def read_table(
    path: str | Path,
    sheet: str | None = None,
    encoding: str | None = None,
    delimiter: str | None = None,
) -> Table:
    """Read a CSV or XLSX file into a ``Table``; errors a person can act on are raised
    as ``InvalidInput`` (not found, not a spreadsheet, old .xls, unknown encoding)."""
    p = Path(path)
    if not p.is_file():
        raise errors.InvalidInput(f"No file at {p}.", f"파일이 없습니다: {p}", "file")
    size = p.stat().st_size
    if size > MAX_FILE_BYTES:
        raise errors.InvalidInput(
            f"{p.name} is too large to import ({size // 1_000_000} MB).",
            f"{p.name} 은(는) 너무 커서 가져올 수 없습니다 ({size // 1_000_000} MB).",
            "file",
        )
    with p.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(b"PK\x03\x04"):
        return _read_xlsx(p, sheet)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise errors.InvalidInput(
            f"{p.name} is an old Excel file (.xls). Open it in Excel and save it as .xlsx "
            "(Excel Workbook) or CSV, then import that.",
            f"{p.name} 은(는) 예전 엑셀 형식(.xls)입니다. 엑셀에서 열어 .xlsx(Excel 통합 문서) 또는 "
            "CSV로 저장한 뒤 가져오세요.",
            "file",
        )
    data = p.read_bytes()
    if not data.strip():
        raise _empty_file(p)
    _refuse_binary_magic(p, data)
    try:
        text, detected = decode_bytes(data, encoding)
    except errors.InvalidInput:
        if encoding is None and _looks_binary(data):
            raise _not_a_table(p) from None
        raise
    _refuse_binary_text(p, text)
    return _read_csv_text(p, text, detected, delimiter)


# Files people pick by mistake, by their first bytes: (magic, what it is in en, ko).
_BINARY_KINDS = (
    (b"%PDF", "a PDF document", "PDF 문서"),
    (b"\x89PNG", "an image", "그림 파일"),
    (b"\xff\xd8\xff", "an image", "그림 파일"),
    (b"GIF8", "an image", "그림 파일"),
    (b"SQLite format 3\x00", "an event or database file", "행사(데이터베이스) 파일"),
    (b"\x1f\x8b", "a compressed archive", "압축 파일"),
    (b"7z\xbc\xaf", "a compressed archive", "압축 파일"),
    (b"Rar!", "a compressed archive", "압축 파일"),
    (b"MZ", "a program", "프로그램 파일"),
    (b"\x7fELF", "a program", "프로그램 파일"),
)
# Control characters a text file does not hold (tab, line breaks and form feed aside).
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f\ufffd]")
BINARY_SAMPLE = 20_000


def _not_a_table(p: Path, what_en: str = "", what_ko: str = "") -> errors.InvalidInput:
    en_kind = f" (it looks like {what_en})" if what_en else ""
    ko_kind = f" ({what_ko}로 보입니다)" if what_ko else ""
    return errors.InvalidInput(
        f"{p.name} is not a registration list: not a CSV text file or an Excel workbook"
        f"{en_kind}. Choose the .csv or .xlsx file your registration form gave, or save the "
        "list from Excel as .xlsx or CSV.",
        f"{p.name} 은(는) 참가자 명단이 아닙니다. CSV 텍스트 파일도 엑셀 통합 문서도 아닙니다{ko_kind}. "
        "신청서가 준 .csv 또는 .xlsx 파일을 고르거나, 엑셀에서 명단을 .xlsx 또는 CSV로 저장하세요.",
        "file",
    )


def _refuse_binary_magic(p: Path, data: bytes) -> None:
    for magic, what_en, what_ko in _BINARY_KINDS:
        if data.startswith(magic):
            raise _not_a_table(p, what_en, what_ko)


_CONTROL_BYTES = re.compile(b"[\\x01-\\x08\\x0e-\\x1f\\x7f]")


def _looks_binary(data: bytes) -> bool:
    """Undecodable bytes full of control codes: not text in an unknown encoding."""
    sample = data[:BINARY_SAMPLE]
    return len(_CONTROL_BYTES.findall(sample)) > max(2, len(sample) // 100)


def _refuse_binary_text(p: Path, text: str) -> None:
    """Binary data that happened to decode (CP949 and the detector read almost
    anything) is full of control characters no spreadsheet's text has."""
    sample = text[:BINARY_SAMPLE]
    if "\x00" in sample or len(_CONTROL.findall(sample)) > max(2, len(sample) // 200):
        raise _not_a_table(p)


def decode_bytes(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding name). BOMs first, then strict UTF-8, UTF-16 without BOM by its
    zero bytes, CP949 (a superset of EUC-KR: Korean Excel's CSV), then
    charset-normalizer."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError) as exc:
            raise errors.InvalidInput(
                f"The file cannot be read as {encoding}.",
                f"파일을 {encoding} 인코딩으로 읽을 수 없습니다.",
                "encoding",
            ) from exc
    for bom, name in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            with contextlib.suppress(UnicodeDecodeError):
                return data.decode(name), name
    with contextlib.suppress(UnicodeDecodeError):
        return data.decode("utf-8"), "utf-8"
    sample = data[:4000]
    if len(sample) >= 4 and sample.count(0) >= len(sample) // 4:
        even_zeros = sample[0::2].count(0)
        odd_zeros = sample[1::2].count(0)
        name = "utf-16-le" if odd_zeros > even_zeros else "utf-16-be"
        with contextlib.suppress(UnicodeDecodeError):
            return data.decode(name), name
    with contextlib.suppress(UnicodeDecodeError):
        return data.decode("cp949"), "cp949"
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
    except Exception:  # pragma: no cover - a detector failure is not the person's fault
        best = None
    if best is not None and best.encoding:
        with contextlib.suppress(UnicodeDecodeError, LookupError):
            return data.decode(best.encoding), best.encoding
    raise errors.InvalidInput(
        "The file's text encoding is not recognized. Save it from Excel as "
        "'CSV UTF-8 (comma delimited)' or as .xlsx and try again.",
        "파일의 문자 인코딩을 알 수 없습니다. 엑셀에서 'CSV UTF-8(쉼표로 분리)' 또는 .xlsx 로 저장한 뒤 "
        "다시 시도하세요.",
        "encoding",
    )


_DELIMITERS = ",\t;|"


def detect_delimiter(text: str) -> str:
    """The delimiter of a CSV text: csv.Sniffer, checked; else the candidate that
    splits the first lines most consistently."""
    lines = [line for line in text.splitlines()[:60] if line.strip()]
    if not lines:
        return ","
    sample = "\n".join(lines)
    candidates: list[str] = []
    with contextlib.suppress(csv.Error):
        candidates.append(csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter)
    best, best_score = ",", -1.0
    for delim in [*candidates, *_DELIMITERS]:
        try:
            parsed = list(csv.reader(io.StringIO(sample), delimiter=delim))
        except csv.Error:
            continue
        counts = [len(r) for r in parsed if any(c.strip() for c in r)]
        if not counts or max(counts) < 2:
            continue
        width = max(set(counts), key=counts.count)
        consistent = counts.count(width) / len(counts)
        score = consistent * 10 + min(width, 30) / 30 + (0.5 if delim in candidates else 0)
        if score > best_score:
            best, best_score = delim, score
    return best


def _read_csv_text(p: Path, text: str, encoding: str, delimiter: str | None) -> Table:
    if text.startswith("\ufeff"):
        text = text[1:]
    first_line, _, rest = text.partition("\n")
    hint = first_line.strip().strip('"').lower()
    start_row = 1
    if hint.startswith("sep=") and len(hint) == 5:
        delimiter = delimiter or hint[4]
        text = rest
        start_row = 2
    delim = delimiter or detect_delimiter(text)
    table = Table(path=str(p), format="csv", rows=[], encoding=encoding, delimiter=delim)
    csv.field_size_limit(MAX_FILE_BYTES)
    unclosed = _unclosed_quote_row(text, delim, start_row)
    if unclosed is not None:
        raise errors.InvalidInput(
            f'{p.name}: row {unclosed} opens a quotation mark (") that is never closed, so '
            "the rest of the file would become one cell. Fix that row (or save the file "
            "again from Excel) and import it again.",
            f'{p.name}: {unclosed}행에서 시작한 따옴표(")가 닫히지 않아 파일의 나머지가 한 칸으로 '
            "읽힙니다. 그 행을 고치거나 엑셀에서 다시 저장한 뒤 가져오세요.",
            "file",
        )
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim)
    try:
        for number, cells in enumerate(reader, start=start_row):
            if not any(c.strip() for c in cells):
                continue
            for col, value in enumerate(cells):
                if len(value) > MAX_CELL:
                    cells[col] = value[:MAX_CELL]
                    table.cut_cells.append((number, col))
            table.rows.append((number, cells))
            if len(table.rows) > MAX_ROWS:
                raise _too_many_rows(p)
    except csv.Error as exc:
        raise errors.InvalidInput(
            f"{p.name} is not a readable CSV file ({exc}).",
            f"{p.name} 은(는) 읽을 수 있는 CSV 파일이 아닙니다 ({exc}).",
            "file",
        ) from exc
    if not table.rows:
        raise _empty_file(p)
    return table


def _unclosed_quote_row(text: str, delim: str, start_row: int) -> int | None:
    """The row whose quoted cell runs to the end of the file, if one does.

    A lenient reader swallows everything after a stray opening quote into one cell (a
    name with the next rows' phone numbers in it); a strict one stops there.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim, strict=True)
    number = start_row - 1
    while True:
        number += 1
        try:
            next(reader)
        except StopIteration:
            return None
        except csv.Error as exc:  # other strictness (a"b): the lenient reader copes
            if "end of data" in str(exc):
                return number
