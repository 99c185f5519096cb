"""The retention rule as plain data: oldest first, protected clips never chosen, stop once under quota."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from cockpit.recordings import RetentionReport, StoredClip, plan_retention

T0 = datetime(2026, 11, 1, tzinfo=UTC)


def test_oldest_unprotected_first_until_under_quota():
    clips = [StoredClip(i, T0 - timedelta(minutes=i), 10, protected=i == 9) for i in range(10)]  # 9 is oldest
    assert [c.recording_id for c in plan_retention(clips, 75)] == [8, 7, 6]
    assert plan_retention(clips, 1000) == []


def test_report_says_when_protected_footage_alone_is_over_quota():
    assert RetentionReport(quota_bytes=100, used_bytes=150, protected_bytes=150).over_quota
    assert not RetentionReport(quota_bytes=100, used_bytes=100, protected_bytes=0).over_quota


@given(st.lists(st.tuples(st.integers(0, 1000), st.integers(0, 500), st.booleans()), max_size=30),
       st.integers(0, 5000))
def test_plan_properties(specs: list[tuple[int, int, bool]], quota: int):
    clips = [StoredClip(i, T0 + timedelta(seconds=t), size, protected) for i, (t, size, protected) in enumerate(specs)]
    chosen = plan_retention(clips, quota)
    assert not any(c.protected for c in chosen)
    left = sum(c.size_bytes for c in clips) - sum(c.size_bytes for c in chosen)
    unprotected_left = [c for c in clips if not c.protected and c not in chosen]
    # Either it fits now, or every unprotected clip is gone.
    assert left <= quota or not unprotected_left
    # Oldest first: every unprotected clip left behind is newer than every clip chosen.
    if chosen and left <= quota:
        newest_chosen = max((c.started_at, c.recording_id) for c in chosen)
        assert all((c.started_at, c.recording_id) > newest_chosen for c in unprotected_left)
