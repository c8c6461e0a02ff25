"""The "hires needed to meet the quota" section shown on the report overview and the what-if
page: a read of ``quota.selectors.declaration.hires_needed_for_report``, shaped for templates."""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from quota.core import to_decimal
from quota.selectors.declaration import hires_needed_for_report

from .quota_display import count_text

# Weight → the grade words and the what-if grade to try it with.
GRADE_WORDS = {2: ("一级或二级", "2"), 1: ("三级或四级", "4")}


def hires_context(report) -> dict:
    """``hires``: the gap, each option (how many, which grades, start by) with a what-if link;
    or ``hires_problem`` when the report cannot be computed yet."""
    try:
        needed = hires_needed_for_report(report=report, today=timezone.localdate())
    except ValidationError as error:
        return {"hires": None, "hires_problem": "；".join(error.messages)}
    whatif = reverse("frontend:quota_whatif", args=[report.pk])
    options = []
    for option in needed.options:
        words, grade = GRADE_WORDS.get(option.weight, ("", "4"))
        query = urlencode({"hires": option.hires, "grade": grade, "months": option.months})
        options.append(
            {
                "hires": option.hires,
                "grades": words,
                "weight": option.weight,
                "start_by": option.start_by,
                "months": option.months,
                "whatif_url": f"{whatif}?{query}",
            }
        )
    return {
        "hires": {
            "gap": count_text(to_decimal(needed.gap, 2)),
            "met": needed.met,
            "exempt": needed.exempt,
            "year_over": needed.year_over,
            "earliest_start": needed.earliest_start,
            "options": options,
            "data_year": report.data_year,
        },
        "hires_problem": "",
    }
