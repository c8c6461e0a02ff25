"""Build roster xlsx files from the platform's own template (as an employer would fill it)."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile

from quota.services import roster_template


def roster_file(rows: list[dict], name: str = "roster.xlsx") -> SimpleUploadedFile:
    """``rows``: dicts keyed by the template's headers (姓名, 残疾人证号或残疾军人证号, …)."""
    workbook = roster_template()
    sheet = workbook["花名册"]
    headers = [cell.value for cell in sheet[1]]
    for number, row in enumerate(rows, start=2):
        for column, header in enumerate(headers, start=1):
            if header in row:
                sheet.cell(row=number, column=column, value=row[header])
    buffer = BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")


def row_for(person, **overrides) -> dict:
    row = {
        "姓名": person.name,
        "残疾人证号或残疾军人证号": person.decrypt("certificate"),
        "在岗月份(如 1-12 或 1,2,3,7-12)": "1-12",
        "月工资(元)": "5000",
        "劳动合同开始日期": "2023-01-01",
    }
    row.update(overrides)
    return row
