"""The alias table (matching/data/aliases.csv): parsing, validation, and that the coder and the
skill vocabulary both read it."""

import csv
import io

import pytest

from matching.core.aliases import (
    MIN_EMPLOYERS,
    SHIPPED_ALIASES,
    SOURCES,
    AliasTableError,
    parse_alias_rows,
    read_alias_csv,
    shipped_alias_table,
    tally_confirmations,
)
from matching.core.occupations import DEFAULT_TITLE_RULES, title_key, title_rules
from matching.core.skills import DEFAULT_SKILLS, DEFAULT_VOCABULARY, SKILL_IMPLIES, with_implied

HEADER = "kind,alias,target,boost,source,note\n"
KNOWN = {"4-08-08-06", "4-04-05-03", "2-05-10-00"}


def parse(body: str, header: str = HEADER, known=KNOWN):
    reader = csv.DictReader(io.StringIO(header + body))
    return parse_alias_rows(reader, fieldnames=reader.fieldnames, known_codes=known)


def problems(body: str, **kwargs) -> list[str]:
    with pytest.raises(AliasTableError) as error:
        parse(body, **kwargs)
    return list(error.value.problems)


def test_a_valid_table_gives_title_rules_skills_and_implications():
    table = parse(
        "occupation,美工,4-08-08-06,,招聘平台用语,电商美工\n"
        "occupation,盲人按摩,2-05-10-00,0.6,招聘平台用语,\n"
        "skill,淘宝客服,在线客服,,项目词表,\n"
        "skill,话务,电话客服,,项目词表,\n"
        "skill,客服专员,客服,,项目词表,\n"
        "skill,电销,电话销售,,项目词表,\n"
        "implies,电话客服,客服,,项目词表,\n"
        "implies,电话客服,电话销售,,项目词表,\n"
    )

    assert table.occupation_rules() == (("4-08-08-06", 0.35, ("美工",)), ("2-05-10-00", 0.6, ("盲人按摩",)))
    assert table.skills() == {
        "在线客服": ("淘宝客服",),
        "电话客服": ("话务",),
        "客服": ("客服专员",),
        "电话销售": ("电销",),
    }
    assert table.implies() == {"电话客服": ("客服", "电话销售")}


def test_an_unknown_occupation_code_is_refused_naming_the_line():
    assert problems("occupation,美工,4-08-08-99,,招聘平台用语,\n") == [
        "第2行：target（职业编码）4-08-08-99 不在职业分类中"
    ]
    assert problems("occupation,美工,美工代码,,招聘平台用语,\n") == [
        "第2行：target（职业编码）“美工代码”格式应为 4-04-05-03"
    ]


def test_a_word_listed_twice_is_refused_even_with_another_spelling_or_target():
    assert problems(
        "occupation,美工,4-08-08-06,,招聘平台用语,\noccupation,美 工,4-04-05-03,,招聘平台用语,\n"
    ) == ["第3行：职业别名“美 工”与第2行重复"]
    assert problems("skill,PS,Photoshop,,项目词表,\nskill,ps,修图,,项目词表,\n") == [
        "第3行：技能别名“ps”与第2行重复"
    ]


def test_empty_required_cells_are_refused_but_note_and_boost_may_be_blank():
    assert problems("occupation,,4-08-08-06,,,\n") == ["第2行：alias（别名）、source（来源）为空"]
    assert parse("occupation,美工,4-08-08-06,,招聘平台用语,\n").entries[0].note == ""


def test_unknown_kind_source_and_bad_boost_are_refused_all_at_once():
    found = problems(
        "synonym,美工,4-08-08-06,,招聘平台用语,\n"
        "occupation,美工,4-08-08-06,,网上看到,\n"
        "occupation,客服,4-04-05-03,2,招聘平台用语,\n"
        "skill,修图,Photoshop,0.5,项目词表,\n"
    )

    assert found == [
        "第2行：kind（类别）“synonym”不认识，应为 occupation、skill、implies",
        "第3行：source（来源）“网上看到”不认识，应为 " + "、".join(SOURCES),
        "第4行：boost（加分）应为大于0、不超过1的数，而不是“2”",
        "第5行：boost（加分）只用于 occupation 行",
    ]


def test_a_missing_column_is_refused():
    assert problems("美工,4-08-08-06\n", header="alias,target\n")[0].startswith(
        "缺少列：kind、boost、source、note"
    )


def test_an_alias_that_is_another_skills_name_and_an_implication_of_an_unknown_skill_are_refused():
    found = problems(
        "skill,电话客服,客服,,项目词表,\nskill,话务,电话客服,,项目词表,\nimplies,速录,打字,,项目词表,\n"
    )

    assert found == [
        "第2行：技能别名“电话客服”是第3行技能的标准名称",
        "第4行：技能“速录”不在本表的技能中",
        "第4行：技能“打字”不在本表的技能中",
    ]


def test_the_shipped_table_is_valid_and_every_row_names_a_source(tmp_path):
    table = shipped_alias_table()
    kinds = {e.kind for e in table.entries}

    assert kinds == {"occupation", "skill", "implies"}
    assert {e.source for e in table.entries} <= set(SOURCES)
    # A broken copy of it is refused when read (the same reader the defaults use).
    broken = tmp_path / "aliases.csv"
    broken.write_text(
        SHIPPED_ALIASES.read_text(encoding="utf-8") + "occupation,跟单,9-99-99-99,,招聘平台用语,\n"
    )
    with pytest.raises(AliasTableError, match="9-99-99-99 不在职业分类中"):
        read_alias_csv(broken, known_codes={e.target for e in table.entries if e.kind == "occupation"})


def test_the_coder_and_the_skill_vocabulary_read_the_same_table():
    table = shipped_alias_table()

    assert DEFAULT_TITLE_RULES == title_rules(table)
    assert DEFAULT_SKILLS == table.skills() and SKILL_IMPLIES == table.implies()
    # 美工 is a title rule and a skill synonym, both from aliases.csv.
    assert any("美工" in r.keywords and r.code == "4-08-08-06" for r in DEFAULT_TITLE_RULES)
    assert DEFAULT_VOCABULARY.lookup("美工") == "平面设计"
    assert with_implied(["电话客服"]) == ("电话客服", "客服")


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        ([], (None, 0, 0)),
        (["A"], (None, 1, 0)),  # one employer alone teaches nothing
        (["A", "A"], ("A", 2, 0)),
        (["A", "A", "B"], ("A", 2, 1)),
        (["A", "A", "B", "B"], (None, 2, 2)),  # a tie: contradicted
        (["A", "A", "B", "C"], (None, 2, 2)),  # the others together are as many
        (["A", "A", "A", "B", "C"], ("A", 3, 2)),
    ],
)
def test_a_code_is_learned_from_two_employers_and_a_majority(codes, expected):
    tally = tally_confirmations(codes)

    assert (tally.code, tally.supporters, tally.dissenters) == expected
    assert MIN_EMPLOYERS == 2


@pytest.mark.parametrize(
    ("title", "key"),
    [
        ("急招【浏河】电子厂普工（包吃住）5k-8k", "电子厂普工"),
        ("电子厂普工", "电子厂普工"),
        ("高薪诚聘淘宝客服/可兼职", "淘宝客服"),
        ("京东客服 双休", "京东客服"),
        ("包吃住 急招", ""),
    ],
)
def test_confirmations_are_filed_under_the_titles_first_occupation_phrase(title, key):
    assert title_key(title) == key
