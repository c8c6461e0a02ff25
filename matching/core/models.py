"""The core's vocabulary: plain frozen dataclasses the Django side converts to and from."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

EMPLOYMENT_FORMS: tuple[str, ...] = ("competitive", "sheltered", "assisted", "home")
EMPLOYMENT_FORM_LABELS: dict[str, str] = {
    "competitive": "竞争性就业",
    "sheltered": "集中就业",
    "assisted": "辅助性就业",
    "home": "居家就业",
}
HOURS: tuple[str, ...] = ("full_time", "part_time", "flexible")
HOURS_LABELS: dict[str, str] = {"full_time": "全职", "part_time": "兼职", "flexible": "灵活工时"}

# Ordered by level; senior high school and secondary vocational school (中专) rank
# the same, as in the national qualification framework.
EDUCATION_RANK: dict[str, int] = {
    "none": 0,
    "primary": 1,
    "junior": 2,
    "senior": 3,
    "vocational": 3,
    "college": 4,
    "bachelor": 5,
    "master": 6,
}
EDUCATION_LABELS: dict[str, str] = {
    "none": "不限",
    "primary": "小学",
    "junior": "初中",
    "senior": "高中",
    "vocational": "中专/职高",
    "college": "大专",
    "bachelor": "本科",
    "master": "硕士",
}

# 残疾人证 categories (GB/T 26341-2010); 7 = 多重残疾.
DISABILITY_CATEGORIES: dict[int, str] = {
    1: "视力",
    2: "听力",
    3: "言语",
    4: "肢体",
    5: "智力",
    6: "精神",
    7: "多重",
}


@dataclass(frozen=True)
class JobDoc:
    """A posting as the matcher sees it.

    ``demands`` None means "derive from the text with the fit rules"; a set given
    here (e.g. edited by staff) is used as is.
    """

    id: str
    title: str
    description: str = ""
    skills: tuple[str, ...] = ()
    occupation_code: str = ""
    region: str = ""
    employment_form: str = ""
    hours: str = ""
    pay_min: Decimal | None = None
    pay_max: Decimal | None = None
    education: str = ""
    accommodations: frozenset[str] = frozenset()
    demands: frozenset[str] | None = None
    guaranteed_interview: bool = False

    def text(self) -> str:
        """Text indexed for similarity; the title counts twice."""
        return " ".join((self.title, self.title, " ".join(self.skills), self.description))


@dataclass(frozen=True)
class SeekerDoc:
    """A job-seeker profile.

    ``disability_category``/``grade``/``needs`` are sensitive personal information
    (PIPL Art. 28–29): the caller passes them only with the seeker's consent, else
    None/empty, and the matcher then applies no disability rules at all.
    """

    id: str
    desired: str = ""
    skills: tuple[str, ...] = ()
    experience: str = ""
    education: str = ""
    regions: tuple[str, ...] = ()
    employment_forms: tuple[str, ...] = ()
    hours: tuple[str, ...] = ()
    expected_pay: Decimal | None = None
    occupation_codes: tuple[str, ...] = ()
    disability_category: int | None = None
    disability_grade: int | None = None
    needs: frozenset[str] = frozenset()
    can_do: frozenset[str] = frozenset()

    def text(self) -> str:
        """Query text; the wanted job counts twice."""
        return " ".join((self.desired, self.desired, " ".join(self.skills), self.experience))
