"""Small builders for registry import files."""

from datetime import date

from backend.accounts.demo import credit_code, resident_id

CERTIFICATE_HEADER = "certificate_no,name,status,category,grade,issued_on,valid_until,status_changed_on"
INSURANCE_HEADER = "credit_code,resident_id,month,insurance_types,base"


def a_credit_code(serial: int = 1) -> str:
    return credit_code("enterprise", "320585", 1_000_000 + serial)


def a_resident_id(seq: int = 1, birth: date = date(1985, 6, 15)) -> str:
    return resident_id("320585", birth, seq)


def a_certificate(seq: int = 1, category: int = 4, grade: int = 2) -> str:
    return f"{a_resident_id(seq)}{category}{grade}"


def certificate_line(
    seq=1,
    *,
    name="张三",
    status="有效",
    category=4,
    grade=2,
    issued="2020-01-01",
    until="2030-01-01",
    changed="",
):
    number = a_certificate(seq, category, grade)
    return f"{number},{name},{status},{category},{grade},{issued},{until},{changed}"


def insurance_line(seq=1, *, code=1, month="2025-03", types="养老|医疗|失业|工伤|生育", base="6000"):
    return f"{a_credit_code(code)},{a_resident_id(seq)},{month},{types},{base}"


def csv_file(tmp_path, header: str, lines: list[str], name: str = "data.csv"):
    path = tmp_path / name
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


def xlsx_file(tmp_path, header: str, rows: list[list], name: str = "data.xlsx"):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header.split(","))
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    workbook.save(path)
    return path


def csv_bytes(header: str, lines: list[str]) -> bytes:
    return ("\n".join([header, *lines]) + "\n").encode()
