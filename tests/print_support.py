"""Print test support: a real CUPS scheduler with real queues, started by the tests.

The scheduler is Debian's ``cups`` (installed by ``scripts/bootstrap --test`` with
``cups-pdf``, ``printer-driver-ptouch`` for the Brother QL, and CUPS's own sample
Zebra ZPL driver). :class:`CupsServer` writes its own ``cupsd.conf`` and
``cups-files.conf`` into a temporary folder and runs ``cupsd -f`` listening on a
socket in that folder and a free loopback port, so it never touches the machine's
own CUPS. Queues:

- ``pdfout``: the Generic PDF printer to a ``file:`` device (the printed PDF lands
  in :attr:`CupsServer.out`, to be decoded);
- ``cupspdf``: the ``cups-pdf`` backend (writes to the job owner's ``~/PDF``);
- ``ql``: a Brother QL-570 (ptouch driver) to a ``file:`` device;
- ``zebra``: CUPS's Zebra ZPL driver to a ``file:`` device;
- ``rejecting``: accepts no jobs (``cupsreject``);
- ``disabled``: stopped (``cupsdisable``, as when out of labels);
- ``broken``: its ``file:`` device cannot be opened, so every job *stops*.

:func:`cups_or_skip` skips, saying why, only when cupsd cannot be started and CI is
not set; under ``CI=true`` a missing cupsd fails the test.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

CUPSD = "/usr/sbin/cupsd"
PDF_PPD = "lsb/usr/cupsfilters/Generic-PDF_Printer-PDF.ppd"
CUPS_PDF_PPD = "lsb/usr/cups-pdf/CUPS-PDF_noopt.ppd"
QL_PPD = "ptouch:0/ppd/ptouch-driver/Brother-QL-570-ptouch-ql.ppd"
ZEBRA_PPD = "drv:///sample.drv/zebra.ppd"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _tool(name: str) -> str:
    for d in ("/usr/sbin", "/usr/bin", "/sbin", "/bin"):
        if Path(d, name).exists():
            return str(Path(d, name))
    found = shutil.which(name)
    if not found:
        raise RuntimeError(f"{name} is not installed")
    return found


class CupsServer:
    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="checkin-cups-"))
        os.chmod(self.root, 0o755)
        self.socket = self.root / "cups.sock"
        self.port = _free_port()
        self.out = self.root / "out"
        self.proc: subprocess.Popen[bytes] | None = None

    @property
    def server(self) -> str:
        return str(self.socket)

    def env(self) -> dict[str, str]:
        return {**os.environ, "CUPS_SERVER": self.server}

    def _write_config(self) -> None:
        r = self.root
        for d in ("etc/ppd", "spool/tmp", "cache", "state", "log"):
            (r / d).mkdir(parents=True, exist_ok=True)
        self.out.mkdir()
        os.chmod(self.out, 0o777)
        user = ""
        if os.geteuid() != 0:  # a normal user runs the scheduler and filters as itself
            me = pwd.getpwuid(os.getuid())
            user = f"User {me.pw_name}\nGroup {os.getgid()}\n"
        (r / "etc/cups-files.conf").write_text(
            f"ServerRoot {r}/etc\nRequestRoot {r}/spool\nTempDir {r}/spool/tmp\n"
            f"CacheDir {r}/cache\nStateDir {r}/state\nErrorLog {r}/log/error_log\n"
            f"AccessLog {r}/log/access_log\nPageLog {r}/log/page_log\n"
            f"Printcap {r}/printcap\nFileDevice Yes\nSandboxing Relaxed\n{user}"
        )
        (r / "etc/cupsd.conf").write_text(
            f"Listen {self.socket}\nListen 127.0.0.1:{self.port}\nLogLevel info\n"
            "WebInterface No\nBrowsing Off\nDefaultAuthType None\n"
            "<Location />\nOrder allow,deny\nAllow all\n</Location>\n"
            "<Policy default>\n<Limit All>\nOrder allow,deny\nAllow all\n</Limit>\n</Policy>\n"
        )

    def start(self) -> None:
        if not Path(CUPSD).exists():
            raise RuntimeError(f"{CUPSD} is not installed (Debian package cups)")
        self._write_config()
        log = (self.root / "cupsd.out").open("wb")
        self.proc = subprocess.Popen(
            [CUPSD, "-f", "-c", str(self.root / "etc/cupsd.conf"),
             "-s", str(self.root / "etc/cups-files.conf")],
            stdout=log, stderr=log,
        )  # fmt: skip
        log.close()
        deadline = time.monotonic() + 30
        while True:
            done = subprocess.run(
                [_tool("lpstat"), "-h", self.server, "-r"], capture_output=True, text=True
            )
            if done.returncode == 0 and "not running" not in done.stdout:
                break
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("cupsd did not start: " + self.log_text()[-2000:])
            time.sleep(0.2)
        self.add_file_queue("pdfout", PDF_PPD)
        self.lpadmin("cupspdf", "-E", "-v", "cups-pdf:/", "-m", CUPS_PDF_PPD)
        self.add_file_queue("ql", QL_PPD, "ql.bin")
        self.add_file_queue("zebra", ZEBRA_PPD, "zebra.zpl")
        self.add_file_queue("rejecting", PDF_PPD)
        self.run("cupsreject", "-h", self.server, "rejecting")
        self.add_file_queue("disabled", PDF_PPD)
        self.run("cupsdisable", "-h", self.server, "disabled")
        # a device that cannot be opened: the scheduler stops every job
        self.lpadmin("broken", "-E", "-v", f"file://{self.root}/missing/dir/out.pdf",
                     "-m", PDF_PPD)  # fmt: skip

    def output(self, queue: str) -> Path:
        return self.out / (f"{queue}.pdf" if "." not in queue else queue)

    def add_file_queue(self, name: str, ppd: str, filename: str = "") -> Path:
        target = self.out / (filename or f"{name}.pdf")
        target.touch()
        os.chmod(target, 0o666)
        self.lpadmin(name, "-E", "-v", f"file://{target}", "-m", ppd)
        return target

    def lpadmin(self, name: str, *args: str) -> None:
        self.run("lpadmin", "-h", self.server, "-p", name, *args)

    def run(self, tool: str, *args: str) -> str:
        done = subprocess.run(
            [_tool(tool), *args], capture_output=True, text=True, timeout=60, env=self.env()
        )
        if done.returncode != 0:
            raise RuntimeError(f"{tool} {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def log_text(self) -> str:
        parts = []
        for f in (self.root / "cupsd.out", self.root / "log/error_log"):
            if f.exists():
                parts.append(f.read_text(errors="replace"))
        return "\n".join(parts)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        shutil.rmtree(self.root, ignore_errors=True)


def cups_or_skip() -> CupsServer:
    """A started CupsServer; skip (not under CI) or fail (under CI) if it cannot start."""
    try:
        import cups  # noqa: F401
    except ImportError as exc:
        if os.environ.get("CI"):
            pytest.fail(f"pycups is not installed under CI: {exc}")
        pytest.skip(f"pycups is not installed: {exc}")
    server = CupsServer()
    try:
        server.start()
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        text = server.log_text()[-1500:]
        server.stop()
        if os.environ.get("CI"):
            pytest.fail(f"CUPS could not be started under CI: {exc}\n{text}")
        pytest.skip(f"CUPS could not be started here: {exc}")
    return server


def cups_pdf_dir() -> Path:
    """Where cups-pdf writes a job of this user (Debian: ``Out ${HOME}/PDF``)."""
    return Path(pwd.getpwuid(os.getuid()).pw_dir) / "PDF"
