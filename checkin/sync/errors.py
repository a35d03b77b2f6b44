"""Errors of sync a person can act on (Korean and English). Nothing personal in them.

Their words are in ``checkin.sync.texts``; each error passes its text and the values
that fill it (which also go into its JSON form)."""

from __future__ import annotations

from checkin.errors import CheckinError
from checkin.sync.texts import SyncTexts as T

NOTHING_CHANGED_EN, NOTHING_CHANGED_KO = T.nothing_changed.pair()


class BundleRejected(CheckinError):
    """A bundle that cannot be imported; the event file was left as it was."""

    code = "bundle_rejected"


class BundleDamaged(BundleRejected):
    code = "bundle_damaged"

    def __init__(self, path: str, detail: str = "") -> None:
        super().__init__(T.bundle_damaged, path=path, detail=detail)


class BundleMalformed(BundleRejected):
    """Readable, but not shaped as a bundle is (hand-made or written by something else)."""

    code = "bundle_malformed"

    def __init__(self, path: str, detail: str = "") -> None:
        super().__init__(T.bundle_malformed, path=path, detail=detail)


class BundleTooLarge(BundleRejected):
    """Over a size limit (file, manifest, rows, a field, a name): refused before reading."""

    code = "bundle_too_large"

    def __init__(self, path: str, detail: str = "") -> None:
        super().__init__(T.bundle_too_large, path=path, detail=detail)


class BundleNotEncrypted(BundleRejected):
    code = "bundle_not_encrypted"

    def __init__(self, path: str) -> None:
        super().__init__(T.bundle_not_encrypted, path=path)


class NotABundle(BundleRejected):
    code = "not_a_bundle"

    def __init__(self, path: str) -> None:
        super().__init__(T.not_a_bundle, path=path)


class BundleKeyMismatch(BundleRejected):
    code = "bundle_key_mismatch"

    def __init__(self, path: str, door: bool = False) -> None:
        # a door kiosk holds only the door (or bare) key
        super().__init__(T.bundle_key_mismatch_door if door else T.bundle_key_mismatch, path=path)


class BundleForDoors(BundleRejected):
    """A bundle made for door kiosks (fields left out) reaching a station that holds more:
    merging it would stand a stripped copy in for complete records."""

    code = "bundle_for_doors"

    def __init__(self, path: str, view: str) -> None:
        super().__init__(T.bundle_for_doors, path=path, view=view)


class BundleWrongEvent(BundleRejected):
    code = "bundle_wrong_event"

    def __init__(self, path: str, theirs: str, ours: str) -> None:
        super().__init__(T.bundle_wrong_event, path=path, theirs=theirs, ours=ours)


class BundleNewerSchema(BundleRejected):
    code = "bundle_newer_schema"

    def __init__(self, path: str, steps: str) -> None:
        super().__init__(T.bundle_newer_schema, path=path, steps=steps)


class BundleFromRetired(BundleRejected):
    code = "bundle_from_retired_station"

    def __init__(self, path: str, station: str) -> None:
        super().__init__(T.bundle_from_retired, path=path, station=station)


class BundleUnsigned(BundleRejected):
    """No signature, or one made by a station this event never certified."""

    code = "bundle_unsigned"

    def __init__(self, path: str, detail: str = "") -> None:
        super().__init__(T.bundle_unsigned, path=path, detail=detail)


class ChangeNotAllowed(BundleRejected):
    """A change its author's role may not make (e.g. a setting not signed by the organizer)."""

    code = "change_not_allowed"

    def __init__(self, path: str, what: str, who: str) -> None:
        super().__init__(T.change_not_allowed, path=path, what=what, who=who)


class StationConflict(CheckinError):
    """Two event files write as the same station (a file copied by hand)."""

    code = "station_conflict"

    def __init__(self, station: str, source: str = "") -> None:
        where = f" ({source})" if source else ""
        super().__init__(T.station_conflict, fill={"where": where}, station=station, source=source)


class StationRetired(CheckinError):
    code = "station_retired"

    def __init__(self, station: str) -> None:
        super().__init__(T.station_retired, station=station)


class HubUnavailable(CheckinError):
    code = "hub_unavailable"

    def __init__(self, where: str, detail: str = "") -> None:
        super().__init__(T.hub_unavailable, where=where, detail=detail)


class HubRefused(CheckinError):
    code = "hub_refused"

    def __init__(self, where: str, detail: str) -> None:
        super().__init__(T.hub_refused, where=where, detail=detail)


class HubWrongEvent(CheckinError):
    code = "hub_wrong_event"

    def __init__(self, where: str) -> None:
        super().__init__(T.hub_wrong_event, where=where)


class FolderUnavailable(CheckinError):
    code = "folder_unavailable"

    def __init__(self, path: str) -> None:
        super().__init__(T.folder_unavailable, path=path)
