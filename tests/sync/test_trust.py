"""Forged bundles, as an attacker would make them: each one refused, nothing changed.

Bundles are built from scratch with Python's ``sqlite3`` (or from a real bundle, rewritten),
knowing a badge code, a real station's key (scan-only, desk, retired), or nothing. The
receiving file is compared table by table before and after (every table except
``sync_history``, where the refusal is reported).
"""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_support import Stations

from checkin import errors
from checkin.clock import FixedClock
from checkin.door import codes
from checkin.door.engine import CheckinEngine
from checkin.event import identity as event
from checkin.event import settings as settings_mod
from checkin.models import Status
from checkin.people import attendees
from checkin.protect import pin, retention
from checkin.sync import bundle, provision, state, trust
from checkin.sync.errors import (
    BundleFromRetired,
    BundleNotEncrypted,
    BundleRejected,
    BundleUnsigned,
    ChangeNotAllowed,
)

MORNING = 1_815_613_200_000


def exchange(clock, tmp_path, sender, receiver, name="b.ckbundle"):
    path = tmp_path / name
    if path.exists():
        path.unlink()
    bundle.export_bundle(sender, path, clock)
    return bundle.import_bundle(receiver, path, clock)


def everything(ef) -> dict[str, list]:
    """Every row of every table (the refusal itself goes to sync_history only)."""
    conn = ef.conn
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'sync_history' ORDER BY name"
        )
    ]
    return {
        name: sorted(repr(tuple(r)) for r in conn.execute(f'SELECT * FROM "{name}"'))
        for name in names
    }


def refused(ef, path, clock, kind=BundleRejected):
    state.ensure_identity(ef, clock.now_ms())  # the file binds to its place on first sync
    before = everything(ef)
    with pytest.raises(kind) as info:
        bundle.import_bundle(ef, path, clock)
    assert everything(ef) == before
    last = ef.conn.execute(
        "SELECT ok, detail FROM sync_history ORDER BY id DESC LIMIT 1"
    ).fetchone()
    assert last[0] == 0 and info.value.code in last[1]  # reported
    return info.value


def key_of(ef) -> Ed25519PrivateKey:
    key = trust.own_key(ef.conn)
    assert key is not None
    return key


def rewrite(path, out, *, sql=(), body_change=None, sign_with=None, keep_signer=True):
    """A bundle rewritten by an attacker: rows changed, checksum made right again, and
    signed with ``sign_with`` (a key the attacker holds) or not at all."""
    shutil.copy(path, out)
    conn = sqlite3.connect(out)
    for statement, params in sql:
        conn.execute(statement, params)
    body = json.loads(conn.execute("SELECT body FROM manifest").fetchone()[0])
    if body_change:
        body_change(body)
    if not keep_signer:
        body.pop("signer", None)
    for table in body["tables"]:
        body["tables"][table]["rows"] = conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[
            0
        ]
    body.pop("signature", None)
    body["checksum"] = bundle.checksum(conn, "main", body)
    if sign_with is not None:
        body["signature"] = trust.sign_body(sign_with, body)
    conn.execute("UPDATE manifest SET body = ?", (json.dumps(body),))
    conn.commit()
    conn.close()
    return out


def setting_row(station_id, seq, key, value, hlc=None):
    fields = json.dumps({"value": value}, ensure_ascii=False, sort_keys=True)
    return (
        "INSERT INTO changes (station_id, seq, hlc, at_ms, entity, entity_id, op, fields, "
        "operator) VALUES (?, ?, ?, ?, 'setting', ?, 'update', ?, '')",
        (station_id, seq, hlc or (MORNING << 16) + seq, MORNING, key, fields),
    )


def own_id(ef) -> str:
    return ef.conn.execute("SELECT station_id FROM local").fetchone()[0]


def test_a_bundle_from_scratch_knowing_a_badge_code_is_refused_by_an_encrypted_event(tmp_path):
    clock = FixedClock(MORNING)
    made = Stations(tmp_path, clock, passphrase="correct horse battery")
    try:
        person = attendees.add_attendee(made.org, clock, display_name="김민수")
        # all the attacker knows: a badge code, which names the event
        event_id = codes.parse(event.badge_code(made.org, person.id, 1)).event_id
        path = tmp_path / "forged.ckbundle"
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE manifest (body TEXT NOT NULL)")
        conn.execute(
            "CREATE TABLE changes (station_id TEXT, seq INTEGER, hlc INTEGER, at_ms INTEGER, "
            "entity TEXT, entity_id TEXT, op TEXT, fields TEXT, operator TEXT)"
        )
        conn.execute(*setting_row("attacker", 1, retention.CLOSED_KEY, {"closed": True}))
        body = {
            "format": bundle.FORMAT, "version": 1, "event_id": event_id,
            "schema": bundle.applied_schema(made.org), "created_at": MORNING,
            "sender": {"station_id": "attacker", "name": "x", "role": "organizer"},
            "vector": {"attacker": 1}, "ranges": {"attacker": [0, 1]},
            "tables": {"changes": {"columns": ["station_id", "seq", "hlc", "at_ms", "entity",
                                               "entity_id", "op", "fields", "operator"],
                                   "rows": 1}},
            "stations": [],
        }  # fmt: skip
        body["checksum"] = bundle.checksum(conn, "main", body)
        conn.execute("INSERT INTO manifest VALUES (?)", (json.dumps(body),))
        conn.commit()
        conn.close()
        refused(made.org, path, clock, BundleNotEncrypted)
        assert not retention.is_closed(made.org.conn)
    finally:
        made.close()


def test_an_unsigned_or_self_certified_bundle_is_refused(stations, tmp_path):
    clock = stations.clock
    desk = stations.add("desk", "Desk")
    real = tmp_path / "real.ckbundle"
    bundle.export_bundle(stations.org, real, clock)
    org_id = own_id(stations.org)
    top = stations.org.conn.execute("SELECT seq FROM local").fetchone()[0]
    pin_row = setting_row(org_id, top + 1, pin.SETTING_KEY, pin.hash_pin("0000"))
    unsigned = rewrite(real, tmp_path / "u.ckbundle", sql=[pin_row], keep_signer=False)
    refused(desk, unsigned, clock, BundleUnsigned)
    # an attacker's own key with a certificate it signed itself, claiming the organizer
    mine = Ed25519PrivateKey.generate()
    public = trust.public_bytes(mine)
    event_id = desk.conn.execute("SELECT event_id FROM event").fetchone()[0]
    cert = mine.sign(trust.cert_message(event_id, org_id, "organizer", public))
    signer = {"station_id": org_id, "role": "organizer", "key": public.hex(), "cert": cert.hex()}
    forged = rewrite(
        real, tmp_path / "f.ckbundle", sql=[pin_row],
        body_change=lambda b: b.update(signer=signer), sign_with=mine,
    )  # fmt: skip
    refused(desk, forged, clock, BundleUnsigned)
    assert not pin.has_pin(desk)


def test_a_real_bundle_replayed_under_another_station_id_is_refused(stations, tmp_path):
    clock = stations.clock
    desk = stations.add("desk", "Desk")
    door = stations.add("door", "Door", role="scan-only")
    CheckinEngine(door, clock).check_in(stations.people[0].id)
    real = tmp_path / "door.ckbundle"
    bundle.export_bundle(door, real, clock)
    other = own_id(desk)

    def as_desk(body):
        body["sender"]["station_id"] = other
        body["ranges"] = {other: [0, 1]}

    # rows and manifest moved to the desk's id, the real signature kept
    sql = [(f'UPDATE "{t}" SET station_id = ?', (other,)) for t in ("checkins", "audit_log")]
    replay = rewrite(real, tmp_path / "r.ckbundle", sql=sql, body_change=as_desk)
    replay_body = json.loads(
        sqlite3.connect(replay).execute("SELECT body FROM manifest").fetchone()[0]
    )
    real_body = json.loads(sqlite3.connect(real).execute("SELECT body FROM manifest").fetchone()[0])
    replay_body_signed = {**replay_body, "signature": real_body["signature"]}
    conn = sqlite3.connect(replay)
    conn.execute("UPDATE manifest SET body = ?", (json.dumps(replay_body_signed),))
    conn.commit()
    conn.close()
    refused(stations.org, replay, clock, BundleUnsigned)
    # re-signed with the door's own (stolen) key: it may not write as the desk
    stolen = rewrite(
        real, tmp_path / "s.ckbundle", sql=sql, body_change=as_desk, sign_with=key_of(door)
    )
    refused(stations.org, stolen, clock, BundleUnsigned)


def test_a_scan_only_key_cannot_make_organizer_changes(stations, tmp_path):
    clock = stations.clock
    door = stations.add("door", "Door", role="scan-only")
    CheckinEngine(door, clock).check_in(stations.people[0].id)
    real = tmp_path / "door.ckbundle"
    bundle.export_bundle(door, real, clock)
    door_id = own_id(door)
    for n, (key, value) in enumerate(
        [
            (pin.SETTING_KEY, pin.hash_pin("1234")),
            (retention.CLOSED_KEY, {"closed": True, "at": MORNING, "by": door_id}),
            ("badge.full_name", True),
            ("sync.retired." + own_id(stations.org), {"retired": True, "upto": 0, "name": "x"}),
        ]
    ):
        forged = rewrite(
            real, tmp_path / f"s{n}.ckbundle", sql=[setting_row(door_id, 50 + n, key, value)],
            body_change=lambda b: b.update(ranges={door_id: [0, 60]}), sign_with=key_of(door),
        )  # fmt: skip
        err = refused(stations.org, forged, clock, ChangeNotAllowed)
        assert "setting" in err.en
    assert not retention.is_closed(stations.org.conn)
    # a scan-only key cannot edit people either
    edit = (
        "INSERT INTO changes (station_id, seq, hlc, at_ms, entity, entity_id, op, fields, "
        "operator) VALUES (?, 70, 1, 1, 'attendee', ?, 'update', '{\"phone\":\"x\"}', '')",
        (door_id, stations.people[0].id),
    )
    forged = rewrite(real, tmp_path / "e.ckbundle", sql=[edit], sign_with=key_of(door))
    refused(stations.org, forged, clock, ChangeNotAllowed)
    # ... nor add check-ins as another station
    sql = [("UPDATE checkins SET station_id = ?", (own_id(stations.org),))]
    forged = rewrite(real, tmp_path / "c.ckbundle", sql=sql, sign_with=key_of(door))
    refused(stations.org, forged, clock, ChangeNotAllowed)
    # its own check-ins go in
    assert bundle.import_bundle(stations.org, real, clock).merge.inserted["checkins"] == 1


def test_a_desk_key_cannot_close_the_event_or_set_the_pin(stations, tmp_path):
    clock = stations.clock
    desk = stations.add("desk", "Desk")
    real = tmp_path / "desk.ckbundle"
    CheckinEngine(desk, clock).check_in(stations.people[0].id)
    bundle.export_bundle(desk, real, clock)
    desk_id = own_id(desk)
    with pytest.raises(errors.NotAllowed):
        pin.set_pin(desk, clock, "4321")
    with pytest.raises(errors.NotAllowed):
        settings_mod.update(desk, clock, {"venue": "가짜"})
    forged = rewrite(
        real, tmp_path / "close.ckbundle",
        sql=[setting_row(desk_id, 40, retention.CLOSED_KEY, {"closed": True, "by": desk_id})],
        body_change=lambda b: b.update(ranges={desk_id: [0, 40]}), sign_with=key_of(desk),
    )  # fmt: skip
    err = refused(stations.org, forged, clock, ChangeNotAllowed)
    assert retention.CLOSED_KEY in err.en
    # relayed by a desk, the organizer's genuine setting changes still go through
    settings_mod.update(stations.org, clock, {"venue": "코엑스"})
    exchange(clock, tmp_path, stations.org, desk, "o.ckbundle")
    door = stations.add("door2", "Door 2", role="scan-only")
    assert settings_mod.load(door).venue == "코엑스"


def test_a_retired_stations_key_is_refused(stations, tmp_path):
    clock = stations.clock
    desk = stations.add("desk", "Desk")
    CheckinEngine(desk, clock).check_in(stations.people[0].id)
    path = tmp_path / "desk.ckbundle"
    bundle.export_bundle(desk, path, clock)
    provision.retire(stations.org, clock, own_id(desk))
    refused(stations.org, path, clock, BundleFromRetired)
    # re-signed under a fresh station id by the retired key: still the retired key
    new_id = "f" * 32
    forged = rewrite(
        path, tmp_path / "new.ckbundle",
        sql=[(f'UPDATE "{t}" SET station_id = ?', (new_id,)) for t in ("checkins", "changes",
                                                                         "audit_log", "print_log")],
        body_change=lambda b: b["sender"].update(station_id=new_id), sign_with=key_of(desk),
    )  # fmt: skip
    refused(stations.org, forged, clock, BundleFromRetired)


def test_a_close_arriving_by_sync_says_who_and_when(stations, tmp_path):
    clock = stations.clock
    desk = stations.add("desk", "Desk")
    clock.advance(5000)
    retention.close_event(stations.org, clock, tmp_path / "report.pdf")
    result = exchange(clock, tmp_path, stations.org, desk, "closed.ckbundle")
    closed = result.merge.closed
    assert closed is not None and closed["by"] == own_id(stations.org)
    assert closed["at"] == clock.now_ms() and "본부" in closed["station"]
    assert result.to_json()["closed"]["station"] == closed["station"]
    assert retention.is_closed(desk.conn)


def test_an_encrypted_event_refuses_a_plain_bundle(tmp_path):
    clock = FixedClock(MORNING)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    plain = Stations(tmp_path / "a", clock)
    secret = Stations(tmp_path / "b", clock, passphrase="pw pw pw pw")
    try:
        path = tmp_path / "plain.ckbundle"
        bundle.export_bundle(plain.org, path, clock)
        refused(secret.org, path, clock, BundleNotEncrypted)
    finally:
        plain.close()
        secret.close()


def test_the_organizers_changes_made_before_signed_sync_still_travel(stations, tmp_path):
    """An old organizer file: no keys yet; it makes them and signs what it holds."""
    clock = stations.clock
    settings_mod.update(stations.org, clock, {"venue": "DDP"})
    conn = stations.org.conn
    with stations.org.write() as w:  # as a file made before signed sync would be
        for table in ("trust", "station_keys", "row_sigs"):
            w.execute(f"DELETE FROM {table}")
        w.execute("DELETE FROM secrets WHERE name = ?", (trust.STATION_KEY,))
    assert trust.organizer_key(conn) is None
    desk = stations.add("desk", "Desk")  # makes the key, signs the old settings
    assert trust.organizer_key(conn) is not None
    settings_mod.update(stations.org, clock, {"name_en": "Day"})
    exchange(clock, tmp_path, stations.org, desk, "o.ckbundle")
    cfg = settings_mod.load(desk)
    assert (cfg.venue, cfg.name_en) == ("DDP", "Day")


COUNTER = iter(range(1000, 10**6))
LATER_HLC = (MORNING + 10**9) << 16


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    role=st.sampled_from(["organizer", "desk", "scan-only"]),
    key=st.sampled_from(["venue", "name_en", "badge.full_name", pin.SETTING_KEY]),
    value=st.one_of(st.text(max_size=20), st.booleans(), st.integers()),
    countersigned=st.booleans(),
)
def test_only_organizer_signed_changes_alter_settings(trio, role, key, value, countersigned):
    """Whatever setting change a station's key signs into a bundle (with or without an
    organizer signature over the row taken from elsewhere), only the organizer's takes."""
    org, desk, door, base, tmp = trio
    author = {"organizer": org, "desk": desk, "scan-only": door}[role]
    author_id = own_id(author)
    seq = next(COUNTER)
    hlc = LATER_HLC + seq
    sigs = {}
    if countersigned or role == "organizer":
        # the organizer's row signature: genuine for the organizer, replayed onto another
        # station's row otherwise (signed for the organizer's id, not the author's)
        org_id = own_id(org)
        sigs = {f"{author_id}:{seq}": _sig(org, org_id if role != "organizer" else author_id,
                                           seq, hlc, key, value)}  # fmt: skip
    out = tmp / f"p{seq}.ckbundle"
    forged = rewrite(
        base[role], out, sql=[setting_row(author_id, seq, key, value, hlc)],
        body_change=lambda b: b.update(ranges={author_id: [0, seq]}, setting_sigs=sigs),
        sign_with=key_of(author),
    )  # fmt: skip
    receiver = desk if role == "organizer" else org  # nobody imports its own bundle
    before = everything(receiver)
    clock = FixedClock(MORNING + 10_000)
    if role == "organizer":
        bundle.import_bundle(receiver, forged, clock)
        assert settings_mod.read_raw(receiver)[key] == value
    else:
        with pytest.raises(ChangeNotAllowed):
            bundle.import_bundle(receiver, forged, clock)
        assert everything(receiver) == before


def _sig(org, station_id, seq, hlc, key, value) -> str:
    event_id = org.conn.execute("SELECT event_id FROM event").fetchone()[0]
    fields = json.dumps({"value": value}, ensure_ascii=False, sort_keys=True)
    message = trust.setting_message(event_id, station_id, seq, hlc, key, fields)
    return key_of(org).sign(message).hex()


@pytest.fixture(scope="module")
def trio(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("trio")
    clock = FixedClock(MORNING)
    made = Stations(tmp, clock)
    desk = made.add("desk", "Desk")
    door = made.add("door", "Door", role="scan-only")
    person = attendees.add_attendee(made.org, clock, display_name="김민수")
    base = {}
    for role, ef in (("organizer", made.org), ("desk", desk), ("scan-only", door)):
        if role == "organizer":
            settings_mod.update(made.org, clock, {"venue": "DDP"})
        else:
            exchange(clock, tmp, made.org, ef, f"seed-{role}.ckbundle")
            assert CheckinEngine(ef, clock).check_in(person.id).status in (
                Status.OK, Status.ALREADY_IN
            )  # fmt: skip
        base[role] = tmp / f"base-{role}.ckbundle"
        bundle.export_bundle(ef, base[role], clock, full=role != "scan-only")
    yield made.org, desk, door, base, tmp
    made.close()


def test_the_command_line_says_who_closed_and_refuses_a_forged_close(stations, tmp_path, capsys):
    from checkin.cli import main
    from checkin.sync import folder

    clock = stations.clock
    desk = stations.add("desk", "Desk")
    desk_path = str(desk.path)
    # a forged close signed by the desk's own key, dropped into the shared folder
    real = tmp_path / "desk.ckbundle"
    CheckinEngine(desk, clock).check_in(stations.people[0].id)
    bundle.export_bundle(desk, real, clock)
    desk_id = own_id(desk)
    shared = tmp_path / "share"
    shared.mkdir()
    rewrite(
        real, shared / "forged.ckbundle",
        sql=[setting_row(desk_id, 40, retention.CLOSED_KEY, {"closed": True, "by": desk_id})],
        body_change=lambda b: b.update(ranges={desk_id: [0, 40]}), sign_with=key_of(desk),
    )  # fmt: skip
    result = folder.sync_folder(stations.org, shared, clock)
    assert [r["error"] for r in result.refused] == ["change_not_allowed"]
    assert result.closed is None and not retention.is_closed(stations.org.conn)
    # the organizer's genuine close, imported on the command line
    retention.close_event(stations.org, clock, tmp_path / "report.pdf")
    closed = tmp_path / "closed.ckbundle"
    bundle.export_bundle(stations.org, closed, clock)
    desk.close()
    code = main(["sync", "import", desk_path, str(closed), "--lang", "en"])
    text = capsys.readouterr().out
    assert code == 0 and "closed the event at" in text and "본부" in text


def test_a_station_package_holds_its_own_key_never_the_organizers(stations):
    org_key = key_of(stations.org).private_bytes_raw()
    for key, role in (("desk", "desk"), ("door", "scan-only")):
        ef = stations.add(key, key.title(), role=role)
        mine = key_of(ef)
        assert mine.private_bytes_raw() != org_key
        assert not trust.is_organizer_key(ef.conn, mine)
        signer = trust.check_signer(ef.conn, trust.own_signer(ef.conn)[1])
        assert signer is not None and signer.role.value == role
        ef.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        raw = b"".join(
            p.read_bytes() for p in ef.path.parent.glob(ef.path.name + "*") if p.is_file()
        )
        assert org_key not in raw  # not in a free page or the WAL either


def test_a_station_set_up_before_signed_sync_can_still_hand_in_its_check_ins(stations, tmp_path):
    clock = stations.clock
    desk = stations.add("desk", "Desk")
    with desk.write() as w:  # as a package made before signed sync would be
        w.execute("DELETE FROM secrets WHERE name = ?", (trust.STATION_KEY,))
    with stations.org.write() as w:
        w.execute("DELETE FROM station_keys WHERE station_id = ?", (own_id(desk),))
    engine = CheckinEngine(desk, clock)
    engine.check_in(stations.people[0].id)
    from checkin.people import attendees

    attendees.add_attendee(desk, clock, display_name="워크인")
    path = tmp_path / "old.ckbundle"
    bundle.export_bundle(desk, path, clock)  # goes out unsigned
    refused(stations.org, path, clock, BundleUnsigned)
    # the organizer, asked explicitly: its own check-ins, nothing else
    [result] = bundle.import_bundles(stations.org, [path], clock, legacy_checkins=True)
    assert not isinstance(result, Exception)
    assert result.merge.inserted.get("checkins") == 1
    assert result.merge.inserted.get("changes", 0) == 0
    # a desk cannot take it that way, and no unsigned bundle may speak for a keyed station
    [other] = bundle.import_bundles(stations.add("d2", "D2"), [path], clock, legacy_checkins=True)
    assert isinstance(other, BundleUnsigned)


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=80),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner,
                                                                max_size=4),
    max_leaves=12,
)  # fmt: skip


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    signer=st.one_of(
        JSONISH,
        st.fixed_dictionaries(
            {
                "station_id": JSONISH,
                "role": st.sampled_from(["organizer", "desk", "scan-only", "x"]),
                "key": st.text("0123456789abcdef", max_size=70),
                "cert": JSONISH,
            }
        ),
    ),
    signature=JSONISH,
    setting_sigs=JSONISH,
)
def test_any_signer_or_signature_shape_is_a_clear_refusal(trio, signer, signature, setting_sigs):
    """Whatever the signer, signature and setting-signature fields hold, the import is a
    clear refusal (never a crash) and changes nothing."""
    org, _desk, _door, base, tmp = trio
    out = tmp / f"shape{next(COUNTER)}.ckbundle"

    def change(body):
        body["signer"] = signer
        body["setting_sigs"] = setting_sigs

    forged = rewrite(base["desk"], out, body_change=change)
    conn = sqlite3.connect(forged)
    body = json.loads(conn.execute("SELECT body FROM manifest").fetchone()[0])
    body["signature"] = signature
    conn.execute("UPDATE manifest SET body = ?", (json.dumps(body),))
    conn.commit()
    conn.close()
    before = everything(org)
    with pytest.raises(BundleRejected):
        bundle.import_bundle(org, forged, FixedClock(MORNING + 10_000))
    assert everything(org) == before
