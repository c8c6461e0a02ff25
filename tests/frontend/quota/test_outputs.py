"""What-if, the print view and the PDF of a submitted report."""

from io import BytesIO

import pytest
from pypdf import PdfReader

from frontend.pdf import cjk_font
from quota.services import report_submit
from tests.quota.factories import make_line

from .test_report_wizard import page

pytestmark = pytest.mark.django_db


def whatif(client, report, **params):
    return client.get(
        page(report, "what-if/"), {"hires": "3", "grade": "4", "months": "12", **params}
    ).content.decode()


def test_what_if_hiring_three_more_compares_levy_and_raises_staff_too(client_a, report_a):
    text = whatif(client_a, report_a)
    # N 200 → 203 and wages + 3 × 2,280 × 12; D 0 → 3; p = 1.4778 % → 50 % of 0.045 × 20,108.77
    assert "<td>54,000.00</td><td>452.45</td>" in text
    assert "<td>200</td><td>203</td>" in text
    assert "保障金可少缴 <strong>53,547.55 元</strong>" in text
    assert "新招人员月工资按 2,280.00 元计" in text


def test_what_if_grade_one_counts_twice_and_part_year_is_prorated(client_a, report_a):
    text = whatif(client_a, report_a, hires="2", grade="1", months="6")
    # D = 2 × 2 × 6/12 = 2; N = 200 + 2 × 6/12 = 201
    assert "<td>0</td><td>2</td>" in text
    assert "<td>200</td><td>201</td>" in text
    assert "从7月起工作6个月" in text


def test_what_if_meeting_the_quota_shows_the_rewards(client_a, report_a):
    text = whatif(client_a, report_a, hires="4")
    assert "<td>54,000.00</td><td>0.00</td>" in text
    # Taicang's reward multiples (2 and 4 × the 2,280 minimum wage; awaiting confirmation):
    # meet 2 × 2,280 × 3.06 = 13,953.60; above 4 × 2,280 × 0.94 = 8,572.80
    assert "<td>0.00</td><td>13,953.60</td>" in text
    assert "<td>0.00</td><td>8,572.80</td>" in text


def test_what_if_bad_input_is_an_error_state(client_a, report_a):
    text = whatif(client_a, report_a, hires="0", months="13")
    assert "<title>错误：再招残疾职工会怎样" in text
    assert "人数至少为1" in text
    assert "月数应为1至12" in text


def test_what_if_links_to_the_postings_when_none_are_open(client_a, report_a):
    text = whatif(client_a, report_a)
    assert 'href="/employer/postings/"' in text


def test_print_view_has_the_stamp_box_and_the_date(client_a, staff_a, report_a, person):
    make_line(report_a, person)
    report_submit(report=report_a, by=staff_a)
    text = client_a.get(page(report_a, "print/")).content.decode()
    assert "单位名称（盖章）：太仓甲精密机械有限公司" in text
    assert "日期：" in text
    assert "王小明" in text
    assert person.decrypt("certificate") not in text  # masked


def test_pdf_of_a_draft_is_not_offered(client_a, report_a):
    response = client_a.get(page(report_a, "report.pdf"))
    assert response.status_code == 302
    assert response["Location"] == page(report_a)


def test_pdf_has_chinese_text_the_stamp_box_and_page_numbers(client_a, staff_a, report_a, person):
    make_line(report_a, person)
    report_submit(report=report_a, by=staff_a)
    response = client_a.get(page(report_a, "report.pdf"))
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    reader = PdfReader(BytesIO(response.content))
    text = "\n".join(p.extract_text() for p in reader.pages)
    assert "太仓甲精密机械有限公司" in text
    assert "单位名称（盖章）" in text
    assert "按比例安排残疾人就业情况申报表" in text
    assert f"第 1 页 共 {len(reader.pages)} 页" in text
    assert "王小明" in text
    assert person.decrypt("certificate") not in text


def test_pdf_embeds_its_chinese_font_when_a_truetype_one_is_installed(client_a, staff_a, report_a):
    font, embedded = cjk_font()
    if not embedded:
        pytest.skip("no TrueType CJK font installed (fonts-wqy-microhei): the CID fallback is not embedded")
    report_submit(report=report_a, by=staff_a)
    reader = PdfReader(BytesIO(client_a.get(page(report_a, "report.pdf")).content))
    fonts = reader.pages[0]["/Resources"]["/Font"]
    descriptors = [
        f.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]
        if "/DescendantFonts" in f.get_object()
        else f.get_object().get("/FontDescriptor")
        for f in fonts.values()
    ]
    assert any(d is not None and "/FontFile2" in d.get_object() for d in descriptors)
