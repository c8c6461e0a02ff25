"""The job market's tables: postings, seeker profiles, applications, real-name employment,
feedback, reference data (occupations, the disability-fit table, aliases employers taught the
coder) and the matcher index log."""

from .aliases import LearnedAlias, OccupationConfirmation
from .applications import Application, Employment
from .index import IndexVersion
from .interviews import Invitation
from .postings import JobPosting
from .reference import FitRule, Occupation
from .saved_searches import SavedSearch
from .seekers import MatchFeedback, SeekerProfile

__all__ = [
    "Application",
    "Employment",
    "FitRule",
    "IndexVersion",
    "Invitation",
    "JobPosting",
    "LearnedAlias",
    "MatchFeedback",
    "Occupation",
    "OccupationConfirmation",
    "SavedSearch",
    "SeekerProfile",
]
