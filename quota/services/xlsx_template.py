"""The roster spreadsheet: the blank template (花名册 + 说明) and the error file (行号, 列, 问题)."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

ROSTER_SHEET = "花名册"
HELP_SHEET = "说明"
TEMPLATE_ROWS = 1000  # rows pre-formatted as text, so IDs and dates are not converted

# (key, header, width, explanation) — the header text is what the import looks for.
COLUMNS = [
    ("line_no", "序号", 6, "行号，可不填；不填时按表格顺序编号。"),
    ("name", "姓名", 10, "必填。与残疾人证（或残疾军人证）上的姓名一致。"),
    (
        "certificate_no",
        "残疾人证号或残疾军人证号",
        26,
        "必填。残疾人证号为20位（身份证号18位＋类别1位＋等级1位）。请把这一列设为“文本”格式，"
        "否则表格软件会把长数字改成科学计数法（如 3.20585199001011E+17），导入时无法识别。",
    ),
    (
        "certificate_kind",
        "证件类型(残疾人证/残疾军人证)",
        14,
        "填“残疾人证”或“残疾军人证”；不填按残疾人证处理。",
    ),
    ("veteran_grade", "残疾军人证等级", 10, "仅残疾军人填写，1至8级；须与登记信息一致。"),
    (
        "months",
        "在岗月份(如 1-12 或 1,2,3,7-12)",
        18,
        "必填。本数据年度内在岗的月份。全年在岗填 1-12；部分月份用逗号分隔，连续月份用短横线，"
        "例如 1,2,3,7-12；也可填“全年”。",
    ),
    (
        "monthly_wage",
        "月工资(元)",
        10,
        "必填。每月实际发放的工资（元），应不低于当地最低工资标准，否则不计入。",
    ),
    ("on_establishment", "是否在编(是/否)", 10, "机关、事业单位在编人员填“是”，其他填“否”；不填按“否”。"),
    (
        "contract_start",
        "劳动合同开始日期",
        14,
        "非在编人员必填。格式如 2024-01-01、2024/1/1 或 2024年1月1日。合同（或服务协议）期限须满一年才计入。",
    ),
    ("contract_end", "劳动合同结束日期", 14, "无固定期限劳动合同不填。不能早于开始日期。"),
    (
        "insured_months",
        "缴纳社保月份",
        16,
        "足额缴纳社会保险的月份，写法同“在岗月份”；不填表示在岗月份都已缴纳。",
    ),
    ("dispatched", "是否劳务派遣(是/否)", 12, "劳务派遣人员填“是”；不填按“否”。"),
    ("dispatch_agency", "派遣单位", 20, "劳务派遣人员填写派遣单位名称。"),
    (
        "counts_here",
        "由本单位计算(是/否)",
        12,
        "劳务派遣人员默认在派遣单位计算；派遣协议约定由本单位（用工单位）计算的填“是”，否则填“否”。"
        "同一人同一月份只能由一家单位计算。",
    ),
]
HEADERS = [header for _, header, _, _ in COLUMNS]
TEXT_COLUMNS = {"certificate_no", "months", "insured_months", "contract_start", "contract_end"}


def _bold_header(sheet, headers: list[str]) -> None:
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    sheet.freeze_panes = "A2"


def roster_template() -> Workbook:
    """A blank roster workbook: sheet 花名册 with Chinese headers and a 说明 sheet."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = ROSTER_SHEET
    _bold_header(sheet, HEADERS)
    for index, (key, _header, width, _help) in enumerate(COLUMNS, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = width
        if key in TEXT_COLUMNS:
            # "@" = text: the spreadsheet keeps 20-digit IDs and dates exactly as typed.
            for row in range(2, TEMPLATE_ROWS + 2):
                sheet.cell(row=row, column=index).number_format = "@"
    yes_no = DataValidation(type="list", formula1='"是,否"', allow_blank=True)
    kinds = DataValidation(type="list", formula1='"残疾人证,残疾军人证"', allow_blank=True)
    sheet.add_data_validation(yes_no)
    sheet.add_data_validation(kinds)
    for index, (key, *_rest) in enumerate(COLUMNS, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        cells = f"{letter}2:{letter}{TEMPLATE_ROWS + 1}"
        if key in {"on_establishment", "dispatched", "counts_here"}:
            yes_no.add(cells)
        elif key == "certificate_kind":
            kinds.add(cells)

    help_sheet = workbook.create_sheet(HELP_SHEET)
    _bold_header(help_sheet, ["列名", "怎么填"])
    help_sheet.column_dimensions["A"].width = 30
    help_sheet.column_dimensions["B"].width = 90
    for _key, header, _width, text in COLUMNS:
        help_sheet.append([header, text])
    for line in [
        "",
        "填写须知",
        "1. 每位残疾职工填一行，不要合并单元格，不要改动第一行的列名。",
        "2. 证号和日期列已设为文本格式；从其他表格粘贴时请使用“选择性粘贴—数值”，以免格式被改掉。",
        "3. 导入时会逐行检查；只要有一行有问题，整份名册都不会保存，系统会列出每个问题所在的行和列，"
        "改正后重新导入即可。导入成功会替换本年度申报中原有的名册。",
        "4. 证号须已在残联登记且与姓名一致。",
        "5. 本表填写的是数据年度的情况；保障金在下一年度申报缴纳。",
    ]:
        help_sheet.append([line])
    for row in help_sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    return workbook


def roster_error_workbook(errors) -> Workbook:
    """An error file listing every problem: 行号, 列, 问题 (rows are the spreadsheet's rows)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "导入问题"
    _bold_header(sheet, ["行号", "列", "问题"])
    sheet.column_dimensions["A"].width = 8
    sheet.column_dimensions["B"].width = 30
    sheet.column_dimensions["C"].width = 80
    for error in errors:
        sheet.append([error.row or "", error.column, error.reason])
    if not errors:
        sheet.append(["", "", "没有发现问题，可以导入。"])
    return workbook


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
