"""Server-rendered SVG charts: vertical and horizontal bars, lines.

Accessible by construction (accessibility.md, "Charts"): ``<svg role="img">`` named by its
``<title>`` and described by its ``<desc>``; every series differs by a pattern or a marker
shape as well as by colour (WCAG 1.4.1), and the values are written on the chart. The page
must follow each chart with a table of the same numbers. No inline styles (the CSP forbids
them): colours are SVG presentation attributes, sizes and fonts come from ``audit.css``.
All text is escaped here; the result is a SafeString for templates.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from math import floor, log10

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

Number = int | float | Decimal

# (colour, pattern) per series. Colours reach ≥ 3:1 against white (WCAG 1.4.11 non-text contrast).
STYLES = [
    ("#0b4f9c", "solid"),
    ("#b34700", "diagonal"),
    ("#1b6e3a", "dots"),
    ("#5a2d82", "cross"),
    ("#4a4a4a", "horizontal"),
]
MARKERS = ["circle", "square", "triangle", "diamond"]
DASHES = ["", "8 4", "2 4", "12 4 2 4"]
TEXT = "#1b1b1b"
GRID = "#8a8a8a"
TARGET = "#a4262c"


@dataclass(frozen=True)
class Series:
    """One named row of values, one per category."""

    name: str
    values: Sequence[Number]


def nice_max(value: float, *, integer: bool = False) -> tuple[float, float]:
    """A round top of the axis (1, 2, 2.5 or 5 × 10ⁿ steps, four of them) and its step;
    ``integer`` keeps the steps whole (counts of people or employers)."""
    if value <= 0:
        return 4.0, 1.0
    raw = value / 4
    power = 10 ** floor(log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        step = factor * power
        if step * 4 >= value and not (integer and step != int(step)):
            break
    if integer:
        step = float(max(1, int(step)))
    return step * 4, step


def text_width(text: str, size: float) -> float:
    """The width of ``text`` at font ``size``, estimated generously: a CJK character is one em,
    anything else (digits, Latin, punctuation) about 0.62 em in Noto Sans CJK."""
    return sum(size if ord(ch) >= 0x2E80 else size * 0.62 for ch in text)


def text_box(x: float, y: float, text: str, size: float, anchor: str) -> tuple[float, float, float, float]:
    """(left, top, right, bottom) of a text drawn at baseline ``y``."""
    width = text_width(text, size)
    left = {"middle": x - width / 2, "end": x - width}.get(anchor, x)
    return (left, y - size * 0.88, left + width, y + size * 0.24)


def _overlap(a, b, gap: float = 1.0) -> bool:
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap


class _Labels:
    """Places a chart's texts so that no two intersect (issue 14: point and bar labels of close
    values were drawn on top of each other). A text that would overlap one already placed moves
    a line at a time in its direction (up for value labels, down for axis labels); ``bottom``
    tells the chart how tall it must be for what moved down."""

    def __init__(self):
        self.boxes: list[tuple[float, float, float, float]] = []

    @property
    def bottom(self) -> float:
        return max((box[3] for box in self.boxes), default=0)

    @property
    def top(self) -> float:
        return min((box[1] for box in self.boxes), default=0)

    def text(self, x, y, text, *, size=12, anchor="middle", direction=-1, extra="", fill=TEXT) -> str:
        for _ in range(24):
            box = text_box(x, y, text, size, anchor)
            if not any(_overlap(box, other) for other in self.boxes):
                break
            y += direction * (size + 2)
        self.boxes.append(box)
        return (
            f'<text x="{_f(x)}" y="{_f(y)}" font-size="{size}" text-anchor="{anchor}"{extra} '
            f'fill="{fill}">{escape(text)}</text>'
        )


def _f(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _defs(chart_id: str, count: int) -> str:
    parts = []
    for index in range(count):
        colour, kind = STYLES[index % len(STYLES)]
        pid = f"{chart_id}-p{index}"
        if kind == "solid":
            continue
        shape = {
            "diagonal": f'<path d="M-2,2 l4,-4 M0,8 l8,-8 M6,10 l4,-4" stroke="{colour}" stroke-width="2.5"/>',
            "dots": f'<circle cx="4" cy="4" r="2.2" fill="{colour}"/>',
            "cross": f'<path d="M0,0 L8,8 M8,0 L0,8" stroke="{colour}" stroke-width="1.8"/>',
            "horizontal": f'<path d="M0,2 H8 M0,6 H8" stroke="{colour}" stroke-width="2"/>',
        }[kind]
        parts.append(
            f'<pattern id="{pid}" width="8" height="8" patternUnits="userSpaceOnUse">'
            f'<rect width="8" height="8" fill="#ffffff"/>{shape}</pattern>'
        )
    return f"<defs>{''.join(parts)}</defs>" if parts else ""


def _fill(chart_id: str, index: int) -> tuple[str, str]:
    colour, kind = STYLES[index % len(STYLES)]
    return (colour if kind == "solid" else f"url(#{chart_id}-p{index})"), colour


def _open(
    chart_id: str, title: str, desc: str, width: int, height: int, css: str, labels: "_Labels | None" = None
) -> str:
    """The <svg> element; tall enough for every label ``labels`` placed (moved ones too)."""
    y0 = 0
    if labels is not None:
        y0 = min(0, floor(labels.top) - 4)
        height = max(height, int(labels.bottom) + 6)
    height -= y0
    return (
        f'<svg class="chart {css}" role="img" aria-labelledby="{chart_id}-t {chart_id}-d" '
        f'viewBox="0 {y0} {width} {height}" width="{width}" height="{height}" '
        f'xmlns="http://www.w3.org/2000/svg" focusable="false">'
        f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(desc)}</desc>'
    )


def _legend(
    chart_id: str, series: Sequence[Series], *, x0: int, y: int, lines: bool = False, labels: "_Labels"
) -> str:
    parts, x = [], x0
    for index, item in enumerate(series):
        fill, colour = _fill(chart_id, index)
        if lines:
            parts.append(_line_key(index, x, y))
        else:
            parts.append(
                f'<rect x="{x}" y="{y - 12}" width="18" height="14" fill="{fill}" stroke="{colour}" stroke-width="1.5"/>'
            )
        parts.append(labels.text(x + 24, y, item.name, size=14, anchor="start"))
        x += 24 + text_width(item.name, 14) + 24
    return "".join(parts)


def _line_key(index: int, x: int, y: int) -> str:
    colour = STYLES[index % len(STYLES)][0]
    dash = DASHES[index % len(DASHES)]
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line x1="{x}" y1="{y - 5}" x2="{x + 18}" y2="{y - 5}" stroke="{colour}" stroke-width="3"{dash_attr}/>'
        + _marker(index, x + 9, y - 5)
    )


def _marker(index: int, cx: float, cy: float) -> str:
    colour = STYLES[index % len(STYLES)][0]
    kind = MARKERS[index % len(MARKERS)]
    if kind == "circle":
        return f'<circle cx="{_f(cx)}" cy="{_f(cy)}" r="5" fill="{colour}"/>'
    if kind == "square":
        return f'<rect x="{_f(cx - 5)}" y="{_f(cy - 5)}" width="10" height="10" fill="{colour}"/>'
    if kind == "triangle":
        return f'<path d="M{_f(cx)},{_f(cy - 6)} L{_f(cx + 6)},{_f(cy + 5)} L{_f(cx - 6)},{_f(cy + 5)} Z" fill="{colour}"/>'
    return f'<path d="M{_f(cx)},{_f(cy - 6)} L{_f(cx + 6)},{_f(cy)} L{_f(cx)},{_f(cy + 6)} L{_f(cx - 6)},{_f(cy)} Z" fill="{colour}"/>'


def _y_axis(
    top: int, left: int, width: int, plot_h: int, top_value: float, step: float, fmt, labels: "_Labels"
) -> str:
    parts = []
    ticks = round(top_value / step)
    for tick in range(ticks + 1):
        value = step * tick
        y = top + plot_h * (1 - value / top_value)
        dash = "" if tick == 0 else ' stroke-dasharray="2 3"'
        parts.append(
            f'<line x1="{left}" y1="{_f(y)}" x2="{left + width}" y2="{_f(y)}" stroke="{GRID}" stroke-width="1"{dash}/>'
            + labels.text(left - 6, y + 4, fmt(value), anchor="end")
        )
    return "".join(parts)


def _target_line(
    value: float,
    label: str,
    *,
    top: int,
    left: int,
    width: int,
    plot_h: int,
    top_value: float,
    labels: "_Labels",
) -> str:
    y = top + plot_h * (1 - value / top_value)
    return (
        f'<line x1="{left}" y1="{_f(y)}" x2="{left + width}" y2="{_f(y)}" stroke="{TARGET}" stroke-width="2.5" '
        f'stroke-dasharray="10 5"/>'
        + labels.text(
            left + 6, y - 6, label, size=13, anchor="start", extra=' font-weight="bold"', fill=TARGET
        )
    )


def bar_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    categories: Sequence[str],
    series: Sequence[Series],
    value_format: Callable[[Number], str] = lambda v: _f(float(v)),
    target: Number | None = None,
    target_label: str = "",
    integer: bool = False,
) -> SafeString:
    """Grouped vertical bars (one group per category), each bar labelled with its value."""
    width, height, left, right, top, bottom = 640, 360, 72, 16, 44, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [float(v) for item in series for v in item.values]
    top_value, step = nice_max(max(values + [float(target or 0), 0]), integer=integer)
    band = plot_w / max(len(categories), 1)
    bar = band * 0.72 / max(len(series), 1)
    labels = _Labels()
    parts = [_defs(chart_id, len(series))]
    parts.append(_legend(chart_id, series, x0=left, y=22, labels=labels))
    parts.append(_y_axis(top, left, plot_w, plot_h, top_value, step, value_format, labels))
    if target is not None:
        parts.append(
            _target_line(
                float(target),
                target_label,
                top=top,
                left=left,
                width=plot_w,
                plot_h=plot_h,
                top_value=top_value,
                labels=labels,
            )
        )
    axis = []
    for c, category in enumerate(categories):
        x0 = left + band * c + band * 0.14
        for s, item in enumerate(series):
            value = float(item.values[c])
            h = plot_h * value / top_value
            x, y = x0 + bar * s, top + plot_h - h
            fill, colour = _fill(chart_id, s)
            parts.append(
                f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(bar - 2)}" height="{_f(h)}" fill="{fill}" '
                f'stroke="{colour}" stroke-width="1.5"/>'
            )
            parts.append(labels.text(x + bar / 2 - 1, y - 5, value_format(item.values[c])))
        axis.append((left + band * c + band / 2, category))
    for x, category in axis:
        parts.append(labels.text(x, height - bottom + 22, category, size=14, direction=1))
    parts.insert(0, _open(chart_id, title, desc, width, height, "bar-chart", labels))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text above went through escape()


def line_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    categories: Sequence[str],
    series: Sequence[Series],
    value_format: Callable[[Number], str] = lambda v: _f(float(v)),
    target: Number | None = None,
    target_label: str = "",
    integer: bool = False,
) -> SafeString:
    """Lines with a distinct dash pattern and marker shape per series, each point labelled."""
    width, height, left, right, top, bottom = 640, 360, 72, 24, 44, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [float(v) for item in series for v in item.values]
    top_value, step = nice_max(max(values + [float(target or 0), 0]) * 1.08, integer=integer)
    band = plot_w / max(len(categories), 1)
    labels = _Labels()
    parts = [_legend(chart_id, series, x0=left, y=22, lines=True, labels=labels)]
    parts.append(_y_axis(top, left, plot_w, plot_h, top_value, step, value_format, labels))
    if target is not None:
        parts.append(
            _target_line(
                float(target),
                target_label,
                top=top,
                left=left,
                width=plot_w,
                plot_h=plot_h,
                top_value=top_value,
                labels=labels,
            )
        )
    for s, item in enumerate(series):
        colour = STYLES[s % len(STYLES)][0]
        points = [
            (left + band * c + band / 2, top + plot_h * (1 - float(v) / top_value))
            for c, v in enumerate(item.values)
        ]
        dash = DASHES[s % len(DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        path = " ".join(f"{_f(x)},{_f(y)}" for x, y in points)
        parts.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="3"{dash_attr}/>')
        for (x, y), value in zip(points, item.values, strict=True):
            parts.append(_marker(s, x, y))
            parts.append(labels.text(x, y - 10, value_format(value)))
    for c, category in enumerate(categories):
        parts.append(
            labels.text(left + band * c + band / 2, height - bottom + 22, category, size=14, direction=1)
        )
    parts.insert(0, _open(chart_id, title, desc, width, height, "line-chart", labels))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text above went through escape()


def hbar_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    categories: Sequence[str],
    series: Sequence[Series],
    value_format: Callable[[Number], str] = lambda v: _f(float(v)),
    integer: bool = False,
) -> SafeString:
    """Stacked horizontal bars (one row per category, e.g. a town): segment values inside when
    they fit, the row total at the end."""
    width, left, right, top, row = 640, 176, 56, 44, 36
    plot_w = width - left - right
    height = top + row * max(len(categories), 1) + 34
    totals = [sum(float(item.values[c]) for item in series) for c in range(len(categories))]
    top_value, step = nice_max(max(totals + [0]), integer=integer)
    labels = _Labels()
    parts = [_defs(chart_id, len(series))]
    parts.append(_legend(chart_id, series, x0=8, y=22, labels=labels))
    plot_h = row * len(categories)
    for tick in range(round(top_value / step) + 1):
        x = left + plot_w * (step * tick) / top_value
        parts.append(
            f'<line x1="{_f(x)}" y1="{top}" x2="{_f(x)}" y2="{top + plot_h}" stroke="{GRID}" stroke-dasharray="2 3"/>'
            + labels.text(x, top + plot_h + 18, value_format(step * tick), direction=1)
        )
    for c, category in enumerate(categories):
        y = top + row * c + 6
        parts.append(labels.text(left - 8, y + 17, category, size=14, anchor="end", direction=1))
        x = float(left)
        for s, item in enumerate(series):
            value = float(item.values[c])
            w = plot_w * value / top_value
            if w <= 0:
                continue
            fill, colour = _fill(chart_id, s)
            parts.append(
                f'<rect x="{_f(x)}" y="{y}" width="{_f(w)}" height="24" fill="{fill}" stroke="{colour}" stroke-width="1.5"/>'
            )
            label = value_format(item.values[c])
            inside = text_width(label, 12)
            box = text_box(x + w / 2, y + 17, label, 12, "middle")
            # The value on a white label inside the segment, when it fits and touches no other.
            if w >= inside + 10 and not any(_overlap(box, other) for other in labels.boxes):
                mid = x + w / 2
                parts.append(
                    f'<rect x="{_f(mid - inside / 2 - 3)}" y="{y + 4}" width="{_f(inside + 6)}" height="16" '
                    f'fill="#ffffff"/>' + labels.text(mid, y + 17, label)
                )
            x += w
        parts.append(
            labels.text(
                x + 6, y + 17, value_format(totals[c]), size=13, anchor="start", extra=' font-weight="bold"'
            )
        )
    parts.insert(0, _open(chart_id, title, desc, width, height, "hbar-chart", labels))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text above went through escape()
