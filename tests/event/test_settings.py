from __future__ import annotations

import datetime as dt

import pytest

from checkin import errors
from checkin.clock import FixedClock
from checkin.event import identity as event
from checkin.event import settings


def test_default_event_is_defectors_day(tmp_path) -> None:
    # 2026-11-22: the next Defectors' Day is 2027-07-14
    clock = FixedClock(int(dt.datetime(2026, 11, 22, tzinfo=dt.UTC).timestamp() * 1000))
    with event.create_event(tmp_path / "e.db", clock=clock) as ef:
        cfg = settings.load(ef)
    assert cfg.date == "2027-07-14"
    assert cfg.name == "북한이탈주민의 날" and cfg.name_en == "North Korean Defectors' Day"
    assert cfg.timezone == "Asia/Seoul"
    assert set(cfg.category_ids()) == {
        "defector", "family", "supporter", "volunteer", "press", "official", "staff", "guest"
    }  # fmt: skip
    # a defector's badge does not say so
    assert cfg.category("defector").badge_en == "Participant"


def test_next_defectors_day() -> None:
    assert settings.next_defectors_day(dt.date(2027, 7, 14)) == dt.date(2027, 7, 14)
    assert settings.next_defectors_day(dt.date(2027, 7, 15)) == dt.date(2028, 7, 14)


def test_identity_and_keys(ef) -> None:
    info = event.info(ef)
    assert len(info.event_id) == 10 and len(info.public_key) == 32
    assert info.can_sign and info.station.role == "organizer"


def test_update_and_validation(ef, clock) -> None:
    cfg = settings.update(ef, clock, {"venue": " DDP ", "reg_prefix": "nk"})
    assert cfg.venue == "DDP" and cfg.reg_prefix == "NK"
    for key, value in (("date", "July 14"), ("reg_prefix", "D-D"), ("timezone", "Mars/Olympus"),
                       ("name", ""), ("categories", []), ("lists", [{"id": "x"}])):  # fmt: skip
        with pytest.raises(errors.InvalidInput):
            settings.update(ef, clock, {key: value})
    assert settings.load(ef).venue == "DDP"


def test_setting_writes_are_logged_for_sync(ef, clock) -> None:
    settings.update(ef, clock, {"venue": "DDP"})
    row = ef.conn.execute(
        "SELECT entity, entity_id, op FROM changes WHERE entity = 'setting' AND entity_id = 'venue' "
        "ORDER BY seq DESC LIMIT 1"
    ).fetchone()
    assert row == ("setting", "venue", "update")
