"""The organizer's console: the pages and tools behind the organizer PIN.

Owns the attendee list, the dashboard, the audit log, bulk badges, import, export and
the paper list, the consent wording, double entries and the sync status and settings.
May import ``checkin.ui.widgets``, ``checkin.ui.desk`` (to open one person), the
application's ``checkin.ui`` modules and the core; never ``checkin.cli`` or
``checkin.db`` directly.
"""
