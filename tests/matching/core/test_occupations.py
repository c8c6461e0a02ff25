import pytest

from matching.core.occupations import (
    Occupation,
    OccupationCoder,
    clean_title,
    domain_words,
    load_occupations_csv,
    naive_fuzzy_suggest,
    strip_marker,
)

from .conftest import INLINE_OCCUPATIONS

# Platform titles and the level-4 code a counsellor would give them. Kept apart from
# the coder's rule keywords where possible so the comparison is not circular.
TITLES = [
    ("淘宝客服", "4-04-05-03"),
    ("抖音快手客服 不加班", "4-04-05-03"),
    ("京东售前客服（居家）", "4-04-05-03"),
    ("电话回访专员", "4-04-05-03"),
    ("图片数据标注员 可兼职", "4-04-05-05"),
    ("盲人按摩师", "2-05-10-00"),
    ("足疗技师", "4-10-04-02"),
    ("写字楼保洁阿姨", "4-09-08-01"),
    ("超市收银员", "4-01-02-04"),
    ("仓管员", "4-02-06-01"),
    ("快递分拣员", "4-02-07-02"),
    ("外卖骑手", "4-10-08-01"),
    ("叉车司机", "6-30-05-01"),
    ("品检QC", "6-31-03-05"),
    ("行政文员", "3-01-01-01"),
    ("出纳", "2-06-03-00"),
    ("网店美工", "4-08-08-06"),
    ("Java开发工程师", "4-04-05-01"),
    ("绿化养护工", "4-09-10-01"),
    ("手工编织", "6-05-01-06"),
]


def test_strip_marker():
    assert strip_marker("电子商务师S") == "电子商务师"
    assert strip_marker("大地测量员L/S") == "大地测量员"
    assert strip_marker("保洁员L") == "保洁员"
    assert strip_marker("SPA 技师") == "SPA 技师"


def test_clean_title_drops_noise():
    assert clean_title("普工+包吃包住 双休 5000元") == "普工"


def test_load_occupations_csv_reads_level_four_rows(tmp_path):
    path = tmp_path / "csco.csv"
    path.write_text(
        "level,code,code_num,name,definition,tasks,csco_code_num,alias\n"
        "3,4-04-05-00,4040500,信息通信网络运行管理人员,,,4040500,\n"
        '4,4-04-05-03,4040503,呼叫中心服务员,从事呼叫中心服务的人员。,,4040503,"客服,淘宝客服,呼叫中心服务员"\n'
        '4,4-01-06-01,4010601,电子商务师S,,,4010601,"淘宝运营,电子商务师S"\n',
        encoding="utf-8",
    )
    occupations = load_occupations_csv(path)
    assert [o.code for o in occupations] == ["4-04-05-03", "4-01-06-01"]
    assert occupations[0].aliases == ("客服", "淘宝客服")
    assert occupations[0].definition.startswith("从事")
    assert occupations[1].name == "电子商务师" and occupations[1].aliases == ("淘宝运营",)


def test_inline_coder_suggests_customer_service_for_taobao_kefu(inline_coder):
    code, name, score = inline_coder.suggest("淘宝客服", k=3)[0]
    assert code == "4-04-05-03" and name == "呼叫中心服务员" and score > 0
    assert inline_coder.suggest("急招数据标注员", k=1)[0][0] == "4-04-05-05"


def test_suggest_returns_k_sorted(inline_coder):
    top = inline_coder.suggest("仓库搬运工", k=4)
    assert 2 <= len(top) <= 4
    assert top[0][0] == "4-02-05-01"
    assert [s for _, _, s in top] == sorted((s for _, _, s in top), reverse=True)


def test_domain_words_split_aliases():
    words = domain_words(INLINE_OCCUPATIONS)
    assert "呼叫中心服务员" in words and "淘宝客服" in words
    assert all(2 <= len(w) <= 12 for w in words)


def test_code_returns_empty_for_nonsense(inline_coder):
    assert inline_coder.code("xyz") == ""


@pytest.mark.parametrize(("title", "code"), TITLES[:6])
def test_real_coder_top1(real_coder, title, code):
    assert real_coder.suggest(title, k=1)[0][0] == code


def test_real_coder_beats_naive_fuzzy(real_coder, real_occupations):
    ours = [[c for c, _, _ in real_coder.suggest(t, 5)] for t, _ in TITLES]
    naive = [[c for c, _, _ in naive_fuzzy_suggest(t, real_occupations, 5)] for t, _ in TITLES]

    def accuracy(ranked, k, prefix):
        return sum(
            code[:prefix] in [c[:prefix] for c in r[:k]] for r, (_, code) in zip(ranked, TITLES, strict=True)
        ) / len(TITLES)

    for k in (1, 5):
        for prefix in (7, 10):  # 小类 (first three segments) and the full code
            assert accuracy(ours, k, prefix) >= accuracy(naive, k, prefix)
    assert accuracy(ours, 1, 10) >= 0.85
    assert accuracy(ours, 1, 10) > accuracy(naive, 1, 10)


def test_coder_requires_occupations():
    with pytest.raises(ValueError):
        OccupationCoder([])


def test_suggest_many_equals_suggest(inline_coder):
    titles = ["淘宝客服", "保洁员", "", "仓库搬运工", "淘宝客服"]
    fresh = OccupationCoder(INLINE_OCCUPATIONS)
    assert fresh.suggest_many(titles, 3) == [inline_coder.suggest(t, 3) for t in titles]
    assert fresh.code_many(titles) == [inline_coder.code(t) for t in titles]
    assert fresh.suggest("") == []


def test_an_exact_common_name_beats_a_keyword_rule():
    # "售后客服" is listed under 客户服务管理员; the 客服 rule points at 呼叫中心服务员.
    coder = OccupationCoder(
        [*INLINE_OCCUPATIONS, Occupation("4-07-02-03", "客户服务管理员", ("售后客服", "客服主管"))]
    )

    assert coder.suggest("售后客服（五险一金）", k=1)[0][0] == "4-07-02-03"
    assert coder.suggest("淘宝客服 可兼职", k=1)[0][0] == "4-04-05-03"


def test_noisy_titles_are_coded_as_their_clean_phrase(inline_coder):
    for noisy, clean in [
        ("急招【太仓港区】装卸工（包吃住）月薪6000-8000", "装卸工"),
        ("🔥世界500强/仓库管理员/双休", "仓库管理员"),
        ("顺丰 | 外卖骑手 | 日结200", "外卖骑手"),
    ]:
        assert inline_coder.suggest(noisy, k=1)[0][0] == inline_coder.suggest(clean, k=1)[0][0]


def test_a_compound_title_is_coded_by_its_first_occupation_unless_the_second_fits_better(inline_coder):
    assert inline_coder.suggest("保洁员/装卸工", k=1)[0][0] == "4-09-08-01"
    assert inline_coder.suggest("装卸工/保洁员", k=1)[0][0] == "4-02-05-01"


def test_the_coder_abstains_when_unsure_and_backs_off_to_the_minor_group_on_a_toss_up():
    siblings = [
        Occupation("6-31-05-00", "包装工", ()),
        Occupation("4-02-06-01", "仓储管理员", ("仓库管理员",)),
        Occupation("4-02-06-02", "理货员", ("仓库理货",)),
        Occupation("4-02-06-04", "冷藏工", ("仓库冷藏",)),
    ]
    coder = OccupationCoder(siblings, rules=(), groups=[("4-02-06-00", "仓储物流服务人员")])

    sure = coder.assign("仓库管理员")
    assert (sure.code, sure.level) == ("4-02-06-01", 4) and sure.confidence >= 0.5
    unsure = coder.assign("火箭发射工程师")
    assert unsure.abstained and unsure.code == "" and unsure.level == 0
    toss_up = coder.assign("仓库")  # 理货 or 冷藏 or 管理: the same 小类
    assert (toss_up.code, toss_up.level) == ("4-02-06-00", 3), toss_up
