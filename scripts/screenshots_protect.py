#!/usr/bin/env python3
"""Screenshots of the "Create a new event" and "Close the event" dialogs, in Korean,
into docs/screenshots/ (create_event_ko.png, close_event_ko.png, close_event_confirm_ko.png).

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots_protect.py
    (or: xvfb-run -a .venv/bin/python scripts/screenshots_protect.py)

Uses a synthetic event (never real people) in a temporary folder; nothing is wiped:
the close dialog is captured at its two steps without pressing the red button.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from checkin.door import demo
    from checkin.ui import i18n
    from checkin.ui.dialogs.close_event_dialog import CloseEventDialog
    from checkin.ui.dialogs.create_event_dialog import CreateEventDialog
    from checkin.ui.widgets import fonts

    app = QApplication(sys.argv[:1])
    i18n.build()
    fonts.apply_app_font(app)
    i18n.set_language("ko")
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        os.environ["CHECKIN_DATA_DIR"] = str(folder / "data")

        create = CreateEventDialog()
        create.path.setText(str(Path("~/문서/북한이탈주민의-날-2027.checkin")))
        create.passphrase_field.setText("example passphrase")
        create.passphrase_again.setText("example passphrase")
        create.show()
        app.processEvents()
        create.adjustSize()
        app.processEvents()
        create.grab().save(str(OUT / "create_event_ko.png"))
        create.close()

        ef = demo.build_demo(folder / "행사.checkin", 300, seed=714)
        dialog = CloseEventDialog(ef, report_path=Path("~/문서/행사-최종-보고서.pdf"))
        dialog.show()
        app.processEvents()
        dialog.adjustSize()
        app.processEvents()
        dialog.grab().save(str(OUT / "close_event_ko.png"))
        dialog.report.setText(str(folder / "report.pdf"))
        dialog.go_confirm()
        dialog.confirm.insert(dialog.confirm_word())
        app.processEvents()
        dialog.grab().save(str(OUT / "close_event_confirm_ko.png"))
        dialog.close()
        ef.close()
    for name in ("create_event_ko.png", "close_event_ko.png", "close_event_confirm_ko.png"):
        print(OUT / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
