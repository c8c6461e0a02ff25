import numpy as np
import pytest

from matching.core.features import wished_forms
from matching.core.fit import DEFAULT_FIT_RULES, rules_from_json, rules_to_json
from matching.core.recommend import (
    CandidateMatcher,
    JobMatcher,
    fuzzy_title_top_jobs,
    reason_code,
    tfidf_only_top_jobs,
    wish_parts,
)
from matching.core.scoring import (
    Weights,
    education_feature,
    form_feature,
    hours_feature,
    pay_feature,
    region_feature,
)

from .conftest import make_job, make_seeker

JOBS = [
    make_job(
        "kefu",
        "淘宝客服",
        description="在线回复顾客咨询，文字沟通为主",
        skills=["打字", "Excel", "CAD"],
        region="沙溪镇",
        hours="full_time",
        pay_min=3500,
        pay_max=4500,
        accommodations={"screen_reader", "flexible_hours"},
    ),
    make_job(
        "kefu2",
        "网络客服",
        description="在线客服，回复买家消息",
        skills=["打字"],
        region="浏河镇",
        pay_min=3000,
        pay_max=3600,
    ),
    make_job(
        "phone", "电话客服", description="接听电话，处理客户投诉", region="沙溪镇", pay_min=4000, pay_max=5000
    ),
    make_job(
        "phone_text",
        "呼叫中心话务员",
        description="呼叫中心热线，可用文字工单",
        region="沙溪镇",
        accommodations={"text_channel"},
    ),
    make_job("driver", "货车司机", description="需要C1驾照，市内送货", region="沙溪镇"),
    make_job("delivery", "快递配送员", description="电动车配送", region="沙溪镇"),
    make_job("qc", "质检员", description="产品外观质检，色差检查", region="沙溪镇"),
    make_job(
        "qc_mag", "质检员", description="电子元件外观质检", region="沙溪镇", accommodations={"magnifier"}
    ),
    make_job("mover", "仓库搬运工", description="搬运装卸货物", region="沙溪镇"),
    make_job(
        "mover_aid", "仓库理货员", description="搬运货物上架", region="沙溪镇", accommodations={"lifting_aid"}
    ),
    make_job(
        "label",
        "数据标注员",
        description="图片数据标注，电脑操作",
        skills=["数据标注", "打字"],
        employment_form="home",
        hours="flexible",
        accommodations={"remote"},
    ),
    make_job(
        "clean",
        "保洁员",
        description="办公楼日常清洁",
        region="城厢镇",
        education="none",
        pay_min=2800,
        pay_max=3000,
    ),
    make_job(
        "massage",
        "盲人按摩师",
        description="保健按摩推拿",
        skills=["盲人按摩"],
        region="城厢镇",
        accommodations={"accessible_access"},
        guaranteed_interview=True,
    ),
    make_job("night", "包装工", description="产品包装，需上夜班", region="沙溪镇"),
    make_job("day", "包装工", description="产品包装，白班", region="沙溪镇"),
    make_job(
        "clerk", "行政文员", description="文件整理 Word Excel", skills=["Word", "Excel"], education="college"
    ),
]
BY_ID = {j.id: j for j in JOBS}


@pytest.fixture(scope="module")
def matcher(inline_coder):
    return JobMatcher(JOBS, occupations=inline_coder)


def ids(suggestions):
    return [s.job_id for s in suggestions]


def test_top_jobs_returns_k_sorted_suggestions_with_explanations(matcher):
    seeker = make_seeker(desired="淘宝客服", skills=["excel表格", "打字"], regions=["沙溪镇"])
    top = matcher.top_jobs_for_seeker(seeker, k=5)
    assert len(top) == 5
    assert [s.score for s in top] == sorted((s.score for s in top), reverse=True)
    best = top[0]
    assert best.job_id == "kefu" and best.seeker_id == seeker.id
    ex = best.explanation
    assert ex.matched_skills == ("打字", "Excel")
    assert ex.missing_skills == ("CAD",)
    assert "您会的 打字、Excel 正是这个岗位需要的" in ex.reasons_zh
    assert "还缺少：CAD" in ex.reasons_zh
    assert "工作地点在沙溪镇，在您希望的区域内" in ex.reasons_zh
    assert ex.region_note == "工作地点在沙溪镇，在您希望的区域内"
    assert set(best.components) >= {"text", "skills", "occupation", "region", "fit", "penalty", "feedback"}
    assert all(0.0 <= best.components[c] <= 1.0 for c in Weights().as_dict())


def test_missing_skills_name_a_training_course_when_known(inline_coder):
    m = JobMatcher(JOBS, occupations=inline_coder, courses={"CAD": "CAD制图培训班（市残联）"})
    top = m.top_jobs_for_seeker(make_seeker(desired="淘宝客服", skills=["打字", "Excel"]), k=1)[0]
    assert top.explanation.courses == (("CAD", "CAD制图培训班（市残联）"),)
    assert "还缺少：CAD（可以参加：CAD制图培训班（市残联））" in top.explanation.reasons_zh


def test_explanation_names_accommodations_and_resolved_conflicts(matcher):
    seeker = make_seeker(
        desired="客服",
        skills=["打字"],
        regions=["沙溪镇"],
        disability_category=1,
        disability_grade=1,
        needs={"screen_reader", "sign_language"},
    )
    top = {s.job_id: s for s in matcher.top_jobs_for_seeker(seeker, k=20)}
    ex = top["kefu"].explanation
    assert ex.accommodations_needed == ("screen_reader", "sign_language")
    assert ex.accommodations_offered == ("screen_reader", "flexible_hours")
    assert ex.accommodations_met == ("screen_reader",)
    assert "单位提供读屏软件，可以解决看屏幕的问题" in ex.reasons_zh
    assert any("手语沟通" in r and "面试时询问" in r for r in ex.reasons_zh)


@pytest.mark.parametrize(
    ("seeker", "never", "allowed"),
    [
        (
            make_seeker(desired="司机 配送 质检", disability_category=1, disability_grade=1),
            {"driver", "delivery", "qc", "qc_mag"},
            set(),
        ),
        (
            make_seeker(desired="质检", disability_category=1, disability_grade=3),
            {"driver", "delivery", "qc"},
            {"qc_mag"},
        ),
        (make_seeker(desired="客服", disability_category=2, disability_grade=1), {"phone"}, {"phone_text"}),
        (make_seeker(desired="搬运", disability_category=4, disability_grade=1), {"mover"}, {"mover_aid"}),
        (
            make_seeker(desired="搬运", disability_category=4, disability_grade=4),
            set(),
            {"mover", "mover_aid"},
        ),
    ],
)
def test_unresolved_exclusions_are_never_returned(matcher, seeker, never, allowed):
    returned = set(ids(matcher.top_jobs_for_seeker(seeker, k=len(JOBS))))
    assert not returned & never
    assert allowed <= returned


def test_lower_conflict_reduces_the_score(matcher):
    seeker = make_seeker(desired="包装工", disability_category=6, disability_grade=2)
    top = {s.job_id: s for s in matcher.top_jobs_for_seeker(seeker, k=len(JOBS))}
    assert top["night"].score < top["day"].score
    assert top["night"].components["penalty"] == pytest.approx(0.15)
    assert any("夜班倒班" in r and "固定班次" in r for r in top["night"].explanation.reasons_zh)


def test_no_disability_information_applies_no_rules(matcher):
    returned = ids(matcher.top_jobs_for_seeker(make_seeker(desired="司机"), k=len(JOBS)))
    assert len(returned) == len(JOBS)
    assert returned[0] == "driver"


def test_excluded_ids_vanish(matcher):
    seeker = make_seeker(desired="淘宝客服", skills=["打字"])
    assert "kefu" in ids(matcher.top_jobs_for_seeker(seeker, k=3))
    assert "kefu" not in ids(matcher.top_jobs_for_seeker(seeker, k=len(JOBS), exclude_ids=["kefu"]))


def test_occupation_coding_links_different_titles(matcher):
    # no shared wording between "淘宝客服" and "呼叫中心话务员", same occupation code
    seeker = make_seeker(desired="淘宝客服")
    top = {s.job_id: s for s in matcher.top_jobs_for_seeker(seeker, k=len(JOBS))}
    assert top["phone_text"].components["occupation"] == 1.0
    assert top["phone_text"].score > top["clean"].score


def test_vectorised_components_equal_the_explained_features(matcher):
    seeker = make_seeker(
        desired="客服",
        regions=["沙溪镇"],
        hours=["part_time"],
        employment_forms=["competitive"],
        expected_pay=4000,
        education="junior",
    )
    for s in matcher.top_jobs_for_seeker(seeker, k=len(JOBS)):
        job = BY_ID[s.job_id]
        for name, feature in (
            ("region", region_feature),
            ("form", form_feature),
            ("hours", hours_feature),
            ("pay", pay_feature),
            ("education", education_feature),
        ):
            assert s.components[name] == pytest.approx(feature(job, seeker)[0], abs=1e-6), (s.job_id, name)


def test_guaranteed_interview_is_mentioned(matcher):
    seeker = make_seeker(desired="盲人按摩", skills=["推拿"], disability_category=1, disability_grade=1)
    top = matcher.top_jobs_for_seeker(seeker, k=1)[0]
    assert top.job_id == "massage"
    assert "单位承诺给残疾人求职者面试机会" in top.explanation.reasons_zh


# ---------------------------------------------------------------- feedback


def test_too_far_lowers_other_jobs_in_that_region(matcher):
    seeker = make_seeker(desired="客服 包装 保洁")
    before = {s.job_id: s.score for s in matcher.top_jobs_for_seeker(seeker, k=len(JOBS))}
    after = {
        s.job_id: s.score
        for s in matcher.top_jobs_for_seeker(seeker, k=len(JOBS), feedback=[(BY_ID["kefu"], "太远")])
    }
    assert "kefu" not in after
    assert after["phone_text"] < before["phone_text"]  # 沙溪镇
    assert after["day"] < before["day"]  # 沙溪镇
    assert after["clean"] == pytest.approx(before["clean"])  # 城厢镇
    assert after["label"] == pytest.approx(before["label"])  # home-based


def test_low_pay_lowers_jobs_paying_no_more(matcher):
    factor = dict(zip(matcher.ids, matcher.feedback_adjustment([(BY_ID["kefu2"], "low_pay")]), strict=True))
    assert factor["clean"] < 1.0  # pays 3000 ≤ 3600
    assert factor["kefu"] == 1.0  # pays up to 4500
    assert factor["driver"] == 1.0  # pay unknown


def test_not_fit_body_lowers_jobs_sharing_demands(matcher):
    factor = dict(
        zip(matcher.ids, matcher.feedback_adjustment([(BY_ID["mover"], "not_fit_body")]), strict=True)
    )
    assert factor["mover_aid"] < 1.0
    assert factor["kefu"] == 1.0


def test_not_interested_lowers_similar_text(matcher):
    factor = dict(
        zip(matcher.ids, matcher.feedback_adjustment([(BY_ID["night"], "not_interested")]), strict=True)
    )
    assert factor["day"] < 0.9
    assert factor["massage"] == pytest.approx(1.0)


def test_feedback_strength_can_be_overridden_and_unknown_reasons_only_hide(matcher):
    fb = [(BY_ID["kefu"], "too_far")]
    assert np.all(matcher.feedback_adjustment(fb, {"too_far": 0.0}) == 1.0)
    assert np.all(matcher.feedback_adjustment([(BY_ID["kefu"], "other")]) == 1.0)
    seeker = make_seeker(desired="客服")
    assert "kefu" not in ids(
        matcher.top_jobs_for_seeker(seeker, k=len(JOBS), feedback=[(BY_ID["kefu"], "other")])
    )
    assert reason_code("不适合我的身体情况") == "not_fit_body"


# ---------------------------------------------------------------- updates, batches, baselines


def test_upsert_and_remove_change_results(inline_coder):
    m = JobMatcher(JOBS[:4], occupations=inline_coder)
    seeker = make_seeker(desired="数据标注")
    assert "label" not in ids(m.top_jobs_for_seeker(seeker, k=10))
    m.upsert_job(BY_ID["label"])
    assert ids(m.top_jobs_for_seeker(seeker, k=1)) == ["label"]
    m.upsert_job(make_job("label", "保洁员", description="清洁"))
    assert m.top_jobs_for_seeker(seeker, k=1)[0].components["text"] < 0.5
    assert m.remove_job("label")
    assert "label" not in ids(m.top_jobs_for_seeker(seeker, k=10))
    assert not m.remove_job("label")


def test_batch_ranking_equals_single_queries(matcher):
    seekers = [make_seeker(f"s{i}", desired=d) for i, d in enumerate(["客服", "按摩", "包装 夜班", "文员"])]
    batch = matcher.top_jobs_for_seekers(seekers, k=5)
    for seeker in seekers:
        single = matcher.top_jobs_for_seeker(seeker, k=5)
        assert ids(batch[seeker.id]) == ids(single)
        assert [s.score for s in batch[seeker.id]] == pytest.approx([s.score for s in single])


def test_baselines_rank_by_text_and_title_only(matcher):
    seeker = make_seeker(desired="司机", disability_category=1, disability_grade=1)
    assert tfidf_only_top_jobs(matcher, seeker, 3)[0] == "driver"  # no rules: conflicts included
    assert fuzzy_title_top_jobs(matcher, seeker, 3)[0] == "driver"
    assert len(tfidf_only_top_jobs(matcher, seeker, 100)) == len(JOBS)


def test_weights_change_the_order(inline_coder):
    seeker = make_seeker(desired="网络客服", regions=["沙溪镇"])  # kefu2's title, but in 浏河镇
    no_region = JobMatcher(JOBS, occupations=inline_coder, weights=Weights.from_mapping({"region": 0.0}))
    region_heavy = JobMatcher(JOBS, occupations=inline_coder, weights=Weights.from_mapping({"region": 5.0}))
    assert ids(no_region.top_jobs_for_seeker(seeker, k=1)) == ["kefu2"]
    assert ids(region_heavy.top_jobs_for_seeker(seeker, k=1)) != ["kefu2"]


def test_weights_from_mapping_normalises_and_validates():
    w = Weights.from_mapping({"text": 2.0})
    assert sum(w.as_dict().values()) == pytest.approx(1.0)
    assert sum(Weights().as_dict().values()) == pytest.approx(1.0)
    with pytest.raises(ValueError):
        Weights.from_mapping({"colour": 1.0})
    with pytest.raises(ValueError):
        Weights(text=-1.0)


# ---------------------------------------------------------------- persistence


def test_state_round_trip_reuses_unchanged_jobs(inline_coder, monkeypatch):
    m = JobMatcher(JOBS, occupations=inline_coder)
    blob = m.to_bytes()
    edited = make_job("clean", "数据标注员", description="图片标注")
    jobs = [j for j in JOBS if j.id not in ("clean", "night")] + [edited, make_job("new", "淘宝客服")]
    coded = []
    original = JobMatcher.code_title
    monkeypatch.setattr(JobMatcher, "code_title", lambda self, t: coded.append(t) or original(self, t))
    loaded = JobMatcher.from_bytes(blob, jobs, occupations=inline_coder)
    assert sorted(coded) == sorted(["数据标注员", "淘宝客服"])  # only new or edited jobs
    fresh = JobMatcher(jobs, occupations=inline_coder)
    assert sorted(loaded.ids) == sorted(fresh.ids)
    seeker = make_seeker(desired="数据标注", skills=["打字"], regions=["沙溪镇"])
    a = {s.job_id: s.score for s in loaded.top_jobs_for_seeker(seeker, k=30)}
    b = {s.job_id: s.score for s in fresh.top_jobs_for_seeker(seeker, k=30)}
    assert a.keys() == b.keys()
    for key in a:
        assert a[key] == pytest.approx(b[key], abs=1e-12)


def test_state_from_another_configuration_is_rebuilt(inline_coder):
    blob = JobMatcher(JOBS, occupations=inline_coder).to_bytes()
    rules = rules_from_json(rules_to_json(DEFAULT_FIT_RULES).replace('"质检"', '"质量检查"'))
    loaded = JobMatcher.from_bytes(blob, JOBS, occupations=inline_coder, rules=rules)
    assert len(loaded) == len(JOBS)
    assert loaded.rules == rules
    assert JobMatcher.from_bytes(b"garbage", JOBS[:2], occupations=inline_coder).ids == ["kefu", "kefu2"]


# ---------------------------------------------------------------- candidates for a job

SEEKERS = [
    make_seeker("typist", desired="客服", skills=["打字", "Excel"], regions=["沙溪镇"]),
    make_seeker(
        "blind",
        desired="司机",
        skills=["推拿"],
        regions=["沙溪镇"],
        disability_category=1,
        disability_grade=1,
    ),
    make_seeker(
        "deaf", desired="客服", skills=["打字"], regions=["沙溪镇"], disability_category=2, disability_grade=2
    ),
    make_seeker("far", desired="客服", skills=["打字", "Excel"], regions=["浏河镇"]),
    make_seeker("cleaner", desired="保洁", regions=["城厢镇"]),
]


@pytest.fixture(scope="module")
def candidates(inline_coder):
    return CandidateMatcher(SEEKERS, occupations=inline_coder)


def test_top_seekers_for_job_ranks_and_explains(candidates):
    top = candidates.top_seekers_for_job(BY_ID["kefu"], k=3)
    assert [s.seeker_id for s in top] == ["typist", "deaf", "far"]
    assert top[0].job_id == "kefu"
    assert top[0].explanation.matched_skills == ("打字", "Excel")
    assert "求职者会 打字、Excel，正是岗位需要的" in top[0].explanation.reasons_zh
    assert "工作地点在沙溪镇，不在求职者希望的区域（浏河镇）" in top[2].explanation.reasons_zh


def test_top_seekers_never_include_excluded_people(candidates):
    driver = [s.seeker_id for s in candidates.top_seekers_for_job(BY_ID["driver"], k=10)]
    assert "blind" not in driver and "typist" in driver
    phone = [s.seeker_id for s in candidates.top_seekers_for_job(BY_ID["phone"], k=10)]
    assert "deaf" not in phone
    phone_text = [s.seeker_id for s in candidates.top_seekers_for_job(BY_ID["phone_text"], k=10)]
    assert "deaf" in phone_text


def test_candidate_components_mirror_job_components(inline_coder, candidates):
    """Both directions score a pair's structured components the same way."""
    jobs = JobMatcher(JOBS, occupations=inline_coder)
    structured = ("skills", "occupation", "region", "form", "hours", "pay", "education", "fit")
    for seeker in SEEKERS:
        forward = {s.job_id: s.components for s in jobs.top_jobs_for_seeker(seeker, k=len(JOBS))}
        for job_id in ("kefu", "clean", "label", "driver"):
            backward = {
                s.seeker_id: s.components for s in candidates.top_seekers_for_job(BY_ID[job_id], k=10)
            }
            assert (job_id in forward) == (seeker.id in backward)
            if job_id in forward:
                for c in structured:
                    assert backward[seeker.id][c] == pytest.approx(forward[job_id][c]), (seeker.id, job_id, c)


def test_a_listed_licence_counts_as_can_do(inline_coder):
    seeker = make_seeker(
        "licensed", desired="仓管", skills=["叉车证"], disability_category=4, disability_grade=2
    )
    forklift = make_job("fork", "仓管员", description="偶尔开叉车")
    top = JobMatcher([forklift], occupations=inline_coder).top_jobs_for_seeker(seeker, k=1)
    assert [s.job_id for s in top] == ["fork"]
    (conflict,) = top[0].explanation.conflicts
    assert conflict.demand == "heights_machinery" and conflict.self_declared
    without = make_seeker("unlicensed", desired="仓管", disability_category=4, disability_grade=2)
    assert JobMatcher([forklift], occupations=inline_coder).top_jobs_for_seeker(without, k=1) == []
    back = CandidateMatcher([seeker, without], occupations=inline_coder).top_seekers_for_job(forklift)
    assert [s.seeker_id for s in back] == [seeker.id]


def test_candidate_matcher_updates(inline_coder):
    m = CandidateMatcher(SEEKERS[:1], occupations=inline_coder)
    m.upsert_seeker(SEEKERS[4])
    assert [s.seeker_id for s in m.top_seekers_for_job(BY_ID["clean"], k=1)] == ["cleaner"]
    m.remove_seeker("cleaner")
    assert [s.seeker_id for s in m.top_seekers_for_job(BY_ID["clean"], k=5)] == ["typist"]
    loaded = CandidateMatcher.from_bytes(m.to_bytes(), SEEKERS[:1], occupations=inline_coder)
    assert loaded.ids == ["typist"]


# ---------------------------------------------------------------- wishes read from the profile


def test_neighbouring_regions_score_between_match_and_elsewhere(inline_coder):
    neighbours = {"沙溪镇": ["城厢镇"]}
    m = JobMatcher(JOBS, occupations=inline_coder, neighbours=neighbours)
    seeker = make_seeker(desired="保洁 客服", regions=["沙溪镇"])
    top = {s.job_id: s for s in m.top_jobs_for_seeker(seeker, k=len(JOBS))}
    assert top["kefu"].components["region"] == 1.0
    assert top["clean"].components["region"] == pytest.approx(0.6)  # 城厢镇 borders 沙溪镇
    assert top["kefu2"].components["region"] == 0.0  # 浏河镇
    assert "工作地点在城厢镇，离您希望的区域（沙溪镇）不远" in top["clean"].explanation.reasons_zh
    assert top["clean"].components["region"] == pytest.approx(
        region_feature(BY_ID["clean"], seeker, m.neighbours)[0]
    )


def test_home_wish_is_read_from_desired_when_no_form_is_given(matcher):
    home = make_seeker(desired="在家做数据标注")
    also = make_seeker(desired="数据标注，在家做也行")
    assert wished_forms(home) == ("home",)
    assert wished_forms(also) == ()
    assert wished_forms(make_seeker(desired="在家做", employment_forms=["competitive"])) == ("competitive",)
    top = {s.job_id: s for s in matcher.top_jobs_for_seeker(home, k=len(JOBS))}
    assert top["label"].components["form"] == 1.0
    assert top["kefu"].components["form"] == 0.5  # the posting does not say


def test_desired_is_split_into_wishes_and_remarks_are_not_coded(matcher):
    assert wish_parts("电话客服或者电话销售，嘴巴能说") == ["电话客服", "电话销售", "嘴巴能说"]
    codes = dict(matcher.seeker_occupations(make_seeker(desired="保洁或者淘宝客服，能吃苦")))
    assert codes.keys() >= {"4-09-08-01", "4-04-05-03"}
    assert dict(matcher.seeker_occupations(make_seeker(desired="x", occupation_codes=["1-01-00-01"]))) == {
        "1-01-00-01": 1.0
    }


def test_experience_in_own_words_counts_and_reasons_name_their_source(inline_coder):
    # Issue 13 walkthrough: three years of 电话客服 means 客服 is not missing, and the phone demand is
    # met because of that experience — not because the seeker "said" she can (she never did).
    seeker = make_seeker(
        "words", desired="客服", experience="做过三年电话客服", disability_category=3, disability_grade=3
    )
    job = make_job("kf", "客服专员", skills=["客服"], description="接听电话，解答客户问题")

    (top,) = JobMatcher([job], occupations=inline_coder).top_jobs_for_seeker(seeker, k=1)

    assert "客服" in top.explanation.matched_skills
    assert top.explanation.missing_skills == ()
    assert not any(r.startswith("还缺少") for r in top.explanation.reasons_zh)
    (phone,) = [c for c in top.explanation.conflicts if c.demand == "phone"]
    assert phone.resolved and "「电话客服」" in phone.note_zh
    assert not any("您表示可以胜任" in r for r in top.explanation.reasons_zh)
    back = CandidateMatcher([seeker], occupations=inline_coder).top_seekers_for_job(job)
    assert back[0].explanation.missing_skills == ()


def test_the_list_stops_where_relevance_ends_instead_of_padding(inline_coder):
    # Issue 13 walkthrough: someone who wants 客服 and 数据录入 must not get 港区装卸工 to fill 20 places.
    jobs = [
        make_job("kf", "在线客服", skills=["在线客服"], description="在线回复顾客咨询"),
        make_job("lr", "数据录入员", skills=["打字"], description="录入表格数据"),
        make_job("zx", "港区装卸工", description="码头货物装卸"),
        make_job("cad", "CAD制图员", skills=["CAD"], description="绘制机械图纸"),
    ]
    seeker = make_seeker("kf", desired="客服、数据录入", skills=["打字"])
    empty = make_seeker("new")
    matcher = JobMatcher(jobs, occupations=inline_coder)

    ids = [s.job_id for s in matcher.top_jobs_for_seeker(seeker, k=20, cut_irrelevant=True)]

    assert set(ids) == {"kf", "lr"}
    assert len(matcher.top_jobs_for_seeker(seeker, k=20)) == 4  # uncut, as the baselines compare
    # An empty profile is not cut: it still sees jobs ranked by region, form, pay and fit.
    uncut = matcher.top_jobs_for_seeker(empty, k=20)
    assert uncut and matcher.top_jobs_for_seeker(empty, k=20, cut_irrelevant=True) == uncut
