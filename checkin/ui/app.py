"""Application start-up (placeholder until the kiosk screen lands)."""

from __future__ import annotations

import argparse
import sys

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from checkin import demo, paths
from checkin import settings as settings_mod
from checkin import stats as stats_mod
from checkin.cli.common import open_event


def run(args: argparse.Namespace) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("checkin")
    text = "checkin"
    path = args.file
    if getattr(args, "demo", False) and not path:
        path = str(paths.demo_event_path())
        if not paths.demo_event_path().exists():
            demo.build_demo(path, 500).close()
    if path:
        with open_event(args, path) as ef:
            cfg = settings_mod.load(ef)
            s = stats_mod.compute(ef)
        text = f"{cfg.name}\n{cfg.date}\n{s.checked_in} / {s.expected}"
    window.setCentralWidget(QLabel(text))
    window.show()
    return app.exec()
