"""The words of the event file's storage, in English and Korean (``checkin.texts``)."""

from __future__ import annotations

from checkin.texts import Catalogue, Text


class StorageTexts(Catalogue, domain="db"):
    # --- checkin.db.eventfile ------------------------------------------------
    passphrase_must_not_empty = Text(
        "The passphrase must not be empty.",
        "암호는 비워 둘 수 없습니다.",
    )
    folder_does_not_exist = Text(
        "The folder for {p} does not exist.",
        "{p} 의 폴더가 없습니다.",
    )
