"""Importing pre-registration lists: CSV and Excel files as organizers have them.

Callers use the names gathered in ``checkin.lists.importer``; the work is done here,
one module per stage, each calling only the stages before it:

- ``table``: what reading produces (``Table``), the size limits, column letters;
- ``read``: the kind of file, its encoding and delimiter, the CSV cells
  (``read_table``); ``read_xlsx``: Excel workbooks, merged cells filled in;
- ``aliases``: the fields a column can map to and the Korean and English words that
  name them, in headers and in values;
- ``columns``: the header row and the column -> field mapping (``detect_mapping``),
  with the organizer's corrections (``MappingOptions``);
- ``model``: what a plan is (``ImportPlan``, ``RowIssue``);
- ``plan``: every row read and validated (``plan_import``), consent columns included;
  ``match``: duplicates within the file and matches with the event's attendees;
- ``apply``: the plan written in one transaction, all or nothing (``apply_plan``).

Names with a leading underscore are shared between these modules only. Like the rest of
``checkin.lists`` it imports the leaves, ``checkin.db``, ``checkin.event``,
``checkin.people`` and ``checkin.protect``; nothing personal is logged.
"""
