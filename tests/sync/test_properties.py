"""Property tests: any order or grouping of merges, any path, any clock skew: one state."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_support import EVENT_MORNING_MS, Stations

from checkin.clock import FixedClock
from checkin.db.eventfile import open_event_file
from checkin.door.engine import CheckinEngine
from checkin.errors import CheckinError
from checkin.event import settings as settings_mod
from checkin.people import attendees
from checkin.sync import bundle, dump, folder, hub
from consents import everything

N_PEOPLE = 4

op = st.one_of(
    st.tuples(st.just("entry"), st.integers(0, N_PEOPLE - 1)),
    st.tuples(st.just("exit"), st.integers(0, N_PEOPLE - 1)),
    st.tuples(st.just("undo"), st.integers(0, N_PEOPLE - 1)),
    st.tuples(
        st.just("edit"),
        st.integers(0, N_PEOPLE - 1),
        st.sampled_from(["organization", "display_name", "notes", "status"]),
        st.integers(0, 3),
    ),
    st.tuples(st.just("setting"), st.sampled_from(["venue", "name_en"]), st.integers(0, 3)),
    st.tuples(st.just("walkin"), st.integers(0, 99)),
)
# (station index, operation, clock step in ms: negative = the laptop's clock goes back)
step = st.tuples(st.integers(0, 2), op, st.integers(-180_000, 180_000))
scenario = st.lists(step, min_size=1, max_size=25)
skews = st.lists(st.integers(-600_000, 600_000), min_size=3, max_size=3)


def build(root: Path, steps, skew, stripped_gate: bool = False) -> Stations:
    clock = FixedClock(EVENT_MORNING_MS)
    made = Stations(root, clock)
    made.people = attendees.add_attendees(
        made.org, clock, [{"display_name": f"참가자{i}", "phone": f"010-0000-000{i}",
                           "consents": everything()} for i in range(N_PEOPLE)],
    )  # fmt: skip
    keys = ["s0", "s1", "s2"]
    for i, key in enumerate(keys):
        role = "scan-only" if (stripped_gate and i == 2) else "desk"
        made.add(key, f"Station {i}", role=role, personal=not (stripped_gate and i == 2))
    clocks = [FixedClock(EVENT_MORNING_MS + s) for s in skew]

    def seqs() -> int:
        return sum(made.files[k].conn.execute("SELECT seq FROM local").fetchone()[0] for k in keys)

    before = seqs()
    for index, operation, delta in steps:
        ef = made.files[keys[index]]
        clk = clocks[index]
        clk.advance(delta)
        kind = operation[0]
        try:
            if kind in ("entry", "exit"):
                CheckinEngine(ef, clk).check_in(made.people[operation[1]].id, direction=kind)
            elif kind == "undo":
                CheckinEngine(ef, clk).undo(made.people[operation[1]].id, reason="실수")
            elif kind == "edit":
                _, who, field, value = operation
                new = ("registered", "cancelled")[value % 2] if field == "status" else f"v{value}"
                attendees.update(ef, clk, made.people[who].id, {field: new})
            elif kind == "setting":
                settings_mod.update(ef, clk, {operation[1]: f"값 {operation[2]}"})
            else:
                attendees.add_attendee(ef, clk, display_name=f"워크인 {operation[1]}")
        except CheckinError:
            pass  # nothing to undo, scan-only cannot edit, ...
    # Rows the stations wrote (an undo may find nothing to undo, an edit change nothing).
    made.written = seqs() - before
    return made


def export_all(made: Stations, keys, folder_path: Path) -> list[Path]:
    paths = []
    for key in keys:
        path = folder_path / f"{key}.ckbundle"
        bundle.export_bundle(made.files[key], path, made.clock, full=True)
        paths.append(path)
    return paths


@pytest.mark.slow
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=scenario, skew=skews, order=st.permutations([0, 1, 2]), chain=st.booleans())
def test_any_order_or_grouping_gives_the_same_state(steps, skew, order, chain) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        made = build(root, steps, skew)
        try:
            paths = export_all(made, ["s0", "s1", "s2"], root)
            org = made.org
            first = [bundle.import_bundle(org, p, made.clock) for p in paths]
            reference = dump.digest(org.conn)
            # importing again changes nothing
            for p in paths:
                assert bundle.import_bundle(org, p, made.clock).imported == 0
            assert dump.digest(org.conn) == reference
            assert sum(r.imported for r in first) > 0 or not made.written
            # another receiver, another order, maybe through a relay chain
            other = made.add("r", "Receiver")
            if chain:
                a, b, c = (made.files[f"s{i}"] for i in order)
                relay = root / "relay.ckbundle"
                bundle.export_bundle(a, relay, made.clock, full=True)
                bundle.import_bundle(b, relay, made.clock)
                relay2 = root / "relay2.ckbundle"
                bundle.export_bundle(b, relay2, made.clock, full=True)
                bundle.import_bundle(c, relay2, made.clock)
                relay3 = root / "relay3.ckbundle"
                bundle.export_bundle(c, relay3, made.clock, full=True)
                bundle.import_bundle(other, relay3, made.clock)
            else:
                for i in order:
                    bundle.import_bundle(other, paths[i], made.clock)
            assert dump.digest(other.conn) == reference
        finally:
            made.close()


@pytest.mark.slow
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(steps=scenario, skew=skews)
def test_usb_folder_and_hub_converge_to_the_same_state(postgres_server, steps, skew) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        made = build(root, steps, skew, stripped_gate=True)
        try:
            keys = ["s0", "s1", "s2", "org"]
            # 1. USB: everyone's bundle to the organizer, then the organizer's to everyone
            usb = root / "usb"
            usb.mkdir()
            saved = {k: made.files[k].path for k in keys}
            copies = {}
            for k in keys:
                made.files[k].close()
                for suffix in ("", "-wal", "-shm"):
                    if Path(f"{saved[k]}{suffix}").exists():
                        shutil.copy(f"{saved[k]}{suffix}", f"{saved[k]}.f{suffix}")
                        shutil.copy(f"{saved[k]}{suffix}", f"{saved[k]}.h{suffix}")
                copies[k] = (Path(f"{saved[k]}.f"), Path(f"{saved[k]}.h"))
                made.files[k] = open_event_file(saved[k])
            made.org = made.files["org"]
            for k in ["s0", "s1", "s2"]:
                p = usb / f"{k}.ckbundle"
                bundle.export_bundle(made.files[k], p, made.clock)
                bundle.import_bundle(made.org, p, made.clock)
            for k in ["s0", "s1", "s2"]:
                p = usb / f"org-{k}.ckbundle"
                bundle.export_bundle(made.org, p, made.clock, full=True)
                bundle.import_bundle(made.files[k], p, made.clock)
            usb_digests = {k: dump.digest(made.files[k].conn) for k in keys}
            # 2. the same files through a shared folder, two rounds
            shared = root / "shared"
            shared.mkdir()
            folder_files = {k: open_event_file(copies[k][0]) for k in keys}
            for _ in range(2):
                for k in keys:
                    folder.sync_folder(folder_files[k], shared, made.clock)
            folder_digests = {k: dump.digest(folder_files[k].conn) for k in keys}
            # 3. the same files through the hub, two rounds
            url = postgres_server.new_database()
            hub_files = {k: open_event_file(copies[k][1]) for k in keys}
            for _ in range(2):
                for k in keys:
                    hub.sync_hub(hub_files[k], url, made.clock)
            hub_digests = {k: dump.digest(hub_files[k].conn) for k in keys}
            full = [usb_digests[k] for k in ("s0", "s1", "org")]
            assert len(set(full)) == 1
            assert {folder_digests[k] for k in ("s0", "s1", "org")} == set(full)
            assert {hub_digests[k] for k in ("s0", "s1", "org")} == set(full)
            # the stripped gate agrees with itself on every path (it has no personal data)
            assert usb_digests["s2"] == folder_digests["s2"] == hub_digests["s2"]
            # the hub holds exactly the union of all check-ins
            import psycopg

            with psycopg.connect(url) as pg:
                on_hub = {
                    r[0]
                    for r in pg.execute(
                        "SELECT station_id || ':' || seq FROM checkin_hub_sealed WHERE log = 'checkins'"
                    )
                }
            union = set()
            for k in keys:
                union |= {
                    f"{s}:{q}"
                    for s, q in hub_files[k].conn.execute("SELECT station_id, seq FROM checkins")
                }
            assert on_hub == union
            ids = {r[0] for r in hub_files["org"].conn.execute("SELECT id FROM checkins")}
            for k in keys:
                assert {r[0] for r in hub_files[k].conn.execute("SELECT id FROM checkins")} == ids
            for ef in [*folder_files.values(), *hub_files.values()]:
                ef.close()
        finally:
            made.close()


@pytest.mark.slow
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    skew=st.integers(-900_000, 900_000),
    back=st.integers(0, 900_000),
    first_station=st.integers(0, 1),
)
def test_a_later_edit_wins_whatever_the_clocks_say(skew, back, first_station) -> None:
    """B edits after seeing A's edit: B wins everywhere, even with B's clock behind."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        clock = FixedClock(EVENT_MORNING_MS)
        made = Stations(root, clock)
        try:
            person = attendees.add_attendee(made.org, clock, display_name="시계",
                                            consents=everything())  # fmt: skip
            a = made.add("a", "A")
            b = made.add("b", "B")
            first, second = (a, b) if first_station == 0 else (b, a)
            clock_a = FixedClock(EVENT_MORNING_MS + skew)
            attendees.update(first, clock_a, person.id, {"organization": "먼저"})
            p = root / "1.ckbundle"
            bundle.export_bundle(first, p, clock)
            bundle.import_bundle(second, p, clock)
            clock_b = FixedClock(EVENT_MORNING_MS - back)  # behind, even going backwards
            attendees.update(second, clock_b, person.id, {"organization": "나중"})
            for src, dst, name in ((second, first, "2"), (first, made.org, "3"),
                                   (second, made.org, "4")):  # fmt: skip
                q = root / f"{name}.ckbundle"
                bundle.export_bundle(src, q, clock, full=True)
                bundle.import_bundle(dst, q, clock)
            for ef in (a, b, made.org):
                assert attendees.get(ef, person.id).organization == "나중"
        finally:
            made.close()


IMPORTER = textwrap.dedent(
    """
    import sys
    from checkin.clock import SYSTEM_CLOCK
    from checkin.db.eventfile import open_event_file
    from checkin.sync import bundle

    ef = open_event_file(sys.argv[1])
    print("start", flush=True)
    bundle.import_bundle(ef, sys.argv[2], SYSTEM_CLOCK)
    print("done", flush=True)
    """
)


@pytest.mark.slow
@pytest.mark.parametrize("delay_share", [0.0, 0.2, 0.5, 0.8, 1.5])
def test_killed_mid_import_leaves_the_file_before_or_fully_merged(tmp_path, delay_share):
    import time

    clock = FixedClock(EVENT_MORNING_MS)
    made = Stations(tmp_path, clock)
    people = attendees.add_attendees(made.org, clock, [{"display_name": f"p{i}"}
                                                       for i in range(2000)])  # fmt: skip
    door = made.add("door", "Door")
    receiver = made.add("recv", "Receiver")
    engine = CheckinEngine(door, clock)
    for i in range(6000):
        clock.advance(7)
        engine.check_in(people[i % 2000].id, direction="entry" if (i // 2000) % 2 == 0 else "exit")
    path = tmp_path / "door.ckbundle"
    bundle.export_bundle(door, path, clock)
    before = dump.digest(receiver.conn)
    receiver.close()
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{tmp_path / 'recv.checkin'}{suffix}").exists():
            shutil.copy(
                f"{tmp_path / 'recv.checkin'}{suffix}", f"{tmp_path / 'ref.checkin'}{suffix}"
            )
    with open_event_file(tmp_path / "ref.checkin") as ref:
        started = time.perf_counter()
        bundle.import_bundle(ref, path, clock)
        took = time.perf_counter() - started
        after = dump.digest(ref.conn)
    script = tmp_path / "importer.py"
    script.write_text(IMPORTER, encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, str(script), str(tmp_path / "recv.checkin"), str(path)],
        stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )  # fmt: skip
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "start"
    time.sleep(took * delay_share)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    with open_event_file(tmp_path / "recv.checkin") as ef:
        assert ef.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        now = dump.digest(ef.conn)
        assert "sync_bundle" not in {r[1] for r in ef.conn.execute("PRAGMA database_list")}
    assert now in (before, after)
    made.close()
