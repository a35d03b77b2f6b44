"""One theme (checkin.ui.theme): screens name colours and font sizes, they do not type them."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QColor

import checkin.ui
from checkin.ui import theme
from checkin.ui.theme import Color, Size

UI = Path(checkin.ui.__file__).resolve().parent
HEX = re.compile(r"#[0-9a-fA-F]{6}\b")
NUMERIC_FONT = re.compile(r"app_font\(\s*\d|setPointSize(F)?\(\s*\d|font-size:\s*\d")
# The scan result panel gets its looks from the scan outcome table (issue 14, point 6);
# until then it keeps its own colours.
NOT_YET = {"kiosk/result_panel.py"}


def _screens() -> list[tuple[str, str]]:
    found = []
    for path in sorted(UI.rglob("*.py")):
        rel = path.relative_to(UI).as_posix()
        if rel != "theme.py" and rel not in NOT_YET:
            found.append((rel, path.read_text(encoding="utf-8")))
    return found


def test_no_colour_typed_into_a_screen() -> None:
    typed = [f"{rel}: {m.group(0)}" for rel, text in _screens() for m in HEX.finditer(text)]
    assert not typed, "use checkin.ui.theme.Color: " + ", ".join(typed)


def test_no_font_size_typed_into_a_screen() -> None:
    typed = [
        f"{rel}:{text[: m.start()].count(chr(10)) + 1}"
        for rel, text in _screens()
        for m in NUMERIC_FONT.finditer(text)
    ]
    assert not typed, "use checkin.ui.theme.Size: " + ", ".join(typed)


def test_the_palette_is_valid_and_readable() -> None:
    colours = {k: v for k, v in vars(Color).items() if k.isupper()}
    assert all(QColor(v).isValid() and HEX.fullmatch(v) for v in colours.values()), colours

    def luminance(hex_colour: str) -> float:
        c = QColor(hex_colour)
        channels = []
        for value in (c.redF(), c.greenF(), c.blueF()):
            channels.append(value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4)
        r, g, b = channels
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    def contrast(a: str, b: str) -> float:
        hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
        return (hi + 0.05) / (lo + 0.05)

    # Text on its background, as the screens pair them: WCAG AA (4.5:1).
    pairs = [
        (Color.WHITE, Color.KIOSK_INK), (Color.KIOSK_INK, Color.SLATE_MIST),
        (Color.ADMITTED, Color.SUCCESS_PALE), (Color.WARNING_INK, Color.WARNING_PALE),
        (Color.ERROR, Color.DANGER_PALE), (Color.ERROR, Color.WHITE),
        (Color.INK, Color.WHITE), (Color.TEXT, Color.FIELD), (Color.WHITE, Color.SUCCESS),
        (Color.WHITE, Color.DANGER), (Color.WHITE, Color.ACCENT), (Color.WHITE, Color.INK_SOFT),
    ]  # fmt: skip
    weak = [(a, b, round(contrast(a, b), 2)) for a, b in pairs if contrast(a, b) < 4.5]
    assert not weak, weak


def test_font_sizes_grow_with_their_role() -> None:
    scale = [Size.TINY, Size.SMALL, Size.APP, Size.CAPTION, Size.BODY, Size.READ,
             Size.EMPHASIS, Size.ACTION, Size.FIELD, Size.TITLE, Size.SUBHEAD, Size.HEADING,
             Size.FIGURE, Size.COUNTER, Size.DISPLAY]  # fmt: skip
    assert scale == sorted(scale) and len(set(scale)) == len(scale)
    steps = Size.DISPLAY_STEPS
    assert steps[0] == Size.DISPLAY and list(steps) == sorted(steps, reverse=True)


def test_the_kiosk_style_sheet_names_only_palette_colours() -> None:
    palette = {v.upper() for k, v in vars(Color).items() if k.isupper()}
    used = {m.group(0).upper() for m in HEX.finditer(theme.KIOSK)}
    assert used and used <= palette
    assert "{" in theme.KIOSK and "{{" not in theme.KIOSK  # filled in, not a template
