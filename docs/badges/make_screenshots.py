"""Regenerate the badge screenshots in this folder (synthetic people only).

    python docs/badges/make_screenshots.py

Badges are rendered by the app's own renderer at 200 dpi; the A4 sheet is a page of the
print-ready PDF, rasterized with poppler's pdftoppm as a printer would see it.
"""

from __future__ import annotations

import io
import subprocess
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw

from checkin.badges import service as badges
from checkin.badges.pdf import write_pdf
from checkin.badges.renderer import render_badge
from checkin.event import identity as event
from checkin.event import settings as settings_mod
from checkin.people import attendees

HERE = Path(__file__).resolve().parent


def demo_logo() -> bytes:
    """A made-up logo (two overlapping rings), not any real organization's mark."""
    im = Image.new("RGBA", (360, 240), (0, 0, 0, 0))
    d = ImageDraw.Draw(im)
    d.ellipse((10, 20, 210, 220), outline=(21, 101, 192, 255), width=28)
    d.ellipse((150, 20, 350, 220), outline=(46, 125, 50, 255), width=28)
    buf = io.BytesIO()
    im.save(buf, "PNG")
    return buf.getvalue()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        ef = event.create_event(Path(tmp) / "shots.checkin", name="북한이탈주민의 날",
                                name_en="North Korean Defectors' Day", date="2027-07-14")  # fmt: skip
        clock = __import__("checkin.clock", fromlist=["x"]).SYSTEM_CLOCK
        rows = [
            {"display_name": "김민수", "category": "defector", "no_photo": True,
             "organization": "새터 이웃들"},
            {"display_name": "Chloé Dubois-Lindqvist", "full_name": "Chloé Dubois-Lindqvist",
             "category": "press", "organization": "Bridge Press (demo)"},
            {"display_name": "남궁 새봄", "full_name": "남궁 새봄", "category": "volunteer",
             "organization": "평화의 손 후원회"},
            {"display_name": "Maria Fernanda Guadalupe García Villanueva", "category": "official",
             "organization": "Embassy of Example (demo)", "no_photo": True},
        ]  # fmt: skip
        people = attendees.add_attendees(ef, clock, rows)
        badges.set_full_name_categories(ef, clock, ["press"])
        cfg = settings_mod.load(ef)
        data = {d.name: d for d in badges.badge_data(ef, people, cfg)}
        plain = badges.style(cfg)
        badges.set_logo(ef, clock, demo_logo())
        with_logo = badges.style(settings_mod.load(ef))
        shots = [
            ("cr80-korean-no-photo.png", data["김민수"], plain, "cr80"),
            ("cr80-latin-long-name.png", data["Maria Fernanda Guadalupe García Villanueva"],
             plain, "cr80"),
            ("a6-latin-press.png", data["Chloé Dubois-Lindqvist"], with_logo, "a6"),
            ("label4x6-korean.png", data["남궁 새봄"], with_logo, "label4x6"),
        ]  # fmt: skip
        for name, badge, style, layout in shots:
            render_badge(badge, style, layout, dpi=200).save(HERE / name, dpi=(200, 200))
        # an A4 sheet from the print-ready PDF
        more = attendees.add_attendees(ef, clock, [
            {"display_name": n, "category": c, "no_photo": np}
            for n, c, np in [("이영희", "family", True), ("John Smith", "supporter", False),
                             ("박지수", "staff", False), ("Ivan Petrov", "guest", False),
                             ("최은하", "defector", True), ("한별", "defector", False)]
        ])  # fmt: skip
        all_data = badges.badge_data(ef, badges.select(ef, ids=[p.id for p in people + more]))
        pdf = Path(tmp) / "sheet.pdf"
        write_pdf(all_data, with_logo, "a4", pdf, workers=1)
        subprocess.run(["pdftoppm", "-r", "90", "-png", "-singlefile", str(pdf),
                        str(HERE / "a4-sheet")], check=True)  # fmt: skip
        ef.close()
    for path in sorted(HERE.glob("*.png")):
        print(path.name)


if __name__ == "__main__":
    main()
