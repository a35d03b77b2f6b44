"""Lists: files in and out - import, export, reports and the paper door list.

Owns reading spreadsheets and CSV (``xlsx_reader``; ``importer``, whose stages -
reading, column mapping, planning, applying - are the modules of ``importing``),
writing them (``exporter``), the PDF machinery shared by every printed list
(``pdfdoc``), the event report (``report``), small-count suppression for every figure
that leaves the app (``suppression``) and the paper door list with its ticks
(``paper``). May import the shared leaves, ``checkin.db``, ``checkin.event``,
``checkin.people``, ``checkin.door`` and ``checkin.protect``; never ``checkin.ui`` or
``checkin.cli``.
"""
