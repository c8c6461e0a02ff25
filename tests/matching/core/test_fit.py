import json
import random

import numpy as np
import pytest

from matching.core.accommodations import ACCOMMODATIONS
from matching.core.features import FitCodec
from matching.core.fit import (
    DEFAULT_FIT_RULES,
    DEMANDS,
    LOWER_PENALTY,
    RESOLVED_EXCLUDE_PENALTY,
    assess_fit,
    extract_demands,
    implied_can_do,
    job_demands,
    rules_from_json,
    rules_to_json,
)

from .conftest import make_job, make_seeker


def fit_for(text, seeker, offered=(), home_based=False):
    return assess_fit(extract_demands(text), frozenset(offered), seeker, home_based=home_based)


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("招聘司机，需C1驾照", "driving"),
        ("电动车配送外卖", "driving"),
        ("负责接听电话，处理投诉", "phone"),
        ("要求普通话标准，口才好", "speaking"),
        ("产品外观质检", "visual_inspection"),
        ("ＱＣ品管", "visual_inspection"),
        ("仓库搬运装卸", "heavy_physical"),
        ("电子元件装配", "fine_manual"),
        ("叉车工", "heights_machinery"),
        ("需要上夜班", "night_shift"),
        ("有抗压能力，冲业绩", "high_pressure"),
        ("不定期出差", "travel"),
        ("不怕出差", "travel"),
        ("数据录入", "screen_text"),
    ],
)
def test_extract_demands_finds_keywords(text, demand):
    assert demand in extract_demands(text)


@pytest.mark.parametrize(
    ("text", "demand"),
    [
        ("无需驾照", "driving"),
        ("不需要搬运，坐着干活", "heavy_physical"),
        ("不用倒班", "night_shift"),
        ("纯打字，不用接听电话", "phone"),
        ("无须出差", "travel"),
        ("无夜班", "night_shift"),
    ],
)
def test_extract_demands_respects_negation(text, demand):
    assert demand not in extract_demands(text)


def test_negated_and_plain_mentions_still_count():
    assert "driving" in extract_demands("前期无需驾照，转正后需要驾驶证")


def test_job_demands_prefers_explicit_demands():
    job = make_job(title="司机", demands=frozenset({"phone"}))
    assert job_demands(job) == {"phone"}
    assert job_demands(make_job(title="司机")) == {"driving"}


BLIND = make_seeker(disability_category=1, disability_grade=1)
LOW_VISION = make_seeker(disability_category=1, disability_grade=3)
DEAF = make_seeker(disability_category=2, disability_grade=2)
WHEELCHAIR = make_seeker(disability_category=4, disability_grade=1)


@pytest.mark.parametrize("text", ["货车司机", "快递配送员", "产品质检员"])
def test_blind_seeker_is_excluded_from_driving_delivery_and_inspection(text):
    result = fit_for(text, BLIND)
    assert result.excluded
    assert result.penalty == 1.0
    assert any(c.level == "exclude" and not c.resolved for c in result.conflicts)


def test_magnifier_resolves_inspection_for_low_vision_but_not_for_blindness():
    assert fit_for("产品质检员", BLIND, {"magnifier"}).excluded
    low = fit_for("产品质检员", LOW_VISION, {"magnifier"})
    assert not low.excluded
    assert low.penalty == pytest.approx(RESOLVED_EXCLUDE_PENALTY)
    (conflict,) = low.conflicts
    assert conflict.resolved and conflict.resolved_by == ("magnifier",)
    assert "放大设备" in conflict.note_zh


def test_seeker_can_do_resolves_an_exclusion():
    seeker = make_seeker(disability_category=1, disability_grade=1, can_do={"visual_inspection"})
    result = fit_for("产品质检员", seeker)
    assert not result.excluded
    assert result.penalty == 0.0
    assert result.conflicts[0].self_declared
    assert "您表示可以胜任" in result.conflicts[0].note_zh


def test_deaf_seeker_gets_no_phone_job_unless_text_channel_offered():
    assert fit_for("电话客服，接听电话", DEAF).excluded
    assert fit_for("电销专员", DEAF).excluded
    ok = fit_for("电话客服，接听电话", DEAF, {"text_channel"})
    assert not ok.excluded
    assert ok.conflicts[0].resolved_by == ("text_channel",)
    assert "单位提供文字沟通" in ok.conflicts[0].note_zh


def test_grade_four_hearing_loss_is_only_lowered_for_phone_work():
    result = fit_for("电话客服", make_seeker(disability_category=2, disability_grade=4))
    assert not result.excluded
    assert result.penalty == pytest.approx(LOWER_PENALTY)


def test_wheelchair_user_gets_no_heavy_lifting_job_unless_lifting_aid():
    assert fit_for("仓库搬运工", WHEELCHAIR).excluded
    assert fit_for("码头装卸工", WHEELCHAIR).excluded
    assert not fit_for("仓库搬运工", WHEELCHAIR, {"lifting_aid"}).excluded


def test_grade_four_limb_disability_is_only_lowered():
    seeker = make_seeker(disability_category=4, disability_grade=4)
    for text in ("仓库搬运工", "高空作业"):
        result = fit_for(text, seeker)
        assert not result.excluded
        assert result.penalty == pytest.approx(LOWER_PENALTY)
        assert result.conflicts[0].level == "lower"


def test_unknown_grade_is_treated_as_most_severe():
    assert fit_for("仓库搬运工", make_seeker(disability_category=4)).excluded


def test_lower_conflicts_compound_and_name_the_missing_accommodation():
    seeker = make_seeker(disability_category=6, disability_grade=2)
    result = fit_for("夜班倒班，有抗压能力", seeker)
    assert not result.excluded
    assert result.penalty == pytest.approx(1 - (1 - LOWER_PENALTY) ** 2)
    notes = " ".join(c.note_zh for c in result.conflicts)
    assert "固定班次" in notes and "安静工位" in notes
    resolved = fit_for("夜班倒班，有抗压能力", seeker, {"stable_schedule", "quiet_space"})
    assert resolved.penalty == 0.0


def test_no_disability_information_means_no_conflicts():
    result = fit_for("司机 搬运 电话客服 夜班", make_seeker())
    assert result == (result.__class__(excluded=False, penalty=0.0, conflicts=()))


def test_multiple_disabilities_take_the_strictest_component():
    seeker = make_seeker(disability_category=7, disability_grade=2)
    assert fit_for("货车司机", seeker).excluded  # from 视力/智力
    assert fit_for("仓库搬运工", seeker).excluded  # from 肢体
    assert not fit_for("电话客服", seeker).excluded  # 听力/言语 are not assumed


def test_implied_can_do_from_licences():
    assert implied_can_do(["叉车", "Excel", "驾驶"]) == {"heights_machinery", "driving"}
    fit = assess_fit({"driving"}, frozenset(), BLIND, can_do={"driving"})
    assert not fit.excluded and fit.conflicts[0].self_declared


def test_home_based_job_counts_the_seekers_own_screen_reader():
    lowered = fit_for("数据录入", BLIND)
    assert lowered.penalty == pytest.approx(LOWER_PENALTY)
    at_home = fit_for("数据录入", BLIND, home_based=True)
    assert at_home.penalty == 0.0
    assert "您自己的读屏软件" in at_home.conflicts[0].note_zh


def test_rules_round_trip_through_json():
    text = rules_to_json(DEFAULT_FIT_RULES)
    data = json.loads(text)
    assert data["format"] == "matching.fit_rules"
    assert rules_from_json(text) == DEFAULT_FIT_RULES
    assert rules_from_json(data["rules"]) == DEFAULT_FIT_RULES
    assert tuple(r.demand for r in DEFAULT_FIT_RULES) == DEMANDS


def test_edited_rules_change_behaviour():
    data = json.loads(rules_to_json())
    driving = next(r for r in data["rules"] if r["demand"] == "driving")
    driving["effects"]["1"]["resolved_by"] = ["job_adjustment"]
    driving["keywords"].append("跑腿")
    del driving["effects"]["7"]  # re-derived from the components on load
    rules = rules_from_json(json.dumps(data))
    assert "driving" in extract_demands("同城跑腿", rules)
    fit = assess_fit({"driving"}, {"job_adjustment"}, BLIND, rules)
    assert not fit.excluded
    assert 7 in next(r for r in rules if r.demand == "driving").effects


@pytest.mark.parametrize(
    "bad",
    [
        '{"rules": [{"demand": "x", "effects": {"9": {"level": "lower"}}}]}',
        '{"rules": [{"demand": "x", "effects": {"1": {"level": "maybe"}}}]}',
        '{"rules": [{"demand": "x"}, {"demand": "x"}]}',
        '{"format": "other", "rules": []}',
    ],
)
def test_invalid_rules_are_rejected(bad):
    with pytest.raises(ValueError):
        rules_from_json(bad)


def test_vectorised_fit_equals_pairwise_assessment():
    rng = random.Random(7)
    codec = FitCodec(DEFAULT_FIT_RULES)
    codes = list(ACCOMMODATIONS)
    jobs = [
        (frozenset(rng.sample(DEMANDS, rng.randint(0, 4))), frozenset(rng.sample(codes, rng.randint(0, 4))))
        for _ in range(300)
    ]
    demand_bits = np.array([codec.demand_bits(d) for d, _ in jobs], dtype=np.uint64)
    acc_bits = np.array([codec.acc_bits(a) for _, a in jobs], dtype=np.uint64)
    for category in (None, 1, 2, 3, 4, 5, 6, 7):
        for grade in (None, 1, 2, 3, 4):
            can_do = frozenset(rng.sample(DEMANDS, rng.randint(0, 2)))
            seeker = make_seeker(disability_category=category, disability_grade=grade, can_do=can_do)
            excluded, penalty = codec.fit_arrays(
                codec.profile(category, grade), codec.demand_bits(can_do), demand_bits, acc_bits
            )
            for i, (demands, offered) in enumerate(jobs):
                expected = assess_fit(demands, offered, seeker)
                assert excluded[i] == expected.excluded
                assert penalty[i] == pytest.approx(expected.penalty, abs=1e-12)


def test_a_demand_met_through_a_skill_names_the_skill_not_a_claim():
    from matching.core.fit import implied_can_do_sources

    assert implied_can_do_sources(["Excel", "电话客服", "叉车"]) == {
        "phone": "电话客服",
        "heights_machinery": "叉车",
    }
    speech = make_seeker(disability_category=3, disability_grade=3)  # 言语: the phone rule applies

    via_skill = assess_fit({"phone"}, (), speech, can_do={"phone"}, can_do_sources={"phone": "电话客服"})
    stated = assess_fit({"phone"}, (), speech, can_do={"phone"})

    (conflict,) = via_skill.conflicts
    assert conflict.resolved and "「电话客服」" in conflict.note_zh and "您表示" not in conflict.note_zh
    assert "您表示可以胜任" in stated.conflicts[0].note_zh
