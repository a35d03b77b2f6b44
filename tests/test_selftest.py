"""`checkin --self-test` passes on this installation (CI runs it frozen too)."""

from __future__ import annotations

import os
import subprocess
import sys


def test_self_test_passes(tmp_path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CHECKIN_LOG_DIR": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "checkin", "--self-test"],
        capture_output=True, text=True, timeout=300, env=env,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "self-test passed"
    assert sum(line.startswith("ok ") for line in lines) >= 7
    assert "FAIL" not in result.stdout
    assert result.stderr.strip() == ""
