"""Locating the bundled assets (fonts, sounds, icons, translations).

Works from a source checkout, an installed package and a frozen (PyInstaller) app.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def assets_dir() -> Path:
    override = os.environ.get("CHECKIN_ASSETS")
    if override:
        return Path(override)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "assets"
    return Path(__file__).resolve().parent.parent / "assets"


def docs_dir() -> Path:
    """The guides (``docs/*.md``): beside the assets in a frozen app, else the checkout's."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "docs"
    return Path(__file__).resolve().parent.parent / "docs"


GUIDES = {"volunteer": "volunteer-guide.md", "organizer": "organizer-guide.md"}


def guide_path(name: str) -> Path:
    """One of ``GUIDES`` (each in Korean and English)."""
    return docs_dir() / GUIDES[name]


def font_files() -> list[Path]:
    return sorted((assets_dir() / "fonts").glob("*.ttf"))


def font_path(bold: bool = False) -> Path:
    """The TrueType file for badges and PDFs (Pillow, fpdf2)."""
    return assets_dir() / "fonts" / ("NanumSquareB.ttf" if bold else "NanumSquareR.ttf")
