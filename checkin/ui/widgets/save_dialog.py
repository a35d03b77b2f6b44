"""Where files are saved: one "Save as" helper for every export, PDF and image.

Every save dialog starts in the same folder: the last one the volunteer saved into
(remembered across runs, in the app's data folder), else their Documents folder, else
their home folder. Before this, exports started in the app's working folder, badges in
the home folder, and reports wherever the last dialog had been.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from checkin import paths

log = logging.getLogger(__name__)

FILE_NAME = "last-save-folder.txt"


def _memory() -> Path:
    return paths.data_dir() / FILE_NAME


def start_folder() -> Path:
    """The folder a save dialog opens in."""
    try:
        remembered = Path(_memory().read_text(encoding="utf-8").strip())
        if remembered.is_absolute() and remembered.is_dir():
            return remembered
    except (OSError, ValueError):
        pass
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def remember(folder: Path) -> None:
    """The folder the next save dialog starts in (a comfort: a failure is only logged)."""
    try:
        _memory().write_text(str(folder), encoding="utf-8")
    except OSError as exc:
        log.warning("could not remember the save folder: %s", exc)


def ask_save_path(
    parent: QWidget | None, title: str, file_name: str, filters: str, suffix: str = ""
) -> str:
    """Ask where to save ``file_name``; "" if cancelled. ``suffix`` (e.g. "pdf") is added
    when the name typed has none of ``filters``' suffixes. The folder is remembered."""
    default = str(start_folder() / Path(file_name).name)
    path, _ = QFileDialog.getSaveFileName(parent, title, default, filters)
    if not path:
        return ""
    if (suffix and "." not in Path(path).name) or (
        suffix and not path.lower().endswith(_suffixes(filters, suffix))
    ):
        path += f".{suffix}"
    remember(Path(path).parent)
    return path


def _suffixes(filters: str, suffix: str) -> tuple[str, ...]:
    found = {f".{suffix.lower()}"}
    for part in filters.replace(")", " ").replace("(", " ").split():
        if part.startswith("*."):
            found.add(part[1:].lower())
    return tuple(found)
