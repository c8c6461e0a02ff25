"""Rosters of real employers: 50,000 people in one import, every bad row of a 20,000-row file
reported in one pass, and an explicit choice between replacing the roster and merging into it."""

import csv
import io
import time
from datetime import date, timedelta
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook

from backend.accounts.demo import resident_id
from backend.accounts.models import Person
from backend.accounts.services import certificate_index
from quota.models import RosterLine
from quota.services import roster_error_workbook, roster_import, roster_preview, workbook_bytes
from quota.services.roster_import import MODE_INVALID, MODE_REQUIRED, RowError
from quota.services.xlsx_template import HEADERS

from .conftest import client_for
from .factories import make_line, make_person, make_report
from .test_roster_import import row, workbook_file
from .upload_files import upload

pytestmark = pytest.mark.django_db
MONTHS = "在岗月份(如 1-12 或 1,2,3,7-12)"


def registered(count: int) -> list[tuple[str, str]]:
    """``count`` registered holders of a 残疾人证 as (name, certificate number), bulk-created: the
    import reads only the name, the kind and the blind index of a Person."""
    people, persons = [], []
    for n in range(count):
        birth = date(1960, 1, 1) + timedelta(days=n // 900)
        number = resident_id("320585", birth, n % 900 + 1) + "44"
        name = f"职工{n:05d}"
        people.append((name, number))
        persons.append(
            Person(
                name=name,
                resident_id_enc="-",
                resident_id_bidx=f"bulk-{n}",
                birth_date=birth,
                sex="M",
                certificate_kind="disability",
                certificate_enc="-",
                certificate_bidx=certificate_index("disability", number),
            )
        )
    Person.objects.bulk_create(persons, batch_size=2000)
    return people


def line(name: str, number: str, n: int) -> list:
    values = {
        "序号": n,
        "姓名": name,
        "残疾人证号或残疾军人证号": number,
        "证件类型(残疾人证/残疾军人证)": "残疾人证",
        MONTHS: "1-12",
        "月工资(元)": 4000 + n % 500,
        "是否在编(是/否)": "否",
        "劳动合同开始日期": "2023-01-01",
        "劳动合同结束日期": "2026-12-31",
        "是否劳务派遣(是/否)": "否",
    }
    return [values.get(header, "") for header in HEADERS]


@pytest.fixture
def report(employer_a, staff_a):
    return make_report(employer_a, by=staff_a)


def test_fifty_thousand_people_import_in_one_file(report, staff_a):
    people = registered(50_000)
    text = io.StringIO(newline="")
    writer = csv.writer(text)
    writer.writerow(HEADERS)
    writer.writerows(line(name, number, n + 1) for n, (name, number) in enumerate(people))
    data = text.getvalue().encode("utf-8-sig")
    started = time.monotonic()
    result = roster_import(report=report, file=upload(data, "名册.csv"), mode="replace", by=staff_a)
    elapsed = time.monotonic() - started
    assert result.errors == ()
    assert result.imported == 50_000
    assert report.roster.count() == 50_000
    assert report.roster.get(line_no=50_000).person.name == "职工49999"
    assert elapsed < 120, elapsed  # about 15 s here; a slow import would time out the request


def test_every_bad_row_of_twenty_thousand_is_reported_and_nothing_is_written(report, staff_a):
    people = registered(20_000)
    kept = make_line(report, make_person())
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("花名册")
    sheet.append(HEADERS)
    expected, good = [], iter(people)
    for number in range(2, 20_002):  # sheet rows 2 … 20,001
        if number % 90 == 0 and len(expected) < 220:
            kind = len(expected) % 4
            if kind == 0:
                values = line(*next(good), number)
                values[HEADERS.index(MONTHS)] = "七月"
                expected.append((number, MONTHS))
            elif kind == 1:
                values = line(*next(good), number)
                values[HEADERS.index("月工资(元)")] = "五千"
                expected.append((number, "月工资(元)"))
            elif kind == 2:  # a certificate nobody registered
                unknown = resident_id("320586", date(1990, 1, 1), len(expected) + 1) + "44"
                values = line("无此人", unknown, number)
                expected.append((number, "残疾人证号或残疾军人证号"))
            else:
                values = line(*next(good), number)
                values[HEADERS.index("劳动合同结束日期")] = "2020-01-01"
                expected.append((number, "劳动合同结束日期"))
        else:
            values = line(*next(good), number)
        sheet.append(values)
    buffer = BytesIO()
    workbook.save(buffer)
    assert len(expected) == 220

    response = client_for(staff_a).post(
        f"/api/v1/quota/reports/{report.pk}/roster-import",
        {"mode": "replace", "file": upload(buffer.getvalue())},
        format="multipart",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "名册有 220 处问题，未导入任何内容。请改正后重新导入。"
    assert [(r["row"], r["column"]) for r in body["rows"]] == expected
    assert all(r["reason"] for r in body["rows"])
    assert len(body["errors"]["file"]) == 220
    assert list(RosterLine.objects.filter(report=report)) == [kept]

    # The downloadable problem list (the same errors, as roster-errors builds it) has no cap either.
    errors = [RowError(**r) for r in body["rows"]]
    sheet = load_workbook(BytesIO(workbook_bytes(roster_error_workbook(errors)))).active
    assert [tuple(cell.value for cell in r[:2]) for r in sheet.iter_rows(min_row=2)] == expected


# --- replace or merge -------------------------------------------------------------------


@pytest.fixture
def roster(report):
    """Two lines on the roster: A (序号 1) and B (序号 2)."""
    a, b = make_person(name="甲"), make_person(name="乙")
    return a, b, make_line(report, a, line_no=1), make_line(report, b, line_no=2)


def test_merge_keeps_existing_lines_updates_the_matching_one_and_appends(report, staff_a, roster):
    a, b, line_a, line_b = roster
    c = make_person(name="丙")
    upload_file = workbook_file([row(b, wage=6100), row(c, wage=4500)])
    preview = roster_preview(report=report, file=upload_file, mode="merge", by=staff_a)
    assert preview.plan.as_dict() == {
        "mode": "merge",
        "existing": 2,
        "kept": 1,
        "updated": 1,
        "added": 1,
        "removed": 0,
    }
    assert report.roster.count() == 2  # the preview wrote nothing
    result = roster_import(report=report, file=upload_file, mode="merge", by=staff_a)
    assert result.ok and result.plan == preview.plan
    lines = {line.person: line for line in report.roster.all()}
    assert set(lines) == {a, b, c}
    assert lines[a].monthly_wage == line_a.monthly_wage and lines[a].line_no == 1  # untouched
    assert lines[b].pk == line_b.pk and lines[b].monthly_wage == Decimal("6100") and lines[b].line_no == 2
    assert lines[c].monthly_wage == Decimal("4500") and lines[c].line_no == 3  # appended after the others


def test_replace_replaces_the_roster_and_counts_the_removed_lines(report, staff_a, roster):
    a, b, _line_a, _line_b = roster
    c = make_person(name="丙")
    upload_file = workbook_file([row(b, wage=6100), row(c)])
    preview = roster_preview(report=report, file=upload_file, mode="replace", by=staff_a)
    assert (preview.plan.kept, preview.plan.updated, preview.plan.added, preview.plan.removed) == (0, 1, 1, 1)
    assert report.roster.count() == 2
    roster_import(report=report, file=upload_file, mode="replace", by=staff_a)
    assert {line.person for line in report.roster.all()} == {b, c}


@pytest.mark.parametrize(
    ("mode", "message"), [(None, MODE_REQUIRED), ("", MODE_REQUIRED), ("append", MODE_INVALID)]
)
def test_the_service_wants_a_mode(report, staff_a, roster, mode, message):
    with pytest.raises(ValidationError) as caught:
        roster_import(report=report, file=workbook_file([row(make_person())]), mode=mode, by=staff_a)
    assert caught.value.message_dict == {"mode": [message]}
    assert report.roster.count() == 2


@pytest.mark.parametrize(("data", "message"), [({}, MODE_REQUIRED), ({"mode": "append"}, MODE_INVALID)])
def test_api_without_a_valid_mode_is_a_chinese_400(report, staff_a, roster, data, message):
    response = client_for(staff_a).post(
        f"/api/v1/quota/reports/{report.pk}/roster-import",
        {**data, "file": workbook_file([row(make_person())])},
        format="multipart",
    )
    assert response.status_code == 400
    assert response.json()["errors"]["mode"] == [message]
    assert report.roster.count() == 2


def test_api_preview_counts_without_writing_and_the_import_reports_the_counts(report, staff_a, roster):
    _a, b, _line_a, _line_b = roster
    url = f"/api/v1/quota/reports/{report.pk}/roster-import"
    client = client_for(staff_a)
    response = client.post(
        url,
        {"mode": "merge", "preview": "true", "file": workbook_file([row(b, wage=7000)])},
        format="multipart",
    )
    assert response.status_code == 200
    body = response.json()
    assert body == {
        "imported": 0,
        "version": report.version,
        "preview": True,
        "mode": "merge",
        "existing": 2,
        "kept": 1,
        "updated": 1,
        "added": 0,
        "removed": 0,
    }
    assert report.roster.get(person=b).monthly_wage == Decimal("5000.00")
    response = client.post(
        url, {"mode": "merge", "file": workbook_file([row(b, wage=7000)])}, format="multipart"
    )
    assert response.status_code == 200
    assert response.json()["imported"] == 1 and response.json()["kept"] == 1
    assert report.roster.get(person=b).monthly_wage == Decimal("7000")
    assert report.roster.count() == 2
