"""Pure-Python quota engine: 按比例安排残疾人就业 and 残疾人就业保障金.

Standard library only — no Django.  Inputs are frozen dataclasses; money is
Decimal or Fraction, never float; "today" and the policy are arguments.  The
rules and their sources are in docs/quota-rules.md.
"""

from .checks import (
    CertMonths,
    Finding,
    cert_months_from_lines,
    find_double_counting,
    find_large_changes,
    find_missing_reports,
    find_roster_exceeds_headcount,
    findings_for_line,
)
from .counting import count_roster, counted_total
from .eligibility import LineResult, Reason, assess_line
from .errors import InputError, PolicyError, QuotaCoreError
from .explain import build_steps
from .inputs import ALL_MONTHS, ReportInput, RosterLine
from .levy import LevyResult, compute_levy
from .money import round_money, to_decimal, to_fraction
from .policy import ORG_TYPES, Policy
from .policy_defaults import PARAMETER_LABELS, tiered_reduction_in_force
from .retirement import RetirementSchedule, retirement_age_months, retirement_date
from .rewards import compute_rewards
from .surcharge import AccruedSurcharge, accrued_surcharge, days_late, late_surcharge

__all__ = [
    "ALL_MONTHS",
    "AccruedSurcharge",
    "ORG_TYPES",
    "PARAMETER_LABELS",
    "CertMonths",
    "Finding",
    "InputError",
    "LevyResult",
    "LineResult",
    "Policy",
    "PolicyError",
    "QuotaCoreError",
    "Reason",
    "ReportInput",
    "RetirementSchedule",
    "RosterLine",
    "accrued_surcharge",
    "assess_line",
    "build_steps",
    "cert_months_from_lines",
    "compute_levy",
    "compute_rewards",
    "count_roster",
    "counted_total",
    "days_late",
    "find_double_counting",
    "find_large_changes",
    "find_missing_reports",
    "find_roster_exceeds_headcount",
    "findings_for_line",
    "late_surcharge",
    "retirement_age_months",
    "retirement_date",
    "round_money",
    "tiered_reduction_in_force",
    "to_decimal",
    "to_fraction",
]
