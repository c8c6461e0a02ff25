"""The report an employer files: headcount, wages and the disabled-staff roster.

All fields after the first (or first two) are keyword-only.  Amounts are
``Decimal`` (an ``int`` is accepted and converted); floats are refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import KW_ONLY, dataclass
from datetime import date
from decimal import Decimal
from fractions import Fraction

from .errors import InputError
from .facts import CertificateCheck
from .policy import ORG_TYPES

ALL_MONTHS = frozenset(range(1, 13))


@dataclass(frozen=True)
class RosterLine:
    """One disabled employee on the roster for the data year.

    ``months`` are the calendar months of the data year the person was
    employed; ``insured_months=None`` means insured for every month employed;
    ``counted_elsewhere_months`` are months another employer already counts
    this certificate (挂靠).  An explicit ``grade`` is used only when no
    ``certificate_no`` is given.  For a veteran, ``certificate_no`` is the
    残疾军人证 number and ``veteran_grade`` (1–8) gives the weight.
    """

    line_id: str
    _: KW_ONLY
    certificate_no: str | None = None
    veteran: bool = False
    veteran_grade: int | None = None
    grade: int | None = None
    months: frozenset[int] = ALL_MONTHS
    monthly_wage: Decimal
    on_establishment: bool = False  # 在编: no labour contract needed
    contract_months: int | None = None
    insured_months: frozenset[int] | None = None
    certificate_valid_until: date | None = None  # last day of validity, inclusive
    birth_date: date | None = None
    sex: str | None = None  # "M" or "F"
    counted_elsewhere_months: frozenset[int] = frozenset()
    dispatched: bool = False
    counts_here: bool = True  # for a dispatched worker: the dispatch agreement decides
    # Verified facts (quota-rules.md "Verified, not declared"): None = not checked (the public
    # calculator's estimate).  ``declared_insured_months`` is set when ``insured_months`` come
    # from imported insurance records, so declared months without a record can be named.
    certificate_check: CertificateCheck | None = None
    declared_insured_months: frozenset[int] | None = None

    def __post_init__(self) -> None:
        where = f"第 {self.line_id} 行"
        if not isinstance(self.line_id, str) or not self.line_id:
            raise InputError("名册行缺少编号")
        _set(self, "monthly_wage", _amount(self.monthly_wage, f"{where}月工资"))
        _set(self, "months", _months(self.months, f"{where}在职月份"))
        _set(self, "counted_elsewhere_months", _months(self.counted_elsewhere_months, f"{where}他处计入月份"))
        if self.insured_months is not None:
            _set(self, "insured_months", _months(self.insured_months, f"{where}参保月份"))
        if self.declared_insured_months is not None:
            _set(
                self, "declared_insured_months", _months(self.declared_insured_months, f"{where}申报参保月份")
            )
        for name in ("grade", "veteran_grade", "contract_months"):
            value = getattr(self, name)
            if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
                raise InputError(f"{where}的{_LABELS[name]}应为非负整数")
        if self.sex not in (None, "M", "F"):
            raise InputError(f"{where}的性别应为 M（男）或 F（女）")
        for name in ("certificate_valid_until", "birth_date"):
            if getattr(self, name) is not None and not isinstance(getattr(self, name), date):
                raise InputError(f"{where}的{_LABELS[name]}应为日期")


@dataclass(frozen=True)
class ReportInput:
    """An employer's annual report for ``data_year`` (the levy is paid the next year).

    Give exactly one of ``employee_count`` (annual average N) or
    ``monthly_headcounts`` (12 month-end counts; N = their sum ÷ 12, exact).
    ``social_average_wage`` overrides the policy's figure when given.
    """

    data_year: int
    org_type: str
    _: KW_ONLY
    employee_count: Decimal | None = None
    monthly_headcounts: tuple[Decimal, ...] | None = None
    total_wages: Decimal
    social_average_wage: Decimal | None = None
    roster: tuple[RosterLine, ...] = ()

    def __post_init__(self) -> None:
        if self.org_type not in ORG_TYPES:
            raise InputError("单位类型不正确")
        if not isinstance(self.data_year, int) or isinstance(self.data_year, bool):
            raise InputError("申报年度应为整数")
        if (self.employee_count is None) == (self.monthly_headcounts is None):
            raise InputError("请填写年平均在职职工人数或12个月的月末人数，二者只填其一")
        if self.employee_count is not None:
            _set(self, "employee_count", _amount(self.employee_count, "在职职工人数"))
        else:
            counts = tuple(_amount(value, "月末在职职工人数") for value in self.monthly_headcounts)
            if len(counts) != 12:
                raise InputError("月末在职职工人数应为12个月的数据")
            _set(self, "monthly_headcounts", counts)
        _set(self, "total_wages", _amount(self.total_wages, "工资总额"))
        if self.social_average_wage is not None:
            _set(self, "social_average_wage", _amount(self.social_average_wage, "社会平均工资"))
        roster = tuple(self.roster)
        if not all(isinstance(line, RosterLine) for line in roster):
            raise InputError("名册格式不正确")
        if len({line.line_id for line in roster}) != len(roster):
            raise InputError("名册中有重复的行编号")
        _set(self, "roster", roster)

    @property
    def headcount(self) -> Fraction:
        """N, the annual average staff count, exact (72号: seasonal staff averaged)."""
        if self.monthly_headcounts is not None:
            return sum((Fraction(value) for value in self.monthly_headcounts), Fraction(0)) / 12
        return Fraction(self.employee_count)


_LABELS = {
    "grade": "残疾等级",
    "veteran_grade": "残疾军人等级",
    "contract_months": "合同期限（月）",
    "certificate_valid_until": "证件有效期",
    "birth_date": "出生日期",
}


def _set(obj: object, name: str, value: object) -> None:
    object.__setattr__(obj, name, value)  # frozen dataclass: normalise once in __post_init__


def _amount(value: object, label: str) -> Decimal:
    if isinstance(value, int) and not isinstance(value, bool):
        value = Decimal(value)
    if not isinstance(value, Decimal) or not value.is_finite():
        raise InputError(f"{label}应为精确小数（Decimal），不能使用浮点数")
    if value < 0:
        raise InputError(f"{label}不能为负数")
    return value


def _months(value: Iterable[int], label: str) -> frozenset[int]:
    months = frozenset(value)
    if (
        any(not isinstance(month, int) or isinstance(month, bool) for month in months)
        or not months <= ALL_MONTHS
    ):
        raise InputError(f"{label}应为1至12之间的月份")
    return months
