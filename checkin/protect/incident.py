"""The lost-station kit: what an organizer needs when a kiosk laptop goes missing.

When a station is retired as *lost* (``checkin sync retire --lost``), the organizer
gets an incident sheet, a one-page PDF and the same facts as JSON, in Korean and
English. It says what personal data that station's file could hold given how it was
set up (role, with or without personal fields, encrypted or not), for how many
people (everyone registered before its last sync with this file, plus what it
registered itself), when it last synced, which consent wordings those people agreed
to, and the duties that now apply under the Personal Information Protection Act
(Art. 34 and its enforcement decree): tell the people affected without delay, and
report to the regulator within 72 hours where required. The sheet names nobody: it
carries counts, the station's name and times only.

The facts come from the organizer's own file: the provisioning record kept when the
package was made (``provisioned.<station id>`` in ``sync_local``), the station's row
(role, last contact) and the attendees table. Pure reads, no Qt.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from checkin.clock import Clock
from checkin.db.eventfile import EventFile
from checkin.event import settings as settings_mod
from checkin.lists import pdfdoc
from checkin.protect.texts import ProtectTexts as T

log = logging.getLogger(__name__)

PROVISIONED_PREFIX = "provisioned."
# Fields by what a station file holds. A desk (and a scan-only kiosk set up with personal
# fields by a version before per-role keys: the app hides them on screen, but the file
# holds them) carries all.
ALL_FIELDS = ("display_name", "registration number", "category", "organization", "full_name",
              "phone", "email", "access_needs", "notes", "external_id")  # fmt: skip
STRIPPED_FIELDS = ("display_name", "registration number", "category")
# A scan-only kiosk with personal fields, set up since per-role keys: what a door shows.
DOOR_FIELDS = ("display_name", "registration number", "category", "organization",
               "access_needs")  # fmt: skip
SENSITIVE_FIELDS = ("access_needs",)  # health and disability: PIPA Art. 23
# The decree's thresholds for reporting to the regulator (PIPC or KISA) within 72 h.
REPORT_THRESHOLD_PEOPLE = 1000

FIELD_LABELS = {  # (English, Korean)
    "display_name": T.sheet_display_name.pair(),
    "registration number": T.sheet_reg_no.pair(),
    "category": T.sheet_category.pair(),
    "organization": T.sheet_organization.pair(),
    "full_name": T.sheet_full_name.pair(),
    "phone": T.sheet_phone.pair(),
    "email": T.sheet_email.pair(),
    "access_needs": T.sheet_access_needs.pair(),
    "notes": T.sheet_notes.pair(),
    "external_id": T.sheet_external_id.pair(),
}


@dataclass
class IncidentSheet:
    """The facts of one lost station (no personal data)."""

    event: str
    station_id: str
    station: str
    station_no: int | None
    role: str
    personal_fields_held: bool | None  # None: provisioned before this was recorded
    encrypted: bool | None
    provisioned_at: int | None
    last_sync_at: int | None
    lost_reported_at: int
    people: int
    people_with_access_needs: int
    fields: list[str]
    consent_versions: dict[str, int] = field(default_factory=dict)
    report_to_regulator: bool = True
    reasons_to_report: list[str] = field(default_factory=list)
    timezone: str = "Asia/Seoul"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def record_provisioning(
    conn: Any, station_id: str, *, role: str, personal: bool, encrypted: bool, at_ms: int,
    view: str = "",
) -> None:  # fmt: skip
    """Remember, in the organizer's file, how a station package was made (``view``: what
    its keys open, ``checkin.sync.keys``)."""
    from checkin.sync import state

    state.set_local(conn, PROVISIONED_PREFIX + station_id,
                    {"role": role, "personal": personal, "encrypted": encrypted, "at": at_ms,
                     **({"view": view} if view else {})})  # fmt: skip


def _fields_held(made: dict[str, Any], role: str | None, personal: bool | None) -> tuple[str, ...]:
    """What the station's file and keys could reveal, by how it was provisioned."""
    view = made.get("view")
    if view == "bare":
        return STRIPPED_FIELDS
    if view == "door":
        return DOOR_FIELDS
    if made and not view and role == "scan-only":
        # provisioned before per-role keys: it holds the event's sync secret, which opens
        # every station's bundles and hub rows, with every personal field
        return ALL_FIELDS
    return STRIPPED_FIELDS if personal is False else ALL_FIELDS


def build(ef: EventFile, clock: Clock, station_id: str) -> IncidentSheet:
    from checkin.sync import state

    cfg = settings_mod.load(ef)
    with ef.read() as conn:
        row = conn.execute(
            "SELECT name, station_no, role, last_seen_at FROM stations WHERE station_id = ?",
            (station_id,),
        ).fetchone()
        if row is None:
            from checkin import errors

            raise errors.InvalidInput(T.no_station_file, field="station", station_id=station_id)
        name, number, role, last_seen = row
        made = state.get_local(conn, PROVISIONED_PREFIX + station_id) or {}
        personal = made.get("personal")
        encrypted = made.get("encrypted")
        provisioned_at = made.get("at")
        # What the station could hold: everything registered before its last contact
        # with this file, and whatever it registered itself since.
        held_through = max(x for x in (last_seen or 0, provisioned_at or 0))
        people, needs = conn.execute(
            "SELECT count(*), coalesce(sum(access_needs != ''), 0) FROM attendees "
            "WHERE created_at <= ? OR created_station = ?",
            (held_through, station_id),
        ).fetchone()
        versions = dict(
            conn.execute(
                "SELECT CASE WHEN consent_version = '' THEN '-' ELSE consent_version END, "
                "count(*) FROM attendees WHERE created_at <= ? OR created_station = ? "
                "GROUP BY 1 ORDER BY 1",
                (held_through, station_id),
            ).fetchall()
        )
    fields = list(_fields_held(made, role, personal))
    sensitive = any(f in fields for f in SENSITIVE_FIELDS) and needs > 0
    reasons = []
    if people >= REPORT_THRESHOLD_PEOPLE:
        reasons.append("people")
    if sensitive:
        reasons.append("sensitive")
    if encrypted is not True:
        reasons.append("not_encrypted" if encrypted is False else "encryption_unknown")
    return IncidentSheet(
        event=cfg.title("ko"),
        station_id=station_id,
        station=name,
        station_no=number,
        role=role or "?",
        personal_fields_held=personal,
        encrypted=encrypted,
        provisioned_at=provisioned_at,
        last_sync_at=last_seen,
        lost_reported_at=clock.now_ms(),
        people=people,
        people_with_access_needs=needs if "access_needs" in fields else 0,
        fields=fields,
        consent_versions=versions,
        # The decree asks for a report for 1,000 people or more or any sensitive data
        # (or an outside attack, which the app cannot know); the organizer decides.
        report_to_regulator=bool({"people", "sensitive"} & set(reasons)),
        reasons_to_report=reasons,
        timezone=cfg.timezone,
    )


def _when(ms: int | None, tz: str, ko: bool) -> str:
    if not ms:
        return T.sheet_never.get("ko" if ko else "en")
    return dt.datetime.fromtimestamp(ms / 1000, ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M")


def lines(sheet: IncidentSheet, lang: str) -> list[tuple[str, str]]:
    """The sheet as (heading, text) pairs in one language."""
    ko = lang == "ko"

    def yes_no(v: bool | None) -> str:
        answer = T.sheet_not_recorded if v is None else T.sheet_yes if v else T.sheet_no
        return answer.get(lang)

    deadline = sheet.lost_reported_at + 72 * 3600 * 1000
    fields = ", ".join(FIELD_LABELS[f][1 if ko else 0] for f in sheet.fields)
    consent_text = ", ".join(f"{v}: {n}" for v, n in sheet.consent_versions.items()) or "-"
    tz = sheet.timezone
    out = [
        (T.station_heading.get(lang), f"{sheet.station} (#{sheet.station_no}, {sheet.role}, "
                                    f"{sheet.station_id})"),
        (T.sheet_reported_lost.get(lang), _when(sheet.lost_reported_at, tz, ko)),
        (T.sheet_last_sync.get(lang), _when(sheet.last_sync_at, tz, ko)),
        (T.sheet_encrypted.get(lang), yes_no(sheet.encrypted)),
        (T.sheet_personal_fields.get(lang), yes_no(sheet.personal_fields_held)),
        (T.sheet_fields_held.get(lang), fields),
        (T.sheet_people.get(lang), T.sheet_up_to.get(lang, n=sheet.people)),
        (T.sheet_access_needs_people.get(lang), f"{sheet.people_with_access_needs:,}"),
        (T.sheet_consent_versions.get(lang), consent_text),
    ]  # fmt: skip
    assessment = T.sheet_report if sheet.report_to_regulator else T.sheet_probably_not
    duties = [
        T.sheet_duty_stop.get(lang),
        T.sheet_duty_tell.get(lang),
        T.sheet_duty_report.get(lang, by=_when(deadline, tz, ko), threshold=REPORT_THRESHOLD_PEOPLE)
        + assessment.get(lang),
        T.sheet_duty_keep.get(lang),
    ]  # fmt: skip
    out.append((T.sheet_what_to_do.get(lang), "\n".join(duties)))
    return out


def write(
    sheet: IncidentSheet, path: str | os.PathLike[str], lang: str = "ko"
) -> tuple[Path, Path]:
    """Write the PDF (Korean first, then English) and ``<path>.json``; returns both paths."""
    pdf_path = Path(path)
    json_path = pdf_path.with_suffix(".json")
    pdf = pdfdoc.Document(f"{T.sheet_title.ko} / {T.sheet_title.en}")  # Korean first
    pdf.footer_text = f"checkin · {T.sheet_no_names.ko} / {T.sheet_no_names.en}"
    order = ("ko", "en") if lang == "ko" else ("en", "ko")
    for language in order:
        pdf.add_page()
        pdf.set_font(pdfdoc.FONT, "B", 15)
        title = T.sheet_title.get(language)
        pdf.cell(pdf.epw, 9, f"{title} — {sheet.event}", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        for heading, text in lines(sheet, language):
            pdf.set_font(pdfdoc.FONT, "B", 9.5)
            pdf.multi_cell(pdf.epw, 5.5, heading, new_x="LMARGIN", new_y="NEXT")
            pdf.set_font(pdfdoc.FONT, "", 9.5)
            pdf.multi_cell(pdf.epw, 5.5, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1.5)
    pdfdoc.save(pdf, pdf_path)
    body = json.dumps(sheet.to_json(), ensure_ascii=False, indent=2) + "\n"
    pdfdoc.write_atomically(json_path, lambda fh: fh.write(body.encode()))
    log.info("wrote a lost-station incident sheet (%d people)", sheet.people)
    return pdf_path, json_path


def make(
    ef: EventFile,
    clock: Clock,
    station_id: str,
    path: str | os.PathLike[str],
    lang: str = "ko",
    operator: str = "",
) -> tuple[IncidentSheet, Path, Path]:
    """Build and write the sheet for a station just retired as lost; audited."""
    from checkin.protect import audit

    sheet = build(ef, clock, station_id)
    pdf, sidecar = write(sheet, path, lang)
    audit.record(ef, clock, audit.EXPORT, operator=operator,
                 detail={"kind": "incident_sheet", "format": "pdf", "rows": sheet.people})  # fmt: skip
    return sheet, pdf, sidecar
