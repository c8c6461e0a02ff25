"""Subsidy rules as data (``daycentres/data/subsidy_rules.json``): one rule per subsidy, each with
its amount, unit, source document and whether the local figure is confirmed.

Where the Taicang/Suzhou figure was not found the rule says ``confirmed: false`` and every page,
API answer and ledger basis shows 未确认 next to it (quota-rules.md: every number a parameter,
with its source). Changing a figure is changing the data file, reviewed like code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "subsidy_rules.json"
CENT = Decimal("0.01")


def money(value: Decimal) -> Decimal:
    """The one rounding of an amount: half up to the cent."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Rule:
    code: str
    kind: str  # the LedgerKind value paid under this rule
    label: str
    basis: str  # per_member_year | per_project | once | per_month
    amount: Decimal
    unit: str
    source: str
    confirmed: bool
    max_months: int | None = None

    @property
    def status_label(self) -> str:
        return "已确认" if self.confirmed else "未确认"


def load_rules(path: Path = DATA) -> dict[str, Rule]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    rules = {}
    for row in raw["rules"]:
        rules[row["code"]] = Rule(
            code=row["code"],
            kind=row["kind"],
            label=row["label"],
            basis=row["basis"],
            amount=Decimal(row["amount"]),
            unit=row["unit"],
            source=row["source"],
            confirmed=bool(row["confirmed"]),
            max_months=row.get("max_months"),
        )
    return rules


@dataclass(frozen=True)
class SubsidyLine:
    rule: Rule
    quantity: Decimal  # member-years (member-months ÷ 12) or projects
    amount: Decimal


@dataclass(frozen=True)
class OperatingSubsidy:
    year: int
    member_months: int
    projects: int
    lines: tuple[SubsidyLine, ...]
    total: Decimal

    @property
    def unconfirmed(self) -> bool:
        return any(not line.rule.confirmed for line in self.lines)


def operating_subsidy(
    *, year: int, member_months: int, completed_projects: int, rules: dict[str, Rule]
) -> OperatingSubsidy:
    """运营奖补 of one centre for ``year``: per member (pro rata by months on the roll) plus per
    completed project. The total is rounded once, at the end."""
    per_member, per_project = rules["centre_per_member"], rules["centre_per_project"]
    member_years = Decimal(member_months) / 12
    exact_member = per_member.amount * member_years
    exact_project = per_project.amount * completed_projects
    lines = (
        SubsidyLine(per_member, member_years, money(exact_member)),
        SubsidyLine(per_project, Decimal(completed_projects), money(exact_project)),
    )
    return OperatingSubsidy(
        year=year,
        member_months=member_months,
        projects=completed_projects,
        lines=lines,
        total=money(exact_member + exact_project),
    )


def months_in_year(joined, left, year: int) -> int:
    """Months of ``year`` a member was on the roll. [A] A month counts if the member was on the
    roll on its 15th: the platform's convention, no local text decides."""
    count = 0
    for month in range(1, 13):
        mid = date(year, month, 15)
        if joined <= mid and (left is None or left >= mid):
            count += 1
    return count
