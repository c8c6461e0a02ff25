"""Reads of the reference tables: the fit rules and the occupation classification.

A module of its own (not in selectors/) because services and selectors both read it.
"""

from pathlib import Path

from matching.core import fit as core_fit
from matching.core.accommodations import ACCOMMODATIONS
from matching.core.occupations import Occupation as CoreOccupation
from matching.core.occupations import load_minor_groups_csv, load_occupations_csv

from .models import FitRule, Occupation

# The classification's facts (codes, names, common names) ship with the project so a fresh
# install codes titles; definitions and tasks come from the full table when one is loaded
# (matching/data/make_occupations.py says how the file is made).
SHIPPED_CLASSIFICATION = Path(__file__).resolve().parent / "data" / "occupations.csv"


def fit_rules_data() -> list[dict]:
    """The active rows in the JSON shape of matching.core.fit.rules_to_data()["rules"]."""
    return [
        {"demand": r.demand, "label": r.label, "keywords": r.keywords, "effects": r.effects}
        for r in FitRule.objects.filter(active=True).order_by("position", "id")
    ]


def fit_rules_current() -> tuple[core_fit.FitRule, ...]:
    """The table staff maintain, as the matcher's rules (the built-in table if it is empty)."""
    data = fit_rules_data()
    return core_fit.rules_from_json(data) if data else core_fit.DEFAULT_FIT_RULES


def demand_choices(rules=None) -> dict[str, str]:
    """Demand code → label, in table order."""
    return {r.demand: r.label for r in (rules or fit_rules_current())}


def accommodation_choices(rules=None) -> dict[str, str]:
    """The checklist: the built-in accommodations plus any code staff added to the rules."""
    out = dict(ACCOMMODATIONS)
    for code in core_fit.accommodation_codes(rules or fit_rules_current()):
        out.setdefault(code, code)
    return out


def occupations_loaded() -> bool:
    return Occupation.objects.filter(level=4).exists()


def occupation_codes_known() -> set[str] | None:
    """Codes of the loaded classification, or None when none is loaded (codes then unchecked)."""
    codes = set(Occupation.objects.filter(level=4).values_list("code", flat=True))
    return codes or None


def occupations_loaded_or_shipped() -> list[CoreOccupation]:
    """The loaded classification, or the facts shipped with the project when none is loaded (the
    offline commands code titles on a fresh install too)."""
    return occupations_for_coder() or load_occupations_csv(SHIPPED_CLASSIFICATION)


def minor_groups_for_coder() -> list[tuple[str, str]]:
    """(code, name) of the loaded 小类, for the coder's back-off; the shipped ones if none."""
    rows = list(Occupation.objects.filter(level=3).order_by("code").values_list("code", "name"))
    return rows or load_minor_groups_csv(SHIPPED_CLASSIFICATION)


def occupations_for_coder() -> list[CoreOccupation]:
    """Level-4 occupations (职业) as the pure coder's input."""
    return [
        CoreOccupation(code=o.code, name=o.name, aliases=tuple(o.aliases), definition=o.definition)
        for o in Occupation.objects.filter(level=4).order_by("code")
    ]
