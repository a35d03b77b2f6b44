"""``checkin sync status`` in Korean names every role in Korean."""

from __future__ import annotations

from checkin.cli import main


def test_korean_status_translates_the_roles(stations, capsys):
    stations.add("door", "2번 출입구", role="scan-only")
    stations.add("desk", "접수 1", role="desk")
    path = str(stations.org.path)
    stations.org.close()
    assert main(["sync", "status", path, "--lang", "ko"]) == 0
    text = capsys.readouterr().out
    assert "이 기기: 본부 (번호 0, 운영진)" in text
    assert "[운영진]" in text and "[스캔 전용]" in text and "[접수 데스크]" in text
    assert "organizer" not in text and "scan-only" not in text
    assert main(["sync", "status", path, "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "[organizer]" in text and "[scan-only]" in text and "[desk]" in text
