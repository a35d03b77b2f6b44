"""Small-count suppression for every figure that leaves the app.

A count of 1 or 2 for a category at a door in a quarter hour can name a person, so
reports, ``stats --json`` and other exports hide every count below the event's
threshold (``small_count_threshold``, default 5) as ``"<5"``. Hiding one cell is not
enough when its row or column total is printed beside it: the total minus the visible
cells gives the hidden one back. So cells are also hidden *to protect* a small one
("complementary suppression", shown as ``"x"``) until no hidden cell can be worked
out from the published totals:

- not by linear algebra (a hidden cell is determined when its value follows from the
  line sums, checked exactly by elimination over the rationals), and
- not by bounds (a small cell is known to lie in 1..threshold-1 and a protecting cell
  to be at least the threshold; interval propagation along each line must leave every
  hidden cell at least two possible values).

Zeros stay visible: a zero names nobody. The whole-event totals are not hidden (the
issue's rule: only figures finer than the whole event). Pure functions, no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

DEFAULT_THRESHOLD = 5
SECONDARY_MARK = "x"
#: the setting that holds the threshold (3..100; 1 turns suppression off)
SETTING = "small_count_threshold"


def mark(threshold: int) -> str:
    """What a small (primary) hidden cell shows."""
    return f"<{threshold}"


@dataclass(frozen=True, slots=True)
class Cell:
    """One published cell: the value, or why it is hidden."""

    value: int
    hidden: bool = False
    primary: bool = False  # hidden because it is small (else: hidden to protect one)

    def show(self, threshold: int, fmt: str = "{:,}") -> str:
        if not self.hidden:
            return fmt.format(self.value)
        return mark(threshold) if self.primary else SECONDARY_MARK

    def json(self, threshold: int) -> int | str:
        return self.show(threshold, "{}") if self.hidden else self.value


def threshold_of(extra: dict[str, Any]) -> int:
    """The event's threshold from its settings' extra values (validated on write)."""
    value = extra.get(SETTING, DEFAULT_THRESHOLD)
    return value if isinstance(value, int) and not isinstance(value, bool) else DEFAULT_THRESHOLD


def validate_threshold(value: Any) -> int:
    from checkin.event import settings as settings_mod

    return settings_mod.validate_threshold(value)


def suppress_line(
    values: Sequence[int], threshold: int, total_published: bool = True
) -> list[Cell]:
    """One row of counts (with its total printed, unless ``total_published`` is False)."""
    return suppress_table([list(values)], threshold, row_totals=total_published,
                          col_totals=False)[0]  # fmt: skip


def suppress_table(
    table: Sequence[Sequence[int]],
    threshold: int,
    *,
    row_totals: bool = True,
    col_totals: bool = True,
) -> list[list[Cell]]:
    """Hide every count in 1..threshold-1 and enough others that none can be recovered
    from the published row and/or column totals."""
    rows = [list(r) for r in table]
    if any(len(r) != len(rows[0]) for r in rows):
        raise ValueError("a table's rows must have the same length")
    n_rows, n_cols = len(rows), len(rows[0]) if rows else 0
    hidden = {(i, j) for i in range(n_rows) for j in range(n_cols) if 0 < rows[i][j] < threshold}
    primary = set(hidden)
    lines: list[list[tuple[int, int]]] = []
    if row_totals:
        lines += [[(i, j) for j in range(n_cols)] for i in range(n_rows)]
    if col_totals:
        lines += [[(i, j) for i in range(n_rows)] for j in range(n_cols)]
    if hidden and threshold > 1:
        while True:
            exposed = _exposed(rows, hidden, primary, lines, threshold)
            if not exposed:
                break
            if not _protect(rows, hidden, lines, exposed):
                break  # nothing left to hide in any line that holds it
    return [
        [Cell(rows[i][j], (i, j) in hidden, (i, j) in primary) for j in range(n_cols)]
        for i in range(n_rows)
    ]


def recoverable(
    table: Sequence[Sequence[int]],
    cells: Sequence[Sequence[Cell]],
    threshold: int,
    *,
    row_totals: bool = True,
    col_totals: bool = True,
) -> set[tuple[int, int]]:
    """The hidden cells an outsider could work out from what is published (for tests
    and self-checks): empty when the suppression holds."""
    rows = [list(r) for r in table]
    hidden = {(i, j) for i, r in enumerate(cells) for j, c in enumerate(r) if c.hidden}
    primary = {(i, j) for i, r in enumerate(cells) for j, c in enumerate(r) if c.primary}
    n_rows, n_cols = len(rows), len(rows[0]) if rows else 0
    lines: list[list[tuple[int, int]]] = []
    if row_totals:
        lines += [[(i, j) for j in range(n_cols)] for i in range(n_rows)]
    if col_totals:
        lines += [[(i, j) for i in range(n_rows)] for j in range(n_cols)]
    return _exposed(rows, hidden, primary, lines, threshold)


def _exposed(
    rows: list[list[int]],
    hidden: set[tuple[int, int]],
    primary: set[tuple[int, int]],
    lines: list[list[tuple[int, int]]],
    threshold: int,
) -> set[tuple[int, int]]:
    return _determined_linear(rows, hidden, lines) | _determined_by_bounds(
        rows, hidden, primary, lines, threshold
    )


def _determined_linear(
    rows: list[list[int]], hidden: set[tuple[int, int]], lines: list[list[tuple[int, int]]]
) -> set[tuple[int, int]]:
    """Hidden cells whose value follows from the line sums (Gauss-Jordan, exact)."""
    order = sorted(hidden)
    index = {c: k for k, c in enumerate(order)}
    matrix: list[list[Fraction]] = []
    for line in lines:
        row = [Fraction(0)] * len(order)
        touched = False
        for c in line:
            if c in index:
                row[index[c]] = Fraction(1)
                touched = True
        if touched:
            matrix.append(row)
    # reduced row echelon form
    pivots: list[int] = []
    r = 0
    for col in range(len(order)):
        pivot = next((k for k in range(r, len(matrix)) if matrix[k][col] != 0), None)
        if pivot is None:
            continue
        matrix[r], matrix[pivot] = matrix[pivot], matrix[r]
        lead = matrix[r][col]
        matrix[r] = [v / lead for v in matrix[r]]
        for k in range(len(matrix)):
            if k != r and matrix[k][col] != 0:
                f = matrix[k][col]
                matrix[k] = [a - f * b for a, b in zip(matrix[k], matrix[r], strict=True)]
        pivots.append(col)
        r += 1
    found = set()
    for k, col in enumerate(pivots):
        if sum(1 for v in matrix[k] if v != 0) == 1:  # the row reads: cell = constant
            found.add(order[col])
    return found


def _determined_by_bounds(
    rows: list[list[int]],
    hidden: set[tuple[int, int]],
    primary: set[tuple[int, int]],
    lines: list[list[tuple[int, int]]],
    threshold: int,
) -> set[tuple[int, int]]:
    """Hidden cells pinned to one value by what an outsider knows of their range."""
    big = 10**12
    # a small cell is 1..threshold-1; a protecting cell was a visible count, so at
    # least the threshold (or a zero, hidden only when a line had nothing else left)
    lo = {c: (1 if c in primary else min(threshold, rows[c[0]][c[1]])) for c in hidden}
    hi = {c: (threshold - 1 if c in primary else big) for c in hidden}
    for _ in range(4 * len(hidden) + 4):
        changed = False
        for line in lines:
            cells = [c for c in line if c in hidden]
            if not cells:
                continue
            rest = sum(rows[c[0]][c[1]] for c in cells)  # total minus the visible ones
            for c in cells:
                others = [o for o in cells if o != c]
                new_lo = max(lo[c], rest - sum(hi[o] for o in others))
                new_hi = min(hi[c], rest - sum(lo[o] for o in others))
                if (new_lo, new_hi) != (lo[c], hi[c]):
                    lo[c], hi[c] = new_lo, new_hi
                    changed = True
        if not changed:
            break
    return {c for c in hidden if lo[c] >= hi[c]}


def _protect(
    rows: list[list[int]],
    hidden: set[tuple[int, int]],
    lines: list[list[tuple[int, int]]],
    exposed: set[tuple[int, int]],
) -> bool:
    """Hide one more cell in a line through an exposed cell: the smallest visible
    non-zero one (least information lost). False when no line has one left."""
    best: tuple[int, tuple[int, int]] | None = None
    for cell in sorted(exposed):
        for line in lines:
            if cell not in line:
                continue
            for c in line:
                v = rows[c[0]][c[1]]
                if c not in hidden and v > 0 and (best is None or (v, c) < best):
                    best = (v, c)
        if best is not None:
            break
    if best is None:
        # only zeros are left to hide: hide one so the line keeps two unknowns
        for cell in sorted(exposed):
            for line in lines:
                if cell in line:
                    for c in line:
                        if c not in hidden:
                            hidden.add(c)
                            return True
        return False
    hidden.add(best[1])
    return True
