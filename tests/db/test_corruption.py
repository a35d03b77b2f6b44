"""Damaged event files: a few hundred corruptions, each a clear "damaged", never exit 70
nor a question for a passphrase that could not help."""

from __future__ import annotations

import contextlib
import io
import json
import os
import random

import pytest

from checkin import cli
from checkin.clock import FixedClock
from checkin.event import identity as event
from checkin.people import attendees
from consents import all_agreed

PAGE = 4096


@pytest.fixture(scope="module")
def originals(tmp_path_factory):
    root = tmp_path_factory.mktemp("corrupt")
    clock = FixedClock(1_815_613_200_000)
    made = {}
    for passphrase in (None, "pw"):
        path = root / f"base-{bool(passphrase)}.checkin"
        ef = event.create_event(path, clock=clock, passphrase=passphrase)
        attendees.add_attendees(ef, clock, all_agreed([
            {"display_name": f"김{i}", "category": "guest", "phone": "010-1234-5678",
             "notes": "메모 " * 20} for i in range(200)
        ]))  # fmt: skip
        ef.close()
        made[passphrase] = path.read_bytes()
    return root, made


def _corrupt(rng: random.Random, raw: bytes) -> tuple[str, bytes]:
    data = bytearray(raw)
    kind = rng.choice(["zero-first", "garbage-first", "flip", "truncate", "zero-page",
                       "garbage-page"])  # fmt: skip
    pages = len(data) // PAGE
    if kind == "zero-first":
        data[:PAGE] = bytes(PAGE)
    elif kind == "garbage-first":
        data[:PAGE] = rng.randbytes(PAGE)
    elif kind == "flip":
        for _ in range(rng.randint(1, 30)):
            i = rng.randrange(len(data))
            data[i] ^= 1 << rng.randrange(8)
    elif kind == "truncate":
        data = data[: rng.randrange(len(data))]
    else:
        p = rng.randrange(pages)
        fill = bytes(PAGE) if kind == "zero-page" else rng.randbytes(PAGE)
        data[p * PAGE : (p + 1) * PAGE] = fill
        if p == 0:
            kind = "zero-first" if kind == "zero-page" else "garbage-first"
    return kind, bytes(data)


@pytest.mark.slow
def test_corrupted_event_files_give_a_clear_error(originals, monkeypatch) -> None:
    root, made = originals
    monkeypatch.setenv("PW", "pw")
    rng = random.Random(20261203)
    outcomes: dict[str, int] = {}
    for run in range(200):
        passphrase = rng.choice([None, "pw"])
        kind, data = _corrupt(rng, made[passphrase])
        path = root / f"victim{run % 3}.checkin"
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(f"{path}{suffix}")
        path.write_bytes(data)
        command = rng.choice([
            ["stats", str(path)], ["search", str(path), "김"], ["show", str(path), "DD-0005"],
            ["export", str(path), "--reason", "audit", "--out", str(root / "o.csv")],
            ["add", str(path), "--consent", "--name", "새사람"], ["checkin", str(path), "DD-0007"],
        ])  # fmt: skip
        if passphrase:
            command += ["--passphrase-env", "PW"]
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            code = cli.main([*command, "--json"])
        assert code != 70, (kind, command)
        if code != 0:
            reply = json.loads(out.getvalue().strip().splitlines()[-1])
            # The passphrase given is the right one: whatever fails is the damage. But
            # an encrypted file whose first page was overwritten lost its salt, and with
            # it any way to check a key: "wrong passphrase (or the file is damaged)".
            lost_salt = kind == "garbage-first" and passphrase
            expected = {"file_damaged", "wrong_passphrase"} if lost_salt else {"file_damaged"}
            assert reply["error"] in expected, (kind, passphrase, reply)
            assert reply["message"] and reply["message_ko"]
            outcomes[reply["error"]] = outcomes.get(reply["error"], 0) + 1
    assert outcomes.get("file_damaged", 0) > 50  # the fuzz reaches damaged pages


@pytest.mark.parametrize("given", [None, "pw", "other"])
def test_a_zeroed_first_page_is_damaged(originals, tmp_path, monkeypatch, given) -> None:
    """Not "passphrase required" (a plain file) nor "wrong passphrase" (an encrypted
    one): no passphrase opens a file whose first page was wiped."""
    _root, made = originals
    monkeypatch.setenv("PW", given or "")
    for passphrase in (None, "pw"):
        path = tmp_path / f"zero-{bool(passphrase)}.checkin"
        path.write_bytes(bytes(PAGE) + made[passphrase][PAGE:])
        before = path.read_bytes()
        argv = ["stats", str(path), "--json"] + (["--passphrase-env", "PW"] if given else [])
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert cli.main(argv) == 1
        reply = json.loads(out.getvalue().strip().splitlines()[-1])
        assert reply["error"] == "file_damaged", (passphrase, given)
        assert "damaged" in reply["message"] and "손상" in reply["message_ko"]
        assert path.read_bytes() == before


def _open_error(path, passphrase) -> str:
    from checkin import errors
    from checkin.db.eventfile import open_event_file

    try:
        open_event_file(path, passphrase).close()
    except errors.CheckinError as exc:
        return exc.code
    return "opened"


def test_damage_is_told_apart_from_a_passphrase_problem(originals, tmp_path) -> None:
    """Which answer helps the person: "damaged" (restore a backup), "enter the
    passphrase", or "wrong passphrase" (try again)."""
    _root, made = originals
    rng = random.Random(7)
    path = tmp_path / "e.checkin"
    plain, secret = made[None], made["pw"]
    # a plain file whose first page was overwritten: no passphrase can help
    path.write_bytes(rng.randbytes(PAGE) + plain[PAGE:])
    assert _open_error(path, None) == "file_damaged"
    assert _open_error(path, "pw") == "file_damaged"
    # an encrypted one lost its salt with it: no key can be checked any more
    path.write_bytes(rng.randbytes(PAGE) + secret[PAGE:])
    assert _open_error(path, "pw") == "wrong_passphrase"  # "(or the file is damaged)"
    # an encrypted file with the right passphrase and a bit flipped in its first page
    # (past the salt), or a page damaged further in
    flipped = bytearray(secret)
    flipped[200] ^= 4
    path.write_bytes(bytes(flipped))
    assert _open_error(path, "pw") == "file_damaged"
    assert _open_error(path, "other") == "wrong_passphrase"  # every page refuses that key
    path.write_bytes(secret[: len(secret) // 2])
    assert _open_error(path, "pw") == "file_damaged"
    # intact: still told apart
    path.write_bytes(secret)
    assert _open_error(path, None) == "passphrase_required"
    assert _open_error(path, "other") == "wrong_passphrase"
    assert _open_error(path, "pw") == "opened"


@pytest.mark.parametrize("flip", [
    ("attendees", "consent_version", "consent_versioo"),  # a column's name
    ("attendees_reg_no", "reg_no", "reg_nn"),  # an index's column
    ("attendees", "consent_version TEXT", "consent_version TEXX"),  # a declared type
    ("attendees", "consent_version TEXT", b"consent_version \xd4EXT"),  # no longer UTF-8
    ("attendees", "consents TEXT NOT NULL DEFAULT ''", "consents TEXT NOT NULL DEFAULT '#'"),
])  # fmt: skip
def test_a_flipped_letter_in_the_schema_is_damaged(originals, tmp_path, capsys, flip) -> None:
    """The schema's text reads fine with a letter changed, and the query that needs the
    old name failed later as a bug (exit 70); opening now compares the schema with this
    version's and says "damaged"."""
    import sqlite3

    _root, made = originals
    path = tmp_path / "e.checkin"
    path.write_bytes(made[None])
    name, old, new = flip
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA writable_schema = ON")
        changed = conn.execute(
            "UPDATE sqlite_master SET sql = replace(sql, ?, CAST(? AS TEXT)) WHERE name = ?",
            (old, new, name),
        ).rowcount
        assert changed == 1 and conn.execute(
            "SELECT instr(sql, ?) FROM sqlite_master WHERE name = ?", (old, name)
        ).fetchone() == (0,)
        conn.commit()
    before = path.read_bytes()
    assert _open_error(path, None) == "file_damaged"
    for command in (["search", str(path), "김"], ["stats", str(path)]):
        assert cli.main([*command, "--json"]) == 1
        assert json.loads(capsys.readouterr().out.strip().splitlines()[-1])["error"] == (
            "file_damaged"
        )
    assert path.read_bytes() == before


def test_a_read_only_medium_is_not_called_a_wrong_passphrase(tmp_path) -> None:
    import subprocess

    from checkin import errors
    from checkin.db.eventfile import open_event_file

    folder = tmp_path / "stick"
    folder.mkdir()
    clock = FixedClock(1_815_613_200_000)
    for passphrase in ("pw", None):
        event.create_event(
            folder / f"e{bool(passphrase)}.checkin", clock=clock, passphrase=passphrase
        ).close()
    locked = subprocess.run(["chattr", "-R", "+i", str(folder)], capture_output=True)
    if locked.returncode != 0:
        pytest.skip("cannot make a read-only folder here (chattr)")
    try:
        for passphrase in ("pw", None):
            with pytest.raises(errors.ReadOnlyMedium) as info:
                open_event_file(folder / f"e{bool(passphrase)}.checkin", passphrase)
            assert "read-only" in info.value.en and "읽기 전용" in info.value.ko
        with pytest.raises(errors.WrongPassphrase):  # still told apart
            open_event_file(folder / "eTrue.checkin", "wrong")
    finally:
        subprocess.run(["chattr", "-R", "-i", str(folder)], check=True)
