"""The policy page: the parameters in force per levy year, their sources, what awaits confirmation."""

import pytest
import time_machine

pytestmark = pytest.mark.django_db


def test_policy_page_lists_parameters_with_sources_and_unconfirmed_ones(client):
    response = client.get("/quota/policy/?levy_year=2025")
    assert response.status_code == 200
    text = response.content.decode()
    assert "2025年征收年度（2024年数据）的主要规定" in text
    assert "不低于在职职工人数的1.5%" in text
    assert "《残疾人就业条例》第八条" in text
    assert "2,280.00 元/月" in text
    assert '<span class="tag no">待确认</span>' in text
    assert "尚待官方确认的数字" in text
    assert "本年度适用。实际比例达到1%（含）但未达到规定比例的，按应缴金额的50%征收" in text


def test_policy_page_defaults_to_the_current_levy_year_on_bad_input_and_says_so(client):
    with time_machine.travel("2026-05-06 10:00 +0800", tick=False):
        response = client.get("/quota/policy/?levy_year=abc")
    assert response.status_code == 200
    text = response.content.decode()
    assert "<title>错误：政策规定 - " in text
    assert (
        '<li><a href="#id_levy_year">征收年度：请从列表中选择征收年度；下面显示的是本年度的规定</a></li>'
    ) in text
    assert "<h1>按比例安排残疾人就业：政策规定</h1>" in text
    assert '<option value="2026" selected>2026年征收（2025年数据）</option>' in text
    assert "<h2>2026年征收年度（2025年数据）的主要规定</h2>" in text
    assert "本年度社会平均工资：124,000.00 元/年。" in text  # Taicang, levy year 2026


def test_policy_and_calculator_are_in_the_public_menu(client):
    text = client.get("/").content.decode()
    assert 'href="/quota/calculator/">保障金计算器</a>' in text
    assert 'href="/quota/policy/">政策规定</a>' in text


def test_policy_page_states_the_gradual_retirement_schedules_with_their_source(client):
    text = client.get("/quota/policy/?levy_year=2026").content.decode()
    assert "男，原60周岁：1965年1月起出生的，每4个月延长1个月，最多延长36个月" in text
    assert "女，原50周岁：1975年1月起出生的，每2个月延长1个月，最多延长60个月" in text
    assert "《国务院关于渐进式延迟法定退休年龄的办法》（2025年1月1日起施行）" in text


def test_policy_year_range_reads_naturally_never_from_a_year_to_itself(client):
    # Issue 14: a one-year row read "适用于2026年至2026年".
    import re

    for year in (2025, 2026, 2028):
        text = client.get(f"/quota/policy/?levy_year={year}").content.decode()
        shown = re.search(r"适用的征收年度：([^。<]+)。", text).group(1)
        assert re.fullmatch(
            r"仅\d{4}年|\d{4}年起（长期有效，直到有新的政策）|(\d{4})年至(?!\1)\d{4}年", shown
        ), shown


def test_policy_document_list_gives_the_2019_plan_its_real_title(client):
    text = client.get("/quota/policy/?levy_year=2025").content.decode()
    assert "发改价格规〔2019〕2015号《关于完善残疾人就业保障金制度 更好促进残疾人就业的总体方案》" in text
    assert "全面深化改革的总体方案" not in text


def test_home_page_cards_lead_to_the_jobs_the_calculator_and_the_policy(client):
    text = client.get("/").content.decode()
    cards = text[text.index('<div class="cards">') :]
    assert 'href="/jobs/">查看招聘岗位</a>' in cards
    assert 'href="/quota/calculator/">试算保障金</a>' in cards
    assert 'href="/quota/policy/">按比例就业政策</a>' in cards
