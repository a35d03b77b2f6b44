"""checkin import / export / report / paper / paper-ticks from the command line."""

from __future__ import annotations

import json
import os
from pathlib import Path

import openpyxl
import pytest

from checkin.cli import main
from checkin.db.eventfile import HAVE_SQLCIPHER
from iofiles import KOREAN_ROWS, write_csv


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_json(capsys, *argv) -> tuple[int, dict]:
    code, out, err = run(capsys, *argv, "--json")
    lines = [line for line in out.splitlines() if line.strip()]
    assert len(lines) == 1, out + err  # exactly one JSON object
    return code, json.loads(lines[0])


@pytest.fixture
def event_path(tmp_path, capsys):
    path = tmp_path / "ev.db"
    code, _, _ = run(capsys, "init", path, "--event-name", "북한이탈주민의 날", "--date",
                     "2027-07-14", "--no-encryption")  # fmt: skip
    assert code == 0
    return path


def test_import_dry_run_then_import_then_again(capsys, event_path, tmp_path) -> None:
    src = write_csv(tmp_path / "명단.csv", KOREAN_ROWS, encoding="cp949")
    code, data = run_json(capsys, "import", event_path, src, "--dry-run")
    assert code == 0 and data["ok"] and not data["imported"]
    assert data["summary"]["encoding"] == "cp949" and data["summary"]["new"] == 5
    code, stats = run_json(capsys, "stats", event_path)
    assert stats["stats"]["expected"] == 0
    code, out, _ = run(capsys, "import", event_path, src, "--lang", "ko")
    assert code == 0 and "5명 등록 (DD-0001 – DD-0005)" in out
    code, data = run_json(capsys, "import", event_path, src)
    assert data["result"] == {"added": 0, "updated": 0, "unchanged": 5,
                              "skipped_duplicates": 0, "reg_numbers": None}  # fmt: skip


def test_import_with_errors_lists_rows_and_changes_nothing(capsys, event_path, tmp_path) -> None:
    rows = [["이름", "연락처", "연락처 동의"], ["김민수", "010-1234-5678", "동의"],
            ["", "010-1111-2222", "동의"], ["이영희", "엉터리", "동의"]]  # fmt: skip
    src = write_csv(tmp_path / "bad.csv", rows)
    code, data = run_json(capsys, "import", event_path, src)
    assert code == 1 and data["ok"] is False and data["error"] == "import_rejected"
    assert data["summary"]["error_rows"] == [3, 4]
    assert {(i["row"], i["field"]) for i in data["issues"]} == {(3, "display_name"), (4, "phone")}
    code, out, err = run(capsys, "import", event_path, src, "--lang", "en")
    assert code == 1 and "row 3" in out and "row 4" in out and "Traceback" not in out + err
    assert "Nothing was imported" in out
    _, stats = run_json(capsys, "stats", event_path)
    assert stats["stats"]["expected"] == 0


def test_import_mapping_options_and_saved_mapping(capsys, event_path, tmp_path) -> None:
    rows = [["Nom", "Portable", "Groupe"], ["Claire Dubois", "010-4444-5555", "presse"]]
    src = write_csv(tmp_path / "fr.csv", rows)
    code, data = run_json(capsys, "import", event_path, src, "--dry-run")
    assert code == 1 and data["issues"][0]["code"] == "no_name_column"
    saved = tmp_path / "map.json"
    code, data = run_json(capsys, "import", event_path, src, "--map", "Nom=display_name",
                          "--map", "B=phone", "--map", "Groupe=ignore", "--save-mapping", saved)  # fmt: skip
    assert code == 0 and data["result"]["added"] == 1
    mapping = json.loads(saved.read_text(encoding="utf-8"))
    assert mapping["columns"] == {"Nom": "display_name", "Portable": "phone", "Groupe": "ignore"}
    code, data = run_json(capsys, "import", event_path, src, "--mapping", saved)
    assert code == 0 and data["result"]["unchanged"] == 1
    code, data = run_json(capsys, "import", event_path, src, "--map", "Nom")
    assert code == 1 and data["error"] == "invalid_input"
    code, data = run_json(capsys, "import", event_path, tmp_path / "missing.csv")
    assert code == 1 and data["error"] == "invalid_input"
    bad_map = tmp_path / "bad.json"
    bad_map.write_text("{not json", encoding="utf-8")
    code, data = run_json(capsys, "import", event_path, src, "--mapping", bad_map)
    assert code == 1 and "mapping" in data["message"]


def test_export_report_paper_and_ticks(capsys, event_path, tmp_path) -> None:
    src = write_csv(tmp_path / "명단.csv", KOREAN_ROWS, encoding="cp949")
    assert run(capsys, "import", event_path, src)[0] == 0
    code, data = run_json(capsys, "paper-ticks", event_path, "DD-0001@10:05", "DD-0003",
                          "--at", "10:20", "--station", "종이")  # fmt: skip
    assert code == 0 and data["recorded"] == 2
    code, data = run_json(capsys, "paper-ticks", event_path, "DD-0001", "DD-0003")
    assert code == 0 and data["recorded"] == 0 and data["already"] == 2
    code, data = run_json(capsys, "paper-ticks", event_path, "DD-0002", "DD-0404")
    assert (
        code == 1 and data["error"] == "ticks_rejected" and data["problems"][0]["ref"] == "DD-0404"
    )
    _, stats = run_json(capsys, "stats", event_path)
    assert stats["stats"]["checked_in"] == 2  # DD-0002 was not recorded either

    out = tmp_path / "in.xlsx"
    code, data = run_json(
        capsys,
        "export",
        event_path,
        "--reason",
        "door",
        "--out",
        out,
        "--checked-in",
        "--lang",
        "ko",
    )
    assert code == 0 and data["export"]["rows"] == 2 and data["export"]["personal_fields"] == []
    ws = openpyxl.load_workbook(out).active
    assert [c.value for c in ws[1]] == ["표시 이름", "구분", "등록번호", "입장 시각"]
    code, out_text, _ = run(capsys, "export", event_path, "--reason", "door", "--out", tmp_path / "p.csv",
                            "--fields", "display_name,phone", "--lang", "en")  # fmt: skip
    assert code == 0 and "personal data (Phone)" in out_text
    code, data = run_json(
        capsys, "export", event_path, "--reason", "door", "--out", tmp_path / "log.csv", "--log"
    )
    assert code == 0 and data["export"]["rows"] == 2
    code, data = run_json(capsys, "export", event_path, "--reason", "door", "--out", tmp_path / "x.csv",
                          "--fields", "display_name,shoe_size")  # fmt: skip
    assert code == 1 and data["error"] == "invalid_input"
    assert not (tmp_path / "x.csv").exists()
    code, data = run_json(capsys, "export", event_path, "--reason", "door", "--out", tmp_path / "a.pdf",
                          "--category", "press")  # fmt: skip
    assert code == 0 and data["export"]["rows"] == 2
    code, data = run_json(
        capsys, "report", event_path, "--reason", "report", "--out", tmp_path / "r.pdf"
    )
    assert code == 0 and data["figures"]["checked_in"] == 2
    code, data = run_json(
        capsys, "paper", event_path, "--reason", "door", "--out", tmp_path / "door.pdf"
    )
    assert code == 0 and data["attendees"] == 5
    assert (tmp_path / "door.pdf").read_bytes().startswith(b"%PDF")
    assert oct(os.stat(tmp_path / "door.pdf").st_mode & 0o777) == "0o600"


@pytest.mark.skipif(not HAVE_SQLCIPHER, reason="SQLCipher not installed")
def test_encrypted_event(capsys, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("PASS", "비밀 암호")
    path = tmp_path / "enc.db"
    assert run(capsys, "init", path, "--event-name", "행사", "--date", "2027-07-14",
               "--passphrase-env", "PASS")[0] == 0  # fmt: skip
    src = write_csv(tmp_path / "k.csv", KOREAN_ROWS)
    code, data = run_json(capsys, "import", path, src, "--passphrase-env", "PASS")
    assert code == 0 and data["result"]["added"] == 5
    code, data = run_json(capsys, "export", path, "--reason", "door", "--out", tmp_path / "o.csv")
    assert code == 1 and data["error"] == "passphrase_required"
    code, data = run_json(capsys, "paper", path, "--reason", "door", "--out", tmp_path / "d.pdf",
                          "--passphrase-env", "PASS")  # fmt: skip
    assert code == 0


def test_value_mapping_and_nothing_personal_in_the_log(capsys, event_path, tmp_path) -> None:
    rows = [["이름", "연락처", "구분"], ["김비밀", "010-9876-1234", "A석"]]
    src = write_csv(tmp_path / "seats.csv", rows)
    code, data = run_json(capsys, "import", event_path, src)
    assert code == 1 and data["issues"][0]["field"] == "category"
    code, data = run_json(capsys, "import", event_path, src, "--map-value", "category:A석=official")
    assert code == 0 and data["result"]["added"] == 1
    code, data = run_json(capsys, "import", event_path, src, "--map-value", "category=official")
    assert code == 1 and data["error"] == "invalid_input"
    run(
        capsys,
        "export",
        event_path,
        "--reason",
        "request: the attendee asked for their data",
        "--out",
        tmp_path / "all.csv",
        "--fields",
        "display_name,phone",
    )
    run(capsys, "paper", event_path, "--reason", "door", "--out", tmp_path / "door.pdf")
    log_text = "".join(
        p.read_text(encoding="utf-8") for p in Path(os.environ["CHECKIN_LOG_DIR"]).glob("*.log*")
    )
    assert "import:" in log_text  # the import was logged ...
    assert "김비밀" not in log_text and "9876" not in log_text  # ... without personal data


def test_import_without_a_name_column_shows_the_map_option(capsys, event_path, tmp_path) -> None:
    src = write_csv(tmp_path / "fr.csv", [["Nom", "Portable"], ["Claire Dubois", "010-4444-5555"]])
    code, out, _err = run(capsys, "import", event_path, src, "--dry-run", "--lang", "en")
    assert code == 1 and "--map COLUMN=display_name" in out
    code, out, _err = run(capsys, "import", event_path, src, "--dry-run", "--lang", "ko")
    assert "--map 열=display_name" in out
