"""Choosing a badge layout: the named ones, or a custom size in millimetres.

``combo`` lists every layout of ``checkin.badges.layouts.LAYOUTS`` and, last, "Custom
size…", which shows width and height boxes (40-300 mm). :meth:`key` gives the layout
key (``cr80``, ``ql62x100`` or ``custom:70x110``); :meth:`set_key` restores one.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QHBoxLayout, QLabel, QWidget

from checkin import errors
from checkin.badges.layouts import CUSTOM_MAX_MM, CUSTOM_MIN_MM, CUSTOM_PREFIX, LAYOUTS, get_layout
from checkin.ui import i18n

CUSTOM = "custom"


class LayoutPicker(QWidget):
    """A layout combo box with a custom width x height (mm) when asked for."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.combo = QComboBox()
        for key in LAYOUTS:
            self.combo.addItem("", key)
        self.combo.addItem("", CUSTOM)
        self.width_mm = self._spin(70.0)
        self.height_mm = self._spin(110.0)
        self.times = QLabel("×")
        self.unit = QLabel("mm")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.combo, 1)
        for w in (self.width_mm, self.times, self.height_mm, self.unit):
            row.addWidget(w)
        self.combo.currentIndexChanged.connect(self._combo_changed)
        self.width_mm.valueChanged.connect(lambda _v: self.changed.emit())
        self.height_mm.valueChanged.connect(lambda _v: self.changed.emit())
        self._show_custom()
        self.retranslate()

    def _spin(self, value: float) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setRange(CUSTOM_MIN_MM, CUSTOM_MAX_MM)
        spin.setDecimals(1)
        spin.setSingleStep(1.0)
        spin.setValue(value)
        return spin

    def is_custom(self) -> bool:
        return self.combo.currentData() == CUSTOM

    def key(self) -> str:
        if self.is_custom():
            return f"{CUSTOM_PREFIX}{self.width_mm.value():g}x{self.height_mm.value():g}"
        return str(self.combo.currentData())

    def set_key(self, key: str) -> None:
        if key.startswith(CUSTOM_PREFIX):
            try:
                layout = get_layout(key)
            except errors.InvalidInput:
                self.combo.setCurrentIndex(0)
                return
            self.width_mm.setValue(layout.page_w)
            self.height_mm.setValue(layout.page_h)
            self.combo.setCurrentIndex(self.combo.findData(CUSTOM))
            return
        self.combo.setCurrentIndex(max(0, self.combo.findData(key)))

    def _combo_changed(self) -> None:
        self._show_custom()
        self.changed.emit()

    def _show_custom(self) -> None:
        for w in (self.width_mm, self.times, self.height_mm, self.unit):
            w.setVisible(self.is_custom())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        lang = i18n.current_language()
        for i, key in enumerate(LAYOUTS):
            self.combo.setItemText(i, LAYOUTS[key].label(lang))
        self.combo.setItemText(len(LAYOUTS), self.tr("Custom size…"))
        self.width_mm.setToolTip(self.tr("Width (mm)"))
        self.height_mm.setToolTip(self.tr("Height (mm)"))
