"""Column mapping: which row is the header and which field each column holds.

The header row is found among the first rows (a title above it, a two-row header with
group labels, Google Forms questions as headers), and each column is matched to an
attendee field by the aliases in ``aliases`` (pretix exports and Google Forms CSVs
need no manual mapping). A weak header (pretix "Product") counts only when its values
are this event's categories; a column nobody recognised is reported with the closest
field as a suggestion. The organizer corrects the mapping with ``MappingOptions``
(a JSON mapping file, ``--map column=field``, ``--map-value``, or the wizard).
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checkin import errors
from checkin.event import settings as settings_mod
from checkin.lists.importing.aliases import (
    _BRACKETS,
    _CONTAINS,
    _NEVER,
    _SYNONYM_INDEX,
    _WEAK,
    CATEGORY_SYNONYMS,
    FIELD_LABELS,
    IGNORE,
    IMPORT_FIELDS,
    ORDER_CODE,
    POSITION_ID,
    _norm,
)
from checkin.lists.importing.table import Table, _col_number, column_letter
from checkin.protect import consent

HEADER_SCAN_ROWS = 15


def match_header(text: str) -> tuple[str, int] | None:
    """(field, priority) for a header, or None. Exact synonyms first, then without
    bracketed parts, then the longest synonym contained in it (form questions)."""
    key = _norm(text)
    if not key:
        return None
    if key in _NEVER:
        return None
    if key in _SYNONYM_INDEX:
        return _SYNONYM_INDEX[key]
    stripped = _norm(_BRACKETS.sub("", unicodedata.normalize("NFKC", str(text))))
    if stripped and stripped in _SYNONYM_INDEX:
        return _SYNONYM_INDEX[stripped]
    if stripped in _NEVER:
        return None
    for word, (fld, prio) in _CONTAINS:
        if word in key:
            return fld, prio + 5
    return None


def closest_field(text: str) -> str | None:
    """The field whose synonyms look most like an unrecognised header ("촬영" ->
    no_photo), or None when nothing is close. Used only to suggest, never to map."""
    key = _norm(_BRACKETS.sub("", unicodedata.normalize("NFKC", str(text))))
    if not key or key in _NEVER:
        return None
    best, best_score = None, 0.0
    for word, (fld, _prio) in _SYNONYM_INDEX.items():
        if fld in (ORDER_CODE, POSITION_ID):
            continue
        score = difflib.SequenceMatcher(None, key, word).ratio()
        if len(key) >= 2 and (key in word or word in key):
            score = max(score, 0.6 + 0.4 * min(len(key), len(word)) / max(len(key), len(word)))
        if score > best_score:
            best, best_score = fld, score
    return best if best_score >= 0.6 else None


def _weak_match(text: str) -> str | None:
    key = _norm(_BRACKETS.sub("", unicodedata.normalize("NFKC", str(text))))
    for fld, words in _WEAK:
        if key in words:
            return fld
    return None


@dataclass
class ColumnMap:
    index: int
    header: str
    field: str  # one of IMPORT_FIELDS, or IGNORE
    how: str  # "auto", "user", "none"
    priority: int = 9
    note: str = ""  # why a likely column was left out (en)
    note_ko: str = ""
    suggest: str = ""  # an unrecognised header's closest field (a suggestion only)

    @property
    def letter(self) -> str:
        return column_letter(self.index)


@dataclass
class MappingOptions:
    """How the organizer corrected the automatic reading and mapping."""

    columns: dict[str, str] = field(default_factory=dict)  # header / letter / number -> field
    values: dict[str, dict[str, str]] = field(default_factory=dict)  # field -> value -> value
    sheet: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    header_row: int | None = None
    # Files without consent columns: the items the organizer declares the people agreed
    # to on the organizer's own form (None: none; only item (a) is kept).
    consent_declared: consent.Declaration | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> MappingOptions:
        if not isinstance(data, dict):
            raise _bad_mapping_file("the file must hold one JSON object")
        known = {"columns", "values", "sheet", "encoding", "delimiter", "header_row"}
        if not (set(data) & known):
            data = {"columns": data}  # the short form: {"header": "field", ...}
        columns = data.get("columns") or {}
        values = data.get("values") or {}
        if not isinstance(columns, dict) or not isinstance(values, dict):
            raise _bad_mapping_file("'columns' and 'values' must be objects")
        opts = cls(
            columns={
                str(k): "" if v is None or str(v).lower() in ("", "-", "ignore", "none") else str(v)
                for k, v in columns.items()
            },
            values={str(f): {str(a): str(b) for a, b in m.items()} for f, m in values.items()},
            sheet=data.get("sheet"),
            encoding=data.get("encoding"),
            delimiter=data.get("delimiter"),
            header_row=data.get("header_row"),
        )
        opts.check()
        return opts

    @classmethod
    def load(cls, path: str | Path) -> MappingOptions:
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8-sig"))
        except FileNotFoundError:
            raise errors.InvalidInput(
                f"No mapping file at {path}.", f"매핑 파일이 없습니다: {path}", "mapping"
            ) from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise _bad_mapping_file(str(exc)) from exc
        return cls.from_json(data)

    def check(self) -> None:
        for target in self.columns.values():
            if target not in IMPORT_FIELDS and target != IGNORE:
                raise errors.InvalidInput(
                    f"Unknown field {target!r} in the mapping; fields: {', '.join(IMPORT_FIELDS)} "
                    "(or 'ignore').",
                    f"매핑의 {target!r} 은(는) 알 수 없는 항목입니다. 항목: {', '.join(IMPORT_FIELDS)} "
                    "(또는 'ignore')",
                    "mapping",
                )

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"columns": dict(self.columns)}
        if self.values:
            data["values"] = self.values
        for key in ("sheet", "encoding", "delimiter", "header_row"):
            if getattr(self, key) is not None:
                data[key] = getattr(self, key)
        return data


def parse_map_option(text: str) -> tuple[str, str]:
    """``column=field`` from the command line (``ignore`` or nothing drops a column)."""
    column, sep, target = text.rpartition("=")
    if not sep or not column.strip():
        raise errors.InvalidInput(
            f"--map expects COLUMN=FIELD (e.g. 성함=display_name), got {text!r}.",
            f"--map 은 열=항목 형식이어야 합니다 (예: 성함=display_name): {text!r}",
            "mapping",
        )
    target = target.strip()
    if target.lower() in ("ignore", "none", "-", ""):
        target = IGNORE
    return column.strip(), target


def parse_value_option(text: str) -> tuple[str, str, str]:
    """``field:value=target`` from the command line, e.g. ``category:일반석=guest``."""
    head, sep, target = text.rpartition("=")
    fld, colon, value = head.partition(":")
    if not sep or not colon or not value.strip() or not target.strip():
        raise errors.InvalidInput(
            f"--map-value expects FIELD:VALUE=TARGET (e.g. category:일반석=guest), got {text!r}.",
            f"--map-value 는 항목:값=대상 형식이어야 합니다 (예: category:일반석=guest): {text!r}",
            "mapping",
        )
    return fld.strip(), value.strip(), target.strip()


def _bad_mapping_file(detail: str) -> errors.InvalidInput:
    return errors.InvalidInput(
        f"The mapping file cannot be read: {detail}.",
        f"매핑 파일을 읽을 수 없습니다: {detail}",
        "mapping",
    )


def _combined_header(rows: list[tuple[int, list[str]]], i: int) -> list[str]:
    """Row i's cells as headers; blank cells take the label of the row above (a
    two-row header whose upper row has merged group labels)."""
    cells = list(rows[i][1])
    if i > 0 and rows[i - 1][0] == rows[i][0] - 1:
        above = rows[i - 1][1]
        for c, text in enumerate(above):
            if c >= len(cells):
                cells.append(text)
            elif not cells[c].strip():
                cells[c] = text
    return cells


def _header_score(cells: list[str]) -> int:
    found = set()
    for text in cells:
        m = match_header(text)
        if m:
            found.add(m[0])
    return len(found)


def find_header_row(table: Table, header_row: int | None = None) -> int:
    """Index (into ``table.rows``) of the header row."""
    if header_row is not None:
        for i, (number, _) in enumerate(table.rows):
            if number == header_row:
                return i
        raise errors.InvalidInput(
            f"Row {header_row} is empty or not in the file.",
            f"{header_row}행이 비어 있거나 파일에 없습니다.",
            "header_row",
        )
    best, best_score = 0, 0
    for i in range(min(HEADER_SCAN_ROWS, len(table.rows))):
        score = _header_score(_combined_header(table.rows, i))
        if score > best_score:
            best, best_score = i, score
    return best


def _resolve_column(key: str, headers: list[str]) -> int | None:
    norm_headers = [_norm(h) for h in headers]
    if key in headers:
        return headers.index(key)
    k = _norm(key)
    if k and k in norm_headers:
        return norm_headers.index(k)
    if re.fullmatch(r"[A-Za-z]{1,3}", key):
        idx = _col_number(key.upper()) - 1
        if idx < len(headers):
            return idx
    if key.isdigit() and 1 <= int(key) <= len(headers):
        return int(key) - 1
    return None


def detect_mapping(
    headers: list[str],
    options: MappingOptions | None = None,
    sample_rows: Sequence[list[str]] = (),
    categories: Sequence[settings_mod.Category] = (),
) -> list[ColumnMap]:
    """Column -> field for every column: synonyms, then the organizer's corrections."""
    options = options or MappingOptions()
    result: list[ColumnMap] = []
    for i, header in enumerate(headers):
        m = match_header(header)
        if m:
            result.append(ColumnMap(i, header, m[0], "auto", m[1]))
        else:
            result.append(ColumnMap(i, header, IGNORE, "none"))
    # A generic name column is the full name when a badge-name column exists.
    has_badge_name = any(c.field == "display_name" and c.priority == 0 for c in result)
    if has_badge_name:
        for c in result:
            if c.field == "display_name" and c.how == "auto" and c.priority in (2, 7):
                c.field, c.priority = "full_name", 2
    _map_weak_headers(result, sample_rows, categories)
    _note_unrecognised(result)
    _apply_corrections(result, headers, options)
    return result


def _map_weak_headers(
    result: list[ColumnMap],
    sample_rows: Sequence[list[str]],
    categories: Sequence[settings_mod.Category],
) -> None:
    """Weak headers: only when every value makes sense (pretix "Product" as category)."""
    claimed = {c.field for c in result if c.field}
    value_maps = _value_tables(categories)
    for c in result:
        if c.field:
            continue
        weak = _weak_match(c.header)
        if weak and weak not in claimed:
            values = [row[c.index] for row in sample_rows if c.index < len(row)]
            values = [v for v in values if v.strip()]
            if values and all(_category_value(v, value_maps) for v in values):
                c.field, c.how, c.priority = weak, "auto", 6
                claimed.add(weak)
            else:
                c.note = "values are not categories of this event; map them or choose a field"
                c.note_ko = "값이 이 행사의 구분과 맞지 않습니다. 직접 지정하세요"


def _note_unrecognised(result: list[ColumnMap]) -> None:
    """Columns nobody recognised are reported (the "촬영" no-photo flag must not vanish
    silently), with the closest field as a suggestion."""
    for c in result:
        if c.field or c.note or not str(c.header).strip() or _norm(c.header) in _NEVER:
            continue
        near = closest_field(c.header)
        if near:
            en, ko = FIELD_LABELS[near]
            c.suggest = near
            c.note = f"not recognised (closest field: {en}); choose a field for it if it matters"
            c.note_ko = f"알 수 없는 열입니다 (가장 비슷한 항목: {ko}). 필요하면 항목을 지정하세요"
        else:
            c.note = "not recognised; choose a field for it if it matters"
            c.note_ko = "알 수 없는 열입니다. 필요하면 항목을 지정하세요"


def _apply_corrections(
    result: list[ColumnMap], headers: list[str], options: MappingOptions
) -> None:
    """The organizer's corrections win."""
    for key, target in options.columns.items():
        idx = _resolve_column(key, headers)
        if idx is None:
            raise errors.InvalidInput(
                f"The mapping names a column {key!r} that is not in the file; columns: "
                f"{', '.join(h or column_letter(i) for i, h in enumerate(headers))}.",
                f"매핑에 있는 열 {key!r} 이(가) 파일에 없습니다. 열: "
                f"{', '.join(h or column_letter(i) for i, h in enumerate(headers))}",
                "mapping",
            )
        result[idx].field = target
        result[idx].how = "user"
        result[idx].note = result[idx].note_ko = result[idx].suggest = ""  # decided
        result[idx].priority = -1 if target else 9


def _value_tables(categories: Sequence[settings_mod.Category]) -> dict[str, str]:
    """Normalized category words -> category id, for this event's categories."""
    table: dict[str, str] = {}
    ids = {c.id for c in categories}
    for cat_id, words in CATEGORY_SYNONYMS.items():
        if cat_id in ids:
            for w in words:
                table.setdefault(_norm(w), cat_id)
    for c in categories:
        for w in (c.id, c.ko, c.en):
            if w:
                table[_norm(w)] = c.id
    return table


def _category_value(value: str, table: dict[str, str]) -> str | None:
    key = _norm(value)
    if not key:
        return None
    if key in table:
        return table[key]
    stripped = _norm(_BRACKETS.sub("", unicodedata.normalize("NFKC", value)))
    if stripped in table:
        return table[stripped]
    found = {cat for word, cat in table.items() if len(word) >= 2 and word in key}
    if len(found) == 1:
        return found.pop()
    return None


def field_choices() -> list[tuple[str, str, str]]:
    """(field, English label, Korean label) for mapping menus; ignore first."""
    return [(f, *FIELD_LABELS[f]) for f in (IGNORE, *IMPORT_FIELDS)]
