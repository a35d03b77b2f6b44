"""checkin: offline event check-in for North Korean Defectors' Day.

The package is split in layers (docs/ARCHITECTURE.md; enforced by the import contracts
in pyproject.toml): ``checkin.ui`` (everything Qt) and ``checkin.cli`` on top; the core
in capability packages (``people``, ``door``, ``badges``, ``lists``, ``protect``,
``event``, ``sync``); ``checkin.db`` (the event file); and shared leaves (``errors``,
``clock``, ``ids``, ``hlc``, ``models``, ``paths``, ``logs``, ``assets``). Nothing outside
``checkin.ui`` imports PySide6.
"""

__version__ = "0.1.0"
