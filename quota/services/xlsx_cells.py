"""Reading spreadsheet cells as text, the way people actually fill them in.

A spreadsheet program stores a typed 18- or 20-digit ID as a number (3.20585199001011E+17 — the
last digits are gone), dates as real dates or as serial numbers, and may turn "1-12" into the
date 12 January.  Each reader here takes the raw cell value and returns clean text / a value, or
raises CellError with a plain-Chinese reason.
"""

import re
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 = 1900-01-01 (Excel's 1900 leap-year bug included)
SCIENTIFIC = "证号被表格软件改成了科学计数法，请把该列设为文本后重新填写"
_SCI_TEXT = re.compile(r"^\d+(\.\d+)?[eE][+-]?\d+$")
_DATE_TEXT = [
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
    re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
    re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})$"),
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),
]
YES = {"是", "y", "yes", "true", "1", "√", "对"}
NO = {"否", "n", "no", "false", "0", "×", "不是"}


class CellError(ValueError):
    """A cell that cannot be read; the message is shown to the user as is."""


def as_text(value) -> str:
    """Any cell as trimmed text; integral numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def read_identifier(value) -> str:
    """A certificate number exactly as digits/letters; numbers only when no digit was lost."""
    if value is None:
        return ""
    if isinstance(value, bool):
        raise CellError("证号格式不正确")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # A double holds 15–17 significant digits: an 18- or 20-digit ID stored as a number has
        # lost its last digits and cannot be recovered.
        if value.is_integer() and abs(value) < 10**15:
            return str(int(value))
        raise CellError(SCIENTIFIC)
    text = re.sub(r"\s+", "", str(value)).upper()
    if _SCI_TEXT.match(text):
        raise CellError(SCIENTIFIC)
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    return text


def read_date(value) -> date | None:
    """A date from a real date, an Excel serial number or text (2024-01-01, 2024/1/1, 2024年1月1日)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not 1 <= value < 2958466:  # up to 9999-12-31
            raise CellError("日期无法识别，请写成 2024-01-01 的格式")
        return EXCEL_EPOCH + timedelta(days=int(value))
    text = str(value).strip()
    for pattern in _DATE_TEXT:
        match = pattern.match(text)
        if match:
            try:
                return date(*(int(part) for part in match.groups()))
            except ValueError as error:
                raise CellError(f"日期“{text}”不存在，请核对") from error
    raise CellError(f"日期“{text}”无法识别，请写成 2024-01-01、2024/1/1 或 2024年1月1日")


def read_months(value) -> list[int]:
    """Months from "1-12", "1,2,3,7-12", "全年", a single number, or a date the spreadsheet made
    out of "1-12" (12 January → months 1 to 12)."""
    if value is None:
        return []
    if isinstance(value, datetime | date):
        # "7-12" typed into a general cell becomes 12 July: read it back as the range it was.
        if value.month <= value.day <= 12:
            return list(range(value.month, value.day + 1))
        raise CellError("月份被表格软件改成了日期，请把该列设为文本后重新填写，如 1-12")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 1 <= value <= 12:
            return [int(value)]
        raise CellError("月份应为1至12之间的数字，如 1-12 或 1,2,3,7-12")
    text = str(value).strip().replace("月", "")
    if not text:
        return []
    if text == "全年":
        return list(range(1, 13))
    months: set[int] = set()
    for part in re.split(r"[,，、;；\s]+", text):
        if not part:
            continue
        bounds = re.split(r"[-—–~～至到]", part)
        if len(bounds) > 2 or not all(b.isdigit() for b in bounds):
            raise CellError(f"月份“{text}”无法识别，请写成 1-12 或 1,2,3,7-12")
        low, high = int(bounds[0]), int(bounds[-1])
        if not 1 <= low <= high <= 12:
            raise CellError(f"月份“{part}”不在1至12之间或前后颠倒")
        months.update(range(low, high + 1))
    return sorted(months)


def read_money(value) -> Decimal:
    """A positive amount in yuan: 5000, "5,000.50", "5000元"."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise CellError("请填写月工资（元）")
    if isinstance(value, bool):
        raise CellError("月工资应为数字")
    if isinstance(value, float):
        value = repr(value)  # the shortest text that reads back as the same double
    text = str(value).strip().replace(",", "").replace("，", "").removesuffix("元")
    try:
        amount = Decimal(text)
    except InvalidOperation as error:
        raise CellError(f"月工资“{as_text(value)}”不是数字") from error
    if not amount.is_finite() or amount <= 0:
        raise CellError("月工资应为大于0的金额（元）")
    if amount != amount.quantize(Decimal("0.01")):
        raise CellError("月工资最多保留两位小数")
    if amount >= Decimal("10000000000"):
        raise CellError("月工资金额过大，请核对")
    return amount


def read_yes_no(value, *, default: bool) -> bool:
    if value is None or (isinstance(value, str) and not value.strip()):
        return default
    if isinstance(value, bool):
        return value
    text = as_text(value).lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise CellError(f"应填“是”或“否”，不能填“{as_text(value)}”")


def read_int(value, *, low: int, high: int, label: str) -> int | None:
    text = as_text(value)
    if not text:
        return None
    if not text.isdigit() or not low <= int(text) <= high:
        raise CellError(f"{label}应为{low}至{high}之间的整数")
    return int(text)
