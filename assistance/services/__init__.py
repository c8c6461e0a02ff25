"""Writes of 就业援助: the only code that changes a case or an assessment."""

from .assessments import assessment_answer, assessment_create
from .cases import (
    case_close,
    case_contact_add,
    case_follow_up_record,
    case_goal_add,
    case_goal_done,
    case_open,
    case_place,
    case_plan_update,
    case_referral_add,
    case_referral_update,
    help_request_set,
)

__all__ = [
    "assessment_answer",
    "assessment_create",
    "case_close",
    "case_contact_add",
    "case_follow_up_record",
    "case_goal_add",
    "case_goal_done",
    "case_open",
    "case_place",
    "case_plan_update",
    "case_referral_add",
    "case_referral_update",
    "help_request_set",
]
