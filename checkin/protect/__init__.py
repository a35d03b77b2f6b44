"""Protecting attendees: who may see what, PINs, the audit log, consent, closing.

Owns station roles and redaction (``access``), the organizer PIN and its lockout
(``pin``), the append-only audit log of searches, views and edits (``audit``), the
consent items and their versions (``consent``), masks for staff below organizer
(``masking``), closing an event and deleting by date (``retention``: final report,
then wiping personal data) and the lost-station incident sheet (``incident``). May import the shared leaves,
``checkin.db``, ``checkin.event`` and, for the final report only, ``checkin.lists``;
never ``checkin.ui`` or ``checkin.cli``.
"""
