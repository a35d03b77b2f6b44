"""The one-page summary report an organizer sends on after the event.

Event, totals (expected, checked in, share, walk-ins registered at a desk on the day, cancelled),
checked in by category and by check-in list, an arrivals chart over time (drawn with
fpdf2 lines and rectangles from ``checkin.door.stats.arrivals``), the peak arrival rate,
and the stations with their entries and how people were checked in. No names: the
report carries counts only, and every count finer than the whole event goes through
``checkin.lists.suppression``: below the event's threshold it shows "<5", and cells that
would give such a count back from a printed total show "x".
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from checkin.clock import SYSTEM_CLOCK, Clock
from checkin.db.eventfile import EventFile
from checkin.door import stats
from checkin.event import settings as settings_mod
from checkin.lists import pdfdoc, suppression
from checkin.lists.texts import ListTexts as T
from checkin.protect import audit
from checkin.protect.access import Access

log = logging.getLogger(__name__)

BUCKET_MINUTES = 15
CHART_BLUE = (21, 101, 192)


@dataclass
class ReportData:
    title: str
    subtitle: str
    date: str
    venue: str
    timezone: str
    expected: int
    checked_in: int
    inside: int
    cancelled: int
    walk_ins: int
    by_category: list[tuple[str, int, int, str]]  # label, expected, checked in, colour
    by_list: list[tuple[str, int]]
    arrivals: list[tuple[int, int]]
    peak: tuple[int, int] | None  # bucket start, count
    peak_minute: tuple[int, int] | None
    stations: list[tuple[str, int]]
    methods: dict[str, int] = field(default_factory=dict)
    first_at: int | None = None
    last_at: int | None = None
    threshold: int = suppression.DEFAULT_THRESHOLD
    anonymous: int = 0  # admitted without registering (in checked_in)

    def to_json(self) -> dict[str, Any]:
        """The exact figures (for the organizer's own screen; never written out)."""
        from dataclasses import asdict

        return asdict(self)

    def published(self) -> PublishedFigures:
        """The figures as they may leave the app: small counts suppressed."""
        return publish(self)


@dataclass(frozen=True)
class PublishedFigures:
    """What the report prints and ``report --json`` gives out: every count finer than
    the whole event as a :class:`suppression.Cell` (hidden below the threshold, or to
    protect such a count from the totals printed beside it)."""

    threshold: int
    by_category: list[tuple[str, suppression.Cell, suppression.Cell, str]]
    by_list: list[tuple[str, suppression.Cell]]
    arrivals: list[tuple[int, suppression.Cell]]
    stations: list[tuple[str | None, suppression.Cell]]  # None: the other stations together
    methods: list[tuple[str, suppression.Cell]]

    def to_json(self, totals: ReportData) -> dict[str, Any]:
        t = self.threshold
        return {
            "title": totals.title, "subtitle": totals.subtitle, "date": totals.date,
            "venue": totals.venue, "timezone": totals.timezone,
            "expected": totals.expected, "checked_in": totals.checked_in,
            "inside": totals.inside, "cancelled": totals.cancelled,
            "walk_ins": totals.walk_ins, "anonymous": totals.anonymous,
            "small_count_threshold": t,
            "by_category": [
                {"category": label, "expected": e.json(t), "checked_in": c.json(t)}
                for label, e, c, _ in self.by_category
            ],
            "by_list": [{"list": label, "checked_in": n.json(t)} for label, n in self.by_list],
            "arrivals": [{"from_ms": start, "arrivals": n.json(t)} for start, n in self.arrivals],
            "stations": [{"station": name, "entries": n.json(t)} for name, n in self.stations],
            "methods": {m: n.json(t) for m, n in self.methods},
        }  # fmt: skip


#: how many stations the report names; the rest are summed into one line
SHOWN_STATIONS = 8


def publish(data: ReportData) -> PublishedFigures:
    t = data.threshold
    cats = suppression.suppress_table(
        [[e, c] for _, e, c, _ in data.by_category], t, row_totals=False, col_totals=True
    ) if data.by_category else []  # fmt: skip
    by_category = [
        (label, cells[0], cells[1], color)
        for (label, _, _, color), cells in zip(data.by_category, cats, strict=True)
    ]
    lists = suppression.suppress_line([n for _, n in data.by_list], t, total_published=False)
    arrivals = suppression.suppress_line([n for _, n in data.arrivals], t)
    named = data.stations[:SHOWN_STATIONS]
    station_counts = [n for _, n in named]
    station_names: list[str | None] = [name for name, _ in named]
    if len(data.stations) > SHOWN_STATIONS:
        station_counts.append(sum(n for _, n in data.stations[SHOWN_STATIONS:]))
        station_names.append(None)
    stations = suppression.suppress_line(station_counts, t)
    method_items = sorted(data.methods.items(), key=lambda kv: -kv[1])
    methods = suppression.suppress_line([n for _, n in method_items], t)
    return PublishedFigures(
        threshold=t,
        by_category=by_category,
        by_list=[(label, c) for (label, _), c in zip(data.by_list, lists, strict=True)],
        arrivals=[(start, c) for (start, _), c in zip(data.arrivals, arrivals, strict=True)],
        stations=list(zip(station_names, stations, strict=True)),
        methods=[(m, c) for (m, _), c in zip(method_items, methods, strict=True)],
    )


def collect(ef: EventFile, list_id: str = "main", lang: str = "ko") -> ReportData:
    cfg = settings_mod.load(ef)
    s = stats.compute(ef, list_id)
    tz = ZoneInfo(cfg.timezone)
    cats = []
    order = {c.id: i for i, c in enumerate(cfg.categories)}  # as the event lists them
    for c in sorted(s.by_category, key=lambda c: order.get(c.category, len(order))):
        cat = cfg.category(c.category)
        label = cat.label(lang) if cat else ("미동기화" if lang == "ko" else "not synced")
        cats.append((label, c.expected, c.checked_in, cat.color if cat else "#9E9E9E"))
    by_list = []
    for li in cfg.lists:
        n = ef.execute(
            "SELECT count(*) FROM attendance WHERE list = ? AND entries > 0", (li.id,)
        ).fetchone()[0]
        by_list.append((li.label(lang), n))
    arrivals = stats.arrivals(ef, list_id, BUCKET_MINUTES)
    peak = max(arrivals, key=lambda b: b[1]) if arrivals else None
    per_minute = stats.arrivals(ef, list_id, 1)
    peak_minute = max(per_minute, key=lambda b: b[1]) if per_minute else None
    walk_ins = 0
    if cfg.date:
        try:
            day = dt.date.fromisoformat(cfg.date)
            start = int(dt.datetime.combine(day, dt.time(), tz).timestamp() * 1000)
            # Registered on the day at a desk station (walk-in desk), counted by the
            # station that created them: a morning import on the organizer's file is not
            # a walk-in.
            walk_ins = ef.execute(
                "SELECT count(*) FROM attendees a JOIN stations s "
                "ON s.station_id = a.created_station AND s.role = 'desk' "
                "WHERE a.created_at >= ? AND a.created_at < ? AND a.status = 'registered'",
                (start, start + 86_400_000),
            ).fetchone()[0]
        except ValueError:
            walk_ins = 0
    methods = dict(
        ef.execute(
            "SELECT c.method, count(*) FROM checkins c WHERE c.list = ? AND c.action = 'entry' "
            "AND NOT EXISTS (SELECT 1 FROM checkins u WHERE u.undoes = c.id) GROUP BY 1",
            (list_id,),
        ).fetchall()
    )
    first_at, last_at = ef.execute(
        "SELECT min(first_in_at), max(first_in_at) FROM attendance WHERE list = ?", (list_id,)
    ).fetchone()
    other = cfg.name_en if lang == "ko" else cfg.name
    return ReportData(
        title=cfg.title(lang),
        subtitle=other if other and other != cfg.title(lang) else "",
        date=cfg.date,
        venue=cfg.venue,
        timezone=cfg.timezone,
        expected=s.expected,
        checked_in=s.checked_in,
        inside=s.inside,
        cancelled=s.cancelled,
        walk_ins=walk_ins,
        by_category=cats,
        by_list=by_list,
        arrivals=arrivals,
        peak=peak,
        peak_minute=peak_minute,
        stations=list(s.by_station.items()),
        methods=methods,
        first_at=first_at,
        last_at=last_at,
        threshold=suppression.threshold_of(cfg.extra),
        anonymous=s.anonymous,
    )


def _hex(color: str) -> tuple[int, int, int]:
    c = color.lstrip("#")
    try:
        return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)
    except (ValueError, IndexError):
        return CHART_BLUE


_METHOD_LABELS = {
    "scan": ("badge scan", "명찰 스캔"), "camera": ("camera", "카메라"),
    "search": ("name search", "이름 검색"), "manual": ("manual", "수동"),
    "paper": ("paper list", "종이 명단"), "self": ("self check-in", "셀프"),
}  # fmt: skip


def write_report(
    ef: EventFile,
    path: str | os.PathLike[str],
    list_id: str = "main",
    lang: str = "ko",
    clock: Clock = SYSTEM_CLOCK,
    *,
    access: Access,
) -> ReportData:
    """Write the one-page PDF summary; returns the figures it shows. Needs organizer
    access; recorded in the audit log."""
    from checkin import errors

    access.require_organizer(ef)
    access.check_reason()
    cfg = settings_mod.load(ef)
    if list_id not in cfg.list_ids():
        raise errors.InvalidInput(T.no_check_list, field="list", list_id=list_id)
    data = collect(ef, list_id, lang)
    page = _ReportPage(data, lang, clock)
    page.title_block()
    page.key_figures()
    page.by_category()
    page.arrivals()
    page.stations()
    pdfdoc.save(page.pdf, path)
    log.info("wrote the summary report (%d checked in)", data.checked_in)
    audit.record(ef, access.clock, audit.EXPORT,
                 detail=access.export_detail({"kind": "report", "format": "pdf"}),
                 operator=access.operator)  # fmt: skip
    return data


class _ReportPage:
    """The report's one page, drawn section by section from the published figures."""

    def __init__(self, data: ReportData, lang: str, clock: Clock) -> None:
        self.data = data
        self.shown = data.published()
        self.th = data.threshold
        self.ko = lang == "ko"
        self.tz = ZoneInfo(data.timezone)
        t = self.t
        pdf = self.pdf = pdfdoc.Document(f"{data.title} — {t('Summary report', '결과 보고')}")
        pdf.set_auto_page_break(False)
        pdf.footer_text = (
            t("Generated ", "작성 ")
            + dt.datetime.fromtimestamp(clock.now_ms() / 1000, self.tz).strftime("%Y-%m-%d %H:%M")
            + t(" · counts only, no personal data", " · 집계만 포함, 개인정보 없음")
        )
        pdf.add_page()
        self.w = pdf.epw

    def t(self, en: str, k: str) -> str:
        return k if self.ko else en

    def hm(self, ms: int) -> str:
        return dt.datetime.fromtimestamp(ms / 1000, self.tz).strftime("%H:%M")

    def title_block(self) -> None:
        pdf, data, t, w = self.pdf, self.data, self.t, self.w
        pdf.set_font(pdfdoc.FONT, "B", 18)
        pdf.cell(w, 9, data.title, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(pdfdoc.FONT, "", 10)
        pdf.set_text_color(*pdfdoc.MUTED)
        line = " · ".join(x for x in (data.subtitle, data.date, data.venue) if x)
        pdf.cell(w, 6, line + "  —  " + t("Check-in summary", "체크인 결과 보고"), new_x="LMARGIN",
                 new_y="NEXT")  # fmt: skip
        pdf.set_text_color(*pdfdoc.INK)
        pdf.ln(3)

    def key_figures(self) -> None:
        pdf, data, t, w = self.pdf, self.data, self.t, self.w
        share = f"{100 * data.checked_in / data.expected:.0f}%" if data.expected else "–"
        boxes = [
            (t("Checked in", "입장"), f"{data.checked_in:,}"),
            (t("Expected", "등록(예상)"), f"{data.expected:,}"),
            (t("Turnout", "참석률"), share),
            (t("Walk-ins (desk, on the day)", "현장 등록"), f"{data.walk_ins:,}"),
            (t("Cancelled", "취소"), f"{data.cancelled:,}"),
        ]
        bw = w / len(boxes)
        y0 = pdf.get_y()
        for i, (label, value) in enumerate(boxes):
            x = pdf.l_margin + i * bw
            pdf.set_fill_color(243, 246, 250)
            pdf.rect(x + 1, y0, bw - 2, 20, style="F")
            pdf.set_xy(x + 1, y0 + 2)
            pdf.set_font(pdfdoc.FONT, "B", 16)
            pdf.cell(bw - 2, 9, value, align="C")
            pdf.set_xy(x + 1, y0 + 12)
            pdf.set_font(pdfdoc.FONT, "", 7.5)
            pdf.cell(bw - 2, 5, label, align="C")
        pdf.set_y(y0 + 24)
        if data.anonymous:
            pdf.set_font(pdfdoc.FONT, "", 9)
            pdf.cell(w, 5, t(f"Of those checked in, {data.anonymous:,} were admitted without "
                             "registering (category, time and door only).",
                             f"입장 인원 중 {data.anonymous:,}명은 등록 없이 입장했습니다 (구분·시각·출입구만 기록)."),
                     new_x="LMARGIN", new_y="NEXT")  # fmt: skip
            pdf.ln(1)

    def by_category(self) -> None:
        """Checked in by category (with a bar each), then by check-in list."""
        pdf, t, w, th, shown = self.pdf, self.t, self.w, self.th, self.shown
        _section(pdf, t("By category", "구분별"))
        pdf.set_font(pdfdoc.FONT, "", 9)
        col = [w * 0.40, w * 0.15, w * 0.15, w * 0.30]
        _row(pdf, col, [t("Category", "구분"), t("Expected", "등록"), t("Checked in", "입장"), ""],
             bold=True)  # fmt: skip
        for label, expected, checked, color in shown.by_category:
            y = pdf.get_y()
            _row(pdf, col, [label, expected.show(th), checked.show(th), ""])
            if expected.value and not (expected.hidden or checked.hidden):
                frac = min(1.0, checked.value / expected.value)
                x = pdf.l_margin + col[0] + col[1] + col[2] + 2
                pdf.set_fill_color(230, 230, 230)
                pdf.rect(x, y + 1.3, col[3] - 4, 3.2, style="F")
                pdf.set_fill_color(*_hex(color))
                pdf.rect(x, y + 1.3, (col[3] - 4) * frac, 3.2, style="F")
        pdf.ln(2)
        if len(self.data.by_list) > 1:
            _section(pdf, t("By check-in list", "체크인 목록별"))
            pdf.set_font(pdfdoc.FONT, "", 9)
            for label, n in shown.by_list:
                _row(pdf, [w * 0.40, w * 0.15], [label, n.show(th)])
            pdf.ln(2)

    def arrivals(self) -> None:
        """The arrivals chart, the peak and the first and last arrival."""
        pdf, data, t, w, th, hm = self.pdf, self.data, self.t, self.w, self.th, self.hm
        _section(
            pdf, t(f"Arrivals per {BUCKET_MINUTES} minutes", f"{BUCKET_MINUTES}분 단위 입장 인원")
        )
        chart_h = 55
        chart_y = pdf.get_y() + 2
        _chart(pdf, self.shown.arrivals, pdf.l_margin, chart_y, w, chart_h, hm)
        pdf.set_xy(pdf.l_margin, chart_y + chart_h + 8)
        pdf.set_font(pdfdoc.FONT, "", 9.5)
        if any(c.hidden for _, c in self.shown.arrivals):
            pdf.multi_cell(
                w, 5.5,
                t(f"Grey bars: fewer than {th} arrivals, or hidden so that such a count cannot be "
                  "worked out from the total; their height says nothing.",
                  f"회색 막대: {th}명 미만이거나, 합계로 그 인원을 알아낼 수 없도록 가린 칸입니다 "
                  "(높이는 의미 없음)."),
                new_x="LMARGIN", new_y="NEXT",
            )  # fmt: skip
        if data.peak and data.peak[1] >= th:
            start, most = data.peak
            end = start + BUCKET_MINUTES * 60_000
            rate = most / BUCKET_MINUTES
            text = t(
                f"Peak: {most} arrivals between {hm(start)} and {hm(end)} ({rate:.1f} per minute)",
                f"최대: {hm(start)}–{hm(end)} 사이 {most}명 입장 (분당 {rate:.1f}명)",
            )
            if data.peak_minute and data.peak_minute[1] >= th:
                text += t(
                    f"; busiest minute {hm(data.peak_minute[0])}: {data.peak_minute[1]}",
                    f"; 가장 붐빈 1분 {hm(data.peak_minute[0])}: {data.peak_minute[1]}명",
                )
            pdf.multi_cell(w, 5.5, text, new_x="LMARGIN", new_y="NEXT")
        if data.first_at and data.last_at:
            pdf.multi_cell(
                w, 5.5,
                t(f"First arrival {hm(data.first_at)}, last {hm(data.last_at)}.",
                  f"첫 입장 {hm(data.first_at)}, 마지막 입장 {hm(data.last_at)}."),
                new_x="LMARGIN", new_y="NEXT",
            )  # fmt: skip
        pdf.ln(2)

    def stations(self) -> None:
        """Entries per station and how people were checked in."""
        pdf, t, w, th, shown = self.pdf, self.t, self.w, self.th, self.shown
        _section(pdf, t("Stations", "입장 기기"))
        pdf.set_font(pdfdoc.FONT, "", 9)
        if not self.data.stations:
            pdf.cell(w, 5.5, t("No check-ins yet.", "아직 입장 기록이 없습니다."), new_x="LMARGIN",
                     new_y="NEXT")  # fmt: skip
        for name, n in shown.stations:
            label = name if name is not None else t("other stations", "기타 기기")
            _row(pdf, [w * 0.40, w * 0.15], [label, n.show(th)])
        if shown.methods:
            pdf.ln(1)
            parts = [f"{_METHOD_LABELS.get(m, (m, m))[1 if self.ko else 0]} {n.show(th)}"
                     for m, n in shown.methods]  # fmt: skip
            pdf.multi_cell(w, 5.5, t("How: ", "입장 방법: ") + ", ".join(parts), new_x="LMARGIN",
                           new_y="NEXT")  # fmt: skip


def _section(pdf: pdfdoc.Document, title: str) -> None:
    pdf.set_font(pdfdoc.FONT, "B", 11)
    pdf.cell(pdf.epw, 7, title, new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*pdfdoc.RULE)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + pdf.epw, pdf.get_y())
    pdf.ln(1)


def _row(pdf: pdfdoc.Document, widths: list[float], cells: list[str], bold: bool = False) -> None:
    pdf.set_font(pdfdoc.FONT, "B" if bold else "", 9)
    for i, (wd, text) in enumerate(zip(widths, cells, strict=False)):
        pdf.cell(wd, 6, text, align="L" if i == 0 else "R")
    pdf.ln(6)


def _chart(
    pdf: pdfdoc.Document,
    buckets: list[tuple[int, suppression.Cell]],
    x: float,
    y: float,
    w: float,
    h: float,
    hm: Any,
) -> None:
    """Bars of arrivals per bucket with a y axis, gridlines and time labels."""
    pdf.set_draw_color(*pdfdoc.RULE)
    axis_w = 10
    cx, cw = x + axis_w, w - axis_w
    pdf.set_font(pdfdoc.FONT, "", 7)
    if not buckets:
        pdf.rect(cx, y, cw, h)
        pdf.set_xy(cx, y + h / 2 - 3)
        pdf.cell(cw, 6, "—", align="C")
        return
    top = max((c.value for _, c in buckets if not c.hidden), default=0) or 1
    step = _nice_step(top)
    ymax = step * -(-top // step)
    n_lines = int(ymax // step)
    for i in range(n_lines + 1):
        gy = y + h - h * (i * step) / ymax
        pdf.set_draw_color(225, 225, 225)
        pdf.line(cx, gy, cx + cw, gy)
        pdf.set_xy(x, gy - 2)
        pdf.set_text_color(*pdfdoc.MUTED)
        pdf.cell(axis_w - 1, 4, str(i * step), align="R")
    bar_w = cw / len(buckets)
    for i, (_, c) in enumerate(buckets):
        if c.hidden:  # a grey bar of fixed height: it must not show the hidden count
            pdf.set_fill_color(200, 200, 200)
            bh = h * 0.08
        elif c.value:
            pdf.set_fill_color(*CHART_BLUE)
            bh = h * c.value / ymax
        else:
            continue
        pdf.rect(cx + i * bar_w + bar_w * 0.12, y + h - bh, bar_w * 0.76, bh, style="F")
    pdf.set_draw_color(120, 120, 120)
    pdf.line(cx, y + h, cx + cw, y + h)
    label_every = max(1, int(len(buckets) / 12) + (1 if len(buckets) % 12 else 0))
    for i, (start, _) in enumerate(buckets):
        if i % label_every == 0:
            pdf.set_xy(cx + i * bar_w - 6, y + h + 1)
            pdf.cell(12, 4, hm(start), align="C")
    pdf.set_text_color(*pdfdoc.INK)


def _nice_step(top: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if top / step <= 6:
            return step
    return max(1, top // 5)
