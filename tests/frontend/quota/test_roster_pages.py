"""The roster step: form rows, carry forward, the xlsx template and the all-or-nothing import
with every row error shown and downloadable."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from quota.models import RosterLine
from tests.quota.factories import make_line, make_person, make_report

from .test_report_wizard import page
from .xlsx import roster_file, row_for

pytestmark = pytest.mark.django_db


def line_form(**overrides):
    data = {
        "name": "王小明",
        "certificate_kind": "disability",
        "certificate_no": "",
        "months": [str(m) for m in range(1, 13)],
        "insured_months": [str(m) for m in range(1, 13)],
        "monthly_wage": "4000",
        "contract_start": "2023-01-01",
        "contract_end": "",
        "dispatch_agency": "",
        "counts_here": "on",
    }
    data.update(overrides)
    return data


def test_adding_a_registered_person_puts_them_on_the_roster(client_a, report_a, person):
    data = line_form(certificate_no=person.decrypt("certificate"), version=report_a.version)
    response = client_a.post(page(report_a, "roster/add/"), data)
    assert response["Location"] == page(report_a, "roster/")
    line = RosterLine.objects.get(report=report_a)
    assert line.person == person
    assert line.months == list(range(1, 13))
    assert str(line.monthly_wage) == "4000.00"


def test_a_wrong_name_is_refused_and_the_input_kept(client_a, report_a, person):
    data = line_form(name="王小红", certificate_no=person.decrypt("certificate"), version=report_a.version)
    text = client_a.post(page(report_a, "roster/add/"), data).content.decode()
    assert "<title>错误：添加残疾职工" in text
    assert "没有找到证号与姓名一致的持证人员" in text
    assert 'value="王小红"' in text
    assert not RosterLine.objects.filter(report=report_a).exists()


def test_no_month_ticked_links_to_the_first_month_box(client_a, report_a, person):
    data = line_form(certificate_no=person.decrypt("certificate"), months=[], version=report_a.version)
    text = client_a.post(page(report_a, "roster/add/"), data).content.decode()
    assert 'href="#id_months_0">在岗月份：请至少选择一个在岗月份</a>' in text


def test_editing_a_line_changes_its_months(client_a, report_a, person):
    line = make_line(report_a, person)
    data = line_form(
        months=["7", "8", "9", "10", "11", "12"], insured_months=["7", "8"], version=report_a.version
    )
    response = client_a.post(page(report_a, f"roster/{line.pk}/"), data)
    assert response.status_code == 302
    line.refresh_from_db()
    assert line.months == [7, 8, 9, 10, 11, 12]
    assert line.insured_months == [7, 8]


def test_removing_a_line(client_a, report_a, person):
    line = make_line(report_a, person)
    assert client_a.get(page(report_a, f"roster/{line.pk}/remove/")).status_code == 405
    client_a.post(page(report_a, f"roster/{line.pk}/remove/"))
    assert not RosterLine.objects.filter(pk=line.pk).exists()


def test_another_employers_line_cannot_be_changed_or_removed(client_b, report_a, person):
    line = make_line(report_a, person)
    assert client_b.post(page(report_a, f"roster/{line.pk}/remove/")).status_code == 404
    assert client_b.post(page(report_a, f"roster/{line.pk}/"), line_form(months=["1"])).status_code == 404
    line.refresh_from_db()
    assert line.months == list(range(1, 13))


def test_carry_forward_copies_last_years_roster(client_a, employer_a, staff_a, person):
    last_year = make_report(employer_a, by=staff_a, data_year=2023)
    make_line(last_year, person)
    this_year = make_report(employer_a, by=staff_a, data_year=2024)
    response = client_a.post(page(this_year, "roster/carry-forward/"), follow=True)
    assert "已沿用2023年度名册中仍在岗的 1 人" in response.content.decode()
    assert RosterLine.objects.get(report=this_year).person == person


def test_carry_forward_without_last_year_says_so(client_a, report_a):
    response = client_a.post(page(report_a, "roster/carry-forward/"), follow=True)
    assert "本单位没有2023年度的申报，无法沿用上年名册" in response.content.decode()


def test_template_download_is_the_xlsx_template(client_a, report_a):
    response = client_a.get(page(report_a, "roster/template.xlsx"))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(BytesIO(response.content))
    assert workbook.sheetnames == ["花名册", "说明"]


def test_a_good_file_replaces_the_roster(client_a, report_a, person):
    other = make_person(name="李四")
    upload = roster_file([row_for(person), row_for(other)])
    response = client_a.post(page(report_a, "roster/import/"), {"mode": "replace", "file": upload})
    assert response["Location"] == page(report_a, "roster/import/confirm/")
    response = client_a.post(page(report_a, "roster/import/confirm/"), {"version": report_a.version})
    assert response["Location"] == page(report_a, "roster/")
    assert set(RosterLine.objects.filter(report=report_a).values_list("person__name", flat=True)) == {
        "王小明",
        "李四",
    }


def test_a_bad_row_saves_nothing_and_every_error_is_listed_and_downloadable(client_a, report_a, person):
    existing = make_line(report_a, person)
    other = make_person(name="李四")
    rows = [row_for(person), row_for(other, **{"月工资(元)": "abc", "在岗月份(如 1-12 或 1,2,3,7-12)": "13"})]
    response = client_a.post(page(report_a, "roster/import/"), {"mode": "replace", "file": roster_file(rows)})
    text = response.content.decode()
    assert "<title>错误：残疾职工名册" in text
    assert "名册文件有 2 处问题，没有导入任何内容" in text
    assert "月工资“abc”不是数字" in text
    assert "第 3 行" in text
    assert list(RosterLine.objects.filter(report=report_a)) == [existing]
    download = client_a.get(page(report_a, "roster/errors.xlsx"))
    sheet = load_workbook(BytesIO(download.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert [3, "月工资(元)", "月工资“abc”不是数字"] in values
    assert len(values) == 2


def test_a_file_that_is_not_xlsx_is_an_error(client_a, report_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("roster.xlsx", b"not a spreadsheet")
    text = client_a.post(
        page(report_a, "roster/import/"), {"mode": "replace", "file": upload}
    ).content.decode()
    assert "无法读取文件，请上传用模板填写并保存为 .xlsx 的文件" in text


def test_no_file_chosen_is_an_error_on_the_file_field(client_a, report_a):
    text = client_a.post(page(report_a, "roster/import/"), {}).content.decode()
    label, message = "选择填好的名册文件（.xlsx 或 .csv）", "请选择要导入的名册文件（.xlsx 或 .csv）"
    assert f'href="#id_file">{label}：{message}</a>' in text


# --- 导入方式: replace or merge, counted on a confirmation page before anything is written -----


def test_no_mode_chosen_is_an_error_naming_the_field_and_nothing_is_saved(client_a, report_a, person):
    kept = make_line(report_a, person)
    response = client_a.post(
        page(report_a, "roster/import/"), {"file": roster_file([row_for(make_person())])}
    )
    text = response.content.decode()
    assert "<title>错误：" in text
    message = "请选择导入方式：“替换现有名册”或“追加或更新”"
    assert f'href="#id_mode_0">导入方式：{message}</a>' in text  # in the error summary
    assert f'<span class="visually-hidden">错误：</span>{message}' in text  # and next to the radios
    assert 'id="id_mode_0"' in text and "<legend>导入方式" in text
    assert list(RosterLine.objects.filter(report=report_a)) == [kept]


def test_an_unknown_mode_is_the_same_field_error(client_a, report_a, person):
    response = client_a.post(
        page(report_a, "roster/import/"), {"mode": "append", "file": roster_file([row_for(person)])}
    )
    assert 'href="#id_mode_0">导入方式：请选择导入方式' in response.content.decode()
    assert not RosterLine.objects.filter(report=report_a).exists()


def test_the_page_offers_both_modes_without_a_default(client_a, report_a):
    text = client_a.get(page(report_a, "roster/")).content.decode()
    assert "替换现有名册" in text and "追加或更新：证号相同的行更新，其余追加" in text
    assert "checked" not in text.split('name="mode"')[1].split(">")[0]
    assert text.index('name="mode"') < text.index('name="file"')  # kept when a file is too large


@pytest.mark.parametrize(
    ("mode", "counts", "names"),
    [
        (
            "merge",
            ("保留不变", 1, "按文件更新（证号相同）", 1, "追加", 1, "删除", 0),
            {"王小明", "李四", "赵六"},
        ),
        ("replace", ("保留不变", 0, "按文件更新（证号相同）", 1, "追加", 1, "删除", 1), {"李四", "赵六"}),
    ],
)
def test_the_confirmation_counts_the_changes_before_anything_is_written(
    client_a, report_a, person, mode, counts, names
):
    make_line(report_a, person, line_no=1)  # 王小明, not in the file
    li = make_person(name="李四")
    make_line(report_a, li, line_no=2)
    zhao = make_person(name="赵六")
    rows = [row_for(li, **{"月工资(元)": "6100"}), row_for(zhao)]
    response = client_a.post(page(report_a, "roster/import/"), {"mode": mode, "file": roster_file(rows)})
    assert response["Location"] == page(report_a, "roster/import/confirm/")
    confirm = client_a.get(response["Location"])
    text = confirm.content.decode()
    assert "<h1>确认导入名册</h1>" in text and "还没有保存" in text
    for label, number in zip(counts[::2], counts[1::2], strict=True):
        assert f'<tr><th scope="row">{label}</th><td>{number}</td></tr>' in text
    assert ("将从名册删除 1 行" in text) == (mode == "replace")
    assert set(RosterLine.objects.filter(report=report_a).values_list("person__name", flat=True)) == {
        "王小明",
        "李四",
    }  # nothing written yet
    report_a.refresh_from_db()
    done = client_a.post(page(report_a, "roster/import/confirm/"), {"version": report_a.version}, follow=True)
    assert "名册导入成功" in done.content.decode()
    lines = RosterLine.objects.filter(report=report_a)
    assert set(lines.values_list("person__name", flat=True)) == names
    assert str(lines.get(person=li).monthly_wage) == "6100.00"
    # the confirmation is used once
    again = client_a.post(
        page(report_a, "roster/import/confirm/"), {"version": report_a.version}, follow=True
    )
    assert "没有等待确认的名册文件" in again.content.decode()


def test_cancelling_the_confirmation_writes_nothing(client_a, report_a, person, settings):
    kept = make_line(report_a, person)
    client_a.post(
        page(report_a, "roster/import/"), {"mode": "replace", "file": roster_file([row_for(make_person())])}
    )
    assert len(list(settings.ROSTER_IMPORT_STAGING_DIR.iterdir())) == 1  # the checked file waits
    response = client_a.post(page(report_a, "roster/import/confirm/"), {"cancel": "1"}, follow=True)
    assert "已取消导入，名册没有改动" in response.content.decode()
    assert list(RosterLine.objects.filter(report=report_a)) == [kept]
    assert list(settings.ROSTER_IMPORT_STAGING_DIR.iterdir()) == []  # and is gone


def test_a_roster_changed_after_the_count_is_not_overwritten(client_a, report_a, person, staff_a):
    from decimal import Decimal

    from quota.services import LineData, roster_line_add

    client_a.post(
        page(report_a, "roster/import/"), {"mode": "replace", "file": roster_file([row_for(person)])}
    )
    other = make_person(name="李四")
    number = other.decrypt("certificate")
    roster_line_add(  # someone else adds a line meanwhile: the counts shown are out of date
        report=report_a,
        by=staff_a,
        certificate_kind="disability",
        certificate_no=number,
        name="李四",
        data=LineData(monthly_wage=Decimal("5000")),
    )
    response = client_a.post(
        page(report_a, "roster/import/confirm/"), {"version": report_a.version}, follow=True
    )
    assert "申报已被其他人修改" in response.content.decode()
    assert list(RosterLine.objects.filter(report=report_a).values_list("person__name", flat=True)) == ["李四"]


def test_more_than_fifty_problems_show_fifty_with_the_total_and_the_full_download(client_a, report_a):
    people = [make_person() for _ in range(60)]
    rows = [row_for(p, **{"月工资(元)": "abc"}) for p in people]
    text = client_a.post(
        page(report_a, "roster/import/"), {"mode": "merge", "file": roster_file(rows)}
    ).content.decode()
    assert "名册文件有 60 处问题" in text
    assert "共 60 处问题，这里列出前 50 处，全部问题请下载问题清单" in text
    assert text.count("月工资“abc”不是数字") == 50
    assert "下载全部 60 处问题的清单" in text
    sheet = load_workbook(BytesIO(client_a.get(page(report_a, "roster/errors.xlsx")).content)).active
    assert sheet.max_row == 61  # header and all 60


def test_the_waiting_file_is_stored_encrypted(client_a, report_a, settings):
    """A roster holds names and certificate numbers: the file waiting for confirmation is
    AES-GCM ciphertext, not the upload (an xlsx is a zip, so its bytes would start with PK)."""
    newcomer = make_person()
    client_a.post(
        page(report_a, "roster/import/"), {"mode": "merge", "file": roster_file([row_for(newcomer)])}
    )
    (staged,) = settings.ROSTER_IMPORT_STAGING_DIR.iterdir()
    stored = staged.read_bytes()
    assert stored.startswith(b"v1:")
    assert b"PK" not in stored[:4] and newcomer.decrypt("certificate").encode() not in stored
    done = client_a.post(page(report_a, "roster/import/confirm/"), {"version": report_a.version}, follow=True)
    assert "名册导入成功" in done.content.decode()
    assert RosterLine.objects.filter(report=report_a, person=newcomer).exists()
