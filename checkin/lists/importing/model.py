"""What planning produces: an ``ImportPlan`` (new rows, updates, unchanged and skipped
rows) and its ``RowIssue`` list, each with its row number and a reason in Korean and
English. Read-only views of a plan for the wizard and the command line are here too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checkin.lists.importing.columns import ColumnMap, MappingOptions
from checkin.lists.importing.table import Table


@dataclass(frozen=True)
class RowIssue:
    row: int  # the row number in the file (0: the file as a whole)
    severity: str  # "error" (blocks the import) or "warning"
    code: str  # invalid, duplicate, possible_duplicate, cut, unmapped, ...
    field: str
    column: str
    en: str
    ko: str

    def message(self, lang: str) -> str:
        return self.ko if lang == "ko" else self.en

    def to_json(self) -> dict[str, Any]:
        return {
            "row": self.row, "severity": self.severity, "code": self.code, "field": self.field,
            "column": self.column, "message": self.en, "message_ko": self.ko,
        }  # fmt: skip


@dataclass
class PlannedUpdate:
    row: int
    attendee_id: str
    reg_no: str
    changes: dict[str, Any]


@dataclass
class ImportPlan:
    table: Table
    header_row: int  # row number of the header in the file
    headers: list[str]
    columns: list[ColumnMap]
    new: list[tuple[int, dict[str, Any]]] = field(default_factory=list)  # (row, normalized)
    updates: list[PlannedUpdate] = field(default_factory=list)
    unchanged: list[tuple[int, str]] = field(default_factory=list)  # (row, attendee id)
    skipped: list[int] = field(default_factory=list)  # duplicate rows within the file
    issues: list[RowIssue] = field(default_factory=list)
    data_rows: int = 0
    data_version: int | None = None
    options: MappingOptions = field(default_factory=MappingOptions)
    # Category values the file uses that match no category (value -> rows), for the
    # organizer to map (``MappingOptions.values["category"]``).
    unknown_categories: dict[str, list[int]] = field(default_factory=dict)
    # Rows whose optional fields were dropped: their consent column said no (or nothing).
    consent_dropped: int = 0

    @property
    def errors(self) -> list[RowIssue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[RowIssue]:
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def error_rows(self) -> list[int]:
        return sorted({i.row for i in self.errors if i.row})

    def mapping(self) -> dict[str, str]:
        """header -> field, for the columns that are imported (for a mapping file)."""
        return {c.header or c.letter: c.field for c in self.columns if c.field}

    def summary(self) -> dict[str, Any]:
        return {
            "file": Path(self.table.path).name,
            "format": self.table.format,
            "encoding": self.table.encoding,
            "delimiter": self.table.delimiter,
            "sheet": self.table.sheet,
            "header_row": self.header_row,
            "rows": self.data_rows,
            "new": len(self.new),
            "updated": len(self.updates),
            "unchanged": len(self.unchanged),
            "skipped_duplicates": len(self.skipped),
            "optional_fields_dropped": self.consent_dropped,
            "consent_declared": list(self.options.consent_declared.items)
            if self.options.consent_declared
            else None,
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "error_rows": self.error_rows,
            "mapping": [
                {"column": c.letter, "header": c.header, "field": c.field, "how": c.how}
                for c in self.columns
            ],
        }


def iter_preview(plan: ImportPlan, limit: int = 20) -> Iterator[tuple[int, list[str]]]:
    """The first data rows as read (for a preview)."""
    h = next(i for i, (n, _) in enumerate(plan.table.rows) if n == plan.header_row)
    for row, cells in plan.table.rows[h + 1 : h + 1 + limit]:
        yield row, cells + [""] * (len(plan.headers) - len(cells))


def issues_text(issues: Iterable[RowIssue], lang: str) -> list[str]:
    out = []
    for i in issues:
        where = (f"{i.row}행" if lang == "ko" else f"row {i.row}") if i.row else ""
        mark = ("오류" if lang == "ko" else "error") if i.severity == "error" else (
            "주의" if lang == "ko" else "warning"
        )  # fmt: skip
        out.append(f"{where:>8}  {mark}: {i.message(lang)}")
    return out
