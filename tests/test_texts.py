"""The texts of the core and the command line (``checkin.texts``): every catalogue complete
in both languages, and no Korean typed outside the catalogues in converted modules."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

import checkin
from checkin import texts
from checkin.errors import CheckinError, InvalidInput
from checkin.texts import Catalogue, Text

ROOT = Path(checkin.__file__).resolve().parent
HANGUL = re.compile(r"[\uac00-\ud7a3\u3131-\u318e]")

# Modules whose Korean is not (yet) in a catalogue. Shrink this list, never grow it: a new
# module says its words in its package's texts.py.
STILL_INLINE = {
    "badges/layouts.py",
    "badges/printing.py",
    "badges/service.py",
    "badges/ticket_mail.py",
    "badges/tickets.py",
    "cli/audit.py",
    "cli/badges.py",
    "cli/core.py",
    "cli/io.py",
    "cli/protect.py",
    "cli/selftest.py",
    "cli/tickets.py",
    "db/eventfile.py",
    "door/demo.py",
    "door/engine.py",
    "door/messages.py",  # the scan outcome table (issue 14, point 6)
    "event/files.py",
    "event/identity.py",
    "event/rekey.py",
    "event/settings.py",
    "lists/exporter.py",
    "lists/importer.py",
    "lists/paper.py",
    "lists/pdfdoc.py",
    "lists/report.py",
    "people/attendee_query.py",
    "people/attendees.py",
    "people/duplicates.py",
    "people/fields.py",
    "people/search.py",
    "protect/access.py",
    "protect/audit.py",
    "protect/consent.py",
    "protect/incident.py",
    "protect/masking.py",
    "protect/pin.py",
    "protect/retention.py",
    "sync/copies.py",
    "sync/provision.py",
    "sync/state.py",
}
# Korean that is data, not words for a reader: the jamo tables of the Korean-aware search,
# and the example in the docstring of the route itself.
NOT_TEXTS = {"people/hangul.py", "texts.py"}


def _is_catalogue(path: Path) -> bool:
    """``<package>/texts.py``, or ``<name>_texts.py`` for the leaves at the top."""
    rel = path.relative_to(ROOT)
    if rel.parts[0] == "ui":
        return False
    return (path.name == "texts.py" and path.parent != ROOT) or path.name.endswith("_texts.py")


def _catalogue_modules() -> list[str]:
    return [
        "checkin." + ".".join(p.relative_to(ROOT).with_suffix("").parts)
        for p in sorted(ROOT.rglob("*.py"))
        if _is_catalogue(p)
    ]


def _all_texts() -> list[Text]:
    for name in _catalogue_modules():
        importlib.import_module(name)
    return [t for cat in texts.CATALOGUES.values() for t in cat.texts().values()]


def test_catalogues_are_found() -> None:
    names = _catalogue_modules()
    assert {"checkin.sync.texts", "checkin.cli.texts", "checkin.error_texts"} <= set(names)
    _all_texts()
    assert {"sync", "cli", "errors"} <= set(texts.CATALOGUES)


def test_every_text_has_both_languages_and_the_same_placeholders() -> None:
    problems = []
    for t in _all_texts():
        if not t.en.strip() or not t.ko.strip():
            problems.append(f"{t.id}: a language is empty")
        if not HANGUL.search(t.ko) and t.ko != t.en:
            problems.append(f"{t.id}: the Korean has no Korean")
        if HANGUL.search(t.en):
            problems.append(f"{t.id}: Korean in the English")
        if t.fields("en") != t.fields("ko"):
            problems.append(f"{t.id}: placeholders {t.fields('en')} vs {t.fields('ko')}")
    assert not problems, "\n".join(problems)


def test_every_text_has_its_id() -> None:
    all_texts = _all_texts()
    ids = [t.id for t in all_texts]
    assert all(ids) and len(ids) == len(set(ids))
    assert all(texts.find(t.id) is t for t in all_texts)
    with pytest.raises(KeyError):
        texts.find("sync.no_such_text")


def test_no_korean_typed_outside_the_catalogues() -> None:
    inline = set()
    for path in ROOT.rglob("*.py"):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith("ui/") or _is_catalogue(path) or rel in NOT_TEXTS:
            continue
        if HANGUL.search(path.read_text(encoding="utf-8")):
            inline.add(rel)
    new = inline - STILL_INLINE
    assert not new, f"Korean typed outside a catalogue (put it in the package's texts.py): {new}"
    done = STILL_INLINE - inline
    assert not done, f"no Korean left in {done}: take them off STILL_INLINE"


def test_a_text_fills_in_the_readers_language() -> None:
    class Demo(Catalogue, domain="test_demo"):
        hello = Text("{n:,} people at {door!r}", "{door!r} 에 {n:,}명")

    assert Demo.hello.id == "test_demo.hello"
    assert Demo.hello.get("ko", n=1200, door="A") == "'A' 에 1,200명"
    assert Demo.hello.get("en", n=3, door="A") == "3 people at 'A'"
    assert Demo.hello.pair(n=1, door="B") == ("1 people at 'B'", "'B' 에 1명")
    assert Demo.hello.both(n=1, door="B") == "'B' 에 1명\n1 people at 'B'"
    del texts.CATALOGUES["test_demo"]


def test_an_error_carries_its_text_in_both_languages() -> None:
    from checkin.sync.errors import HubRefused, StationConflict

    exc = HubRefused("hub:5432", "password authentication failed")
    assert exc.message("ko").startswith("동기화 서버(hub:5432)가")
    assert exc.message("en").endswith("password authentication failed")
    data = exc.to_json()
    assert data["message_id"] == "sync.hub_refused"
    assert data["where"] == "hub:5432" and data["message_ko"] == exc.ko
    # A value only the wording needs stays out of the JSON form.
    conflict = StationConflict("door 1", "bundle.ckbundle")
    assert "(bundle.ckbundle)" in conflict.en and "where" not in conflict.to_json()
    # An error spelled out by hand has no id.
    assert "message_id" not in InvalidInput("x", "엑스").to_json()
    assert isinstance(exc, CheckinError)
