"""The roster upload's refusals as a person sees them in Chromium: a file over the size limit and
a file with a DOCTYPE each come back as the roster page with the reason on the file field, the
error summary focused, and no axe violations (normal and 长辈版)."""

from decimal import Decimal

import pytest

from backend.accounts.choices import Role
from tests.frontend.quota.xlsx import roster_file, row_for
from tests.quota.factories import make_employer, make_person, make_report, make_user
from tests.quota.upload_files import with_doctype

from .conftest import assert_accessible, login_as, set_elder_mode

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def draft(db):
    employer = make_employer(name="太仓甲精密机械有限公司")
    staff = make_user(Role.EMPLOYER, employer=employer)
    report = make_report(
        employer, by=staff, data_year=2025, employee_count=Decimal("200"), total_wages=Decimal("4000000")
    )
    return {"staff": staff, "report": report, "person": make_person(name="王小明")}


def upload(page, url, name, data):
    page.goto(url)
    page.get_by_label("替换现有名册").check()
    page.set_input_files(
        "#id_file", files=[{"name": name, "mimeType": "application/octet-stream", "buffer": data}]
    )
    page.get_by_role("button", name="导入名册").click()
    page.wait_for_load_state()


def check_refused(page, reason):
    assert page.title().startswith("错误："), page.title()
    assert "error-summary" in page.evaluate("document.activeElement.className")
    assert reason in page.locator("#id_file-error").inner_text()
    assert_accessible(page)


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder"])
def test_a_file_over_the_limit_and_a_doctype_are_explained_on_the_page(page, draft, settings, elder):
    settings.ROSTER_UPLOAD_MAX_BYTES = 100_000  # the browser sends a 300 KB file
    login_as(page, draft["staff"])
    if elder:
        set_elder_mode(page, draft["staff"])
    url = f"{page.base_url}/employer/quota/{draft['report'].pk}/roster/"
    upload(page, url, "roster.xlsx", b"PK" + bytes(300_000))
    assert page.url == url + "import/"
    check_refused(page, "文件超过97KB，请删除多余的内容或分成几份导入")
    assert page.locator("#id_mode_0").is_checked()  # the mode, sent before the file, is kept

    settings.ROSTER_UPLOAD_MAX_BYTES = 5 * 1024 * 1024
    data = with_doctype(roster_file([row_for(draft["person"])]).read())
    upload(page, url, "roster.xlsx", data)
    assert "文件包含不允许的内容（DOCTYPE）" in page.locator("#import-errors").inner_text()
    assert_accessible(page)
