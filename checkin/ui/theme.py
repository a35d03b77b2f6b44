"""The look of the app in one place: the palette, the font sizes and the shared styles.

Screens name a colour by what it means (``Color.ADMITTED``, ``Color.ERROR``) and a font
size by its role (``fonts.app_font(Size.BODY)``), never by a number, so the whole app
changes together and a new screen matches the others. ``tests/ui/test_theme.py`` fails on
a hex colour or a numeric font size typed into a screen.

The palette is Material Design's (blue grey for the kiosk's ink and surfaces, green for
admitted, red for errors, yellow for "look again"). Every pair of text and background used
here passes WCAG AA contrast for its size. This module imports nothing of the app.
"""

from __future__ import annotations

from PySide6.QtGui import QColor


class Color:
    """Colours by meaning (``#RRGGBB``); ``qcolor(Color.X)`` for painting."""

    WHITE = "#FFFFFF"
    BLACK = "#000000"

    # Ink and surfaces (blue grey)
    KIOSK_INK = "#102027"  # the kiosk header; text on the kiosk's light panels
    INK = "#263238"  # dark text and icons on white
    INK_SOFT = "#37474F"  # secondary dark text; buttons on the dark header
    SLATE = "#546E7A"  # borders of the kiosk's buttons and fields; chart labels
    SLATE_LIGHT = "#90A4AE"  # disabled text, a button border on the dark header, axes
    SLATE_LIGHTER = "#B0BEC5"  # the line above the kiosk footer
    SLATE_PALE = "#CFD8DC"  # grid lines, disabled borders
    SLATE_MIST = "#ECEFF1"  # the kiosk footer, the camera's message box
    UNCATEGORISED = "#607D8B"  # an attendee whose category has no colour of its own

    # Neutral greys (the organizer's pages and forms)
    TEXT = "#212121"
    TEXT_SOFT = "#555555"
    MUTED = "#757575"  # greyed-out rows and chart captions
    OFFLINE = "#9E9E9E"
    RULE = "#BDBDBD"  # field borders, bars of hidden items
    GRID = "#E0E0E0"
    FIELD = "#F5F5F5"  # a read-only field's background

    # Meanings
    ACCENT = "#1565C0"  # focus, a chosen button, chart bars, work in progress
    ACCENT_PALE = "#BBDEFB"  # a selected row
    FOCUS_ON_DARK = "#FFD54F"  # focus on the dark kiosk header
    ADMITTED = "#1B5E20"  # inside / done (text)
    SUCCESS = "#2E7D32"  # done (backgrounds, borders, the sync dot)
    SUCCESS_PALE = "#E8F5E9"
    NOT_YET_IN = "#5D4037"  # registered, not yet inside
    ERROR = "#B71C1C"  # error text, a cancelled badge, a destructive button
    DANGER = "#C62828"  # a problem's background or border
    DANGER_PALE = "#FFEBEE"
    WARNING = "#F9A825"  # "look again": only sent to the printer, a possible duplicate
    WARNING_PALE = "#FFF8E1"
    WARNING_INK = "#5D4037"  # text on WARNING_PALE
    WARNING_TEXT = "#B45309"  # a warning in running text (amber, not red)
    CAUTION_TEXT = "#8D4A00"  # a note about contact details (dark amber on white)
    CHECK_ONLY = "#AD1457"  # a check-only door (a colour no entry outcome uses)
    LEAVE = "#0D47A1"  # the event's leave message at an exit door


def qcolor(value: str) -> QColor:
    return QColor(value)


class Size:
    """Font sizes in points, by role."""

    TINY = 10  # chart tick labels
    SMALL = 11  # hints under form fields
    APP = 12  # the application's default; dense tables
    CAPTION = 13  # captions of figures and small buttons
    BODY = 14  # dialogs and forms
    READ = 15  # messages to read, the kiosk's secondary lines
    EMPHASIS = 16  # a line that must be seen, big buttons
    ACTION = 17  # the start dialog's choices
    FIELD = 18  # entry fields and search results people read from a distance
    OFFER = 19  # the kiosk's group offer: one line per member
    TITLE = 20  # a dialog's or page's heading
    SUBHEAD = 22  # the kiosk's second-language headline, the total
    HEADING = 24  # the kiosk's search and start headings
    FIGURE = 26  # dashboard figures, PIN digits
    COUNTER = 30  # the kiosk's admitted counter
    DISPLAY = 44  # the kiosk's "ready to scan" headline
    DISPLAY_STEPS = (44, 40, 36, 32, 28)  # the same, smaller until it fits on one line

    DOT_PX = 16  # the sync status dot (a glyph sized in pixels)
    NAME_SCALE = 1.4  # the attendee's name on the badge dialog, times the dialog font
    PREVIEW_SCALE = 1.3  # the bulk badge dialog's summary line, times its font


class Style:
    """Style sheets shared by several screens."""

    ERROR_TEXT = f"color: {Color.ERROR}; font-weight: bold;"
    ERROR_LINE = f"color: {Color.ERROR};"
    OK_TEXT = f"color: {Color.ADMITTED}; font-weight: bold;"
    DONE_BOX = (
        f"background: {Color.SUCCESS_PALE}; border: 2px solid {Color.SUCCESS}; "
        f"border-radius: 8px; padding: 10px; color: {Color.ADMITTED};"
    )
    WARN_BOX = (
        f"background: {Color.WARNING_PALE}; border: 2px solid {Color.WARNING}; "
        f"border-radius: 8px; padding: 8px; color: {Color.WARNING_INK};"
    )
    ALERT_BOX = (
        f"QLabel {{ background: {Color.DANGER_PALE}; color: {Color.ERROR}; "
        f"border: 2px solid {Color.DANGER}; border-radius: 6px; padding: 8px; }}"
    )
    READ_ONLY_FIELD = (
        f"background: {Color.FIELD}; border: 1px solid {Color.RULE}; padding: 6px; "
        f"color: {Color.TEXT};"
    )
    # A print job's outcome: printed / only sent (cannot be confirmed) / not printed.
    OUTCOME_PRINTED = f"background: {Color.SUCCESS}; color: white;"
    OUTCOME_SENT = f"background: {Color.WARNING}; color: black;"
    OUTCOME_FAILED = f"background: {Color.DANGER}; color: white;"
    OUTCOME_PANEL = " font-weight: bold; padding: 10px;"
    DESTRUCTIVE_BUTTON = (
        f"QPushButton:enabled {{ background: {Color.ERROR}; color: white; padding: 0px 18px; }}"
    )


def dot(color: str) -> str:
    """The style of a coloured status dot (the sync status)."""
    return f"color: {color}; font-size: {Size.DOT_PX}px;"


C = Color
KIOSK = f"""
#scanHeader {{ background: {C.KIOSK_INK}; }}
#scanHeader QLabel {{ color: {C.WHITE}; }}
#scanHeader QPushButton {{
    color: {C.WHITE}; background: {C.INK_SOFT}; border: 2px solid {C.SLATE_LIGHT}; border-radius: 8px;
    padding: 8px 16px;
}}
#scanHeader QPushButton:focus {{ border-color: {C.FOCUS_ON_DARK}; }}
#scanFooter {{ background: {C.SLATE_MIST}; border-top: 2px solid {C.SLATE_LIGHTER}; }}
#scanFooter QLabel {{ color: {C.KIOSK_INK}; }}
#scanFooter QPushButton, #searchPanel QPushButton {{
    color: {C.KIOSK_INK}; background: {C.WHITE}; border: 2px solid {C.SLATE}; border-radius: 10px;
    padding: 8px 18px;
}}
#scanFooter QPushButton:focus, #searchPanel QPushButton:focus {{ border: 3px solid {C.ACCENT}; }}
#scanFooter QPushButton:disabled {{ color: {C.SLATE_LIGHT}; border-color: {C.SLATE_PALE}; }}
#scanFooter QPushButton:checked {{ background: {C.ACCENT}; color: {C.WHITE}; }}
#readyPanel, #searchPanel {{ background: {C.WHITE}; }}
#readyPanel QLabel, #searchPanel QLabel {{ color: {C.KIOSK_INK}; }}
#readyNotice {{ color: {C.ERROR}; }}
#cameraMessage {{ color: {C.INK_SOFT}; background: {C.SLATE_MIST}; border-radius: 10px; padding: 16px; }}
#searchField {{ border: 3px solid {C.SLATE}; border-radius: 10px; padding: 4px 12px; }}
#searchField:focus {{ border-color: {C.ACCENT}; }}
#searchResults {{ gridline-color: {C.SLATE_PALE}; selection-background-color: {C.ACCENT_PALE};
                 selection-color: {C.KIOSK_INK}; }}
"""
"""The kiosk's style sheet (header, footer, ready and search panels)."""
del C
