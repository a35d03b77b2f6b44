"""Icons drawn with QPainter: crisp at any size, no image files, no emoji font needed.

``icon_pixmap(name, size, color)`` returns a transparent pixmap. Names: ``check``,
``cross``, ``warning``, ``repeat``, ``ban``, ``no_photo``, ``undo``, ``info``,
``scan``, ``lock``, ``search``, ``camera``, ``sync``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap

from checkin.ui.theme import Color

Painter = Callable[[QPainter, float], None]
_cache: dict[tuple[str, int, str, float], QPixmap] = {}


def _pen(p: QPainter, color: QColor, width: float) -> None:
    pen = QPen(color, width)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)


def _check(p: QPainter, s: float) -> None:
    path = QPainterPath(QPointF(0.2 * s, 0.53 * s))
    path.lineTo(0.42 * s, 0.74 * s)
    path.lineTo(0.8 * s, 0.28 * s)
    p.drawPath(path)


def _cross(p: QPainter, s: float) -> None:
    p.drawLine(QPointF(0.27 * s, 0.27 * s), QPointF(0.73 * s, 0.73 * s))
    p.drawLine(QPointF(0.73 * s, 0.27 * s), QPointF(0.27 * s, 0.73 * s))


def _circle(p: QPainter, s: float) -> None:
    w = p.pen().widthF()
    p.drawEllipse(QRectF(w / 2 + 0.02 * s, w / 2 + 0.02 * s, s - w - 0.04 * s, s - w - 0.04 * s))


def _warning(p: QPainter, s: float) -> None:
    path = QPainterPath(QPointF(0.5 * s, 0.1 * s))
    path.lineTo(0.94 * s, 0.88 * s)
    path.lineTo(0.06 * s, 0.88 * s)
    path.closeSubpath()
    p.drawPath(path)
    p.drawLine(QPointF(0.5 * s, 0.38 * s), QPointF(0.5 * s, 0.6 * s))
    p.drawPoint(QPointF(0.5 * s, 0.74 * s))


def _repeat(p: QPainter, s: float) -> None:
    # A clock face: "already happened, earlier".
    _circle(p, s)
    p.drawLine(QPointF(0.5 * s, 0.5 * s), QPointF(0.5 * s, 0.24 * s))
    p.drawLine(QPointF(0.5 * s, 0.5 * s), QPointF(0.7 * s, 0.6 * s))


def _ban(p: QPainter, s: float) -> None:
    _circle(p, s)
    p.drawLine(QPointF(0.22 * s, 0.22 * s), QPointF(0.78 * s, 0.78 * s))


def _camera_body(p: QPainter, s: float) -> None:
    body = QRectF(0.1 * s, 0.3 * s, 0.8 * s, 0.52 * s)
    p.drawRoundedRect(body, 0.08 * s, 0.08 * s)
    p.drawLine(QPointF(0.34 * s, 0.3 * s), QPointF(0.4 * s, 0.2 * s))
    p.drawLine(QPointF(0.4 * s, 0.2 * s), QPointF(0.6 * s, 0.2 * s))
    p.drawLine(QPointF(0.6 * s, 0.2 * s), QPointF(0.66 * s, 0.3 * s))
    p.drawEllipse(QPointF(0.5 * s, 0.56 * s), 0.15 * s, 0.15 * s)


def _no_photo(p: QPainter, s: float) -> None:
    _camera_body(p, s)
    p.drawLine(QPointF(0.08 * s, 0.08 * s), QPointF(0.92 * s, 0.92 * s))


def _undo(p: QPainter, s: float) -> None:
    path = QPainterPath(QPointF(0.25 * s, 0.42 * s))
    path.cubicTo(0.4 * s, 0.22 * s, 0.85 * s, 0.25 * s, 0.82 * s, 0.6 * s)
    path.cubicTo(0.8 * s, 0.78 * s, 0.6 * s, 0.84 * s, 0.45 * s, 0.82 * s)
    p.drawPath(path)
    p.drawLine(QPointF(0.25 * s, 0.42 * s), QPointF(0.24 * s, 0.2 * s))
    p.drawLine(QPointF(0.25 * s, 0.42 * s), QPointF(0.46 * s, 0.44 * s))


def _info(p: QPainter, s: float) -> None:
    _circle(p, s)
    p.drawLine(QPointF(0.5 * s, 0.45 * s), QPointF(0.5 * s, 0.72 * s))
    p.drawPoint(QPointF(0.5 * s, 0.3 * s))


def _scan(p: QPainter, s: float) -> None:
    # Corners of a viewfinder around a QR-like block.
    for x, y, dx, dy in (
        (0.1, 0.1, 1, 1),
        (0.9, 0.1, -1, 1),
        (0.1, 0.9, 1, -1),
        (0.9, 0.9, -1, -1),
    ):
        p.drawLine(QPointF(x * s, y * s), QPointF((x + dx * 0.2) * s, y * s))
        p.drawLine(QPointF(x * s, y * s), QPointF(x * s, (y + dy * 0.2) * s))
    p.save()
    p.setBrush(p.pen().color())
    p.setPen(Qt.PenStyle.NoPen)
    cell = 0.1 * s
    for cx, cy in ((3, 3), (4, 3), (6, 3), (3, 4), (5, 4), (6, 5), (3, 6), (4, 6), (5, 6), (6, 6)):
        p.drawRect(QRectF(cx * cell, cy * cell, cell, cell))
    p.restore()


def _lock(p: QPainter, s: float) -> None:
    p.drawRoundedRect(QRectF(0.2 * s, 0.45 * s, 0.6 * s, 0.45 * s), 0.06 * s, 0.06 * s)
    path = QPainterPath(QPointF(0.32 * s, 0.45 * s))
    path.lineTo(0.32 * s, 0.32 * s)
    path.arcTo(QRectF(0.32 * s, 0.12 * s, 0.36 * s, 0.4 * s), 180, -180)
    path.lineTo(0.68 * s, 0.45 * s)
    p.drawPath(path)


def _search(p: QPainter, s: float) -> None:
    p.drawEllipse(QRectF(0.14 * s, 0.14 * s, 0.5 * s, 0.5 * s))
    p.drawLine(QPointF(0.57 * s, 0.57 * s), QPointF(0.86 * s, 0.86 * s))


def _sync(p: QPainter, s: float) -> None:
    p.drawArc(QRectF(0.16 * s, 0.16 * s, 0.68 * s, 0.68 * s), 30 * 16, 150 * 16)
    p.drawArc(QRectF(0.16 * s, 0.16 * s, 0.68 * s, 0.68 * s), 210 * 16, 150 * 16)
    p.drawLine(QPointF(0.8 * s, 0.2 * s), QPointF(0.8 * s, 0.38 * s))
    p.drawLine(QPointF(0.2 * s, 0.8 * s), QPointF(0.2 * s, 0.62 * s))


PAINTERS: dict[str, Painter] = {
    "check": _check,
    "cross": _cross,
    "warning": _warning,
    "repeat": _repeat,
    "ban": _ban,
    "no_photo": _no_photo,
    "camera": _camera_body,
    "undo": _undo,
    "info": _info,
    "scan": _scan,
    "lock": _lock,
    "search": _search,
    "sync": _sync,
}


def icon_pixmap(name: str, size: int, color: str = Color.WHITE, ratio: float = 1.0) -> QPixmap:
    key = (name, size, color, ratio)
    cached = _cache.get(key)
    if cached is not None:
        return cached
    pixels = max(1, round(size * ratio))
    pixmap = QPixmap(pixels, pixels)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    _pen(painter, QColor(color), max(1.5, pixels * 0.09))
    PAINTERS[name](painter, float(pixels))
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    _cache[key] = pixmap
    return pixmap


def icon(name: str, color: str = Color.INK, size: int = 48) -> QIcon:
    return QIcon(icon_pixmap(name, size, color))
