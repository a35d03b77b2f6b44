"""Badges: layout, rendering (PNG and PDF), proof that every QR scans, the print log."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
import zxingcpp
from PIL import Image, ImageFilter
from pypdf import PdfReader

from checkin.badges import layouts as badge_layouts
from checkin.badges import service as badges
from checkin.badges.layouts import (
    LAYOUTS,
    NO_PHOTO_RED,
    QR,
    QUIET_ZONE,
    BadgeData,
    BadgeStyle,
    Text,
    compose,
    fit_text,
    text_width,
)
from checkin.badges.pdf import badge_pdf, write_pdf
from checkin.badges.renderer import render_badge, render_drawing
from checkin.event import identity as event_mod
from checkin.event import settings as settings_mod
from checkin.models import Status
from checkin.people import attendees
from consents import everything

STYLE = BadgeStyle("북한이탈주민의 날", "North Korean Defectors' Day", "2027.07.14")
LONG_NAMES = [
    "Maria Fernanda Guadalupe de los Ángeles García-Villanueva Santísima Trinidad",
    "Supercalifragilisticexpialidociousandthensomemorelettersthatneverbreak",
    "김" * 40,
    "남궁 민수 이영희 박지수 최은하 정다빈 강시우 조하늘 윤새봄 장노을 임가람",
    "Nguyễn Thị Minh Khai Владимир Владимирович Müller Chloé",
]


def _badge(code: str, name: str = "김민수", **kw) -> BadgeData:
    values = dict(
        attendee_id="0123456789abcdef", reg_no="DD-0042", code=code, name=name,
        category="defector", category_ko="참가자", category_en="Participant",
        color="#2E7D32", organization="새터 이웃들",
    )  # fmt: skip
    values.update(kw)
    return BadgeData(**values)  # type: ignore[arg-type]


@pytest.fixture
def code(ef, people) -> str:
    return event_mod.badge_code(ef, people[0].id, 1)


def decode_all(image: Image.Image) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def phone_like(image: Image.Image, px_per_mm: float, dpi: float) -> Image.Image:
    """What a phone camera sees: fewer pixels, a little blur, JPEG artefacts, grey."""
    factor = px_per_mm / (dpi / 25.4)
    small = image.convert("L").resize(
        (round(image.width * factor), round(image.height * factor)), Image.Resampling.BILINEAR
    )
    small = small.filter(ImageFilter.GaussianBlur(0.6))
    buf = io.BytesIO()
    small.save(buf, "JPEG", quality=60)
    return Image.open(io.BytesIO(buf.getvalue()))


# --- proof it scans ---------------------------------------------------------------------


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_png_badge_of_every_layout_scans_back_to_the_exact_code(code, layout) -> None:
    image = render_badge(_badge(code, no_photo=True), STYLE, layout, dpi=300)
    assert decode_all(image) == [code]
    # a phone camera at arm's length: about 4 px per mm, blurred, JPEG
    assert decode_all(phone_like(image, 4.0, 300)) == [code]


def _pdftoppm(pdf: Path, dpi: int, out_dir: Path) -> list[Path]:
    assert shutil.which("pdftoppm"), "poppler-utils is installed by scripts/bootstrap --test"
    subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(out_dir / "page")],
        check=True, capture_output=True,
    )  # fmt: skip
    return sorted(out_dir.glob("page-*.png"))


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_pdf_pages_of_every_layout_scan_back_to_every_code(ef, clock, tmp_path, layout) -> None:
    rows = [
        {"display_name": n, "category": c, "no_photo": i % 2 == 0}
        for i, (n, c) in enumerate(
            [("김민수", "defector"), ("John Smith", "press"), ("박지수", "volunteer"),
             ("Lukas Müller", "supporter"), ("남궁민", "official"), ("한별", "family"),
             ("Chloé Dubois", "guest"), ("이영희", "staff"), ("최은하", "defector"),
             ("Ivan Petrov", "press"), ("정다빈", "supporter"), ("Yuki Tanaka", "guest")]
        )
    ]  # fmt: skip
    added = attendees.add_attendees(ef, clock, rows)
    data = badges.badge_data(ef, badges.select(ef, sort="reg"))
    expected = {event_mod.badge_code(ef, a.id, 1) for a in added}
    out = tmp_path / "badges.pdf"
    result = write_pdf(data, badges.style(settings_mod.load(ef)), layout, out, workers=1)
    assert result.pages == badge_layouts.page_count(len(rows), LAYOUTS[layout])
    assert len(PdfReader(out).pages) == result.pages
    # 300 dpi, as printed; a whole A4 sheet of ten codes at 200 dpi (3 px a module) was
    # sometimes one code short, depending on the random codes
    pages = _pdftoppm(out, 300, tmp_path)
    found: list[str] = []
    for page in pages:
        image = Image.open(page)
        codes_here = decode_all(image)
        found += codes_here
        # downscaled like a phone photo: still every code on the page
        lay = LAYOUTS[layout]
        px_per_mm = 4.0 if not lay.sheet else 3.2
        assert sorted(decode_all(phone_like(image, px_per_mm, 300))) == sorted(codes_here)
    assert sorted(found) == sorted(expected)


def test_qr_is_alphanumeric_level_q_with_quiet_zone(code) -> None:
    drawing = compose(_badge(code), STYLE, LAYOUTS["cr80"])
    qr = drawing.qr()
    assert qr.code == code and len(code) == 130
    assert qr.size == 49  # version 8: 130 alphanumeric characters at level Q
    result = zxingcpp.read_barcode(render_drawing(drawing, 300))
    assert result is not None and result.text == code
    assert "Q" in result.ec_level or result.ec_level == "25%"
    # the quiet zone is white and nothing else is drawn over it
    zone = (qr.x - QUIET_ZONE * qr.module, qr.y - QUIET_ZONE * qr.module,
            (qr.size + 2 * QUIET_ZONE) * qr.module)  # fmt: skip
    for op in drawing.texts():
        x, y, w, h = op.x, op.y - badge_layouts.ascent_mm(op.size, op.bold), op.width, 1
        overlaps = (
            x < zone[0] + zone[2] and x + w > zone[0] and y < zone[1] + zone[2] and y + h > zone[1]
        )
        assert not overlaps, op.text
    assert qr.module >= 0.5  # printable and readable on the smallest badge


def test_single_badge_pdf_is_vector_and_scans(code, tmp_path) -> None:
    data = badge_pdf(_badge(code, name="Lukas Müller"), STYLE, "cr80")
    pdf = tmp_path / "one.pdf"
    pdf.write_bytes(data)
    reader = PdfReader(pdf)
    page = reader.pages[0]
    assert float(page.mediabox.width) == pytest.approx(85.6 / 25.4 * 72, abs=0.1)
    assert not page.images  # the QR is vector, not a picture
    content = page.get_contents().get_data().decode("latin-1")
    assert content.count(" re") > 200  # runs of modules as rectangles
    fonts = _embedded_fonts(reader)
    assert any("NanumSquare" in f for f in fonts)
    assert any("DejaVuSans" in f for f in fonts)  # the ü
    text = page.extract_text()
    assert "Lukas" in text and "DD-0042" in text and "북한이탈주민의" in text.replace(" ", "")
    for dpi in (150, 600):
        (tmp_path / str(dpi)).mkdir()
        image = Image.open(_pdftoppm(pdf, dpi, tmp_path / str(dpi))[0])
        assert decode_all(image) == [code]


def _embedded_fonts(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor  # embedded TrueType
            names.add(str(font["/BaseFont"]))
    return names


# --- Hangul really drawn ------------------------------------------------------------


def _ink(image: Image.Image) -> int:
    return sum(image.convert("L").histogram()[:128])


def test_hangul_glyphs_are_really_drawn_in_png_and_pdf(code, tmp_path) -> None:
    def name_area(name: str, kind: str) -> Image.Image:
        badge = _badge(code, name=name, organization="", no_photo=False)
        drawing = compose(badge, STYLE, LAYOUTS["cr80"])
        (op,) = drawing.texts("name")
        if kind == "png":
            image = render_drawing(drawing, 300)
        else:
            pdf = tmp_path / f"{name}.pdf"
            pdf.write_bytes(badge_pdf(badge, STYLE, "cr80"))
            out = tmp_path / f"r-{name}"
            out.mkdir()
            image = Image.open(_pdftoppm(pdf, 300, out)[0])
        s = 300 / 25.4
        x, y, w, h = op.box
        return image.crop((round(x * s), round(y * s), round((x + w) * s), round((y + h) * s)))

    for kind in ("png", "pdf"):
        ink = {name: _ink(name_area(name, kind)) for name in ("김", "똠", "뷁", "A")}
        assert all(v > 500 for v in ink.values()), (kind, ink)
        # distinct syllables give distinct ink: not the same empty box three times
        assert len({ink["김"], ink["똠"], ink["뷁"]}) == 3, (kind, ink)


# --- text never overflows ------------------------------------------------------------


def _check_inside(drawing: badge_layouts.Drawing) -> None:
    eps = 1e-6
    for op in drawing.texts():
        bx, by, bw, bh = op.box
        assert op.width == pytest.approx(text_width(op.text, op.size, op.bold))
        assert op.x >= bx - eps and op.x + op.width <= bx + bw + eps, (op.role, op.text)
        top = op.y - badge_layouts.ascent_mm(op.size, op.bold)
        bottom = op.y + badge_layouts.descent_mm(op.size, op.bold)
        assert top >= by - eps and bottom <= by + bh + eps, (op.role, op.text)
        assert bx >= 0 and bx + bw <= drawing.w + eps and by >= 0 and by + bh <= drawing.h + eps


@pytest.mark.parametrize("layout", list(LAYOUTS))
@pytest.mark.parametrize("name", LONG_NAMES)
def test_long_names_shrink_wrap_and_never_overflow(code, layout, name) -> None:
    badge = _badge(code, name=name, second_name=name, organization=name * 2, no_photo=True)
    drawing = compose(badge, STYLE, LAYOUTS[layout])
    _check_inside(drawing)
    names = drawing.texts("name")
    assert 1 <= len(names) <= 2
    qr = drawing.qr()
    qr_left = qr.x - QUIET_ZONE * qr.module
    qr_top = qr.y - QUIET_ZONE * qr.module
    for op in names:  # the name box stays clear of the QR and its quiet zone
        x, y, w, h = op.box
        assert x + w <= qr_left + 1e-6 or y + h <= qr_top + 1e-6
    # and the code still scans with all that text around it
    assert decode_all(render_drawing(drawing, 300)) == [code]


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_ten_thousand_characters_lay_out_quickly_inside_their_boxes(code, layout) -> None:
    """Names are capped where they are typed, but a file or a change made around the
    checks can hold any length: fitting cuts what no box can show, so a badge takes a
    moment, not minutes (a 10,000-character event name did)."""
    import time

    style = BadgeStyle("가" * 10_000, "W" * 10_000, "2027.07.14")
    badge = _badge(code, name="김" * 10_000, second_name="Kim" * 3_000,
                   organization="협회 " * 3_000, category_ko="참" * 10_000)  # fmt: skip
    start = time.perf_counter()
    drawing = compose(badge, style, LAYOUTS[layout])
    elapsed = time.perf_counter() - start
    assert elapsed < 5, elapsed  # about 0.5 s on a busy 2-core machine
    _check_inside(drawing)
    names = drawing.texts("name")
    assert 1 <= len(names) <= 2 and names[-1].text.endswith("…")


def test_short_names_are_big_and_long_names_shrink_then_wrap() -> None:
    short = fit_text("김민수", 45, 20, 22, 8)
    assert short.size == 22 and short.lines == ("김민수",)
    name = "Maria Fernanda García"
    medium = fit_text(name, text_width(name, 22, True) * 0.85, 20, 22, 8)
    assert 15.4 <= medium.size < 22 and medium.lines == (name,)
    long = fit_text("Maria Fernanda Guadalupe García Villanueva", 45, 20, 22, 8)
    assert len(long.lines) == 2
    impossible = fit_text("x" * 400, 20, 5, 22, 8)
    assert impossible.lines[-1].endswith("…")
    assert all(text_width(li, impossible.size, True) <= 20 for li in impossible.lines)


# --- what the badge says ---------------------------------------------------------------


def _red_pixels(image: Image.Image) -> int:
    r0, g0, b0 = badge_layouts.parse_color(NO_PHOTO_RED)
    raw = image.convert("RGB").tobytes()
    return sum(
        1 for r, g, b in zip(raw[0::3], raw[1::3], raw[2::3], strict=True)
        if abs(r - r0) < 40 and abs(g - g0) < 40 and abs(b - b0) < 40
    )  # fmt: skip


@pytest.mark.parametrize("layout", ["cr80", "a6", "label4x6"])
def test_no_photo_marker_appears_exactly_when_set(code, layout) -> None:
    for no_photo in (True, False):
        badge = _badge(code, no_photo=no_photo, color="#1565C0")
        drawing = compose(badge, STYLE, LAYOUTS[layout])
        words = [op.text for op in drawing.texts("no_photo")]
        assert words == (["촬영 금지", "NO PHOTO"] if no_photo else [])
        red = _red_pixels(render_drawing(drawing, 150))
        assert (red > 100) is no_photo  # the crossed-out camera symbol


def test_defectors_print_a_neutral_label_and_no_full_name(ef, clock) -> None:
    a = attendees.add_attendee(
        ef,
        clock,
        display_name="한별",
        full_name="이영희",
        category="defector",
        consents=everything(),
    )
    p = attendees.add_attendee(
        ef,
        clock,
        display_name="John Smith",
        full_name="Jonathan Smith",
        category="press",
        consents=everything(),
    )
    data = {d.attendee_id: d for d in badges.badge_data(ef, [a, p])}
    assert data[a.id].category_ko == "참가자" and data[a.id].category_en == "Participant"
    assert data[a.id].second_name == "" and data[p.id].second_name == ""
    drawing = compose(data[a.id], STYLE, LAYOUTS["a6"])
    assert "이영희" not in " ".join(op.text for op in drawing.texts())
    assert [op.text for op in drawing.texts("category")] == ["참가자 · Participant"]
    badges.set_full_name_categories(ef, clock, ["press"])
    data = {d.attendee_id: d for d in badges.badge_data(ef, [a, p])}
    assert data[p.id].second_name == "Jonathan Smith" and data[a.id].second_name == ""
    assert data[p.id].code == event_mod.badge_code(ef, p.id, 1)


def test_category_colour_and_logo_settings(ef, clock, people, tmp_path) -> None:
    badges.set_category_color(ef, clock, "press", "#ff8800")
    cfg = settings_mod.load(ef)
    assert cfg.category("press").color == "#FF8800"
    logo = Image.new("RGB", (400, 200), (200, 30, 30))
    buf = io.BytesIO()
    logo.save(buf, "JPEG")
    badges.set_logo(ef, clock, buf.getvalue())
    style = badges.style(settings_mod.load(ef))
    assert style.logo_png and Image.open(io.BytesIO(style.logo_png)).size == (400, 200)
    data = badges.badge_data(ef, [people[2]])[0]
    drawing = compose(data, style, LAYOUTS["cr80"])
    assert any(isinstance(op, badge_layouts.Image) for op in drawing.ops)
    image = render_drawing(drawing, 150)
    r, g, b = image.getpixel((round(5 * 150 / 25.4), round(5 * 150 / 25.4)))
    assert abs(r - 200) < 8 and g < 40 and b < 40
    pdf = tmp_path / "logo.pdf"
    pdf.write_bytes(badge_pdf(data, style, "cr80"))
    assert len(PdfReader(pdf).pages[0].images) == 1
    with pytest.raises(Exception) as info:
        badges.set_logo(ef, clock, b"not an image")
    assert getattr(info.value, "code", "") == "invalid_input"
    with pytest.raises(Exception) as info:
        badges.set_category_color(ef, clock, "press", "orange")
    assert getattr(info.value, "code", "") == "invalid_input"
    badges.set_logo(ef, clock, None)
    assert badges.style(settings_mod.load(ef)).logo_png is None


# --- choosing, sorting, the print log ---------------------------------------------------


def test_names_sort_in_korean_order_then_latin(ef, clock) -> None:
    names = [
        "홍길동",
        "Zoe Adams",
        "가나다",
        "émile Zola",
        "남궁민",
        "김민수",
        "Adam Kim",
        "김 민지",
    ]
    for n in names:
        attendees.add_attendee(ef, clock, display_name=n, category="guest")
    ordered = [a.display_name for a in badges.select(ef, sort="name")]
    # spaces are ignored: 김민수 < 김 민지 (수 < 지)
    assert ordered == ["가나다", "김민수", "김 민지", "남궁민", "홍길동", "Adam Kim", "émile Zola",
                       "Zoe Adams"]  # fmt: skip
    by_reg = [a.reg_no for a in badges.select(ef, sort="reg")]
    assert by_reg == sorted(by_reg)


def test_only_unprinted_counts_other_stations_and_reissues(ef, clock, people) -> None:
    assert len(badges.select(ef, only_unprinted=True)) == 5
    badges.record_prints(ef, clock, people[:2], "a4", "pdf")
    left = {a.id for a in badges.select(ef, only_unprinted=True)}
    assert left == {p.id for p in people[2:]}
    # a print at another station, arrived by sync (a row of the synced print log)
    ef.execute(
        "INSERT INTO print_log (id, station_id, seq, hlc, at_ms, station_name, attendee_id, "
        "badge_version, layout, output) VALUES ('x', 'otherstation0001', 1, 1, 1, 'Door 2', ?, 1, "
        "'cr80', 'printer')",
        (people[2].id,),
    )
    left = {a.id for a in badges.select(ef, only_unprinted=True)}
    assert left == {p.id for p in people[3:]}
    # a reissued badge is a new badge: not printed yet
    attendees.reissue(ef, clock, people[0].id)
    assert people[0].id in {a.id for a in badges.select(ef, only_unprinted=True)}
    assert "print_log" in __import__("checkin.db.schema", fromlist=["x"]).SYNCED_LOGS


def test_category_filter_and_cancelled(ef, clock, people) -> None:
    only = badges.select(ef, categories=["press", "official"])
    assert {a.display_name for a in only} == {"John Smith", "남궁민"}
    attendees.cancel(ef, clock, people[2].id)
    assert {a.display_name for a in badges.select(ef, categories=["press"])} == set()
    with pytest.raises(Exception) as info:
        badges.select(ef, categories=["nobody"])
    assert getattr(info.value, "code", "") == "invalid_input"


def test_reprints_are_counted_and_lost_badges_reissued(ef, clock, engine, people) -> None:
    a = people[0]
    old_code = event_mod.badge_code(ef, a.id, 1)
    (first,) = badges.record_prints(ef, clock, [a], "cr80", "printer", operator="JK")
    assert not first.reprint and first.station_id == event_mod.info(ef).station.station_id
    clock.advance(1000)
    (second,) = badges.record_prints(ef, clock, [a], "cr80", "printer", reason="smudged")
    assert second.reprint and not second.reissued
    # lost: reissue the code, print the new badge
    clock.advance(1000)
    new = badges.prepare_reprint(ef, clock, a.id, reissue=True)
    assert new.badge_version == 2
    (third,) = badges.record_prints(
        ef, clock, [new], "cr80", "printer", copies=1, reason="lost", reissued=True
    )
    assert third.reprint and third.reissued and third.badge_version == 2
    assert engine.scan(old_code).status is Status.SUPERSEDED
    assert engine.scan(event_mod.badge_code(ef, a.id, 2)).status is Status.OK
    s = badges.summary(ef)
    assert s.badges_printed == 3 and s.reprints == 2 and s.reissued == 1
    assert s.printed == 1 and s.unprinted == 4
    assert [r.reason for r in badges.history(ef, a.id)] == ["", "smudged", "lost"]
    seqs = ef.execute("SELECT seq FROM print_log ORDER BY seq").fetchall()
    changes = ef.execute("SELECT seq FROM changes").fetchall()
    assert not {s for (s,) in seqs} & {s for (s,) in changes}  # one gap-free sequence


def test_cancelled_attendee_cannot_be_reprinted(ef, clock, people) -> None:
    attendees.cancel(ef, clock, people[1].id)
    with pytest.raises(Exception) as info:
        badges.prepare_reprint(ef, clock, people[1].id, reissue=False)
    assert getattr(info.value, "code", "") == "invalid_input"


# --- bulk, on both cores -----------------------------------------------------------------


def test_bulk_pdf_in_parallel_matches_serial_and_reports_progress(ef, clock, tmp_path,
                                                                  monkeypatch) -> None:  # fmt: skip
    from checkin.badges import pdf as badge_pdf_mod

    monkeypatch.setattr(badge_pdf_mod, "PARALLEL_MIN_BADGES", 2)
    rows = [{"display_name": f"참가자{i:03d}", "category": "guest"} for i in range(60)]
    attendees.add_attendees(ef, clock, rows)
    data = badges.badge_data(ef, badges.select(ef))
    seen: list[tuple[int, int]] = []
    style = badges.style(settings_mod.load(ef))
    result = write_pdf(data, style, "a4", tmp_path / "p.pdf", lambda d, t: seen.append((d, t)),
                       workers=2)  # fmt: skip
    assert result.workers == 2 and result.pages == 6
    assert seen[0] == (0, 60) and seen[-1] == (60, 60)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    reader = PdfReader(tmp_path / "p.pdf")
    assert len(reader.pages) == 6
    text = "".join(p.extract_text() for p in reader.pages)
    assert "참가자000" in text and "참가자059" in text
    assert text.index("참가자000") < text.index("참가자059")  # order kept across parts
    pages = _pdftoppm(tmp_path / "p.pdf", 150, tmp_path)
    found = [c for page in pages for c in decode_all(Image.open(page))]
    assert sorted(found) == sorted(d.code for d in data)
    assert not list(tmp_path.glob(".*.part"))


def test_failed_write_leaves_no_file(ef, clock, people, tmp_path) -> None:
    data = badges.badge_data(ef, people)
    target = tmp_path / "missing-folder" / "b.pdf"
    with pytest.raises(OSError):
        write_pdf(data, STYLE, "a4", target, workers=1)
    assert not target.exists()


def test_text_runs_use_the_fallback_font_only_where_needed() -> None:
    assert badge_layouts.runs("김민수 John") == (("김민수 John", badge_layouts.PRIMARY),)
    runs = badge_layouts.runs("Müller")
    assert runs == (("M", 0), ("ü", 1), ("ller", 0))
    assert "".join(t for t, _ in badge_layouts.runs("Nguyễn Владимир")) == "Nguyễn Владимир"


def test_ops_are_plain_data(code) -> None:
    drawing = compose(_badge(code), STYLE, LAYOUTS["a4"])
    kinds = {type(op).__name__ for op in drawing.ops}
    assert {"Rect", "Text", "QR"} <= kinds
    assert isinstance(drawing.qr(), QR) and all(isinstance(t, Text) for t in drawing.texts())


def test_event_file_from_before_the_print_log_is_upgraded(tmp_path, clock) -> None:
    from checkin.db.eventfile import open_event_file

    path = tmp_path / "old.checkin"
    f = event_mod.create_event(path, name="행사", date="2027-07-14", clock=clock)
    attendees.add_attendee(f, clock, display_name="김민수", category="guest")
    f.execute("DROP TABLE print_log")
    f.execute("DELETE FROM _sqlite_migrations WHERE name = 'm002_print_log'")
    f.close()
    with open_event_file(path) as upgraded:
        assert list(tmp_path.glob("old.checkin.before-m002_print_log.bak"))
        (a,) = badges.select(upgraded, only_unprinted=True)
        badges.record_prints(upgraded, clock, [a], "cr80", "png")
        assert badges.select(upgraded, only_unprinted=True) == []
