"""Translations: Korean and English, switchable while the app runs.

Source strings are English (``self.tr("...")``). Korean lives in Qt Linguist files,
one per UI module: ``assets/i18n/<module>_ko.ts`` (so parallel work on different
screens never edits the same file). ``scripts/update-translations`` refreshes them from
the source with ``pyside6-lupdate``; ``build()`` compiles them to ``.qm`` with
``pyside6-lrelease`` (the bootstrap script, the tests and the frozen-app build call it).

Widgets retranslate themselves on ``QEvent.LanguageChange``: implement
``changeEvent`` and a ``retranslate()`` that sets every visible text.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from checkin.assets import assets_dir

log = logging.getLogger(__name__)

LANGUAGES = ("ko", "en")
DEFAULT_LANGUAGE = "ko"
_TRANSLATABLE = re.compile(r"(?<![A-Za-z_])tr\(|QT_TRANSLATE_NOOP|QCoreApplication\.translate\(")
_installed: list[QTranslator] = []
_current = "en"


def i18n_dir() -> Path:
    return assets_dir() / "i18n"


def ts_files(lang: str = "ko") -> list[Path]:
    return sorted(i18n_dir().glob(f"*_{lang}.ts"))


def _tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}")
    if found:
        return found
    candidate = Path(sys.executable).parent / f"pyside6-{name}"
    return str(candidate)


def build(force: bool = False) -> list[Path]:
    """Compile every ``.ts`` that is newer than its ``.qm``; returns the ``.qm`` files."""
    built = []
    for ts in sorted(i18n_dir().glob("*.ts")):
        qm = ts.with_suffix(".qm")
        if force or not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
            subprocess.run(
                [_tool("lrelease"), "-silent", str(ts), "-qm", str(qm)],
                check=True,
                capture_output=True,
            )
        built.append(qm)
    return built


def current_language() -> str:
    return _current


def system_language() -> str:
    return "ko" if QLocale.system().language() == QLocale.Language.Korean else "en"


def set_language(lang: str) -> None:
    """Install the translators for ``lang`` ('ko' or 'en'); widgets get LanguageChange."""
    global _current
    if lang not in LANGUAGES:
        raise ValueError(lang)
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("no QApplication")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if lang != "en":
        for qm in sorted(i18n_dir().glob(f"*_{lang}.qm")):
            translator = QTranslator(app)
            if translator.load(str(qm)):
                app.installTranslator(translator)
                _installed.append(translator)
            else:
                log.warning("could not load translation %s", qm.name)
        # Qt's own dialogs (file chooser, print dialog, standard buttons) in the same
        # language, from the translations that ship with Qt.
        translator = QTranslator(app)
        folders = qt_translation_dirs()
        if any(translator.load(f"qtbase_{lang}", folder) for folder in folders):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.info("Qt's own %s translation not found in %s", lang, folders)
    _current = lang
    if lang == "en":
        # Removing translators already posts LanguageChange; make sure it is sent
        # even when none were installed.
        QCoreApplication.sendEvent(app, _language_change_event())


def qt_translation_dirs() -> list[str]:
    """Where Qt's own translations are: Qt's configured folder, else PySide6's own
    ``Qt/translations`` (a frozen app's Qt may point elsewhere). The few texts Qt's
    Korean lacks are in the app's ``qt_texts_ko`` (``checkin.ui.qt_texts``)."""
    import PySide6

    found = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)]
    own = Path(PySide6.__file__).resolve().parent / "Qt" / "translations"
    if str(own) not in found:
        found.append(str(own))
    return found


def _language_change_event():  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QEvent

    return QEvent(QEvent.Type.LanguageChange)


def translate(context: str, text: str) -> str:
    """For strings marked with QT_TRANSLATE_NOOP(context, text)."""
    return QCoreApplication.translate(context, text)


def ui_root() -> Path:
    return Path(__file__).resolve().parent


def ts_name_for(module: Path) -> str:
    """checkin/ui/kiosk/scan_screen.py -> kiosk_scan_screen_ko.ts; checkin/ui/x/y.py -> x_y_ko.ts."""
    rel = module.resolve().relative_to(ui_root()).with_suffix("")
    return "_".join(rel.parts) + "_ko.ts"


def translatable_modules() -> list[Path]:
    """UI modules that contain strings for translation."""
    found = []
    for path in sorted(ui_root().rglob("*.py")):
        if path.name == "i18n.py":
            continue
        if _TRANSLATABLE.search(path.read_text(encoding="utf-8")):
            found.append(path)
    return found


def update(modules: list[Path] | None = None, target_dir: Path | None = None) -> list[Path]:
    """Refresh the Korean .ts of each module from its source (pyside6-lupdate).

    Keeps existing translations; new strings arrive unfinished for a translator.
    """
    target_dir = target_dir or i18n_dir()
    target_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for module in modules or translatable_modules():
        ts = target_dir / ts_name_for(module)
        subprocess.run(
            [_tool("lupdate"), str(module), "-ts", str(ts), "-no-obsolete", "-locations", "none",
             "-source-language", "en", "-target-language", "ko"],
            check=True,
            capture_output=True,
        )  # fmt: skip
        written.append(ts)
    return written


if __name__ == "__main__":
    # python -m checkin.ui.i18n build [--force]   compile .ts -> .qm
    # python -m checkin.ui.i18n update [FILE...]   refresh .ts from the UI sources
    command = sys.argv[1] if len(sys.argv) > 1 else "build"
    if command == "update":
        files = [Path(a) for a in sys.argv[2:]] or None
        for path in update(files):
            print(path)
    else:
        for path in build(force="--force" in sys.argv):
            print(path)
