"""Sync test support: stations provisioned from one organizer, and a real PostgreSQL server.

The server is Debian's ``postgresql`` package (installed by ``scripts/bootstrap
--test``), started by the tests themselves: ``initdb`` into a temporary folder and
``postgres`` on a free loopback port with its socket in that folder. PostgreSQL
refuses to run as root, so as root (CI) it runs as the ``postgres`` system user.
The tests are skipped, saying why, only when the binaries are not installed.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from checkin.clock import FixedClock
from checkin.db.eventfile import open_event_file
from checkin.event import identity as event
from checkin.sync import provision

EVENT_MORNING_MS = 1_815_613_200_000


def pg_bindir() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version_key, reverse=True)
    for directory in candidates:
        if Path(directory, "initdb").exists() and Path(directory, "postgres").exists():
            return Path(directory)
    initdb = shutil.which("initdb")
    if initdb:
        real = Path(initdb).resolve().parent
        if (real / "postgres").exists():
            return real
    return None


def _version_key(path: str) -> int:
    try:
        return int(Path(path).parent.name.split(".")[0])
    except ValueError:
        return 0


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PostgresServer:
    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="checkin-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self.prefix: list[str] = []
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)
            # setpriv runs postgres in its place (same process id), so stop() signals
            # the server itself; runuser would stay in between.
            setpriv = shutil.which("setpriv")
            self.prefix = (
                [setpriv, f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--clear-groups",
                 "--"]
                if setpriv
                else [shutil.which("runuser") or "runuser", "-u", "postgres", "--"]
            )  # fmt: skip
        self.log = self.root / "postgres.log"
        self.settings: list[str] = []  # more "-c name=value" for the server, before start()

    def start(self) -> None:
        subprocess.run(
            [*self.prefix, str(self.bindir / "initdb"), "-D", str(self.data), "-A", "trust",
             "-U", "checkin", "-E", "UTF8", "--locale=C", "--no-sync"],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        log_fd = os.open(self.log, os.O_WRONLY | os.O_CREAT, 0o666)
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.fchown(log_fd, user.pw_uid, user.pw_gid)
        self.proc = subprocess.Popen(
            [*self.prefix, str(self.bindir / "postgres"), "-D", str(self.data),
             "-p", str(self.port), "-k", str(self.root), "-c", "listen_addresses=127.0.0.1",
             "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
             "-c", "max_connections=200", "-c", "shared_buffers=64MB",
             *[arg for setting in self.settings for arg in ("-c", setting)]],
            stdout=log_fd, stderr=log_fd,
        )  # fmt: skip
        os.close(log_fd)
        import psycopg

        deadline = time.monotonic() + 60
        while True:
            try:
                with psycopg.connect(self.url("postgres"), connect_timeout=2):
                    return
            except psycopg.OperationalError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        "PostgreSQL did not start: " + self.log.read_text(errors="replace")[-2000:]
                    ) from None
                time.sleep(0.2)

    def url(self, db: str) -> str:
        return f"postgresql://checkin@127.0.0.1:{self.port}/{db}"

    def new_database(self) -> str:
        import psycopg

        name = "hub_" + os.urandom(6).hex()
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def allow_first(self, *lines: str) -> None:
        """Put ``lines`` at the top of pg_hba.conf (first match wins) and reload."""
        import psycopg

        hba = self.data / "pg_hba.conf"
        text = hba.read_text()
        hba.write_text("\n".join(lines) + "\n" + text)  # rewritten in place: owner kept
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute("SELECT pg_reload_conf()")
        time.sleep(0.5)  # the postmaster rereads the file on SIGHUP, asynchronously

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            # fast shutdown: disconnect clients, stop now
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        pidfile = self.data / "postmaster.pid"
        if pidfile.exists():  # started through runuser: signal the server itself
            with contextlib.suppress(OSError, ValueError, IndexError):
                os.kill(int(pidfile.read_text().split()[0]), signal.SIGINT)
                deadline = time.monotonic() + 30
                while pidfile.exists() and time.monotonic() < deadline:
                    time.sleep(0.1)
        shutil.rmtree(self.root, ignore_errors=True)


# --- stations -------------------------------------------------------------------------


class Stations:
    """An organizer and stations provisioned from it, in one temporary folder."""

    def __init__(self, root: Path, clock: FixedClock, passphrase: str | None = None) -> None:
        self.root = root
        self.clock = clock
        self.passphrase = passphrase
        self.org = event.create_event(
            root / "organizer.checkin", name="북한이탈주민의 날", date="2027-07-14",
            clock=clock, passphrase=passphrase, station_name="본부",
        )  # fmt: skip
        self.files = {"org": self.org}
        self.unlock_codes: dict[str, str] = {}  # scan-only kiosks' own unlock codes

    def add(self, key: str, name: str, role: str = "desk", personal: bool = True):
        path = self.root / f"{key}.checkin"
        made = provision.provision(
            self.org, path, self.clock, station_name=name, role=role, personal=personal,
            passphrase=self.passphrase,
        )  # fmt: skip
        self.unlock_codes[key] = made.unlock_code
        ef = open_event_file(path, self.passphrase)
        self.files[key] = ef
        return ef

    def close(self) -> None:
        for ef in self.files.values():
            with contextlib.suppress(Exception):
                ef.close()
