#!/usr/bin/env python3
"""Screenshots of the check-in screen, from the real app, into docs/screenshots/.

Run under a virtual display at a common kiosk-laptop size:

    xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshots.py
    ... scripts/screenshots.py --size 1024x768     # NAME_LANG_1024.png

Builds a synthetic demo event (never real people) in a temporary folder, starts the
app on it with ``checkin.ui.app.run`` and captures every outcome and the name search,
in Korean and in English.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
SIZE = (1366, 768)


def prepare_event(folder: Path) -> tuple[Path, dict[str, str], dict[str, str]]:
    """A demo event plus the few people the screenshots show; returns codes by state."""
    from checkin.door import codes, demo
    from checkin.event import identity as event_mod
    from checkin.ids import new_attendee_id, new_event_id
    from checkin.people import attendees

    path = folder / "screenshots.checkin"
    ef = demo.build_demo(path, 2000, seed=714)
    clock = event_mod.SYSTEM_CLOCK
    from checkin.event import settings as settings_mod
    from checkin.protect import consent

    agreed = consent.record(clock, settings_mod.load(ef), consent.ITEMS)  # made-up people

    def add(ef, clock, **values):
        return attendees.add_attendee(ef, clock, **values, **agreed)

    star = add(ef, clock, display_name="한별", full_name="이영희", category="defector",
               organization="새터 이웃들", no_photo=True, access_needs="휠체어 이용")  # fmt: skip
    early = add(ef, clock, display_name="김민수", category="volunteer",
                organization="대학생 통일동아리")  # fmt: skip
    old = add(ef, clock, display_name="박지수", category="press", organization="평화통신(예시)")
    gone = add(ef, clock, display_name="최서연", category="guest")
    sign = event_mod.signer(ef)
    state_codes = {
        "ok": sign.code(star.id, 1),
        "already_in": sign.code(early.id, 1),
        "superseded": sign.code(old.id, 1),
        "cancelled": sign.code(gone.id, 1),
        "invalid": "8801234567890",
        "ok_unsynced": sign.code(new_attendee_id(), 1),
        "wrong_event": codes.BadgeSigner(new_event_id(), codes.new_key_pair()[0]).code(
            new_attendee_id(), 1
        ),
    }
    from checkin.door.engine import CheckinEngine

    CheckinEngine(ef).check_in(early.id, station="2번 출입구")
    attendees.reissue(ef, clock, old.id)
    attendees.cancel(ef, clock, gone.id)
    ef.close()
    return path, state_codes, {"ok": star.id}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--size", default="1366x768",
        help="window size WxH; other than 1366x768 the files are named NAME_LANG_W.png",
    )  # fmt: skip
    options = parser.parse_args()
    size = tuple(int(n) for n in options.size.lower().split("x"))
    tail = "" if size == SIZE else f"_{size[0]}"
    folder = Path(tempfile.mkdtemp(prefix="checkin-shots-"))
    os.environ["CHECKIN_DATA_DIR"] = str(folder / "data")
    os.environ["CHECKIN_LOG_DIR"] = str(folder / "logs")
    path, state_codes, ids = prepare_event(folder)
    options.out.mkdir(parents=True, exist_ok=True)

    from PIL import Image
    from PySide6.QtWidgets import QApplication

    from checkin import errors
    from checkin.cli import build_parser
    from checkin.ui import app, i18n
    from checkin.ui.kiosk import scan_screen

    scan_screen.HOLD_MS = 0  # show each state at once
    saved: list[Path] = []

    def settle(window, ms: int = 150) -> None:
        app_ = QApplication.instance()
        from PySide6.QtCore import QElapsedTimer

        timer = QElapsedTimer()
        timer.start()
        while timer.elapsed() < ms:
            app_.processEvents()

    def shoot(window, name: str) -> None:
        settle(window)
        target = options.out / f"{name}_{i18n.current_language()}{tail}.png"
        window.grab().save(str(target))
        # Flat colours: 256 colours keep the text crisp at a third of the size.
        with Image.open(target) as image:
            small = image.convert("RGB").quantize(256, dither=Image.Dither.NONE)
        small.save(target, optimize=True)
        saved.append(target)

    def ready(window) -> None:
        window.showNormal()
        window.resize(*size)
        screen = window.scan_screen
        screen.result_seconds = 600
        screen.counters.refresh()
        for lang in ("ko", "en"):
            i18n.set_language(lang)
            settle(window, 400)
            screen.show_ready()
            shoot(window, "ready")
            for state in ("ok", "already_in", "invalid", "wrong_event", "superseded",
                          "cancelled", "ok_unsynced"):  # fmt: skip
                result = screen.session.engine.scan(state_codes[state])
                screen.present(result)
                shoot(window, state)
                if state == "ok":
                    screen.undo_last()
                    shoot(window, "undone")
                    screen.present(screen.session.engine.scan(state_codes["ok"]))
            screen._show_error(errors.DiskFull())
            shoot(window, "error")
            screen.show_search("ㄱㅁ")
            shoot(window, "search")
            screen.show_ready()
            # As a locked self-service kiosk looks (the real lock also goes full screen).
            window.menuBar().hide()
            screen.set_locked(True)
            screen.set_self_service(True)
            shoot(window, "self_service")
            screen.present(screen.session.engine.scan(state_codes["ok"]))
            shoot(window, "self_service_ok")
            screen.set_self_service(False)
            screen.set_locked(False)
            window.menuBar().show()
            # An exit door: the same person leaving.
            screen.set_direction("exit")
            screen.present(screen.session.engine.scan(state_codes["ok"], direction="exit"))
            shoot(window, "exit")
            screen.set_direction("entry")
            # Undo this language's check-ins so the next language starts the same way.
            for _ in range(2):  # the exit, then the entry
                with contextlib.suppress(errors.NothingToUndo):
                    screen.session.engine.undo(ids["ok"], reason="screenshots")
        window.close()
        QApplication.quit()

    args = build_parser().parse_args(["gui", str(path), "--station", "1번 출입구", "--lang", "ko"])
    code = app.run(args, ready)
    for target in saved:
        print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)
    return code


if __name__ == "__main__":
    sys.exit(main())
