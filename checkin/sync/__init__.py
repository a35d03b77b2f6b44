"""Sync between stations: bundles (USB, shared folder), a PostgreSQL hub, provisioning.

Every station writes to its own event file and works offline. The append-only logs in
``checkin.db.schema.SYNCED_LOGS`` are merged by union (keyed by (station, sequence));
attendee records, settings and attendance are derived from them, so every station that
has the same rows has the same state.

- ``state``: identity (copy detection), version vector, keys, local sync state
- ``keys``: which key each role holds and the view of the rows it opens (full, door, bare)
- ``merge``: merging staged rows and rebuilding derived state (hooks per log)
- ``bundle``: writing (``bundle_export``) and importing bundle files (``bundle_file``: the format)
- ``folder``: a shared folder of bundles
- ``hub``: a PostgreSQL hub; ``hub_rows``: its rows sealed, signed and checked;
  ``hub_diagnose``: what is wrong with a connection; ``hub_setup``: the SQL that sets one up
- ``rounds``: one round as the station is set up (folder, then hub), for the app's
  background sync and ``checkin sync now``
- ``provision``: station packages, retiring stations
- ``copies``: untangling a file copied by hand
- ``report``: double entries after a merge
- ``status``: the sync status and this station's sync setup
- ``dump``: a canonical dump of what sync makes equal
"""
