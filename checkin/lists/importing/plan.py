"""Planning an import: every row validated and placed, nothing changed.

``plan_import`` reads the file (``read``), finds the header and maps the columns
(``columns``), then reads every row: the first non-empty cell of each field's columns,
the organizer's value corrections, composite fields (given and family name, pretix's
order code and position), yes/no, category, status and language values, the consent
columns, and finally ``checkin.people.fields`` validation, so a row lists all its
problems at once, each with its row number and a reason in Korean and English. Valid
rows go to ``match`` (duplicates, updates, new attendees).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checkin import errors
from checkin.db.eventfile import EventFile
from checkin.event import settings as settings_mod
from checkin.lists.importing.aliases import (
    _AGREE,
    _REFUSE,
    CONSENT_CONTACT,
    CONSENT_SENSITIVE,
    FAMILY_NAME,
    FIELD_LABELS,
    GIVEN_NAME,
    ORDER_CODE,
    PHOTO_OK,
    POSITION_ID,
    STATUS_VALUES,
    _norm,
)
from checkin.lists.importing.columns import (
    ColumnMap,
    MappingOptions,
    _category_value,
    _combined_header,
    _value_tables,
    detect_mapping,
    find_header_row,
)
from checkin.lists.importing.match import _Matcher
from checkin.lists.importing.model import ImportPlan, RowIssue
from checkin.lists.importing.read import read_table
from checkin.lists.importing.table import MAX_CELL, Table
from checkin.models import ATTENDEE_COLUMNS, Attendee
from checkin.people import fields
from checkin.people.hangul import has_hangul
from checkin.protect import consent

Progress = Callable[[int, int], None]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_CONSENT_COLUMNS = {CONSENT_CONTACT: "contact", CONSENT_SENSITIVE: "sensitive"}


def unneutralize(text: str) -> str:
    """Undo the exporter's formula guard: ``'=x`` -> ``=x`` (a lone ``'`` stays)."""
    if len(text) > 1 and text[0] == "'" and text[1] in FORMULA_PREFIXES:
        return text[1:]
    return text


def _flag_value(value: str, target: str) -> bool | None:
    """True when the person asked not to be photographed; None if unreadable."""
    key = _norm(value)
    inverse = target == PHOTO_OK
    try:
        yes = fields.flag(value, "no_photo")
        return (not yes) if inverse else yes
    except errors.InvalidInput:
        pass
    if any(w in key for w in _REFUSE):
        return True
    if any(w in key for w in _AGREE):
        return False
    return None


def _language_value(value: str) -> str:
    key = _norm(value)
    if not key:
        return ""
    if key.startswith(("ko", "한", "kr")):
        return "ko"
    return "en"


def _phone_value(value: str, numeric: bool) -> str:
    digits = value.strip()
    # Excel drops the leading 0 of a number typed as a number: 1012345678.
    if (
        digits.isdigit()
        and (numeric or len(digits) == 10)
        and digits.startswith("10")
        and len(digits) in (9, 10)
    ):
        return "0" + digits
    return value


def plan_import(
    ef: EventFile,
    path: str | Path,
    options: MappingOptions | None = None,
    progress: Progress | None = None,
    table: Table | None = None,
) -> ImportPlan:
    """Read, map and validate a file against the event; changes nothing."""
    options = options or MappingOptions()
    if table is None:
        table = read_table(path, options.sheet, options.encoding, options.delimiter)
    cfg = settings_mod.load(ef)
    h = find_header_row(table, options.header_row)
    headers = [c.strip() for c in _combined_header(table.rows, h)]
    width = max(table.width, len(headers))
    headers += [""] * (width - len(headers))
    data = table.rows[h + 1 :]
    columns = detect_mapping(headers, options, [cells for _, cells in data[:200]], cfg.categories)
    plan = ImportPlan(
        table=table, header_row=table.rows[h][0], headers=headers, columns=columns,
        data_rows=len(data), options=options,
    )  # fmt: skip
    with ef.read() as conn:
        plan.data_version = conn.execute("PRAGMA data_version").fetchone()[0]
        existing = [
            Attendee.from_row(r) for r in conn.execute(f"SELECT {ATTENDEE_COLUMNS} FROM attendees")
        ]
        _plan_rows(plan, data, cfg, existing, progress)
    return plan


@dataclass
class _Rules:
    """What every row of one plan is read with, worked out once per plan."""

    cfg: settings_mod.EventSettings
    by_field: dict[str, list[ColumnMap]]  # field -> its columns, in priority order
    categories: list[str]
    cat_table: dict[str, str]
    cat_cache: dict[str, str | None]  # a file has few distinct category values
    user_values: dict[str, dict[str, str]]  # field -> normalized value -> value
    numeric: set[tuple[int, int]]
    cut: set[tuple[int, int]]
    consent_columns: list[str]
    versions: dict[str, str]
    # Without consent columns: the items the organizer declared (``MappingOptions``).
    declared: consent.Declaration | None


def _col_label(c: ColumnMap) -> str:
    return c.header or c.letter


def _plan_rows(
    plan: ImportPlan,
    data: list[tuple[int, list[str]]],
    cfg: settings_mod.EventSettings,
    existing: list[Attendee],
    progress: Progress | None,
) -> None:
    """Read every data row into ``plan`` (issues, new rows, updates), in file order."""
    issues = plan.issues
    by_field: dict[str, list[ColumnMap]] = {}
    for c in sorted(plan.columns, key=lambda c: (c.priority, c.index)):
        if c.field:
            by_field.setdefault(c.field, []).append(c)
    if _no_name_column(plan, by_field):
        return
    consent_columns = [f for f in _CONSENT_COLUMNS if f in by_field]
    versions = {key: w.version for key, w in consent.items(cfg).items()}
    declared = plan.options.consent_declared
    if declared is not None and consent_columns:
        issues.append(_declared_with_columns(plan.header_row))
        return
    rules = _Rules(
        cfg=cfg, by_field=by_field, categories=cfg.category_ids(),
        cat_table=_value_tables(cfg.categories), cat_cache={},
        user_values={f: {_norm(k): v for k, v in m.items()} for f, m in plan.options.values.items()},
        numeric=plan.table.numeric_cells, cut={(r, c) for r, c in plan.table.cut_cells},
        consent_columns=consent_columns, versions=versions, declared=declared,
    )  # fmt: skip
    matcher = _Matcher(plan, existing, rules.categories, _col_label)
    total = len(data)
    step = max(1, total // 100)
    for n, (row, cells) in enumerate(data):
        if progress and n % step == 0:
            progress(n, total)
        valid = _row_values(plan, rules, row, cells)
        if valid is not None:
            matcher.place(row, *valid)
    _note_unmapped_columns(plan)
    if progress:
        progress(total, total)
    issues.sort(key=lambda i: (i.row, i.severity != "error"))


def _no_name_column(plan: ImportPlan, by_field: dict[str, list[ColumnMap]]) -> bool:
    """No column holds the names: the plan gets one error and no rows are read."""
    if (
        "display_name" not in by_field
        and "full_name" not in by_field
        and not (GIVEN_NAME in by_field or FAMILY_NAME in by_field)
    ):
        plan.issues.append(
            RowIssue(
                plan.header_row, "error", "no_name_column", "display_name", "",
                "No column holds the names. In the mapping, choose "
                f"\u201c{FIELD_LABELS['display_name'][0]}\u201d for the column that holds them.",
                "이름이 들어 있는 열을 찾지 못했습니다. 매핑에서 이름이 든 열에 "
                f"\u2018{FIELD_LABELS['display_name'][1]}\u2019을(를) 지정하세요.",
            )
        )  # fmt: skip
        return True
    return False


def _note_unmapped_columns(plan: ImportPlan) -> None:
    """A warning for each likely column that was left out (``ColumnMap.note``)."""
    for c in plan.columns:
        if c.note and not c.field:
            plan.issues.append(
                RowIssue(0, "warning", "unmapped", "", c.header or c.letter,
                         f"Column {c.header or c.letter} was not imported: {c.note}.",
                         f"{c.header or c.letter} 열은 가져오지 않았습니다: {c.note_ko}.")
            )  # fmt: skip


def _row_values(
    plan: ImportPlan, rules: _Rules, row: int, cells: list[str]
) -> tuple[dict[str, Any], dict[str, Any] | None, dict[str, ColumnMap], str, dict[str, str]] | None:
    """One row as validated values: (normalized, complete, source, registration number,
    held), ``complete`` with a new attendee's defaults when the fast path made it,
    ``held`` the fields not kept for want of consent (to tell people apart, never
    stored); None when the row has errors (added to the plan's issues, all at once)."""
    values: dict[str, Any] = {}
    source: dict[str, ColumnMap] = {}
    row_errors: list[RowIssue] = []
    _read_cells(rules, row, cells, values, source, row_errors)
    _compose_fields(values, source)
    _photo_flags(row, values, source, row_errors)
    if "category" in values:
        _category_field(plan, rules, row, values, source, row_errors)
    if "status" in values:
        _status_field(row, values, source, row_errors)
    if rules.consent_columns:
        held = _apply_consent_columns(plan, row, values, source, rules.consent_columns,
                                      rules.versions, row_errors, _col_label)  # fmt: skip
    else:
        held = _keep_required(plan, values, rules.declared)
    if "language" in values:
        values["language"] = _language_value(values["language"])
    reg_ref = values.pop("reg_no", "")
    if "reg_no" in rules.by_field and reg_ref:
        source["reg_no"] = rules.by_field["reg_no"][0]
    normalized, complete = _normalize_row(rules, row, values, source, row_errors)
    if not normalized.get("display_name") and not any(
        e.field == "display_name" for e in row_errors
    ):
        by_field = rules.by_field
        row_errors.append(
            RowIssue(row, "error", "missing_name", "display_name",
                     _col_label(by_field["display_name"][0]) if "display_name" in by_field else "",
                     "The name is empty.", "이름이 비어 있습니다.")
        )  # fmt: skip
    if row_errors:
        plan.issues.extend(row_errors)
        return None
    return normalized, complete, source, reg_ref, held


def _read_cells(
    rules: _Rules,
    row: int,
    cells: list[str],
    values: dict[str, Any],
    source: dict[str, ColumnMap],
    row_errors: list[RowIssue],
) -> None:
    """Each field's value: the first non-empty cell of its columns (in priority order),
    with the organizer's value corrections; cells cut at ``MAX_CELL`` are errors."""
    user_values, numeric, cut = rules.user_values, rules.numeric, rules.cut
    col_label = _col_label
    for fld, cols in rules.by_field.items():
        for c in cols:
            raw = cells[c.index].strip() if c.index < len(cells) else ""
            if raw[:1] == "'":
                raw = unneutralize(raw)
            if cut and (row, c.index) in cut:
                row_errors.append(
                    RowIssue(row, "error", "too_long", fld, col_label(c),
                             f"Column {col_label(c)}: the cell is longer than {MAX_CELL:,} "
                             "characters (a broken quote in the file?).",
                             f"{col_label(c)} 열: 칸의 내용이 {MAX_CELL:,}자를 넘습니다 "
                             "(따옴표가 잘못되었을 수 있습니다).")
                )  # fmt: skip
            if raw:
                if fld in user_values and _norm(raw) in user_values[fld]:
                    raw = user_values[fld][_norm(raw)]
                if fld == "phone" and raw[:2] == "10":
                    raw = _phone_value(raw, (row, c.index) in numeric)
                values[fld] = raw
                source[fld] = c
                break


def _compose_fields(values: dict[str, Any], source: dict[str, ColumnMap]) -> None:
    """Composite fields: pretix's order code and position make the external id, given
    and family name the name, and the full name stands in for an empty badge name."""
    if ORDER_CODE in values:
        code = values.pop(ORDER_CODE)
        pos = values.pop(POSITION_ID, "")
        if "external_id" not in values:
            values["external_id"] = f"{code}-{pos}" if pos else code
            source["external_id"] = source[ORDER_CODE]
    values.pop(POSITION_ID, None)
    given = values.pop(GIVEN_NAME, "")
    family = values.pop(FAMILY_NAME, "")
    if (given or family) and not values.get("display_name"):
        composed = f"{family}{given}" if has_hangul(family + given) else f"{given} {family}".strip()
        values["display_name"] = composed
        source["display_name"] = source.get(GIVEN_NAME) or source[FAMILY_NAME]
    if not values.get("display_name") and values.get("full_name"):
        values["display_name"] = values["full_name"]
        source["display_name"] = source["full_name"]


def _photo_flags(
    row: int, values: dict[str, Any], source: dict[str, ColumnMap], row_errors: list[RowIssue]
) -> None:
    """A no-photo or photo-allowed column as the ``no_photo`` flag."""
    col_label = _col_label
    for target in ("no_photo", PHOTO_OK):
        if target in values:
            raw = values.pop(target)
            flag = _flag_value(raw, target)
            c = source[target]
            if flag is None:
                row_errors.append(
                    RowIssue(row, "error", "invalid", "no_photo", col_label(c),
                             f"Column {col_label(c)}: expected yes or no, got {raw!r}.",
                             f"{col_label(c)} 열: 예/아니오 중 하나여야 합니다 ({raw!r}).")
                )  # fmt: skip
            elif "no_photo" not in values:
                values["no_photo"] = flag
                source["no_photo"] = c


def _category_field(
    plan: ImportPlan,
    rules: _Rules,
    row: int,
    values: dict[str, Any],
    source: dict[str, ColumnMap],
    row_errors: list[RowIssue],
) -> None:
    """The category value as one of the event's categories; an unknown one is an
    error, and remembered for the organizer to map (``plan.unknown_categories``)."""
    col_label, cat_cache, cfg = _col_label, rules.cat_cache, rules.cfg
    raw = values["category"]
    if raw in cat_cache:
        cat = cat_cache[raw]
    else:
        cat = cat_cache[raw] = _category_value(raw, rules.cat_table)
    if cat is None:
        c = source["category"]
        row_errors.append(
            RowIssue(row, "error", "invalid", "category", col_label(c),
                     f"Column {col_label(c)}: unknown category {raw!r}; use one of "
                     f"{', '.join(c2.en for c2 in cfg.categories)} (or map the value).",
                     f"{col_label(c)} 열: 알 수 없는 구분 {raw!r}. 다음 중 하나를 쓰세요: "
                     f"{', '.join(c2.ko for c2 in cfg.categories)} (또는 값을 매핑하세요).")
        )  # fmt: skip
        values.pop("category")
        plan.unknown_categories.setdefault(raw, []).append(row)
    else:
        values["category"] = cat


def _status_field(
    row: int, values: dict[str, Any], source: dict[str, ColumnMap], row_errors: list[RowIssue]
) -> None:
    """The status value as registered or cancelled."""
    col_label = _col_label
    st = STATUS_VALUES.get(_norm(values["status"]))
    if st is None:
        c = source["status"]
        row_errors.append(
            RowIssue(row, "error", "invalid", "status", col_label(c),
                     f"Column {col_label(c)}: unknown status {values['status']!r} "
                     "(registered or cancelled).",
                     f"{col_label(c)} 열: 알 수 없는 상태 {values['status']!r} "
                     "(등록 또는 취소).")
        )  # fmt: skip
        values.pop("status")
    else:
        values["status"] = st


def _normalize_row(
    rules: _Rules,
    row: int,
    values: dict[str, Any],
    source: dict[str, ColumnMap],
    row_errors: list[RowIssue],
) -> tuple[dict[str, Any], dict[str, Any] | None]:
    """(normalized values, complete new attendee or None), validated by
    ``checkin.people.fields``: the whole row at once when it can be, else field by
    field, so a row lists all its problems at once."""
    categories = rules.categories
    normalized: dict[str, Any] = {}
    complete: dict[str, Any] | None = None
    if not row_errors and values.get("display_name"):
        # Fast path: the whole row at once (with defaults for new attendees).
        try:
            complete = fields.normalize(values, categories, partial=False)
            normalized = {k: complete[k] for k in values if k in complete}
        except errors.InvalidInput:
            complete = None
    for fld, value in values.items() if complete is None else ():
        # Field by field, so a row lists all its problems at once.
        try:
            normalized.update(fields.normalize({fld: value}, categories, partial=True))
        except errors.InvalidInput as exc:
            src = source.get(fld)
            label = _col_label(src) if src else fld
            row_errors.append(
                RowIssue(row, "error", "invalid", exc.field or fld, label,
                         f"Column {label}: {exc.en}", f"{label} 열: {exc.ko}")
            )  # fmt: skip
    return normalized, complete


def _apply_consent_columns(
    plan: ImportPlan,
    row: int,
    values: dict[str, Any],
    source: dict[str, ColumnMap],
    consent_columns: list[str],
    versions: dict[str, str],
    row_errors: list[RowIssue],
    col_label: Callable[[ColumnMap], str],
) -> dict[str, str]:
    """A row's consent columns: the answers recorded (the time is the import's, filled
    in by ``apply_plan``), and an item's fields dropped where its column says no.
    Returns what was dropped (for telling people apart only; never stored)."""
    answers: dict[str, dict[str, Any]] = {consent.ENTRY: {"at": 0, "v": versions["entry"]}}
    held: dict[str, str] = {}
    for pseudo in consent_columns:
        item = _CONSENT_COLUMNS[pseudo]
        raw = values.pop(pseudo, "")
        agreed = _consent_value(raw) if raw else False
        if agreed is None:
            c = source[pseudo]
            row_errors.append(
                RowIssue(row, "error", "invalid", pseudo, col_label(c),
                         f"Column {col_label(c)}: expected yes or no, got {raw!r}.",
                         f"{col_label(c)} 열: 예/아니오 중 하나여야 합니다 ({raw!r}).")
            )  # fmt: skip
            agreed = False
        if agreed:
            answers[item] = {"at": 0, "v": versions[item]}
            continue
        for name in consent.FIELDS[item]:
            if values.get(name):
                held[name] = values[name]
            values.pop(name, None)
    if held:
        plan.consent_dropped += 1
    values["consents"] = consent.encode(answers)
    return held


def _keep_required(
    plan: ImportPlan, values: dict[str, Any], declared: consent.Declaration | None
) -> dict[str, str]:
    """A row of a file without consent columns keeps only ``consent.KEPT_WITHOUT_CONSENT``
    (item (a) and the record's own state), and the fields of the items the organizer
    declared the people agreed to. Returns what was dropped (never stored)."""
    kept = {*consent.KEPT_WITHOUT_CONSENT, *(declared.fields() if declared else ())}
    held = {name: values.pop(name) for name in list(values) if name not in kept}
    if declared is not None:  # the time is the import's (``_stamp_consents``)
        values["consents"] = consent.encode(declared.answers(0))
    held = {name: value for name, value in held.items() if value}
    if held:
        plan.consent_dropped += 1
    return held


def _declared_with_columns(header_row: int) -> RowIssue:
    return RowIssue(
        header_row, "error", "consent_declared", "consent", "",
        "The file has consent columns: they say who agreed to what. Leave out the "
        "declaration that everyone agreed.",
        "파일에 동의 열이 있습니다. 누가 무엇에 동의했는지는 그 열이 말합니다. 모두 동의했다는 "
        "선언은 빼 주세요.",
    )  # fmt: skip


def _consent_value(value: str) -> bool | None:
    """Yes (agreed), no, or None when unreadable: 동의 / 미동의, yes / no, O / X."""
    try:
        return fields.flag(value, "consent")
    except errors.InvalidInput:
        pass
    key = _norm(value)
    if any(w in key for w in _REFUSE):
        return False
    if any(w in key for w in _AGREE):
        return True
    return None
