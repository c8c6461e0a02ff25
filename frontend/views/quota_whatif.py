"""Read adapters for the report pages: "what if" computations that store nothing.

The quota app has no service yet for (a) a preview of figures the employer is still typing or
(b) "hire N more (grade X) for M months"; both are reads, so they live here as thin adapters
over the same selector (``report_input``), policy resolution and pure engine (``compute_levy``)
the report preview uses.  Nothing is saved: the report is copied in memory.
TODO(quota): move ``report_what_if`` into quota.services as ``report_what_if`` when it lands.
"""

import copy
from dataclasses import replace
from decimal import Decimal

from django.core.exceptions import ValidationError

from quota.core import PolicyError, RosterLine, compute_levy
from quota.selectors import report_input
from quota.services import report_preview_dict
from quota.services.calculator import policy_and_row, result_as_dict


def report_preview_with(report, *, employee_count=None, monthly_headcounts=None, total_wages=None) -> dict:
    """The report's preview with unsaved figures laid over the stored ones (live preview)."""
    draft = copy.copy(report)
    if monthly_headcounts is not None:
        draft.monthly_headcounts, draft.employee_count = [format(v, "f") for v in monthly_headcounts], None
    elif employee_count is not None:
        draft.employee_count, draft.monthly_headcounts = employee_count, None
    if total_wages is not None:
        draft.total_wages = total_wages
    return report_preview_dict(draft)


def report_what_if(report, *, hires: int, grade: int, months: int, monthly_wage: Decimal | None) -> dict:
    """The levy now and after hiring ``hires`` more disabled employees of ``grade`` for the last
    ``months`` months of the data year.

    New hires are staff too, so they raise N (month by month) and the wage total as well as D;
    they are assumed to meet every condition (a contract of at least the minimum term, insured,
    paid ``monthly_wage`` or the local minimum wage).  Raises ValidationError when the report
    cannot be computed yet.
    """
    data = report_input(report)
    policy, _row = policy_and_row(report.employer.region, report.levy_year)
    wage = monthly_wage if monthly_wage is not None else policy.minimum_wage_monthly
    worked = frozenset(range(13 - months, 13))
    new_lines = tuple(
        RosterLine(
            f"新招{index + 1}",
            grade=grade,
            months=worked,
            monthly_wage=wage,
            contract_months=max(policy.min_contract_months, 12),
        )
        for index in range(hires)
    )
    if data.monthly_headcounts is not None:
        counts = data.monthly_headcounts
    else:
        counts = (data.employee_count,) * 12  # the same average every month: N is unchanged
    counts = tuple(value + (hires if month in worked else 0) for month, value in enumerate(counts, start=1))
    try:
        current = compute_levy(policy, data)
        after = compute_levy(
            policy,
            replace(
                data,
                employee_count=None,
                monthly_headcounts=counts,
                total_wages=data.total_wages + wage * hires * months,
                roster=data.roster + new_lines,
            ),
        )
    except PolicyError as error:
        raise ValidationError(error.message_zh) from error
    return {
        "current": result_as_dict(current),
        "after": result_as_dict(after),
        "wage": wage,
        "first_month": 13 - months,
    }
