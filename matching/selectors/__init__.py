"""Reads of the job market beyond plain scoped querysets."""

from ..reference import fit_rules_current, occupations_loaded
from .matching import CandidateMatch, JobMatch, match_candidates_for_posting, match_jobs_for_seeker
from .records import employments_for_employer_year
from .search import job_search, occupation_suggest

__all__ = [
    "CandidateMatch",
    "JobMatch",
    "employments_for_employer_year",
    "fit_rules_current",
    "job_search",
    "match_candidates_for_posting",
    "match_jobs_for_seeker",
    "occupation_suggest",
    "occupations_loaded",
]
