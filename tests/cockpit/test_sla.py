"""SLA clocks: derived from stored instants only, so a reloaded incident (after a restart) reads the same."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from cockpit.incidents import IncidentDesk
from cockpit.models import AlarmKind, DispatchState, Incident, IncidentState
from cockpit.sla import (
    ClockStatus,
    SlaTargets,
    arrival_clock,
    incident_clocks,
    lock_clock,
    percentile,
    summarise,
)

from .ops_site import T0, make_alarm, seed


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def incident(locked: float | None = None, arrived: float | None = None, resolved: float | None = None,
             closed: float | None = None) -> Incident:
    """A transient row: the clocks need no database."""
    def when(s: float | None) -> datetime | None:
        return None if s is None else at(s)
    return Incident(kind=AlarmKind.FALL, priority=1, title="t", state=IncidentState.OPEN, first_alarm_at=T0,
                    opened_at=T0, video_locked_at=when(locked), arrived_at=when(arrived),
                    resolved_at=when(resolved), closed_at=when(closed))


def test_lock_clock_met_breached_and_running():
    assert lock_clock(incident(locked=9.999)).at(at(60)).status is ClockStatus.MET
    assert lock_clock(incident(locked=10.0)).at(at(60)).met  # exactly on target counts as met
    late = lock_clock(incident(locked=10.5)).at(at(60))
    assert late.breached and late.elapsed_s == pytest.approx(10.5) and late.remaining_s == pytest.approx(-0.5)
    running = lock_clock(incident()).at(at(4))
    assert running.running and running.remaining_s == pytest.approx(6)
    assert lock_clock(incident()).at(at(10.001)).breached
    assert lock_clock(incident()).deadline == at(10)


def test_a_clock_reads_as_it_stood_at_the_given_instant():
    clock = arrival_clock(incident(arrived=300))
    assert clock.at(at(200)).running and clock.at(at(200)).elapsed_s == pytest.approx(200)
    assert clock.at(at(300)).met and clock.at(at(5000)).elapsed_s == pytest.approx(300)


def test_an_incident_that_ended_without_the_milestone_freezes_its_clock():
    false_alarm = arrival_clock(incident(locked=2, resolved=40)).at(at(3600))
    assert false_alarm.status is ClockStatus.VOID and false_alarm.elapsed_s == pytest.approx(40)
    abandoned = arrival_clock(incident(resolved=700, closed=800)).at(at(3600))
    assert abandoned.breached and abandoned.elapsed_s == pytest.approx(700)
    cancelled = arrival_clock(incident(closed=30)).at(at(3600))
    assert cancelled.status is ClockStatus.VOID


def test_targets_are_parameters():
    clocks = incident_clocks(incident(locked=3, arrived=100), SlaTargets(lock_s=2, arrival_s=90))
    assert clocks.lock.at(at(200)).breached and clocks.arrival.at(at(200)).breached
    assert arrival_clock(incident(arrived=100), target_s=120).at(at(200)).met


def test_compliance_over_a_shift():
    shift = [incident(locked=1, arrived=200), incident(locked=4, arrived=500), incident(locked=12, arrived=650),
             incident(locked=0.5), incident(resolved=20)]
    report = summarise(shift, at(300))
    lock, arrival = report.lock, report.arrival
    # the last was resolved at 20 s without ever locking: its 10 s had passed, so breached
    assert (lock.total, lock.met, lock.breached, lock.running, lock.void) == (5, 3, 2, 0, 0)
    assert lock.compliance == pytest.approx(0.6) and lock.max_s == pytest.approx(12)
    assert lock.p50_s == pytest.approx(1) and lock.p95_s == pytest.approx(12)
    # at 300 s only the first arrival has happened; three are still running, one ended unattended
    assert (arrival.met, arrival.breached, arrival.running, arrival.void) == (1, 0, 3, 1)
    later = summarise(shift, at(3600)).arrival
    assert (later.met, later.breached, later.running, later.void) == (2, 2, 0, 1)
    assert later.compliance == pytest.approx(0.5) and later.p50_s == pytest.approx(500)
    assert summarise([], at(0)).lock.compliance is None


@given(st.lists(st.floats(0, 1e4, allow_nan=False), min_size=1, max_size=50), st.floats(0, 100))
def test_percentile_is_a_value_with_enough_below(values: list[float], p: float):
    q = percentile(values, p)
    assert q in values
    assert sum(v <= q for v in values) >= p / 100 * len(values)


def test_clocks_survive_a_restart(db_engine: Engine):
    """Stored, committed, read in a new session (as after a restart) on SQLite and PostgreSQL: same clocks."""
    with Session(db_engine) as session:
        site = seed(session)
        alarm = make_alarm(session, site.site_id, received_at=at(0.000_001))
        inc = IncidentDesk(session, site.actor, at(0.2)).open([alarm])
        IncidentDesk(session, site.actor, at(0.812_345)).mark_video_locked(inc)
        task = IncidentDesk(session, site.actor, at(3)).assign(inc, site.responder_ids[0], eta_s=250.0)
        IncidentDesk(session, site.actor, at(312.500_001)).update_dispatch(task, DispatchState.ON_SITE)
        session.commit()
        before = incident_clocks(inc)
        readings = [(before.lock.at(at(s)), before.arrival.at(at(s))) for s in (0.5, 5, 300, 900)]
        incident_id = inc.id
    with Session(db_engine) as session:
        again = incident_clocks(session.get(Incident, incident_id))
        assert again == before
        assert [(again.lock.at(at(s)), again.arrival.at(at(s))) for s in (0.5, 5, 300, 900)] == readings
        assert again.lock.at(at(900)).elapsed_s == pytest.approx(0.812_344)
