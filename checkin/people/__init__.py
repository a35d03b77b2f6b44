"""The people: registrations, their fields and finding them.

Owns the attendee records (``attendees``: create, edit, cancel, re-issue), the field
rules every form and import uses (``fields``), the Korean-aware name search and its
index (``search``, ``hangul``), duplicate warnings (``duplicates``) and the organizer's
list query (``attendee_query``). May import the shared leaves (``checkin.errors``,
``clock``, ``ids``, ``hlc``, ``models``), ``checkin.db``, ``checkin.event`` and
``checkin.protect``; never ``checkin.ui`` or ``checkin.cli``.
"""
