"""Shared parts every screen uses: fonts, icons, bilingual labels, error and PIN dialogs.

May import ``checkin.ui.i18n`` and the core; never a screen package (kiosk, desk,
console, dialogs), ``checkin.cli`` or ``checkin.db``.
"""
