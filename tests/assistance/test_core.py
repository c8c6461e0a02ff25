from datetime import date

from assistance.core.assessment import profile_changes
from assistance.core.followups import follow_up_schedule, next_open_follow_up
from assistance.core.working_age import of_working_age


def test_follow_ups_fall_due_one_three_and_six_months_after_placement():
    slots = follow_up_schedule(date(2025, 8, 31), done=[], today=date(2025, 8, 31))
    assert [(s.month, s.due_on, s.state) for s in slots] == [
        (1, date(2025, 9, 30), "upcoming"),
        (3, date(2025, 11, 30), "upcoming"),
        (6, date(2026, 2, 28), "upcoming"),
    ]


def test_a_follow_up_is_due_for_two_weeks_then_overdue_and_done_once_recorded():
    placed = date(2025, 1, 10)
    assert follow_up_schedule(placed, done=[], today=date(2025, 2, 24))[0].state == "due"
    assert follow_up_schedule(placed, done=[], today=date(2025, 2, 25))[0].state == "overdue"
    assert follow_up_schedule(placed, done=[1], today=date(2025, 2, 25))[0].state == "done"
    assert next_open_follow_up(placed, done=[1], today=date(2025, 2, 25)).month == 3
    assert next_open_follow_up(placed, done=[1, 3, 6], today=date(2026, 1, 1)) is None


def test_working_age_starts_at_sixteen_and_ends_at_the_reformed_retirement_date():
    assert not of_working_age(date(2010, 3, 2), "M", on=date(2026, 3, 1))
    assert of_working_age(date(2010, 3, 1), "M", on=date(2026, 3, 1))
    # A man born in January 1965 retires at 60 years and 1 month (2025-02-01).
    assert of_working_age(date(1965, 1, 1), "M", on=date(2025, 1, 31))
    assert not of_working_age(date(1965, 1, 1), "M", on=date(2025, 2, 1))
    assert not of_working_age(date(1970, 1, 1), "F", on=date(2026, 1, 1))  # 50 + 0 … past


def test_confirmed_ratings_add_what_the_seeker_can_do_and_remove_what_they_cannot():
    changes = profile_changes(
        abilities={"phone": 4, "heavy_physical": 1, "screen_text": 3},
        skills=["电脑打字"],
        needs=["text_channel"],
        desired="客服",
        hours=[],
        employment_forms=["home"],
        current={"skills": ["包装"], "needs": [], "can_do": ["heavy_physical", "driving"]},
    )
    assert changes == {
        "skills": ["包装", "电脑打字"],
        "needs": ["text_channel"],
        "can_do": ["driving", "phone", "screen_text"],
        "desired": "客服",
        "employment_forms": ["home"],
    }
