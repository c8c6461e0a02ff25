from datetime import date

from notifications.core.deadlines import declaration_deadline, reminder_stage

STAGES = (1, 7, 30)
DEADLINE = date(2026, 10, 31)


def test_deadline_falls_in_the_current_levy_year():
    assert declaration_deadline(date(2026, 3, 1), (10, 31)) == DEADLINE


def test_no_reminder_while_the_deadline_is_further_than_every_stage():
    assert reminder_stage(date(2026, 9, 30), DEADLINE, STAGES) is None


def test_the_thirty_day_stage_starts_exactly_thirty_days_before():
    assert reminder_stage(date(2026, 10, 1), DEADLINE, STAGES) == 30


def test_a_day_between_stages_belongs_to_the_larger_stage():
    assert reminder_stage(date(2026, 10, 20), DEADLINE, STAGES) == 30
    assert reminder_stage(date(2026, 10, 24), DEADLINE, STAGES) == 7


def test_deadline_day_is_the_last_stage_and_after_it_nothing():
    assert reminder_stage(DEADLINE, DEADLINE, STAGES) == 1
    assert reminder_stage(date(2026, 11, 1), DEADLINE, STAGES) is None
