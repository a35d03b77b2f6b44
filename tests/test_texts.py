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

# Lines of Korean still typed into each module instead of its package's catalogue. The
# numbers may only go down: move a module's words into its package's texts.py, then lower
# (or remove) its number here. A module not listed has none.
STILL_INLINE = {
    "badges/discreet.py": 4,  # the default leave message an organizer edits, its examples
    "badges/layouts.py": 9,
    "badges/service.py": 1,  # an example of the sort order in a docstring
    "badges/ticket_bounces.py": 4,  # bounce reasons (tickets by e-mail), not yet moved
    "badges/ticket_layout.py": 1,  # an example in a comment
    "badges/ticket_mail.py": 4,  # the e-mail's refusal and stop lines, not yet moved
    "badges/ticket_render.py": 1,  # an example in a comment
    "badges/tickets.py": 5,  # the e-mail template an organizer edits
    "cli/badges.py": 4,  # discreet badges and groups: words not yet moved
    "cli/common.py": 3,  # the --consent-on-file lines, not yet moved
    "cli/core.py": 8,  # Korean examples in --help (초성, a guardian); groups, consent on file
    "cli/doors.py": 12,  # the door modes' command: words not yet moved
    "cli/io.py": 11,  # Korean examples (a column name, a value to map); the consent lines
    "cli/sync_now.py": 4,  # the sync round's command: words not yet moved
    "cli/tickets.py": 5,  # the tickets' command: words not yet moved
    "door/engine.py": 2,  # door modes' refusals, not yet moved
    "door/modes.py": 5,  # the door modes' names and refusals, not yet moved
    "door/outcomes.py": 46,  # the scan outcome table (issue 14, point 6): one table, both languages
    "event/settings.py": 10,  # the defaults an organizer edits (categories, lists)
    "lists/exporter.py": 20,
    # the importer, by stage: the header and value synonyms it reads (aliases), the
    # issues and the import's words
    "lists/importing/aliases.py": 140,
    "lists/importing/apply.py": 1,
    "lists/importing/columns.py": 16,
    "lists/importing/match.py": 21,
    "lists/importing/model.py": 3,
    "lists/importing/plan.py": 17,
    "lists/importing/read.py": 23,
    "lists/importing/read_xlsx.py": 2,
    "lists/importing/table.py": 2,
    "lists/paper.py": 11,
    "lists/pdfdoc.py": 3,  # the jamo table of the Korean sort order, its docstring
    "lists/report.py": 27,
    "models.py": 1,  # an example in a comment
    "people/attendee_query.py": 4,  # examples in comments
    "people/duplicates.py": 6,  # examples of names in its docstring and comments
    "people/fields.py": 24,  # the field labels table and the yes/no/language words it reads
    "people/groups.py": 4,  # groups' refusals, not yet moved
    "people/search.py": 5,  # examples in its docstring and comments
    "protect/access.py": 1,  # a masked name in its docstring
    "protect/consent.py": 20,  # the default consent wording an organizer edits; declarations
    "protect/masking.py": 8,  # the two-syllable surnames it keeps, examples
    "protect/retention.py": 5,  # the lost-station words, not yet moved
}
# Korean that is data, not words for a reader: the jamo tables of the Korean-aware search,
# the names the self-test searches for, the demo event's made-up people, and the example
# in the route's own docstring.
NOT_TEXTS = {"people/hangul.py", "cli/selftest.py", "door/demo.py", "texts.py"}


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


def test_no_text_is_declared_twice_in_a_catalogue() -> None:
    # Across packages the same words may stand twice: a package may not import another's
    # catalogue when the layers forbid it (the command line never imports checkin.db).
    _all_texts()
    twice = []
    for catalogue in texts.CATALOGUES.values():
        seen: dict[tuple[str, str], str] = {}
        for t in catalogue.texts().values():
            if (t.en, t.ko) in seen:
                twice.append(f"{t.id} = {seen[t.en, t.ko]}")
            seen[t.en, t.ko] = t.id
    assert not twice, twice


def test_no_korean_typed_outside_the_catalogues() -> None:
    inline = {}
    for path in sorted(ROOT.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith("ui/") or _is_catalogue(path) or rel in NOT_TEXTS:
            continue
        lines = sum(
            1 for line in path.read_text(encoding="utf-8").splitlines() if HANGUL.search(line)
        )
        if lines:
            inline[rel] = lines
    grown = {m: n for m, n in inline.items() if n > STILL_INLINE.get(m, 0)}
    assert not grown, (
        f"Korean typed outside a catalogue (put it in the package's texts.py): {grown}"
    )
    shrunk = {m: inline.get(m, 0) for m, n in STILL_INLINE.items() if inline.get(m, 0) < n}
    assert not shrunk, f"fewer lines of Korean now: lower STILL_INLINE to {shrunk}"


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
