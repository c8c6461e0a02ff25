"""Reads of the learned title aliases for the staff page (/service/learned-aliases/)."""

from __future__ import annotations

from dataclasses import dataclass, field

from backend.accounts.models import User

from ..choices import LearnedAliasStatus
from ..core.occupations import load_occupations_csv
from ..models import LearnedAlias, Occupation
from ..reference import SHIPPED_CLASSIFICATION


@dataclass
class AliasRow:
    """A learned alias and the name of its occupation ("" when the code is not in the
    classification any more); ``form`` is set by the page for active rows."""

    alias: LearnedAlias
    occupation: str
    form: object = field(default=None)


def _occupation_names(codes: set[str]) -> dict[str, str]:
    names = dict(Occupation.objects.filter(code__in=codes).values_list("code", "name"))
    missing = codes - names.keys()
    if missing:
        # No classification loaded (a fresh install codes with the shipped facts): name from those.
        names.update(
            {o.code: o.name for o in load_occupations_csv(SHIPPED_CLASSIFICATION) if o.code in missing}
        )
    return names


def learned_alias_rows(user: User) -> list[AliasRow]:
    """Every learned alias the user may curate (none unless ``may_curate_aliases``: the scoped
    queryset), active ones first, then by title; with the occupation names in one query."""
    aliases = list(LearnedAlias.objects.visible_to(user).select_related("revoked_by"))
    aliases.sort(key=lambda a: (a.status != LearnedAliasStatus.ACTIVE, a.title_key, a.code))
    names = _occupation_names({a.code for a in aliases})
    return [AliasRow(a, names.get(a.code, "")) for a in aliases]
