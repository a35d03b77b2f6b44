"""One meaning per outcome: the engine's kinds and the one table of their words."""

from __future__ import annotations

import re

import pytest

from checkin.door import codes, outcomes
from checkin.door.outcomes import OUTCOMES, REJECTIONS, Kind, Tone
from checkin.event import identity as event
from checkin.ids import new_attendee_id, new_event_id
from checkin.models import Status
from checkin.people import attendees

HANGUL = re.compile(r"[\uac00-\ud7a3]")


def code_of(ef, a) -> str:
    return event.badge_code(ef, a.id, a.badge_version)


@pytest.mark.parametrize("kind", list(Kind))
def test_every_kind_has_its_words_in_both_languages(kind) -> None:
    told = OUTCOMES[kind]
    assert told.kind is kind
    for text in (told.title, told.next_step, told.self_service_step, told.desk_step):
        if text is None:
            continue
        assert text.en and not HANGUL.search(text.en)
        assert HANGUL.search(text.ko), f"{kind}: no Korean in {text.ko!r}"
        assert text.pick("ko") == text.ko and text.pick("en") == text.en


@pytest.mark.parametrize("rejection", list(codes.Rejection))
def test_every_rejection_gives_a_refused_kind_and_a_reason(rejection) -> None:
    refusal = REJECTIONS[rejection]
    assert not OUTCOMES[refusal.kind].admitted
    assert refusal.reason.en and HANGUL.search(refusal.reason.ko)


def test_problems_are_the_amber_and_red_ones() -> None:
    problems = {k for k, o in OUTCOMES.items() if o.problem}
    assert problems == {Kind.ALREADY_IN, Kind.INVALID, Kind.RETIRED_DESK, Kind.UNKNOWN_DESK,
                        Kind.WRONG_EVENT, Kind.SUPERSEDED, Kind.CANCELLED, Kind.ERROR}  # fmt: skip
    # a check-only station's valid badges are good news too (nothing recorded)
    assert {k for k, o in OUTCOMES.items() if o.tone is Tone.GOOD} == {
        Kind.OK, Kind.OK_UNSYNCED, Kind.EXIT, Kind.CHECK_VALID, Kind.CHECK_INSIDE
    }  # fmt: skip


def test_the_engine_names_each_outcome(ef, engine, people, clock) -> None:
    kim, han, john = people[0], people[1], people[2]
    first = engine.scan(code_of(ef, kim))
    assert (first.kind, first.status) == (Kind.OK, Status.OK)
    again = engine.scan(code_of(ef, kim))
    assert (again.kind, again.status) == (Kind.ALREADY_IN, Status.ALREADY_IN)
    out = engine.scan(code_of(ef, kim), direction="exit")
    assert (out.kind, out.status) == (Kind.EXIT, Status.OK)
    old = code_of(ef, han)
    attendees.reissue(ef, clock, han.id)
    assert engine.scan(old).kind is Kind.SUPERSEDED
    attendees.cancel(ef, clock, john.id)
    assert engine.scan(code_of(ef, john)).kind is Kind.CANCELLED
    assert engine.scan("hello").kind is Kind.INVALID
    private, _ = codes.new_key_pair()
    other = codes.BadgeSigner(new_event_id(), private).code(new_attendee_id(), 1)
    refused = engine.scan(other)
    assert (refused.kind, refused.status) == (Kind.WRONG_EVENT, Status.WRONG_EVENT)
    unknown = engine.scan(event.signer(ef).code(new_attendee_id(), 1))
    assert (unknown.kind, unknown.status, unknown.unsynced) == (Kind.OK_UNSYNCED, Status.OK, True)
    anonymous = engine.admit_anonymous("family")
    assert (anonymous.kind, anonymous.unsynced) == (Kind.OK, False)
    assert anonymous.to_json()["kind"] == "ok" and refused.to_json()["kind"] == "wrong_event"


def test_every_status_the_engine_reports_belongs_to_a_kind() -> None:
    assert {o.status for o in OUTCOMES.values() if o.status is not None} == set(Status)


def test_the_detail_says_when_where_and_why(ef, engine, people, clock) -> None:
    kim = people[0]
    engine.scan(code_of(ef, kim), station="1번 출입구")
    clock.advance(60_000)
    again = engine.scan(code_of(ef, kim))
    told = outcomes.detail(again, "Asia/Seoul")
    assert told is not None and told.both_languages
    assert told.text.en == "Checked in at 10:00 at 1번 출입구"
    assert told.text.ko == "10:00 1번 출입구에서 입장함"
    damaged = engine.scan(code_of(ef, kim)[:-20])
    reason = outcomes.detail(damaged, "Asia/Seoul")
    assert reason is not None and reason.text == REJECTIONS[codes.Rejection.DAMAGED].reason
    leaving = engine.scan(code_of(ef, people[1]), direction="exit")
    assert outcomes.detail(leaving, "Asia/Seoul").text is outcomes.EXIT_WITHOUT_ENTRY
    anonymous = outcomes.detail(engine.admit_anonymous("family"), "Asia/Seoul")
    assert anonymous.text is outcomes.ANONYMOUS and not anonymous.both_languages
    unknown = engine.scan(event.signer(ef).code(new_attendee_id(), 1))
    assert outcomes.detail(unknown, "Asia/Seoul").text is outcomes.NOT_SYNCED_YET
    assert outcomes.detail(engine.scan(code_of(ef, people[2])), "Asia/Seoul") is None


def test_self_service_and_the_desk_say_it_their_way() -> None:
    already = OUTCOMES[Kind.ALREADY_IN]
    assert already.step("en") == "Check that the person matches the badge, then let them in."
    assert already.step("en", self_service=True).startswith("You are already checked in")
    assert OUTCOMES[Kind.INVALID].step("ko", self_service=True) == "안내 데스크로 가 주세요."
    assert OUTCOMES[Kind.CANCELLED].at_desk("en").endswith("restore it first.")
    assert OUTCOMES[Kind.WRONG_EVENT].at_desk("ko") == "다른 행사의 명찰."
