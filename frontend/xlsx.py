"""Tables as an .xlsx workbook (openpyxl): one sheet per table, a bold header row, columns wide
enough to read, everything as text (an ID number must not turn into 3.2e17)."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

MAX_WIDTH = 60


def workbook_bytes(tables) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(title=table.title[:31])  # Excel's limit on sheet names
        sheet.append(list(table.headers))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append(["" if value is None else str(value) for value in row])
            for cell in sheet[sheet.max_row]:
                cell.number_format = "@"
        sheet.freeze_panes = "A2"
        for index, header in enumerate(table.headers, start=1):
            values = [header] + [str(r[index - 1]) for r in table.rows]
            # CJK characters are about two columns wide.
            width = max(sum(2 if ord(ch) > 0x2E7F else 1 for ch in v) for v in values) + 2
            sheet.column_dimensions[get_column_letter(index)].width = min(width, MAX_WIDTH)
    if not book.worksheets:
        book.create_sheet(title="说明").append(["没有可以导出的信息"])
    out = BytesIO()
    book.save(out)
    return out.getvalue()
