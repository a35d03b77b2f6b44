"""The kiosk: the scan screen and everything on it.

Owns the scan screen, the scanner's key input and the camera, the result, ready and
recent-scan panels, the counters, the name search panel, the kiosk lock, sounds, the
self-test screen and the station settings dialog. May import ``checkin.ui.widgets``,
the application's ``checkin.ui`` modules (session, worker, i18n) and the core; never
``checkin.cli`` or ``checkin.db`` directly.
"""
