"""The issue's acceptance criteria, end to end through services, selectors and the API."""

import pytest
from rest_framework.test import APIClient

from matching.models import JobPosting
from matching.selectors import match_jobs_for_seeker
from matching.services import feedback_record

from .factories import (
    FUQIAO,
    LIUHE,
    make_employer_user,
    make_person,
    make_posting,
    make_profile,
    make_seeker_user,
)

pytestmark = pytest.mark.django_db

FILLERS = [
    ("在线客服", "千牛后台文字回复买家，不用接电话。", ["在线客服", "打字"], []),
    ("数据录入员", "把纸质表格录入电脑。", ["打字", "Excel"], []),
    ("包装工", "产品装袋、封口、装箱。", ["包装"], []),
    ("手工串珠", "照样品串手链，按件计酬。", ["手工艺"], []),
    ("保洁员", "写字楼公共区域保洁。", ["保洁"], []),
    ("档案整理员", "整理归档纸质档案。", ["档案管理"], []),
    ("盲人按摩师", "为顾客做颈肩推拿。", ["盲人按摩", "推拿"], []),
    ("文字客服", "用微信文字回复顾客，可居家。", ["在线客服"], ["remote"]),
    ("面点师", "包子、馒头制作。", ["面点"], []),
    ("绿化养护工", "花木浇水、除草。", ["绿化"], []),
    ("客房服务员", "酒店客房整理。", ["客房服务"], []),
]


def add_fillers(hr):
    return [
        make_posting(user=hr, title=t, description=d, skills=s, accommodations=a) for t, d, s, a in FILLERS
    ]


def top10_ids(user):
    return [m.posting.pk for m in match_jobs_for_seeker(user=user, k=10)]


def _visual_market(hr):
    add_fillers(hr)
    unsuitable = [
        make_posting(
            user=hr, title="送货司机", description="驾驶货车给客户送货，需要C1驾照。", skills=["驾驶"]
        ),
        make_posting(user=hr, title="外卖配送员", description="骑电动车配送外卖。", skills=["配送"]),
        make_posting(user=hr, title="快递配送员", description="负责片区快递配送。", skills=["快递"]),
        make_posting(
            user=hr, title="外观质检员", description="目检产品外观，挑出色差和划伤。", skills=["质检"]
        ),
        make_posting(user=hr, title="文字校对", description="校对书稿，找出错别字。", skills=["校对"]),
    ]
    magnifier = make_posting(
        user=hr,
        title="质检员（配放大设备）",
        description="检验产品外观，检验台配有放大镜灯。",
        skills=["质检"],
        accommodations=["magnifier"],
    )
    return unsuitable, magnifier


# The wish points straight at the unsuitable jobs: only the fit rules keep them out.
VISUAL_WISH = {"desired": "质检员 司机 配送 校对", "skills": ["质检", "校对", "配送"]}


def test_blind_seeker_never_gets_driving_delivery_or_visual_inspection():
    """Grade 1 视力 (blind): a magnifier does not resolve visual inspection either."""
    hr = make_employer_user()
    unsuitable, magnifier = _visual_market(hr)
    wish = {**VISUAL_WISH, "desired": VISUAL_WISH["desired"] + " 推拿"}
    seeker = make_seeker_user(make_person(1, 1))
    make_profile(seeker.person, **wish)
    # The same wish without disability information: the unsuitable jobs are relevant to it, so
    # only the fit rules (not the cut at the end of relevance) can keep them from the blind seeker.
    unrestricted = make_seeker_user(make_person(None, None))
    make_profile(unrestricted.person, **wish)
    client = APIClient()
    client.force_authenticate(seeker)

    response = client.get("/api/v1/me/matched-jobs/", {"k": 10})

    assert response.status_code == 200
    ids = [row["posting"]["id"] for row in response.json()]
    forbidden = {p.pk for p in [*unsuitable, magnifier]}
    assert ids and not set(ids) & forbidden
    assert "盲人按摩师" in [row["posting"]["title"] for row in response.json()]
    assert set(top10_ids(unrestricted)) & forbidden


def test_low_vision_seeker_gets_visual_inspection_only_where_the_magnifier_is_offered():
    hr = make_employer_user()
    unsuitable, magnifier = _visual_market(hr)
    seeker = make_seeker_user(make_person(1, 3))
    make_profile(seeker.person, **VISUAL_WISH)
    client = APIClient()
    client.force_authenticate(seeker)

    rows = client.get("/api/v1/me/matched-jobs/", {"k": 10}).json()

    ids = [row["posting"]["id"] for row in rows]
    assert not set(ids) & {p.pk for p in unsuitable}
    assert magnifier.pk in ids
    row = next(r for r in rows if r["posting"]["id"] == magnifier.pk)
    assert row["conflicts"] == [
        {
            "demand": "visual_inspection",
            "label": "用眼检查细节",
            "level": "exclude",
            "resolved": True,
            "resolved_by": ["magnifier"],
            "note": "单位提供放大设备，可以解决用眼检查细节的问题",
        }
    ]


def test_the_same_wish_without_the_disability_consent_is_not_filtered():
    """Control: the exclusions above come from the disability rules, used only with consent."""
    hr = make_employer_user()
    add_fillers(hr)
    driver = make_posting(user=hr, title="送货司机", description="驾驶货车给客户送货，需要C1驾照。")
    seeker = make_seeker_user(make_person(1, 1, consent_matching=False))
    make_profile(seeker.person, desired="司机 送货", skills=["包装"])

    assert top10_ids(seeker)[0] == driver.pk


def test_deaf_seeker_gets_no_phone_only_posting():
    hr = make_employer_user()
    add_fillers(hr)
    phone_only = [
        make_posting(user=hr, title="电话客服", description="接听电话，解答客户咨询。", skills=["客服"]),
        make_posting(user=hr, title="电话销售", description="电销，外呼意向客户。", skills=["电话销售"]),
    ]
    with_text = make_posting(
        user=hr,
        title="客服专员",
        description="热线客服，也可只做在线文字接待。",
        skills=["客服"],
        accommodations=["text_channel"],
    )
    seeker = make_seeker_user(make_person(2, 1))
    make_profile(seeker.person, desired="客服 电话客服", skills=["客服", "打字"])

    ids = top10_ids(seeker)

    assert not set(ids) & {p.pk for p in phone_only}
    assert with_text.pk in ids


def test_wheelchair_user_gets_no_heavy_lifting_posting():
    hr = make_employer_user()
    add_fillers(hr)
    heavy = [
        make_posting(user=hr, title="装卸工", description="集装箱装卸，搬运重物。", skills=["搬运装卸"]),
        make_posting(
            user=hr, title="仓库搬运工", description="负责货物搬运，长时间站立。", skills=["搬运装卸"]
        ),
    ]
    aided = make_posting(
        user=hr,
        title="仓库理货员",
        description="货物上架，需要搬运，配有液压车和坐姿工位。",
        skills=["理货"],
        accommodations=["lifting_aid"],
    )
    seeker = make_seeker_user(make_person(4, 1))
    make_profile(seeker.person, desired="装卸 搬运 理货", skills=["理货"])

    ids = top10_ids(seeker)

    assert not set(ids) & {p.pk for p in heavy}
    assert aided.pk in ids


def test_explanation_names_matched_and_missing_skills_and_accommodations():
    hr = make_employer_user()
    posting = make_posting(
        user=hr,
        title="在线客服",
        description="千牛后台文字回复买家。",
        skills=["在线客服", "Excel"],
        accommodations=["screen_reader", "remote"],
    )
    seeker = make_seeker_user(make_person(1, 2))
    make_profile(seeker.person, desired="在线客服", skills=["在线客服", "打字"], needs=["screen_reader"])

    [match] = match_jobs_for_seeker(user=seeker, k=1)

    e = match.explanation
    assert match.posting == posting
    assert e.matched_skills == ("在线客服",)
    assert e.missing_skills == ("Excel",)
    assert e.accommodations_needed == ("screen_reader",)
    assert e.accommodations_met == ("screen_reader",)
    assert "您会的 在线客服 正是这个岗位需要的" in e.reasons_zh
    assert "还缺少：Excel" in e.reasons_zh
    assert "单位提供读屏软件，正是您需要的" in e.reasons_zh


def test_a_dismissed_posting_disappears():
    hr = make_employer_user()
    postings = add_fillers(hr)
    seeker = make_seeker_user(make_person(4, 3))
    make_profile(seeker.person, desired="在线客服", skills=["在线客服"])
    before = [m.posting.pk for m in match_jobs_for_seeker(user=seeker, k=len(postings))]
    first = before[0]

    feedback_record(user=seeker, posting=JobPosting.objects.get(pk=first), reason="not_interested")

    ids = [m.posting.pk for m in match_jobs_for_seeker(user=seeker, k=len(postings))]
    assert len(before) >= 2 and first not in ids
    assert set(ids) == set(before) - {first}


def test_too_far_lowers_other_postings_in_that_region():
    hr = make_employer_user()
    liuhe = [
        make_posting(
            user=hr, title="包装工", description="产品装袋。", skills=["包装"], region=_region(LIUHE)
        ),
        make_posting(
            user=hr, title="包装工", description="糕点装袋。", skills=["包装"], region=_region(LIUHE)
        ),
    ]
    elsewhere = make_posting(
        user=hr, title="包装工", description="快递打包。", skills=["包装"], region=_region(FUQIAO)
    )
    seeker = make_seeker_user(make_person(4, 3))
    make_profile(seeker.person, desired="包装工", skills=["包装"], regions=[])
    before = {m.posting.pk: m.score for m in match_jobs_for_seeker(user=seeker, k=3)}
    assert before[liuhe[1].pk] > before[elsewhere.pk] * 0.99  # about level before the feedback

    feedback_record(user=seeker, posting=liuhe[0], reason="too_far", text="浏河太远了")

    after = {m.posting.pk: m.score for m in match_jobs_for_seeker(user=seeker, k=3)}
    assert liuhe[0].pk not in after
    assert after[elsewhere.pk] == pytest.approx(before[elsewhere.pk])
    assert after[liuhe[1].pk] < 0.7 * before[liuhe[1].pk]
    assert list(after) == [elsewhere.pk, liuhe[1].pk]


def _region(code):
    from .factories import region

    return region(code)
