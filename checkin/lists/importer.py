"""Importing pre-registration lists: the names the app, the command line and the tests use.

The work is done in ``checkin.lists.importing``, one module per stage (see its
docstring); this module only gathers the public names, so callers keep writing
``from checkin.lists import importer`` and ``importer.plan_import(...)``.
"""

from __future__ import annotations

from checkin.lists.importing.aliases import (
    CATEGORY_SYNONYMS,
    CONSENT_CONTACT,
    CONSENT_SENSITIVE,
    FAMILY_NAME,
    FIELD_LABELS,
    GIVEN_NAME,
    IGNORE,
    IMPORT_FIELDS,
    ORDER_CODE,
    PHOTO_OK,
    POSITION_ID,
    STATUS_VALUES,
)
from checkin.lists.importing.apply import ImportRejected, ImportResult, apply_plan, import_file
from checkin.lists.importing.columns import (
    HEADER_SCAN_ROWS,
    ColumnMap,
    MappingOptions,
    closest_field,
    detect_mapping,
    field_choices,
    find_header_row,
    match_header,
    parse_map_option,
    parse_value_option,
)
from checkin.lists.importing.model import (
    ImportPlan,
    PlannedUpdate,
    RowIssue,
    issues_text,
    iter_preview,
)
from checkin.lists.importing.plan import FORMULA_PREFIXES, Progress, plan_import, unneutralize
from checkin.lists.importing.read import BINARY_SAMPLE, decode_bytes, detect_delimiter, read_table
from checkin.lists.importing.read_xlsx import RawSheet
from checkin.lists.importing.table import MAX_CELL, MAX_FILE_BYTES, MAX_ROWS, Table, column_letter

__all__ = [
    "BINARY_SAMPLE",
    "CATEGORY_SYNONYMS",
    "CONSENT_CONTACT",
    "CONSENT_SENSITIVE",
    "FAMILY_NAME",
    "FIELD_LABELS",
    "FORMULA_PREFIXES",
    "GIVEN_NAME",
    "HEADER_SCAN_ROWS",
    "IGNORE",
    "IMPORT_FIELDS",
    "MAX_CELL",
    "MAX_FILE_BYTES",
    "MAX_ROWS",
    "ORDER_CODE",
    "PHOTO_OK",
    "POSITION_ID",
    "STATUS_VALUES",
    "ColumnMap",
    "ImportPlan",
    "ImportRejected",
    "ImportResult",
    "MappingOptions",
    "PlannedUpdate",
    "Progress",
    "RawSheet",
    "RowIssue",
    "Table",
    "apply_plan",
    "closest_field",
    "column_letter",
    "decode_bytes",
    "detect_delimiter",
    "detect_mapping",
    "field_choices",
    "find_header_row",
    "import_file",
    "issues_text",
    "iter_preview",
    "match_header",
    "parse_map_option",
    "parse_value_option",
    "plan_import",
    "read_table",
    "unneutralize",
]
