"""The volunteer's one-folder app: build it with PyInstaller and run its self-test.

This is what an organizer copies to a kiosk laptop: it must run with no Python and no
fonts installed. Slow (a PyInstaller build), so it runs once, in CI too.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="CI builds the Linux app")
def test_frozen_app_builds_and_passes_its_self_test(tmp_path) -> None:
    pytest.importorskip("PyInstaller")
    from checkin.ui import i18n

    i18n.build()  # the app ships compiled translations
    build = subprocess.run(
        [sys.executable, "-m", "PyInstaller", str(ROOT / "build.spec"), "--noconfirm",
         "--distpath", str(tmp_path / "dist"), "--workpath", str(tmp_path / "build")],
        cwd=ROOT, capture_output=True, text=True, timeout=1500,
    )  # fmt: skip
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    app_dir = tmp_path / "dist" / "checkin"
    size_mb = sum(p.lstat().st_size for p in app_dir.rglob("*") if not p.is_symlink()) / 1e6
    print(f"frozen app: {size_mb:.0f} MB in {app_dir}")
    assert (app_dir / "checkin").exists() and (app_dir / "checkin-cli").exists()
    assert (app_dir / "_internal" / "assets" / "fonts" / "NanumSquareR.ttf").exists()
    assert list((app_dir / "_internal" / "assets" / "i18n").glob("*_ko.qm"))
    assert not list(app_dir.rglob("*.ts")), "translation sources are not shipped"
    assert not list(app_dir.rglob("libQt6WebEngineCore*")), "unused Qt modules are left out"

    # No Python on the way: a clean environment with no PYTHONPATH and no venv.
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "QT_QPA_PLATFORM": "offscreen",
        "CHECKIN_LOG_DIR": str(tmp_path / "logs"),
        "CHECKIN_DATA_DIR": str(tmp_path / "data"),
    }
    run = subprocess.run(
        [str(app_dir / "checkin-cli"), "--self-test"],
        capture_output=True, text=True, timeout=300, env=env, cwd=tmp_path,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    assert run.stdout.splitlines()[-1] == "self-test passed"
    version = subprocess.run(
        [str(app_dir / "checkin-cli"), "--version"], capture_output=True, text=True, env=env
    )
    from checkin import __version__

    assert version.stdout.strip() == f"checkin {__version__}"
    shutil.rmtree(tmp_path / "build", ignore_errors=True)
