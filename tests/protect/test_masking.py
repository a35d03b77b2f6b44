"""Masks below organizer: each format, every public read per role, sorting by a masked
column, and a property test that no role below organizer ever gets a whole phone, full
name, email, note or id in another system from a public core read."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checkin.db.eventfile import open_event_file
from checkin.people import attendees, fields
from checkin.people.attendee_query import AttendeeFilter, AttendeeQuery
from checkin.protect import audit, masking
from checkin.protect import pin as pin_mod
from checkin.protect.access import ELEVATION_MS, Access
from checkin.sync import provision
from consents import all_agreed, everything

PIN = "482915"


# -- the masks ------------------------------------------------------------------------


# The hidden middle of the phone, as it could be printed (a bare "9876" can turn up by
# chance inside a random id of the output).
PHONE_PARTS = ("010-9876", "9876-5432", "98765432")


@pytest.mark.parametrize(
    ("name", "mask"),
    [
        ("홍길동", "홍*동"),
        ("홍길", "홍*"),
        ("김", "*"),
        ("홍길동수", "홍***"),
        ("남궁민수", "남궁**"),
        ("남궁민", "남궁*"),
        ("황보영", "황보*"),
        ("제갈공명", "제갈**"),
        ("선우은숙", "선우**"),
        ("독고영재", "독고**"),
        ("사공일", "사공*"),
        ("서문탁", "서문*"),
        ("남궁", "남*"),  # only a surname: two syllables
        ("홍 길동", "홍*동"),
        ("John Smith", "J*** S****"),
        ("Mary Ann O'Neil", "M*** A** O*****"),
        ("J Smith", "* S****"),
        ("", ""),
    ],
)
def test_name_masks(name: str, mask: str) -> None:
    assert masking.mask_name(name) == mask


@pytest.mark.parametrize(
    ("raw", "mask"),
    [
        ("010-1234-5678", "010-****-5678"),
        ("01012345678", "010-****-5678"),
        ("0111234567", "011-***-4567"),
        ("02-123-4567", "02-***-4567"),
        ("0212345678", "02-****-5678"),
        ("031-123-4567", "031-***-4567"),
        ("0311234567", "031-***-4567"),
        ("070-1234-5678", "070-****-5678"),
        ("1588-1234", "1588-****"),
        ("+82 10 1234 5678", "010-****-5678"),
        ("+1 555 0100", "+1 *** 0100"),
        ("+44 20 7946 0958", "+44 ** **** 0958"),
        ("+15550100", "+155*****"),
        ("+8613800138000", "+861******8000"),
    ],
)
def test_phone_masks_for_every_format_fields_makes(raw: str, mask: str) -> None:
    assert masking.mask_phone(fields.phone(raw)) == mask


def test_email_masks() -> None:
    assert masking.mask_email("alice@example.org") == "a***@example.org"
    assert masking.mask_email("a@example.org") == "***@example.org"
    assert masking.mask_email("") == ""


@pytest.mark.parametrize(
    ("raw", "mask"),
    [
        ("ORD-2027-000123", "***-****-**0123"),
        ("ABC12-1", "*****-*"),  # too short to show any of it
        ("pretix:XK3PQ-12", "******:***PQ-12"),  # the last four letters or digits
        ("12345678", "****5678"),
        ("", ""),
    ],
)
def test_external_id_masks(raw: str, mask: str) -> None:
    assert masking.mask_id(raw) == mask


def test_notes_are_masked_whole() -> None:
    assert masking.mask_text("가족 연락 금지: 동생이 같은 행사에") == "***"
    assert masking.mask_text("x") == "***" and masking.mask_text("  ") == ""


# -- per role over the read paths -----------------------------------------------------


@pytest.fixture
def person(ef, clock):
    return attendees.add_attendee(
        ef, clock, display_name="한별", full_name="홍길동", category="family",
        phone="010-9876-5432", email="gildong@example.org", organization="통일부",
        notes="동생과 같이 옴", external_id="ORD-2027-001234", consents=everything(),
    )  # fmt: skip


@pytest.fixture
def desk(ef, clock, person) -> Access:
    """A desk station's access once the organizer set a PIN (not entered here)."""
    pin_mod.set_pin(ef, clock, PIN)
    return Access.for_file(ef, clock, "KJ")


def _reads(ef, clock, access, person):
    """What every public read hands out for ``person``."""
    query = AttendeeQuery(ef, access)
    return {
        "get": attendees.get(ef, person.id, access=access),
        "find": attendees.find(ef, person.reg_no, access=access),
        "view_detail": attendees.view_detail(ef, clock, person.reg_no, "KJ", access=access),
        "search": attendees.search_attendees(ef, clock, "한별", access=access)[0].attendee,
        "search_phone": attendees.search_attendees(ef, clock, "5432", access=access)[0].attendee,
        "search_as_typed": attendees.search_as_typed(ef, "한별", access=access)[0],
        "list": query.run(AttendeeFilter()).page(0, 10)[0].attendee,
        "list_search": query.run(AttendeeFilter(text="홍길동")).page(0, 10)[0].attendee,
    }


def _last_view(ef) -> dict:
    row = ef.execute(
        "SELECT detail FROM audit_log WHERE action = ? ORDER BY rowid DESC LIMIT 1", (audit.VIEW,)
    ).fetchone()
    return json.loads(row[0]) if row[0] else {}


def test_below_organizer_every_read_is_masked(ef, clock, desk, person) -> None:
    for path, seen in _reads(ef, clock, desk, person).items():
        assert (seen.full_name, seen.phone, seen.email) == (
            "홍*동", "010-****-5432", "g***@example.org"
        ), path  # fmt: skip
        assert (seen.notes, seen.external_id) == ("***", "***-****-**1234"), path
        assert seen.display_name == "한별", path  # the badge name stays as printed
        assert seen.organization == "통일부", path


def test_organizer_pin_shows_whole_and_is_audited(ef, clock, desk, person) -> None:
    desk.elevate_or_raise(ef, PIN)
    for path, seen in _reads(ef, clock, desk, person).items():
        assert (seen.full_name, seen.phone, seen.email) == (
            "홍길동", "010-9876-5432", "gildong@example.org"
        ), path  # fmt: skip
    assert _last_view(ef) == {"personal": ["full_name", "phone", "email", "notes", "external_id"]}
    clock.advance(ELEVATION_MS)  # the unlock ends: masked again
    assert attendees.get(ef, person.id, access=desk).phone == "010-****-5432"
    attendees.view_detail(ef, clock, person.reg_no, "KJ", access=desk)
    assert _last_view(ef) == {}


def test_without_a_pin_everybody_is_organizer(ef, clock, person) -> None:
    access = Access.for_file(ef, clock)
    for path, seen in _reads(ef, clock, access, person).items():
        assert seen.phone == "010-9876-5432", path


def test_scan_only_gets_redacted_not_masked(ef, clock, person, tmp_path) -> None:
    path = tmp_path / "door.checkin"
    provision.provision(ef, path, clock, station_name="정문", role="scan-only")
    door = open_event_file(path)
    try:
        access = Access.for_file(door, clock)
        seen = attendees.get(door, person.id, access=access)
        assert (seen.full_name, seen.phone, seen.email) == ("", "", "")
        row = AttendeeQuery(door, access).run(AttendeeFilter()).page(0, 5)[0].attendee
        assert (row.full_name, row.phone) == ("", "")
    finally:
        door.close()


def test_masks_never_leave_in_the_json_of_a_masked_read(ef, clock, desk, person) -> None:
    text = json.dumps(attendees.get(ef, person.id, access=desk).to_json(), ensure_ascii=False)
    for secret in ("홍길동", *PHONE_PARTS, "gildong", "동생"):
        assert secret not in text


def test_a_scan_and_the_walk_in_duplicate_check_are_masked_too(ef, clock, desk, person) -> None:
    from checkin.door.engine import CheckinEngine
    from checkin.event import identity as event
    from checkin.people import duplicates

    code = event.badge_code(ef, person.id, 1)
    result = CheckinEngine(ef, clock, desk).scan(code)
    assert result.ok and (result.attendee.full_name, result.attendee.phone) == (
        "홍*동", "010-****-5432")  # fmt: skip
    (match,) = duplicates.find(ef, "한별", phone="010-9876-5432", access=desk)
    assert match.attendee.phone == "010-****-5432" and match.reason == "name_and_phone"
    desk.elevate_or_raise(ef, PIN)
    whole = CheckinEngine(ef, clock, desk).check_in(person.id, direction="exit")
    assert whole.attendee.phone == "010-9876-5432"


def _key(text: str):
    from checkin.badges.service import name_sort_key

    return (0, *name_sort_key(text)) if text else (1, 0, "")


def test_sorting_by_a_masked_column_follows_the_masks_not_the_values(ef, clock) -> None:
    pin_mod.set_pin(ef, clock, PIN)
    # registered in this order; the hidden middle digits and letters sort the other way
    added = attendees.add_attendees(ef, clock, all_agreed([
        {"display_name": "가", "phone": "010-9999-5678", "full_name": "김하늘",
         "email": "az@example.org"},
        {"display_name": "나", "phone": "010-5555-5678", "full_name": "김다늘",
         "email": "am@example.org"},
        {"display_name": "다", "phone": "010-1111-5678", "full_name": "김가늘",
         "email": "aa@example.org"},
        {"display_name": "라", "phone": "010-0000-1234", "full_name": "이가람",
         "email": "bb@example.org"},
    ]))  # fmt: skip
    ids = [a.id for a in added]
    desk = Access.for_file(ef, clock, "KJ")
    organizer = Access.for_file(ef, clock, "KJ")
    organizer.elevate_or_raise(ef, PIN)

    def order(access, sort, descending=False):
        rows = AttendeeQuery(ef, access).run(AttendeeFilter(sort=sort, descending=descending))
        return [r.attendee.id for r in rows.page(0, 10)]

    # the organizer sees the values, and their order
    assert order(organizer, "phone") == [ids[3], ids[2], ids[1], ids[0]]
    assert order(organizer, "full_name") == [ids[2], ids[1], ids[0], ids[3]]
    assert order(organizer, "email") == [ids[2], ids[1], ids[0], ids[3]]
    # below organizer: by the masks; equal masks in the order they were registered
    assert order(desk, "phone") == [ids[3], ids[0], ids[1], ids[2]]  # 010-****-1234 first
    assert order(desk, "full_name") == [ids[0], ids[1], ids[2], ids[3]]  # 김*늘 three times
    assert order(desk, "email") == [ids[0], ids[1], ids[2], ids[3]]  # a*** a*** a*** b***
    assert order(desk, "phone", descending=True) == list(reversed(order(desk, "phone")))
    # the same query object follows the access as it ends
    query = AttendeeQuery(ef, organizer)
    assert query.run(AttendeeFilter(sort="phone")).page(0, 9)[0].attendee.phone == "010-0000-1234"
    clock.advance(ELEVATION_MS + 1)
    shown = query.run(AttendeeFilter(sort="phone")).page(0, 9)
    assert [r.attendee.id for r in shown] == [ids[3], ids[0], ids[1], ids[2]]
    assert all("*" in r.attendee.phone for r in shown)


# -- property: nobody below organizer ever gets a whole personal field ------------------

_SYLLABLE = st.integers(0xAC00, 0xD7A3).map(chr)
_KOREAN = st.one_of(
    st.text(_SYLLABLE, min_size=2, max_size=5),
    st.builds(lambda s, g: s + g, st.sampled_from(sorted(masking.TWO_SYLLABLE_SURNAMES)),
              st.text(_SYLLABLE, min_size=1, max_size=3)),
)  # fmt: skip
_WORD = st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"),
                min_size=2, max_size=9)  # fmt: skip
_LATIN = st.lists(_WORD, min_size=1, max_size=3).map(" ".join)
_DIGITS = st.text(st.sampled_from("0123456789"), min_size=4, max_size=4)
_PHONE = st.one_of(
    st.builds(lambda a, b: f"010{a}{b}", _DIGITS, _DIGITS),
    st.builds(lambda a, b: f"02-{a[:3]}-{b}", _DIGITS, _DIGITS),
    st.builds(lambda a, b: f"031{a}{b}", _DIGITS, _DIGITS),
    st.builds(lambda a: f"1588{a}", _DIGITS),
    st.builds(lambda a, b: f"+44 20 {a} {b}", _DIGITS, _DIGITS),
    st.builds(lambda a, b: f"+1 555{a}{b}", _DIGITS, _DIGITS),
)
# a note starts with a word no other field holds, so finding it in the JSON means a leak
_NOTE = st.builds(lambda t: f"메모 {t}", st.text(st.characters(
    codec="utf-8", categories=("L", "N", "Zs")), max_size=30))  # fmt: skip
_EXTERNAL = st.builds(lambda a, b: f"ORD-{a}-{b}", _DIGITS, _DIGITS)
_PERSON = st.fixed_dictionaries(
    {"full_name": st.one_of(_KOREAN, _LATIN), "phone": _PHONE},
    optional={"email": st.builds(lambda w: f"{w}@example.org", _WORD), "notes": _NOTE,
              "external_id": _EXTERNAL},
)  # fmt: skip


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(people=st.lists(_PERSON, min_size=1, max_size=4), elevated_then_expired=st.booleans())
def test_no_role_below_organizer_gets_a_whole_phone_or_full_name(
    ef, clock, people, elevated_then_expired
) -> None:
    from checkin.door.engine import CheckinEngine
    from checkin.event import identity as event
    from checkin.people import duplicates

    if not pin_mod.has_pin(ef):
        pin_mod.set_pin(ef, clock, PIN)
    added = attendees.add_attendees(
        ef, clock,
        all_agreed([{"display_name": f"별{i}", "category": "guest", **p}
                    for i, p in enumerate(people)]),
    )  # fmt: skip
    access = Access.for_file(ef, clock, "KJ")
    if elevated_then_expired:
        access.elevate_or_raise(ef, PIN)
        clock.advance(ELEVATION_MS + 1)
    whole = {a.id: a for a in added}
    engine = CheckinEngine(ef, clock, access)
    seen = []
    for a in added:
        seen.append(engine.scan(event.badge_code(ef, a.id, 1)).attendee)
        seen.append(engine.check_in(a.id, direction="exit").attendee)
        seen.extend(m.attendee for m in duplicates.find(
            ef, a.display_name, a.full_name, a.phone, access=access))  # fmt: skip
        seen.append(attendees.get(ef, a.id, access=access))
        seen.append(attendees.find(ef, a.reg_no, access=access))
        seen.append(attendees.view_detail(ef, clock, a.reg_no, access=access))
        seen.extend(h.attendee for h in attendees.search_attendees(
            ef, clock, a.full_name, access=access))  # fmt: skip
        seen.extend(h.attendee for h in attendees.search_attendees(
            ef, clock, a.phone[-4:], access=access))  # fmt: skip
    query = AttendeeQuery(ef, access)
    for sort in ("name", "full_name", "phone", "email"):
        rows = query.run(AttendeeFilter(sort=sort)).page(0, 500)
        seen.extend(r.attendee for r in rows)
        if sort != "name":  # by the masks (then the registration order), not the values
            shown = [(_key(getattr(r.attendee, sort)), r.attendee.rid) for r in rows]
            assert shown == sorted(shown), sort
    assert seen
    for shown in seen:
        if shown.id in whole:
            secret = whole[shown.id]
            assert shown.phone != secret.phone and "*" in shown.phone
            assert shown.full_name != secret.full_name and "*" in shown.full_name
            for name in ("email", "notes", "external_id"):
                value = getattr(secret, name)
                assert not value or (getattr(shown, name) != value and "*" in getattr(shown, name))
            assert not secret.notes or secret.notes not in json.dumps(
                shown.to_json(), ensure_ascii=False)  # fmt: skip


# -- the command line -------------------------------------------------------------------


def _cli(capsys, *argv: str) -> tuple[int, str]:
    from checkin.cli import main

    code = main([str(a) for a in argv])
    return code, capsys.readouterr().out


@pytest.mark.parametrize(
    "command",
    [
        ["show", "{path}", "{reg}"],
        ["search", "{path}", "홍길동"],
        ["search", "{path}", "5432", "--json"],
        ["show", "{path}", "{reg}", "--json"],
        ["checkin", "{path}", "{reg}", "--json"],
        ["edit", "{path}", "{reg}", "--organization", "통일부 2", "--json"],
        ["cancel", "{path}", "{reg}", "--json"],
        ["scan", "{path}", "{code}", "--json"],
    ],
)
def test_cli_masks_below_organizer_and_pin_env_shows_whole(
    ef, clock, desk, person, capsys, monkeypatch, command
) -> None:
    from checkin.event import identity as event

    badge = event.badge_code(ef, person.id, 1)
    argv = [a.format(path=ef.path, reg=person.reg_no, code=badge) for a in command]
    code, out = _cli(capsys, *argv)
    assert code == 0, out
    for secret in ("홍길동", *PHONE_PARTS, "gildong", "동생", "2027-001234"):
        assert secret not in out
    if argv[0] == "show":
        assert "010-****-5432" in out and "g***@example.org" in out and "홍*동" in out
    monkeypatch.setenv("ORG_PIN", PIN)
    if argv[0] == "cancel":
        argv[0] = "restore"
    if argv[0] in ("checkin", "scan"):
        argv.append("--exit")
    code, out = _cli(capsys, *argv, "--pin-env", "ORG_PIN")
    assert code == 0, out
    if argv[0] in ("show", "edit", "restore") or "--json" not in argv:
        assert "홍길동" in out


def test_cli_show_with_a_wrong_pin_is_refused(ef, clock, desk, person, capsys, monkeypatch) -> None:
    monkeypatch.setenv("ORG_PIN", "000000")
    code, out = _cli(capsys, "show", ef.path, person.reg_no, "--pin-env", "ORG_PIN")
    assert code == 3
    assert "홍길동" not in out and not any(part in out for part in PHONE_PARTS)


def test_cli_add_prints_the_new_attendee_masked_below_organizer(ef, desk, capsys) -> None:
    code, out = _cli(
        capsys, "add", ef.path, "--name", "새별", "--full-name", "김철수", "--category", "guest",
        "--phone", "01055556666", "--consent", "--consent-contact", "--json",
    )  # fmt: skip
    assert code == 0, out
    shown = json.loads(out)["attendee"]
    assert (shown["display_name"], shown["full_name"], shown["phone"]) == (
        "새별", "김*수", "010-****-6666"
    )  # fmt: skip
    assert attendees.find(ef, shown["reg_no"]).phone == "010-5555-6666"  # stored whole
