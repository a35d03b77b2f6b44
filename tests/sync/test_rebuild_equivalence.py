"""The bulk (SQL) attendance rebuild used after a merge equals the engine's fold."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checkin.door.engine import CheckinEngine, rebuild_attendance
from checkin.sync.merge import rebuild_attendance_many

actions = st.lists(
    st.tuples(
        st.sampled_from(["entry", "exit", "undo"]), st.integers(0, 4), st.integers(-5000, 5000)
    ),
    min_size=1,
    max_size=40,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(actions)
def test_bulk_rebuild_equals_the_engine(ef, clock, people, steps) -> None:
    engine = CheckinEngine(ef, clock)
    from checkin.errors import NothingToUndo

    for action, who, step in steps:
        clock.advance(step)
        try:
            if action == "undo":
                engine.undo(people[who].id, reason="test")
            else:
                engine.check_in(people[who].id, direction=action)
        except NothingToUndo:
            pass
    pairs = {(p.id, "main") for p in people}
    with ef.write() as conn:
        for attendee_id, list_id in pairs:
            rebuild_attendance(conn, attendee_id, list_id)
    by_engine = ef.conn.execute("SELECT * FROM attendance ORDER BY attendee_id, list").fetchall()
    with ef.write() as conn:
        rebuild_attendance_many(conn, pairs)
    by_sql = ef.conn.execute("SELECT * FROM attendance ORDER BY attendee_id, list").fetchall()
    assert by_sql == by_engine
