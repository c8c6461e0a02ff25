"""Server-rendered SVG charts: named and described, escaped, no inline styles, and every series
told apart by more than colour."""

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


def shape_of(pattern: ET.Element) -> tuple:
    """A pattern's drawing without its colours: two patterns differ by more than colour iff these differ."""
    return tuple(
        (child.tag, tuple(sorted((k, v) for k, v in child.attrib.items() if k not in ("fill", "stroke"))))
        for child in pattern
    )


@pytest.mark.parametrize("chart", [bar_chart, hbar_chart])
def test_each_series_has_its_own_fill_and_the_fills_differ_by_pattern_not_only_colour(chart):
    names = ["一", "二", "三", "四", "五"]
    series = [Series(name, [index + 1, index + 6]) for index, name in enumerate(names)]
    root = parse(chart(chart_id="c2", title="t", desc="d", categories=["a", "b"], series=series))
    children = list(root)
    # Legend keys and bars are the outlined rectangles: first one key per series, then the bars,
    # category by category, series in order (the value labels' white backgrounds have no outline).
    outlined = [el for el in children if el.tag == f"{SVG}rect" and el.get("stroke")]
    keys, bars = outlined[: len(names)], outlined[len(names) :]
    assert [children[children.index(key) + 1].text for key in keys] == names
    assert len(bars) == 2 * len(names)
    fills_by_series = {
        name: {bar.get("fill") for bar in bars[index :: len(names)]} for index, name in enumerate(names)
    }
    assert all(len(fills) == 1 for fills in fills_by_series.values()), fills_by_series  # one fill per series
    fills = [fills.pop() for fills in fills_by_series.values()]
    assert len(set(fills)) == len(names)  # and no two series share one
    assert [key.get("fill") for key in keys] == fills  # the legend shows each series' own fill
    patterns = {f"url(#{pattern.get('id')})": pattern for pattern in root.iter(f"{SVG}pattern")}
    patterned = [fill for fill in fills if fill in patterns]
    assert len(patterned) == len(names) - 1  # at most one series is a plain colour
    assert len({shape_of(patterns[fill]) for fill in patterned}) == len(patterned)  # distinct drawings


def test_lines_differ_by_dash_and_marker_shape():
    markup = line_chart(
        chart_id="c3",
        title="t",
        desc="d",
        categories=["a", "b"],
        series=[Series("一", [1, 2]), Series("二", [2, 3])],
    )
    children = list(parse(markup))
    lines = [index for index, el in enumerate(children) if el.tag == f"{SVG}polyline"]
    assert len(lines) == 2
    dashes = [children[index].get("stroke-dasharray") for index in lines]
    assert len(set(dashes)) == 2  # one solid, one dashed: told apart without colour
    markers = []
    for start, end in zip(lines, [*lines[1:], len(children)], strict=True):
        tags = [el.tag for el in children[start + 1 : end] if el.tag != f"{SVG}text"]
        assert len(tags) == 2 and len(set(tags)) == 1, tags  # one marker per point, one shape per series
        markers.append(tags[0])
    assert markers == [f"{SVG}circle", f"{SVG}rect"]


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


def label_boxes(markup) -> list[tuple]:
    from frontend.svgcharts import text_box

    root = parse(markup)
    return [
        (
            text.text,
            text_box(
                float(text.get("x")),
                float(text.get("y")),
                text.text,
                float(text.get("font-size")),
                text.get("text-anchor") or "start",
            ),
        )
        for text in root.iter(f"{SVG}text")
    ]


def overlapping(boxes) -> list[tuple[str, str]]:
    found = []
    for i, (a_text, a) in enumerate(boxes):
        for b_text, b in boxes[i + 1 :]:
            if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                found.append((a_text, b_text))
    return found


CROWDED = {
    "categories": [f"{year}年度数据" for year in range(2016, 2026)],
    "series": [
        Series("应缴保障金", [1234567.89, 1234567.89, 10, 2_000_000, 0, 5, 5, 999999.99, 1, 1]),
        Series("已缴保障金", [1234567.89, 1234000.00, 12, 1_999_000, 0, 5, 6, 999999.99, 1, 2]),
        Series("减免", [1234560.00, 1234000.00, 11, 1_998_000, 0, 5, 6, 999999.00, 1, 2]),
    ],
}


@pytest.mark.parametrize("chart", [bar_chart, line_chart, hbar_chart])
def test_no_two_chart_labels_overlap_even_with_equal_values_and_long_numbers(chart):
    extra = {"target": 1_000_000, "target_label": "目标：100万元"} if chart is not hbar_chart else {}
    markup = chart(
        chart_id="crowd",
        title="拥挤的图",
        desc="相同和相近的数值",
        value_format=lambda v: f"{float(v):,.2f}",
        **CROWDED,
        **extra,
    )
    boxes = label_boxes(markup)
    assert len(boxes) > 20
    assert overlapping(boxes) == []


def test_every_moved_label_stays_inside_the_drawing():
    markup = line_chart(chart_id="c", title="t", desc="d", **CROWDED)
    root = parse(markup)
    _, y0, width, height = (float(v) for v in root.get("viewBox").split())
    for _text, (left, top, right, bottom) in label_boxes(markup):
        assert 0 <= left and right <= width and y0 <= top and bottom <= y0 + height
