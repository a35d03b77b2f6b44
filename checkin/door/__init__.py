"""The door: badge codes, the scan, and counting who came.

Owns the signed badge code (``codes``), the scan itself, one durable transaction per
scan returning a plain ``ScanResult`` (``engine``), what each outcome means and says in
Korean and English, for the app and the command line alike (``outcomes``), the door
screen's rules of what shows when (``presenter``: holds, double reads, undo; no Qt),
the counts and the organizer's dashboard figures (``stats``, ``dashboard``) and the
demo event (``demo``). May import the shared leaves, ``checkin.db``, ``checkin.event``,
``checkin.people`` and ``checkin.protect``; never ``checkin.ui`` or ``checkin.cli``.
"""
