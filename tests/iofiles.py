"""Helpers that write the spreadsheet files the import/export tests read."""

from __future__ import annotations

import csv
import io
from pathlib import Path

KOREAN_ROWS = [
    ["이름", "연락처", "소속", "구분", "비고"],
    ["김민수", "010-1234-5678", "새터 이웃들", "탈북민", ""],
    ["이영희", "01098765432", "", "북한이탈주민 가족", "휠체어석 요청"],
    ["박기자", "02-123-4567", "평화통신", "기자", ""],
    ["John Smith", "+1 555 0100", "Bridge Press", "언론", ""],
    ["최봉사", "010 2222 3333", "대학생 통일동아리", "자원봉사자", ""],
]


def write_csv(
    path: Path,
    rows: list[list[str]],
    encoding: str = "utf-8",
    delimiter: str = ",",
    newline: str = "\r\n",
    bom: bytes = b"",
) -> Path:
    """A CSV as spreadsheet programs write it (Korean Excel: CP949 and CRLF)."""
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator=newline).writerows(rows)
    path.write_bytes(bom + buf.getvalue().encode(encoding))
    return path


# The optional consent columns a registration form's export may have (checkin.protect.consent):
# a file without them keeps only the required fields of each row.
CONSENT_HEADERS = ["연락처 동의", "민감정보 동의"]


def with_consent(rows: list[list[str]], answer: str = "동의") -> list[list[str]]:
    """``rows`` (header first) with both optional consent columns, everyone answering
    ``answer``: for tests about reading files, not about consent."""
    return [rows[0] + CONSENT_HEADERS] + [[*r, answer, answer] for r in rows[1:]]


KOREAN_ROWS_AGREED = with_consent(KOREAN_ROWS)
