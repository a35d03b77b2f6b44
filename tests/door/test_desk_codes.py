"""Badges minted by a desk name it (format 2), so "retired means retired" at the door.

A desk signs with its own certified key; a door checks the code against the station
keys it knows. A retired desk's badges made after its retirement are refused once the
retirement has synced ("badge from a retired desk"); a code naming a key the door does
not know is refused, never taken on trust; a retired desk cannot pass its badges off as
another desk's; a door kiosk's key cannot mint badges at all.
"""

from __future__ import annotations

import base64
import re

import pytest
import zxingcpp
from sync_support import EVENT_MORNING_MS, Stations

from checkin.badges.layouts import LAYOUTS, BadgeData, BadgeStyle, compose
from checkin.badges.renderer import render_badge
from checkin.clock import FixedClock
from checkin.door import codes, outcomes
from checkin.door.engine import CheckinEngine
from checkin.event import identity as event
from checkin.ids import new_attendee_id
from checkin.models import Status
from checkin.people import attendees
from checkin.sync import bundle, provision, trust

QR_ALPHANUMERIC = re.compile(r"^[0-9A-Z $%*+\-./:]*$")
STYLE = BadgeStyle("북한이탈주민의 날", "North Korean Defectors' Day", "2027.07.14")


@pytest.fixture
def made(tmp_path):
    stations = Stations(tmp_path, FixedClock(EVENT_MORNING_MS))
    stations.people = attendees.add_attendees(
        stations.org, stations.clock,
        [{"display_name": "김민수", "category": "defector"},
         {"display_name": "한별", "category": "family"}],
    )  # fmt: skip
    yield stations
    stations.close()


def send(made, sender, receiver, name="b.ckbundle"):
    path = made.root / name
    if path.exists():
        path.unlink()
    bundle.export_bundle(sender, path, made.clock)
    return bundle.import_bundle(receiver, path, made.clock)


def own_id(ef) -> str:
    return ef.conn.execute("SELECT station_id FROM local").fetchone()[0]


def scan(ef, code, clock):
    return CheckinEngine(ef, clock).scan(code)


def test_a_desk_mints_format_2_codes_that_name_its_key(made):
    desk = made.add("desk", "접수")
    signer = event.signer(desk)
    assert isinstance(signer, codes.StationBadgeSigner)
    person = made.people[0]
    code = signer.code(person.id, 1)
    assert len(code) == codes.CODE_CHARS_STATION == 138 and QR_ALPHANUMERIC.match(code)
    raw = base64.b32decode(code[2:])
    # 1 format byte, 5 event, 5 key id, 8 attendee, 2 version, 64 signature: nothing else
    assert len(raw) == 85 and raw[0] == 2
    public = trust.public_bytes(trust.own_key(desk.conn))
    assert raw[6:11] == codes.key_id(public)
    assert raw[11:19].hex() == person.id
    assert codes.expected_chars(code[:4]) == 138
    # the organizer keeps minting format 1 (badges printed before keep scanning the same)
    org_code = event.badge_code(made.org, person.id, 1)
    assert len(org_code) == 130 and codes.expected_chars(org_code[:4]) == 130
    assert codes.parse(code).attendee_id == codes.parse(org_code).attendee_id == person.id
    # the desk holds no event key: nothing it makes passes for the organizer's
    assert not desk.conn.execute("SELECT 1 FROM secrets WHERE name = 'signing_key'").fetchone()


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_a_desk_badge_of_every_layout_scans_back(made, layout):
    desk = made.add("desk", "접수")
    code = event.badge_code(desk, made.people[0].id, 1)
    data = BadgeData(
        attendee_id=made.people[0].id, reg_no="DD1-0001", code=code, name="김민수",
        category="defector", category_ko="참가자", category_en="Participant", color="#2E7D32",
        organization="", no_photo=True,
    )  # fmt: skip
    image = render_badge(data, STYLE, layout, dpi=300)
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    assert [r.text for r in found] == [code]
    # the same symbol size as a format-1 badge: version 8 at level Q holds 144 characters
    assert compose(data, STYLE, LAYOUTS[layout]).qr().size == 49


def test_every_station_that_knows_the_desk_admits_its_badges(made):
    desk = made.add("desk", "접수")
    door = made.add("door", "출입구", role="scan-only")  # provisioned after the desk
    walk_in = attendees.add_attendee(desk, made.clock, display_name="워크인", category="guest")
    code = event.badge_code(desk, walk_in.id, 1)
    result = scan(door, code, made.clock)
    assert result.status is Status.OK and result.unsynced  # not synced yet, but genuine
    send(made, desk, made.org)
    assert scan(made.org, code, made.clock).status is Status.OK


def test_a_desk_the_door_does_not_know_yet_is_refused_until_it_syncs(made):
    door = made.add("door", "출입구", role="scan-only")  # before the desk existed
    desk = made.add("desk", "접수")
    code = event.badge_code(desk, made.people[0].id, 1)
    result = scan(door, code, made.clock)
    assert result.status is Status.INVALID and result.reason == "unknown_station"
    assert result.kind is outcomes.Kind.UNKNOWN_DESK
    assert door.conn.execute("SELECT count(*) FROM checkins").fetchone()[0] == 0
    # any sync brings every certificate the sender knows (here: the organizer's bundle)
    made.clock.advance(1000)
    send(made, made.org, door)
    assert scan(door, code, made.clock).status is Status.OK


def test_a_retired_desks_new_badges_are_refused_once_the_retirement_synced(made):
    clock = made.clock
    desk = made.add("desk", "접수")
    door = made.add("door", "출입구", role="scan-only")
    before = attendees.add_attendee(desk, clock, display_name="먼저 등록", category="guest")
    send(made, desk, made.org)
    provision.retire(made.org, clock, own_id(desk))
    # the desk does not know yet (stolen): it registers and mints on
    clock.advance(60_000)
    after = attendees.add_attendee(desk, clock, display_name="나중 등록", category="guest")
    new_code = event.badge_code(desk, after.id, 1)
    copy_of_known = event.badge_code(desk, made.people[0].id, 1)  # someone it never served
    good_code = event.badge_code(desk, before.id, 1)
    # before the retirement reaches the door: a genuine desk badge, "not synced yet"
    early = scan(door, new_code, clock)
    assert early.status is Status.OK and early.unsynced
    CheckinEngine(door, clock).undo(checkin_id=early.checkin.id, reason="test")
    clock.advance(1000)
    send(made, made.org, door)  # the retirement and the desk's rows up to it
    for code in (new_code, copy_of_known):
        refused = scan(door, code, clock)
        assert refused.status is Status.INVALID and refused.reason == "retired_station"
        assert refused.attendee is None and refused.checkin is None
    # what the desk did before its retirement stays good; the organizer's badges too
    assert scan(door, good_code, clock).status is Status.OK
    assert scan(door, event.badge_code(made.org, made.people[0].id, 1), clock).ok
    # the organizer refuses them the same way
    refused = scan(made.org, new_code, clock)
    assert refused.status is Status.INVALID and refused.reason == "retired_station"
    attempts = door.conn.execute(
        "SELECT count(*) FROM scan_attempts WHERE reason = 'retired_station'"
    ).fetchone()[0]
    assert attempts == 2
    # one kind of its own, worded once for the kiosk panel and 'checkin scan'
    assert refused.kind is outcomes.Kind.RETIRED_DESK
    told = outcomes.outcome(refused.kind)
    assert told.title.ko.startswith("회수된 데스크에서 만든 명찰입니다")
    assert "안내 데스크" in told.next_step.ko
    assert "retired desk" in told.title.en and "help desk" in told.next_step.en
    reason = outcomes.detail(refused, "Asia/Seoul")
    assert reason is not None and "taken out of use" in reason.text.en


def test_a_retired_desk_cannot_pass_its_badges_off_as_another_desks(made):
    clock = made.clock
    lost = made.add("lost", "분실된 데스크")
    other = made.add("other", "다른 데스크")
    door = made.add("door", "출입구", role="scan-only")
    provision.retire(made.org, clock, own_id(lost))
    clock.advance(1000)
    send(made, made.org, door)
    stranger = new_attendee_id()
    lost_key = trust.own_key(lost.conn)
    other_kid = codes.key_id(trust.public_bytes(trust.own_key(other.conn)))
    event_id = event.info(door).event_id
    # the lost desk's key, the other desk's key id: the signature does not verify
    body = codes._body(event_id, stranger, 1, other_kid)
    forged = "CK" + base64.b32encode(body + lost_key.sign(codes.DOMAIN_STATION + body)).decode()
    result = scan(door, forged, clock)
    assert result.status is Status.INVALID and result.reason == "forged"
    # a made-up key id: not a desk this door knows, so not admitted either
    body = codes._body(event_id, stranger, 1, b"\x00" * 5)
    unknown = "CK" + base64.b32encode(body + lost_key.sign(codes.DOMAIN_STATION + body)).decode()
    assert scan(door, unknown, clock).reason == "unknown_station"
    # and the other desk's own badges are untouched by the retirement
    assert scan(door, event.badge_code(other, stranger, 1), clock).status is Status.OK
    assert door.conn.execute("SELECT count(*) FROM checkins").fetchone()[0] == 1


def test_a_door_kiosks_key_cannot_mint_badges(made):
    door = made.add("door", "출입구", role="scan-only")
    with pytest.raises(Exception, match="cannot issue badges"):
        event.signer(door)
    # its certified key, used by hand: refused as forged at every station
    minted = codes.StationBadgeSigner(event.info(door).event_id,
                                      trust.own_key(door.conn).private_bytes_raw())  # fmt: skip
    code = minted.code(made.people[0].id, 1)
    for ef in (made.org, door):
        result = scan(ef, code, made.clock)
        assert result.status is Status.INVALID and result.reason == "forged"


def test_unknown_station_codes_are_parsed_but_never_verified_without_the_key(made):
    desk = made.add("desk", "접수")
    code = event.badge_code(desk, made.people[0].id, 1)
    alone = codes.BadgeVerifier(event.info(desk).event_id, event.info(desk).public_key)
    with pytest.raises(codes.CodeError) as info:
        alone.verify(code)
    assert info.value.rejection is codes.Rejection.UNKNOWN_STATION
    # one character changed: forged (or damaged), never accepted
    ring = event.station_keyring(desk.conn)
    verifier = codes.BadgeVerifier(event.info(desk).event_id, event.info(desk).public_key, ring)
    raw = bytearray(base64.b32decode(code[2:]))
    for index in (12, 19, 20, 40, 84):  # attendee id, version, signature
        changed = bytearray(raw)
        changed[index] ^= 0x01
        with pytest.raises(codes.CodeError) as info:
            verifier.verify("CK" + base64.b32encode(bytes(changed)).decode())
        assert info.value.rejection is codes.Rejection.FORGED
    for cut in (1, 8, 60):
        with pytest.raises(codes.CodeError) as info:
            verifier.verify(code[:-cut])
        assert info.value.rejection is codes.Rejection.DAMAGED


def test_a_check_only_station_refuses_a_retired_desks_badge_too(made):
    """validate (a second checkpoint) says what the entrance would: refused, nothing kept."""
    clock = made.clock
    desk = made.add("desk", "접수")
    send(made, desk, made.org)
    provision.retire(made.org, clock, own_id(desk))
    clock.advance(60_000)
    after = attendees.add_attendee(desk, clock, display_name="나중 등록", category="guest")
    code = event.badge_code(desk, after.id, 1)
    checked = CheckinEngine(made.org, clock).validate(code)
    assert checked.check_only and checked.status is Status.INVALID
    assert checked.reason == "retired_station" and checked.attendee is None
    assert made.org.conn.execute("SELECT count(*) FROM checkins").fetchone()[0] == 0
    good = CheckinEngine(made.org, clock).validate(event.badge_code(made.org, made.people[0].id, 1))
    assert good.check_only and good.status is Status.OK
