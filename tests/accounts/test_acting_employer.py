"""One answer to "for which employer does this user act": ``acting_employer``. A member of two
employers must say which (pages: the chooser; API: an explicit ``employer``); nothing silently
takes the first membership."""

import pytest

from backend.accounts.models import Employer, EmployerChangeRequest
from backend.accounts.selectors import EmployerChoiceRequired, acting_employer
from matching.models import JobPosting
from quota.models import QuotaReport

from ..conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(make):
    """An HR administrator of 甲 and 乙."""
    emp_a = make.make_employer(name="甲公司")
    emp_b = make.make_employer(name="乙公司")
    user = make.make_employer_user(emp_a)
    user.memberships.create(employer=emp_b, is_admin=True)
    return user, emp_a, emp_b


def test_one_employer_is_simply_that_employer(make):
    employer = make.make_employer()
    assert acting_employer(make.make_employer_user(employer)) == employer


def test_two_employers_need_a_choice(two):
    user, emp_a, emp_b = two
    with pytest.raises(EmployerChoiceRequired) as refused:
        acting_employer(user)
    assert refused.value.message_dict == {"employer": ["您是多家单位的工作人员，请先选择代表哪家单位办理"]}
    assert acting_employer(user, emp_b.pk) == emp_b
    assert acting_employer(user, str(emp_a.pk)) == emp_a


def test_a_foreign_or_malformed_choice_is_refused(two, make):
    user, _, _ = two
    for requested in (make.make_employer().pk, "abc", 10**30):
        with pytest.raises(Employer.DoesNotExist):
            acting_employer(user, requested)


def test_other_roles_act_for_no_employer(make):
    assert acting_employer(make.make_auditor()) is None
    assert acting_employer(make.make_admin()) is None
    assert acting_employer(make.make_user("employer")) is None  # staff role, no employer yet


def test_change_request_api_needs_an_explicit_employer_from_a_member_of_two(two):
    user, emp_a, emp_b = two
    client = client_for(user)
    missing = client.post(
        "/api/v1/employer-change-requests/", {"name": "新名", "reason": "更名"}, format="json"
    )
    assert missing.status_code == 400 and "employer" in missing.json()["errors"]
    given = client.post(
        "/api/v1/employer-change-requests/",
        {"name": "乙公司（新）", "reason": "更名", "employer": emp_b.pk},
        format="json",
    )
    assert given.status_code == 201 and given.json()["employer"] == emp_b.pk
    assert EmployerChangeRequest.objects.get().employer == emp_b


def test_quota_report_api_needs_an_explicit_employer_from_a_member_of_two(two):
    user, emp_a, emp_b = two
    client = client_for(user)
    missing = client.post("/api/v1/quota/reports", {"data_year": 2024}, format="json")
    assert missing.status_code == 400 and "employer" in missing.json()["errors"]
    assert not QuotaReport.objects.exists()
    given = client.post("/api/v1/quota/reports", {"data_year": 2024, "employer": emp_a.pk}, format="json")
    assert given.status_code == 201
    assert QuotaReport.objects.get().employer == emp_a


def test_job_api_needs_an_explicit_employer_from_a_member_of_two(two):
    user, emp_a, emp_b = two
    body = {
        "title": "包装工",
        "description": "产品包装",
        "region": "320585100",
        "employment_form": "competitive",
        "hours": "full_time",
        "education": "none",
        "headcount": 1,
    }
    client = client_for(user)
    missing = client.post("/api/v1/jobs/", body, format="json")
    assert missing.status_code == 400 and "employer" in missing.json()["errors"]
    given = client.post("/api/v1/jobs/", {**body, "employer": emp_b.pk}, format="json")
    assert given.status_code == 201, given.json()
    assert JobPosting.objects.get().employer == emp_b
