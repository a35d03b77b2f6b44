"""Exporting attendance: CSV (UTF-8 with BOM, so Excel shows Korean), XLSX (typed
columns, frozen header, column widths) and a printed PDF list; and the full check-in
log (every entry, exit and undo).

Exports default to the fewest fields that serve (display name, category, registration
number, check-in time). Phone, email, full name and the other personal fields are
written only when asked for. Text cells that a spreadsheet would read as a formula
(starting with ``=``, ``+``, ``-``, ``@``, tab or CR) get a leading ``'``; the importer
removes it again, so an export imports back unchanged.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import logging
import operator
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from checkin import errors
from checkin.db.eventfile import EventFile, columns
from checkin.event import settings as settings_mod
from checkin.lists import pdfdoc
from checkin.lists.texts import ListTexts as T
from checkin.models import PERSONAL_FIELDS
from checkin.people.fields import LABELS
from checkin.protect import audit
from checkin.protect.access import Access

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
FORMATS = ("csv", "xlsx", "pdf")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# Fields an export can have, in the order they appear.
EXPORT_FIELDS = (
    "reg_no", "display_name", "full_name", "category", "organization", "phone", "email",
    "language", "no_photo", "access_needs", "notes", "external_id", "status",
    "checked_in_at", "checked_in_station", "inside", "group_name",
)  # fmt: skip
DEFAULT_FIELDS = ("display_name", "category", "reg_no", "checked_in_at")
SENSITIVE_FIELDS = frozenset(PERSONAL_FIELDS)
_EXTRA_LABELS = {
    "checked_in_at": ("Checked in at", "입장 시각"),
    "checked_in_station": ("Checked in at station", "입장 기기"),
    "inside": ("Inside now", "현재 입장 중"),
}


def field_label(name: str, lang: str) -> str:
    en, ko = LABELS.get(name) or _EXTRA_LABELS[name]
    return ko if lang == "ko" else en


def neutralize(text: str) -> str:
    """Keep a spreadsheet from running a cell as a formula."""
    if text and text[0] in FORMULA_START:
        return "'" + text
    return text


@dataclass
class ExportOptions:
    fields: tuple[str, ...] = DEFAULT_FIELDS
    checked_in_only: bool = False
    categories: tuple[str, ...] = ()  # empty: every category
    list_id: str = "main"
    include_cancelled: bool = False
    lang: str = "ko"
    sort: str = ""  # "name", "reg_no", "time"; default: name for PDF, else reg_no

    def check(self, cfg: settings_mod.EventSettings) -> None:
        unknown = [f for f in self.fields if f not in EXPORT_FIELDS]
        if unknown or not self.fields:
            raise errors.InvalidInput(
                f"Unknown field(s) {', '.join(unknown) or '(none given)'}; fields: "
                f"{', '.join(EXPORT_FIELDS)}.",
                f"알 수 없는 항목 {', '.join(unknown) or '(없음)'}. 항목: {', '.join(EXPORT_FIELDS)}",
                "fields",
            )
        if len(set(self.fields)) != len(self.fields):
            raise errors.InvalidInput(T.field_named_twice, field="fields")
        bad = [c for c in self.categories if c not in cfg.category_ids()]
        if bad:
            raise errors.InvalidInput(
                T.unknown_category_categories,
                field="category",
                value=bad[0],
                join=", ".join(cfg.category_ids()),
            )
        if self.list_id not in cfg.list_ids():
            raise errors.InvalidInput(
                T.no_check_list_lists,
                field="list",
                list_id=self.list_id,
                join=", ".join(cfg.list_ids()),
            )
        if self.sort not in ("", "name", "reg_no", "time"):
            raise errors.InvalidInput(T.sort_by_name_reg_no, field="sort")

    @property
    def personal(self) -> list[str]:
        """The personal fields this export includes (for a warning)."""
        return [f for f in self.fields if f in SENSITIVE_FIELDS]


@dataclass(frozen=True)
class ExportResult:
    path: str
    format: str
    rows: int
    fields: tuple[str, ...]
    personal: tuple[str, ...] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path, "format": self.format, "rows": self.rows,
            "fields": list(self.fields), "personal_fields": list(self.personal),
        }  # fmt: skip


# Every export field by its name (``columns`` finds them in the rows).
_SQL = (
    "SELECT a.reg_no, a.display_name, a.full_name, a.category, a.organization, a.phone, "
    "a.email, a.language, a.no_photo, a.access_needs, a.notes, a.external_id, a.status, "
    "x.first_in_at AS checked_in_at, x.first_in_station AS checked_in_station, x.inside, "
    "a.group_name "
    "FROM attendees a LEFT JOIN attendance x ON x.attendee_id = a.id AND x.list = ? "
)


def _query(ef: EventFile, opts: ExportOptions, fmt: str) -> tuple[str, list[Any]]:
    where = []
    params: list[Any] = [opts.list_id]
    if not opts.include_cancelled:
        where.append("a.status = 'registered'")
    if opts.checked_in_only:
        where.append("x.entries > 0")
    if opts.categories:
        where.append(f"a.category IN ({','.join('?' * len(opts.categories))})")
        params.extend(opts.categories)
    sql = _SQL + (" WHERE " + " AND ".join(where) if where else "")
    sort = opts.sort or ("name" if fmt == "pdf" else "reg_no")
    if sort == "time":
        sql += " ORDER BY x.first_in_at IS NULL, x.first_in_at, a.rid"
    elif sort == "reg_no":
        sql += " ORDER BY a.rid"
    return sql, params


def rows(
    ef: EventFile, opts: ExportOptions, fmt: str = "csv"
) -> tuple[list[str], int, Iterator[list[Any]]]:
    """(headers, row count, typed rows): times as datetimes, flags as booleans."""
    cfg = settings_mod.load(ef)
    opts.check(cfg)
    tz = ZoneInfo(cfg.timezone)
    labels = {c.id: c.label(opts.lang) for c in cfg.categories}
    status_text = {
        "registered": "등록" if opts.lang == "ko" else "registered",
        "cancelled": "취소" if opts.lang == "ko" else "cancelled",
    }
    sql, params = _query(ef, opts, fmt)
    cursor = ef.execute(sql, params)
    column = columns(cursor)  # plain rows (100,000 of them), their fields found by name
    data = cursor.fetchall()
    if (opts.sort or ("name" if fmt == "pdf" else "reg_no")) == "name":
        name_of = operator.itemgetter(column["display_name"])
        data.sort(key=lambda r: pdfdoc.hangul_order_key(name_of(r)))
    pick = operator.itemgetter(*(column[f] for f in opts.fields))  # one field: the value
    single = len(opts.fields) == 1
    headers = [field_label(f, opts.lang) for f in opts.fields]

    def generate() -> Iterator[list[Any]]:
        for raw in data:
            out: list[Any] = []
            picked = (pick(raw),) if single else pick(raw)
            for f, value in zip(opts.fields, picked, strict=True):
                if f == "checked_in_at":
                    value = (
                        dt.datetime.fromtimestamp(value / 1000, tz).replace(tzinfo=None)
                        if value is not None
                        else None
                    )
                elif f == "category":
                    value = labels.get(value, value)
                elif f == "status":
                    value = status_text.get(value, value)
                elif f in ("no_photo", "inside"):
                    value = bool(value)
                elif value is None:
                    value = ""
                out.append(value)
            yield out

    return headers, len(data), generate()


def _text(value: Any, lang: str) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        if lang == "ko":
            return "예" if value else ""
        return "yes" if value else ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return neutralize(str(value))


def export(
    ef: EventFile,
    path: str | os.PathLike[str],
    fmt: str | None = None,
    opts: ExportOptions | None = None,
    progress: Progress | None = None,
    *,
    access: Access,
) -> ExportResult:
    """Write the attendance export; the format follows the file name unless given.

    Needs organizer access (``checkin.protect.access``); a scan-only station never exports
    personal fields. Recorded in the audit log (field names, never values)."""
    access.require_organizer(ef)
    access.check_reason()
    opts = opts or ExportOptions()
    if opts.personal and not access.personal:
        raise errors.NotAllowed(T.scan_only_station_cannot_export, join=", ".join(opts.personal))
    fmt = (fmt or Path(path).suffix.lstrip(".") or "csv").lower()
    if fmt not in FORMATS:
        raise errors.InvalidInput(T.unknown_format_use_csv_xlsx, field="format", fmt=fmt)
    headers, total, data = rows(ef, opts, fmt)
    if fmt == "csv":
        write_csv(path, headers, data, opts.lang, total, progress)
    elif fmt == "xlsx":
        write_xlsx(path, headers, data, opts.fields, total, progress)
    else:
        _write_pdf(ef, path, headers, data, opts, total, progress)
    log.info("exported %d row(s) as %s (%d field(s))", total, fmt, len(opts.fields))
    audit.record(
        ef, access.clock, audit.EXPORT,
        detail=access.export_detail({"kind": "attendance", "format": fmt, "rows": total,
                "fields": list(opts.fields), "personal": list(opts.personal)}),
        operator=access.operator,
    )  # fmt: skip
    return ExportResult(str(path), fmt, total, tuple(opts.fields), tuple(opts.personal))


def write_csv(
    path: str | os.PathLike[str],
    headers: Sequence[str],
    data: Iterator[Sequence[Any]],
    lang: str,
    total: int = 0,
    progress: Progress | None = None,
) -> None:
    def write(fh: Any) -> None:
        text = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="")
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow([neutralize(h) for h in headers])
        for n, row in enumerate(data, 1):
            writer.writerow([_text(v, lang) for v in row])
            if progress and n % 5000 == 0:
                progress(n, total)
        text.flush()
        text.detach()

    pdfdoc.write_atomically(path, write)
    if progress:
        progress(total, total)


def write_xlsx(
    path: str | os.PathLike[str],
    headers: Sequence[str],
    data: Iterator[Sequence[Any]],
    names: Sequence[str] = (),
    total: int = 0,
    progress: Progress | None = None,
    sheet_title: str = "",
) -> None:
    """openpyxl write-only: typed cells (dates as dates), frozen bold header, widths."""
    from openpyxl import Workbook

    pdfdoc.check_folder(path)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet_title or "attendance")
    try:
        _fill_sheet(ws, headers, data, names, total, progress)
        pdfdoc.write_atomically(path, wb.save)
    finally:
        # A write-only sheet streams into a temporary file; close it even on failure.
        with contextlib.suppress(Exception):
            ws.close()
    if progress:
        progress(total, total)


def _fill_sheet(
    ws: Any,
    headers: Sequence[str],
    data: Iterator[Sequence[Any]],
    names: Sequence[str],
    total: int,
    progress: Progress | None,
) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font

    ws.freeze_panes = "A2"
    widths = [max(8, min(40, _width(h) + 2)) for h in headers]
    for i, name in enumerate(names):
        if name in ("checked_in_at", "at"):
            widths[i] = 17
        elif name in ("notes", "access_needs"):
            widths[i] = 40
        elif name in ("display_name", "full_name", "organization", "email"):
            widths[i] = max(widths[i], 24)
        elif name in ("phone", "reg_no"):
            widths[i] = max(widths[i], 15)
    from openpyxl.utils import get_column_letter

    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    bold = Font(bold=True)
    header_cells = []
    for h in headers:
        cell = WriteOnlyCell(ws, value=neutralize(h))
        cell.font = bold
        cell.alignment = Alignment(vertical="center")
        header_cells.append(cell)
    ws.append(header_cells)
    date_cells: dict[int, Any] = {}
    for n, row in enumerate(data, 1):
        out: list[Any] = []
        for i, v in enumerate(row):
            if isinstance(v, dt.datetime):
                cell = WriteOnlyCell(ws, value=v)
                cell.number_format = "yyyy-mm-dd hh:mm"
                date_cells[i] = cell
                out.append(cell)
            elif isinstance(v, bool | int | float) or v is None:
                out.append(v)
            else:
                out.append(neutralize(str(v)))
        ws.append(out)
        if progress and n % 5000 == 0:
            progress(n, total)


def _width(text: str) -> int:
    """Display width: Hangul and other wide characters count twice."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _write_pdf(
    ef: EventFile,
    path: str | os.PathLike[str],
    headers: list[str],
    data: Iterator[list[Any]],
    opts: ExportOptions,
    total: int,
    progress: Progress | None,
) -> None:
    from checkin.door.messages import format_time

    cfg = settings_mod.load(ef)
    lang = opts.lang
    ko = lang == "ko"
    title = ("참석자 명단" if ko else "Attendance list") + (
        (" — 입장자" if ko else " — checked in") if opts.checked_in_only else ""
    )
    lst = next((li for li in cfg.lists if li.id == opts.list_id), None)
    scope = []
    if lst and len(cfg.lists) > 1:
        scope.append(lst.label(lang))
    if opts.categories:
        scope.append(", ".join(c.label(lang) for c in cfg.categories if c.id in opts.categories))
    wide = len(headers) > 5
    pdf = pdfdoc.Document(f"{cfg.title(lang)} — {title}", "landscape" if wide else "portrait")
    printed = format_time(_now_ms(), cfg.timezone, with_date=True)

    def header(doc: pdfdoc.Document) -> None:
        doc.set_font(pdfdoc.FONT, "B", 13)
        doc.cell(0, 7, f"{cfg.title(lang)} · {cfg.date}", new_x="LMARGIN", new_y="NEXT")
        doc.set_font(pdfdoc.FONT, "", 10)
        line = title + (f" ({' / '.join(scope)})" if scope else "")
        doc.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        doc.ln(2)

    pdf.header_fn = header
    pdf.footer_text = (
        f"{'출력' if ko else 'Printed'} {printed} · {total}{'명' if ko else ' people'} · "
        + ("개인정보: 행사 후 파기하세요" if ko else "Personal data: destroy after use")
    )
    weights = [_pdf_weight(f) for f in opts.fields]
    widths = [pdf.epw * w / sum(weights) for w in weights]
    row_h = 6.0

    def header_and_columns(doc: pdfdoc.Document) -> None:
        header(doc)
        doc.set_font(pdfdoc.FONT, "B", 9)
        doc.set_fill_color(235, 235, 235)
        for width, text in zip(widths, headers, strict=True):
            doc.cell(width, row_h + 1, pdfdoc.fit(doc, text, width - 1.5), fill=True)
        doc.ln(row_h + 1)
        doc.set_font(pdfdoc.FONT, "", 9)

    pdf.header_fn = header_and_columns
    pdf.add_page()
    pdf.set_draw_color(225, 225, 225)
    x0 = pdf.l_margin
    for n, row in enumerate(data, 1):
        if pdf.get_y() + row_h > pdf.page_break_trigger:
            pdf.add_page()
        y = pdf.get_y()
        for width, value in zip(widths, row, strict=True):
            pdf.cell(width, row_h, pdfdoc.fit(pdf, _plain(value, lang), width - 1.5))
        pdf.line(x0, y + row_h, x0 + pdf.epw, y + row_h)
        pdf.set_xy(x0, y + row_h)
        if progress and n % 500 == 0:
            progress(n, total)
    if total == 0:
        pdf.cell(0, 10, "해당하는 참가자가 없습니다." if ko else "Nobody matches.")
    pdfdoc.save(pdf, path)
    if progress:
        progress(total, total)


def _plain(value: Any, lang: str) -> str:
    """A value as printed on paper (no formula guard: paper runs no formulas)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return ("예" if lang == "ko" else "yes") if value else ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return " ".join(str(value).split())


def _pdf_weight(name: str) -> int:
    return {
        "display_name": 4, "full_name": 4, "organization": 4, "email": 5, "notes": 6,
        "access_needs": 5, "checked_in_at": 3, "phone": 3, "reg_no": 2, "category": 3,
    }.get(name, 2)  # fmt: skip


def _now_ms() -> int:
    from checkin.clock import SYSTEM_CLOCK

    return SYSTEM_CLOCK.now_ms()


# --- the check-in log ---------------------------------------------------------------

LOG_FIELDS = (
    "at", "action", "list", "station", "method", "operator", "reason", "reg_no",
    "display_name", "category", "undone", "checkin_id", "undoes",
)  # fmt: skip
_LOG_LABELS = {
    "at": ("Time", "시각"), "action": ("Action", "구분"), "list": ("List", "목록"),
    "station": ("Station", "기기"), "method": ("Method", "방법"), "operator": ("Operator", "담당자"),
    "reason": ("Reason", "사유"), "reg_no": ("Registration number", "등록번호"),
    "display_name": ("Display name", "표시 이름"), "category": ("Category", "참가 구분"),
    "undone": ("Undone", "취소됨"), "checkin_id": ("Log id", "기록 ID"),
    "undoes": ("Undoes", "취소 대상"),
}  # fmt: skip
_ACTIONS = {"entry": ("entry", "입장"), "exit": ("exit", "퇴장"), "undo": ("undo", "취소")}


def export_log(
    ef: EventFile,
    path: str | os.PathLike[str],
    fmt: str | None = None,
    lang: str = "ko",
    list_id: str | None = None,
    progress: Progress | None = None,
    *,
    access: Access,
) -> ExportResult:
    """Every entry, exit and undo, oldest first, with time, station, list, method,
    operator and reason. Undone entries are marked. Needs organizer access; recorded
    in the audit log."""
    access.require_organizer(ef)
    access.check_reason()
    fmt = (fmt or Path(path).suffix.lstrip(".") or "csv").lower()
    if fmt not in ("csv", "xlsx"):
        raise errors.InvalidInput(T.check_log_exported_as_csv, field="format")
    cfg = settings_mod.load(ef)
    if list_id is not None and list_id not in cfg.list_ids():
        raise errors.InvalidInput(T.no_check_list, field="list", list_id=list_id)
    tz = ZoneInfo(cfg.timezone)
    labels = {c.id: c.label(lang) for c in cfg.categories}
    ko = lang == "ko"
    sql = (
        "SELECT c.at_ms, c.action, c.list, c.station_name, c.method, c.operator, c.reason, "
        "a.reg_no, a.display_name, a.category, "
        "EXISTS (SELECT 1 FROM checkins u WHERE u.undoes = c.id) AS undone, c.id, c.undoes "
        "FROM checkins c LEFT JOIN attendees a ON a.id = c.attendee_id "
    )
    params: list[Any] = []
    if list_id is not None:
        sql += "WHERE c.list = ? "
        params.append(list_id)
    sql += "ORDER BY c.hlc, c.station_id"
    data = ef.named(sql, params).fetchall()
    headers = [_LOG_LABELS[f][1 if ko else 0] for f in LOG_FIELDS]

    def generate() -> Iterator[list[Any]]:
        for r in data:
            yield [
                dt.datetime.fromtimestamp(r.at_ms / 1000, tz).replace(tzinfo=None),
                _ACTIONS.get(r.action, (r.action, r.action))[1 if ko else 0],
                r.list, r.station_name, r.method, r.operator, r.reason, r.reg_no or "",
                r.display_name or "", labels.get(r.category, r.category or ""), bool(r.undone),
                r.id, r.undoes or "",
            ]  # fmt: skip

    if fmt == "csv":
        write_csv(path, headers, generate(), lang, len(data), progress)
    else:
        write_xlsx(path, headers, generate(), LOG_FIELDS, len(data), progress, "checkins")
    log.info("exported the check-in log: %d row(s) as %s", len(data), fmt)
    audit.record(
        ef, access.clock, audit.EXPORT,
        detail=access.export_detail({"kind": "log", "format": fmt, "rows": len(data),
                                     "fields": list(LOG_FIELDS)}),
        operator=access.operator,
    )  # fmt: skip
    return ExportResult(str(path), fmt, len(data), LOG_FIELDS, ("display_name",))
