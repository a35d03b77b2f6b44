"""Importing pre-registration lists, one module per stage (callers use ``checkin.lists.importer``)."""
