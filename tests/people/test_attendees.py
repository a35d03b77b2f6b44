from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checkin import errors
from checkin.event import identity as event
from checkin.models import Attendee
from checkin.people import attendees, search
from consents import agreed, everything


def test_registration_numbers_and_defaults(ef, clock) -> None:
    a, b = attendees.add_attendees(
        ef, clock, [{"display_name": "김민수"}, {"display_name": "Anna Kim"}]
    )
    assert (a.reg_no, b.reg_no) == ("DD-0001", "DD-0002")
    assert a.category == "guest" and a.status == "registered" and a.badge_version == 1
    assert (a.language, b.language) == ("ko", "en")
    assert len(a.id) == 16 and a.id != b.id


@pytest.mark.parametrize(
    "typed, stored",
    [
        ("01012345678", "010-1234-5678"),
        ("010 1234 5678", "010-1234-5678"),
        ("+82 10-1234-5678", "010-1234-5678"),
        ("0212345678", "02-1234-5678"),
        ("02-123-4567", "02-123-4567"),
        ("031-123-4567", "031-123-4567"),
        ("1588-1234", "1588-1234"),
        ("+1 555 010 0199", "+1 555 010 0199"),
        ("", ""),
    ],
)
def test_phone_formats(ef, clock, typed, stored) -> None:
    row = agreed({"display_name": "x", "phone": typed})
    assert attendees.add_attendee(ef, clock, **row).phone == stored


@pytest.mark.parametrize(
    "field, value",
    [
        ("display_name", ""),
        ("display_name", "   "),
        ("display_name", "가" * 101),
        ("phone", "abc"),
        ("phone", "12345"),
        ("email", "not-an-email"),
        ("category", "vip"),
        ("language", "fr"),
        ("no_photo", "maybe"),
        ("shoe_size", "42"),
    ],
)
def test_invalid_fields_change_nothing(ef, clock, field, value) -> None:
    values = {"display_name": "홍길동", field: value}
    with pytest.raises(errors.InvalidInput) as info:
        attendees.add_attendees(ef, clock, [{"display_name": "먼저"}, values])
    assert info.value.field == field
    assert info.value.ko and info.value.en
    assert attendees.count(ef) == 0


def test_edit_logs_only_what_changed(ef, clock, people) -> None:
    kim = people[0]
    clock.advance(5000)
    edited = attendees.update(
        ef, clock, kim.id, {"organization": "새터 이웃들", "category": "defector"}
    )
    assert edited.organization == "새터 이웃들" and edited.updated_at == kim.updated_at + 5000
    change = ef.conn.execute(
        "SELECT op, fields FROM changes WHERE entity_id = ? ORDER BY seq DESC LIMIT 1", (kim.id,)
    ).fetchone()
    assert change[0] == "update" and json.loads(change[1]) == {"organization": "새터 이웃들"}
    assert attendees.update(ef, clock, kim.id, {"organization": "새터 이웃들"}) == edited


def test_cancel_restore_reissue(ef, clock, people) -> None:
    a = attendees.cancel(ef, clock, people[1].id)
    assert a.cancelled
    assert not attendees.restore(ef, clock, a.id).cancelled
    assert attendees.reissue(ef, clock, a.id).badge_version == 2


def test_find(ef, clock, people) -> None:
    kim = people[0]
    assert attendees.find(ef, "dd-0001") == kim
    assert attendees.find(ef, kim.id) == kim
    assert attendees.find(ef, event.badge_code(ef, kim.id, 1)) == kim
    with pytest.raises(errors.AttendeeNotFound):
        attendees.find(ef, "DD-9999")


def test_rename_updates_the_search_index(ef, clock, people) -> None:
    attendees.update(ef, clock, people[0].id, {"display_name": "김철수"})
    assert [h.attendee.id for h in search.search(ef.conn, "김철수")] == [people[0].id]
    assert search.search(ef.conn, "김민수") == []


def _rows(ef) -> list[Attendee]:
    return list(attendees.iter_all(ef))


def _terms(ef) -> list[tuple]:
    return ef.conn.execute("SELECT kind, term, rid FROM search_terms ORDER BY 1, 2, 3").fetchall()


edits = st.lists(
    st.tuples(
        st.integers(0, 4),
        st.sampled_from(
            ["display_name", "full_name", "phone", "organization", "status", "no_photo"]
        ),
        st.integers(0, 3),
    ),
    max_size=12,
)
VALUES = {
    "display_name": ["박영희", "Anna Lee", "별빛", "남궁 민"],
    "full_name": ["", "이영희", "Kim Min-su", "최 철"],
    "phone": ["", "010-2222-3333", "02-123-4567", "+1 555 0100"],
    "organization": ["", "통일부", "Bridge Press", "한울"],
    "status": ["registered", "cancelled", "registered", "cancelled"],
    "no_photo": [True, False, True, False],
}


@settings(
    max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture], deadline=None
)
@given(edits)
def test_materialize_from_the_log_equals_incremental_state(ef, clock, people, sequence) -> None:
    for p in people:  # every field may be edited below
        attendees.update(ef, clock, p.id, {"consents": everything()})
    for who, field, choice in sequence:
        clock.advance(7)
        attendees.update(ef, clock, people[who].id, {field: VALUES[field][choice]})
    incremental, incremental_terms = _rows(ef), _terms(ef)
    with ef.write() as conn:
        attendees.materialize(conn, [p.id for p in people])
    assert _rows(ef) == incremental
    assert _terms(ef) == incremental_terms
