"""Writes of the quota app (and the calculator, which computes but stores nothing).

Import from the submodules; the names most callers need are re-exported here.
"""

from .calculator import Calculation, calculation_as_dict, levy_calculate, levy_calculation
from .reports import (
    report_approve,
    report_create,
    report_preview,
    report_preview_dict,
    report_return,
    report_submit,
    report_update_figures,
)
from .roster import LineData, report_carry_forward, roster_line_add, roster_line_remove, roster_line_update
from .roster_import import roster_check, roster_import, roster_preview, roster_validate
from .xlsx_template import roster_error_workbook, roster_template, workbook_bytes

__all__ = [
    "Calculation",
    "LineData",
    "calculation_as_dict",
    "levy_calculate",
    "levy_calculation",
    "report_approve",
    "report_carry_forward",
    "report_create",
    "report_preview",
    "report_preview_dict",
    "report_return",
    "report_submit",
    "report_update_figures",
    "roster_check",
    "roster_error_workbook",
    "roster_import",
    "roster_line_add",
    "roster_line_remove",
    "roster_line_update",
    "roster_preview",
    "roster_template",
    "roster_validate",
    "workbook_bytes",
]
