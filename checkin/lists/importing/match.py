"""Who is this row? Duplicates within the file and matches with the event's attendees.

A row is the same person as an attendee already in the event when it has the same
external id or registration number; else the same name and phone (or email, or
organization when neither is given); a row with nothing but a name matches the one
attendee of that name. A match updates the attendee (only fields that differ; by the
name alone, never blanking what the file lacks), so importing the same file twice adds
nobody. Rows repeating an earlier row are skipped; near-identical names of different
people are flagged, not merged.
"""

from __future__ import annotations

import contextlib
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any

from checkin import errors
from checkin.lists.importing.aliases import _NOT_DIGIT, _NOT_WORD
from checkin.lists.importing.columns import ColumnMap
from checkin.lists.importing.model import ImportPlan, PlannedUpdate, RowIssue
from checkin.models import Attendee
from checkin.people import fields
from checkin.protect import consent


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


def _same_person(a: Attendee, values: dict[str, Any], name_key: str) -> bool:
    """Does a row that names ``a``'s registration number describe ``a``?"""
    names = {_name_key(a.display_name), _name_key(a.full_name)} - {""}
    if name_key in names or _name_key(values.get("full_name", "")) in names:
        return True
    phone = values.get("phone", "")
    email = values.get("email", "")
    return bool(phone and phone == a.phone) or bool(email and email == a.email)


def _matching_only(held: dict[str, str]) -> dict[str, str]:
    """Dropped contact details in the form the event's records hold them, to compare."""
    out = {}
    for name, check in (("phone", fields.phone), ("email", fields.email)):
        if held.get(name):
            with contextlib.suppress(errors.InvalidInput):
                out[name] = check(held[name])
    if held.get("organization"):
        with contextlib.suppress(errors.InvalidInput):
            out["organization"] = fields.clean_text(held["organization"], "organization", 200)
    return out


def _contact_fits(a: Attendee, looks: dict[str, Any]) -> bool:
    """Do a row's phone and email (kept or not) agree with what ``a`` holds, if anything?"""
    return all(
        not looks.get(name) or not getattr(a, name) or looks[name] == getattr(a, name)
        for name in ("phone", "email")
    )


def _merge_answers(match: Attendee, changes: dict[str, Any]) -> bool:
    """A row's consent answers for someone already registered: the items it agrees to
    are added; an answer recorded before stays as it was (an import never withdraws a
    consent: the person does, at the desk or with ``checkin edit --withdraw``).
    False (answers left as they were) when the record holds a field the answers would
    not cover (stored before answers were recorded): the desk sorts that out."""
    if "consents" not in changes:
        return True
    held = consent.answers(match)
    merged = {**consent.decode(changes["consents"]), **held}
    after = {**match.to_json(), **changes, "consents": consent.encode(merged)}
    if merged == held or consent.held_without_consent(after):
        del changes["consents"]
        return merged == held
    changes["consents"] = after["consents"]
    return True


def _held_without_consent(row: int) -> RowIssue:
    return RowIssue(
        row, "warning", "held_without_consent", "consents", "",
        "This person's record holds details without a recorded consent: the file's "
        "consent answers were not added. Check the record at the desk with the person.",
        "이 사람의 기록에는 동의 기록 없이 저장된 정보가 있어 파일의 동의 답변을 더하지 "
        "않았습니다. 데스크에서 본인과 함께 기록을 확인하세요.",
    )  # fmt: skip


def _duplicate_row(row: int, first: int, what_en: str, what_ko: str) -> RowIssue:
    return RowIssue(
        row, "warning", "duplicate", "", "",
        f"Same person as row {first} (same {what_en}): skipped.",
        f"{first}행과 같은 사람입니다 ({what_ko} 같음). 건너뜁니다.",
    )  # fmt: skip


class _Matcher:
    """Places the valid rows of one plan, in file order: new, update, unchanged or
    skipped (an issue says why); remembers what earlier rows used."""

    def __init__(
        self,
        plan: ImportPlan,
        existing: Iterable[Attendee],
        categories: list[str],
        col_label: Callable[[ColumnMap], str],
    ) -> None:
        self.plan = plan
        self.issues = plan.issues
        self.categories = categories
        self.col_label = col_label
        self._index(existing)
        self.seen_external: dict[str, tuple[int, tuple[str, str]]] = {}
        self.seen_identity: dict[tuple[str, str], int] = {}
        self.seen_names: dict[str, int] = {}
        self.matched_ids: dict[str, int] = {}

    def _index(self, existing: Iterable[Attendee]) -> None:
        existing = list(existing)
        self.by_external = {a.external_id: a for a in existing if a.external_id}
        self.by_reg = {a.reg_no.upper(): a for a in existing}
        self.by_identity: dict[tuple[str, str], Attendee] = {}
        self.by_name: dict[str, Attendee] = {}
        self.by_exact: dict[str, list[Attendee]] = {}  # exact name key -> attendees
        for a in existing:
            for name in (a.display_name, a.full_name):
                if name:
                    key = _name_key(name)
                    self.by_identity.setdefault(_identity(key, a.phone, a.email, a.organization), a)
                    self.by_name.setdefault(_near_key(name), a)
                    if a not in self.by_exact.setdefault(key, []):
                        self.by_exact[key].append(a)

    def place(
        self,
        row: int,
        normalized: dict[str, Any],
        complete: dict[str, Any] | None,
        source: dict[str, ColumnMap],
        reg_ref: str,
        held: dict[str, str],
    ) -> None:
        """One valid row: who is this? Same external id or registration number; else
        same name and phone (or email, or organization when neither is given). ``held``:
        what the row may not keep (no consent), still telling two people of one name apart."""
        name_key = _name_key(normalized["display_name"])
        looks = {**_matching_only(held), **normalized}
        identity = _identity(
            name_key, looks.get("phone", ""), looks.get("email", ""), looks.get("organization", "")
        )
        settled, match, ext = self._by_number(
            row, normalized, looks, source, reg_ref, name_key, identity
        )
        if settled:
            return
        if not ext and not reg_ref and identity in self.seen_identity:
            self.plan.skipped.append(row)
            self.issues.append(
                _duplicate_row(
                    row, self.seen_identity[identity], "name and contact", "이름과 연락처"
                )
            )
            return
        self.seen_identity.setdefault(identity, row)
        if match is None and not ext:
            match = self.by_identity.get(identity)
        by_name_only = False
        if match is None and not (ext or reg_ref or normalized.get("phone") or normalized.get(
                "email")):  # fmt: skip
            settled, match = self._by_name_alone(row, looks, source, name_key)
            if settled:
                return
            by_name_only = match is not None
        if match is not None:
            self._matched(row, match, normalized, source, by_name_only)
        else:
            self._new(row, normalized, complete, source)

    def _by_number(
        self,
        row: int,
        normalized: dict[str, Any],
        looks: dict[str, Any],
        source: dict[str, ColumnMap],
        reg_ref: str,
        name_key: str,
        identity: tuple[str, str],
    ) -> tuple[bool, Attendee | None, str]:
        """(settled, match, external id) by the external id or registration number;
        settled when the row is skipped or refused. ``looks``: the row's values with the
        contact details it may not keep, to compare only."""
        issues, col_label = self.issues, self.col_label
        seen_external = self.seen_external
        ext = normalized.get("external_id", "")
        match: Attendee | None = None
        if ext:
            if ext in seen_external:
                first_row, first_key = seen_external[ext]
                if first_key == identity:
                    self.plan.skipped.append(row)
                    issues.append(_duplicate_row(row, first_row, "external id", "외부 ID"))
                else:
                    issues.append(
                        RowIssue(row, "error", "duplicate_id", "external_id",
                                 col_label(source["external_id"]),
                                 f"The id {ext!r} is also used in row {first_row} for someone else.",
                                 f"ID {ext!r} 이(가) {first_row}행의 다른 사람에게도 쓰였습니다.")
                    )  # fmt: skip
                return True, None, ext
            seen_external[ext] = (row, identity)
            match = self.by_external.get(ext)
        if match is None and reg_ref:
            match = self.by_reg.get(reg_ref.upper())
            if match is not None and not _same_person(match, looks, name_key):
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
                return True, None, ext
            if match is None and not ext:
                # Another system's number: keep it as the external id.
                normalized["external_id"] = fields.clean_text(reg_ref, "external_id", 200)
                ext = normalized["external_id"]
                if ext in seen_external:
                    issues.append(_duplicate_row(row, seen_external[ext][0], "number", "번호"))
                    self.plan.skipped.append(row)
                    return True, None, ext
                seen_external[ext] = (row, identity)
                match = self.by_external.get(ext)
        return False, match, ext

    def _by_name_alone(
        self, row: int, looks: dict[str, Any], source: dict[str, ColumnMap], name_key: str
    ) -> tuple[bool, Attendee | None]:
        """Nothing but a name (an export without numbers, re-imported; or contact details
        not kept): the same name already registered is this person, if there is only
        one (whose details do not say otherwise); else refuse."""
        org = _name_key(looks.get("organization", ""))
        same = [
            a for a in self.by_exact.get(name_key, [])
            if (not org or not a.organization or _name_key(a.organization) == org)
            and _contact_fits(a, looks)
        ]  # fmt: skip
        if len(same) > 1:
            self.issues.append(
                RowIssue(row, "error", "ambiguous_name", "display_name",
                         self.col_label(source["display_name"]),
                         f"{len(same)} people with this name are registered "
                         f"({', '.join(a.reg_no for a in same[:3])}) and this row has no "
                         "registration number, phone or email to tell which: add the "
                         "registration number column (reg_no) to the file.",
                         f"이 이름으로 {len(same)}명이 등록되어 있는데 "
                         f"({', '.join(a.reg_no for a in same[:3])}) 이 행에는 누구인지 "
                         "알 수 있는 등록번호·연락처·이메일이 없습니다. 파일에 등록번호 열을 "
                         "넣으세요.")
            )  # fmt: skip
            return True, None
        return False, (same[0] if same else None)

    def _matched(
        self,
        row: int,
        match: Attendee,
        normalized: dict[str, Any],
        source: dict[str, ColumnMap],
        by_name_only: bool,
    ) -> None:
        """A row of an attendee already in the event: an update, or unchanged."""
        plan = self.plan
        if match.id in self.matched_ids:
            plan.skipped.append(row)
            self.issues.append(
                _duplicate_row(row, self.matched_ids[match.id], "attendee", "참가자")
            )
            return
        self.matched_ids[match.id] = row
        changes = {k: v for k, v in normalized.items() if getattr(match, k) != v}
        if not _merge_answers(match, changes):
            self.issues.append(_held_without_consent(row))
        if by_name_only:  # matched by the name alone: never blank what the file lacks
            changes = {k: v for k, v in changes.items() if v not in ("", None)}
            self.issues.append(
                RowIssue(row, "warning", "matched_by_name", "display_name",
                         self.col_label(source["display_name"]),
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

    def _new(
        self,
        row: int,
        normalized: dict[str, Any],
        complete: dict[str, Any] | None,
        source: dict[str, ColumnMap],
    ) -> None:
        """A new attendee: near-identical names (in the file or the event) flagged."""
        col_label = self.col_label
        near = _near_key(normalized["display_name"])
        if near in self.seen_names:
            self.issues.append(
                RowIssue(row, "warning", "possible_duplicate", "display_name",
                         col_label(source["display_name"]),
                         f"A very similar name is in row {self.seen_names[near]} (different "
                         "contact details): imported as a different person.",
                         f"{self.seen_names[near]}행에 매우 비슷한 이름이 있습니다 (연락처가 다름). "
                         "다른 사람으로 가져옵니다.")
            )  # fmt: skip
        elif near in self.by_name:
            other = self.by_name[near]
            self.issues.append(
                RowIssue(row, "warning", "possible_duplicate", "display_name",
                         col_label(source["display_name"]),
                         f"A very similar name is already registered ({other.reg_no}, different "
                         "contact details): imported as a different person.",
                         f"매우 비슷한 이름이 이미 등록되어 있습니다 ({other.reg_no}, 연락처가 다름). "
                         "다른 사람으로 가져옵니다.")
            )  # fmt: skip
        self.seen_names.setdefault(near, row)
        if complete is None:  # pragma: no cover - rows with errors never get here
            complete = fields.normalize(normalized, self.categories, partial=False)
        self.plan.new.append((row, {**complete, **normalized}))
