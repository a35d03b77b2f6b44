#!/usr/bin/env python3
"""Move checkin's modules into capability packages (issue 14), on whatever tree it runs in.

    .venv/bin/python scripts/reorganise.py           # move, rewrite, report
    .venv/bin/python scripts/reorganise.py --dry-run # only say what it would move

What it does, in order:

1. relative imports (``from . import x``, ``from .x import y``) in ``checkin/`` and
   ``tests/`` become absolute, so that moving a file cannot break them;
2. ``git mv`` of every module in ``MOVES`` (and its translation file
   ``assets/i18n/<ui path>_ko.ts``) and of every test in ``TEST_MOVES``; new packages get
   an ``__init__.py`` with the docstring from ``PACKAGE_DOCS``;
3. every reference in every tracked text file is rewritten: imports (``import checkin.x``,
   ``from checkin.x import y``, ``from checkin import x, y``), dotted names in strings
   (``mocker.patch("checkin.x.y")``, ``python -m checkin.ui.i18n``), file paths
   (``checkin/ui/scan_screen.py``, ``tests/test_codes.py``), translation file names, and
   ``Path(__file__)`` parent counts in files that moved to another depth;
4. imports are sorted again (``ruff check --select I --fix``);
5. modules that are in no table are listed: they stay where they are. Add a line to
   ``MOVES`` (or to a ``KEEP`` list) and run again.

Running it twice changes nothing the second time: a name that already points into the
new layout is left alone, and moves whose target exists are skipped. Run again after
adding a line to a table, it moves only the new entries and rewrites their references.

On a tree where other work has landed since: ``--dry-run`` lists the modules that are
in no table; add them, run it, ``python -m checkin.ui.i18n build``, commit the result on
its own, then run ``lint-imports``: a new module that imports across a layer shows there
by the contract's name.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

# ---------------------------------------------------------------------------------------
# The mapping: old module -> new module. Edit here.
# ---------------------------------------------------------------------------------------

CORE = {
    # people: who is registered, their fields, finding them
    "attendees": "people.attendees",
    "fields": "people.fields",
    "search": "people.search",
    "hangul": "people.hangul",
    "duplicates": "people.duplicates",
    "attendee_query": "people.attendee_query",
    # door: badge codes, the scan, counting who came
    "codes": "door.codes",
    "engine": "door.engine",
    "stats": "door.stats",
    "dashboard": "door.dashboard",
    "messages": "door.messages",
    "demo": "door.demo",
    # badges: layouts, rendering, PDF, the print log
    "badge_layouts": "badges.layouts",
    "badge_renderer": "badges.renderer",
    "badge_pdf": "badges.pdf",
    "badges": "badges.service",  # the module's name is the package's name now
    "printing": "badges.printing",
    "tickets": "badges.tickets",
    "ticket_mail": "badges.ticket_mail",
    # lists: files in and out
    "importer": "lists.importer",
    "exporter": "lists.exporter",
    "xlsx_reader": "lists.xlsx_reader",
    "report": "lists.report",
    "paper": "lists.paper",
    "pdfdoc": "lists.pdfdoc",
    "suppression": "lists.suppression",
    # protect: who may see what, PINs, the audit log, consent, closing an event
    "access": "protect.access",
    "pin": "protect.pin",
    "audit": "protect.audit",
    "consent": "protect.consent",
    "retention": "protect.retention",
    "incident": "protect.incident",
    "masking": "protect.masking",
    # event: the event's identity, its settings, opening/creating/closing its file
    "event": "event.identity",
    "settings": "event.settings",
}
# Shared leaves (and the package's own entry points) stay at the top of checkin/.
CORE_KEEP = {
    "__init__", "__main__", "errors", "clock", "ids", "hlc", "models", "paths", "logs",
    "assets",
}  # fmt: skip

UI = {
    # kiosk: the scan screen and what it is made of
    "scan_screen": "kiosk.scan_screen",
    "scanner_input": "kiosk.scanner_input",
    "camera_scanner": "kiosk.camera_scanner",
    "result_panel": "kiosk.result_panel",
    "ready_panel": "kiosk.ready_panel",
    "recent_scans": "kiosk.recent_scans",
    "counters_widget": "kiosk.counters_widget",
    "search_panel": "kiosk.search_panel",
    "search_result_model": "kiosk.search_result_model",
    "kiosk_lock": "kiosk.kiosk_lock",
    "sounds": "kiosk.sounds",
    "selftest_screen": "kiosk.selftest_screen",
    "settings_dialog": "kiosk.settings_dialog",
    # desk: registering walk-ins, looking at one person, printing their badge
    "walk_in_dialog": "desk.walk_in_dialog",
    "attendee_form": "desk.attendee_form",
    "attendee_detail_dialog": "desk.attendee_detail_dialog",
    "badge_print_dialog": "desk.badge_print_dialog",
    "badge_printer": "desk.badge_printer",
    "layout_picker": "desk.layout_picker",
    # console: the organizer's pages and tools
    "attendee_list_page": "console.attendee_list_page",
    "attendee_table_model": "console.attendee_table_model",
    "dashboard_page": "console.dashboard_page",
    "audit_log_dialog": "console.audit_log_dialog",
    "audit_log_model": "console.audit_log_model",
    "bulk_badges_dialog": "console.bulk_badges_dialog",
    "io_actions": "console.io_actions",
    "import_wizard": "console.import_wizard",
    "export_dialog": "console.export_dialog",
    "paper_ticks_dialog": "console.paper_ticks_dialog",
    "consent_wording_dialog": "console.consent_wording_dialog",
    "double_entry_dialog": "console.double_entry_dialog",
    "double_entry_model": "console.double_entry_model",
    "sync_service": "console.sync_service",
    "sync_settings_dialog": "console.sync_settings_dialog",
    "sync_status_widget": "console.sync_status_widget",
    # dialogs: the event file - choosing, creating, the station, re-keying, closing
    "event_opener": "dialogs.event_opener",
    "start_dialog": "dialogs.start_dialog",
    "create_event_dialog": "dialogs.create_event_dialog",
    "station_dialog": "dialogs.station_dialog",
    "change_passphrase_dialog": "dialogs.change_passphrase_dialog",
    "close_event_dialog": "dialogs.close_event_dialog",
    # widgets: shared parts every screen uses
    "fonts": "widgets.fonts",
    "icons": "widgets.icons",
    "bilingual": "widgets.bilingual",
    "screen_fit": "widgets.screen_fit",
    "error_dialog": "widgets.error_dialog",
    "pin_dialog": "widgets.pin_dialog",
    "passphrase_dialog": "widgets.passphrase_dialog",
    "reason_dialog": "widgets.reason_dialog",
    "save_dialog": "widgets.save_dialog",
    "instance_guard": "widgets.instance_guard",
}
# The application itself: its window, session, worker thread, translations, preferences.
UI_KEEP = {"__init__", "app", "main_window", "session", "worker", "i18n", "preferences",
           "qt_texts"}  # fmt: skip

MOVES: dict[str, str] = {f"checkin.{old}": f"checkin.{new}" for old, new in CORE.items()}
MOVES |= {f"checkin.ui.{old}": f"checkin.ui.{new}" for old, new in UI.items()}
# Re-keying needs sync's file binding: it is an operation on the event, not storage.
MOVES["checkin.db.rekey"] = "checkin.event.rekey"

TEST_MOVES = {
    "tests/test_access.py": "tests/protect/test_access.py",
    "tests/test_audit.py": "tests/protect/test_audit.py",
    "tests/test_consent.py": "tests/protect/test_consent.py",
    "tests/test_pin.py": "tests/protect/test_pin.py",
    "tests/test_retention.py": "tests/protect/test_retention.py",
    "tests/test_settings.py": "tests/event/test_settings.py",
    "tests/test_attendee_query.py": "tests/people/test_attendee_query.py",
    "tests/test_attendees.py": "tests/people/test_attendees.py",
    "tests/test_duplicates.py": "tests/people/test_duplicates.py",
    "tests/test_hangul.py": "tests/people/test_hangul.py",
    "tests/test_search.py": "tests/people/test_search.py",
    "tests/test_codes.py": "tests/door/test_codes.py",
    "tests/test_engine.py": "tests/door/test_engine.py",
    "tests/test_dashboard.py": "tests/door/test_dashboard.py",
    "tests/test_demo.py": "tests/door/test_demo.py",
    "tests/test_badges.py": "tests/badges/test_badges.py",
    "tests/test_exporter.py": "tests/lists/test_exporter.py",
    "tests/test_importer.py": "tests/lists/test_importer.py",
    "tests/test_report_paper.py": "tests/lists/test_report_paper.py",
    "tests/ui/test_desk.py": "tests/ui/desk/test_desk.py",
    "tests/ui/test_badge_printing.py": "tests/ui/desk/test_badge_printing.py",
    "tests/ui/test_io_ui.py": "tests/ui/console/test_io_ui.py",
    "tests/ui/test_protect_dialogs.py": "tests/ui/dialogs/test_protect_dialogs.py",
    "tests/test_anonymous.py": "tests/door/test_anonymous.py",
    "tests/test_import_unmapped.py": "tests/lists/test_import_unmapped.py",
    "tests/test_printing.py": "tests/badges/test_printing.py",
    "tests/test_retention_date.py": "tests/protect/test_retention_date.py",
    "tests/test_suppression.py": "tests/lists/test_suppression.py",
    "tests/test_trawling.py": "tests/protect/test_trawling.py",
    "tests/test_reimport.py": "tests/lists/test_reimport.py",
    "tests/test_consent_items.py": "tests/protect/test_consent_items.py",
    "tests/test_masking.py": "tests/protect/test_masking.py",
    "tests/test_ticket_mail.py": "tests/badges/test_ticket_mail.py",
    "tests/test_tickets.py": "tests/badges/test_tickets.py",
    "tests/ui/test_masking_ui.py": "tests/ui/desk/test_masking_ui.py",
    "tests/ui/test_walk_in_consent.py": "tests/ui/desk/test_walk_in_consent.py",
    "tests/ui/test_badge_dialog_layout.py": "tests/ui/desk/test_badge_dialog_layout.py",
    "tests/ui/test_print_truth.py": "tests/ui/desk/test_print_truth.py",
}
# Tests of the whole app (architecture, lint, frozen app, crash, a day at the door ...).
TEST_KEEP = {
    "tests/test_architecture.py", "tests/test_benchmarks_run.py", "tests/test_crash.py",
    "tests/test_frozen_app.py", "tests/test_fuzz.py", "tests/test_lint.py",
    "tests/test_privacy_day.py", "tests/test_selftest.py", "tests/test_import_contracts.py",
    "tests/ui/test_ui_foundation.py", "tests/ui/test_pyside_refcounts.py",
    "tests/test_selftest_printer.py", "tests/ui/test_pin_dialog_layout.py",
    "tests/ui/test_qt_dialogs_korean.py", "tests/ui/test_reason_dialog.py",
    "tests/ui/test_save_dialog.py",
}  # fmt: skip

PACKAGE_DOCS = {
    "checkin.people": """The people: registrations, their fields and finding them.

Owns the attendee records (``attendees``: create, edit, cancel, re-issue), the field
rules every form and import uses (``fields``), the Korean-aware name search and its
index (``search``, ``hangul``), duplicate warnings (``duplicates``) and the organizer's
list query (``attendee_query``). May import the shared leaves (``checkin.errors``,
``clock``, ``ids``, ``hlc``, ``models``), ``checkin.db``, ``checkin.event`` and
``checkin.protect``; never ``checkin.ui`` or ``checkin.cli``.
""",
    "checkin.door": """The door: badge codes, the scan, and counting who came.

Owns the signed badge code (``codes``), the scan itself, one durable transaction per
scan returning a plain ``ScanResult`` (``engine``), the counts and the organizer's
dashboard figures (``stats``, ``dashboard``), the command line's outcome texts
(``messages``) and the demo event (``demo``). May import the shared leaves,
``checkin.db``, ``checkin.event``, ``checkin.people`` and ``checkin.protect``; never
``checkin.ui`` or ``checkin.cli``.
""",
    "checkin.badges": """Badges: what goes where on a badge, drawing it, and the print log.

Owns the layout engine (``layouts``: a badge as plain boxes, text and a QR code), the
PNG renderer (``renderer``, Pillow), the PDF writer (``pdf``, fpdf2) and the badge
service (``service``: which badge a person gets, re-issuing, the print log), following
a print job to its real end (``printing``: CUPS, the Windows spooler) and tickets sent
before the day (``tickets``: the PDF/PNG ticket; ``ticket_mail``: through the
organizer's SMTP server, each send recorded once accepted). The Qt
printing code in ``checkin.ui.desk`` only paints the layouts made here. May import the
shared leaves, ``checkin.db``, ``checkin.event``, ``checkin.people``, ``checkin.door``
and ``checkin.protect``; never ``checkin.ui`` or ``checkin.cli``.
""",
    "checkin.lists": """Lists: files in and out - import, export, reports and the paper door list.

Owns reading spreadsheets and CSV (``xlsx_reader``, ``importer``: reading, column
mapping, planning, applying), writing them (``exporter``), the PDF machinery shared by
every printed list (``pdfdoc``), the event report (``report``), small-count
suppression for every figure that leaves the app (``suppression``) and the paper door
list with its ticks (``paper``). May import the shared leaves, ``checkin.db``,
``checkin.event``, ``checkin.people``, ``checkin.door`` and ``checkin.protect``; never
``checkin.ui`` or ``checkin.cli``.
""",
    "checkin.protect": """Protecting attendees: who may see what, PINs, the audit log, consent, closing.

Owns station roles and redaction (``access``), the organizer PIN and its lockout
(``pin``), the append-only audit log of searches, views and edits (``audit``), the
consent items and their versions (``consent``), masks for staff below organizer
(``masking``), closing an event and deleting by date (``retention``: final report,
then wiping personal data) and the lost-station incident sheet (``incident``). May import the shared leaves,
``checkin.db``, ``checkin.event`` and, for the final report only, ``checkin.lists``;
never ``checkin.ui`` or ``checkin.cli``.
""",
    "checkin.event": """The event: its identity, its settings, and its file's life.

Owns creating an event and reading who it is (``identity``: event id, keys, this
station), the event's settings (``settings``), re-encrypting its file under a new
passphrase (``rekey``) and the one service the GUI and the command line both use to
open, create, re-key and close an event file (``files``).
May import the shared leaves and ``checkin.db``; never ``checkin.ui`` or ``checkin.cli``.
""",
    "checkin.ui.kiosk": """The kiosk: the scan screen and everything on it.

Owns the scan screen, the scanner's key input and the camera, the result, ready and
recent-scan panels, the counters, the name search panel, the kiosk lock, sounds, the
self-test screen and the station settings dialog. May import ``checkin.ui.widgets``,
the application's ``checkin.ui`` modules (session, worker, i18n) and the core; never
``checkin.cli`` or ``checkin.db`` directly.
""",
    "checkin.ui.desk": """The registration desk: walk-ins, one person's details, printing a badge.

Owns the walk-in dialog, the attendee form, the detail dialog and the badge print
dialog with its Qt printer. May import ``checkin.ui.widgets``, the application's
``checkin.ui`` modules and the core; never ``checkin.cli`` or ``checkin.db`` directly.
""",
    "checkin.ui.console": """The organizer's console: the pages and tools behind the organizer PIN.

Owns the attendee list, the dashboard, the audit log, bulk badges, import, export and
the paper list, the consent wording, double entries and the sync status and settings.
May import ``checkin.ui.widgets``, ``checkin.ui.desk`` (to open one person), the
application's ``checkin.ui`` modules and the core; never ``checkin.cli`` or
``checkin.db`` directly.
""",
    "checkin.ui.dialogs": """The event file's dialogs: choosing, creating, the station, re-keying, closing.

Owns the start dialog and event opener, creating an event, naming the station,
changing the passphrase and closing the event; each calls ``checkin.event.files``.
May import ``checkin.ui.widgets``, the application's ``checkin.ui`` modules and the
core; never ``checkin.cli`` or ``checkin.db`` directly.
""",
    "checkin.ui.widgets": """Shared parts every screen uses: fonts, icons, bilingual labels, error and PIN dialogs.

May import ``checkin.ui.i18n`` and the core; never a screen package (kiosk, desk,
console, dialogs), ``checkin.cli`` or ``checkin.db``.
""",
}

# Files whose text is never rewritten: this script (its tables name the old modules) and
# text written for the new layout on purpose.
NO_REWRITE = {"scripts/reorganise.py", "docs/ARCHITECTURE.md"}
TEXT_SUFFIXES = {".py", ".md", ".toml", ".spec", ".cfg", ".ini", ".txt", ".sh", ".yml",
                 ".yaml", ".json", ".pyi"}  # fmt: skip
TS_DIR = Path("assets/i18n")

# ---------------------------------------------------------------------------------------


def run(*cmd: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, check=check, capture_output=True, text=True)


def mod_path(dotted: str) -> Path:
    return Path(*dotted.split(".")).with_suffix(".py")


def packages_of(dotted: str) -> list[str]:
    parts = dotted.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


NEW_PACKAGES: set[str] = {pkg for new in MOVES.values() for pkg in packages_of(new)}
NEW_SET: set[str] = set(MOVES.values()) | NEW_PACKAGES


def existing_modules() -> set[str]:
    found = set()
    for path in Path("checkin").rglob("*.py"):
        parts = list(path.with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found.add(".".join(parts))
    return found


MODULES: set[str] = set()  # filled in main(): every module of the tree, before and after


def resolve(name: str) -> str:
    """The new dotted name for ``name`` (a module or something inside one)."""
    parts = name.split(".")
    for i in range(len(parts), 1, -1):
        prefix = ".".join(parts[:i])
        if prefix in MOVES:
            # `checkin.badges` alone is the old module (now `checkin.badges.service`);
            # `checkin.badges.service` was caught above, as already in the new layout.
            return MOVES[prefix] + name[len(prefix) :]
        if prefix in NEW_SET or prefix in MODULES:
            return name  # in the new layout already, or a module that never moved
    return name


# Old modules whose name is a new package's (checkin/badges.py -> checkin/badges/):
# `import checkin.badges` still means the old module, but the bare name in a docstring,
# a string or pyproject.toml means the package once the move is done.
AMBIGUOUS = set(MOVES) & NEW_PACKAGES
IMPORT_PREFIX = re.compile(r"[ \t]*import[ \t]+(?:[\w.]+(?:[ \t]+as[ \t]+\w+)?[ \t]*,[ \t]*)*")


def _in_import_statement(m: re.Match[str]) -> bool:
    start = m.string.rfind("\n", 0, m.start()) + 1
    return IMPORT_PREFIX.fullmatch(m.string[start : m.start()]) is not None


def is_module(name: str) -> bool:
    return name in MOVES or name in NEW_SET or name in MODULES


# --- step 1: relative imports become absolute -------------------------------------------

REL_IMPORT = re.compile(r"(?m)^([ \t]*)from[ \t]+(\.+)([\w.]*)[ \t]+import\b")


def absolutise(path: Path, text: str) -> str:
    package = list(path.with_suffix("").parts[:-1])
    if path.name == "__init__.py":
        package = list(path.parent.parts)

    def repl(m: re.Match[str]) -> str:
        up = len(m.group(2)) - 1
        base = package[: len(package) - up] if up else package
        target = ".".join([*base, *([m.group(3)] if m.group(3) else [])])
        return f"{m.group(1)}from {target} import"

    return REL_IMPORT.sub(repl, text)


# --- step 3: rewriting references --------------------------------------------------------

FROM_IMPORT = r"""(?P<from>^(?P<indent>[ \t]*)from[ \t]+(?P<mod>checkin(?:\.\w+)*)[ \t]+import[ \t]+
    (?P<names>\([^)]*\)|[^\n#]*?)(?P<comment>[ \t]*\#[^\n]*)?$)"""
DOTTED = r"(?P<dotted>(?<![\w.])checkin(?:\.\w+)+)"
PATHS = r"(?P<path>(?<![\w/.-])checkin(?:/\w+)+\.py)\b"
REFERENCE = re.compile(f"{FROM_IMPORT}|{DOTTED}|{PATHS}", re.M | re.X)


def rewrite_from(m: re.Match[str]) -> str:
    mod = m.group("mod")
    raw = m.group("names").strip()
    inner = raw[1:-1] if raw.startswith("(") else raw
    inner = "\n".join(line.split("#", 1)[0] for line in inner.splitlines())
    names = [n.strip() for n in inner.replace("\n", " ").split(",") if n.strip()]
    groups: dict[str, list[str]] = {}
    for item in names:
        name, _, alias = (part.strip() for part in item.partition(" as "))
        full = f"{mod}.{name}"
        if name != "*" and is_module(full):
            parent, leaf = resolve(full).rsplit(".", 1)
            if leaf != name and not alias:
                alias = name
        else:
            parent, leaf = resolve(mod), name
        groups.setdefault(parent, []).append(
            f"{leaf} as {alias}" if alias and alias != leaf else leaf
        )
    if list(groups) == [mod]:
        return m.group(0)  # nothing moved: keep the statement exactly as written
    indent, comment = m.group("indent"), m.group("comment") or ""
    lines = [f"{indent}from {parent} import {', '.join(items)}" for parent, items in groups.items()]
    lines[0] += comment
    return "\n".join(lines)


def rewrite_reference(m: re.Match[str]) -> str:
    if m.group("from") is not None:
        return rewrite_from(m)
    if m.group("dotted") is not None:
        name = m.group("dotted")
        if name in AMBIGUOUS and not _in_import_statement(m):
            return name  # `checkin.badges` in a text or a setting: the package, now
        return resolve(name)
    path = m.group("path")
    new = resolve(path[: -len(".py")].replace("/", "."))
    return new.replace(".", "/") + ".py"


def ts_stem(dotted: str) -> str:
    """checkin.ui.kiosk.scan_screen -> kiosk_scan_screen (see checkin.ui.i18n.ts_name_for)."""
    return "_".join(dotted.split(".")[2:])


def ui_moves() -> dict[str, str]:
    return {
        ts_stem(old): ts_stem(new)
        for old, new in MOVES.items()
        if old.startswith("checkin.ui.") and ts_stem(old) != ts_stem(new)
    }


def rewrite_text(text: str, ts_renames: dict[str, str]) -> str:
    text = REFERENCE.sub(rewrite_reference, text)
    for old, new in TEST_MOVES.items():
        text = re.sub(rf"(?<![\w/.-]){re.escape(old)}(?![\w])", new, text)
    for old, new in ts_renames.items():
        text = re.sub(rf"(?<![\w/.-]){re.escape(old)}_ko\.(ts|qm)\b", rf"{new}_ko.\1", text)
    return text


FILE_PARENTS = re.compile(
    r"Path\(__file__\)(?P<resolve>\.resolve\(\))?(?P<chain>(?:\.parent\b)+|\.parents\[(?P<n>\d+)\])"
)


def fix_depth(text: str, delta: int) -> str:
    """``Path(__file__)...parent`` chains in a file that moved ``delta`` folders deeper."""

    def repl(m: re.Match[str]) -> str:
        indexed = m.group("n") is not None
        depth = (int(m.group("n")) + 1 if indexed else m.group("chain").count(".parent")) + delta
        chain = f".parents[{depth - 1}]" if indexed else ".parent" * depth
        return f"Path(__file__){m.group('resolve') or ''}{chain}"

    return FILE_PARENTS.sub(repl, text)


# --- the steps ----------------------------------------------------------------------------


def git_files() -> list[Path]:
    out = run("git", "ls-files", "-z").stdout
    return [Path(p) for p in out.split("\0") if p]


def is_text(path: Path) -> bool:
    if path.suffix in TEXT_SUFFIXES:
        return True
    if path.suffix == "" and path.is_file():
        head = path.read_bytes()[:200]
        return head.startswith(b"#!")
    return False


def write_package_init(package: str, dry: bool) -> bool:
    init = mod_path(package).with_suffix("") / "__init__.py"
    doc = PACKAGE_DOCS.get(package)
    body = f'"""{doc.rstrip()}\n"""\n' if doc else ""
    if init.exists():
        current = init.read_text(encoding="utf-8")
        stripped = current.strip()
        only_doc = stripped == "" or (stripped.startswith('"""') and stripped.count('"""') == 2
                                      and stripped.endswith('"""'))  # fmt: skip
        if not doc or not only_doc or current == body:
            return False
    if dry:
        return True
    init.parent.mkdir(parents=True, exist_ok=True)
    existed = init.exists()
    init.write_text(body, encoding="utf-8")
    if not existed:
        run("git", "add", str(init))
    return True


def git_mv(old: Path, new: Path, dry: bool) -> str:
    """'moved', 'done' (already there), 'missing' (neither) or 'clash' (both exist)."""
    if old.exists() and new.exists():
        return "clash"
    if not old.exists():
        return "done" if new.exists() else "missing"
    if not dry:
        new.parent.mkdir(parents=True, exist_ok=True)
        run("git", "mv", str(old), str(new))
    return "moved"


def unmapped() -> list[str]:
    mapped_core = set(CORE) | CORE_KEEP
    mapped_ui = set(UI) | UI_KEEP
    left = [str(p) for p in sorted(Path("checkin").glob("*.py")) if p.stem not in mapped_core]
    left += [str(p) for p in sorted(Path("checkin/ui").glob("*.py")) if p.stem not in mapped_ui]
    tests = set(TEST_MOVES) | TEST_KEEP
    for folder in (Path("tests"), Path("tests/ui")):
        left += [str(p) for p in sorted(folder.glob("test_*.py")) if str(p) not in tests]
    return left


def report_unmapped() -> None:
    left = unmapped()
    if left:
        print(
            "Not in the mapping (left where they are; add them to MOVES/TEST_MOVES or a KEEP list):"
        )
        for name in left:
            print("  " + name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dry-run", action="store_true", help="only list what would move")
    parser.add_argument("--root", default=".", help="the repository (default: here)")
    args = parser.parse_args()
    os.chdir(args.root)
    if not Path("checkin/__init__.py").exists() or not Path(".git").exists():
        print("run this from the repository's top folder", file=sys.stderr)
        return 2
    dry = args.dry_run
    MODULES.update(existing_modules())

    # 1. relative imports -> absolute
    changed: set[Path] = set()
    for path in git_files():
        if path.suffix == ".py" and path.parts[0] in ("checkin", "tests") and path.exists():
            text = path.read_text(encoding="utf-8")
            new = absolutise(path, text)
            if new != text:
                changed.add(path)
                if not dry:
                    path.write_text(new, encoding="utf-8")

    # 2. moves
    problems: list[str] = []
    moved: dict[Path, int] = {}  # new path -> depth change
    for package in sorted(NEW_PACKAGES):  # each new package's __init__ with its docstring
        if write_package_init(package, dry):
            changed.add(mod_path(package).with_suffix("") / "__init__.py")
    for old, new in MOVES.items():
        status = git_mv(mod_path(old), mod_path(new), dry)
        if status == "moved":
            moved[mod_path(new)] = new.count(".") - old.count(".")
            print(f"  {mod_path(old)} -> {mod_path(new)}")
        elif status != "done":
            problems.append(f"{status}: {mod_path(old)} -> {mod_path(new)}")
    for old_stem, new_stem in ui_moves().items():
        old_ts, new_ts = TS_DIR / f"{old_stem}_ko.ts", TS_DIR / f"{new_stem}_ko.ts"
        status = git_mv(old_ts, new_ts, dry)
        if status == "clash":
            problems.append(f"clash: {old_ts} -> {new_ts}")
        old_qm = old_ts.with_suffix(".qm")  # built, not tracked: renamed so no stale copy loads
        if old_qm.exists() and not dry:
            shutil.move(old_qm, new_ts.with_suffix(".qm"))
    for old_s, new_s in TEST_MOVES.items():
        status = git_mv(Path(old_s), Path(new_s), dry)
        if status == "moved":
            moved[Path(new_s)] = len(Path(new_s).parts) - len(Path(old_s).parts)
            print(f"  {old_s} -> {new_s}")
        elif status != "done":
            problems.append(f"{status}: {old_s} -> {new_s}")
    if dry:
        print(f"(dry run) {len(moved)} files would move")
        for problem in problems:
            print("  " + problem)
        report_unmapped()
        return 0

    # 3. references
    ts_renames = ui_moves()
    for path in git_files():
        if str(path) in NO_REWRITE or not path.exists() or not is_text(path):
            continue
        if (
            path.name == "__init__.py"
            and str(path).replace("/", ".")[: -len(".__init__.py")] in PACKAGE_DOCS
        ):
            continue
        text = path.read_text(encoding="utf-8")
        new = rewrite_text(text, ts_renames)
        if moved.get(path):
            new = fix_depth(new, moved[path])
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed.add(path)

    # 4. imports sorted and lines wrapped again where they changed
    python = [str(p) for p in changed if p.suffix == ".py" and p.exists()]
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    if python and Path(ruff).exists():
        run(ruff, "check", "--select", "I", "--fix", "--quiet", *python, check=False)
        run(ruff, "format", "--quiet", *python, check=False)
    elif python:
        print("ruff not found: sort the imports with `ruff check --select I --fix .`")

    # 5. what is left
    print(f"{len(moved)} files moved, {len(changed)} files rewritten")
    for problem in problems:
        print("PROBLEM " + problem)
    report_unmapped()
    print("Then: python -m checkin.ui.i18n build")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
