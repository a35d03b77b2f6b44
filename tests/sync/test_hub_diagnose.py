"""A hub set up from the docs: least-privilege setup, and plain diagnoses of what is wrong.

Everything runs against the real PostgreSQL test server (sync_support.PostgresServer):
roles are made for one test each, and pg_hba.conf lines for those roles only are put in
front (first match wins), so the other tests' trusted superuser is unaffected.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import psycopg
import pytest

from checkin.cli import main
from checkin.db.eventfile import open_event_file
from checkin.door.engine import CheckinEngine
from checkin.models import Status
from checkin.sync import dump, hub, hub_diagnose, hub_setup, provision
from checkin.sync import status as status_mod
from checkin.sync.errors import HubRefused, HubUnavailable
from checkin.sync.keys import View


def _name(prefix: str) -> str:
    return f"{prefix}_{os.urandom(4).hex()}"


def _admin(server) -> psycopg.Connection:
    return psycopg.connect(server.url("postgres"), autocommit=True)


def _url(server, user: str, db: str, password: str = "") -> str:
    secret = f":{password}" if password else ""
    return f"postgresql://{user}{secret}@127.0.0.1:{server.port}/{db}"


def _cli(capsys, *argv: str) -> tuple[int, dict, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    lines = captured.out.strip().splitlines()
    return code, json.loads(lines[-1]) if lines else {}, captured.out + captured.err


def test_role_without_schema_rights_gets_the_plain_diagnosis_not_a_bug(
    stations, postgres_server, capsys
):
    """PostgreSQL 15: a role granted the database but not its public schema."""
    user, db = _name("noschema"), _name("hub")
    with _admin(postgres_server) as admin:
        version = int(admin.execute("SHOW server_version_num").fetchone()[0])
        admin.execute(f"CREATE ROLE {user} LOGIN")
        admin.execute(f"CREATE DATABASE {db}")
        admin.execute(f"GRANT CONNECT ON DATABASE {db} TO {user}")
    with psycopg.connect(postgres_server.url(db), autocommit=True) as inside:
        inside.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")  # 15's default, for 14
    assert version >= 140000
    url = _url(postgres_server, user, db)
    with pytest.raises(HubRefused) as info:
        hub.sync_hub(stations.org, url, stations.clock)
    problem = info.value
    assert problem.code == "hub_privileges" and problem.details["reason"] == "privileges"
    assert "CREATE on schema 'public'" in problem.en and "hub-setup" in problem.en
    assert "권한" in problem.ko and "hub-setup" in problem.ko
    assert "bug" not in problem.en.lower()
    # the command line: exit 1 with the message, never exit 70 "this is a bug"
    path = str(stations.org.path)
    stations.org.close()
    code, data, text = _cli(capsys, "sync", "hub", path, url, "--json")
    assert code == 1 and data["error"] == "hub_privileges" and data["reason"] == "privileges"
    code, _, text = _cli(capsys, "sync", "hub", path, url)
    assert code == 1 and "CREATE on schema 'public'" in text and "bug" not in text
    # hub-check says the same, step by step
    code, data, _ = _cli(capsys, "sync", "hub-check", url, "--json")
    assert code == 1 and not data["ok"]
    assert [(s["step"], s["ok"]) for s in data["steps"]] == [
        ("connect", True),
        ("privileges", False),
    ]
    assert data["problem"]["error"] == "hub_privileges"


def test_pg_hba_rejection_is_diagnosed_as_pg_hba(stations, postgres_server, hub_url):
    user = _name("blocked")
    with _admin(postgres_server) as admin:
        admin.execute(f"CREATE ROLE {user} LOGIN")
    postgres_server.allow_first(f"host all {user} 127.0.0.1/32 reject")
    db = hub_url.rsplit("/", 1)[1]
    with pytest.raises(HubRefused) as info:
        hub.sync_hub(stations.org, _url(postgres_server, user, db), stations.clock)
    problem = info.value
    assert problem.code == "hub_pg_hba"
    assert "pg_hba.conf" in problem.en and "127.0.0.1" in problem.en
    assert f"host {db} {user} 127.0.0.0/24 scram-sha-256" in problem.en
    assert "pg_hba.conf" in problem.ko
    # not mistaken for "offline": the kiosk would wait forever for a server that says no
    assert not isinstance(problem, HubUnavailable)


def test_wrong_password_is_diagnosed_as_auth(stations, postgres_server, hub_url):
    user = _name("pw")
    with _admin(postgres_server) as admin:
        admin.execute(f"CREATE ROLE {user} LOGIN PASSWORD 'the right password 1'")
    postgres_server.allow_first(f"host all {user} 127.0.0.1/32 scram-sha-256")
    db = hub_url.rsplit("/", 1)[1]
    wrong = _url(postgres_server, user, db, "not-the-password")
    with pytest.raises(HubRefused) as info:
        hub.sync_hub(stations.org, wrong, stations.clock)
    assert info.value.code == "hub_auth" and "password" in info.value.en
    assert "암호" in info.value.ko
    # no password at all (none in the URL, no PGPASSWORD): the same diagnosis
    with pytest.raises(HubRefused) as info:
        hub.connect(_url(postgres_server, user, db))
    assert info.value.code == "hub_auth"
    # the right password gets through to the next check (privileges on public)
    right = hub_diagnose.with_password(_url(postgres_server, user, db), "the right password 1")
    with pytest.raises(HubRefused) as info:
        hub.sync_hub(stations.org, right, stations.clock)
    assert info.value.code == "hub_privileges"


def test_network_and_tls_problems_are_told_apart(postgres_server, hub_url):
    with pytest.raises(HubUnavailable) as info:
        hub.connect("postgresql://checkin@127.0.0.1:9/none", timeout=2)
    assert info.value.details["reason"] == "refused" and "listen_addresses" in info.value.en
    assert info.value.code == "hub_unavailable"  # the kiosk stays offline and retries
    with pytest.raises(HubUnavailable) as info:
        hub.connect("postgresql://checkin@no-such-server.invalid:5432/x", timeout=2)
    assert info.value.details["reason"] == "dns" and "DNS" in info.value.en
    # the test server has no TLS: sslmode=require is refused as a TLS problem
    with pytest.raises(HubRefused) as info:
        hub.connect(hub_url + "?sslmode=require", timeout=2)
    assert info.value.code == "hub_tls" and "sslmode" in info.value.en
    missing = postgres_server.url("no_such_db_" + os.urandom(3).hex())
    with pytest.raises(HubRefused) as info:
        hub.connect(missing)
    assert info.value.code == "hub_no_database"


def test_hub_setup_sql_then_the_least_privilege_role_syncs_end_to_end(
    stations, postgres_server, capsys, monkeypatch, tmp_path
):
    role, db = _name("kiosks"), _name("hubdb")
    monkeypatch.setenv("HUB_PW", "a long hub password 42")
    admin_url = postgres_server.url("postgres")
    code, data, _ = _cli(
        capsys, "sync", "hub-setup", "--role", role, "--database", db,
        "--password-env", "HUB_PW", "--run", admin_url, "--json",
    )  # fmt: skip
    assert (
        code == 0
        and data["hub_url"] == f"postgresql://{role}@127.0.0.1:{postgres_server.port}/{db}"
    )
    assert "password" not in data  # given by the organizer: not echoed
    postgres_server.allow_first(f"host all {role} 127.0.0.1/32 scram-sha-256")
    with _admin(postgres_server) as admin:
        flags = admin.execute(
            "SELECT rolsuper, rolcreatedb, rolcreaterole FROM pg_roles WHERE rolname = %s", (role,)
        ).fetchone()
    assert flags == (False, False, False)
    with pytest.raises(HubRefused) as info:  # the password is really needed
        hub.connect(data["hub_url"])
    assert info.value.code == "hub_auth"
    url = hub_diagnose.with_password(data["hub_url"], "a long hub password 42")
    found = hub_diagnose.diagnose(url)
    assert found.ok, found.to_json()
    door = stations.add("door", "Door", role="scan-only")
    clock = stations.clock
    CheckinEngine(stations.org, clock).check_in(stations.people[0].id)
    for ef in (stations.org, door, stations.org):
        hub.sync_hub(ef, url, clock)
    assert dump.digest(stations.org.conn, View.DOOR) == dump.digest(door.conn)
    assert CheckinEngine(door, clock).check_in(stations.people[0].id).status is Status.ALREADY_IN
    # the tables live in the role's own schema, owned by it; public stays empty
    with psycopg.connect(postgres_server.url(db)) as inside:
        owners = inside.execute(
            "SELECT schemaname, tableowner FROM pg_tables WHERE tablename LIKE 'checkin_hub_%'"
        ).fetchall()
        leftovers = inside.execute(
            f"SELECT count(*) FROM {role}.checkin_hub_meta WHERE key LIKE 'selftest:%'"
        ).fetchone()[0]
    assert owners and set(owners) == {(role, role)}
    assert leftovers == 0  # the round trip of diagnose() was rolled back
    # the guide's backup: pg_dump as the hub's own role, its password from PGPASSWORD
    pg_dump = postgres_server.bindir / "pg_dump"
    if pg_dump.exists():
        backup = tmp_path / "checkin-hub.dump"
        done = subprocess.run(
            [str(pg_dump), "-Fc", "-h", "127.0.0.1", "-p", str(postgres_server.port),
             "-U", role, "-f", str(backup), db],
            capture_output=True, text=True, timeout=120,
            env={**os.environ, "PGPASSWORD": "a long hub password 42"},
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert backup.stat().st_size > 1000
    # a second run with the same names changes nothing and says why
    code, data, _ = _cli(
        capsys, "sync", "hub-setup", "--role", role, "--database", db,
        "--password-env", "HUB_PW", "--run", admin_url, "--json",
    )  # fmt: skip
    assert code == 1 and data["error"] == "invalid_input"


def test_printed_hub_setup_sql_runs_in_psql(postgres_server, capsys, monkeypatch):
    psql = postgres_server.bindir / "psql"
    if not psql.exists() and shutil.which("psql") is None:
        pytest.skip("psql is not installed")
    role, db = _name("printed"), _name("printeddb")
    monkeypatch.setenv("HUB_PW", "it's a long password")  # a quote, escaped in the SQL
    code = main(["sync", "hub-setup", "--role", role, "--database", db, "--password-env", "HUB_PW"])
    script = capsys.readouterr().out
    assert code == 0 and f"CREATE SCHEMA {role} AUTHORIZATION {role};" in script
    assert "NOSUPERUSER" in script and "it''s a long password" in script
    done = subprocess.run(
        [str(psql if psql.exists() else shutil.which("psql")), "-v", "ON_ERROR_STOP=1", "-X",
         "-q", postgres_server.url("postgres")],
        input=script, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    postgres_server.allow_first(f"host all {role} 127.0.0.1/32 scram-sha-256")
    url = hub_diagnose.with_password(_url(postgres_server, role, db), "it's a long password")
    found = hub_diagnose.diagnose(url)
    assert found.ok, found.to_json()
    # the generated-password form prints a password once, and the kiosks' address
    assert main(["sync", "hub-setup", "--role", role]) == 0
    text = capsys.readouterr().out
    assert "A new password" in text and f"postgresql://{role}@SERVER-ADDRESS:5432/checkin" in text


def test_hub_setup_refuses_bad_names_and_non_superusers(postgres_server, capsys):
    code, data, _ = _cli(capsys, "sync", "hub-setup", "--role", "x; DROP", "--json")
    assert code == 1 and data["error"] == "invalid_input"
    user = _name("plain")
    with _admin(postgres_server) as admin:
        admin.execute(f"CREATE ROLE {user} LOGIN")
    code, data, _ = _cli(
        capsys, "sync", "hub-setup", "--role", _name("r"), "--run",
        _url(postgres_server, user, "postgres"), "--json",
    )  # fmt: skip
    assert code == 3 and data["error"] == "not_allowed"


def test_password_is_split_from_and_put_back_into_the_address():
    url = "postgresql://checkin:p%40ss%3Aword@192.168.0.10:5432/checkin?sslmode=require"
    bare, password = hub_diagnose.split_password(url)
    assert bare == "postgresql://checkin@192.168.0.10:5432/checkin?sslmode=require"
    assert password == "p@ss:word"
    assert hub_diagnose.with_password(bare, password) == url
    assert hub_diagnose.split_password(bare) == (bare, "")
    assert hub_diagnose.with_password(url, "") == bare


def test_provision_carries_the_hub_address_and_the_password_only_when_asked(stations, tmp_path):
    url = "postgresql://checkin:secret-hub-pw@192.168.0.10:5432/checkin"
    status_mod.save_config(stations.org, status_mod.SyncConfig(hub_url=url))
    plain = tmp_path / "door.checkin"
    provision.provision(
        stations.org, plain, stations.clock, station_name="Door", role="scan-only", hub_url=url
    )
    with open_event_file(plain) as ef:
        carried = status_mod.load_config(ef).hub_url
    assert carried == "postgresql://checkin@192.168.0.10:5432/checkin"
    assert b"secret-hub-pw" not in plain.read_bytes()
    # the password only inside an encrypted package
    with pytest.raises(Exception) as info:
        provision.provision(
            stations.org, tmp_path / "d2.checkin", stations.clock, station_name="D2",
            role="desk", hub_url=url, hub_password=True,
        )  # fmt: skip
    assert getattr(info.value, "code", "") == "invalid_input"
    assert not (tmp_path / "d2.checkin").exists()


def test_encrypted_package_carries_the_hub_password_and_syncs_with_no_typing(
    tmp_path, hub_url, capsys, monkeypatch
):
    from sync_support import EVENT_MORNING_MS, Stations

    from checkin.clock import FixedClock

    made = Stations(tmp_path, FixedClock(EVENT_MORNING_MS), passphrase="pass phrase 1")
    try:
        url = hub_diagnose.with_password(hub_url, "hub-secret-7")
        status_mod.save_config(made.org, status_mod.SyncConfig(hub_url=url))
        org = str(made.org.path)
        made.org.close()
        monkeypatch.setenv("CK_PASS", "pass phrase 1")
        out = str(tmp_path / "door.checkin")
        code = main(
            ["sync", "provision", org, out, "--station", "Door", "--role", "desk",
             "--passphrase-env", "CK_PASS", "--hub-password", "--json"]
        )  # fmt: skip
        data = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
        assert code == 0 and data["hub"] == hub_diagnose.split_password(hub_url)[0]
        assert data["hub_password"] is True
        assert b"hub-secret-7" not in Path(out).read_bytes()  # encrypted package
        with open_event_file(out, "pass phrase 1") as door:
            assert status_mod.load_config(door).hub_url == url
        # without --hub-password the organizer's saved address goes without its password
        out2 = str(tmp_path / "door2.checkin")
        assert main(["sync", "provision", org, out2, "--station", "Door 2", "--role", "desk",
                     "--passphrase-env", "CK_PASS", "--json"]) == 0  # fmt: skip
        capsys.readouterr()
        with open_event_file(out2, "pass phrase 1") as door2:
            assert status_mod.load_config(door2).hub_url == hub_diagnose.split_password(url)[0]
    finally:
        made.close()


def test_self_test_checks_the_hub(tmp_path, hub_url, postgres_server):
    import subprocess
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CHECKIN_LOG_DIR": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-m", "checkin", "--self-test", "--hub", hub_url],
        capture_output=True, text=True, timeout=300, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "hub round trip: wrote and read back one row" in done.stdout
    assert done.stdout.splitlines()[-1] == "self-test passed"
    # a role without schema rights: the hub step fails with the plain diagnosis
    from checkin.cli.selftest import SelfTest, SelfTestFailure

    user, db = _name("selftest"), _name("hub")
    with _admin(postgres_server) as admin:
        admin.execute(f"CREATE ROLE {user} LOGIN")
        admin.execute(f"CREATE DATABASE {db}")
    with psycopg.connect(postgres_server.url(db), autocommit=True) as inside:
        inside.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    lines: list[str] = []
    check = SelfTest(tmp_path, lines.append, hub_url=_url(postgres_server, user, db))
    assert ("hub", "hub") in check.STEPS
    with pytest.raises(SelfTestFailure, match="CREATE on schema 'public'"):
        check.hub()
    assert any("hub connect: PostgreSQL" in line for line in lines)


def test_a_failed_setup_takes_back_what_it_made(postgres_server, monkeypatch):
    role, db = _name("half"), _name("halfdb")
    setup = hub_setup.HubSetup(role, db, "a long hub password 42")
    monkeypatch.setattr(hub_setup.HubSetup, "database_statements", lambda self: ["SELECT 1/0"])
    with pytest.raises(HubRefused) as info:
        hub_setup.run_setup(postgres_server.url("postgres"), setup)
    assert "division by zero" in info.value.en and "Nothing was changed" in info.value.en
    with _admin(postgres_server) as admin:
        left = admin.execute(
            "SELECT (SELECT count(*) FROM pg_roles WHERE rolname = %s), "
            "(SELECT count(*) FROM pg_database WHERE datname = %s)",
            (role, db),
        ).fetchone()
    assert left == (0, 0)


def _self_signed(folder: Path, name: str) -> tuple[Path, Path]:
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=2))
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    crt, pem = folder / f"{name}.crt", folder / f"{name}.key"
    crt.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    pem.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                          serialization.NoEncryption())
    )  # fmt: skip
    return crt, pem


def test_tls_server_require_works_and_a_wrong_certificate_is_a_tls_diagnosis(tmp_path):
    """A second server with ssl = on (a self-signed certificate), as Debian installs it."""
    import pwd

    from sync_support import PostgresServer, pg_bindir

    bindir = pg_bindir()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries are not installed")
    server = PostgresServer(bindir)
    try:
        crt, key = _self_signed(server.root, "server")
        os.chmod(key, 0o600)
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(crt, user.pw_uid, user.pw_gid)
            os.chown(key, user.pw_uid, user.pw_gid)
        server.settings = ["ssl=on", f"ssl_cert_file={crt}", f"ssl_key_file={key}"]
        server.start()
        url = server.new_database()
        found = hub_diagnose.diagnose(url + "?sslmode=require")
        assert found.ok, found.to_json()
        assert found.steps[0][2].endswith(", TLS")  # the connection really is encrypted
        # verify-full against another certificate: told as TLS, not "cannot be reached"
        other, _ = _self_signed(tmp_path, "other")
        with pytest.raises(HubRefused) as info:
            hub.connect(f"{url}?sslmode=verify-full&sslrootcert={other}", timeout=3)
        assert info.value.code == "hub_tls" and "sslrootcert" in info.value.en
    finally:
        server.stop()
