"""A real IMAP server (pymap, in-memory mailboxes) for the bounce-reading tests.

Started as its own process on a free port, with TLS (STARTTLS, a certificate made for
127.0.0.1) when asked. ``deliver`` puts a message in the mailbox the way a mail server
would, by IMAP APPEND.
"""

from __future__ import annotations

import datetime as dt
import imaplib
import ipaddress
import shutil
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

USER, PASSWORD = "tickets@example.org", "mailbox-pass-1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate and key for 127.0.0.1 (trusted by a test through SSL_CERT_FILE)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "imap-cert.pem", folder / "imap-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


class ImapServer:
    def __init__(self, folder: Path, tls: bool = False) -> None:
        self.port = free_port()
        self.cert: Path | None = None
        exe = shutil.which("pymap") or str(Path(sys.executable).parent / "pymap")
        argv = [exe, "--host", "127.0.0.1", "--port", str(self.port), "--no-service", "admin"]
        if tls:
            self.cert, key = self_signed(folder)
            argv += ["--cert", str(self.cert), "--key", str(key)]
        else:
            argv += ["--no-tls"]
        argv += ["dict", "--demo-user", USER, "--demo-password", PASSWORD, "--demo-data"]
        self.log = (folder / "pymap.log").open("wb")
        self.process = subprocess.Popen(argv, stdout=self.log, stderr=subprocess.STDOUT)
        self._wait()
        self.tls = tls

    def _wait(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("the IMAP server did not start")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("the IMAP server did not answer in 30 s")

    def _login(self) -> imaplib.IMAP4:
        server = imaplib.IMAP4("127.0.0.1", self.port, timeout=10)
        if self.tls:
            context = ssl.create_default_context(cafile=str(self.cert))
            server.starttls(ssl_context=context)
        server.login(USER, PASSWORD)
        return server

    def deliver(self, message: str | bytes, folder: str = "INBOX") -> None:
        data = message.encode("utf-8") if isinstance(message, str) else message
        data = data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        server = self._login()
        try:
            status, answer = server.append(folder, None, None, data)
            assert status == "OK", answer
        finally:
            server.logout()

    def seen_flags(self, folder: str = "INBOX") -> list[bool]:
        """For each message in ``folder``: has it been marked as read?"""
        server = self._login()
        try:
            server.select(folder, readonly=True)
            _status, data = server.fetch("1:*", "(FLAGS)")
            return [b"\\Seen" in item for item in data if isinstance(item, bytes)]
        finally:
            server.logout()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()
