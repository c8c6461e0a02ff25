"""Reads of the reference tables: the fit rules, the occupation classification and the aliases
employers taught the coder (the shipped alias table itself is read by matching.core.aliases).

A module of its own (not in selectors/) because services and selectors both read it.
"""

from dataclasses import replace
from pathlib import Path

from matching.core import fit as core_fit
from matching.core.accommodations import ACCOMMODATIONS
from matching.core.occupations import Occupation as CoreOccupation
from matching.core.occupations import load_minor_groups_csv, load_occupations_csv

from .models import FitRule, LearnedAlias, Occupation

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
    offline commands code titles on a fresh install too); learned aliases added either way."""
    return occupations_for_coder() or with_learned_aliases(load_occupations_csv(SHIPPED_CLASSIFICATION))


def learned_aliases_active() -> dict[str, str]:
    """title key → code of the aliases employers taught the coder and staff have not revoked."""
    return dict(LearnedAlias.objects.active().order_by("title_key").values_list("title_key", "code"))


def with_learned_aliases(occupations: list[CoreOccupation]) -> list[CoreOccupation]:
    """``occupations`` with each active learned alias added to its code's common names, so the
    coder (built at every index rebuild) treats "电子厂普工" like a name the classification lists."""
    extra: dict[str, list[str]] = {}
    for key, code in learned_aliases_active().items():
        extra.setdefault(code, []).append(key)
    return [
        replace(o, aliases=tuple(dict.fromkeys((*o.aliases, *extra[o.code])))) if o.code in extra else o
        for o in occupations
    ]


def minor_groups_for_coder() -> list[tuple[str, str]]:
    """(code, name) of the loaded 小类, for the coder's back-off; the shipped ones if none."""
    rows = list(Occupation.objects.filter(level=3).order_by("code").values_list("code", "name"))
    return rows or load_minor_groups_csv(SHIPPED_CLASSIFICATION)


def occupations_for_coder() -> list[CoreOccupation]:
    """Level-4 occupations (职业) as the pure coder's input, with the learned aliases."""
    return with_learned_aliases(
        [
            CoreOccupation(code=o.code, name=o.name, aliases=tuple(o.aliases), definition=o.definition)
            for o in Occupation.objects.filter(level=4).order_by("code")
        ]
    )
