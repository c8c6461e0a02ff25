import pytest

from matching.core.accommodations import ACCOMMODATIONS, parse_accommodations
from matching.core.skills import DEFAULT_SKILLS, DEFAULT_VOCABULARY, SkillVocabulary, split_skills


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("excel表格", "Excel"),
        ("EXCEL", "Excel"),
        ("熟练使用Excel表格", "Excel"),
        ("PS", "Photoshop"),
        ("photoshp", "Photoshop"),
        ("AutoCAD", "CAD"),
        ("文字录入", "打字"),
        ("淘宝客服", "在线客服"),
        ("叉车证", "叉车"),
        ("盲人推拿", "盲人按摩"),
        ("solidwork", "SolidWorks"),
    ],
)
def test_skill_normalisation(raw, canonical):
    assert DEFAULT_VOCABULARY.normalize([raw]) == (canonical,)


def test_unknown_skills_are_kept_and_duplicates_dropped():
    assert DEFAULT_VOCABULARY.normalize(["Excel", "excel表格", "古筝演奏"]) == ("Excel", "古筝演奏")


def test_short_aliases_are_not_fuzzy_matched():
    vocab = SkillVocabulary({"Photoshop": ("ps",)})
    assert vocab.lookup("pa") is None


def test_split_skills_on_all_separators():
    assert split_skills("Excel、打字；CAD/PS | 普通话，Word") == [
        "Excel",
        "打字",
        "CAD",
        "PS",
        "普通话",
        "Word",
    ]


def test_vocabulary_size_and_extract():
    assert len(DEFAULT_SKILLS) >= 110
    found = DEFAULT_VOCABULARY.extract("会Excel和word，懂PS；tips不算")
    assert found == ("Excel", "Word", "Photoshop")


def test_parse_accommodations_accepts_codes_labels_and_synonyms():
    parsed = parse_accommodations("读屏软件；elevator、弹性工时 | 无障碍通道/卫生间, 手语 文字沟通")
    assert parsed == {
        "screen_reader",
        "elevator",
        "flexible_hours",
        "accessible_access",
        "sign_language",
        "text_channel",
    }


def test_parse_accommodations_every_label_round_trips():
    assert parse_accommodations("、".join(ACCOMMODATIONS.values())) == set(ACCOMMODATIONS)


def test_parse_accommodations_unknown_ignored_or_strict():
    assert parse_accommodations("读屏软件 飞行器") == {"screen_reader"}
    with pytest.raises(ValueError, match="飞行器"):
        parse_accommodations("读屏软件 飞行器", strict=True)
