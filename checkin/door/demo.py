"""A realistic synthetic event for trying the app, screenshots and benchmarks.

Names are drawn from common Korean syllables and a few foreign names; phone numbers
use the unassigned 010-0xxx block and emails the reserved example.org domain, so no
real person is described. Some defectors are registered under an alias (the badge
shows a chosen name, the full name stays in the file), many ask not to be
photographed, and part of the crowd has already been checked in at three doors.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import random
from typing import Any
from zoneinfo import ZoneInfo

from checkin.clock import SYSTEM_CLOCK, Clock
from checkin.db.eventfile import EventFile, open_event_file
from checkin.door.engine import _INSERT_CHECKIN
from checkin.event import identity as event_mod
from checkin.event import settings as settings_mod
from checkin.ids import new_station_id, uuid7
from checkin.people import attendees
from checkin.protect import consent

SURNAMES = [
    ("김", 215), ("이", 147), ("박", 84), ("최", 47), ("정", 43), ("강", 23), ("조", 21),
    ("윤", 20), ("장", 20), ("임", 17), ("한", 15), ("오", 15), ("서", 15), ("신", 14),
    ("권", 14), ("황", 14), ("안", 13), ("송", 13), ("류", 11), ("전", 11), ("홍", 11),
    ("고", 9), ("문", 9), ("양", 9), ("손", 9), ("배", 8), ("백", 8), ("허", 6), ("남", 5),
    ("노", 5), ("하", 5), ("곽", 4), ("성", 4), ("차", 4), ("주", 4), ("우", 4), ("민", 3),
    ("나", 3), ("진", 3), ("지", 3), ("엄", 3), ("채", 2), ("원", 2), ("천", 2), ("방", 2),
    ("공", 2), ("현", 2), ("함", 2), ("염", 1), ("여", 1), ("추", 1), ("도", 1), ("석", 1),
    ("선우", 1), ("남궁", 1), ("리", 2),
]  # fmt: skip
GIVEN_SYLLABLES = (
    "민서지현수영준우은하예윤진성혜동정원재경주호희연상미소승태유명철광순옥숙자남금춘향림일혁"
    "용석훈기선나빈채시아다별솔찬결율온비새한길"
)
ALIASES = [
    "한별",
    "새봄",
    "하늘",
    "달님",
    "별빛",
    "봄비",
    "노을",
    "바다",
    "솔이",
    "단비",
    "가람",
    "누리",
]
LATIN_FIRST = ["John", "Maria", "David", "Sarah", "Hiroshi", "Anna", "Thomas", "Emily", "Lukas",
               "Sophie", "James", "Olivia", "Daniel", "Chloé", "Mateo", "Yuki", "Amara", "Ivan"]  # fmt: skip
LATIN_LAST = ["Smith", "Müller", "Tanaka", "Garcia", "Johnson", "Brown", "Dubois", "Rossi",
              "Novak", "Williams", "Kowalski", "Nguyen", "Okafor", "Petrov", "Lindqvist"]  # fmt: skip
ORGANIZATIONS = {
    "defector": ["", "", "", "새터 이웃들", "별빛 청년모임", "한울 나눔회"],
    "family": ["", "", "새터 이웃들"],
    "supporter": ["다리놓기 시민연대", "누리 통일연구소", "한울 나눔회", "평화의 손 후원회",
                  "Open Door Korea (demo)"],
    "volunteer": ["서울 자원봉사 모임(예시)", "별빛 청년모임", "대학생 통일동아리"],
    "press": ["평화통신(예시)", "Bridge Press (demo)", "Demo Broadcasting", "서울 데일리(예시)"],
    "official": ["통일부", "서울특별시", "국회(예시)", "Embassy (demo)"],
    "staff": ["행사 운영팀"],
    "guest": ["", "초청 연사", "Friends of Korea (demo)"],
}  # fmt: skip
CATEGORY_WEIGHTS = [
    ("defector", 36), ("family", 14), ("supporter", 20), ("volunteer", 8), ("press", 7),
    ("official", 5), ("staff", 4), ("guest", 6),
]  # fmt: skip
ACCESS_NEEDS = ["휠체어 이용", "수어 통역 필요", "보청기 사용", "거동 불편 - 좌석 필요",
                "Wheelchair user", "시각 장애 - 안내 필요"]  # fmt: skip
DEMO_STATIONS = [("1번 출입구", 1), ("2번 출입구", 2), ("본부", 3)]


Weights = tuple[tuple[str, ...], list[int]]


def _cumulative(pairs: list[tuple[str, int]]) -> Weights:
    names, weights = zip(*pairs, strict=True)
    return names, list(itertools.accumulate(weights))


def _weighted(rng: random.Random, table: Weights) -> str:
    # Cumulative weights computed once per table: ``choices`` draws exactly as with
    # ``weights=`` (it accumulates them itself), so a seed still gives the same event.
    return rng.choices(table[0], cum_weights=table[1])[0]


_CATEGORIES = _cumulative(CATEGORY_WEIGHTS)
_SURNAMES = _cumulative(SURNAMES)
_DOORS = _cumulative([("1번 출입구", 5), ("2번 출입구", 4), ("본부", 1)])


def synthetic_attendee(rng: random.Random, n: int) -> dict[str, Any]:
    category = _weighted(rng, _CATEGORIES)
    foreign = category in ("press", "official", "guest", "supporter") and rng.random() < 0.2
    if foreign:
        name = f"{rng.choice(LATIN_FIRST)} {rng.choice(LATIN_LAST)}"
        display, full, language = name, "", "en"
    else:
        surname = _weighted(rng, _SURNAMES)
        given = "".join(rng.choice(GIVEN_SYLLABLES) for _ in range(2 if rng.random() < 0.9 else 1))
        full = surname + given
        display, language = full, "ko"
        if category in ("defector", "family") and rng.random() < 0.3:
            # Registered under a chosen name; the real one stays in the file only.
            display = rng.choice(ALIASES) if rng.random() < 0.5 else given
        elif rng.random() < 0.7:
            full = ""
    sensitive = category in ("defector", "family")
    return {
        "display_name": display,
        "full_name": full,
        "category": category,
        "organization": rng.choice(ORGANIZATIONS[category]),
        "phone": f"010-0{rng.randrange(100, 1000)}-{rng.randrange(0, 10000):04d}"
        if rng.random() < 0.8
        else "",
        "email": f"attendee{n}@example.org" if rng.random() < 0.4 else "",
        "language": language,
        "no_photo": rng.random() < (0.45 if sensitive else 0.05),
        "access_needs": rng.choice(ACCESS_NEEDS) if rng.random() < 0.05 else "",
    }


def build_demo(
    path: str | os.PathLike[str],
    attendee_count: int = 500,
    checked_in_share: float = 0.35,
    seed: int | None = None,
    passphrase: str | None = None,
    clock: Clock = SYSTEM_CLOCK,
) -> EventFile:
    """Create (or fill) a demo event file. Returns it open."""
    rng = random.Random(seed)
    if os.path.exists(path):
        ef = open_event_file(path, passphrase)
    else:
        now = clock.now_ms()
        today = dt.datetime.fromtimestamp(now / 1000, ZoneInfo("Asia/Seoul")).date()
        ef = event_mod.create_event(
            path,
            name="북한이탈주민의 날 (데모)",
            name_en="North Korean Defectors' Day (demo)",
            date=today.isoformat(),
            venue="동대문디자인플라자 (DDP)",
            passphrase=passphrase,
            station_name="본부",
            clock=clock,
        )
        # Made-up people: the demo stays usable for months (checkin.protect.retention would
        # wipe a real event's personal data 30 days after its day).
        settings_mod.update(
            ef, clock, {"delete_personal_by": (today + dt.timedelta(days=3650)).isoformat()}
        )
    start = attendees.count(ef)
    cfg = settings_mod.load(ef)
    batch = 20_000
    batches = (
        [_agreed(synthetic_attendee(rng, start + i + 1), clock, cfg)
         for i in range(first, min(attendee_count, first + batch))]
        for first in range(0, attendee_count, batch)
    )  # fmt: skip
    added = attendees.add_in_batches(ef, clock, batches, operator="demo")
    _demo_checkins(ef, rng, added, checked_in_share, clock)
    return ef


def random_badge_code(ef: EventFile, rng: random.Random | None = None) -> str | None:
    """The badge code of a random attendee ("scan a random badge" in a demo event);
    None when the file has nobody."""
    rng = rng or random.Random()
    total = ef.execute("SELECT max(rid) FROM attendees").fetchone()[0] or 0
    if not total:
        return None
    row = ef.execute(
        "SELECT id, badge_version FROM attendees WHERE rid >= ? ORDER BY rid LIMIT 1",
        (rng.randint(1, total),),
    ).fetchone()
    return event_mod.badge_code(ef, row[0], row[1])


def _agreed(row: dict[str, Any], clock: Clock, cfg: settings_mod.EventSettings) -> dict[str, Any]:
    """A made-up person agrees to what their made-up details need (the core keeps no
    field without its consent, ``checkin.protect.consent``)."""
    items = [consent.ENTRY] + [
        item for item in consent.OPTIONAL if any(row.get(n) for n in consent.FIELDS[item])
    ]
    return {**row, **consent.record(clock, cfg, items)}


def _demo_checkins(
    ef: EventFile, rng: random.Random, ids: list[str], share: float, clock: Clock
) -> None:
    """Admissions at three doors over the last two hours, as if already synced."""
    chosen = rng.sample(ids, int(len(ids) * share))
    if not chosen:
        return
    now = clock.now_ms()
    window = 2 * 3600 * 1000
    times = sorted(now - rng.randrange(0, window) for _ in chosen)
    station_ids = {name: new_station_id() for name, _ in DEMO_STATIONS}
    seqs = dict.fromkeys(station_ids, 0)
    rows = []
    for attendee_id, at in zip(chosen, times, strict=True):
        name = _weighted(rng, _DOORS)
        seqs[name] += 1
        hlc = (at << 16) + seqs[name]
        rows.append(
            (uuid7(at), station_ids[name], seqs[name], hlc, at, name, attendee_id, "main",
             "entry", None, "scan", 1, "", "")
        )  # fmt: skip
    with ef.write() as conn:
        for name, station_no in DEMO_STATIONS:
            conn.execute(
                "INSERT OR IGNORE INTO stations (station_id, name, station_no, role, seen_seq, "
                "last_seen_at) VALUES (?, ?, ?, 'desk', 0, ?)",
                (station_ids[name], name, station_no, now),
            )
            conn.execute(
                "UPDATE stations SET seen_seq = ? WHERE station_id = ?",
                (seqs[name], station_ids[name]),
            )
        conn.executemany(_INSERT_CHECKIN, rows)
        conn.executemany(
            "INSERT INTO attendance (attendee_id, list, inside, entries, exits, first_in_at, "
            "first_in_station, last_in_id, last_in_at, last_in_station, last_at) "
            "VALUES (?, 'main', 1, 1, 0, ?, ?, ?, ?, ?, ?)",
            [(r[6], r[4], r[5], r[0], r[4], r[5], r[4]) for r in rows],
        )
        max_hlc = max(r[3] for r in rows)
        conn.execute("UPDATE local SET hlc = max(hlc, ?)", (max_hlc,))
