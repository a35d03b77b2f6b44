"""The event file's dialogs: choosing, creating, the station, re-keying, closing.

Owns the start dialog and event opener, creating an event, naming the station,
changing the passphrase and closing the event; each calls ``checkin.event.files``.
May import ``checkin.ui.widgets``, the application's ``checkin.ui`` modules and the
core; never ``checkin.cli`` or ``checkin.db`` directly.
"""
