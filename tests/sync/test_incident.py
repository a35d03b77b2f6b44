"""The lost-station kit: retiring a station as lost writes an incident sheet that says
what its file could hold, for how many people, and what the organizer must do, and
names nobody."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from checkin.cli import main
from checkin.protect import audit, incident


def _pdf_text(path) -> str:
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils not installed")
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout  # fmt: skip


def test_sheet_for_a_desk_with_sensitive_data(stations, tmp_path) -> None:
    stations.add("desk", "접수 2")
    desk_id = stations.files["desk"].execute("SELECT station_id FROM local").fetchone()[0]
    sheet = incident.build(stations.org, stations.clock, desk_id)
    assert sheet.people == 4 and sheet.people_with_access_needs == 1
    assert sheet.personal_fields_held is True and "phone" in sheet.fields
    assert sheet.report_to_regulator and "sensitive" in sheet.reasons_to_report
    pdf, sidecar = incident.write(sheet, tmp_path / "lost.pdf")
    text = _pdf_text(pdf)
    for expected in ("분실 기기 사고 기록", "Lost station incident sheet", "접수 2", "72",
                     "개인정보보호위원회", "최대 4명", "up to 4"):  # fmt: skip
        assert expected in text, expected
    data = json.loads(sidecar.read_text())
    assert data["people"] == 4 and data["station"] == "접수 2"
    blob = text + sidecar.read_text()
    for person in stations.people:  # no names, phones or e-mails anywhere
        for value in (person.display_name, person.full_name, person.phone, person.email):
            assert not value or value not in blob, value


def test_sheet_for_a_stripped_door_kiosk(stations, tmp_path) -> None:
    stations.add("door", "1번 출입구", role="scan-only", personal=False)
    door_id = stations.files["door"].execute("SELECT station_id FROM local").fetchone()[0]
    sheet = incident.build(stations.org, stations.clock, door_id)
    assert sheet.personal_fields_held is False
    assert "phone" not in sheet.fields and "access_needs" not in sheet.fields
    assert sheet.people_with_access_needs == 0
    assert not sheet.report_to_regulator  # 4 people, nothing sensitive
    assert sheet.encrypted is bool(stations.passphrase)


def test_cli_retire_lost_writes_the_sheet_and_audits_it(stations, tmp_path, capsys) -> None:
    stations.add("door", "1번 출입구", role="scan-only")
    org = str(stations.org.path)
    stations.org.close()
    env: list[str] = []
    sheet = tmp_path / "incident.pdf"
    code = main(["sync", "retire", org, "1번 출입구", "--lost", str(sheet), "--json", *env])
    assert code == 0, capsys.readouterr()
    out = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert out["retired"] and out["incident_sheet"]["people"] == 4
    assert sheet.exists() and sheet.with_suffix(".json").exists()
    # a folder that does not exist is refused before anything is retired
    code = main(["sync", "retire", org, "1번 출입구", "--lost", str(tmp_path / "no" / "x.pdf"),
                 *env])  # fmt: skip
    assert code != 0
    assert "folder" in capsys.readouterr().err.lower()


def test_audit_describes_the_sheet() -> None:
    text = audit.describe_detail(audit.EXPORT, {"kind": "incident_sheet", "rows": 4}, "ko")
    assert "분실 기기 사고 기록" in text
