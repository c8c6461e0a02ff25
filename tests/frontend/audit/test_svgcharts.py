"""Server-rendered SVG charts: named and described, escaped, no inline styles, and every series
told apart by more than colour."""

import re
import xml.etree.ElementTree as ET

import pytest

from frontend.svgcharts import Series, bar_chart, hbar_chart, line_chart, nice_max

SVG = "{http://www.w3.org/2000/svg}"


def parse(markup: str) -> ET.Element:
    return ET.fromstring(str(markup))


@pytest.mark.parametrize("chart", [bar_chart, line_chart, hbar_chart])
def test_a_chart_is_an_image_named_by_its_title_and_described(chart):
    markup = chart(
        chart_id="c1",
        title="标题 <b>&",
        desc='说明 "引号"',
        categories=["2024年", "2025年"],
        series=[Series("应缴", [10, 20]), Series("已缴", [5, 0])],
    )
    root = parse(markup)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "c1-t c1-d"
    assert root.find(f"{SVG}title").get("id") == "c1-t" and root.find(f"{SVG}title").text == "标题 <b>&"
    assert root.find(f"{SVG}desc").text == '说明 "引号"'
    assert "style=" not in markup and "<script" not in markup


def test_series_differ_by_pattern_not_only_colour():
    markup = bar_chart(
        chart_id="c2",
        title="t",
        desc="d",
        categories=["a"],
        series=[Series("一", [1]), Series("二", [2]), Series("三", [3])],
    )
    fills = re.findall(r'<rect x="[\d.]+" y="[\d.]+" width="[\d.]+" height="[\d.]+" fill="([^"]+)"', markup)
    assert fills[-3:] == ["#0b4f9c", "url(#c2-p1)", "url(#c2-p2)"]
    assert 'id="c2-p1"' in markup and 'id="c2-p2"' in markup


def test_lines_differ_by_dash_and_marker_shape():
    markup = line_chart(
        chart_id="c3",
        title="t",
        desc="d",
        categories=["a", "b"],
        series=[Series("一", [1, 2]), Series("二", [2, 3])],
    )
    assert markup.count("<polyline") == 2 and 'stroke-dasharray="8 4"' in markup
    assert (
        "<circle" in markup and '<rect x="' in markup
    )  # circles for the first series, squares for the second


def test_values_and_the_target_are_written_on_the_chart():
    markup = line_chart(
        chart_id="c4",
        title="t",
        desc="d",
        categories=["2021年"],
        series=[Series("累计", [123])],
        target=300,
        target_label="目标 >300",
        value_format=lambda v: str(int(v)),
        integer=True,
    )
    assert ">123</text>" in markup and ">目标 &gt;300</text>" in markup


@pytest.mark.parametrize(
    ("value", "integer", "expected"),
    [
        (0, False, (4.0, 1.0)),
        (643, False, (800.0, 200.0)),
        (1, True, (4.0, 1.0)),
        (7, True, (8.0, 2.0)),
        (300, True, (400.0, 100.0)),
    ],
)
def test_the_axis_top_is_a_round_number(value, integer, expected):
    assert nice_max(value, integer=integer) == expected
