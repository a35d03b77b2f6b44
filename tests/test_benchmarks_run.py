"""Every benchmark script still runs (at a tiny size): a change to a core API must not
leave the figures in the README unreproducible. The figures themselves are not checked
here (a shared machine is too noisy for timed tests)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

TINY = {
    "bench_demo.py": ["--attendees", "300"],
    "bench_engine.py": ["--attendees", "300", "--scans", "30", "--searches", "30"],
    "bench_groups.py": ["--attendees", "200", "--groups", "2", "--size", "4"],
    "bench_io.py": ["--rows", "200"],
    "bench_badges.py": ["--badges", "12"],
    "bench_tickets.py": ["--count", "5"],
    "bench_ticket_mail.py": ["--count", "5"],
    "bench_search.py": ["--attendees", "300", "--queries", "10"],
    "bench_desk.py": ["--attendees", "300", "--queries", "10"],
    "bench_console.py": ["--attendees", "300", "--repeat", "1"],
    "bench_kiosk.py": ["--attendees", "300", "--scans", "10", "--starts", "1"],
    "bench_sync.py": ["--stations", "2", "--checkins", "50", "--hub-events", "100",
                      "--round-trips", "2"],
}  # fmt: skip


def test_every_benchmark_is_listed() -> None:
    assert sorted(TINY) == sorted(p.name for p in (ROOT / "benchmarks").glob("bench_*.py"))


@pytest.mark.slow
@pytest.mark.parametrize("script", sorted(TINY))
def test_benchmark_runs_at_a_tiny_size(script: str, tmp_path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CHECKIN_DATA_DIR": str(tmp_path)}
    run = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / script), *TINY[script]],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-3000:]
    assert run.stdout.strip()
