"""Pure matching core: text pipeline, index, disability fit, scoring, explanations.

Imports only the standard library, numpy, scipy, scikit-learn, jieba and
rapidfuzz — never Django (a test enforces this). The product, the evaluation
command and the benchmarks all rank through :class:`JobMatcher` /
:class:`CandidateMatcher`.
"""

from .accommodations import ACCOMMODATIONS, parse_accommodations
from .evaluation import count_conflicts, evaluate, mrr, ndcg_at_k, precision_at_k, recall_at_k
from .fit import (
    DEFAULT_FIT_RULES,
    Conflict,
    Effect,
    FitAssessment,
    FitRule,
    assess_fit,
    extract_demands,
    rules_from_json,
    rules_to_json,
)
from .index import TextIndex
from .models import JobDoc, SeekerDoc
from .occupations import Occupation, OccupationCoder, load_occupations_csv, naive_fuzzy_suggest
from .recommend import (
    CandidateMatcher,
    Explanation,
    JobMatcher,
    Suggestion,
    fuzzy_title_top_jobs,
    tfidf_only_top_jobs,
)
from .scoring import Weights
from .skills import DEFAULT_SKILLS, DEFAULT_VOCABULARY, SkillVocabulary, split_skills
from .text import Analyzer, normalize

__all__ = [
    "ACCOMMODATIONS",
    "DEFAULT_FIT_RULES",
    "DEFAULT_SKILLS",
    "DEFAULT_VOCABULARY",
    "Analyzer",
    "CandidateMatcher",
    "Conflict",
    "Effect",
    "Explanation",
    "FitAssessment",
    "FitRule",
    "JobDoc",
    "JobMatcher",
    "Occupation",
    "OccupationCoder",
    "SeekerDoc",
    "SkillVocabulary",
    "Suggestion",
    "TextIndex",
    "Weights",
    "assess_fit",
    "count_conflicts",
    "evaluate",
    "extract_demands",
    "fuzzy_title_top_jobs",
    "load_occupations_csv",
    "mrr",
    "naive_fuzzy_suggest",
    "ndcg_at_k",
    "normalize",
    "parse_accommodations",
    "precision_at_k",
    "recall_at_k",
    "rules_from_json",
    "rules_to_json",
    "split_skills",
    "tfidf_only_top_jobs",
]
