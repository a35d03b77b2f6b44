"""The door: badge codes, the scan, and counting who came.

Owns the signed badge code (``codes``), the scan itself, one durable transaction per
scan returning a plain ``ScanResult`` (``engine``), the counts and the organizer's
dashboard figures (``stats``, ``dashboard``), the command line's outcome texts
(``messages``) and the demo event (``demo``). May import the shared leaves,
``checkin.db``, ``checkin.event``, ``checkin.people`` and ``checkin.protect``; never
``checkin.ui`` or ``checkin.cli``.
"""
