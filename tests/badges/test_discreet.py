"""Discreet badges and tickets: a discreet category's badge names neither the event nor
the category; its text (poppler's pdftotext) and its pixels show it, and the QR still
checks the person in. The leave message is an event setting in two languages."""

from __future__ import annotations

import io
import shutil
import subprocess

import pytest
import zxingcpp
from PIL import Image

from checkin import errors
from checkin.badges import discreet, tickets
from checkin.badges import service as badges
from checkin.badges.layouts import LAYOUTS, compose, parse_color
from checkin.badges.pdf import badge_pdf
from checkin.badges.renderer import render_badge
from checkin.door.engine import CheckinEngine
from checkin.event import settings as settings_mod
from checkin.models import Status

DPI = 200
EVENT = "북한이탈주민의 날"


def px(mm: float) -> int:
    return round(mm * DPI / 25.4)


def decode(image: Image.Image) -> list[str]:
    return [r.text for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


def pdftotext(tmp_path, blob: bytes) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "b.pdf"
    path.write_bytes(blob)
    run = subprocess.run(["pdftotext", "-layout", path, "-"], capture_output=True, text=True,
                         check=True)  # fmt: skip
    return run.stdout


def red_logo() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (300, 150), (220, 20, 20)).save(buf, "PNG")
    return buf.getvalue()


@pytest.fixture
def setup(ef, clock, people):
    settings_mod.update(ef, clock, {"name_en": "North Korean Defectors' Day"})
    badges.set_logo(ef, clock, red_logo())
    discreet.set_categories(ef, clock, ["defector", "family"])
    cfg = settings_mod.load(ef)
    data = {b.attendee_id: b for b in badges.badge_data(ef, people, cfg)}
    return cfg, badges.style(cfg), data


def test_discreet_badge_pdf_names_neither_event_nor_category(tmp_path, people, setup) -> None:
    _cfg, style, data = setup
    minsu, john = data[people[0].id], data[people[2].id]  # defector, press
    assert minsu.discreet and not john.discreet
    text = pdftotext(tmp_path, badge_pdf(minsu, style, "a6"))
    assert "김민수" in text
    for absent in (EVENT, "Defectors", "2027", "참가자", "Participant", minsu.reg_no, "DD-"):
        assert absent not in text, absent
    assert "촬영 금지" in text  # the no-photo marker protects them inside and names nothing
    plain = pdftotext(tmp_path, badge_pdf(john, style, "a6"))
    assert EVENT in plain and "2027.07.14" in plain and john.reg_no in plain


@pytest.mark.parametrize("layout", ["cr80", "a6", "ql62"])
def test_discreet_badge_pixels_no_logo_no_header_neutral_band(ef, clock, people, setup,
                                                             layout) -> None:  # fmt: skip
    _cfg, style, data = setup
    lay = LAYOUTS[layout]
    han = data[people[1].id]  # family: discreet
    image = render_badge(han, style, layout, DPI)
    header = image.crop((0, 0, image.width, px(min(10.0, lay.badge_h * 0.1))))
    assert header.getcolors() == [(header.width * header.height, (255, 255, 255))]
    colors = {c for _, c in image.getcolors(1 << 20)}
    assert not any(r > 180 and g < 60 and b < 60 for r, g, b in colors)  # no red logo
    assert parse_color(discreet.NEUTRAL_COLOR) in colors
    assert parse_color("#2E7D32") not in colors  # not the category's own colour
    found = decode(image)
    assert found == [han.code]
    assert CheckinEngine(ef, clock).scan(found[0]).status is Status.OK
    plain = render_badge(data[people[2].id], style, layout, DPI)
    top = plain.crop((0, 0, plain.width, px(min(10.0, lay.badge_h * 0.1))))
    assert len(top.getcolors(1 << 20)) > 1  # an ordinary badge has its header


def test_discreet_drawing_has_only_name_qr_and_marker(people, setup) -> None:
    _cfg, style, data = setup
    for key in ("cr80", "a6", "a4"):
        roles = {op.role for op in compose(data[people[0].id], style, LAYOUTS[key]).texts()}
        assert roles <= {"name", "no_photo"} and "name" in roles


def test_discreet_ticket_png_and_pdf(ef, clock, people, setup, tmp_path) -> None:
    t = tickets.ticket_data(ef, [people[0]])[0]
    assert t.discreet
    texts = " ".join(op.text for op in tickets.compose(t).texts())
    assert "김민수" in texts and EVENT not in texts and t.reg_no not in texts
    assert "2027" not in texts and "How to get in" in texts
    image = Image.open(io.BytesIO(tickets.png_bytes(t))).convert("RGB")
    assert decode(image) == [t.code]
    assert image.getpixel((5, 5)) == parse_color(discreet.NEUTRAL_COLOR)
    text = pdftotext(tmp_path, tickets.pdf_bytes(t))
    assert "김민수" in text and EVENT not in text and "Defectors" not in text
    other = tickets.ticket_data(ef, [people[2]])[0]
    assert EVENT in pdftotext(tmp_path, tickets.pdf_bytes(other))


def test_setting_is_checked_and_only_known_categories(ef, clock, people) -> None:
    with pytest.raises(errors.InvalidInput):
        discreet.set_categories(ef, clock, ["nobody"])
    with pytest.raises(errors.InvalidInput):
        settings_mod.update(ef, clock, {discreet.DISCREET_KEY: "defector"})
    assert discreet.categories(settings_mod.load(ef)) == set()
    discreet.set_categories(ef, clock, ["press"])
    assert badges.badge_data(ef, [people[2]])[0].discreet


def test_leave_message_default_changed_and_off(ef, clock) -> None:
    cfg = settings_mod.load(ef)
    assert discreet.leave_message(cfg) == (
        "명찰을 떼고 가세요",
        "Please take off your badge before you leave",
    )
    assert discreet.leave_text(cfg, "en")[0].startswith("Please take off")
    assert discreet.set_leave_message(ef, clock, " 명찰은  가방에 ", "Badge in your bag") == (
        "명찰은 가방에", "Badge in your bag")  # fmt: skip
    assert discreet.leave_text(settings_mod.load(ef), "ko") == (
        "명찰은 가방에",
        "Badge in your bag",
    )
    with pytest.raises(errors.InvalidInput):
        discreet.set_leave_message(ef, clock, "가" * 500, "")
    assert discreet.leave_message(settings_mod.load(ef))[0] == "명찰은 가방에"
    assert discreet.set_leave_message(ef, clock, "", "") == ("", "")
    assert discreet.leave_text(settings_mod.load(ef), "ko") == ("", "")
    assert discreet.set_leave_message(ef, clock, None, None)[0] == "명찰을 떼고 가세요"
