"""Posting titles as employers type them → occupation phrases (issue 13 §1)."""

import pytest

from matching.core.titles import protected_phrases, title_phrases

PROTECTED = protected_phrases(["招聘专员/助理", "淘宝客服", "急诊护士", "仓库管理员"])


@pytest.mark.parametrize(
    ("title", "phrases"),
    [
        ("急招【浏河】电子厂普工（包吃住）5k-8k", ("电子厂普工",)),
        ("高薪诚聘淘宝客服/可兼职", ("淘宝客服",)),
        ("客服/销售", ("客服", "销售")),
        ("客服兼文员", ("客服", "文员")),
        ("招聘专员（年底双薪）", ("招聘专员",)),
        ("来料检验员（IQC）", ("来料检验员", "iqc")),
        ("🔥 平车工 （长白班） 5k-8k", ("平车工",)),
        ("C1司机 18-45岁", ("c1司机",)),
        ("Java开发工程师 15-25K·13薪", ("java开发工程师",)),
        ("太仓某某科技有限公司 CAD制图员 8-10K", ("cad制图员",)),
        ("底薪3000+提成 销售", ("销售",)),
        ("世界500强 | 仓库管理员 | 两班倒 | 月入过万", ("仓库管理员",)),
        ("急诊护士", ("急诊护士",)),
        ("美团 美发师+仓管 可兼职 年底双薪 6000+", ("美发师", "仓管")),
        ("⭐ 直招 科教新城 西点师", ("西点师",)),
        ("急招！包吃住！", ()),
        ("", ()),
    ],
)
def test_noise_is_stripped_and_compound_titles_split(title, phrases):
    assert title_phrases(title, PROTECTED) == phrases


def test_protection_is_only_for_names_a_noise_word_is_part_of():
    assert PROTECTED == {"招聘专员", "淘宝客服", "急诊护士"}
    # Without protection the brand and the urgency word are cut as anywhere else.
    assert title_phrases("高薪诚聘淘宝客服") == ("客服",)
    assert title_phrases("招聘专员") == ("专员",)
