"""Groups: set at import, at the desk and in the detail view; one key at every station;
the label handled as personal data (masked, redacted, stripped, wiped)."""

from __future__ import annotations

import pytest

from checkin import errors
from checkin.door.engine import CheckinEngine
from checkin.lists import importer
from checkin.models import Role
from checkin.people import attendees, groups
from checkin.protect import masking, retention
from checkin.protect.access import Access


def _family(ef, clock, label="김씨 가족", names=("김하나", "김두리", "김세찬")):
    rows = [{"display_name": n, "category": "family", "group_name": label} for n in names]
    return attendees.add_attendees(ef, clock, rows)


def test_members_share_one_key_whatever_the_spacing_or_case(ef, clock) -> None:
    family = _family(ef, clock)
    walk_in = attendees.add_attendee(
        ef, clock, display_name="김막내", category="family", group_name=" 김씨가족 "
    )
    other = attendees.add_attendee(ef, clock, display_name="Anna", group_name="KIM family")
    same = attendees.add_attendee(ef, clock, display_name="Ben", group_name="kim FAMILY")
    keys = {a.group_key for a in family} | {walk_in.group_key}
    assert len(keys) == 1 and len(next(iter(keys))) == 2 * groups.KEY_BYTES
    assert walk_in.group_name == "김씨가족"  # the label as typed (spaces trimmed)
    assert other.group_key == same.group_key != walk_in.group_key
    assert "김씨" not in walk_in.group_key  # opaque


def test_the_key_is_never_set_on_its_own(ef, clock) -> None:
    with pytest.raises(errors.InvalidInput) as caught:
        attendees.add_attendee(ef, clock, display_name="X", group_key="f" * 32)
    assert caught.value.field == "group_key"
    person = attendees.add_attendee(ef, clock, display_name="Y")
    with pytest.raises(errors.InvalidInput):
        attendees.update(ef, clock, person.id, {"group_key": "f" * 32})


def test_a_label_too_long_is_refused_with_a_clear_message(ef, clock) -> None:
    with pytest.raises(errors.InvalidInput) as caught:
        attendees.add_attendee(ef, clock, display_name="X", group_name="가" * 61)
    assert caught.value.field == "group_name" and "그룹" in caught.value.ko
    assert attendees.count(ef) == 0


def test_editing_the_group_moves_the_key_with_it_in_one_change(ef, clock) -> None:
    family = _family(ef, clock)
    moved = attendees.update(ef, clock, family[0].id, {"group_name": "통일부 대표단"})
    assert moved.group_key == groups.key_for(ef.conn, "통일부 대표단") != family[1].group_key
    left = attendees.update(ef, clock, family[1].id, {"group_name": ""})
    assert left.group_key == "" and left.group_name == ""
    last = ef.execute(
        "SELECT fields FROM changes WHERE entity_id = ? ORDER BY hlc DESC LIMIT 1",
        (family[1].id,),
    ).fetchone()[0]
    assert '"group_key":""' in last and '"group_name":""' in last
    assert [m.display_name for m in groups.members(ef, family[2].id)] == ["김세찬"]


def test_rebuilding_from_the_log_gives_the_same_group(ef, clock) -> None:
    family = _family(ef, clock)
    attendees.update(ef, clock, family[0].id, {"group_name": "다른 일행"})
    with ef.write() as conn:
        attendees.materialize(conn, [a.id for a in family])
    again = {a.id: a for a in attendees.iter_all(ef)}
    assert again[family[0].id].group_name == "다른 일행"
    assert again[family[0].id].group_key == groups.key_for(ef.conn, "다른 일행")
    assert again[family[1].id].group_key == family[1].group_key


def test_offer_lists_the_others_with_their_state(ef, clock, engine) -> None:
    a, b, c = _family(ef, clock)
    d = attendees.add_attendee(ef, clock, display_name="김넷", group_name="김씨 가족")
    attendees.cancel(ef, clock, d.id)
    engine.check_in(c.id)
    engine.check_in(a.id)
    with ef.read() as conn:
        offer = groups.offer(conn, a.id, a.group_key, "main")
        alone = groups.offer(conn, a.id, "", "main")
    assert alone is None
    assert offer.size == 4
    assert [(m.display_name, m.state) for m in offer.members] == [
        ("김두리", groups.WAITING), ("김세찬", groups.INSIDE), ("김넷", groups.CANCELLED_STATE),
    ]  # fmt: skip
    assert [m.attendee_id for m in offer.waiting] == [b.id]


def test_import_takes_the_group_column_korean_headers_too(ef, clock, tmp_path) -> None:
    path = tmp_path / "list.csv"
    path.write_text(
        "이름,구분,일행\n김하나,가족,김씨 가족\n김두리,가족,김씨 가족\n이한결,탈북민,\n",
        encoding="utf-8",
    )
    plan, result = importer.import_file(ef, clock, path)
    assert result is not None and result.added == 3, plan.issues
    assert plan.mapping()["일행"] == "group_name"
    people = {a.display_name: a for a in attendees.iter_all(ef)}
    assert people["김하나"].group_key == people["김두리"].group_key != ""
    assert people["이한결"].group_name == "" and people["이한결"].group_key == ""
    for header in ("그룹", "단체", "group"):
        assert importer.match_header(header)[0] == "group_name"
    assert importer.match_header("소속 단체")[0] == "organization"


def test_reimport_moves_a_person_to_another_group(ef, clock, tmp_path) -> None:
    path = tmp_path / "list.csv"
    path.write_text("등록번호,이름,그룹\n,김하나,김씨 가족\n", encoding="utf-8")
    importer.import_file(ef, clock, path)
    person = next(attendees.iter_all(ef))
    path.write_text(f"등록번호,이름,그룹\n{person.reg_no},김하나,박씨 가족\n", encoding="utf-8")
    _plan, result = importer.import_file(ef, clock, path)
    assert result.updated == 1
    moved = attendees.get(ef, person.id)
    assert moved.group_name == "박씨 가족" and moved.group_key == groups.key_for(
        ef.conn, "박씨 가족"
    )


def test_label_is_masked_below_organizer_and_gone_on_scan_only(ef, clock) -> None:
    person = _family(ef, clock, label="김철수 가족")[0]
    assert masking.masked(person).group_name == "김****"
    assert masking.masked(person).group_key == person.group_key
    assert person.redacted().group_name == "" and person.redacted().group_key == person.group_key
    staff = Access(Role.DESK, clock)
    from checkin.protect import pin

    pin.set_pin(ef, clock, "4826")
    assert attendees.get(ef, person.id, access=staff).group_name == "김****"
    assert "group_name" not in person.to_json(personal=False)


def test_closing_the_event_wipes_the_group(ef, clock, tmp_path, organizer) -> None:
    family = _family(ef, clock)
    CheckinEngine(ef, clock).check_in(family[0].id)
    retention.close_event(ef, clock, tmp_path / "final.pdf", access=organizer.with_reason("report"))
    for a in attendees.iter_all(ef):
        assert a.group_name == "" and a.group_key == ""
    blob = " ".join(r[0] for r in ef.execute("SELECT fields FROM changes"))
    assert "group_key" not in blob and "김씨" not in blob


def test_a_door_finds_the_members_through_the_index_not_a_table_scan(ef) -> None:
    """The offer is read after every admission: it must not scan all attendees."""
    plan = " ".join(
        str(row[-1])
        for row in ef.execute("EXPLAIN QUERY PLAN " + groups._MEMBERS_SQL, ("main", "k", 201))
    )
    assert "USING INDEX attendees_group" in plan and "SCAN a" not in plan
