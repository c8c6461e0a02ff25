"""Reads of the quota app: policy resolution, report inputs for the engine, scoped lists."""

from .policy import PolicyMissing, policy_for, policy_row_for
from .reports import (
    counted_elsewhere_months,
    report_input,
    report_inputs_dict,
    report_list_for,
    roster_line_contract_months,
    roster_lines_for,
)

__all__ = [
    "PolicyMissing",
    "counted_elsewhere_months",
    "policy_for",
    "policy_row_for",
    "report_input",
    "report_inputs_dict",
    "report_list_for",
    "roster_line_contract_months",
    "roster_lines_for",
]
