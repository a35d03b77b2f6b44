"""Camera scanning: real QR images through the real decoder path (zxing-cpp)."""

from __future__ import annotations

import io

import qrcode
from kiosk_helpers import by_name, checkins, code_of
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtMultimedia import QVideoFrame

from checkin.ui.kiosk import camera_scanner
from checkin.ui.kiosk.camera_scanner import CameraScanner


def qr_frame(text: str, width: int = 1280, height: int = 720, box: int = 4) -> QImage:
    """A camera-sized frame with the badge's QR code somewhere off centre."""
    png = io.BytesIO()
    qrcode.make(text, box_size=box, border=4).save(png)
    code = QImage.fromData(png.getvalue())
    frame = QImage(width, height, QImage.Format.Format_RGB32)
    frame.fill(QColor("#8a8a80"))  # a grey room
    painter = QPainter(frame)
    painter.drawImage(QPoint(width // 3, height // 5), code)
    painter.end()
    return frame


def empty_frame() -> QImage:
    frame = QImage(1280, 720, QImage.Format.Format_RGB32)
    frame.fill(QColor("#8a8a80"))
    return frame


def feed(qtbot, scanner: CameraScanner, image) -> None:
    """Offer one frame and wait until the decoder thread has answered."""
    before = scanner.decoded_frames
    assert scanner.feed(image)
    qtbot.waitUntil(lambda: scanner.decoded_frames == before + 1, timeout=5000)


def test_decoder_reads_a_rendered_badge_qr(ef, people) -> None:
    code = code_of(ef, people[0])
    assert camera_scanner.decode_image(qr_frame(code)) == [code]
    assert camera_scanner.decode_image(empty_frame()) == []


def test_camera_frames_check_in_through_the_scan_screen(qtbot, screen, ef, people) -> None:
    person = by_name(people, "김민수")
    screen.camera.min_interval_ms = 0
    feed(qtbot, screen.camera, QVideoFrame(qr_frame(code_of(ef, person))))
    qtbot.waitUntil(lambda: bool(checkins(ef)), timeout=3000)
    assert screen.result_panel.kind == "ok"
    assert screen.result_panel.name.text() == "김민수"
    assert checkins(ef, person.id) == [(person.id, "entry", "camera", "main")]


def test_a_badge_in_view_is_scanned_once(qtbot, ef, people) -> None:
    scanner = CameraScanner()
    qtbot.addWidget(scanner)
    scanner.min_interval_ms = 0
    seen = []
    scanner.code_seen.connect(seen.append)
    code = code_of(ef, people[1])
    try:
        for _ in range(4):  # held in front of the camera for several frames
            feed(qtbot, scanner, qr_frame(code))
        assert seen == [code]
        other = code_of(ef, people[2])
        feed(qtbot, scanner, qr_frame(other))  # the next person
        assert seen == [code, other]
    finally:
        scanner.shutdown()


def test_a_badge_that_left_the_view_scans_again(qtbot, ef, people) -> None:
    now = [1000.0]
    scanner = CameraScanner(time_source=lambda: now[0])
    qtbot.addWidget(scanner)
    scanner.min_interval_ms = 0
    seen = []
    scanner.code_seen.connect(seen.append)
    code = code_of(ef, people[0])
    try:
        feed(qtbot, scanner, qr_frame(code))
        now[0] += 0.5
        feed(qtbot, scanner, empty_frame())  # a missed frame: still "in view"
        now[0] += 0.5
        feed(qtbot, scanner, qr_frame(code))
        assert seen == [code]
        now[0] += (camera_scanner.FORGET_MS + 200) / 1000
        feed(qtbot, scanner, empty_frame())  # gone for a while
        now[0] += 0.1
        feed(qtbot, scanner, qr_frame(code))  # shown again: a new scan
        assert seen == [code, code]
    finally:
        scanner.shutdown()


def test_frames_are_dropped_while_the_decoder_is_busy(qtbot, ef, people) -> None:
    scanner = CameraScanner()
    qtbot.addWidget(scanner)
    scanner.min_interval_ms = 0
    try:
        frame = qr_frame(code_of(ef, people[0]))
        assert scanner.feed(frame)
        assert not scanner.feed(frame)  # the first one is still being decoded
        qtbot.waitUntil(lambda: scanner.decoded_frames == 1, timeout=5000)
        assert scanner.feed(frame)
        qtbot.waitUntil(lambda: scanner.decoded_frames == 2, timeout=5000)
    finally:
        scanner.shutdown()


def test_decoding_is_rate_limited(qtbot, ef, people) -> None:
    now = [10.0]
    scanner = CameraScanner(time_source=lambda: now[0])
    qtbot.addWidget(scanner)
    try:
        frame = qr_frame(code_of(ef, people[0]))
        feed(qtbot, scanner, frame)
        assert not scanner.feed(frame)  # too soon after the last one
        now[0] += camera_scanner.MIN_INTERVAL_MS / 1000
        feed(qtbot, scanner, frame)
    finally:
        scanner.shutdown()


def test_no_camera_is_a_calm_message(qtbot, screen) -> None:
    # The test machine has no camera, like many kiosks.
    if CameraScanner.available_cameras():
        return
    screen.camera_button.click()
    assert screen.camera.state == "none"
    assert not screen.camera_button.isChecked()
    message = screen.camera.findChild(type(screen.ready.headline), "cameraMessage")
    assert "scanner" in message.text()
    assert screen.camera_button.text() == "Camera (F4)"


def test_camera_key_toggles(qtbot, screen) -> None:
    if CameraScanner.available_cameras():
        return
    qtbot.keyClick(screen, Qt.Key.Key_F4)
    assert screen.camera.state == "none"
