"""Applying a plan: one transaction, all or nothing.

Refused while the plan has errors (``ImportRejected`` names the rows). If the event
changed since the plan was made, the rows are matched again inside the transaction,
so nothing is added twice. Consent answers get the import's time. Nothing personal
is logged.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from checkin import errors
from checkin.clock import Clock
from checkin.db.eventfile import EventFile
from checkin.event import settings as settings_mod
from checkin.lists.importing.columns import MappingOptions
from checkin.lists.importing.model import ImportPlan
from checkin.lists.importing.plan import Progress, _plan_rows, plan_import
from checkin.models import ATTENDEE_COLUMNS, Attendee
from checkin.people.attendees import insert_many, update_normalized
from checkin.protect import audit, consent

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int
    skipped: int
    reg_numbers: tuple[str, str] | None  # first and last new registration number

    def to_json(self) -> dict[str, Any]:
        return {
            "added": self.added, "updated": self.updated, "unchanged": self.unchanged,
            "skipped_duplicates": self.skipped,
            "reg_numbers": list(self.reg_numbers) if self.reg_numbers else None,
        }  # fmt: skip


class ImportRejected(errors.CheckinError):
    code = "import_rejected"

    def __init__(self, plan: ImportPlan) -> None:
        n = len(plan.errors)
        rows = plan.error_rows
        shown = ", ".join(str(r) for r in rows[:20]) + (" ..." if len(rows) > 20 else "")
        super().__init__(
            f"Nothing was imported: {n} problem(s) to fix first (rows {shown}).",
            f"아무것도 가져오지 않았습니다. 먼저 고칠 문제 {n}건 ({shown}행).",
            errors=n,
        )
        self.plan = plan


def apply_plan(
    ef: EventFile,
    clock: Clock,
    plan: ImportPlan,
    operator: str = "",
    progress: Progress | None = None,
) -> ImportResult:
    """Write a plan in one transaction (all or nothing). Refused while it has errors.

    If the event changed since the plan was made (another program wrote to it), the
    rows are matched again inside the transaction, so nothing is added twice.
    """
    if not plan.ok:
        raise ImportRejected(plan)
    cfg = settings_mod.load(ef)
    now = clock.now_ms()
    with ef.write() as conn:
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        if plan.data_version is not None and version != plan.data_version:
            plan = _replan(conn, plan, cfg)
        added = insert_many(
            conn, cfg.reg_prefix, [_stamp_consents(v, now) for _, v in plan.new], now, operator
        )
        if progress:
            progress(len(added), len(added) + len(plan.updates))
        updated = 0
        for u in plan.updates:
            _, diff = update_normalized(
                conn, u.attendee_id, _stamp_consents(u.changes, now), now, operator
            )
            updated += bool(diff)
        if plan.options.consent_declared is not None and (added or updated):
            _record_declaration(conn, now, plan.options.consent_declared, len(added) + updated,
                                operator)  # fmt: skip
    log.info(
        "import: %d added, %d updated, %d unchanged, %d duplicate rows skipped",
        len(added), updated, len(plan.unchanged), len(plan.skipped),
    )  # fmt: skip
    numbers = (added[0], added[-1]) if added else None
    return ImportResult(len(added), updated, len(plan.unchanged), len(plan.skipped), numbers)


def _record_declaration(
    conn: Any, now: int, declared: consent.Declaration, rows: int, operator: str
) -> None:
    """The audit row saying who declared which consents for how many rows, and why."""
    detail = {"kind": "import_declared", "items": list(declared.items),
              "version": declared.version, "basis": declared.basis, "rows": rows}  # fmt: skip
    audit.record_in(conn, now, audit.CONSENT, None, detail, operator)


def _replan(conn: Any, plan: ImportPlan, cfg: settings_mod.EventSettings) -> ImportPlan:
    """The rows matched again against the event as it is now (inside the write)."""
    log.info("event changed since the import was planned; matching rows again")
    fresh = ImportPlan(
        table=plan.table, header_row=plan.header_row, headers=plan.headers,
        columns=plan.columns, data_rows=plan.data_rows, options=plan.options,
    )  # fmt: skip
    h = next(i for i, (n, _) in enumerate(plan.table.rows) if n == plan.header_row)
    existing = [
        Attendee.from_row(r) for r in conn.execute(f"SELECT {ATTENDEE_COLUMNS} FROM attendees")
    ]
    _plan_rows(fresh, plan.table.rows[h + 1 :], cfg, existing, None)
    if not fresh.ok:
        raise ImportRejected(fresh)
    return fresh


def import_file(
    ef: EventFile,
    clock: Clock,
    path: str | Path,
    options: MappingOptions | None = None,
    dry_run: bool = False,
    operator: str = "",
    progress: Progress | None = None,
) -> tuple[ImportPlan, ImportResult | None]:
    """Plan and (unless ``dry_run`` or there are errors) apply an import."""
    plan = plan_import(ef, path, options, progress)
    if dry_run or not plan.ok:
        return plan, None
    return plan, apply_plan(ef, clock, plan, operator)


def _stamp_consents(values: dict[str, Any], now: int) -> dict[str, Any]:
    """The import's time on the answers a plan recorded (``_apply_consent_columns``);
    answers recorded before (``_merge_answers``) keep theirs."""
    if not values.get("consents"):
        return values
    answers = consent.decode(values["consents"])
    for answer in answers.values():
        if not answer.get("at"):
            answer["at"] = now
    return {**values, "consents": consent.encode(answers)}
