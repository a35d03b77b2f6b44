"""The event file: opening, schema and migrations, log stamps."""
