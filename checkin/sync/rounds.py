"""One sync round: the shared folder, then the hub, as this station is set up to sync.

The app's background sync (``checkin.ui.console.sync_service``, in a worker thread with
its own connection) and ``checkin sync now`` both run ``run_round``. A round never
fails for an unreachable folder or hub: the kiosk works offline, so the outcome says
*offline* and lists the problems (person-facing ``CheckinError``s); the next round
tries again. ``push_only`` (after a check-in) only sends to the hub, at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from checkin import errors
from checkin.clock import Clock
from checkin.db.eventfile import EventFile
from checkin.sync import folder as folder_mod
from checkin.sync import hub as hub_mod
from checkin.sync.state import IdentityNotice
from checkin.sync.status import SyncConfig


@dataclass
class SyncOutcome:
    """What one round did. ``problems`` are person-facing (CheckinError)."""

    at_ms: int
    imported: int = 0
    sent: int = 0
    online: bool = True
    problems: list[errors.CheckinError] = field(default_factory=list)
    identity: list[IdentityNotice] = field(default_factory=list)  # the file took a new identity
    push_only: bool = False
    folder: folder_mod.FolderResult | None = None  # the folder's own report, when it ran
    hub: hub_mod.HubResult | None = None  # the hub's own report, when it ran

    @property
    def ok(self) -> bool:
        return not self.problems

    def problem_text(self, lang: str) -> str:
        return "\n".join(p.message(lang) for p in self.problems)

    def notices(self, lang: str) -> list[str]:
        return [n.message(lang) for n in self.identity]

    def to_json(self) -> dict[str, Any]:
        return {
            "at_ms": self.at_ms, "imported": self.imported, "sent": self.sent,
            "online": self.online, "push_only": self.push_only,
            "problems": [{"error": p.code, "message": p.message("en"),
                          "message_ko": p.message("ko")} for p in self.problems],
            "notices": self.notices("en"),
            "folder": self.folder.to_json() if self.folder else None,
            "hub": self.hub.to_json() if self.hub else None,
        }  # fmt: skip


def run_round(
    ef: EventFile, config: SyncConfig, clock: Clock, push_only: bool = False
) -> SyncOutcome:
    """One round on ``ef`` with the folder and/or hub of ``config`` (opened by the caller,
    in the thread that runs the round)."""
    outcome = SyncOutcome(clock.now_ms(), push_only=push_only)
    if config.folder and not push_only:
        _folder(ef, config.folder, clock, outcome)
    if config.hub_url:
        _hub(ef, config.hub_url, clock, push_only, outcome)
    return outcome


def _folder(ef: EventFile, folder: str, clock: Clock, outcome: SyncOutcome) -> None:
    try:
        result = folder_mod.sync_folder(ef, folder, clock)
    except errors.CheckinError as exc:
        outcome.problems.append(exc)
        outcome.online = False
        return
    outcome.folder = result
    outcome.imported += result.imported
    outcome.sent += result.sent
    for item in result.refused:
        problem = errors.CheckinError(item["message"], item["message_ko"])
        problem.code = item["error"]
        outcome.problems.append(problem)
    if result.notice:
        outcome.identity.append(result.notice)


def _hub(ef: EventFile, url: str, clock: Clock, push_only: bool, outcome: SyncOutcome) -> None:
    try:
        result = hub_mod.sync_hub(ef, url, clock, pull=not push_only)
    except errors.CheckinError as exc:
        outcome.problems.append(exc)
        if exc.code == "hub_unavailable":
            outcome.online = False
        return
    outcome.hub = result
    outcome.imported += result.imported
    outcome.sent += result.pushed
    if result.notice:
        outcome.identity.append(result.notice)
