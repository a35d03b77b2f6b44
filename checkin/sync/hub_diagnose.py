"""What is wrong with a hub connection, in plain words; the SQL that sets a hub up.

A failed connection is told apart by what the server (or the network) said: the name
does not resolve (DNS), nothing listens (refused), no answer (timeout), the server's
``pg_hba.conf`` has no line for this kiosk, the password is wrong, the database does
not exist, the secure connection (TLS, ``sslmode``) failed. Once connected,
``check_privileges`` says what the role lacks to keep the sync tables (PostgreSQL 15
no longer lets every user create tables in ``public``), before anything is tried.

Network problems stay ``HubUnavailable`` (the kiosk keeps working offline and tries
again); a server that refuses is a ``HubRefused`` with its own code and a hint the
organizer can act on. Nothing here is "a bug": it is the server's configuration.

Setting a hub up (the least-privilege role, database and schema) is in
``checkin.sync.hub_setup``.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from checkin import errors
from checkin.sync.errors import HubRefused, HubUnavailable
from checkin.sync.texts import SyncTexts as T
from checkin.texts import Text

TABLE_RIGHTS = ("SELECT", "INSERT", "UPDATE")  # no DELETE: nothing on the hub is deleted
# the columns of checkin_hub_sealed every station (a door too) reads and writes
SEALED_RIGHTS = (
    ("SELECT", ("pos", "event_id", "log", "station_id", "seq", "digest", "bare_payload",
                "pushed_by")),
    ("INSERT", ("event_id", "log", "station_id", "seq", "hlc", "digest", "bare_payload",
                "pushed_by")),
)  # fmt: skip
SETUP_GUIDE = "docs/organizer-guide.md"


# --- the address ----------------------------------------------------------------------


def conninfo(url: str) -> dict[str, str]:
    try:
        from psycopg.conninfo import conninfo_to_dict

        return {k: str(v) for k, v in conninfo_to_dict(url).items() if v is not None}
    except Exception:
        return {}


def split_password(url: str) -> tuple[str, str]:
    """``(url without its password, the password)``; the password is '' when none."""
    parts = urlsplit(url)
    if "@" not in parts.netloc:
        return url, ""
    userinfo, _, hostport = parts.netloc.rpartition("@")
    user, sep, password = userinfo.partition(":")
    if not sep:
        return url, ""
    netloc = f"{user}@{hostport}"
    return urlunsplit(parts._replace(netloc=netloc)), unquote(password)


def with_password(url: str, password: str) -> str:
    """``url`` with ``password`` in it (replacing any); '' leaves the URL without one."""
    bare, _ = split_password(url)
    if not password:
        return bare
    parts = urlsplit(bare)
    if "@" in parts.netloc:
        user, _, hostport = parts.netloc.rpartition("@")
    else:
        user, hostport = "", parts.netloc
    netloc = f"{user}:{quote(password, safe='')}@{hostport}"
    return urlunsplit(parts._replace(netloc=netloc))


def package_hub_url(url: str, keep_password: bool, encrypted: bool) -> str:
    """The hub address a station package carries: without its password, unless the
    organizer asks for it and the package is encrypted."""
    url = url.strip()
    if not url:
        if keep_password:
            raise errors.InvalidInput(T.no_hub_for_password, field="hub_url")
        return ""
    if not url.startswith(("postgresql://", "postgres://")):
        raise errors.InvalidInput(T.package_hub_url_scheme, field="hub_url")
    bare, password = split_password(url)
    if not keep_password:
        return bare
    if not password:
        raise errors.InvalidInput(T.hub_url_no_password, field="hub_url")
    if not encrypted:
        raise errors.InvalidInput(T.hub_password_needs_encryption, field="hub_password")
    return url


# --- problems -------------------------------------------------------------------------


def _where(url: str) -> str:
    from checkin.sync.hub import describe

    return describe(url)


class HubUnreachable(HubUnavailable):
    """The network: DNS, refused, timeout, no route. Stays ``hub_unavailable`` (offline)."""

    def __init__(self, where: str, reason: str, en: str, ko: str, detail: str) -> None:
        errors.CheckinError.__init__(
            self,
            T.hub_unreachable.get("en", where=where, why=en),
            T.hub_unreachable.get("ko", where=where, why=ko),
            where=where,
            reason=reason,
            detail=detail,
        )
        self.text_id = T.hub_unreachable.id
        self.reason = reason


class HubMisconfigured(HubRefused):
    """The server answered and said no: pg_hba, password, database, TLS, privileges."""

    def __init__(self, where: str, reason: str, en: str, ko: str, detail: str) -> None:
        text = T.hub_misconfigured
        errors.CheckinError.__init__(
            self,
            text.get("en", where=where, why=en, guide=SETUP_GUIDE),
            text.get("ko", where=where, why=ko, guide=SETUP_GUIDE),
            where=where,
            reason=reason,
            detail=detail,
        )
        self.text_id = text.id
        self.reason = reason
        self.code = f"hub_{reason}"


def _quoted(text: str, after: str) -> str:
    found = re.search(after + r'\s+"([^"]*)"', text)
    return found.group(1) if found else ""


def classify(exc: BaseException, url: str) -> errors.CheckinError:
    """The person-facing error for a failed connection (psycopg's OperationalError)."""
    where = _where(url)
    raw = str(exc).strip()
    detail = " ".join(raw.split())[:300]
    text = raw.lower()
    info = conninfo(url)
    host = info.get("host") or "localhost"
    port = info.get("port") or "5432"
    user = info.get("user") or "?"
    db = info.get("dbname") or user
    client = _quoted(raw, "for host") or "THIS-KIOSK-ADDRESS"
    values = {"user": user, "db": db, "host": host, "port": port, "client": client}

    def unreachable(reason: str, why: Text) -> HubUnreachable:
        return HubUnreachable(where, reason, *why.pair(**values), detail)

    def refused(reason: str, why: Text, **more: str) -> HubMisconfigured:
        return HubMisconfigured(where, reason, *why.pair(**values, **more), detail)

    found = _refusal(text, client, detail, refused) or _network_problem(text, unreachable)
    return found or HubUnreachable(where, "other", detail, detail, detail)


def _refusal(
    text: str, client: str, detail: str, refused: Callable[..., HubMisconfigured]
) -> HubMisconfigured | None:
    """The server answered and said no: which setting, and how to fix it."""
    if "pg_hba.conf" in text:
        subnet = _subnet(client)
        return refused("pg_hba", T.why_pg_hba, subnet=subnet)
    if (
        "password authentication failed" in text
        or "authentication failed" in text
        or "no password supplied" in text
        or "password is required" in text
    ):
        return refused("auth", T.why_auth)
    if re.search(r'role "[^"]*" does not exist', text):
        return refused("no_role", T.why_no_role)
    if re.search(r'database "[^"]*" does not exist', text):
        return refused("no_database", T.why_no_database)
    if any(word in text for word in ("ssl", "tls", "certificate", "gssencmode")):
        return refused("tls", T.why_tls, detail=detail[:120])
    return None


def _network_problem(
    text: str, unreachable: Callable[[str, Text], HubUnreachable]
) -> HubUnreachable | None:
    """The network or the server's load: what to check at the venue."""
    if "too many connections" in text or "remaining connection slots" in text:
        return unreachable("busy", T.why_busy)
    if any(
        word in text
        for word in (
            "could not translate host name",
            "failed to resolve host",
            "name or service not known",
            "nodename nor servname",
            "temporary failure in name resolution",
            "no such host",
            "getaddrinfo",
        )
    ):
        return unreachable("dns", T.why_dns)
    if "connection refused" in text:
        return unreachable("refused", T.why_refused)
    if "timeout" in text or "timed out" in text:
        return unreachable("timeout", T.why_timeout)
    if "no route to host" in text or "network is unreachable" in text:
        return unreachable("no_route", T.why_no_route)
    if "server closed the connection" in text or "terminat" in text:
        return unreachable("closed", T.why_closed)
    return None


def _subnet(client: str) -> str:
    parts = client.split(".")
    if len(parts) == 4 and all(p.isdigit() for p in parts):
        return ".".join(parts[:3]) + ".0/24"
    if ":" in client:
        return f"{client}/128"
    return "192.168.0.0/24"


def privileges_error(
    where: str, user: str, db: str, missing: list[str], detail: str = ""
) -> HubMisconfigured:
    what = "; ".join(missing)
    return HubMisconfigured(
        where, "privileges", *T.why_privileges.pair(user=user, db=db, what=what), detail or what
    )


@dataclass(frozen=True)
class Privileges:
    user: str
    database: str
    schema: str | None
    can_create: bool
    missing_tables: tuple[str, ...]
    missing_rights: tuple[str, ...] = field(default=())

    @property
    def missing(self) -> list[str]:
        out: list[str] = []
        if self.schema is None:
            out.append("USAGE on a schema of its search_path (none is usable)")
        elif self.missing_tables and not self.can_create:
            out.append(f"CREATE on schema {self.schema!r}")
        out.extend(self.missing_rights)
        return out


def read_privileges(pg: Any) -> Privileges:
    """What the connected role may do with the sync tables (reads only, no DDL)."""
    user, db, schema = pg.execute(
        "SELECT current_user, current_database(), current_schema()"
    ).fetchone()
    can_create = bool(
        schema is not None
        and pg.execute("SELECT has_schema_privilege(%s, 'CREATE')", (schema,)).fetchone()[0]
    )
    missing_tables: list[str] = []
    missing_rights: list[str] = []
    from checkin.sync.hub import HUB_TABLES, LEGACY_TABLE, SEALED_TABLE

    for table in HUB_TABLES:
        found = pg.execute("SELECT to_regclass(%s)::text", (table,)).fetchone()[0]
        if found is None:
            missing_tables.append(table)
            continue
        if table == LEGACY_TABLE:
            continue  # rows from before views: only stations with the full key read them
        if table == SEALED_TABLE:
            # what every station needs; a door's role may lack the full and door columns
            lacking = [
                f"{right} ({', '.join(cols)})"
                for right, cols in SEALED_RIGHTS
                if not all(
                    pg.execute(
                        "SELECT has_column_privilege(%s, %s, %s)", (found, col, right)
                    ).fetchone()[0]
                    for col in cols
                )
            ]
        else:
            lacking = [
                right
                for right in TABLE_RIGHTS
                if not pg.execute("SELECT has_table_privilege(%s, %s)", (found, right)).fetchone()[
                    0
                ]
            ]
        if lacking:
            missing_rights.append(f"{', '.join(lacking)} on table {found}")
    pg.rollback()
    return Privileges(user, db, schema, can_create, tuple(missing_tables), tuple(missing_rights))


def check_privileges(pg: Any, where: str) -> Privileges:
    """Raise ``HubMisconfigured('privileges')`` saying what is missing; else the rights."""
    found = read_privileges(pg)
    if found.missing:
        raise privileges_error(where, found.user, found.database, found.missing)
    return found


# --- a full check (the dialog's "test connection", the self-test) ---------------------


@dataclass
class Diagnosis:
    where: str
    ok: bool
    steps: list[tuple[str, bool, str]] = field(default_factory=list)  # (step, ok, detail)
    problem: errors.CheckinError | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "hub": self.where,
            "steps": [{"step": s, "ok": ok, "detail": d} for s, ok, d in self.steps],
            **({"problem": self.problem.to_json()} if self.problem else {}),
        }


def diagnose(url: str, timeout: float = 3) -> Diagnosis:
    """Connect, check privileges, create the tables if needed, write and read one row back
    (in a transaction that is rolled back: nothing is left on the hub)."""
    from checkin.sync import hub

    result = Diagnosis(_where(url), False)
    try:
        pg = hub.connect(url, timeout)
    except errors.CheckinError as exc:
        result.steps.append(("connect", False, exc.en))
        result.problem = exc
        return result
    try:
        version = pg.execute("SHOW server_version").fetchone()[0]
        ssl = pg.pgconn.ssl_in_use
        pg.rollback()
        result.steps.append(("connect", True, f"PostgreSQL {version}" + (", TLS" if ssl else "")))
        try:
            found = check_privileges(pg, result.where)
        except errors.CheckinError as exc:
            result.steps.append(("privileges", False, exc.en))
            result.problem = exc
            return result
        result.steps.append(("privileges", True, f"user {found.user}, schema {found.schema}"))
        psycopg = hub._pg()
        try:
            hub.ensure_schema(pg)
            token = "selftest:" + secrets.token_hex(8)
            with pg.transaction(force_rollback=True):
                pg.execute(
                    "INSERT INTO checkin_hub_meta (key, value) VALUES (%s, %s)", (token, token)
                )
                back = pg.execute(
                    "SELECT value FROM checkin_hub_meta WHERE key = %s", (token,)
                ).fetchone()
            if back is None or back[0] != token:
                raise psycopg.DataError("the row written was not read back")
        except psycopg.errors.InsufficientPrivilege as exc:
            problem = privileges_error(
                result.where, found.user, found.database, [hub._first_line(exc)]
            )
            result.steps.append(("round trip", False, problem.en))
            result.problem = problem
            return result
        except psycopg.Error as exc:
            refused = HubRefused(result.where, hub._first_line(exc))
            result.steps.append(("round trip", False, refused.en))
            result.problem = refused
            return result
        result.steps.append(("round trip", True, "wrote and read back one row"))
        result.ok = True
        return result
    finally:
        pg.close()
