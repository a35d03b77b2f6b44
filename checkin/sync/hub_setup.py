"""Setting a hub up: the least-privilege SQL, and running it as the administrator.

``HubSetup`` is a login role without superuser, database or role creation rights, a
database it may connect to, and a schema of its own (owned by the role, first on its
search path) where the app creates its tables; with ``door_role``, a second login role
for door kiosks that cannot select the full rows. ``checkin sync hub-setup`` prints the
script or, given the administrator's address, runs it (``run_setup``); half a setup is
taken back.
"""

from __future__ import annotations

import contextlib
import re
import secrets
from dataclasses import dataclass

from checkin import errors
from checkin.sync.errors import NOTHING_CHANGED_EN as NOTHING_CHANGED
from checkin.sync.errors import HubRefused
from checkin.sync.hub_diagnose import _where, conninfo
from checkin.sync.texts import SyncTexts as T

NAME_RE = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
# what a door kiosk's database role may do with checkin_hub_sealed (HubSetup.door_role)
DOOR_SEALED_RIGHTS = (
    ("SELECT", ("pos", "event_id", "log", "station_id", "seq", "hlc", "digest", "door_payload",
                "bare_payload", "pushed_by", "pushed_at")),
    ("INSERT", ("event_id", "log", "station_id", "seq", "hlc", "digest", "bare_payload",
                "pushed_by")),
)  # fmt: skip


@dataclass(frozen=True)
class HubSetup:
    role: str
    database: str
    password: str
    door_role: str = ""  # a second login role for door kiosks (no full rows), or none
    door_password: str = ""

    def __post_init__(self) -> None:
        names = [("role", self.role), ("database", self.database)]
        if self.door_role:
            names.append(("door role", self.door_role))
            if self.door_role == self.role:
                raise errors.InvalidInput(T.door_role_own_name, field="door_role")
            if len(self.door_password) < 12:
                raise errors.InvalidInput(T.door_password_too_short, field="password")
        for what, name in names:
            if not NAME_RE.match(name):
                raise errors.InvalidInput(T.setup_bad_name, field=what, what=what, name=name)
        if len(self.password) < 12:
            raise errors.InvalidInput(T.setup_short_password, field="password")

    @property
    def schema(self) -> str:
        return self.role

    def server_statements(self) -> list[str]:
        """Run in any database of the server (as a superuser); not in a transaction."""
        out = [
            f"CREATE ROLE {self.role} LOGIN PASSWORD {_literal(self.password)} NOSUPERUSER "
            f"NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS",
            f"CREATE DATABASE {self.database} ENCODING 'UTF8' TEMPLATE template0",
            f"REVOKE ALL ON DATABASE {self.database} FROM PUBLIC",
            f"GRANT CONNECT, TEMPORARY ON DATABASE {self.database} TO {self.role}",
        ]
        if self.door_role:
            out += [
                f"CREATE ROLE {self.door_role} LOGIN PASSWORD {_literal(self.door_password)} "
                f"NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS",
                f"GRANT CONNECT, TEMPORARY ON DATABASE {self.database} TO {self.door_role}",
            ]
        return out

    def database_statements(self) -> list[str]:
        """Run inside the new database (as a superuser)."""
        out = [
            "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
            f"CREATE SCHEMA {self.schema} AUTHORIZATION {self.role}",
            f"ALTER ROLE {self.role} IN DATABASE {self.database} SET search_path = {self.schema}",
        ]
        if self.door_role:
            out += self.door_statements()
        return out

    def door_statements(self) -> list[str]:
        """The door kiosks' role: the sync tables are made now, by the hub's role, which
        grants the door role what a door needs and no more. It may not select (or write)
        the full rows, nor the rows pushed before views: a door kiosk's file and the
        door role's password together still reach no full name, phone or e-mail, not even
        as ciphertext (``checkin.sync.hub``)."""
        from checkin.sync import hub

        door, schema = self.door_role, self.schema
        select, insert = (", ".join(cols) for _right, cols in DOOR_SEALED_RIGHTS)
        return [
            f"SET ROLE {self.role}",
            f"SET search_path = {schema}",
            *statements_of(hub.SCHEMA_SQL),
            f"GRANT USAGE ON SCHEMA {schema} TO {door}",
            f"GRANT SELECT, INSERT, UPDATE ON {', '.join(hub.DOOR_TABLES)} TO {door}",
            f"GRANT SELECT ({select}) ON {hub.SEALED_TABLE} TO {door}",
            f"GRANT INSERT ({insert}) ON {hub.SEALED_TABLE} TO {door}",
            "RESET ROLE",
            f"ALTER ROLE {door} IN DATABASE {self.database} SET search_path = {schema}",
        ]

    def script(self) -> str:
        lines = [
            "-- checkin hub: a least-privilege role with a schema of its own.",
            "-- Run as a PostgreSQL superuser, e.g.:  sudo -u postgres psql -f hub-setup.sql",
            f"-- The role {self.role} is no superuser and cannot create databases or roles;",
            f"-- it owns only the schema {self.schema} in the database {self.database}.",
            *(s + ";" for s in self.server_statements()),
            f"\\connect {self.database}",
            *(s + ";" for s in self.database_statements()),
        ]
        return "\n".join(lines) + "\n"

    def hub_url(self, host: str = "SERVER-ADDRESS", port: int | str = 5432) -> str:
        return f"postgresql://{self.role}@{host}:{port}/{self.database}"

    def door_hub_url(self, host: str = "SERVER-ADDRESS", port: int | str = 5432) -> str:
        return f"postgresql://{self.door_role}@{host}:{port}/{self.database}"


def statements_of(script: str) -> list[str]:
    """The statements of a plain SQL script (no functions or quoted semicolons in it)."""
    return [" ".join(part.split()) for part in script.split(";") if part.strip()]


def _literal(text: str) -> str:
    if "\\" in text or "\x00" in text:
        raise errors.InvalidInput(T.setup_backslash, field="password")
    return "'" + text.replace("'", "''") + "'"


def new_password() -> str:
    return secrets.token_urlsafe(18)


def run_setup(admin_url: str, setup: HubSetup, timeout: float = 5) -> str:
    """Run the setup as the administrator at ``admin_url``; returns the hub URL for kiosks
    (without the password)."""
    from checkin.sync import hub

    psycopg = hub._pg()
    admin = hub.connect(admin_url, timeout)
    where = _where(admin_url)
    try:
        admin.autocommit = True
        if not admin.execute(
            "SELECT rolsuper FROM pg_roles WHERE rolname = current_user"
        ).fetchone()[0]:
            raise errors.NotAllowed(T.setup_needs_superuser, where=where)
        taken = admin.execute(
            "SELECT (SELECT count(*) FROM pg_roles WHERE rolname IN (%s, %s)), "
            "(SELECT count(*) FROM pg_database WHERE datname = %s)",
            (setup.role, setup.door_role or setup.role, setup.database),
        ).fetchone()
        if taken[0] or taken[1]:
            raise errors.InvalidInput(
                T.setup_names_taken, field="role", role=setup.role, database=setup.database
            )
        info = conninfo(admin_url)
        info["dbname"] = setup.database
        from psycopg.conninfo import make_conninfo

        try:
            for statement in setup.server_statements():
                admin.execute(statement)
            with psycopg.connect(make_conninfo(**info), connect_timeout=max(1, int(timeout)),
                                 autocommit=True) as inner:  # fmt: skip
                for statement in setup.database_statements():
                    inner.execute(statement)
        except BaseException:
            # Half a setup helps nobody: take back what was made ("Nothing was changed").
            undos = [
                f"DROP DATABASE IF EXISTS {setup.database}",
                f"DROP ROLE IF EXISTS {setup.role}",
            ]
            if setup.door_role:
                undos.append(f"DROP ROLE IF EXISTS {setup.door_role}")
            for undo in undos:
                with contextlib.suppress(Exception):
                    admin.execute(undo)
            raise
        host = info.get("host") or "localhost"
        if host.startswith("/"):
            host = "localhost"
        return setup.hub_url(host, info.get("port") or 5432)
    except psycopg.Error as exc:
        raise HubRefused(where, hub._first_line(exc) + ". " + NOTHING_CHANGED) from exc
    finally:
        admin.close()
