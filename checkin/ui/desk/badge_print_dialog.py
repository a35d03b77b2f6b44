"""Print one attendee's badge: a walk-in at the door, or a reprint of a lost badge.

Self-contained: give it the event file spec and the attendee id. It shows the badge
as it will print, the layout and copies, the printer this station remembers, and,
when the badge was printed before, a reprint box that offers to issue a new code so
the lost badge stops working. Printing, saving a file and reissuing are recorded in
the print log.

Printing follows the job to its end (``checkin.badges.printing``): the badge is logged as
printed only when the print system says the job completed. A rejected, stopped or
failed job shows a red panel saying why, and the Print button becomes Retry; the
badge stays in "not printed yet".
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPixmap, QShowEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrinterInfo, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from checkin import errors
from checkin.badges import printing
from checkin.badges import service as badges_mod
from checkin.badges.layouts import (
    LAYOUTS,
    BadgeData,
    Layout,
    compose,
    get_layout,
    monochrome,
    paginate,
)
from checkin.badges.pdf import badge_pdf
from checkin.badges.renderer import badge_png, render_drawing
from checkin.clock import SYSTEM_CLOCK, Clock
from checkin.door import messages
from checkin.event import identity as event_mod
from checkin.event import settings as settings_mod
from checkin.models import Attendee
from checkin.people import attendees
from checkin.ui import i18n
from checkin.ui.desk.badge_printer import (
    BadgePrinterSettings,
    configure,
    pil_to_qimage,
    print_pages,
    send_job,
    ui_sleep,
)
from checkin.ui.desk.layout_picker import LayoutPicker
from checkin.ui.theme import Size, Style
from checkin.ui.widgets.error_dialog import show_error
from checkin.ui.widgets.save_dialog import ask_save_path
from checkin.ui.widgets.screen_fit import fit_to_screen
from checkin.ui.worker import EventFileSpec

log = logging.getLogger(__name__)

PREVIEW_DPI = 110
REASONS = ("lost", "damaged", "corrected", "other")


class BadgePrintDialog(QDialog):
    """Preview, print or save one badge; reprint with an optional new code."""

    # Long because: builds its widgets, layouts and connections in screen order
    def __init__(
        self,
        spec: EventFileSpec,
        attendee_id: str,
        parent: QWidget | None = None,
        clock: Clock = SYSTEM_CLOCK,
        operator: str = "",
        settings: BadgePrinterSettings | None = None,
        service: printing.PrintService | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service or printing.print_service(sleep=ui_sleep)
        self.print_timeout = printing.DEFAULT_TIMEOUT_S
        self.last_outcome: printing.PrintOutcome | None = None
        self._reissued_pending = False
        self.spec = spec
        self.clock = clock
        self.operator = operator
        self.ef = spec.open()
        self.attendee_id = attendee_id
        station = event_mod.info(self.ef).station
        self.store = settings or BadgePrinterSettings(station.station_id)
        self.printer: QPrinter = self.store.make_printer()
        self.printed_times = 0
        self.last_record: badges_mod.PrintRecord | None = None

        self.preview = QLabel()
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(360, 240)
        self.name_label = QLabel()
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * Size.NAME_SCALE)
        font.setBold(True)
        self.name_label.setFont(font)

        self.layout_picker = LayoutPicker()
        self.layout_box = self.layout_picker.combo
        self.layout_picker.set_key(self.store.layout("single", "cr80"))
        self.copies = QSpinBox()
        self.copies.setRange(1, 20)
        self.mono = QCheckBox()
        self.mono.setChecked(self.store.layout("mono", "") == "1")
        self.printer_label = QLabel()
        self.printer_label.setWordWrap(True)
        self.choose_printer = QPushButton()

        self.reprint_box = QGroupBox()
        self.reprint_info = QLabel()
        self.reprint_info.setWordWrap(True)
        self.reason = QComboBox()
        for key in REASONS:
            self.reason.addItem("", key)
        self.reissue = QCheckBox()
        self.reissue_hint = QLabel()
        self.reissue_hint.setWordWrap(True)
        reprint_form = QFormLayout(self.reprint_box)
        self.reason_label = QLabel()
        reprint_form.addRow(self.reprint_info)
        reprint_form.addRow(self.reason_label, self.reason)
        reprint_form.addRow(self.reissue)
        reprint_form.addRow(self.reissue_hint)

        self.status = QLabel()
        self.status.setWordWrap(True)
        self.outcome_panel = QLabel()
        self.outcome_panel.setObjectName("print_outcome")
        self.outcome_panel.setWordWrap(True)
        self.outcome_panel.setVisible(False)
        self.preview_button = QPushButton()
        self.save_button = QPushButton()
        self.print_button = QPushButton()
        self.print_button.setDefault(True)
        self.close_button = QPushButton()

        form = QFormLayout()
        self.layout_label = QLabel()
        self.copies_label = QLabel()
        self.printer_caption = QLabel()
        form.addRow(self.layout_label, self.layout_picker)
        form.addRow(self.copies_label, self.copies)
        form.addRow("", self.mono)
        # The printer's name (or "no printer" advice) on a row of its own: wrapped in a
        # row beside the button it was cut off.
        form.addRow(self.printer_caption, self.choose_printer)
        form.addRow(self.printer_label)

        side = QVBoxLayout()
        side.addWidget(self.name_label)
        side.addLayout(form)
        side.addWidget(self.reprint_box)
        side.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.preview, 3)
        top.addLayout(side, 2)
        buttons = QHBoxLayout()
        buttons.addWidget(self.preview_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.print_button)
        root = QVBoxLayout(self)
        # Never smaller than its contents: the reprint section appears after the first
        # print, and its sentences and reason box must not be cut or squashed.
        root.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        root.addLayout(top)
        root.addWidget(self.outcome_panel)
        root.addWidget(self.status)
        root.addLayout(buttons)

        self.layout_picker.changed.connect(self._layout_changed)
        self.reissue.toggled.connect(self._refresh_preview)
        self.mono.toggled.connect(self._mono_changed)
        self.choose_printer.clicked.connect(self.pick_printer)
        self.preview_button.clicked.connect(self.show_preview)
        self.save_button.clicked.connect(self.save_file)
        self.print_button.clicked.connect(self.print_badge)
        self.close_button.clicked.connect(self.reject)
        self._closed = False
        self.finished.connect(self._close_file)

        self.reload()
        self.retranslate()

    def _close_file(self) -> None:
        self._closed = True  # a language switch later must not read the closed file
        self.ef.close()

    # -- data -------------------------------------------------------------------------

    def attendee(self) -> Attendee:
        found = attendees.get(self.ef, self.attendee_id)
        if found is None:
            raise errors.AttendeeNotFound(self.attendee_id)
        return found

    def layout_key(self) -> str:
        return self.layout_picker.key()

    def reload(self) -> None:
        a = self.attendee()
        self.name_label.setText(f"{a.display_name}  ·  {a.reg_no}")
        self.history = badges_mod.history(self.ef, a.id)
        self.printed_times = sum(r.copies for r in self.history)
        self.reprint_box.setVisible(self.printed_times > 0)
        self._refresh_preview()
        self._fit()

    def _fit(self) -> None:
        """Grow to what the texts need now, wrapped at the final width (a section that
        just appeared), within the screen."""
        layout = self.layout()
        if layout is None:
            return
        layout.invalidate()
        layout.activate()
        if self.isVisible():
            fit_to_screen(self)  # the width first: the wrapped height depends on it
        needed = max(layout.totalMinimumSize().height(), layout.totalHeightForWidth(self.width()))
        if self.height() < needed:
            self.resize(self.width(), needed)
            if self.isVisible():
                fit_to_screen(self)

    def badge(self) -> BadgeData:
        a = self.attendee()
        cfg = settings_mod.load(self.ef)
        return badges_mod.badge_data(self.ef, [a], cfg)[0]

    def _style(self):  # type: ignore[no-untyped-def]
        return badges_mod.style(settings_mod.load(self.ef))

    def current_layout(self) -> Layout:
        """The chosen layout, in black and white for a thermal printer if asked."""
        layout = get_layout(self.layout_key())
        if self.mono.isChecked():
            layout = monochrome(layout, self.printer.resolution())
        return layout

    def _mono_changed(self) -> None:
        self.store.set_layout("mono", "1" if self.mono.isChecked() else "")
        self._refresh_preview()

    def _layout_changed(self) -> None:
        self.store.set_layout("single", self.layout_key())
        self._refresh_preview()

    def _refresh_preview(self) -> None:
        try:
            drawing = compose(self.badge(), self._style(), self.current_layout())
        except errors.CheckinError as exc:
            self.status.setText(exc.message(i18n.current_language()))
            self.print_button.setEnabled(False)
            self.save_button.setEnabled(False)
            return
        pixmap = QPixmap.fromImage(pil_to_qimage(render_drawing(drawing, PREVIEW_DPI)))
        self.preview.setPixmap(pixmap)

    # -- text -------------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and not self._closed:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()

    def retranslate(self) -> None:
        lang = i18n.current_language()
        self.setWindowTitle(self.tr("Print badge"))
        for i, key in enumerate(LAYOUTS):
            self.layout_box.setItemText(i, LAYOUTS[key].label(lang))
        self.layout_label.setText(self.tr("Layout"))
        self.copies_label.setText(self.tr("Copies"))
        self.mono.setText(self.tr("Black and white (thermal label printer)"))
        self.printer_caption.setText(self.tr("Printer"))
        self.choose_printer.setText(self.tr("Choose printer…"))
        self._show_printer()
        self.reprint_box.setTitle(self.tr("Reprint"))
        self.reason_label.setText(self.tr("Reason"))
        labels = {
            "lost": self.tr("Badge lost"),
            "damaged": self.tr("Badge damaged"),
            "corrected": self.tr("Details corrected"),
            "other": self.tr("Other"),
        }
        for i, key in enumerate(REASONS):
            self.reason.setItemText(i, labels[key])
        self.reissue.setText(self.tr("Issue a new code (the lost badge stops working)"))
        self.reissue_hint.setText(
            self.tr(
                "Recommended for a lost badge: whoever finds it cannot get in with it. "
                "The new badge replaces it at every kiosk after sync."
            )
        )
        self._show_reprint_info()
        self._fit()
        self.preview_button.setText(self.tr("Preview…"))
        self.save_button.setText(self.tr("Save as file…"))
        failed = self.last_outcome is not None and not self.last_outcome.printed
        self.print_button.setText(self.tr("Retry") if failed else self.tr("Print"))
        if self.last_outcome is not None:
            self._show_outcome(self.last_outcome)
        self.close_button.setText(self.tr("Close"))

    def _show_printer(self) -> None:
        installed = QPrinterInfo.availablePrinterNames()
        # No printer at all: say so, and point to the PDF instead of a Print button
        # that can only fail.
        self.print_button.setEnabled(bool(installed))
        self.choose_printer.setEnabled(bool(installed))
        (self.print_button if installed else self.save_button).setDefault(True)
        if not installed:
            self.printer_label.setText(
                self.tr("No printer on this computer. Use “Save as file…” to make a PDF.")
            )
            return
        name = self.printer.printerName() or QPrinterInfo.defaultPrinterName()
        self.printer_label.setText(name or self.tr("Default printer"))

    def _show_reprint_info(self) -> None:
        if not self.printed_times:
            return
        last = self.history[-1]
        tz = settings_mod.load(self.ef).timezone
        when = messages.format_time(last.at_ms, tz, with_date=True)
        text = self.tr("This badge was printed %1 time(s) before (last: %2 at %3).")
        self.reprint_info.setText(
            text.replace("%1", str(self.printed_times))
            .replace("%2", when)
            .replace("%3", last.station_name)
        )

    # -- actions ----------------------------------------------------------------------

    def pick_printer(self) -> bool:
        dialog = QPrintDialog(self.printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self.store.set_printer_name(self.printer.printerName())
        self._show_printer()
        return True

    def _pages(self, copies: int = 1) -> list:  # type: ignore[type-arg]
        layout = self.current_layout()
        drawing = compose(self.badge(), self._style(), layout)
        return paginate([drawing] * copies, layout)

    def show_preview(self) -> None:
        layout = self.current_layout()
        configure(self.printer, layout)
        dialog = QPrintPreviewDialog(self.printer, self)
        dialog.paintRequested.connect(
            lambda printer: print_pages(printer, self._pages(self.copies.value()), layout)
        )
        dialog.exec()

    def _before_output(self) -> bool:
        """Reissue the code first when asked (a lost badge)."""
        if self.printed_times and self.reissue.isChecked():
            badges_mod.prepare_reprint(
                self.ef, self.clock, self.attendee_id, reissue=True, operator=self.operator
            )
            log.info("badge code reissued before reprint")
            # once: a Retry after a failed print must not reissue again
            self._reissued_pending = True
            self.reissue.setChecked(False)
        return True

    def _record(self, output: str, copies: int) -> None:
        reissued = self._reissued_pending
        self._reissued_pending = False
        reason = str(self.reason.currentData()) if self.printed_times else ""
        a = self.attendee()
        (self.last_record,) = badges_mod.record_prints(
            self.ef, self.clock, [a], self.layout_key(), output, copies=copies, reason=reason,
            operator=self.operator, reissued=reissued,
        )  # fmt: skip
        self.reissue.setChecked(False)
        self.reload()
        self.retranslate()

    def print_badge(self) -> bool:
        """Print (the copies) on this station's printer, follow the job, and log it
        only if it completed (or, with Qt alone, was sent: said on screen)."""
        self.print_button.setEnabled(False)
        self.outcome_panel.setVisible(False)
        self.status.setText(self.tr("Printing… waiting for the printer to finish."))
        try:
            layout = self.current_layout()
            self._before_output()
            configure(self.printer, layout)
            copies = self.copies.value()
            badge = self.badge()
            outcome = send_job(
                self.service, self.printer, layout, lambda: self._pages(copies),
                lambda path: path.write_bytes(badge_pdf(badge, self._style(), layout)),
                printing.job_title([badge.reg_no]), copies, timeout=self.print_timeout,
            )  # fmt: skip
            self.last_outcome = outcome
            if outcome.printed:
                self._record("printer", copies)
        except Exception as exc:
            self.status.clear()
            show_error(self, exc)
            return False
        finally:
            self._show_printer()
        self.retranslate()
        mismatch = outcome.page_mm
        if mismatch and outcome.printed:
            text = self.tr("The printer's page is %1 mm, the badge %2 mm: it was scaled to fit.")
            self.status.setText(
                text.replace("%1", f"{mismatch[0]:.0f}×{mismatch[1]:.0f}")
                .replace("%2", f"{layout.page_w:g}×{layout.page_h:g}")
            )  # fmt: skip
        else:
            self.status.clear()
        return outcome.printed

    def _show_outcome(self, outcome: printing.PrintOutcome) -> None:
        """Green when printed, amber when only sent (cannot be confirmed), red when not."""
        lang = i18n.current_language()
        text = outcome.message(lang)
        if lang == "ko" and not outcome.confirmed:
            text += "\n" + outcome.message("en")  # Korean first, English too
        if outcome.confirmed:
            style = Style.OUTCOME_PRINTED
        elif outcome.printed:
            style = Style.OUTCOME_SENT
        else:
            style = Style.OUTCOME_FAILED
        self.outcome_panel.setStyleSheet(style + Style.OUTCOME_PANEL)
        self.outcome_panel.setText(text)
        self.outcome_panel.setVisible(True)

    def save_file(self) -> bool:
        a = self.attendee()
        path = ask_save_path(
            self, self.tr("Save badge"), f"badge-{a.reg_no}.pdf",
            self.tr("PDF (*.pdf);;PNG image (*.png)"),
        )  # fmt: skip
        if not path:
            return False
        try:
            self._before_output()
            kind = "png" if path.lower().endswith(".png") else "pdf"
            if kind == "pdf" and not path.lower().endswith(".pdf"):
                path += ".pdf"
            data = self.badge()
            blob = (
                badge_png(data, self._style(), self.current_layout())
                if kind == "png"
                else badge_pdf(data, self._style(), self.current_layout())
            )
            Path(path).write_bytes(blob)
            self._record(kind, 1)
        except OSError as exc:
            self.status.setText(self.tr("Could not save the file: %1").replace("%1", str(exc)))
            return False
        except Exception as exc:
            show_error(self, exc)
            return False
        self.status.setText(self.tr("Saved to %1").replace("%1", path))
        return True
