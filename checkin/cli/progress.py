"""Progress on long command-line work (import, export, sync), on a terminal only.

``progress(out, en, ko)`` yields a ``(done, total)`` callback drawing a ``rich`` bar on
standard error, or ``None`` (nothing drawn) with ``--json``, when standard error is
not a terminal (a pipe, a log file, CI) or ``TERM=dumb``. The bar goes away when the
work ends, leaving only the command's own result lines.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from typing import Any

Callback = Callable[[int, int], None]


def wanted(out: Any) -> bool:
    if getattr(out, "json", False) or os.environ.get("TERM") == "dumb":
        return False
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):
        return False


@contextlib.contextmanager
def progress(out: Any, en: str, ko: str) -> Iterator[Callback | None]:
    if not wanted(out):
        yield None
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    label = out.t(en, ko)
    bar = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    with bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total or None)

        yield update
