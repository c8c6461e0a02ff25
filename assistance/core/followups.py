"""稳岗回访: when the follow-ups after a placement fall due, and which are late.

The 就业援助 practice is to call or visit a placed person after 1, 3 and 6 months (issue 15;
the months are a platform convention [A], kept here in one tuple so a local rule changes one
line). A follow-up is *due* from its date until ``GRACE_DAYS`` later and *overdue* after that;
before its date it is *upcoming*; once recorded it is *done*.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from quota.core.retirement import add_months

FOLLOW_UP_MONTHS: tuple[int, ...] = (1, 3, 6)
GRACE_DAYS = 14  # [A] two weeks to reach the person before the visit counts as late

UPCOMING, DUE, OVERDUE, DONE = "upcoming", "due", "overdue", "done"
STATE_LABELS = {UPCOMING: "未到期", DUE: "应回访", OVERDUE: "已逾期", DONE: "已回访"}


@dataclass(frozen=True)
class FollowUpSlot:
    month: int  # 1, 3 or 6 months after the placement
    due_on: date
    state: str

    @property
    def label(self) -> str:
        return STATE_LABELS[self.state]


def follow_up_schedule(placed_on: date, *, done: Iterable[int], today: date) -> list[FollowUpSlot]:
    """The follow-ups of a placement on ``placed_on`` as of ``today``; ``done``: months recorded."""
    done = set(done)
    out = []
    for month in FOLLOW_UP_MONTHS:
        due_on = add_months(placed_on, month)
        if month in done:
            state = DONE
        elif today < due_on:
            state = UPCOMING
        elif today <= due_on + timedelta(days=GRACE_DAYS):
            state = DUE
        else:
            state = OVERDUE
        out.append(FollowUpSlot(month=month, due_on=due_on, state=state))
    return out


def next_open_follow_up(placed_on: date, *, done: Iterable[int], today: date) -> FollowUpSlot | None:
    """The first follow-up not yet recorded (None when all are done)."""
    return next(
        (slot for slot in follow_up_schedule(placed_on, done=done, today=today) if slot.state != DONE), None
    )
