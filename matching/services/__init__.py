"""Writes of the job market: the only code that changes its tables."""

from .aliases import learned_alias_revoke, occupation_confirm
from .applications import (
    application_create,
    application_set_sharing,
    application_transition,
    application_withdraw,
)
from .employment import employment_correct, employment_create
from .feedback import feedback_record, feedback_withdraw
from .index import index_rebuild, index_record_change
from .postings import posting_close, posting_close_expired, posting_create, posting_update
from .profiles import profile_get_or_create, profile_update
from .reference import fit_rule_save, occupations_load
from .saved_searches import (
    saved_search_create,
    saved_search_delete,
    saved_search_update,
    saved_searches_notify,
)

__all__ = [
    "application_create",
    "application_set_sharing",
    "application_transition",
    "application_withdraw",
    "employment_correct",
    "employment_create",
    "feedback_record",
    "feedback_withdraw",
    "fit_rule_save",
    "index_rebuild",
    "index_record_change",
    "learned_alias_revoke",
    "occupation_confirm",
    "occupations_load",
    "posting_close",
    "posting_close_expired",
    "posting_create",
    "posting_update",
    "profile_get_or_create",
    "profile_update",
    "saved_search_create",
    "saved_search_delete",
    "saved_search_update",
    "saved_searches_notify",
]
