"""The words organizers use: the fields a column can map to and the header and value
aliases that recognise them, in Korean and English.

Headers (이름/성명/Name, 연락처/휴대폰/Phone, 소속/Organization, 구분/Category, ...,
the pretix and Google Forms headers too) are matched by ``columns``; category,
status and yes/no values by ``columns`` and ``plan``. Keys are compared after ``_norm``.
"""

from __future__ import annotations

import re
import unicodedata

from checkin.models import CANCELLED, REGISTERED
from checkin.people import fields

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

IMPORT_FIELDS = (
    "display_name", "full_name", GIVEN_NAME, FAMILY_NAME, "category", "organization",
    "phone", "email", "language", "no_photo", PHOTO_OK, "access_needs", "notes",
    "external_id", ORDER_CODE, POSITION_ID, "reg_no", "status", CONSENT_CONTACT,
    CONSENT_SENSITIVE, "group_name",
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
        ),
    ),
    # A family or delegation checked in together (checkin.people.groups). "group" and
    # "그룹" meant the category before groups existed; "단체" alone is a group here,
    # "소속 단체" / "단체명" stay the organization.
    (
        "group_name",
        1,
        (
            "group",
            "groupname",
            "그룹",
            "그룹명",
            "일행",
            "일행명",
            "단체",
            "동행",
            "party",
            "delegation",
            "family group",
            "가족그룹",
        ),
    ),
    (
        "organization",
        1,
        (
            "소속",
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
