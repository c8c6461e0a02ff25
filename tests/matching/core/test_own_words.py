"""Seekers' own words: wishes, experience and limits read out of one first-person text (issue 13)."""

from matching.core.features import wished_forms
from matching.core.own_words import query_text, read_own_words, regions_named
from matching.core.recommend import JobMatcher

from .conftest import INLINE_OCCUPATIONS, make_job, make_seeker


def test_wishes_and_experience_are_told_apart():
    words = read_own_words("做过三年电话客服，想找客服或者数据录入")

    assert words.wishes == ("客服", "数据录入")
    assert words.experience_jobs == ("电话客服",)
    assert words.structured


def test_a_limit_and_a_dislike_are_read_from_negations():
    words = read_own_words("我以前在厂里做过两年包装，腿不方便不能久站，不想上夜班，想找离家近的")

    assert words.limit_demands == {"heavy_physical"}
    assert words.dislike_demands == {"night_shift"}
    assert words.experience_jobs == ("包装",)
    assert words.near_home


def test_saying_one_can_do_something_is_not_a_limit():
    words = read_own_words("一条腿有点跛，开车没问题，有C1驾照，想找司机或者送货的")

    assert "driving" not in words.limit_demands
    assert words.wishes == ("司机", "送货")


def test_body_statements_are_limits_without_a_disability_category():
    assert read_own_words("听不见电话，但打字很快").limit_demands == {"phone"}
    assert "heavy_physical" in read_own_words("坐轮椅，在残疾人之家做过手工，想继续做").limit_demands


def test_a_plain_wish_without_verbs_reads_as_before():
    words = read_own_words("缝纫工，服装厂干过")

    assert not words.structured
    assert words.plain == ("缝纫工",)
    assert (
        query_text(make_seeker(desired="缝纫工，服装厂干过"))
        == make_seeker(desired="缝纫工，服装厂干过").text()
    )


def test_places_named_in_the_text_become_regions():
    known = ("浮桥镇", "太仓港经济技术开发区", "城厢镇")

    assert regions_named("想做按摩，浮桥或者港区都行", known) == ("浮桥镇", "太仓港经济技术开发区")
    assert regions_named("在家门口", known) == ()


def test_only_at_home_is_a_home_wish_but_near_home_is_not():
    assert wished_forms(make_seeker(desired="我高位截瘫，只能在家，想在家做客服")) == ("home",)
    assert wished_forms(make_seeker(desired="想在家门口继续做手工，也可以在家里做")) == ()


def test_the_query_leaves_out_what_the_seeker_said_about_their_body():
    seeker = make_seeker(desired="精神残疾二级，吃药控制。以前在厂里做包装，想找包装的活")

    assert "残疾" not in query_text(seeker)
    assert "包装" in query_text(seeker)


JOBS = [
    make_job("pack_stand", "包装工", description="流水线包装，需要久站", region="沙溪镇"),
    make_job(
        "pack_adjusted",
        "包装工",
        description="流水线包装，需要久站",
        region="沙溪镇",
        accommodations={"job_adjustment"},
    ),
    make_job("pack_night", "包装工", description="产品包装，两班倒，夜班有补贴", region="沙溪镇"),
    make_job("pack_day", "包装工", description="产品包装，长白班", region="沙溪镇"),
    make_job("kefu_phone", "电话客服", description="接听电话，处理咨询", region="沙溪镇"),
    make_job("kefu_online", "在线客服", description="在线回复顾客消息", region="沙溪镇"),
]


def test_a_stated_limit_excludes_a_job_unless_the_employer_resolves_it():
    matcher = JobMatcher(JOBS, occupations=INLINE_OCCUPATIONS)
    seeker = make_seeker(desired="以前做过包装，腿不方便不能久站，想找包装的活", regions=("沙溪镇",))

    ranked = [s.job_id for s in matcher.top_jobs_for_seeker(seeker, k=10)]

    assert "pack_stand" not in ranked
    assert "pack_adjusted" in ranked
    reasons = next(s for s in matcher.top_jobs_for_seeker(seeker, k=10) if s.job_id == "pack_adjusted")
    assert any(r.source == "您自己的描述，岗位信息" and r.tone == "fit" for r in reasons.explanation.reasons)


def test_a_dislike_lowers_a_job_and_says_why():
    matcher = JobMatcher(JOBS, occupations=INLINE_OCCUPATIONS)
    seeker = make_seeker(desired="做过两年包装，不想上夜班，想找包装的活", regions=("沙溪镇",))

    ranked = matcher.top_jobs_for_seeker(seeker, k=10)
    order = [s.job_id for s in ranked]

    assert order.index("pack_day") < order.index("pack_night")
    night = next(s for s in ranked if s.job_id == "pack_night")
    assert any("不太想做" in r.text and r.tone == "gap" for r in night.explanation.reasons)


def test_an_old_phone_job_does_not_outweigh_not_hearing_the_phone_now():
    matcher = JobMatcher(JOBS, occupations=INLINE_OCCUPATIONS)
    seeker = make_seeker(desired="做过三年电话客服，现在听不见电话了，想找在线客服", regions=("沙溪镇",))

    ranked = [s.job_id for s in matcher.top_jobs_for_seeker(seeker, k=10)]

    assert "kefu_phone" not in ranked
    assert ranked[0] == "kefu_online"


def test_accommodations_asked_for_in_the_text_are_needs():
    assert read_own_words("想找会计或出纳，单位要有无障碍通道").needs == {"accessible_access"}
    assert read_own_words("想找程序员，公司要有电梯或者能远程").needs == {"elevator", "remote"}


def test_employers_do_not_see_a_seeker_for_a_job_they_said_they_cannot_do():
    from matching.core.recommend import CandidateMatcher

    seekers = [
        make_seeker("legs", desired="以前做过包装，腿不方便不能久站，想找包装的活", regions=("沙溪镇",)),
        make_seeker("fine", desired="以前做过包装，想找包装的活", regions=("沙溪镇",)),
    ]
    matcher = CandidateMatcher(seekers, occupations=INLINE_OCCUPATIONS)

    standing = [s.seeker_id for s in matcher.top_seekers_for_job(JOBS[0], k=10)]
    adjusted = [s.seeker_id for s in matcher.top_seekers_for_job(JOBS[1], k=10)]

    assert standing == ["fine"]
    assert set(adjusted) == {"legs", "fine"}
