"""The registration desk: walk-ins, one person's details, printing a badge.

Owns the walk-in dialog, the attendee form, the detail dialog and the badge print
dialog with its Qt printer. May import ``checkin.ui.widgets``, the application's
``checkin.ui`` modules and the core; never ``checkin.cli`` or ``checkin.db`` directly.
"""
