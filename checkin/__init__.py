"""checkin: offline event check-in for North Korean Defectors' Day.

The package is split in three layers (see CONVENTIONS.md): ``checkin`` (the core:
domain, badge codes, engine, import/export, sync), ``checkin.db`` (the event file) and
``checkin.ui`` (everything Qt). Nothing outside ``checkin.ui`` imports PySide6.
"""

__version__ = "0.1.0"
