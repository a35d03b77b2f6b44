"""`checkin badges`, `checkin badge`, `checkin badge-settings`, `checkin prints`."""

from __future__ import annotations

import json

import pytest
import zxingcpp
from PIL import Image
from pypdf import PdfReader

from checkin.cli import main
from checkin.db.eventfile import HAVE_SQLCIPHER


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_json(capsys, *argv: str) -> tuple[int, dict]:
    code, out, _err = run(capsys, *argv, "--json")
    lines = [line for line in out.splitlines() if line.strip()]
    assert len(lines) == 1, out
    return code, json.loads(lines[0])


@pytest.fixture
def event_path(tmp_path, capsys):
    path = tmp_path / "ev.db"
    assert (
        run(
            capsys,
            "init",
            path,
            "--event-name",
            "북한이탈주민의 날",
            "--date",
            "2027-07-14",
            "--no-encryption",
        )[0]
        == 0
    )
    for name, category in (
        ("김민수", "defector"),
        ("John Smith", "press"),
        ("박지수", "volunteer"),
    ):
        assert run(capsys, "add", path, "--name", name, "--category", category, "--consent")[0] == 0
    return path


def test_bulk_badges_then_only_unprinted(event_path, tmp_path, capsys) -> None:
    out = tmp_path / "all.pdf"
    code, data = run_json(capsys, "badges", event_path, "--reason", "badges", "--out", out, "--layout", "a6",
                          "--sort", "reg")  # fmt: skip
    assert code == 0 and data["badges"] == 3 and data["pages"] == 3 and data["recorded"] == 3
    assert len(PdfReader(out).pages) == 3
    code, _, err = run(capsys, "badges", event_path, "--reason", "badges", "--out", tmp_path / "again.pdf",
                       "--only-unprinted")  # fmt: skip
    assert code == 1 and "No badges to print" in err
    assert not (tmp_path / "again.pdf").exists()
    assert (
        run(capsys, "add", event_path, "--name", "최은하", "--category", "guest", "--consent")[0]
        == 0
    )
    code, data = run_json(capsys, "badges", event_path, "--reason", "badges", "--out", tmp_path / "new.pdf",
                          "--only-unprinted", "--layout", "cr80")  # fmt: skip
    assert code == 0 and data["badges"] == 1
    code, data = run_json(capsys, "prints", event_path)
    assert data["summary"]["printed"] == 4 and data["summary"]["reprints"] == 0


def test_proof_copy_is_not_recorded_and_category_filter(event_path, tmp_path, capsys) -> None:
    code, data = run_json(capsys, "badges", event_path, "--reason", "badges", "--out", tmp_path / "p.pdf",
                          "--category", "press,volunteer", "--no-record")  # fmt: skip
    assert code == 0 and data["badges"] == 2 and data["recorded"] == 0
    code, data = run_json(capsys, "prints", event_path)
    assert data["summary"]["printed"] == 0


def test_single_badge_png_scans_and_reprint_with_reissue(event_path, tmp_path, capsys) -> None:
    png = tmp_path / "b.png"
    code, data = run_json(capsys, "badge", event_path, "DD-0001", "--out", png)
    assert code == 0 and data["printed_before"] == 0 and not data["record"]["reprint"]
    _, shown = run_json(capsys, "show", event_path, "DD-0001")
    old_code = shown["code"]
    assert zxingcpp.read_barcode(Image.open(png)).text == old_code
    # lost badge: reprint with a new code
    pdf = tmp_path / "b.pdf"
    code, out, _ = run(capsys, "badge", event_path, "DD-0001", "--out", pdf, "--lang", "en")
    assert code == 0 and "--reissue" in out  # the reprint hint
    code, data = run_json(capsys, "badge", event_path, "DD-0001", "--out", pdf, "--reissue",
                          "--reason", "lost")  # fmt: skip
    assert code == 0 and data["reissued"] and data["badge_version"] == 2
    assert data["record"]["reprint"] and data["record"]["reason"] == "lost"
    code, scan = run_json(capsys, "scan", event_path, old_code)
    assert scan["result"]["status"] == "superseded"
    code, data = run_json(capsys, "prints", event_path, "DD-0001")
    assert [p["reissued"] for p in data["prints"]] == [False, False, True]


def test_clear_errors_and_nothing_written(event_path, tmp_path, capsys) -> None:
    code, data = run_json(
        capsys, "badges", event_path, "--reason", "badges", "--out", tmp_path / "x.txt"
    )
    assert code == 1 and data["error"] == "invalid_input"
    code, data = run_json(capsys, "badges", event_path, "--reason", "badges", "--out", tmp_path / "x.pdf",
                          "--category", "nobody")  # fmt: skip
    assert code == 1 and "nobody" in data["message"]
    code, data = run_json(capsys, "badge", event_path, "DD-9999", "--out", tmp_path / "b.png")
    assert code == 1 and data["error"] == "attendee_not_found"
    code, _, err = run(capsys, "badges", event_path, "--reason", "badges", "--out", tmp_path / "no" / "x.pdf", "--lang",
                       "ko")  # fmt: skip
    assert code == 1 and "폴더" in err and "Traceback" not in err
    assert list(tmp_path.glob("*.pdf")) == [] and list(tmp_path.glob("*.png")) == []
    _, data = run_json(capsys, "prints", event_path)
    assert data["summary"]["badges_printed"] == 0


def test_badge_settings(event_path, tmp_path, capsys) -> None:
    logo = tmp_path / "logo.png"
    Image.new("RGB", (100, 50), "navy").save(logo)
    code, data = run_json(capsys, "badge-settings", event_path, "--logo", logo,
                          "--full-name-categories", "press,official", "--color",
                          "press=#FF8800")  # fmt: skip
    assert code == 0 and data["logo"] and data["full_name_categories"] == ["official", "press"]
    assert next(c for c in data["categories"] if c["id"] == "press")["color"] == "#FF8800"
    code, data = run_json(capsys, "badge-settings", event_path, "--no-logo",
                          "--full-name-categories", "none")  # fmt: skip
    assert not data["logo"] and data["full_name_categories"] == []
    code, data = run_json(capsys, "badge-settings", event_path, "--logo", tmp_path / "none.png")
    assert code == 1 and data["error"] == "invalid_input"


@pytest.mark.skipif(not HAVE_SQLCIPHER, reason="needs SQLCipher")
def test_encrypted_event(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("PASS", "correct horse")
    path = tmp_path / "enc.db"
    assert run(capsys, "init", path, "--event-name", "행사", "--date", "2027-07-14",
               "--passphrase-env", "PASS")[0] == 0  # fmt: skip
    assert (
        run(capsys, "add", path, "--name", "한별", "--passphrase-env", "PASS", "--consent")[0] == 0
    )
    code, data = run_json(capsys, "badges", path, "--reason", "badges", "--out", tmp_path / "e.pdf",
                          "--passphrase-env", "PASS")  # fmt: skip
    assert code == 0 and data["badges"] == 1
    code, data = run_json(capsys, "badges", path, "--reason", "badges", "--out", tmp_path / "f.pdf")
    assert code == 1 and data["error"] == "passphrase_required"
