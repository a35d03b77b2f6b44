"""The event: its identity, its settings, and its file's life.

Owns creating an event and reading who it is (``identity``: event id, keys, this
station), the event's settings (``settings``), re-encrypting its file under a new
passphrase (``rekey``) and the one service the GUI and the command line both use to
open, create, re-key and close an event file (``files``).
May import the shared leaves and ``checkin.db``; never ``checkin.ui`` or ``checkin.cli``.
"""
