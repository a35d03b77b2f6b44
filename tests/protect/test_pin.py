"""The organizer PIN: hashed with a salt, verified, synced as a setting."""

from __future__ import annotations

import json

import pytest

from checkin import errors
from checkin.event import settings as settings_mod
from checkin.protect import pin


def test_no_pin_verifies_nothing(ef) -> None:
    assert not pin.has_pin(ef)
    assert not pin.verify_pin(ef, "1234")


def test_set_and_verify(ef, clock) -> None:
    pin.set_pin(ef, clock, "2468")
    assert pin.has_pin(ef)
    assert pin.verify_pin(ef, "2468")
    assert pin.verify_pin(ef, " 24 68 ")  # spaces typed on a keypad are ignored
    assert not pin.verify_pin(ef, "2469")
    assert not pin.verify_pin(ef, "")
    assert not pin.verify_pin(ef, "abcd")


def test_stored_hashed_with_salt_never_in_clear(ef, clock) -> None:
    pin.set_pin(ef, clock, "135790")
    raw = ef.execute("SELECT value FROM settings WHERE key = ?", (pin.SETTING_KEY,)).fetchone()[0]
    changes = " ".join(r[0] for r in ef.execute("SELECT fields FROM changes"))
    assert "135790" not in raw and "135790" not in changes
    sealed = json.loads(raw)  # sealed: no salt or hash to search offline (issue 21)
    assert sealed["scheme"] == pin.SEALED_SCHEME and "salt" not in sealed
    with ef.read() as conn:
        stored = pin.unseal(conn, sealed)
    assert stored["scheme"] == "scrypt" and len(bytes.fromhex(stored["salt"])) == 16
    assert stored["hash"] not in raw and stored["hash"] not in changes
    # Same PIN, new salt: a different hash.
    assert pin.hash_pin("135790")["hash"] != pin.hash_pin("135790")["hash"]


def test_change_and_clear(ef, clock) -> None:
    pin.set_pin(ef, clock, "1111")
    clock.advance(1000)
    pin.set_pin(ef, clock, "2222")
    assert not pin.verify_pin(ef, "1111") and pin.verify_pin(ef, "2222")
    clock.advance(1000)
    pin.clear_pin(ef, clock)
    assert not pin.has_pin(ef) and not pin.verify_pin(ef, "2222")


@pytest.mark.parametrize("bad", ["", "123", "12a4", "1234567890123", "١٢٣٤"])
def test_bad_pins_are_refused_and_nothing_changes(ef, clock, bad) -> None:
    with pytest.raises(errors.InvalidInput) as info:
        pin.set_pin(ef, clock, bad)
    assert "PIN" in info.value.ko and "digits" in info.value.en
    assert not pin.has_pin(ef)


def test_pin_is_an_event_setting_that_syncs(ef, clock) -> None:
    pin.set_pin(ef, clock, "8080")
    assert pin.SETTING_KEY in settings_mod.load(ef).extra
    row = ef.execute(
        "SELECT count(*) FROM changes WHERE entity = 'setting' AND entity_id = ?",
        (pin.SETTING_KEY,),
    ).fetchone()
    assert row[0] == 1


@pytest.mark.parametrize(
    "stored",
    [None, "x", {}, {"scheme": "md5", "hash": "00"}, {"scheme": "scrypt", "salt": "zz"}],
)
def test_malformed_stored_values_never_verify(stored) -> None:
    assert not pin.check_hash(stored, "1234")
