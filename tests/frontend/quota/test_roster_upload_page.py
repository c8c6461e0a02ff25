"""The roster page's upload under hostile input: an oversized body is refused from its
Content-Length (the CSRF check still works, the file is never stored), a DOCTYPE or damaged file
is a message on the page, and a filed or approved report takes no upload."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from quota.choices import ReportStatus
from quota.core.file_checks import MIB
from quota.models import RosterLine
from tests.quota.factories import make_line, make_report
from tests.quota.upload_files import (
    MULTIPART,
    SHEET,
    SpyStream,
    csv_bytes,
    multipart,
    part,
    rezip,
    upload,
    with_doctype,
)

from .test_report_wizard import page
from .xlsx import roster_file, row_for

TOO_LARGE = "文件超过10MB，请删除多余的内容或分成几份导入（每份不超过10MB）"


@pytest.fixture
def csrf_client(staff_a):
    """A browser: CSRF checks on, the token taken from the page as a form would send it."""
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff_a)
    return client


def csrf_token(client, report) -> str:
    client.get(page(report, "roster/"))
    return client.cookies["csrftoken"].value


def test_a_60mb_body_is_refused_before_it_is_read_and_the_page_says_why(csrf_client, report_a, person):
    kept = make_line(report_a, person)
    body = multipart(
        {"csrfmiddlewaretoken": csrf_token(csrf_client, report_a), "mode": "merge"}, b"PK" + b"\0" * 300_000
    )
    spy = SpyStream(body)
    response = csrf_client.post(
        page(report_a, "roster/import/"),
        data=body,
        content_type=MULTIPART,
        CONTENT_LENGTH=str(60 * MIB),
        **{"wsgi.input": spy},
    )
    assert response.status_code == 413
    text = response.content.decode()
    assert f'href="#id_file">选择填好的名册文件（.xlsx 或 .csv）：{TOO_LARGE}</a>' in text
    assert spy.bytes_read <= 128 * 1024  # the CSRF token and the parser's look-ahead only
    assert list(RosterLine.objects.filter(report=report_a)) == [kept]


def test_a_file_a_little_over_the_limit_is_read_away_and_refused_on_the_page(
    settings, csrf_client, report_a, person
):
    settings.ROSTER_UPLOAD_MAX_BYTES = 100_000
    body = multipart(
        {"csrfmiddlewaretoken": csrf_token(csrf_client, report_a), "mode": "merge"}, b"PK" + b"\0" * 250_000
    )
    spy = SpyStream(body)
    response = csrf_client.post(
        page(report_a, "roster/import/"), data=body, content_type=MULTIPART, **{"wsgi.input": spy}
    )
    assert response.status_code == 413
    assert "文件超过97KB" in response.content.decode()
    assert spy.bytes_read == len(body)  # drained (so the browser gets the page), never stored
    assert "文件不超过97KB" in response.content.decode()  # the hint names the limit too


def test_a_file_with_a_doctype_is_a_message_not_a_500(client_a, report_a, person):
    xxe = b'<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
    data = with_doctype(roster_file([row_for(person)]).read(), declaration=xxe)
    data = rezip(data, {SHEET: part(data, SHEET).replace(b"<t>", b"<t>&e;", 1)})  # and used
    response = client_a.post(page(report_a, "roster/import/"), {"mode": "replace", "file": upload(data)})
    assert response.status_code == 200
    assert "文件包含不允许的内容（DOCTYPE），请用 Excel 重新保存为 .xlsx 后上传" in response.content.decode()
    assert not RosterLine.objects.filter(report=report_a).exists()


def test_a_damaged_xlsx_is_a_message_not_a_500(client_a, report_a, person):
    data = roster_file([row_for(person)]).read()
    response = client_a.post(
        page(report_a, "roster/import/"), {"mode": "replace", "file": upload(data[:-100])}
    )
    assert response.status_code == 200
    assert "文件已损坏或不是有效的 .xlsx 文件" in response.content.decode()


@pytest.mark.parametrize("state", [ReportStatus.SUBMITTED, ReportStatus.RESUBMITTED, ReportStatus.APPROVED])
def test_filed_and_approved_reports_take_no_upload(state, client_a, employer_a, staff_a, person):
    report = make_report(employer_a, by=staff_a, data_year=2023, status=state)
    response = client_a.post(
        page(report, "roster/import/"), {"mode": "replace", "file": roster_file([row_for(person)])}
    )
    assert response["Location"] == page(report)
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        f"该申报{report.get_status_display()}，不能再修改。"
    ]
    assert not RosterLine.objects.filter(report=report).exists()


def test_a_csv_file_imports_on_the_page(client_a, report_a, person):
    headers = list(row_for(person))
    data = csv_bytes([list(row_for(person).values())], headers=headers, encoding="gb18030")
    response = client_a.post(
        page(report_a, "roster/import/"), {"mode": "replace", "file": upload(data, "名册.csv")}
    )
    assert response["Location"] == page(report_a, "roster/import/confirm/")
    assert not RosterLine.objects.filter(report=report_a).exists()  # not before the confirmation
    response = client_a.post(page(report_a, "roster/import/confirm/"), {"version": report_a.version})
    assert response["Location"] == page(report_a, "roster/")
    assert list(RosterLine.objects.filter(report=report_a).values_list("person", flat=True)) == [person.pk]
