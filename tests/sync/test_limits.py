"""Bounded bundle input: hostile or malformed bundles are refused clearly and quickly.

Every forged bundle here gets a correct checksum (anyone can compute it) and, as if
the door's own key had been stolen, a valid signature (``checkin.sync.trust``), so what
refuses it is the limit or the shape check, not the checksum or the signature.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_support import Stations

from checkin import cli
from checkin.clock import FixedClock
from checkin.door.engine import CheckinEngine
from checkin.errors import CheckinError
from checkin.sync import bundle, dump, folder, limits, trust
from checkin.sync.errors import (
    BundleMalformed,
    BundleNewerSchema,
    BundleNotEncrypted,
    BundleRejected,
    BundleTooLarge,
)


def snapshot(ef) -> str:
    return dump.digest(ef.conn)


_SIGNERS: dict[Path, object] = {}  # bundle path -> the station file whose key signs it


def door_bundle(stations, tmp_path, name="door.ckbundle") -> Path:
    door = stations.files.get("door") or stations.add("door", "Door")
    CheckinEngine(door, stations.clock).check_in(stations.people[0].id)
    path = tmp_path / name
    bundle.export_bundle(door, path, stations.clock, full=True)
    _SIGNERS[path] = door
    return path


def forge(path: Path, change=None, sql: str = "") -> None:
    """Rewrite a plain bundle's manifest (and run ``sql``), then recompute its checksum."""
    conn = sqlite3.connect(path)
    if sql:
        conn.executescript(sql)
    row = conn.execute("SELECT body FROM manifest").fetchone()
    body = json.loads(row[0])
    if change is not None:
        change(body)
    # a shape the checksum cannot even be computed for is left as it is
    with contextlib.suppress(Exception):
        body["checksum"] = bundle.checksum(conn, "main", body)
    door = _SIGNERS.get(path)
    if door is not None:  # signed again with the door's own key
        with contextlib.suppress(Exception):
            key, signer = trust.own_signer(door.conn)
            body["signer"] = signer
            body["signature"] = trust.sign_body(key, body)
    conn.execute("UPDATE manifest SET body = ?", (json.dumps(body, ensure_ascii=False),))
    conn.commit()
    conn.close()


def refused(stations, path, kind=BundleRejected) -> BundleRejected:
    before = snapshot(stations.org)
    with pytest.raises(kind) as info:
        bundle.import_bundle(stations.org, path, stations.clock)
    assert "Nothing was changed" in info.value.en and "변경하지 않았습니다" in info.value.ko
    assert snapshot(stations.org) == before
    return info.value


def test_a_forged_bundle_that_passes_the_checksum_is_still_imported(stations, tmp_path) -> None:
    """The forging helper itself makes bundles that the checksum accepts."""
    path = door_bundle(stations, tmp_path)
    forge(path, lambda b: b.update(created_at=b["created_at"] + 1))
    assert bundle.import_bundle(stations.org, path, stations.clock).imported == 1


def test_a_five_megabyte_station_name_is_refused(stations, tmp_path) -> None:
    path = door_bundle(stations, tmp_path)
    forge(path, lambda b: b["sender"].update(name="가" * 5_000_000))
    refused(stations, path, BundleTooLarge)  # the manifest alone is over its limit
    path = door_bundle(stations, tmp_path, "d1.ckbundle")
    forge(path, lambda b: b["sender"].update(name="가" * 1000))
    assert "station name" in refused(stations, path, BundleTooLarge).en
    path = door_bundle(stations, tmp_path, "d2.ckbundle")
    forge(path, lambda b: b["stations"].append({"station_id": "x" * 32, "name": "n" * 10_000}))
    refused(stations, path, BundleTooLarge)


def test_a_huge_name_inside_a_row_is_refused(stations, tmp_path) -> None:
    path = door_bundle(stations, tmp_path)
    forge(path, sql="UPDATE checkins SET station_name = printf('%.*c', 5000000, 'x');")
    err = refused(stations, path, BundleTooLarge)
    assert "checkins.station_name" in err.en


def test_a_huge_field_inside_a_row_is_refused(stations, tmp_path, monkeypatch) -> None:
    path = door_bundle(stations, tmp_path)
    monkeypatch.setattr(limits, "MAX_FIELD_BYTES", 4096)
    forge(path, sql="UPDATE checkins SET attendee_id = printf('%.*c', 5000, 'x');")
    refused(stations, path, BundleTooLarge)


def test_an_unknown_list_is_refused(stations, tmp_path) -> None:
    path = door_bundle(stations, tmp_path)
    forge(path, sql="CREATE TABLE guests (name TEXT); INSERT INTO guests VALUES ('x');")
    assert "unknown list" in refused(stations, path, BundleMalformed).en
    path = door_bundle(stations, tmp_path, "d2.ckbundle")

    def add_list(body):
        body["tables"]["guests"] = {"columns": ["station_id", "seq"], "rows": 0}

    forge(path, add_list, sql="CREATE TABLE guests (station_id TEXT, seq INTEGER);")
    refused(stations, path, BundleNewerSchema)


@pytest.mark.parametrize(
    "bomb",
    [
        # a manifest that is a view computing a 2 GB string on reading
        "ALTER TABLE manifest RENAME TO m0; CREATE VIEW manifest AS SELECT "
        "printf('%.*c', 2000000000, 'x') AS body;",
        # a log that is a view of a billion rows
        "DROP TABLE checkins; CREATE VIEW checkins AS WITH RECURSIVE n(i) AS "
        "(SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) "
        "SELECT 'a' AS station_id, i AS seq FROM n;",
        # a computed column expanding on every read
        "DROP TABLE print_log; CREATE TABLE print_log (station_id TEXT, seq INTEGER, "
        "big TEXT GENERATED ALWAYS AS (printf('%.*c', 1000000000, 'x')) VIRTUAL);"
        "",
        # a trigger (never run by a reader, but never in a bundle either)
        "CREATE TRIGGER t AFTER INSERT ON checkins BEGIN SELECT 1; END;",
    ],
    ids=["view-manifest", "view-log", "generated-column", "trigger"],
)
def test_a_zip_bomb_like_bundle_is_refused_quickly(stations, tmp_path, bomb) -> None:
    path = door_bundle(stations, tmp_path)
    conn = sqlite3.connect(path)
    conn.executescript(bomb)
    conn.commit()
    conn.close()
    started = time.monotonic()
    refused(stations, path, BundleMalformed)
    assert time.monotonic() - started < 2.0


def test_a_file_over_the_size_limit_is_refused_before_reading(
    stations, tmp_path, monkeypatch
) -> None:
    path = door_bundle(stations, tmp_path)
    monkeypatch.setattr(limits, "MAX_BUNDLE_BYTES", path.stat().st_size - 1)
    opened = []
    real_open = Path.open
    monkeypatch.setattr(Path, "open", lambda self, *a, **k: opened.append(self) or real_open(
        self, *a, **k))  # fmt: skip
    refused(stations, path, BundleTooLarge)
    assert path not in opened


def test_a_manifest_over_the_size_limit_is_refused(stations, tmp_path, monkeypatch) -> None:
    path = door_bundle(stations, tmp_path)
    forge(path, lambda b: b.update(padding="x" * 100_000))
    monkeypatch.setattr(limits, "MAX_MANIFEST_BYTES", 50_000)
    refused(stations, path, BundleTooLarge)


def test_too_many_rows_are_refused(stations, tmp_path, monkeypatch) -> None:
    path = door_bundle(stations, tmp_path)
    monkeypatch.setattr(limits, "MAX_ROWS_PER_LOG", 0)
    refused(stations, path, BundleRejected)


def test_a_row_count_other_than_the_manifest_says_is_refused(stations, tmp_path) -> None:
    path = door_bundle(stations, tmp_path)
    forge(path, lambda b: b["tables"]["checkins"].update(rows=0))
    refused(stations, path, BundleRejected)


def test_a_deeply_nested_manifest_is_refused(stations, tmp_path) -> None:
    path = door_bundle(stations, tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE manifest SET body = ?", ("[" * 200_000 + "]" * 200_000,))
    conn.commit()
    conn.close()
    refused(stations, path, BundleRejected)


def test_a_plain_bundle_is_refused_by_an_encrypted_event(tmp_path) -> None:
    clock = FixedClock(1_815_613_200_000)
    (tmp_path / "plain").mkdir()
    (tmp_path / "secret").mkdir()
    plain = Stations(tmp_path / "plain", clock)
    secret = Stations(tmp_path / "secret", clock, passphrase="비밀 암호")
    try:
        path = tmp_path / "plain.ckbundle"
        bundle.export_bundle(plain.org, path, clock, full=True)
        # made to look like the encrypted event's own: its event id
        event_id = secret.org.conn.execute("SELECT event_id FROM event").fetchone()[0]
        forge(path, lambda b: b.update(event_id=event_id))
        before = snapshot(secret.org)
        with pytest.raises(BundleNotEncrypted) as info:
            bundle.import_bundle(secret.org, path, clock)
        assert "not encrypted" in info.value.en and "암호화" in info.value.ko
        assert snapshot(secret.org) == before
    finally:
        plain.close()
        secret.close()


def test_the_folder_loop_skips_a_bad_file_reports_it_and_keeps_going(
    stations, tmp_path, capsys
) -> None:
    """`sync folder --every`: a bomb in the shared folder is reported; a good one goes in."""
    share = tmp_path / "share"
    share.mkdir()
    door = stations.add("door", "Door")
    desk = stations.add("desk", "Desk")
    CheckinEngine(door, stations.clock).check_in(stations.people[1].id)
    folder.sync_folder(door, share, stations.clock)
    bomb = share / "bomb.ckbundle"
    shutil.copy(share / folder.bundle_name(door.conn.execute(
        "SELECT station_id FROM local").fetchone()[0]), bomb)  # fmt: skip
    conn = sqlite3.connect(bomb)
    conn.executescript(
        "ALTER TABLE manifest RENAME TO m0; CREATE VIEW manifest AS SELECT "
        "printf('%.*c', 2000000000, 'x') AS body;"
    )
    conn.close()
    (share / "junk.ckbundle").write_bytes(b"\0" * 4096)
    desk_path = desk.path
    desk.close()
    del stations.files["desk"]
    started = time.monotonic()
    code = cli.main(["sync", "folder", str(desk_path), str(share), "--every", "0.01",
                     "--rounds", "2", "--json"])  # fmt: skip
    assert time.monotonic() - started < 20
    assert code == 0
    rounds = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line]
    assert len(rounds) == 2
    for r in rounds:
        bad = {item["file"]: item["error"] for item in r["refused"]}
        assert bad["bomb.ckbundle"] == "bundle_malformed"
        assert "junk.ckbundle" in bad
    assert rounds[0]["imported"] >= 1


# --- Hypothesis over manifest shapes ---------------------------------------------------

JUNK = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=12,
)  # fmt: skip
KEYS = [
    "format", "version", "event_id", "schema", "created_at", "sender", "vector", "ranges",
    "tables", "stations", "peers", "checksum",
]  # fmt: skip


def _paths(body, prefix=()):
    """Every (key path) inside a manifest, to replace or delete."""
    yield prefix
    if isinstance(body, dict):
        for k, v in body.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(body, list):
        for i, v in enumerate(body):
            yield from _paths(v, (*prefix, i))


@pytest.fixture(scope="module")
def shapes_world(tmp_path_factory):
    root = tmp_path_factory.mktemp("shapes")
    clock = FixedClock(1_815_613_200_000)
    made = Stations(root, clock)
    from checkin.people import attendees

    made.people = attendees.add_attendees(
        made.org, clock, [{"display_name": "김민수", "category": "defector"}]
    )
    door = made.add("door", "Door")
    CheckinEngine(door, clock).check_in(made.people[0].id)
    original = root / "door.ckbundle"
    bundle.export_bundle(door, original, clock, full=True)
    conn = sqlite3.connect(original)
    body = json.loads(conn.execute("SELECT body FROM manifest").fetchone()[0])
    conn.close()
    yield made, original, body, root
    made.close()


@settings(
    max_examples=150, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)  # fmt: skip
@given(data=st.data())
def test_any_manifest_shape_is_a_clear_refusal_or_a_clean_import(shapes_world, data) -> None:
    made, original, body, root = shapes_world
    paths = [p for p in _paths(body) if p]
    target = data.draw(st.sampled_from(paths + [(k,) for k in KEYS]))
    action = data.draw(st.sampled_from(["replace", "delete"]))
    value = data.draw(JUNK)

    def change(b):
        node = b
        for part in target[:-1]:
            node = node[part]
        if action == "delete" and isinstance(node, dict):
            node.pop(target[-1], None)
        elif isinstance(node, dict) or (isinstance(node, list) and target[-1] < len(node)):
            node[target[-1]] = value

    path = root / "forged.ckbundle"
    shutil.copy(original, path)
    try:
        forge(path, change)
    except (KeyError, IndexError, TypeError):
        return
    before = snapshot(made.org)
    try:
        bundle.import_bundle(made.org, path, made.clock)
    except CheckinError as exc:
        assert exc.en and exc.ko
        assert snapshot(made.org) == before
        assert "sync_bundle" not in {r[1] for r in made.org.conn.execute("PRAGMA database_list")}


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])  # fmt: skip
@given(value=JUNK, key=st.sampled_from(KEYS))
def test_the_command_line_never_calls_a_malformed_manifest_a_bug(shapes_world, value, key):
    made, original, _body, root = shapes_world
    path = root / "cli.ckbundle"
    shutil.copy(original, path)
    forge(path, lambda b: b.update({key: value}))
    code = cli.main(["sync", "import", str(made.org.path), str(path), "--json"])
    assert code != 70


def test_a_check_in_on_an_unknown_list_is_refused(stations, tmp_path) -> None:
    path = door_bundle(stations, tmp_path)
    forge(path, sql="UPDATE checkins SET list = 'vip-lounge';")
    assert "vip-lounge" in refused(stations, path, BundleMalformed).en


def test_a_list_the_organizer_added_is_known(stations, tmp_path) -> None:
    from checkin.event import settings as settings_mod

    clock = stations.clock
    door = stations.add("door", "Door")
    lists = [{"id": "main", "ko": "본 행사장", "en": "Main hall"},
             {"id": "hall-b", "ko": "B홀", "en": "Hall B"}]  # fmt: skip
    # only the organizer changes settings (checkin.sync.trust): the door learns the list
    settings_mod.update(stations.org, clock, {"lists": lists})
    org_bundle = tmp_path / "org.ckbundle"
    bundle.export_bundle(stations.org, org_bundle, clock, full=True)
    bundle.import_bundle(door, org_bundle, clock)
    CheckinEngine(door, clock).check_in(stations.people[0].id, list="hall-b")
    path = tmp_path / "door.ckbundle"
    bundle.export_bundle(door, path, clock, full=True)
    assert bundle.import_bundle(stations.org, path, clock).imported >= 1
