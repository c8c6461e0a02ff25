"""The 核验数据导入 pages: upload → preview → confirm → history, errors named, who may use them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from registry.models import DataImport, InsuranceRecord

from .helpers import INSURANCE_HEADER, csv_bytes, insurance_line

pytestmark = pytest.mark.django_db
PAGE = reverse("frontend:registry_imports")
UPLOAD = reverse("frontend:registry_import_upload")
CONFIRM = reverse("frontend:registry_import_confirm")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post_file(client, lines, kind="insurance"):
    file = SimpleUploadedFile("社保2025.csv", csv_bytes(INSURANCE_HEADER, lines), content_type="text/csv")
    return client.post(UPLOAD, {"kind": kind, "file": file})


def test_upload_preview_confirm_and_history(make):
    client = signed_in(make.make_auditor())
    page = client.get(PAGE)
    assert page.status_code == 200
    assert "<h1>核验数据导入</h1>" in page.content.decode()
    assert page["Cache-Control"] == "no-store"
    response = post_file(client, [insurance_line(1), insurance_line(2)])
    assert response.status_code == 302 and response["Location"] == CONFIRM
    assert not InsuranceRecord.objects.exists()
    preview = client.get(CONFIRM).content.decode()
    assert "确认导入社保缴费明细" in preview
    assert '<tr><th scope="row">新增</th><td>2</td></tr>' in preview
    assert "**********" in preview  # resident ids masked
    done = client.post(CONFIRM, follow=True)
    assert "共 2 行，新增 2，更新 0，未变 0" in done.content.decode()
    assert InsuranceRecord.objects.count() == 2
    history = client.get(PAGE).content.decode()
    assert "社保2025.csv" in history and "共 1 次导入" in history


def test_errors_are_listed_by_row_and_column_and_nothing_is_staged(make):
    client = signed_in(make.make_admin())
    response = post_file(client, [insurance_line(1), insurance_line(2, month="2025-13")])
    body = response.content.decode()
    assert response.status_code == 200
    assert 'href="#import-errors"' in body
    assert '<th scope="row">第 3 行</th><td>month</td>' in body
    assert client.get(CONFIRM).status_code == 302  # nothing waits for confirmation
    assert not DataImport.objects.exists()


def test_a_form_error_is_linked_from_the_summary(make):
    client = signed_in(make.make_auditor())
    body = client.post(UPLOAD, {"kind": "insurance"}).content.decode()
    assert 'href="#id_file"' in body and "请选择要导入的文件" in body


def test_cancel_forgets_the_file(make):
    client = signed_in(make.make_auditor())
    post_file(client, [insurance_line(1)])
    client.post(CONFIRM, {"cancel": "1"})
    assert client.get(CONFIRM).status_code == 302
    assert not InsuranceRecord.objects.exists()


@pytest.mark.parametrize("who", ["make_seeker", "make_employer_user"])
def test_other_roles_do_not_get_the_pages(make, who):
    client = signed_in(getattr(make, who)())
    before = DataImport.objects.count()  # a seeker's verified certificate comes with a test extract
    assert client.get(PAGE).status_code == 404
    assert post_file(client, [insurance_line(1)]).status_code == 404
    assert DataImport.objects.count() == before


def test_the_menu_offers_the_page_to_auditors_and_administrators(make):
    for user in (make.make_auditor(), make.make_admin()):
        assert f'href="{PAGE}"' in signed_in(user).get(reverse("frontend:home")).content.decode()


def test_uploads_are_throttled_per_user(make, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {
            **settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"],
            "registry_import": "2/hour",
        },
    }
    client = signed_in(make.make_auditor())
    assert [post_file(client, [insurance_line(1)]).status_code for _ in range(3)] == [302, 302, 429]
    assert "上传次数过多" in post_file(client, [insurance_line(1)]).content.decode()
