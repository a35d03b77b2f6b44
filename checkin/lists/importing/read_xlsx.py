"""Reading an Excel workbook (.xlsx) into a ``Table``.

The fast streaming reader (``checkin.lists.xlsx_reader``) reads the sheet; a workbook
it does not understand goes to openpyxl in read-only mode. The first sheet with data
is taken unless the organizer names one. Merged cells (a header spanning two columns,
an organization written once for a group of rows) are filled in, blank rows skipped;
numbers are remembered (a phone typed as a number lost its leading 0). A damaged or
hostile file is refused with one plain message.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import warnings
import zipfile
import zlib
from pathlib import Path
from typing import Any

from checkin import errors
from checkin.lists import xlsx_reader
from checkin.lists.importing.table import (
    MAX_CELL,
    MAX_ROWS,
    Table,
    _col_number,
    _empty_file,
    _too_many_rows,
)

log = logging.getLogger(__name__)

_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


def _merged_ranges(archive_path: Path, member: str) -> list[tuple[int, int, int, int]]:
    """Merged ranges (min_row, min_col, max_row, max_col; 1-based) of one worksheet.

    openpyxl's read-only mode does not report them; they sit after the cell data in
    the sheet's XML, so the XML is streamed (not parsed) to find them.
    """
    ranges = []
    tail = b""
    found = False
    with zipfile.ZipFile(archive_path) as zf, zf.open(member) as fh:
        while True:
            chunk = fh.read(1 << 20)
            if not chunk:
                break
            buf = tail + chunk
            if not found:
                pos = buf.find(b"</sheetData>")
                if pos < 0:
                    tail = buf[-16:]
                    continue
                found = True
                buf = buf[pos:]
            tail = buf
        for ref in re.findall(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+\d+:[A-Z]+\d+)"', tail):
            a, b = ref.decode().split(":")
            ma, mb = _CELL_REF.fullmatch(a), _CELL_REF.fullmatch(b)
            if ma and mb:
                ranges.append(
                    (int(ma.group(2)), _col_number(ma.group(1)), int(mb.group(2)),
                     _col_number(mb.group(1)))
                )  # fmt: skip
    return ranges


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.hour == value.minute == value.second == 0:
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _read_xlsx(p: Path, sheet: str | None) -> Table:
    """Cells of one worksheet: the fast streaming reader, or openpyxl for workbooks it
    does not understand. Merged ranges are filled in, blank rows left out."""
    try:
        try:
            name, names, raw, merged = _xlsx_fast(p, sheet)
        except xlsx_reader.XlsxFormatError as exc:
            log.info("reading the workbook with openpyxl (%s)", type(exc).__name__)
            name, names, raw, merged = _xlsx_openpyxl(p, sheet)
    except _BROKEN_WORKBOOK as exc:
        # A damaged or hostile file (found by fuzzing: corrupt deflate streams, zip
        # features Python does not read, truncated members, impossible cell refs).
        log.info("workbook not readable: %s", type(exc).__name__)
        raise _unreadable_workbook(p) from exc
    table = Table(path=str(p), format="xlsx", rows=[], sheet=name, sheets=names)
    fill: dict[int, list[tuple[int, int, int, int]]] = {}
    for r1, c1, r2, c2 in merged:
        if (r2 - r1 + 1) * (c2 - c1 + 1) > 1_000_000:
            continue
        for r in range(r1 + 1 if c1 == c2 else r1, r2 + 1):
            fill.setdefault(r, []).append((r1, c1, r2, c2))
    anchors = {(r1, c1) for r1, c1, _, _ in merged}
    anchor_values: dict[tuple[int, int], str] = {}
    for number, values in raw:
        cells = []
        for col, value in enumerate(values):
            text = _cell_text(value)
            if isinstance(value, int | float) and not isinstance(value, bool):
                table.numeric_cells.add((number, col))
            if len(text) > MAX_CELL:
                text = text[:MAX_CELL]
                table.cut_cells.append((number, col))
            cells.append(text)
            if (number, col + 1) in anchors:
                anchor_values[(number, col + 1)] = text
        if not any(c.strip() for c in cells):
            continue  # a blank row stays blank even inside a merged range
        for r1, c1, _r2, c2 in fill.get(number, ()):
            value = anchor_values.get((r1, c1), "")
            while len(cells) < c2:
                cells.append("")
            for c in range(c1, c2 + 1):
                if (number, c) not in anchors and not cells[c - 1]:
                    cells[c - 1] = value
        while cells and not cells[-1]:
            cells.pop()
        table.rows.append((number, cells))
        if len(table.rows) > MAX_ROWS:
            raise _too_many_rows(p)
    if not table.rows:
        raise _empty_file(p)
    return table


RawSheet = tuple[str, list[str], list[tuple[int, list[Any]]], list[tuple[int, int, int, int]]]


def _no_sheet(p: Path, sheet: str, names: list[str]) -> errors.InvalidInput:
    return errors.InvalidInput(
        f"No sheet {sheet!r} in {p.name}; sheets: {', '.join(names)}.",
        f"{p.name} 에 {sheet!r} 시트가 없습니다. 시트: {', '.join(names)}",
        "sheet",
    )


def _has_data(values: list[Any]) -> bool:
    return any(v is not None and str(v).strip() for v in values)


def _xlsx_fast(p: Path, sheet: str | None) -> RawSheet:
    book = xlsx_reader.open_workbook(str(p))
    names = book.names
    if sheet is not None and sheet not in names:
        raise _no_sheet(p, sheet, names)
    candidates = [sheet] if sheet is not None else names
    chosen = candidates[0]
    for name in candidates:
        sheet_rows = xlsx_reader.rows(book, name)
        raw = list(sheet_rows)
        if sheet is not None or any(_has_data(v) for _, v in raw[:5]):
            return name, names, raw, sheet_rows.merged
    sheet_rows = xlsx_reader.rows(book, chosen)
    return chosen, names, list(sheet_rows), sheet_rows.merged


_BROKEN_WORKBOOK: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, OSError, ValueError,
    IndexError, KeyError, TypeError, AttributeError, RuntimeError,  # zip: "encrypted"
    xlsx_reader.XlsxFormatError,
)  # fmt: skip


def _unreadable_workbook(p: Path) -> errors.InvalidInput:
    return errors.InvalidInput(
        f"{p.name} is not a readable Excel workbook (.xlsx).",
        f"{p.name} 은(는) 읽을 수 있는 엑셀 파일(.xlsx)이 아닙니다.",
        "file",
    )


def _xlsx_openpyxl(p: Path, sheet: str | None) -> RawSheet:
    with warnings.catch_warnings():
        # openpyxl warns about parts of a damaged workbook it skips; we say it plainly
        warnings.simplefilter("ignore")
        return _xlsx_openpyxl_read(p, sheet)


def _xlsx_openpyxl_read(p: Path, sheet: str | None) -> RawSheet:
    import openpyxl

    with p.open("rb") as fh:  # closed even when openpyxl gives up half-way
        try:
            wb = openpyxl.load_workbook(fh, read_only=True, data_only=True)
        except Exception as exc:  # zip or XML errors: not a workbook we can read
            raise _unreadable_workbook(p) from exc
        return _openpyxl_sheet(p, wb, sheet)


def _openpyxl_sheet(p: Path, wb: Any, sheet: str | None) -> RawSheet:
    try:
        names = list(wb.sheetnames)
        if sheet is None:
            ws = wb.worksheets[0]
            for candidate in wb.worksheets:
                if any(_has_data(list(row)) for row in candidate.iter_rows(max_row=5,
                                                                            values_only=True)):  # fmt: skip
                    ws = candidate
                    break
        elif sheet in names:
            ws = wb[sheet]
        else:
            raise _no_sheet(p, sheet, names)
        raw = [(n, list(values)) for n, values in enumerate(ws.iter_rows(values_only=True), 1)]
        merged: list[tuple[int, int, int, int]] = []
        member = getattr(ws, "_worksheet_path", None)
        if member:
            try:
                merged = _merged_ranges(p, member)
            except (KeyError, OSError, zipfile.BadZipFile):
                merged = []
        return ws.title, names, raw, merged
    finally:
        wb.close()
