"""The paper fallback: a printable door list for when the power or a laptop fails, and
entering its ticks back afterwards.

The door list (``write_door_list``) has every registered attendee in Hangul order
(ㄱㄴㄷ ..., Latin names after), in large type, with a section letter, the registration
number, a tick box and a space for the time. It prints the neutral badge label, never
the category (a lost sheet must not say who is a defector), and marks who was already
checked in when it was printed.

Ticks (``record_ticks``) are registration numbers (or ids, external ids), each with an
optional time (``DD-0042@10:15``), recorded through the check-in engine with method
``paper``. Entering the same ticks twice records nothing new: an attendee who already
has an entry on the list is left as is. All references are checked first; if any is
unknown or unreadable nothing is recorded.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import re
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from checkin import errors
from checkin.clock import SYSTEM_CLOCK, Clock, FixedClock
from checkin.db.eventfile import EventFile
from checkin.door.engine import CheckinEngine
from checkin.event import settings as settings_mod
from checkin.lists import pdfdoc
from checkin.lists.texts import ListTexts as T
from checkin.models import Attendee, Status
from checkin.people import attendees
from checkin.people.hangul import INITIALS, is_syllable, split_syllable
from checkin.protect import audit
from checkin.protect.access import Access

log = logging.getLogger(__name__)

# Double consonants are filed under the plain one, as in a Korean dictionary index.
_SECTION = {"ㄲ": "ㄱ", "ㄸ": "ㄷ", "ㅃ": "ㅂ", "ㅆ": "ㅅ", "ㅉ": "ㅈ"}


def section_of(name: str) -> str:
    """The index letter a name is filed under: ㄱ ... ㅎ, A ... Z, or #."""
    group, text = pdfdoc.hangul_order_key(name)
    first = text[:1]
    if group == 0:
        initial = split_syllable(first)[0] if is_syllable(first) else first
        return _SECTION.get(initial, initial) if initial in INITIALS else initial
    if group == 1:
        return first.upper()
    return "#"


def write_door_list(
    ef: EventFile,
    path: str | os.PathLike[str],
    list_id: str = "main",
    lang: str = "ko",
    clock: Clock = SYSTEM_CLOCK,
    *,
    access: Access,
) -> int:
    """Write the printable door list; returns the number of attendees on it. Needs
    organizer access; recorded in the audit log."""
    access.require_organizer(ef)
    access.check_reason()
    cfg = settings_mod.load(ef)
    if list_id not in cfg.list_ids():
        raise errors.InvalidInput(T.no_check_list, field="list", list_id=list_id)
    rows = ef.named(
        "SELECT a.display_name, a.reg_no, a.category, x.first_in_at "
        "FROM attendees a LEFT JOIN attendance x ON x.attendee_id = a.id AND x.list = ? "
        "AND x.entries > 0 WHERE a.status = 'registered'",
        (list_id,),
    ).fetchall()
    rows.sort(key=lambda r: (pdfdoc.hangul_order_key(r.display_name), r.reg_no))
    sheet = _DoorSheet(cfg, list_id, lang, clock, rows)
    sheet.draw(rows)
    pdfdoc.save(sheet.pdf, path)
    log.info("wrote a door list of %d attendees", len(rows))
    audit.record(
        ef, access.clock, audit.EXPORT,
        detail=access.export_detail({"kind": "paper", "format": "pdf", "rows": len(rows),
                "fields": ["display_name", "reg_no", "category", "checked_in_at"]}),
        operator=access.operator,
    )  # fmt: skip
    return len(rows)


class _DoorSheet:
    """The door list's pages: a header on each (with the section letter), a bar per
    section, one row per attendee with a tick box (ticked if already in)."""

    ROW_H = 9.2

    def __init__(
        self,
        cfg: settings_mod.EventSettings,
        list_id: str,
        lang: str,
        clock: Clock,
        rows: list[Any],
    ) -> None:
        self.cfg, self.lang, self.ko = cfg, lang, lang == "ko"
        self.tz = ZoneInfo(cfg.timezone)
        self.lst = next(li for li in cfg.lists if li.id == list_id)
        self.badge = {c.id: c.badge_label(lang) for c in cfg.categories}
        self.printed = dt.datetime.fromtimestamp(clock.now_ms() / 1000, self.tz).strftime(
            "%Y-%m-%d %H:%M"
        )
        self.count = len(rows)
        self.already = sum(1 for r in rows if r.first_in_at is not None)
        self.section = ""
        ko = self.ko
        pdf = self.pdf = pdfdoc.Document(
            f"{cfg.title(lang)} — {'출입 명단' if ko else 'Door list'}"
        )
        pdf.header_fn = self.header
        pdf.footer_text = (
            "개인정보 — 분실 주의, 행사 후 본부에 반납·파기 · 체크 결과는 'checkin paper-ticks'로 입력"
            if ko
            else "Personal data: do not lose; return to HQ and destroy after the event · enter "
            "ticks with 'checkin paper-ticks'"
        )
        w = pdf.epw
        self.cols = [10, w - 10 - 30 - 30 - 24, 30, 30, 24]  # box, name, reg no, label, time

    def header(self, doc: pdfdoc.Document) -> None:
        cfg, lang, ko, printed = self.cfg, self.lang, self.ko, self.printed
        doc.set_font(pdfdoc.FONT, "B", 15)
        title = f"{cfg.title(lang)} · {'출입 명단' if ko else 'Door list'}"
        if len(cfg.lists) > 1:
            title += f" · {self.lst.label(lang)}"
        doc.cell(doc.epw * 0.75, 8, title)
        doc.set_font(pdfdoc.FONT, "B", 15)
        doc.cell(doc.epw * 0.25, 8, self.section, align="R", new_x="LMARGIN", new_y="NEXT")
        doc.set_font(pdfdoc.FONT, "", 9)
        doc.set_text_color(*pdfdoc.MUTED)
        count, already = self.count, self.already
        doc.cell(
            doc.epw, 5,
            (f"{cfg.date} · 출력 {printed} · {count}명 (출력 시 이미 입장 {already}명은 체크되어 있음) · "
             "입장하면 □에 체크하고 시각을 적으세요" if ko else
             f"{cfg.date} · printed {printed} · {count} people ({already} already in when "
             "printed are ticked) · tick the box and write the time"),
            new_x="LMARGIN", new_y="NEXT",
        )  # fmt: skip
        doc.set_text_color(*pdfdoc.INK)
        doc.set_draw_color(*pdfdoc.RULE)
        doc.line(doc.l_margin, doc.get_y() + 1, doc.l_margin + doc.epw, doc.get_y() + 1)
        doc.ln(3)

    def draw(self, rows: list[Any]) -> None:
        pdf = self.pdf
        pdf.add_page()
        for r in rows:
            self._section_bar(section_of(r.display_name))
            if pdf.get_y() + self.ROW_H > pdf.page_break_trigger:
                pdf.add_page()
            self._row(r.display_name, r.reg_no, r.category, r.first_in_at)
        if not rows:
            pdf.set_font(pdfdoc.FONT, "", 12)
            pdf.cell(
                pdf.epw, 10, "등록된 참가자가 없습니다." if self.ko else "No registered attendees."
            )

    def _section_bar(self, section: str) -> None:
        """A new section's bar (on a new page when it would be left alone at the foot)."""
        pdf = self.pdf
        if section == self.section:
            return
        if pdf.get_y() + self.ROW_H * 2.2 > pdf.page_break_trigger:
            self.section = section
            pdf.add_page()
        else:
            self.section = section
        pdf.set_font(pdfdoc.FONT, "B", 13)
        pdf.set_fill_color(236, 239, 241)
        pdf.cell(pdf.epw, 7.5, f"  {section}", fill=True, new_x="LMARGIN", new_y="NEXT")

    def _row(self, name: str, reg_no: str, category: str, first_in: int | None) -> None:
        pdf, cols, row_h, w = self.pdf, self.cols, self.ROW_H, self.pdf.epw
        y = pdf.get_y()
        x = pdf.l_margin
        pdf.set_draw_color(60, 60, 60)
        pdf.set_line_width(0.4)
        pdf.rect(x + 2, y + 1.8, 5.6, 5.6)
        if first_in is not None:
            pdf.set_line_width(0.8)
            pdf.line(x + 3, y + 4.6, x + 4.6, y + 6.4)
            pdf.line(x + 4.6, y + 6.4, x + 7.2, y + 2.2)
        pdf.set_line_width(0.2)
        pdf.set_xy(x + cols[0], y)
        pdf.set_font(pdfdoc.FONT, "B", 15)
        pdf.cell(cols[1], row_h, pdfdoc.fit(pdf, name, cols[1] - 2))
        pdf.set_font(pdfdoc.FONT, "", 12)
        pdf.cell(cols[2], row_h, reg_no)
        pdf.set_font(pdfdoc.FONT, "", 10)
        pdf.cell(cols[3], row_h, self.badge.get(category, ""))
        if first_in is not None:
            when = dt.datetime.fromtimestamp(first_in / 1000, self.tz).strftime("%H:%M")
            pdf.cell(cols[4], row_h, when, align="R")
        else:
            pdf.set_draw_color(*pdfdoc.RULE)
            pdf.line(x + w - cols[4] + 4, y + row_h - 2, x + w - 1, y + row_h - 2)
        pdf.set_draw_color(225, 225, 225)
        pdf.line(x, y + row_h, x + w, y + row_h)
        pdf.set_xy(x, y + row_h)


# --- entering ticks -----------------------------------------------------------------

_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})$")


@dataclass(frozen=True)
class Tick:
    ref: str
    at: str = ""  # HH:MM or YYYY-MM-DD HH:MM; empty: the given default


@dataclass(frozen=True)
class TickOutcome:
    ref: str
    outcome: str  # recorded, already, cancelled
    reg_no: str
    at_ms: int

    def to_json(self) -> dict[str, Any]:
        return {"ref": self.ref, "outcome": self.outcome, "reg_no": self.reg_no,
                "at_ms": self.at_ms}  # fmt: skip


class TicksRejected(errors.CheckinError):
    code = "ticks_rejected"

    def __init__(self, problems: list[tuple[str, str, str]]) -> None:
        shown = "; ".join(f"{ref}: {en}" for ref, en, _ in problems[:10])
        shown_ko = "; ".join(f"{ref}: {ko}" for ref, _, ko in problems[:10])
        super().__init__(
            f"Nothing was recorded: {len(problems)} tick(s) to fix first ({shown}).",
            f"아무것도 기록하지 않았습니다. 먼저 고칠 항목 {len(problems)}건 ({shown_ko}).",
            problems=len(problems),
        )
        self.problems = problems


def parse_tick(text: str) -> Tick:
    """``DD-0042``, ``DD-0042@10:15`` or ``DD-0042=10:15``."""
    for sep in ("@", "="):
        if sep in text:
            ref, _, at = text.partition(sep)
            return Tick(ref.strip(), at.strip())
    return Tick(text.strip(), "")


def parse_time(text: str, event_date: str, timezone: str) -> int:
    """Milliseconds for ``HH:MM`` on the event day, or ``YYYY-MM-DD HH:MM``."""
    tz = ZoneInfo(timezone)
    value = text.strip()
    m = _TIME.match(value)
    try:
        if m:
            day = dt.date.fromisoformat(event_date)
            moment = dt.datetime.combine(day, dt.time(int(m.group(1)), int(m.group(2))), tz)
        else:
            moment = dt.datetime.fromisoformat(value).replace(tzinfo=tz)
    except ValueError:
        raise errors.InvalidInput(T.not_time_use_hh_mm, field="at", text=text) from None
    return int(moment.timestamp() * 1000)


def record_ticks(
    ef: EventFile,
    ticks: list[Tick] | list[str],
    default_at: str = "",
    list_id: str = "main",
    station: str | None = None,
    operator: str = "",
    clock: Clock = SYSTEM_CLOCK,
) -> list[TickOutcome]:
    """Record ticks from the paper list as check-ins (method ``paper``), idempotently."""
    items = [t if isinstance(t, Tick) else parse_tick(t) for t in ticks]
    items = [t for t in items if t.ref]
    if not items:
        raise errors.InvalidInput(T.give_least_one_registration_number, field="ref")
    cfg = settings_mod.load(ef)
    if list_id not in cfg.list_ids():
        raise errors.InvalidInput(T.no_check_list, field="list", list_id=list_id)
    problems: list[tuple[str, str, str]] = []
    resolved: list[tuple[Tick, Attendee, int]] = []
    default_ms = clock.now_ms()
    if default_at:
        default_ms = parse_time(default_at, cfg.date, cfg.timezone)
    for tick in items:
        try:
            found = attendees.find(ef, tick.ref)
        except errors.CheckinError as exc:
            problems.append((tick.ref, exc.en, exc.ko))
            continue
        try:
            at = parse_time(tick.at, cfg.date, cfg.timezone) if tick.at else default_ms
        except errors.InvalidInput as exc:
            problems.append((tick.ref, exc.en, exc.ko))
            continue
        if found.cancelled:
            problems.append(
                (tick.ref, "this registration is cancelled; restore it first",
                 "취소된 등록입니다. 먼저 복원하세요")
            )  # fmt: skip
            continue
        resolved.append((tick, found, at))
    if problems:
        raise TicksRejected(problems)
    outcomes: list[TickOutcome] = []
    seen: set[str] = set()
    tick_clock = FixedClock(default_ms)
    engine = CheckinEngine(ef, tick_clock)
    for tick, person, at in resolved:
        if person.id in seen:
            outcomes.append(TickOutcome(tick.ref, "already", person.reg_no, at))
            continue
        seen.add(person.id)
        state = ef.execute(
            "SELECT entries FROM attendance WHERE attendee_id = ? AND list = ?",
            (person.id, list_id),
        ).fetchone()
        if state and state[0] > 0:
            outcomes.append(TickOutcome(tick.ref, "already", person.reg_no, at))
            continue
        tick_clock.set(at)
        result = engine.check_in(
            person.id, station=station, list=list_id, operator=operator, method="paper"
        )
        if result.status is Status.OK:
            outcomes.append(TickOutcome(tick.ref, "recorded", person.reg_no, at))
        elif result.status is Status.CANCELLED:
            outcomes.append(TickOutcome(tick.ref, "cancelled", person.reg_no, at))
        else:
            outcomes.append(TickOutcome(tick.ref, "already", person.reg_no, at))
    log.info(
        "paper ticks: %d recorded, %d already in",
        sum(o.outcome == "recorded" for o in outcomes),
        sum(o.outcome == "already" for o in outcomes),
    )
    return outcomes
