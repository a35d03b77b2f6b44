"""Damaged event files: a few hundred corruptions, each a clear error, never exit 70."""

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
CLEAR = {"file_damaged", "not_an_event_file", "wrong_passphrase", "passphrase_required"}


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
    kind = rng.choice(["zero-first", "flip", "truncate", "zero-page", "garbage-page"])
    pages = len(data) // PAGE
    if kind == "zero-first":
        data[:PAGE] = bytes(PAGE)
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
        ])  # fmt: skip
        if passphrase:
            command += ["--passphrase-env", "PW"]
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            code = cli.main([*command, "--json"])
        assert code != 70, (kind, command)
        if code != 0:
            reply = json.loads(out.getvalue().strip().splitlines()[-1])
            assert reply["error"] in CLEAR, (kind, reply)
            assert reply["message"] and reply["message_ko"]
            outcomes[reply["error"]] = outcomes.get(reply["error"], 0) + 1
    assert outcomes.get("file_damaged", 0) > 10  # the fuzz reaches damaged pages


def test_a_zeroed_first_page_is_a_clear_error(originals, tmp_path, monkeypatch) -> None:
    _root, made = originals
    monkeypatch.setenv("PW", "pw")
    for passphrase in (None, "pw"):
        path = tmp_path / f"zero-{bool(passphrase)}.checkin"
        path.write_bytes(bytes(PAGE) + made[passphrase][PAGE:])
        argv = ["stats", str(path), "--json"] + (["--passphrase-env", "PW"] if passphrase else [])
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert cli.main(argv) == 1
        assert json.loads(out.getvalue().strip().splitlines()[-1])["error"] in CLEAR


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
