"""The PDF of a submitted quota report (reportlab), with a CJK font embedded, the
单位名称（盖章） box, the date and page numbers ("第 1 页 共 2 页").

reportlab embeds (and subsets) TrueType outlines only.  Debian's fonts-noto-cjk ships OpenType
CFF outlines, which reportlab refuses ("postscript outlines are not supported"), so a TrueType
CJK font is tried first (fonts-wqy-microhei / -zenhei, fonts-droid-fallback, fonts-arphic-uming)
and, failing all, reportlab's built-in CID font STSong-Light — which is NOT embedded: the reader's
own Chinese font draws it (text extraction still works).  ``cjk_font()`` says which was used.
"""

import os
from functools import lru_cache, partial
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

FONT_NAME = "QuotaCJK"
FALLBACK_CID_FONT = "STSong-Light"
# (path, index of the face inside a .ttc) — TrueType outlines first; Noto CJK (CFF) last, in case
# a later reportlab learns to embed CFF.
FONT_CANDIDATES = [
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 0),
    ("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf", 0),
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2),  # face 2 = Noto Sans CJK SC
]


@lru_cache(maxsize=1)
def cjk_font() -> tuple[str, bool]:
    """Register a Chinese font once; returns (font name, embedded?)."""
    extra = os.environ.get("QUOTA_PDF_FONT")  # an administrator's own TrueType CJK font
    candidates = ([(extra, 0)] if extra else []) + FONT_CANDIDATES
    for path, index in candidates:
        if not os.path.exists(path):
            continue
        try:
            pdfmetrics.registerFont(TTFont(FONT_NAME, path, subfontIndex=index))
        except (TTFError, OSError):
            continue
        return FONT_NAME, True
    pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_CID_FONT))
    return FALLBACK_CID_FONT, False


class NumberedCanvas(canvas.Canvas):
    """Holds every page until the end so the footer can say how many pages there are."""

    def __init__(self, *args, font_name: str, header: str, **kwargs):
        super().__init__(*args, **kwargs)
        self._pages = []
        self._font_name = font_name
        self._header = header

    def showPage(self):  # noqa: N802 — reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self):
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self.setFont(self._font_name, 9)
            self.setFillColor(colors.HexColor("#333333"))
            width, _height = self._pagesize
            self.drawString(20 * mm, 287 * mm, self._header)
            self.drawCentredString(width / 2, 10 * mm, f"第 {number} 页 共 {total} 页")
            super().showPage()
        super().save()


def _styles(font: str) -> dict:
    base = ParagraphStyle("base", fontName=font, fontSize=10.5, leading=16, wordWrap="CJK")
    return {
        "base": base,
        "title": ParagraphStyle("title", parent=base, fontSize=18, leading=26, alignment=1, spaceAfter=4),
        "subtitle": ParagraphStyle("subtitle", parent=base, alignment=1, spaceAfter=10),
        "h2": ParagraphStyle("h2", parent=base, fontSize=13, leading=20, spaceBefore=10, spaceAfter=4),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9.5, leading=14),
    }


def _table(rows, styles, *, widths=None, header=True) -> Table:
    cells = [[Paragraph(escape(str(value)), styles["cell"]) for value in row] for row in rows]
    table = Table(cells, colWidths=widths, repeatRows=1 if header else 0, hAlign="LEFT")
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#555555")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8edf2")))
    table.setStyle(TableStyle(commands))
    return table


def _story(ctx: dict, styles: dict) -> list:
    report, employer = ctx["report"], ctx["employer"]
    p = lambda text, style="base": Paragraph(escape(str(text)), styles[style])  # noqa: E731
    story = [
        p("按比例安排残疾人就业情况申报表", "title"),
        p(
            f"{report.data_year}年度数据 · {report.levy_year}年申报缴纳 · 状态：{report.get_status_display()}",
            "subtitle",
        ),
        p("一、单位情况", "h2"),
        _table(
            [
                ["单位名称", employer.name],
                ["统一社会信用代码", employer.credit_code],
                ["单位性质", employer.get_org_type_display()],
                ["所在区镇", employer.region.name],
            ],
            styles,
            widths=[45 * mm, 125 * mm],
            header=False,
        ),
        p("二、在职职工人数和工资", "h2"),
    ]
    if ctx["months"]:
        months = ctx["months"]
        story.append(_table([[f"{m}月" for m, _ in months[:6]], [v for _, v in months[:6]]], styles))
        story.append(Spacer(1, 2 * mm))
        story.append(_table([[f"{m}月" for m, _ in months[6:]], [v for _, v in months[6:]]], styles))
    else:
        story.append(p(f"在职职工年平均人数：{ctx['employee_count'] or '未填写'} 人"))
    story.append(p(f"在职职工工资总额：{ctx['total_wages']} 元"))
    story.append(p("三、残疾职工名册", "h2"))
    if ctx["roster"]:
        rows = [["序号", "姓名", "证件号（部分隐藏）", "证件", "在岗月份", "月工资（元）"]]
        rows += [
            [r["line_no"], r["name"], r["certificate"], r["kind"], r["months"], r["wage"]]
            for r in ctx["roster"]
        ]
        story.append(_table(rows, styles, widths=[12 * mm, 22 * mm, 48 * mm, 24 * mm, 36 * mm, 28 * mm]))
    else:
        story.append(p("名册为空（没有残疾职工）。"))
    story.append(p("四、计算结果", "h2"))
    preview = ctx.get("preview")
    if preview:
        story.append(_table(preview["rows"], styles, widths=[90 * mm, 80 * mm], header=False))
        story.append(p("计算步骤", "h2"))
        story += [p(f"{number}. {step}") for number, step in enumerate(preview["steps"], start=1)]
        if preview["lines"]:
            rows = [["职工", "是否计入", "折算人数", "说明"]]
            rows += [
                [
                    line["name"] or line["line_id"],
                    "计入" if line["counted"] else "不计入",
                    line["contribution"],
                    "；".join(line["reasons"]) or "符合全部条件",
                ]
                for line in preview["lines"]
            ]
            story.append(Spacer(1, 2 * mm))
            story.append(_table(rows, styles, widths=[28 * mm, 20 * mm, 20 * mm, 102 * mm]))
    else:
        story += [p(problem) for problem in ctx.get("preview_problems", [])]
    date = ctx["document_date"]
    stamp = Table(
        [[p(f"单位名称（盖章）：{employer.name}"), p(f"日期：{date.year}年{date.month}月{date.day}日")]],
        colWidths=[110 * mm, 60 * mm],
        rowHeights=[40 * mm],
        hAlign="LEFT",
    )
    stamp.setStyle(
        TableStyle([("BOX", (0, 0), (0, 0), 1, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    )
    story += [
        Spacer(1, 8 * mm),
        KeepTogether([p("本单位承诺以上信息真实、准确。"), Spacer(1, 3 * mm), stamp]),
    ]
    return story


def report_pdf(ctx: dict) -> bytes:
    """The report as PDF bytes; ``ctx`` is the print view's context (quota_employer_output)."""
    font, _embedded = cjk_font()
    styles = _styles(font)
    report, employer = ctx["report"], ctx["employer"]
    buffer = BytesIO()
    title = f"{employer.name} {report.data_year}年度按比例安排残疾人就业情况申报表"
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=title,
        author=employer.name,
        subject="按比例安排残疾人就业情况申报",
        creator="太仓市残疾人就业服务平台",
    )
    header = f"{employer.name} · {report.data_year}年度申报"
    doc.build(_story(ctx, styles), canvasmaker=partial(NumberedCanvas, font_name=font, header=header))
    return buffer.getvalue()
