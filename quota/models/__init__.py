"""Quota models: policy parameters (by region and levy year), the annual reports, and (quota-audit)
the audit runs, levy notices, ledger and credit flags."""

from quota.audit.models import *  # noqa: F403 — audit runs and findings (quota-audit)

from .credit import *  # noqa: F403 — credit cases, statements, files, closures
from .decision_policy import *  # noqa: F403 — limits and periods of the decisions
from .decisions import *  # noqa: F403 — notices, payments, ledger, credit flags (quota-audit)
from .policy import QuotaPolicy
from .reports import QuotaReport, ReportAttachment, ReportSnapshot, RosterLine
from .roster_draft import RosterDraftDecision

__all__ = [
    "QuotaPolicy",
    "QuotaReport",
    "ReportAttachment",
    "ReportSnapshot",
    "RosterDraftDecision",
    "RosterLine",
]
