"""Korean and English, switched while the app runs; no English left in Korean mode."""

from __future__ import annotations

import re

from kiosk_helpers import by_name, code_of
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from checkin.people import attendees
from checkin.ui import i18n
from checkin.ui.dialogs.create_event_dialog import CreateEventDialog
from checkin.ui.dialogs.start_dialog import StartDialog
from checkin.ui.dialogs.station_dialog import StationDialog
from checkin.ui.kiosk.settings_dialog import SettingsDialog
from checkin.ui.widgets import bilingual
from checkin.ui.widgets.passphrase_dialog import PassphraseDialog
from checkin.ui.widgets.pin_dialog import PinDialog

ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")
# Words that stay as they are in Korean text: key names, acronyms, the language's name.
ALLOWED = {"PIN", "Ctrl", "Esc", "Enter", "English", "USB", "QR", "checkin", "PDF", "PNG"}


def english_words(text: str, data: set[str]) -> list[str]:
    for value in data:
        if value:
            text = text.replace(value, " ")
    return [w for w in ENGLISH_WORD.findall(text) if w not in ALLOWED]


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every text a person can see in ``root``."""
    found: list[tuple[str, str]] = [("window title", root.windowTitle())]
    for w in [root, *root.findChildren(QWidget)]:
        if not (w is root or w.isVisibleTo(root)) or w.property(bilingual.SECONDARY_PROPERTY):
            continue
        name = f"{type(w).__name__}#{w.objectName()}"
        if isinstance(w, QLabel | QAbstractButton):
            found.append((name, w.text()))
        elif isinstance(w, QGroupBox):
            found.append((name, w.title()))
        elif isinstance(w, QLineEdit):
            found.append((name + " placeholder", w.placeholderText()))
        elif isinstance(w, QComboBox):
            found.extend((name, w.itemText(i)) for i in range(w.count()))
        elif isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            for col in range(model.columnCount()):
                found.append(
                    (name + " header", str(model.headerData(col, Qt.Orientation.Horizontal) or ""))
                )
                for row in range(model.rowCount()):
                    found.append((name, str(model.index(row, col).data() or "")))
        if w.toolTip():
            found.append((name + " tooltip", w.toolTip()))
    menu_bar = getattr(root, "menuBar", None)
    if menu_bar is not None:
        for action in menu_bar().actions():
            found.append(("menu", action.text()))
            menu = action.menu()
            if menu is not None:
                found.extend(("menu item", a.text()) for a in menu.actions() if a.isVisible())
    return found


def assert_all_korean(root: QWidget, data: set[str]) -> None:
    leftovers = [(where, text) for where, text in visible_texts(root) if english_words(text, data)]
    assert leftovers == []


def event_data(ef) -> set[str]:
    """Names, organizations and numbers come from the event file, not the app."""
    values = set()
    for a in attendees.iter_all(ef):
        values.update({a.display_name, a.organization, a.reg_no})
    return values


def test_language_switch_changes_visible_text(qtbot, english, window, ef, people) -> None:
    screen = window.scan_screen
    assert screen.ready.headline.text() == "Please scan your badge"
    assert screen.language_button.text() == "한국어"
    qtbot.mouseClick(screen.language_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.ready.headline.text() == "명찰을 스캔해 주세요")
    assert screen.ready.headline_other.text() == "Please scan your badge"
    assert screen.search_button.text() == "이름으로 찾기 (F2)"
    assert window.menu("event").title() == "행사(&E)"
    assert window.prefs.language == "ko"
    screen.handle_code(code_of(ef, by_name(people, "김민수")))
    assert screen.result_panel.headline.text() == "입장 확인"
    qtbot.mouseClick(screen.language_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.result_panel.headline.text() == "Checked in")
    assert screen.result_panel.headline_other.text() == "입장 확인"  # Korean below English
    assert screen.result_panel.category.text().startswith("Defector")
    assert i18n.current_language() == "en"


def test_no_untranslated_text_in_korean_mode(qtbot, korean, window, ef, clock, people) -> None:
    qtbot.wait(10)
    data = event_data(ef) | {window.session.station_name}
    screen = window.scan_screen
    qtbot.waitUntil(lambda: screen.counters.counts is not None, timeout=5000)
    assert_all_korean(window, data)

    # every outcome panel
    person = by_name(people, "김민수")  # no photo
    screen.handle_code(code_of(ef, person))
    assert_all_korean(window, data)
    screen.handle_code(code_of(ef, by_name(people, "박지수")))  # access needs
    assert_all_korean(window, data)
    clock.advance(60_000)
    for code in (code_of(ef, person), "NOT-A-BADGE"):
        screen.result_panel.show_result(screen.session.engine.scan(code))
        assert_all_korean(window, data)
    screen.undo_last()
    assert_all_korean(window, data)

    # the search view with results
    screen.show_search("ㄱㅁㅅ")
    assert screen.search.model.rowCount() >= 1
    assert_all_korean(window, data)
    screen.show_search("zzzz")
    assert_all_korean(window, data)


def test_no_untranslated_text_in_korean_dialogs(qtbot, korean, window, session, ef) -> None:
    data = event_data(ef) | {session.station_name, session.title("ko"), "event.checkin"}
    dialogs = [
        SettingsDialog(session, window.prefs, window),
        PinDialog(window, verify=lambda pin: False),
        PinDialog(window, new=True),
        StartDialog(window),
        PassphraseDialog("event.checkin", wrong=True, parent=window),
        StationDialog(session, window),
    ]
    create = CreateEventDialog(window)
    data |= {create.path.text(), create.name_en.text()}
    dialogs.append(create)
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        assert_all_korean(dialog, data)
        dialog.close()
        dialog.deleteLater()


def test_dialogs_retranslate_while_open(qtbot, english, window, session) -> None:
    dialog = SettingsDialog(session, window.prefs, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Settings"
    i18n.set_language("ko")
    qtbot.waitUntil(lambda: dialog.windowTitle() == "설정")
    dialog.close()
    dialog.deleteLater()


def test_walker_catches_english(qtbot, korean) -> None:
    label = QLabel("Checked in")
    qtbot.addWidget(label)
    label.show()
    assert english_words("Checked in", set()) == ["Checked"]
    assert ("QLabel#", "Checked in") in visible_texts(label)


def test_qt_own_dialogs_speak_korean(qtbot, korean) -> None:
    """The file chooser (chart PNG, exports) and standard buttons were English in Korean mode."""
    from PySide6.QtWidgets import QDialogButtonBox, QFileDialog

    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "취소"
    chooser = QFileDialog(None, "", "", "PNG (*.png)")
    chooser.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(chooser)
    labels = [w.text() for w in chooser.findChildren(QLabel)]
    assert "Look in:" not in labels and not any(t.startswith("File &name") for t in labels)
    i18n.set_language("en")
    qtbot.waitUntil(lambda: box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel")
