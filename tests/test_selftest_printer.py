"""`checkin --self-test --printer NAME` on a real CUPS scheduler: it passes only when the
test badge's job completed, and fails, saying why, on a rejecting or stopped queue."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from print_support import cups_or_skip


@pytest.fixture(scope="module")
def cupsd():
    server = cups_or_skip()
    yield server
    server.stop()


def self_test(cupsd, tmp_path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CHECKIN_LOG_DIR": str(tmp_path),
           "CUPS_SERVER": cupsd.server}  # fmt: skip
    return subprocess.run(
        [sys.executable, "-m", "checkin", "--self-test", *args],
        capture_output=True, text=True, timeout=300, env=env,
    )  # fmt: skip


def test_self_test_prints_a_badge_and_waits_for_the_job_to_complete(cupsd, tmp_path) -> None:
    result = self_test(cupsd, tmp_path, "--printer", "pdfout", "--layout", "ql62x100", "--mono")
    assert result.returncode == 0, result.stdout + result.stderr
    line = next(li for li in result.stdout.splitlines() if li.startswith("ok   printer"))
    assert "cups job" in line and "on pdfout completed" in line
    assert result.stdout.splitlines()[-1] == "self-test passed"
    assert cupsd.output("pdfout").stat().st_size > 1000


def test_self_test_fails_on_a_rejecting_queue(cupsd, tmp_path) -> None:
    result = self_test(cupsd, tmp_path, "--printer", "rejecting", "--timeout", "20")
    assert result.returncode == 1
    assert "FAIL printer: Not printed: printer rejecting is rejecting jobs" in result.stdout
    assert result.stdout.splitlines()[-1] == "self-test FAILED"
