"""The summary report and the paper fallback (door list, ticks entered back)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from checkin import errors
from checkin.door import stats
from checkin.lists import paper, report
from checkin.people import attendees

pdftotext = shutil.which("pdftotext")
needs_poppler = pytest.mark.skipif(pdftotext is None, reason="poppler-utils not installed")


def _text(path) -> str:
    return subprocess.run(
        [pdftotext, "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def _pages(path) -> int:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(next(li for li in info.stdout.splitlines() if li.startswith("Pages:")).split()[1])


@pytest.fixture
def crowd(ef, clock, engine):
    rows = [{"display_name": f"참가자{i:03d}", "category": "defector" if i % 3 else "press"}
            for i in range(60)]  # fmt: skip
    people = attendees.add_attendees(ef, clock, rows)
    morning = clock.now_ms()
    for i, person in enumerate(people[:45]):
        clock.set(morning + (i // 15) * 15 * 60_000 + (i % 15) * 1000 * (1 + i // 30))
        engine.check_in(person.id, station="1번 출입구" if i % 2 else "2번 출입구", method="scan")
    return people


@needs_poppler
def test_one_page_report(organizer, ef, clock, crowd, tmp_path) -> None:
    out = tmp_path / "report.pdf"
    data = report.write_report(ef, out, clock=clock, access=organizer)
    assert (data.checked_in, data.expected) == (45, 60)
    assert data.peak is not None and data.peak[1] == 15
    assert dict(data.stations) == {"1번 출입구": 22, "2번 출입구": 23}
    assert _pages(out) == 1
    text = _text(out)
    for expected in ("북한이탈주민의 날", "45", "60", "75%", "구분별", "1번 출입구", "최대",
                     "분당 1.0명", "명찰 스캔 45"):  # fmt: skip
        assert expected in text, expected
    assert "참가자001" not in text  # counts only
    english = report.write_report(ef, tmp_path / "en.pdf", lang="en", clock=clock, access=organizer)
    assert english.by_category[0][0] == "Defector"
    assert "Peak: 15 arrivals" in _text(tmp_path / "en.pdf")
    with pytest.raises(errors.InvalidInput):
        report.write_report(ef, out, list_id="lunch", access=organizer)


@needs_poppler
def test_report_of_an_empty_event(organizer, ef, tmp_path) -> None:
    out = tmp_path / "empty.pdf"
    data = report.write_report(ef, out, access=organizer)
    assert data.checked_in == 0 and _pages(out) == 1
    assert "아직 입장 기록이 없습니다" in _text(out)


def test_hangul_order_and_sections() -> None:
    names = [
        "Zoe Park",
        "하늘",
        "김민수",
        "강감찬",
        "Émile",
        "남궁민",
        "까치",
        "Anna",
        "123",
        "ㅎㅎ",
    ]
    ordered = sorted(names, key=paper.pdfdoc.hangul_order_key)
    assert ordered == ["강감찬", "김민수", "까치", "남궁민", "하늘", "ㅎㅎ", "Anna", "Émile",
                       "Zoe Park", "123"]  # fmt: skip
    assert [paper.section_of(n) for n in ("까치", "김", "Émile", "123")] == ["ㄱ", "ㄱ", "E", "#"]


@needs_poppler
def test_door_list(organizer, ef, clock, engine, people, tmp_path) -> None:
    engine.check_in(people[0].id)  # 김민수 is already in when the list is printed
    attendees.cancel(ef, clock, people[4].id)  # 남궁민: cancelled, not on the list
    out = tmp_path / "door.pdf"
    assert paper.write_door_list(ef, out, clock=clock, access=organizer) == 4
    text = _text(out)
    order = [text.index(n) for n in ("김민수", "박지수", "한별", "John Smith")]
    assert order == sorted(order)
    assert "남궁민" not in text and "DD-0002" in text and "출입 명단" in text
    # The neutral badge label only, never the category (a lost sheet says nothing).
    assert "언론" not in text and "취재" in text and "참가자" in text
    many = attendees.add_attendees(ef, clock, [{"display_name": f"이름{i:04d}"} for i in range(80)])
    assert len(many) == 80
    assert paper.write_door_list(ef, out, clock=clock, access=organizer) == 84
    assert _pages(out) >= 3


def test_paper_ticks_are_recorded_once(ef, clock, engine, people) -> None:
    outcomes = paper.record_ticks(ef, ["DD-0001@10:15", "dd-0002", "DD-0003=11:02"],
                                  default_at="10:30", station="종이 명단", clock=clock)  # fmt: skip
    assert [o.outcome for o in outcomes] == ["recorded"] * 3
    history = stats.history(ef, people[0].id)
    assert len(history) == 1 and history[0].method == "paper"
    assert history[0].station_name == "종이 명단"
    at = {o.reg_no: o.at_ms for o in outcomes}
    assert at["DD-0002"] - at["DD-0001"] == 15 * 60_000
    assert stats.compute(ef).checked_in == 3
    # Again: nothing new.
    again = paper.record_ticks(ef, ["DD-0001", "DD-0002", "DD-0003"], clock=clock)
    assert [o.outcome for o in again] == ["already"] * 3
    assert len(stats.history(ef, people[0].id)) == 1
    # Someone scanned in already counts as in.
    engine.check_in(people[3].id)
    assert paper.record_ticks(ef, ["DD-0004"], clock=clock)[0].outcome == "already"


def test_bad_ticks_change_nothing(ef, clock, people) -> None:
    attendees.cancel(ef, clock, people[4].id)
    for bad in (["DD-0001", "DD-9999"], ["DD-0001@25:99"], ["DD-0005"]):
        with pytest.raises(paper.TicksRejected):
            paper.record_ticks(ef, bad, clock=clock)
    with pytest.raises(errors.InvalidInput):
        paper.record_ticks(ef, ["DD-0001"], default_at="noon", clock=clock)
    with pytest.raises(errors.InvalidInput):
        paper.record_ticks(ef, [], clock=clock)
    assert ef.execute("SELECT count(*) FROM checkins").fetchone()[0] == 0


def test_tick_time_is_on_the_event_day() -> None:
    assert paper.parse_time("10:15", "2027-07-14", "Asia/Seoul") == 1_815_527_700_000
    assert paper.parse_time("2027-07-14 10:15", "", "Asia/Seoul") == 1_815_527_700_000


@needs_poppler
def test_latin_letters_the_font_lacks_are_printed_without_accents(
    organizer, ef, clock, tmp_path
) -> None:
    attendees.add_attendees(ef, clock, [{"display_name": "Chloé Müller"}, {"display_name": "한별"}])
    out = tmp_path / "door.pdf"
    paper.write_door_list(ef, out, clock=clock, access=organizer)
    text = _text(out)
    assert "Chloe Muller" in text and "한별" in text
    assert paper.pdfdoc.printable("김민수 Zoë") == "김민수 Zoe"
