"""实名制就业记录 pages and the roster-draft step in the browser: zero axe violations, in normal
and 长辈版 mode, on each list and each form's error state; no sideways scrolling at 320px."""

from datetime import date
from decimal import Decimal

import pytest

from backend.accounts.choices import Role
from matching.models import Employment
from tests.quota.factories import make_employer, make_person, make_report, make_user

from .conftest import login_as, set_elder_mode
from .test_quota_pages import check, check_error_state

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    employer = make_employer(name="太仓甲精密机械有限公司")
    person = make_person(name="王小明")
    record = Employment.objects.create(person=person, employer=employer, start_date=date.today())
    report = make_report(employer, data_year=date.today().year, employee_count=Decimal("200"))
    return {
        "staff": make_user(Role.EMPLOYER, employer=employer),
        "seeker": make_user(Role.SEEKER, person=person),
        "auditor": make_user(Role.AUDITOR, regions=["320585"], auditor_kind="dpf"),
        "record": record,
        "report": report,
        "person": person,
    }


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
def test_employment_record_pages_are_accessible(page, world, elder):
    auditor = world["auditor"]
    login_as(page, auditor)
    if elder:
        set_elder_mode(page, auditor)
    page.goto(page.base_url + "/auditor/employment-records/")
    check(page)
    page.goto(page.base_url + "/auditor/employment-records/?year=abc")
    check_error_state(page)
    page.goto(page.base_url + "/auditor/employment-records/new/")
    check(page)
    page.get_by_role("button", name="录入").click()
    page.wait_for_load_state()
    check_error_state(page)
    page.goto(page.base_url + f"/auditor/employment-records/{world['record'].pk}/")
    check(page)
    page.get_by_role("button", name="保存更正").click()
    page.wait_for_load_state()
    check_error_state(page)
    for user, url in (
        (world["staff"], "/employer/employment-records/"),
        (world["seeker"], "/me/employment-records/"),
    ):
        page.context.clear_cookies()
        login_as(page, user)
        if elder:
            set_elder_mode(page, user)
        page.goto(page.base_url + url)
        check(page)


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
def test_roster_draft_pages_are_accessible(page, world, elder):
    staff, report = world["staff"], world["report"]
    login_as(page, staff)
    if elder:
        set_elder_mode(page, staff)
    page.goto(page.base_url + f"/employer/quota/{report.pk}/roster/draft/")
    check(page)
    page.goto(page.base_url + f"/employer/quota/{report.pk}/roster/draft/{world['person'].pk}/")
    check(page)
    page.get_by_role("button", name="保存", exact=True).click()
    page.wait_for_load_state()
    check_error_state(page)
