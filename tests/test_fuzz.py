"""Fuzzing what comes from outside: badge codes, CSV and XLSX files, sync bundles.

Thousands of generated inputs; the only failures allowed are our clear errors
(``CheckinError``, and ``CodeError`` from the code parser, which the engine turns into
an "invalid" result), and a rejected input leaves the event file's content as it was
(a hash of every table; the logs of refused attempts, ``sync_history`` and
``scan_attempts``, are allowed to grow: that is what they are for).

Example counts stay modest for CI (about 3,000 in all, ~20 s). Set
``CHECKIN_FUZZ_SCALE=20`` (for example) for a long run; the heavier file fuzzers are
marked ``slow``.
"""

from __future__ import annotations

import hashlib
import io
import os
import zipfile

import openpyxl
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from checkin import errors
from checkin.clock import FixedClock
from checkin.door import codes
from checkin.door.engine import CheckinEngine
from checkin.event import identity as event
from checkin.lists import importer
from checkin.models import Status
from checkin.people import attendees
from checkin.sync import bundle, provision

SCALE = max(1, int(os.environ.get("CHECKIN_FUZZ_SCALE", "1")))
MORNING = 1_815_613_200_000
LOG_TABLES = {"sync_history", "scan_attempts"}


def fuzz(n: int) -> settings:
    return settings(
        max_examples=n * SCALE,
        deadline=None,
        derandomize=SCALE == 1,  # CI: the same inputs every run; long runs explore
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        database=None,
    )


def content_hash(ef) -> str:
    h = hashlib.sha256()
    tables = [
        r[0]
        for r in ef.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        )
        if r[0] not in LOG_TABLES
    ]
    for table in tables:
        h.update(f"#{table}".encode())
        for row in ef.conn.execute(f'SELECT * FROM "{table}" ORDER BY 1'):
            h.update(repr(tuple(row)).encode())
    return h.hexdigest()


class World(dict):
    """What the fuzzers share; a short repr (Hypothesis prints it with a failure)."""

    def __init__(self, root, clock, org, desk, people, good) -> None:
        super().__init__(root=root, clock=clock, org=org, desk=desk, people=people)
        self.good = good

    def __getitem__(self, key):
        return self.good.read_bytes() if key == "bundle" else super().__getitem__(key)

    def __repr__(self) -> str:
        return "<fuzz world>"


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzz")
    clock = FixedClock(MORNING)
    org = event.create_event(root / "org.checkin", name="행사", date="2027-07-14", clock=clock)
    people = attendees.add_attendees(
        org, clock, [{"display_name": f"참가자{i}", "category": "guest"} for i in range(5)]
    )
    desk_path = root / "desk.checkin"
    provision.provision(org, desk_path, clock, station_name="데스크", role="desk")
    from checkin.db.eventfile import open_event_file

    desk = open_event_file(desk_path)
    CheckinEngine(desk, clock).check_in(people[0].id, method="search")
    good = root / "good.ckbundle"
    bundle.export_bundle(desk, good, clock, full=True)
    yield World(root, clock, org, desk, people, good)
    desk.close()
    org.close()


# --- badge codes ----------------------------------------------------------------------

CODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def code_like() -> st.SearchStrategy[str]:
    """Strings near real codes: the prefix, base32 of the right length, junk mixed in."""
    body = st.text(alphabet=CODE_ALPHABET, min_size=0, max_size=60)
    return st.one_of(
        st.text(max_size=80),
        st.builds(lambda b: codes.PREFIX + b, body),
        st.builds(lambda b, j: codes.PREFIX + b + j, body, st.text(max_size=4)),
        st.binary(max_size=60).map(lambda b: b.decode("latin-1")),
    )


@fuzz(1500)
@given(text=code_like())
def test_the_code_parser_fails_only_with_code_error(text):
    try:
        parsed = codes.parse(text)
    except codes.CodeError:
        return
    assert len(parsed.attendee_id) == 32 and parsed.version >= 0


@fuzz(400)
@given(text=code_like())
def test_a_scan_of_anything_changes_nothing_but_the_attempt_log(world, text):
    ef = world["org"]
    before = content_hash(ef)
    result = CheckinEngine(ef, world["clock"]).scan(text)
    assert result.status is not Status.OK
    assert content_hash(ef) == before


@fuzz(300)
@given(data=st.data())
def test_a_tampered_genuine_code_is_never_admitted(world, data):
    ef = world["org"]
    genuine = event.badge_code(ef, world["people"][1].id, 1)
    i = data.draw(st.integers(0, len(genuine) - 1))
    ch = data.draw(st.sampled_from(CODE_ALPHABET))
    assume(genuine[i] != ch)
    tampered = genuine[:i] + ch + genuine[i + 1 :]
    with pytest.raises(codes.CodeError):
        event.verifier(ef).verify(tampered)


# --- CSV and XLSX import ----------------------------------------------------------------

HEADERS = ["이름", "연락처", "구분", "소속", "name", "phone", "email", "비고", ""]
CELL = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["탈북민", "기자", "010-1234-5678", "=1+1", "@x", "\x00", '"', "\r\n"]),
)


def csv_bytes() -> st.SearchStrategy[bytes]:
    table = st.lists(st.lists(CELL, min_size=0, max_size=6), min_size=0, max_size=8)

    def render(header: list[str], rows: list[list[str]], sep: str, enc: str) -> bytes:
        lines = [sep.join(header), *(sep.join(r) for r in rows)]
        return "\r\n".join(lines).encode(enc, errors="replace")

    return st.one_of(
        st.binary(max_size=300),
        st.builds(
            render,
            st.lists(st.sampled_from(HEADERS), max_size=5),
            table,
            st.sampled_from([",", ";", "\t", "|"]),
            st.sampled_from(["utf-8", "cp949", "utf-16"]),
        ),
    )


def import_changes_nothing_on_rejection(world, data: bytes, name: str) -> None:
    ef = world["org"]
    path = world["root"] / name
    path.write_bytes(data)
    before = content_hash(ef)
    try:
        _plan, result = importer.import_file(ef, world["clock"], path)
    except errors.CheckinError:
        assert content_hash(ef) == before
        return
    if result is None:
        assert content_hash(ef) == before  # a plan with errors imports nothing


@pytest.mark.slow
@fuzz(300)
@given(data=csv_bytes())
def test_csv_import_of_anything(world, data):
    import_changes_nothing_on_rejection(world, data, "in.csv")


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _mutated_zip(base: bytes, member: str, payload: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(base))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = payload if info.filename == member else src.read(info.filename)
            dst.writestr(info.filename, data)
    return out.getvalue()


XML_JUNK = st.one_of(
    st.binary(max_size=200),
    st.sampled_from([
        b"<worksheet/>", b"<?xml version='1.0'?><sst><si><t>x</t></si>",
        b"<!DOCTYPE a [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><a>&e;</a>",
        b"<!DOCTYPE l [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;&a;'>]><x>&b;</x>",
        b"<worksheet xmlns='http://schemas.openxmlformats.org/spreadsheetml/2006/main'>"
        b"<sheetData><row r='1'><c r='ZZZZZZ99999999' t='s'><v>999</v></c></row></sheetData>"
        b"</worksheet>",
    ]),
)  # fmt: skip


GOOD_XLSX = xlsx_bytes([["이름", "연락처", "구분"], ["김민수", "010-1234-5678", "탈북민"]])
XLSX_MEMBERS = zipfile.ZipFile(io.BytesIO(GOOD_XLSX)).namelist()
FLIPS = st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)),
                 min_size=1, max_size=8)  # fmt: skip


def flipped(good: bytes, flips: list[tuple[float, int]]) -> bytes:
    raw = bytearray(good)
    for where, value in flips:
        raw[int(where * len(raw))] = value
    return bytes(raw)


def _xlsx_or_empty(rows: list[list[object]]) -> bytes:
    try:
        return xlsx_bytes(rows)
    except Exception:  # openpyxl refuses to write it: not an input anyone can make
        return b""


XLSX_CELLS = st.one_of(CELL, st.integers(), st.floats(allow_nan=True), st.booleans(), st.none())
XLSX_BLOBS = st.one_of(
    FLIPS.map(lambda f: flipped(GOOD_XLSX, f)),
    st.integers(4, len(GOOD_XLSX) - 1).map(lambda n: GOOD_XLSX[:n]),
    st.builds(lambda m, j: _mutated_zip(GOOD_XLSX, m, j), st.sampled_from(XLSX_MEMBERS), XML_JUNK),
    st.lists(st.lists(XLSX_CELLS, max_size=5), max_size=6).map(_xlsx_or_empty),
)


@pytest.mark.slow
@fuzz(200)
@given(blob=XLSX_BLOBS)
def test_xlsx_import_of_broken_workbooks(world, blob):
    assume(blob)
    import_changes_nothing_on_rejection(world, blob, "in.xlsx")


# --- sync bundles -----------------------------------------------------------------------


@pytest.mark.slow
@fuzz(150)
@given(
    damage=st.one_of(
        FLIPS.map(lambda f: ("flip", f)),
        st.floats(0, 1, exclude_max=True).map(lambda f: ("truncate", f)),
        st.binary(max_size=2048).map(lambda b: ("random", b)),
    )
)
def test_a_damaged_bundle_is_refused_and_changes_nothing(world, damage):
    good = world["bundle"]
    kind, detail = damage
    if kind == "flip":
        blob = flipped(good, detail)
    elif kind == "truncate":
        blob = good[: int(detail * len(good))]
    else:
        blob = detail
    assume(blob != good)
    path = world["root"] / "in.ckbundle"
    path.write_bytes(blob)
    ef = world["org"]
    before = content_hash(ef)
    try:
        bundle.import_bundle(ef, path, world["clock"])
    except errors.CheckinError:
        assert content_hash(ef) == before
        return
    # a flip in free space can leave a bundle that still checks out: then it merged
    # exactly the genuine rows, and importing the genuine bundle adds nothing more
    good_path = world["root"] / "good-again.ckbundle"
    good_path.write_bytes(good)
    assert bundle.import_bundle(ef, good_path, world["clock"]).imported == 0
