"""Scanning badges with the laptop's camera.

Live preview with QtMultimedia (QCamera -> QMediaCaptureSession -> QVideoWidget); every
frame the video sink delivers is offered to a decoder that runs zxing-cpp on its own
thread. While the decoder is busy new frames are dropped (the preview never waits),
and decoding is capped at a few frames a second to leave the CPU to the kiosk.

A code is reported once when it comes into view; it is not reported again while it
stays in view (seen in the last ``FORGET_MS``), so a badge held in front of the camera
checks in once. No camera, or a camera that fails, is a calm message on the screen.

``feed(frame)`` takes a QVideoFrame or QImage through the same path as the camera:
tests and the benchmark use it with rendered QR codes.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QStackedLayout, QVBoxLayout, QWidget

from checkin.ui.theme import Size
from checkin.ui.widgets import fonts

log = logging.getLogger(__name__)

FORGET_MS = 1500  # a code unseen this long has left the view
MIN_INTERVAL_MS = 100  # at most ~10 decodes a second
MAX_DECODE_WIDTH = 1280


def decode_image(image: QImage) -> list[str]:
    """QR codes in an image (any format), as text. Runs on the decoder thread."""
    import zxingcpp

    if image.isNull():
        return []
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    if gray.width() > MAX_DECODE_WIDTH:
        gray = gray.scaledToWidth(MAX_DECODE_WIDTH, Qt.TransformationMode.SmoothTransformation)
    found = zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormat.QRCode)
    return [b.text for b in found if b.valid and b.text]


class FrameDecoder(QObject):
    """Lives on the decoder thread: frame in, texts out."""

    decoded = Signal(list, int)

    @Slot(object, int)
    def decode(self, frame: object, serial: int) -> None:
        texts: list[str] = []
        try:
            image = frame if isinstance(frame, QImage) else frame.toImage()  # type: ignore[attr-defined]
            texts = decode_image(image)
        except Exception:
            log.warning("could not decode a camera frame", exc_info=True)
        self.decoded.emit(texts, serial)


class CameraScanner(QWidget):
    """Camera preview and QR decoding; emits ``code_seen`` once per badge in view."""

    code_seen = Signal(str)
    state_changed = Signal(str)  # off, starting, on, none, error
    _request = Signal(object, int)

    def __init__(
        self, parent: QWidget | None = None, time_source: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(parent)
        self._now = time_source
        self.min_interval_ms = MIN_INTERVAL_MS
        self.camera_id: bytes | None = None
        self._camera = None
        self._session = None
        self._video = None
        self._thread: QThread | None = None
        self._decoder: FrameDecoder | None = None
        self._busy = False
        self._serial = 0
        self._last_sent = -1e9
        self._in_view: dict[str, float] = {}
        self._state = "off"
        self._error = ""
        self.decoded_frames = 0

        self._message = QLabel(self)
        self._message.setObjectName("cameraMessage")
        self._message.setWordWrap(True)
        self._message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._message.setFont(fonts.app_font(Size.CAPTION))
        self._stack = QStackedLayout()
        self._stack.addWidget(self._message)
        self.setMaximumHeight(110)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self._stack)
        self.retranslate()

    # -- state --------------------------------------------------------------------

    @property
    def state(self) -> str:
        return self._state

    def _set_state(self, state: str) -> None:
        self._state = state
        # Off: a short line of text; on: as much room as the preview can get.
        self.setMaximumHeight(16_777_215 if state in ("on", "starting") else 110)
        self.retranslate()
        self.state_changed.emit(state)

    def retranslate(self) -> None:
        texts = {
            "off": self.tr("Camera is off."),
            "starting": self.tr("Starting the camera…"),
            "on": "",
            "none": self.tr(
                "No camera found. Use the badge scanner or search by name; nothing else is needed."
            ),
            "error": self.tr(
                "The camera is not available right now. Use the badge scanner or search by name."
            ),
            "denied": self.tr(
                "This computer does not allow the app to use the camera. "
                "Use the badge scanner or search by name."
            ),
        }
        self._message.setText(texts.get(self._state, ""))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- camera -------------------------------------------------------------------

    @staticmethod
    def available_cameras() -> list[tuple[bytes, str]]:
        """(id, description) of each camera; empty when there is none."""
        try:
            from PySide6.QtMultimedia import QMediaDevices

            return [(bytes(d.id().data()), d.description()) for d in QMediaDevices.videoInputs()]
        except Exception:
            log.warning("cannot list cameras", exc_info=True)
            return []

    def start(self) -> bool:
        """Start the preview and decoding; False (with a calm message) when impossible."""
        if self._camera is not None:
            return True
        try:
            from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QMediaDevices
            from PySide6.QtMultimediaWidgets import QVideoWidget
        except Exception:
            log.warning("QtMultimedia unavailable", exc_info=True)
            self._set_state("error")
            return False
        if not self._permission_granted():
            self._set_state("denied")
            return False
        devices = QMediaDevices.videoInputs()
        if not devices:
            log.info("no camera on this computer")
            self._set_state("none")
            return False
        device = next(
            (d for d in devices if self.camera_id and bytes(d.id().data()) == self.camera_id),
            QMediaDevices.defaultVideoInput(),
        )
        self._set_state("starting")
        if self._video is None:
            self._video = QVideoWidget(self)
            self._video.setObjectName("cameraPreview")
            self._stack.addWidget(self._video)
        self._camera = QCamera(device)
        self._camera.errorOccurred.connect(self._on_camera_error)
        self._camera.activeChanged.connect(self._on_active)
        self._session = QMediaCaptureSession()
        self._session.setCamera(self._camera)
        self._session.setVideoOutput(self._video)
        self._video.videoSink().videoFrameChanged.connect(self._on_frame)
        self._camera.start()
        return True

    def stop(self) -> None:
        if self._camera is not None:
            try:
                self._camera.stop()
            except Exception:
                log.debug("camera stop failed", exc_info=True)
            self._camera.deleteLater()
            self._camera = None
            self._session = None
        self._stack.setCurrentWidget(self._message)
        self._in_view.clear()
        if self._state in ("on", "starting"):
            self._set_state("off")

    def _permission_granted(self) -> bool:
        try:
            from PySide6.QtCore import QCameraPermission
            from PySide6.QtWidgets import QApplication

            app = QApplication.instance()
            status = app.checkPermission(QCameraPermission())  # type: ignore[union-attr]
            if status == Qt.PermissionStatus.Undetermined:
                app.requestPermission(QCameraPermission(), self, lambda _p: self._retry())  # type: ignore[union-attr]
                return False
            return status == Qt.PermissionStatus.Granted
        except Exception:  # platforms without permission handling
            return True

    def _retry(self) -> None:
        self.stop()
        QTimer.singleShot(0, self.start)

    def _on_active(self, active: bool) -> None:
        if active:
            self._stack.setCurrentWidget(self._video)
            self._set_state("on")

    def _on_camera_error(self, error: object, text: str) -> None:
        log.warning("camera error: %s", text)
        self.stop()
        self._set_state("error")

    # -- frames -------------------------------------------------------------------

    def feed(self, frame: object) -> bool:
        """Offer one frame (QVideoFrame or QImage) to the decoder; False if dropped."""
        return self._on_frame(frame)

    def _ensure_decoder(self) -> None:
        if self._thread is not None:
            return
        self._thread = QThread()
        self._thread.setObjectName("qr-decoder")
        self._decoder = FrameDecoder()
        self._decoder.moveToThread(self._thread)
        self._request.connect(self._decoder.decode)
        self._decoder.decoded.connect(self._on_decoded)
        self._thread.finished.connect(self._decoder.deleteLater)
        self._thread.start()

    def _on_frame(self, frame: object) -> bool:
        now = self._now() * 1000
        if self._busy or now - self._last_sent < self.min_interval_ms:
            return False
        if not isinstance(frame, QImage) and not frame.isValid():  # type: ignore[attr-defined]
            return False
        self._ensure_decoder()
        self._busy = True
        self._last_sent = now
        self._serial += 1
        self._request.emit(frame, self._serial)
        return True

    @Slot(list, int)
    def _on_decoded(self, texts: list[str], serial: int) -> None:
        self._busy = False
        self.decoded_frames += 1
        now = self._now() * 1000
        for text in texts:
            if text not in self._in_view:
                self.code_seen.emit(text)
            self._in_view[text] = now
        for text, seen in list(self._in_view.items()):
            if now - seen > FORGET_MS:
                del self._in_view[text]

    def shutdown(self) -> None:
        """Stop the camera and the decoder thread (before the widget goes away)."""
        self.stop()
        if self._thread is not None:
            self._thread.quit()
            self._thread.wait(3000)
            self._thread = None
            self._decoder = None
            self._busy = False
