"""What reading a file produces: a ``Table`` of cells with the organizer's row numbers.

Shared by the readers (``read``, ``read_xlsx``) and the later stages: the size limits,
the two errors every reader can raise (no rows, too many rows) and column letters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from checkin import errors

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_ROWS = 500_000
MAX_CELL = 10_000  # longer cells are cut (and the row reported): a broken quote, most likely


@dataclass
class Table:
    """A file's cells, as strings, with the row numbers the organizer sees."""

    path: str
    format: str  # "csv" or "xlsx"
    rows: list[tuple[int, list[str]]]  # (row number, cells); blank rows left out
    encoding: str = ""
    delimiter: str = ""
    sheet: str = ""
    sheets: list[str] = field(default_factory=list)
    numeric_cells: set[tuple[int, int]] = field(default_factory=set)  # (row, col) from numbers
    cut_cells: list[tuple[int, int]] = field(
        default_factory=list
    )  # (row, col) longer than MAX_CELL

    @property
    def width(self) -> int:
        return max((len(cells) for _, cells in self.rows), default=0)


def _empty_file(p: Path) -> errors.InvalidInput:
    return errors.InvalidInput(
        f"{p.name} has no rows to import.", f"{p.name} 에 가져올 행이 없습니다.", "file"
    )


def _too_many_rows(p: Path) -> errors.InvalidInput:
    return errors.InvalidInput(
        f"{p.name} has more than {MAX_ROWS:,} rows; split it into smaller files.",
        f"{p.name} 의 행이 {MAX_ROWS:,}개를 넘습니다. 여러 파일로 나누어 가져오세요.",
        "file",
    )


def _col_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + (ord(ch) - 64)
    return n


def column_letter(index: int) -> str:
    """0 -> A, 26 -> AA."""
    n = index + 1
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out
