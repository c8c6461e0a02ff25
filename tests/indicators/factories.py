"""make_training_record(**overrides) for the indicators tests."""

from datetime import date

from indicators.services import training_record_create


def make_training_record(person, *, by, **overrides):
    values = {
        "kind": "skills_training",
        "course_name": "中式面点师培训",
        "provider": "太仓市残疾人职业培训基地",
        "start_date": date(2024, 3, 1),
        "end_date": date(2024, 4, 15),
        "hours": 120,
    }
    values.update(overrides)
    return training_record_create(person=person, by=by, **values)
