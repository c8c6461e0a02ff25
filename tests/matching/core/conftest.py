from decimal import Decimal
from pathlib import Path

import pytest

from matching.core.models import JobDoc, SeekerDoc
from matching.core.occupations import Occupation, OccupationCoder, load_occupations_csv
from tests.required_data import require_csco

REPO = Path(__file__).resolve().parents[3]

# A few occupations written here, for tests that must run without the real table.
INLINE_OCCUPATIONS = [
    Occupation(
        "4-04-05-03", "呼叫中心服务员", ("客服专员", "淘宝客服", "网络客服", "电话客服", "话务员", "客服")
    ),
    Occupation("4-01-06-01", "电子商务师", ("淘宝运营", "网店运营", "电商专员", "网店客服")),
    Occupation("4-04-05-05", "人工智能训练师", ("数据标注师", "AI训练师", "数标员")),
    Occupation("4-09-08-01", "保洁员", ("保洁", "清洁工")),
    Occupation("4-02-06-01", "仓储管理员", ("仓库管理员", "库管", "仓库文员")),
    Occupation("4-02-05-01", "装卸搬运工", ("搬运工", "装卸工")),
    Occupation("6-31-03-05", "质检员", ("质检员QC", "品检")),
    Occupation("4-10-08-01", "网约配送员", ("配送员", "送餐员", "外卖骑手")),
    Occupation("2-05-10-00", "盲人医疗按摩人员", ()),
    Occupation("4-10-04-02", "保健按摩师", ("按摩师", "按摩")),
    Occupation("3-01-02-05", "打字员", ("打稿机操作员",)),
    Occupation("6-31-05-00", "包装工", ()),
]


def make_job(id="j", title="岗位", **overrides) -> JobDoc:
    for key in ("pay_min", "pay_max"):
        if isinstance(overrides.get(key), str | int):
            overrides[key] = Decimal(str(overrides[key]))
    for key in ("accommodations",):
        if key in overrides:
            overrides[key] = frozenset(overrides[key])
    if "skills" in overrides:
        overrides["skills"] = tuple(overrides["skills"])
    return JobDoc(id=id, title=title, **overrides)


def make_seeker(id="s", **overrides) -> SeekerDoc:
    for key in ("needs", "can_do"):
        if key in overrides:
            overrides[key] = frozenset(overrides[key])
    for key in ("skills", "regions", "employment_forms", "hours", "occupation_codes"):
        if key in overrides:
            overrides[key] = tuple(overrides[key])
    if isinstance(overrides.get("expected_pay"), str | int):
        overrides["expected_pay"] = Decimal(str(overrides["expected_pay"]))
    return SeekerDoc(id=id, **overrides)


@pytest.fixture(scope="session")
def real_occupations():
    return load_occupations_csv(require_csco())


@pytest.fixture(scope="session")
def real_coder(real_occupations):
    return OccupationCoder(real_occupations)


@pytest.fixture(scope="session")
def inline_coder():
    return OccupationCoder(INLINE_OCCUPATIONS)
