"""Errors of sync a person can act on (Korean and English). Nothing personal in them."""

from __future__ import annotations

from checkin.errors import CheckinError

NOTHING_CHANGED_EN = "Nothing was changed."
NOTHING_CHANGED_KO = "아무것도 변경하지 않았습니다."


class BundleRejected(CheckinError):
    """A bundle that cannot be imported; the event file was left as it was."""

    code = "bundle_rejected"


class BundleDamaged(BundleRejected):
    code = "bundle_damaged"

    def __init__(self, path: str, detail: str = "") -> None:
        super().__init__(
            f"The sync bundle {path} is damaged or incomplete (copied only partly?). "
            f"{NOTHING_CHANGED_EN} Export it again from the other station.",
            f"동기화 파일 {path} 이(가) 손상되었거나 일부만 복사되었습니다. "
            f"{NOTHING_CHANGED_KO} 다른 기기에서 다시 내보내세요.",
            path=path,
            detail=detail,
        )


class BundleMalformed(BundleRejected):
    """Readable, but not shaped as a bundle is (hand-made or written by something else)."""

    code = "bundle_malformed"

    def __init__(self, path: str, detail: str = "") -> None:
        super().__init__(
            f"The sync bundle {path} is not made the way checkin makes bundles ({detail}); "
            f"it was not read. {NOTHING_CHANGED_EN} Export it again from the other station.",
            f"동기화 파일 {path} 은(는) checkin 이 만드는 형식이 아닙니다 ({detail}). "
            f"읽지 않았습니다. {NOTHING_CHANGED_KO} 다른 기기에서 다시 내보내세요.",
            path=path,
            detail=detail,
        )


class BundleTooLarge(BundleRejected):
    """Over a size limit (file, manifest, rows, a field, a name): refused before reading."""

    code = "bundle_too_large"

    def __init__(self, path: str, detail: str = "") -> None:
        super().__init__(
            f"The sync bundle {path} is larger than any real bundle ({detail}); it was not "
            f"read. {NOTHING_CHANGED_EN}",
            f"동기화 파일 {path} 이(가) 실제 동기화 파일보다 너무 큽니다 ({detail}). "
            f"읽지 않았습니다. {NOTHING_CHANGED_KO}",
            path=path,
            detail=detail,
        )


class BundleNotEncrypted(BundleRejected):
    code = "bundle_not_encrypted"

    def __init__(self, path: str) -> None:
        super().__init__(
            f"The sync bundle {path} is not encrypted, but this event is: its stations "
            f"write only encrypted bundles, so this one was not read. {NOTHING_CHANGED_EN}",
            f"이 행사는 암호화되어 있는데 동기화 파일 {path} 은(는) 암호화되어 있지 않습니다. "
            f"이 행사의 기기는 암호화된 파일만 만들므로 읽지 않았습니다. {NOTHING_CHANGED_KO}",
            path=path,
        )


class NotABundle(BundleRejected):
    code = "not_a_bundle"

    def __init__(self, path: str) -> None:
        super().__init__(
            f"{path} is not a check-in sync bundle. {NOTHING_CHANGED_EN}",
            f"{path} 은(는) 체크인 동기화 파일이 아닙니다. {NOTHING_CHANGED_KO}",
            path=path,
        )


class BundleKeyMismatch(BundleRejected):
    code = "bundle_key_mismatch"

    def __init__(self, path: str, door: bool = False) -> None:
        if door:  # a door kiosk holds only the door (or bare) key
            super().__init__(
                f"The sync bundle {path} is encrypted for another event, or for stations "
                "that hold every field (organizer, desks): a door kiosk reads only the "
                "bundles written for doors (checkin sync export --view door or bare). "
                f"{NOTHING_CHANGED_EN}",
                f"동기화 파일 {path} 은(는) 다른 행사용이거나, 모든 항목을 가진 기기(주최자, "
                "접수 데스크)용으로 암호화되어 있습니다. 출입구 키오스크는 출입구용으로 만든 "
                "파일만 읽습니다 (checkin sync export --view door 또는 bare). "
                f"{NOTHING_CHANGED_KO}",
                path=path,
            )
            return
        super().__init__(
            f"The sync bundle {path} is encrypted for another event (or damaged); this "
            f"event file cannot read it. {NOTHING_CHANGED_EN}",
            f"동기화 파일 {path} 은(는) 다른 행사용으로 암호화되었거나 손상되어 읽을 수 "
            f"없습니다. {NOTHING_CHANGED_KO}",
            path=path,
        )


class BundleForDoors(BundleRejected):
    """A bundle made for door kiosks (fields left out) reaching a station that holds more:
    merging it would stand a stripped copy in for complete records."""

    code = "bundle_for_doors"

    def __init__(self, path: str, view: str) -> None:
        super().__init__(
            f"The sync bundle {path} was made for door kiosks ({view} view: some fields "
            "left out); this station keeps every field, so it imports that station's full "
            f"bundle instead. {NOTHING_CHANGED_EN}",
            f"동기화 파일 {path} 은(는) 출입구 키오스크용입니다 ({view}: 일부 항목 제외). "
            "이 기기는 모든 항목을 보관하므로 그 기기의 전체 동기화 파일을 가져오세요. "
            f"{NOTHING_CHANGED_KO}",
            path=path,
            view=view,
        )


class BundleWrongEvent(BundleRejected):
    code = "bundle_wrong_event"

    def __init__(self, path: str, theirs: str, ours: str) -> None:
        super().__init__(
            f"The sync bundle {path} belongs to another event ({theirs}; this file is "
            f"{ours}). {NOTHING_CHANGED_EN}",
            f"동기화 파일 {path} 은(는) 다른 행사({theirs})의 것입니다 (이 파일: {ours}). "
            f"{NOTHING_CHANGED_KO}",
            path=path,
            theirs=theirs,
            ours=ours,
        )


class BundleNewerSchema(BundleRejected):
    code = "bundle_newer_schema"

    def __init__(self, path: str, steps: str) -> None:
        super().__init__(
            f"The sync bundle {path} was written by a newer version of checkin ({steps}). "
            f"Update this app first. {NOTHING_CHANGED_EN}",
            f"동기화 파일 {path} 은(는) 더 새로운 버전의 checkin 으로 만들어졌습니다 "
            f"({steps}). 먼저 이 앱을 업데이트하세요. {NOTHING_CHANGED_KO}",
            path=path,
            steps=steps,
        )


class BundleFromRetired(BundleRejected):
    code = "bundle_from_retired_station"

    def __init__(self, path: str, station: str) -> None:
        super().__init__(
            f"The sync bundle {path} comes from the station {station!r}, which the organizer "
            f"retired; its data is no longer accepted. {NOTHING_CHANGED_EN}",
            f"동기화 파일 {path} 은(는) 운영진이 사용 중지한 기기 {station!r} 에서 왔습니다. "
            f"이 기기의 자료는 더 이상 받지 않습니다. {NOTHING_CHANGED_KO}",
            path=path,
            station=station,
        )


class BundleUnsigned(BundleRejected):
    """No signature, or one made by a station this event never certified."""

    code = "bundle_unsigned"

    def __init__(self, path: str, detail: str = "") -> None:
        super().__init__(
            f"The sync bundle {path} is not signed by a station of this event (forged, or "
            f"from a station set up before signed sync: make a new station package for it "
            f"on the organizer's computer). {NOTHING_CHANGED_EN}",
            f"동기화 파일 {path} 에 이 행사 기기의 서명이 없습니다 (위조되었거나, 서명 동기화 "
            f"이전에 준비된 기기입니다. 주최자 컴퓨터에서 그 기기 파일을 새로 만드세요). "
            f"{NOTHING_CHANGED_KO}",
            path=path,
            detail=detail,
        )


class ChangeNotAllowed(BundleRejected):
    """A change its author's role may not make (e.g. a setting not signed by the organizer)."""

    code = "change_not_allowed"

    def __init__(self, path: str, what: str, who: str) -> None:
        super().__init__(
            f"The sync bundle {path} holds a change its author may not make ({what}; from "
            f"{who}). Only the organizer may set the PIN, change settings, retire a station or "
            f"close the event; a scan-only station may only add check-ins. "
            f"{NOTHING_CHANGED_EN}",
            f"동기화 파일 {path} 에 작성자에게 권한이 없는 변경이 있습니다 ({what}; {who}). "
            f"PIN·설정·기기 사용 중지·행사 종료는 주최자만, 스캔 전용 기기는 체크인만 할 수 "
            f"있습니다. {NOTHING_CHANGED_KO}",
            path=path,
            what=what,
            who=who,
        )


class StationConflict(CheckinError):
    """Two event files write as the same station (a file copied by hand)."""

    code = "station_conflict"

    def __init__(self, station: str, source: str = "") -> None:
        where = f" ({source})" if source else ""
        super().__init__(
            f"Two kiosks are using copies of the same event file: both write as the "
            f"station {station!r}{where}. {NOTHING_CHANGED_EN} On the kiosk whose file was "
            f"copied by hand, export a bundle from the other kiosk and run "
            f"'checkin sync resolve-copy FILE BUNDLE': it moves that kiosk's own records "
            f"to a new station of its own. Then sync again. Never copy an event file to "
            f"set up a kiosk: use 'checkin sync provision'.",
            f"두 키오스크가 같은 행사 파일의 복사본을 쓰고 있습니다: 둘 다 기기 {station!r} "
            f"(으)로 기록합니다{where}. {NOTHING_CHANGED_KO} 파일을 손으로 복사한 키오스크에서, "
            f"다른 키오스크의 동기화 파일을 받아 'checkin sync resolve-copy FILE BUNDLE' 을 "
            f"실행하세요. 그 키오스크의 기록이 새 기기 이름으로 옮겨집니다. 그런 다음 다시 "
            f"동기화하세요. 키오스크를 준비할 때는 파일을 복사하지 말고 "
            f"'checkin sync provision' 을 쓰세요.",
            station=station,
            source=source,
        )


class StationRetired(CheckinError):
    code = "station_retired"

    def __init__(self, station: str) -> None:
        super().__init__(
            f"This station ({station!r}) was retired by the organizer: it can no longer "
            f"send data. Ask the organizer for a new station package.",
            f"이 기기({station!r})는 운영진이 사용 중지했습니다. 더 이상 자료를 보낼 수 "
            f"없습니다. 운영진에게 새 기기 파일을 요청하세요.",
            station=station,
        )


class HubUnavailable(CheckinError):
    code = "hub_unavailable"

    def __init__(self, where: str, detail: str = "") -> None:
        super().__init__(
            f"The sync server ({where}) cannot be reached. This kiosk keeps working "
            f"offline and catches up when the server is back.",
            f"동기화 서버({where})에 연결할 수 없습니다. 이 키오스크는 오프라인으로 계속 "
            f"작동하며, 서버가 돌아오면 밀린 자료를 주고받습니다.",
            where=where,
            detail=detail,
        )


class HubRefused(CheckinError):
    code = "hub_refused"

    def __init__(self, where: str, detail: str) -> None:
        super().__init__(
            f"The sync server ({where}) refused the connection or the request: {detail}",
            f"동기화 서버({where})가 연결 또는 요청을 거부했습니다: {detail}",
            where=where,
            detail=detail,
        )


class HubWrongEvent(CheckinError):
    code = "hub_wrong_event"

    def __init__(self, where: str) -> None:
        super().__init__(
            f"The sync server ({where}) holds this event's data under another key "
            f"(a different event with the same id?). {NOTHING_CHANGED_EN}",
            f"동기화 서버({where})에 이 행사의 자료가 다른 키로 저장되어 있습니다. "
            f"{NOTHING_CHANGED_KO}",
            where=where,
        )


class FolderUnavailable(CheckinError):
    code = "folder_unavailable"

    def __init__(self, path: str) -> None:
        super().__init__(
            f"The shared sync folder {path} cannot be reached or written. This kiosk keeps "
            f"working offline and catches up later.",
            f"공유 동기화 폴더 {path} 에 접근하거나 쓸 수 없습니다. 이 키오스크는 "
            f"오프라인으로 계속 작동하며 나중에 밀린 자료를 주고받습니다.",
            path=path,
        )
