""" "Check in the whole group (N)": offered on the result panel when a member is admitted
(or scanned again, already inside, back at the door with the others).

When the person just checked in belongs to a group (a family, a delegation:
``checkin.people.groups``), the green panel also lists the others, each ticked if they
can still come in (already inside or cancelled: shown, not ticked, not tickable). One
key, Enter, checks the ticked ones in together (``CheckinEngine.check_in_group``, one
transaction); untick anyone who is not here first; Esc or the next scan leaves it at
the one person. Only display names are shown (as printed on the badges), never the
group's name. The scan screen's undo then undoes the whole group.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpacerItem,
    QVBoxLayout,
    QWidget,
)

from checkin import errors
from checkin.door.outcomes import Kind
from checkin.models import Action, ScanResult, Status
from checkin.people import groups
from checkin.ui.kiosk.result_panel import look_of
from checkin.ui.session import SCANNED
from checkin.ui.theme import Color, Size
from checkin.ui.widgets import fonts

if TYPE_CHECKING:
    from checkin.ui.kiosk.scan_screen import ScanScreen

OFFER_MS = 20_000  # an offer waits this long for Enter before "scan a badge" comes back
COLUMNS = 3
SHOWN_ROWS = 4  # more members scroll
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
STYLE = (
    f"QFrame#groupOffer {{ background: {Color.WHITE}; border: 3px solid {Color.KIOSK_INK}; border-radius: 12px; }}"
    f" QFrame#groupOffer QLabel, QFrame#groupOffer QCheckBox {{ color: {Color.KIOSK_INK}; }}"
    f" QPushButton#groupConfirm {{ background: {Color.ADMITTED}; color: {Color.WHITE}; border-radius: 10px;"
    f" padding: 10px 22px; }} QPushButton#groupConfirm:disabled {{ background: {Color.SLATE_LIGHT}; }}"
)


class _Members(QScrollArea):
    """The members' check boxes: as tall as up to SHOWN_ROWS of their rows want, shorter
    (down to one row) when the panel has no more room, scrolling then. Measured from
    the boxes as laid out (their style sheet applies only once they are shown)."""

    rows = 1

    def _row(self) -> float:
        host = self.widget()
        return host.sizeHint().height() / max(1, self.rows) if host is not None else 0.0

    def sizeHint(self) -> QSize:
        height = self._row() * min(self.rows, SHOWN_ROWS)
        return QSize(super().sizeHint().width(), int(height) + 2)

    def minimumSizeHint(self) -> QSize:
        return QSize(super().minimumSizeHint().width(), int(self._row()) + 2)


class GroupOffer(QFrame):
    """The offer, then what was done; hidden when there is nothing to offer."""

    confirmed = Signal(list)  # the attendee ids ticked (Enter or the button)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("groupOffer")
        self.setStyleSheet(STYLE)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.offer: groups.GroupOffer | None = None
        self.state = "hidden"  # "offered", "done"
        self.title = QLabel()
        self.title.setObjectName("groupTitle")
        self.title.setFont(fonts.app_font(Size.SUBHEAD, True))
        self.boxes: list[QCheckBox] = []  # the current group's, in order
        self._pool: list[QCheckBox] = []
        self._grid_host = QWidget()
        self._grid_host.setObjectName("groupMembers")
        self._grid = QGridLayout(self._grid_host)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(24)
        self._grid.setVerticalSpacing(4)
        self.scroll = _Members()
        self.scroll.setWidget(self._grid_host)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button = QPushButton()
        self.button.setObjectName("groupConfirm")
        self.button.setFont(fonts.app_font(Size.TITLE, True))
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Enter works from anywhere here
        self.button.clicked.connect(self.confirm)
        # Hidden once the group is in, its room kept: the panel does not jump (nor
        # half-show another row of members).
        policy = self.button.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.button.setSizePolicy(policy)
        self.hint = QLabel()
        self.hint.setObjectName("groupHint")
        self.hint.setFont(fonts.app_font(Size.BODY))
        self.hint.setWordWrap(True)
        # Two rows, so that it fits under the name on a 1366×768 laptop: the title, the
        # hint and the button on one, the members below (scrolling when many; at least
        # one row of them always shows).
        top = QHBoxLayout()
        top.setSpacing(20)
        top.addWidget(self.title, 0, Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.hint, 1, Qt.AlignmentFlag.AlignVCenter)
        top.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 10, 20, 10)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.scroll)
        self.hide()

    def attach(self, panel: QWidget) -> None:
        """Sit in ``panel``'s layout above its bottom lines (before its last stretch)."""
        layout = panel.layout()
        assert isinstance(layout, QVBoxLayout)
        index = layout.count()
        for i in range(layout.count() - 1, -1, -1):
            if isinstance(layout.itemAt(i), QSpacerItem):
                index = i
                break
        layout.insertWidget(index, self)

    # -- what to show -----------------------------------------------------------------

    def show_offer(self, offer: groups.GroupOffer) -> None:
        """Offer the others of ``offer``'s group: the ones who can come in ticked."""
        self.offer, self.state = offer, "offered"
        while len(self._pool) < len(offer.members):  # boxes are kept for the next group
            box = QCheckBox()
            box.setFont(fonts.app_font(Size.OFFER))
            box.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
            box.toggled.connect(self._render)
            i = len(self._pool)
            self._grid.addWidget(box, i // COLUMNS, i % COLUMNS)
            self._pool.append(box)
        self.boxes = self._pool[: len(offer.members)]
        for box in self._pool[len(offer.members) :]:
            box.hide()
        for box, member in zip(self.boxes, offer.members, strict=True):
            box.blockSignals(True)
            box.setChecked(member.state == groups.WAITING)
            box.blockSignals(False)
            box.setEnabled(member.state == groups.WAITING)
            box.setProperty("attendeeId", member.attendee_id)
            box.show()
        self.scroll.rows = -(-len(self.boxes) // COLUMNS)
        self.scroll.updateGeometry()
        self._render()
        self.show()

    def show_done(self, results: list[ScanResult]) -> None:
        """After Enter: who came in with the group (and who could not)."""
        self.state = "done"
        admitted = {r.attendee_id for r in results if r.ok}
        self._done_count = len(admitted)
        for box in self.boxes:
            box.setEnabled(False)
            if box.property("attendeeId") in admitted:
                box.setChecked(True)
        self._render()

    def dismiss(self) -> None:
        self.state = "hidden"
        self.offer = None
        self.hide()

    @property
    def is_open(self) -> bool:
        """Offered and waiting for Enter (or a change of mind)."""
        return self.state == "offered" and self.isVisible()

    def ticked(self) -> list[str]:
        return [
            str(b.property("attendeeId")) for b in self.boxes if b.isEnabled() and b.isChecked()
        ]

    def confirm(self) -> None:
        if self.is_open and self.ticked():
            self.confirmed.emit(self.ticked())

    # -- text -------------------------------------------------------------------------

    def _render(self) -> None:
        offer = self.offer
        if offer is None:
            return
        for box, member in zip(self.boxes, offer.members, strict=True):
            text = member.display_name
            if member.state == groups.INSIDE and self.state == "offered":
                text += "  " + self.tr("(already in)")
            elif member.state == groups.CANCELLED_STATE:
                text += "  " + self.tr("(cancelled)")
            box.setText(text)
        ticked = len(self.ticked())
        if self.state == "done":
            self.title.setText(self.tr("Checked in with the group: %1").replace("%1", str(
                self._done_count)))  # fmt: skip
            self.button.hide()
            self.hint.setText(self.tr("Undo (Ctrl+Z) takes the whole group back."))
            return
        self.title.setText(self.tr("In a group of %1").replace("%1", str(offer.size)))
        waiting = len(offer.waiting)
        label = (
            self.tr("Check in the whole group (%1) — Enter")
            if ticked == waiting
            else self.tr("Check in the ticked (%1) — Enter")
        )
        self.button.setText(label.replace("%1", str(ticked)))
        self.button.setEnabled(ticked > 0)
        self.button.setVisible(waiting > 0)
        self.hint.setText(
            self.tr("Untick anyone who is not here. Esc: only this person.")
            if waiting
            else self.tr("Everyone else in the group is already in.")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._render()
        super().changeEvent(event)

    # -- keys -------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _ENTER_KEYS and self.is_open:
            self.confirm()
            event.accept()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """On the scan screen: a lone Enter (the scanner's come with a code and are taken
        before this) confirms the offer."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _ENTER_KEYS
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and self.is_open
        ):
            self.confirm()
            return True
        return False


class GroupCheckins(QObject):
    """The scan screen's group check-ins: the offer after an admission, Enter, and what
    the screen's undo then takes back (``last``: the person scanned and the others)."""

    def __init__(self, screen: ScanScreen) -> None:
        super().__init__(screen)
        self.screen = screen
        self.widget = GroupOffer()
        self.widget.attach(screen.result_panel)
        self.widget.confirmed.connect(self.check_in)
        screen.installEventFilter(self.widget)  # a lone Enter on the screen confirms
        screen.result_panel.installEventFilter(self)  # resized: fit the offer again
        screen.result_panel.rendered.connect(self._refit_soon)  # another language: too
        self.last: list[ScanResult] = []  # the last group admitted here, trigger first
        self._trigger: ScanResult | None = None  # the admission the open offer follows
        self._made_room: list[QWidget] = []  # panel lines hidden while the offer is up

    def dismiss(self) -> None:
        self.widget.dismiss()
        self._give_room_back()

    def _give_room_back(self) -> None:
        for label in self._made_room:  # the panel's own lines back
            label.show()
        self._made_room = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Resized (the window): fit again once the panel has set its fonts for the new
        # size (its own resizeEvent runs after this filter).
        if event.type() == QEvent.Type.Resize:
            self._refit_soon()
        return False

    def _refit_soon(self) -> None:
        if self.widget.is_open:
            QTimer.singleShot(0, self, self._refit)

    def _refit(self) -> None:
        if self.widget.is_open:
            self._give_room_back()
            self.fit()

    def fit(self) -> None:
        """With the panel on screen: on a short screen (an "already in" panel with its
        time and door, 768 px high) leave out the panel's least needed lines while the
        offer is up, the other language's first, until everything fits (``dismiss``
        brings them back)."""
        if not self.widget.is_open:
            return
        panel = self.screen.result_panel
        room = self.screen.stack.size()
        if panel.size() != room:  # shown for the first time: its fonts follow its size
            panel.resize(room)
        layout = panel.layout()
        for label in (panel.action_other, panel.detail_other, panel.headline_other,
                      panel.action):  # fmt: skip
            for nested in panel.findChildren(QLayout):  # what was just hidden no longer
                nested.invalidate()  # counts (nested layouts keep their own sizes)
            layout.invalidate()
            if layout.minimumSize().height() <= panel.height():
                return
            if label.isVisibleTo(panel):
                label.hide()
                self._made_room.append(label)

    def hold_ms(self, default_ms: int) -> int:
        """How long the result stays up: longer while an offer waits for Enter."""
        return OFFER_MS if self.widget.is_open else default_ms

    def offer_after(self, result: ScanResult) -> None:
        """Offer the rest of the group of the person just admitted, or of one already
        inside who comes back to the door with the others (staffed entrances)."""
        screen = self.screen
        a = result.attendee
        admitted = result.ok and result.checkin is not None
        if (
            a is None or not a.group_key or not (admitted or result.status is Status.ALREADY_IN)
            or result.action != Action.ENTRY or screen.self_service or screen.check_only
        ):  # fmt: skip
            return
        offer = groups.offer_in(screen.session.ef, a.id, a.group_key, result.list)
        if offer is not None and offer.waiting:
            self._trigger = result if admitted else None
            self.widget.show_offer(offer)

    def check_in(self, attendee_ids: list[str]) -> list[ScanResult]:
        """Enter on the offer: the ticked members in together (one transaction)."""
        screen = self.screen
        offer = self.widget.offer
        if offer is None:
            return []
        # The person scanned, when this scan admitted them (undone with the group); one
        # already inside before stays in when the group's check-in is undone.
        trigger = self._trigger if self._trigger is screen.presenter.last_ok else None
        try:
            results = screen.session.engine.check_in_group(
                attendee_ids, list=offer.list_id, operator=screen.session.operator
            )
        except errors.CheckinError as exc:
            screen._show_error(exc)
            return []
        except Exception as exc:
            screen._unexpected(exc)
            return []
        admitted = [r for r in results if r.ok and r.checkin is not None]
        screen.session.changed(SCANNED)  # written here: the others count again
        screen.counters.apply_many(admitted)
        names = [r.attendee.display_name if r.attendee else "" for r in admitted]
        screen.recent.add_many(Kind.OK, screen.session.clock.now_ms(), names)
        if admitted:
            if trigger is None:  # the undo takes back the ones admitted here, not more
                screen.presenter.last_ok = admitted[0]
            self.last = [trigger or admitted[0], *admitted[trigger is None :]]
        screen._update_undo_button()
        self.widget.show_done(results)
        screen.sounds.play(look_of(Kind.OK).sound)
        screen._return_timer.start(screen.result_seconds * 1000)
        screen.result_shown.emit(str(Kind.OK))
        return results
