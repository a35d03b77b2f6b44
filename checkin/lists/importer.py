"""Importing pre-registration lists: CSV and Excel files as organizers have them.

Reading (``read_table``): the encoding is detected (UTF-8 with or without BOM, UTF-16
by its BOM or its zero bytes, CP949/EUC-KR as Korean Excel saves CSV, anything else
through charset-normalizer), then the delimiter (comma, tab, semicolon, pipe; Excel's
``sep=`` line). XLSX files are streamed with openpyxl in read-only mode; merged cells
(a header spanning two columns, an organization written once for a group of rows)
are filled in, blank rows skipped; row numbers stay those the organizer sees.

Mapping (``detect_mapping``): the header row is found among the first rows (a title
above it, a two-row header with group labels, Google Forms questions as headers), and
each column is matched to an attendee field by Korean and English synonyms
(이름/성명/Name, 연락처/휴대폰/Phone, 소속/Organization, 구분/Category, ...). pretix
exports and Google Forms CSVs need no manual mapping. The organizer can correct the
mapping (a JSON mapping file, ``--map column=field``, or the wizard's combo boxes).

Planning (``plan_import``): every row is validated with ``checkin.people.fields`` and every
problem reported with its row number and a reason in Korean and English; duplicates
within the file and against the event are found (same external id or registration
number; else same name and phone, or email); near-identical names are flagged. A row
that matches an attendee already in the event updates it (only non-empty cells, only
fields that differ) so importing the same file twice adds nobody.

Applying (``apply_plan``): one transaction, all or nothing; refused while the plan has
errors. Nothing personal is logged.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import datetime as dt
import difflib
import io
import json
import logging
import re
import unicodedata
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from checkin import errors
from checkin.clock import Clock
from checkin.db.eventfile import EventFile
from checkin.event import settings as settings_mod
from checkin.lists import xlsx_reader
from checkin.lists.texts import ListTexts as T
from checkin.models import ATTENDEE_COLUMNS, CANCELLED, REGISTERED, Attendee
from checkin.people import fields
from checkin.people.attendees import insert_many, update_normalized
from checkin.people.hangul import has_hangul
from checkin.protect import consent

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]

MAX_FILE_BYTES = 200 * 1024 * 1024
MAX_ROWS = 500_000
MAX_CELL = 10_000  # longer cells are cut (and the row reported): a broken quote, most likely
HEADER_SCAN_ROWS = 15
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

# Pseudo-fields a column can map to besides the attendee fields.
IGNORE = ""
GIVEN_NAME = "given_name"
FAMILY_NAME = "family_name"
PHOTO_OK = "photo_ok"  # "may we photograph you?": the inverse of no_photo
ORDER_CODE = "order_code"  # pretix: with a position id it makes the external id
POSITION_ID = "position_id"
# Consent columns (``checkin.protect.consent``): yes/no per optional item. A file that has one
# keeps that item's fields only on rows that say yes; the rest are dropped and counted.
CONSENT_CONTACT = "consent_contact"
CONSENT_SENSITIVE = "consent_sensitive"
_CONSENT_COLUMNS = {CONSENT_CONTACT: "contact", CONSENT_SENSITIVE: "sensitive"}

IMPORT_FIELDS = (
    "display_name", "full_name", GIVEN_NAME, FAMILY_NAME, "category", "organization",
    "phone", "email", "language", "no_photo", PHOTO_OK, "access_needs", "notes",
    "external_id", ORDER_CODE, POSITION_ID, "reg_no", "status", CONSENT_CONTACT,
    CONSENT_SENSITIVE,
)  # fmt: skip

FIELD_LABELS: dict[str, tuple[str, str]] = {
    IGNORE: ("(ignore)", "(가져오지 않음)"),
    **{k: v for k, v in fields.LABELS.items()},
    GIVEN_NAME: ("Given name", "이름(성 제외)"),
    FAMILY_NAME: ("Family name", "성"),
    PHOTO_OK: ("Photo allowed (yes/no)", "촬영 동의 (예/아니오)"),
    ORDER_CODE: ("Order code", "주문번호"),
    POSITION_ID: ("Position id (pretix)", "주문 내 순번 (pretix)"),
    CONSENT_CONTACT: ("Consent (b): contact details (yes/no)", "(나) 연락처 동의 (예/아니오)"),
    CONSENT_SENSITIVE: ("Consent (c): access needs (yes/no)", "(다) 민감정보 동의 (예/아니오)"),
}

# --- header synonyms ----------------------------------------------------------------
# (field, priority, synonyms). Synonyms are compared after ``_norm`` (NFKC, lower
# case, no spaces or punctuation). Lower priority wins when two columns claim the same
# field: the first non-empty cell of the claiming columns, in priority order, is used.
_SYNONYMS: list[tuple[str, int, tuple[str, ...]]] = [
    (
        CONSENT_CONTACT,
        0,
        (
            "연락처동의",
            "연락처수집동의",
            "선택동의",
            "개인정보선택동의",
            "contactconsent",
            "consentcontact",
            "consenttocontact",
        ),
    ),
    (
        CONSENT_SENSITIVE,
        0,
        (
            "민감정보동의",
            "민감정보처리동의",
            "편의지원동의",
            "sensitiveconsent",
            "consentsensitive",
            "accessneedsconsent",
        ),
    ),
    (
        "display_name",
        0,
        (
            "표시이름",
            "명찰이름",
            "명찰표기",
            "명찰표기이름",
            "명찰에표시할이름",
            "가명",
            "닉네임",
            "별칭",
            "displayname",
            "badgename",
            "nameonbadge",
            "nickname",
            "preferredname",
            "alias",
        ),
    ),
    (
        "display_name",
        2,
        (
            "attendeename",
            "참가자이름",
            "참가자명",
            "참석자명",
            "참석자이름",
            "이름",
            "성명",
            "성함",
            "name",
            "참가자",
            "participant",
            "participantname",
            "fullname",
        ),
    ),
    ("display_name", 4, ("invoiceaddressname",)),
    (
        "full_name",
        1,
        (
            "실명",
            "본명",
            "법적이름",
            "legalname",
            "realname",
            "주민등록상이름",
            "여권이름",
            "passportname",
        ),
    ),
    (GIVEN_NAME, 2, ("attendeenamegivenname", "givenname", "firstname", "이름(성제외)", "名")),
    (FAMILY_NAME, 2, ("attendeenamefamilyname", "familyname", "lastname", "surname", "성씨", "성")),
    (GIVEN_NAME, 4, ("invoiceaddressnamegivenname", "namegivenname")),
    (FAMILY_NAME, 4, ("invoiceaddressnamefamilyname", "namefamilyname")),
    (
        "category",
        1,
        (
            "구분",
            "분류",
            "참가구분",
            "참가자구분",
            "참석구분",
            "참가유형",
            "참가자유형",
            "category",
            "type",
            "attendeetype",
            "participanttype",
            "group",
            "그룹",
        ),
    ),
    (
        "organization",
        1,
        (
            "소속",
            "단체",
            "소속단체",
            "단체명",
            "기관",
            "기관명",
            "소속기관",
            "회사",
            "회사명",
            "직장",
            "organization",
            "organisation",
            "company",
            "affiliation",
            "institution",
            "소속단체명",
        ),
    ),
    (
        "phone",
        1,
        (
            "연락처",
            "전화번호",
            "휴대폰",
            "휴대폰번호",
            "휴대전화",
            "핸드폰",
            "핸드폰번호",
            "전화",
            "휴대전화번호",
            "phone",
            "phonenumber",
            "mobile",
            "cellphone",
            "tel",
            "telephone",
            "contact",
            "연락가능한전화번호",
        ),
    ),
    ("email", 0, ("attendeeemail", "참가자이메일")),
    (
        "email",
        1,
        ("이메일", "이메일주소", "메일", "전자우편", "email", "e-mail", "emailaddress", "mail"),
    ),
    ("email", 3, ("orderemail",)),
    ("language", 1, ("언어", "사용언어", "language", "lang", "locale", "orderlocale")),
    (
        "no_photo",
        1,
        (
            "촬영금지",
            "사진거부",
            "촬영거부",
            "사진촬영거부",
            "사진불가",
            "사진금지",
            "얼굴노출거부",
            "비공개",
            "촬영을원하지",
            "nophoto",
            "nophotos",
            "donotphotograph",
            "photooptout",
            "nophotography",
        ),
    ),
    (
        PHOTO_OK,
        1,
        (
            "촬영동의",
            "사진촬영동의",
            "사진동의",
            "사진촬영동의여부",
            "촬영동의여부",
            "초상권동의",
            "촬영에동의",
            "사진촬영에동의",
            "photoconsent",
            "photook",
            "photographyconsent",
            "photopermission",
            "mayphotograph",
            "agreetobephotographed",
        ),
    ),
    (
        "access_needs",
        1,
        (
            "편의",
            "편의지원",
            "편의사항",
            "장애",
            "장애유형",
            "필요한지원",
            "접근성",
            "휠체어",
            "accessneeds",
            "accessibility",
            "accessibilityneeds",
            "disability",
            "specialneeds",
            "assistance",
        ),
    ),
    (
        "notes",
        1,
        (
            "비고",
            "메모",
            "기타",
            "참고",
            "특이사항",
            "요청사항",
            "notes",
            "note",
            "remarks",
            "comment",
            "comments",
            "memo",
        ),
    ),
    ("notes", 3, ("ordercomment",)),
    (
        "external_id",
        1,
        (
            "주문번호",
            "접수번호",
            "신청번호",
            "id",
            "externalid",
            "registrationid",
            "ticketid",
            "ticketnumber",
            "외부id",
            "pseudonymizationid",
        ),
    ),
    (ORDER_CODE, 1, ("ordercode", "order", "ordernumber", "order#")),
    (POSITION_ID, 1, ("positionid",)),
    ("reg_no", 1, ("등록번호", "regno", "registrationnumber", "reg", "badgenumber", "명찰번호")),
    ("status", 1, ("상태", "등록상태", "status", "orderstatus")),
]
# Headers that look like a field but are not, and weak ones that only count when all
# the column's values make sense for the field (pretix "Product" as a category).
_NEVER = {"timestamp", "타임스탬프", "제출시각", "orderdate", "ordertime", "eventslug", "price",
          "taxrate", "taxrule", "taxvalue", "variation", "voucher", "address", "zipcode",
          "city", "country", "state", "vatid", "seatid", "seatname", "seatzone", "seatrow",
          "seatnumber", "saleschannel", "paymentproviders", "followupdate", "checkedin",
          "checkedinat", "입장시각", "입장여부", "체크인시각", "emailaddressverified",
          "invoiceaddressnametitle", "attendeenametitle", "title", "번호", "no", "순번",
          "연번", "e-mailaddressverified"}  # fmt: skip
_WEAK: list[tuple[str, tuple[str, ...]]] = [
    ("category", ("product", "ticket", "tickettype", "상품", "티켓", "티켓종류", "유형", "종류")),
]


_PUNCT = re.compile(r"[\s_\-:./·#?*]+")
_NOT_WORD = re.compile(r"[\W_]+")
_NOT_DIGIT = re.compile(r"\D")


def _norm(text: str) -> str:
    """Header or value key: NFKC, lower case, no spaces or punctuation."""
    return _PUNCT.sub("", unicodedata.normalize("NFKC", str(text)).lower())


_NEVER = {_norm(w) for w in _NEVER}
_SYNONYM_INDEX: dict[str, tuple[str, int]] = {}
for _field, _prio, _words in _SYNONYMS:
    for _w in _words:
        _SYNONYM_INDEX.setdefault(_norm(_w), (_field, _prio))
_CONTAINS = sorted(
    ((k, v) for k, v in _SYNONYM_INDEX.items() if len(k) >= (2 if not k.isascii() else 4)),
    key=lambda kv: -len(kv[0]),
)

# --- value synonyms -----------------------------------------------------------------
CATEGORY_SYNONYMS: dict[str, tuple[str, ...]] = {
    "defector": ("탈북민", "북한이탈주민", "새터민", "탈북자", "탈북", "북향민", "탈북청년",
                 "탈북대학생", "defector", "northkoreandefector", "nkdefector", "refugee",
                 "northkoreanrefugee", "이탈주민"),
    "family": ("가족", "탈북민가족", "북한이탈주민가족", "가족(탈북민)", "동반가족", "자녀", "배우자",
               "family", "familymember", "relative"),
    "supporter": ("후원", "후원자", "후원단체", "시민단체", "ngo", "supporter", "sponsor", "donor",
                  "지원단체", "협력단체", "partner"),
    "volunteer": ("자원봉사", "자원봉사자", "봉사자", "봉사", "volunteer", "volunteers"),
    "press": ("기자", "언론", "언론사", "취재", "취재진", "방송", "press", "media", "journalist",
              "reporter", "news"),
    "official": ("내빈", "관계자", "공무원", "귀빈", "vip", "official", "officials", "government",
                 "정부", "국회", "대사관", "embassy", "dignitary"),
    "staff": ("운영진", "스태프", "스텝", "운영", "운영팀", "주최", "주최측", "staff", "organizer",
              "organiser", "crew"),
    "guest": ("손님", "초청", "초청손님", "게스트", "일반", "일반참가자", "일반인", "시민", "guest",
              "general", "generaladmission", "visitor", "attendee", "public"),
}  # fmt: skip
STATUS_VALUES = {
    "registered": REGISTERED, "등록": REGISTERED, "확정": REGISTERED, "paid": REGISTERED,
    "pending": REGISTERED, "confirmed": REGISTERED, "결제완료": REGISTERED, "신청": REGISTERED,
    "신청완료": REGISTERED, "approved": REGISTERED, "승인": REGISTERED, "": REGISTERED,
    "cancelled": CANCELLED, "canceled": CANCELLED, "취소": CANCELLED, "취소됨": CANCELLED,
    "expired": CANCELLED, "만료": CANCELLED, "refunded": CANCELLED, "환불": CANCELLED,
    "withdrawn": CANCELLED, "불참": CANCELLED,
}  # fmt: skip
_AGREE = ("동의", "허용", "가능", "좋아요", "agree", "consent", "allowed", "ok")
_REFUSE = ("비동의", "동의안", "동의하지", "미동의", "거부", "불가", "금지", "원하지", "싫", "refuse",
           "decline", "disagree", "notallowed", "don't", "donot")  # fmt: skip


_BRACKETS = re.compile(r"[(\[{（【][^)\]}）】]*[)\]}）】]")


# --- reading ------------------------------------------------------------------------


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
        raise errors.InvalidInput(T.no_file, field="file", p=p)
    size = p.stat().st_size
    if size > MAX_FILE_BYTES:
        raise errors.InvalidInput(
            T.too_large_import_mb, field="file", name=p.name, value=size // 1000000
        )
    with p.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(b"PK\x03\x04"):
        return _read_xlsx(p, sheet)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise errors.InvalidInput(T.old_excel_file_xls_open, field="file", name=p.name)
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


def _empty_file(p: Path) -> errors.InvalidInput:
    return errors.InvalidInput(T.has_no_rows_import, field="file", name=p.name)


def decode_bytes(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """(text, encoding name). BOMs first, then strict UTF-8, UTF-16 without BOM by its
    zero bytes, CP949 (a superset of EUC-KR: Korean Excel's CSV), then
    charset-normalizer."""
    if encoding:
        try:
            return data.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError) as exc:
            raise errors.InvalidInput(
                T.file_cannot_read_as, field="encoding", encoding=encoding
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
    raise errors.InvalidInput(T.file_s_text_encoding_not, field="encoding")


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
            T.row_opens_quotation_mark_that, field="file", name=p.name, unclosed=unclosed
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
            T.not_readable_csv_file, field="file", name=p.name, exc=exc
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


def _too_many_rows(p: Path) -> errors.InvalidInput:
    return errors.InvalidInput(
        T.has_more_than_rows_split, field="file", name=p.name, max_rows=MAX_ROWS
    )


_CELL_REF = re.compile(r"([A-Z]+)(\d+)")


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
        T.no_sheet_sheets, field="sheet", sheet=sheet, name=p.name, join=", ".join(names)
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
    return errors.InvalidInput(T.not_readable_excel_workbook_xlsx, field="file", name=p.name)


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


# --- mapping ------------------------------------------------------------------------


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
            raise errors.InvalidInput(T.no_mapping_file, field="mapping", path=path) from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise _bad_mapping_file(str(exc)) from exc
        return cls.from_json(data)

    def check(self) -> None:
        for target in self.columns.values():
            if target not in IMPORT_FIELDS and target != IGNORE:
                raise errors.InvalidInput(
                    T.unknown_field_mapping_fields_ignore,
                    field="mapping",
                    target=target,
                    join=", ".join(IMPORT_FIELDS),
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
    return errors.InvalidInput(T.mapping_file_cannot_read, field="mapping", detail=detail)


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
        raise errors.InvalidInput(T.row_empty_not_file, field="header_row", header_row=header_row)
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
    # Weak headers: only when every value makes sense (pretix "Product" as category).
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
    # Columns nobody recognised are reported (the "촬영" no-photo flag must not vanish
    # silently), with the closest field as a suggestion.
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
    # The organizer's corrections win.
    for key, target in options.columns.items():
        idx = _resolve_column(key, headers)
        if idx is None:
            raise errors.InvalidInput(
                T.mapping_names_column_that_not,
                field="mapping",
                key=key,
                join=", ".join((h or column_letter(i) for i, h in enumerate(headers))),
            )
        result[idx].field = target
        result[idx].how = "user"
        result[idx].note = result[idx].note_ko = result[idx].suggest = ""  # decided
        result[idx].priority = -1 if target else 9
    return result


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


# --- planning -----------------------------------------------------------------------


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
            "errors": len(self.errors),
            "warnings": len(self.warnings),
            "error_rows": self.error_rows,
            "mapping": [
                {"column": c.letter, "header": c.header, "field": c.field, "how": c.how}
                for c in self.columns
            ],
        }


def _name_key(name: str) -> str:
    """Names that differ only in spaces, case, width or punctuation share a key."""
    text = unicodedata.normalize("NFKC", name).casefold()
    return _NOT_WORD.sub("", text)


def _near_key(name: str) -> str:
    """A looser key for "is this perhaps the same person?": also without accents and
    with the words of a Latin name in any order (Chloé Martin, martin chloe)."""
    text = unicodedata.normalize("NFKC", name).casefold()
    if not text.isascii():
        decomposed = unicodedata.normalize("NFKD", text)
        text = unicodedata.normalize(
            "NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        )
    words = [_NOT_WORD.sub("", w) for w in re.split(r"[\s,.\-·]+", text)]
    words = [w for w in words if w]
    if len(words) > 1 and all(w.isascii() for w in words):
        words.sort()
    return "".join(words)


def _identity(name_key: str, phone: str, email: str, organization: str) -> tuple[str, str]:
    if phone:
        return name_key, "p:" + _NOT_DIGIT.sub("", phone)
    if email:
        return name_key, "e:" + email
    return name_key, "o:" + _name_key(organization)


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


def _plan_rows(
    plan: ImportPlan,
    data: list[tuple[int, list[str]]],
    cfg: settings_mod.EventSettings,
    existing: list[Attendee],
    progress: Progress | None,
) -> None:
    issues = plan.issues
    columns = plan.columns
    by_field: dict[str, list[ColumnMap]] = {}
    for c in sorted(columns, key=lambda c: (c.priority, c.index)):
        if c.field:
            by_field.setdefault(c.field, []).append(c)
    if (
        "display_name" not in by_field
        and "full_name" not in by_field
        and not (GIVEN_NAME in by_field or FAMILY_NAME in by_field)
    ):
        issues.append(
            RowIssue(
                plan.header_row, "error", "no_name_column", "display_name", "",
                "No column holds the names. In the mapping, choose "
                f"\u201c{FIELD_LABELS['display_name'][0]}\u201d for the column that holds them.",
                "이름이 들어 있는 열을 찾지 못했습니다. 매핑에서 이름이 든 열에 "
                f"\u2018{FIELD_LABELS['display_name'][1]}\u2019을(를) 지정하세요.",
            )
        )  # fmt: skip
        return
    categories = cfg.category_ids()
    cat_table = _value_tables(cfg.categories)
    cat_cache: dict[str, str | None] = {}  # a file has few distinct category values
    user_values = {f: {_norm(k): v for k, v in m.items()} for f, m in plan.options.values.items()}
    numeric = plan.table.numeric_cells
    cut = {(r, c) for r, c in plan.table.cut_cells}
    consent_columns = [f for f in _CONSENT_COLUMNS if f in by_field]
    versions = {key: w.version for key, w in consent.items(cfg).items()}

    by_external = {a.external_id: a for a in existing if a.external_id}
    by_reg = {a.reg_no.upper(): a for a in existing}
    by_identity: dict[tuple[str, str], Attendee] = {}
    by_name: dict[str, Attendee] = {}
    by_exact: dict[str, list[Attendee]] = {}  # exact name key -> attendees
    for a in existing:
        for name in (a.display_name, a.full_name):
            if name:
                key = _name_key(name)
                by_identity.setdefault(_identity(key, a.phone, a.email, a.organization), a)
                by_name.setdefault(_near_key(name), a)
                if a not in by_exact.setdefault(key, []):
                    by_exact[key].append(a)

    seen_external: dict[str, tuple[int, tuple[str, str]]] = {}
    seen_identity: dict[tuple[str, str], int] = {}
    seen_names: dict[str, int] = {}
    matched_ids: dict[str, int] = {}
    total = len(data)
    step = max(1, total // 100)

    def col_label(c: ColumnMap) -> str:
        return c.header or c.letter

    for n, (row, cells) in enumerate(data):
        if progress and n % step == 0:
            progress(n, total)
        values: dict[str, Any] = {}
        source: dict[str, ColumnMap] = {}
        row_errors: list[RowIssue] = []
        for fld, cols in by_field.items():
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
        # Composite and translated fields.
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
            composed = (
                f"{family}{given}" if has_hangul(family + given) else f"{given} {family}".strip()
            )
            values["display_name"] = composed
            source["display_name"] = source.get(GIVEN_NAME) or source[FAMILY_NAME]
        if not values.get("display_name") and values.get("full_name"):
            values["display_name"] = values["full_name"]
            source["display_name"] = source["full_name"]
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
        if "category" in values:
            raw = values["category"]
            if raw in cat_cache:
                cat = cat_cache[raw]
            else:
                cat = cat_cache[raw] = _category_value(raw, cat_table)
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
        if "status" in values:
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
        if consent_columns:
            _apply_consent_columns(plan, row, values, source, consent_columns, versions,
                                   row_errors, col_label)  # fmt: skip
        if "language" in values:
            values["language"] = _language_value(values["language"])
        reg_ref = values.pop("reg_no", "")
        if "reg_no" in by_field and reg_ref:
            source["reg_no"] = by_field["reg_no"][0]
        # Validate each field, so a row lists all its problems at once.
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
                label = col_label(src) if src else fld
                row_errors.append(
                    RowIssue(row, "error", "invalid", exc.field or fld, label,
                             f"Column {label}: {exc.en}", f"{label} 열: {exc.ko}")
                )  # fmt: skip
        if not normalized.get("display_name") and not any(
            e.field == "display_name" for e in row_errors
        ):
            row_errors.append(
                RowIssue(row, "error", "missing_name", "display_name",
                         col_label(by_field["display_name"][0]) if "display_name" in by_field else "",
                         "The name is empty.", "이름이 비어 있습니다.")
            )  # fmt: skip
        if row_errors:
            issues.extend(row_errors)
            continue
        # Who is this? Same external id or registration number; else same name and
        # phone (or email, or organization when neither is given).
        name_key = _name_key(normalized["display_name"])
        identity = _identity(
            name_key,
            normalized.get("phone", ""),
            normalized.get("email", ""),
            normalized.get("organization", ""),
        )
        ext = normalized.get("external_id", "")
        match: Attendee | None = None
        if ext:
            if ext in seen_external:
                first_row, first_key = seen_external[ext]
                if first_key == identity:
                    plan.skipped.append(row)
                    issues.append(_duplicate_row(row, first_row, "external id", "외부 ID"))
                else:
                    issues.append(
                        RowIssue(row, "error", "duplicate_id", "external_id",
                                 col_label(source["external_id"]),
                                 f"The id {ext!r} is also used in row {first_row} for someone else.",
                                 f"ID {ext!r} 이(가) {first_row}행의 다른 사람에게도 쓰였습니다.")
                    )  # fmt: skip
                continue
            seen_external[ext] = (row, identity)
            match = by_external.get(ext)
        if match is None and reg_ref:
            match = by_reg.get(reg_ref.upper())
            if match is not None and not _same_person(match, normalized, name_key):
                issues.append(
                    RowIssue(row, "error", "reg_no_conflict", "reg_no",
                             col_label(source["reg_no"]) if "reg_no" in source else "",
                             f"Registration number {reg_ref} belongs to someone else in this "
                             "event (another name). Fix the name, or leave the number column "
                             "out (map it to ignore) to import the rows as new attendees.",
                             f"등록번호 {reg_ref} 은(는) 이 행사의 다른 사람(이름이 다름)의 번호입니다. "
                             "이름을 고치거나, 번호 열을 가져오지 않도록(무시) 지정하면 새 참가자로 "
                             "가져옵니다.")
                )  # fmt: skip
                continue
            if match is None and not ext:
                # Another system's number: keep it as the external id.
                normalized["external_id"] = fields.clean_text(reg_ref, "external_id", 200)
                ext = normalized["external_id"]
                if ext in seen_external:
                    issues.append(_duplicate_row(row, seen_external[ext][0], "number", "번호"))
                    plan.skipped.append(row)
                    continue
                seen_external[ext] = (row, identity)
                match = by_external.get(ext)
        if not ext and not reg_ref and identity in seen_identity:
            plan.skipped.append(row)
            issues.append(
                _duplicate_row(row, seen_identity[identity], "name and contact", "이름과 연락처")
            )
            continue
        seen_identity.setdefault(identity, row)
        if match is None and not ext:
            match = by_identity.get(identity)
        by_name_only = False
        if match is None and not (ext or reg_ref or normalized.get("phone") or normalized.get(
                "email")):  # fmt: skip
            # Nothing but a name (an export without numbers, re-imported): the same name
            # already registered is this person, if there is only one; else refuse.
            org = _name_key(normalized.get("organization", ""))
            same = [
                a for a in by_exact.get(name_key, [])
                if not org or not a.organization or _name_key(a.organization) == org
            ]  # fmt: skip
            if len(same) > 1:
                issues.append(
                    RowIssue(row, "error", "ambiguous_name", "display_name",
                             col_label(source["display_name"]),
                             f"{len(same)} people with this name are registered "
                             f"({', '.join(a.reg_no for a in same[:3])}) and this row has no "
                             "registration number, phone or email to tell which: add the "
                             "registration number column (reg_no) to the file.",
                             f"이 이름으로 {len(same)}명이 등록되어 있는데 "
                             f"({', '.join(a.reg_no for a in same[:3])}) 이 행에는 누구인지 "
                             "알 수 있는 등록번호·연락처·이메일이 없습니다. 파일에 등록번호 열을 "
                             "넣으세요.")
                )  # fmt: skip
                continue
            if same:
                match, by_name_only = same[0], True
        if match is not None:
            if match.id in matched_ids:
                plan.skipped.append(row)
                issues.append(_duplicate_row(row, matched_ids[match.id], "attendee", "참가자"))
                continue
            matched_ids[match.id] = row
            changes = {k: v for k, v in normalized.items() if getattr(match, k) != v}
            if by_name_only:  # matched by the name alone: never blank what the file lacks
                changes = {k: v for k, v in changes.items() if v not in ("", None)}
                issues.append(
                    RowIssue(row, "warning", "matched_by_name", "display_name",
                             col_label(source["display_name"]),
                             f"No registration number, phone or email: taken to be "
                             f"{match.reg_no}, already registered with this name (not added "
                             "again).",
                             f"등록번호·연락처·이메일이 없어 같은 이름으로 이미 등록된 "
                             f"{match.reg_no} (으)로 보았습니다 (다시 추가하지 않음).")
                )  # fmt: skip
            if changes:
                plan.updates.append(PlannedUpdate(row, match.id, match.reg_no, changes))
            else:
                plan.unchanged.append((row, match.id))
            continue
        # New attendee: flag near-identical names (in the file or the event).
        near = _near_key(normalized["display_name"])
        if near in seen_names:
            issues.append(
                RowIssue(row, "warning", "possible_duplicate", "display_name",
                         col_label(source["display_name"]),
                         f"A very similar name is in row {seen_names[near]} (different "
                         "contact details): imported as a different person.",
                         f"{seen_names[near]}행에 매우 비슷한 이름이 있습니다 (연락처가 다름). "
                         "다른 사람으로 가져옵니다.")
            )  # fmt: skip
        elif near in by_name:
            other = by_name[near]
            issues.append(
                RowIssue(row, "warning", "possible_duplicate", "display_name",
                         col_label(source["display_name"]),
                         f"A very similar name is already registered ({other.reg_no}, different "
                         "contact details): imported as a different person.",
                         f"매우 비슷한 이름이 이미 등록되어 있습니다 ({other.reg_no}, 연락처가 다름). "
                         "다른 사람으로 가져옵니다.")
            )  # fmt: skip
        seen_names.setdefault(near, row)
        if complete is None:  # pragma: no cover - rows with errors never get here
            complete = fields.normalize(normalized, categories, partial=False)
        plan.new.append((row, {**complete, **normalized}))
    for c in columns:
        if c.note and not c.field:
            issues.append(
                RowIssue(0, "warning", "unmapped", "", c.header or c.letter,
                         f"Column {c.header or c.letter} was not imported: {c.note}.",
                         f"{c.header or c.letter} 열은 가져오지 않았습니다: {c.note_ko}.")
            )  # fmt: skip
    if progress:
        progress(total, total)
    issues.sort(key=lambda i: (i.row, i.severity != "error"))


def _apply_consent_columns(
    plan: ImportPlan,
    row: int,
    values: dict[str, Any],
    source: dict[str, ColumnMap],
    consent_columns: list[str],
    versions: dict[str, str],
    row_errors: list[RowIssue],
    col_label: Callable[[ColumnMap], str],
) -> None:
    """A row's consent columns: the answers recorded (the time is the import's, filled
    in by ``apply_plan``), and an item's fields dropped where its column says no."""
    answers: dict[str, dict[str, Any]] = {consent.ENTRY: {"at": 0, "v": versions["entry"]}}
    dropped = False
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
            if values.pop(name, ""):
                dropped = True
    if dropped:
        plan.consent_dropped += 1
    values["consents"] = consent.encode(answers)


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


def _stamp_consents(values: dict[str, Any], now: int) -> dict[str, Any]:
    """The import's time on the answers a plan recorded (``_apply_consent_columns``)."""
    if not values.get("consents"):
        return values
    answers = consent.decode(values["consents"])
    for answer in answers.values():
        answer["at"] = now
    return {**values, "consents": consent.encode(answers)}


def _same_person(a: Attendee, values: dict[str, Any], name_key: str) -> bool:
    """Does a row that names ``a``'s registration number describe ``a``?"""
    names = {_name_key(a.display_name), _name_key(a.full_name)} - {""}
    if name_key in names or _name_key(values.get("full_name", "")) in names:
        return True
    phone = values.get("phone", "")
    email = values.get("email", "")
    return bool(phone and phone == a.phone) or bool(email and email == a.email)


def _duplicate_row(row: int, first: int, what_en: str, what_ko: str) -> RowIssue:
    return RowIssue(
        row, "warning", "duplicate", "", "",
        f"Same person as row {first} (same {what_en}): skipped.",
        f"{first}행과 같은 사람입니다 ({what_ko} 같음). 건너뜁니다.",
    )  # fmt: skip


# --- applying -----------------------------------------------------------------------


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int
    skipped: int
    reg_numbers: tuple[str, str] | None  # first and last new registration number

    def to_json(self) -> dict[str, Any]:
        return {
            "added": self.added, "updated": self.updated, "unchanged": self.unchanged,
            "skipped_duplicates": self.skipped,
            "reg_numbers": list(self.reg_numbers) if self.reg_numbers else None,
        }  # fmt: skip


class ImportRejected(errors.CheckinError):
    code = "import_rejected"

    def __init__(self, plan: ImportPlan) -> None:
        n = len(plan.errors)
        rows = plan.error_rows
        shown = ", ".join(str(r) for r in rows[:20]) + (" ..." if len(rows) > 20 else "")
        super().__init__(
            f"Nothing was imported: {n} problem(s) to fix first (rows {shown}).",
            f"아무것도 가져오지 않았습니다. 먼저 고칠 문제 {n}건 ({shown}행).",
            errors=n,
        )
        self.plan = plan


def apply_plan(
    ef: EventFile,
    clock: Clock,
    plan: ImportPlan,
    operator: str = "",
    progress: Progress | None = None,
) -> ImportResult:
    """Write a plan in one transaction (all or nothing). Refused while it has errors.

    If the event changed since the plan was made (another program wrote to it), the
    rows are matched again inside the transaction, so nothing is added twice.
    """
    if not plan.ok:
        raise ImportRejected(plan)
    cfg = settings_mod.load(ef)
    now = clock.now_ms()
    with ef.write() as conn:
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        if plan.data_version is not None and version != plan.data_version:
            log.info("event changed since the import was planned; matching rows again")
            fresh = ImportPlan(
                table=plan.table, header_row=plan.header_row, headers=plan.headers,
                columns=plan.columns, data_rows=plan.data_rows, options=plan.options,
            )  # fmt: skip
            h = next(i for i, (n, _) in enumerate(plan.table.rows) if n == plan.header_row)
            existing = [
                Attendee.from_row(r)
                for r in conn.execute(f"SELECT {ATTENDEE_COLUMNS} FROM attendees")
            ]
            _plan_rows(fresh, plan.table.rows[h + 1 :], cfg, existing, None)
            if not fresh.ok:
                raise ImportRejected(fresh)
            plan = fresh
        added = insert_many(
            conn, cfg.reg_prefix, [_stamp_consents(v, now) for _, v in plan.new], now, operator
        )
        if progress:
            progress(len(added), len(added) + len(plan.updates))
        updated = 0
        for u in plan.updates:
            _, diff = update_normalized(
                conn, u.attendee_id, _stamp_consents(u.changes, now), now, operator
            )
            updated += bool(diff)
    log.info(
        "import: %d added, %d updated, %d unchanged, %d duplicate rows skipped",
        len(added), updated, len(plan.unchanged), len(plan.skipped),
    )  # fmt: skip
    numbers = (added[0], added[-1]) if added else None
    return ImportResult(len(added), updated, len(plan.unchanged), len(plan.skipped), numbers)


def import_file(
    ef: EventFile,
    clock: Clock,
    path: str | Path,
    options: MappingOptions | None = None,
    dry_run: bool = False,
    operator: str = "",
    progress: Progress | None = None,
) -> tuple[ImportPlan, ImportResult | None]:
    """Plan and (unless ``dry_run`` or there are errors) apply an import."""
    plan = plan_import(ef, path, options, progress)
    if dry_run or not plan.ok:
        return plan, None
    return plan, apply_plan(ef, clock, plan, operator)


def field_choices() -> list[tuple[str, str, str]]:
    """(field, English label, Korean label) for mapping menus; ignore first."""
    return [(f, *FIELD_LABELS[f]) for f in (IGNORE, *IMPORT_FIELDS)]


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
