"""Employer master data through the pages: the profile edits contact details only, the employer
files a change request, an auditor of its region decides it on the auditors' employer pages, and
both see who decided, when, why and which fields changed. A member of two employers chooses
which one they act for; nothing picks one silently."""

import pytest
from django.test import Client

from backend.accounts.choices import AuditorKind
from backend.accounts.demo import credit_code
from backend.accounts.models import Employer, EmployerChangeRequest
from quota.models import QuotaReport

pytestmark = pytest.mark.django_db


def browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def world(make):
    emp_a = make.make_employer(region_code="320585100", name="甲公司", org_type="institution")
    emp_b = make.make_employer(region_code="320585101", name="乙公司")
    auditor = make.make_auditor("320585100")
    auditor.first_name = "李审核"
    auditor.save()
    return {
        "emp_a": emp_a,
        "emp_b": emp_b,
        "hr_a": make.make_employer_user(emp_a),
        "member_a": make.make_employer_user(emp_a, is_admin=False),
        "hr_b": make.make_employer_user(emp_b),
        "auditor_a": auditor,
        "auditor_b": make.make_auditor("320585101"),
        "tax": make.make_auditor("320585", kind=AuditorKind.TAX),
        "admin": make.make_admin(),
    }


def _registry_form(employer, **overrides) -> dict:
    values = {
        "name": employer.name,
        "credit_code": employer.credit_code,
        "org_type": employer.org_type,
        "region": employer.region.code,
        "sheltered": "yes" if employer.sheltered else "no",
        "reason": "",
    }
    values.update(overrides)
    return values


# --- profile -----------------------------------------------------------------------------


def test_the_profile_form_has_no_master_data_and_a_posted_name_is_ignored(world):
    client = browser(world["hr_a"])
    page = client.get("/employer/profile/").content.decode()
    assert 'name="contact_phone"' in page and 'name="name"' not in page and 'name="org_type"' not in page

    response = client.post(
        "/employer/profile/", {"contact_phone": "13912345678", "name": "改名", "org_type": "enterprise"}
    )
    assert response.status_code == 302
    fresh = Employer.objects.get(pk=world["emp_a"].pk)
    assert (fresh.contact_phone, fresh.name, fresh.org_type) == ("13912345678", "甲公司", "institution")


def test_a_bad_phone_is_shown_on_its_field(world):
    response = browser(world["hr_a"]).post("/employer/profile/", {"contact_phone": "12"})
    assert response.status_code == 200
    assert "手机号应为11位数字" in response.content.decode()
    assert response.context["form"].errors["contact_phone"]


def test_an_ordinary_member_sees_but_cannot_edit_or_request(world):
    client = browser(world["member_a"])
    page = client.get("/employer/profile/").content.decode()
    assert "只有本单位管理员" in page and 'name="contact_phone"' not in page
    client.post("/employer/profile/", {"contact_phone": "13912345678"})
    response = client.post(
        "/employer/profile/change-request/", _registry_form(world["emp_a"], name="新名", reason="更名")
    )
    assert response.status_code == 200 and not EmployerChangeRequest.objects.exists()
    assert Employer.objects.get(pk=world["emp_a"].pk).contact_phone == ""


# --- the journey through the pages ----------------------------------------------------------


def test_employer_files_auditor_approves_and_both_pages_show_who_when_why(world):
    emp_a, hr = world["emp_a"], world["hr_a"]
    new_code = credit_code("enterprise", "320585", 9101)
    form = _registry_form(emp_a, name="甲科技有限公司", credit_code=new_code, org_type="enterprise")

    missing = browser(hr).post("/employer/profile/change-request/", form)
    assert missing.status_code == 200 and "请写明申请理由" in missing.content.decode()

    filed = browser(hr).post("/employer/profile/change-request/", {**form, "reason": "事业单位改制为企业"})
    assert filed.status_code == 302
    request = EmployerChangeRequest.objects.get()
    assert request.changes == {"name": "甲科技有限公司", "credit_code": new_code, "org_type": "enterprise"}
    profile = browser(hr).get("/employer/profile/").content.decode()
    assert "待审核" in profile and "正在审核" in profile

    auditor = browser(world["auditor_a"])
    listing = auditor.get("/auditor/employers/change-requests/").content.decode()
    assert "甲公司" in listing and "单位性质：事业单位 → 企业" in listing
    assert "1份待审核" in auditor.get("/auditor/employers/").content.decode()
    detail_url = f"/auditor/employers/change-requests/{request.pk}/"
    assert "事业单位改制为企业" in auditor.get(detail_url).content.decode()

    decided = auditor.post(detail_url, {"decision": "approve", "reason": "已核对改制批复和新营业执照"})
    assert decided.status_code == 302
    fresh = Employer.objects.get(pk=emp_a.pk)
    assert (fresh.name, fresh.credit_code, fresh.org_type) == ("甲科技有限公司", new_code, "enterprise")

    for client, url in ((browser(hr), "/employer/profile/"), (auditor, f"/auditor/employers/{emp_a.pk}/")):
        page = client.get(url).content.decode()
        assert "已批准" in page
        assert "李审核（残联审核人员）" in page
        assert f"批准变更申请（第{request.pk}号）：已核对改制批复和新营业执照" in page
        assert "单位性质：事业单位 → 企业" in page
        assert f"统一社会信用代码：{emp_a.credit_code} → {new_code}" in page


def test_a_rejection_is_shown_to_the_employer_with_its_reason(world):
    browser(world["hr_a"]).post(
        "/employer/profile/change-request/", _registry_form(world["emp_a"], sheltered="yes", reason="新认定")
    )
    request = EmployerChangeRequest.objects.get()
    browser(world["auditor_a"]).post(
        f"/auditor/employers/change-requests/{request.pk}/",
        {"decision": "reject", "reason": "未见民政认定文件"},
    )
    page = browser(world["hr_a"]).get("/employer/profile/").content.decode()
    assert "已驳回" in page and "未见民政认定文件" in page
    assert Employer.objects.get(pk=world["emp_a"].pk).sheltered is False


def test_an_auditor_takes_a_registry_decision_on_the_employer_page(world):
    emp_a = world["emp_a"]
    url = f"/auditor/employers/{emp_a.pk}/registry/"
    client = browser(world["auditor_a"])
    no_reason = client.post(url, _registry_form(emp_a, org_type="government"))
    assert no_reason.status_code == 200 and "请写明变更理由" in no_reason.content.decode()
    done = client.post(url, _registry_form(emp_a, org_type="government", reason="机构改革，划为机关"))
    assert done.status_code == 302
    assert Employer.objects.get(pk=emp_a.pk).org_type == "government"
    assert (
        "登记信息变更决定：机构改革，划为机关"
        in client.get(f"/auditor/employers/{emp_a.pk}/").content.decode()
    )


def test_pages_refuse_decisions_outside_scope_and_to_other_roles(world):
    emp_a = world["emp_a"]
    browser(world["hr_a"]).post(
        "/employer/profile/change-request/", _registry_form(emp_a, org_type="enterprise", reason="改制")
    )
    request = EmployerChangeRequest.objects.get()
    decide = {"decision": "approve", "reason": "x"}
    url = f"/auditor/employers/change-requests/{request.pk}/"
    assert browser(world["auditor_b"]).get(url).status_code == 404
    assert browser(world["auditor_b"]).post(url, decide).status_code == 404
    assert browser(world["auditor_b"]).get(f"/auditor/employers/{emp_a.pk}/").status_code == 404
    for name in ("tax", "admin"):
        page = browser(world[name]).post(url, decide)
        assert page.status_code == 200 and 'name="decision"' not in page.content.decode()
        registry = browser(world[name]).post(
            f"/auditor/employers/{emp_a.pk}/registry/",
            _registry_form(emp_a, org_type="enterprise", reason="x"),
        )
        assert registry.status_code == 200
    assert "三员分立" in browser(world["admin"]).get(url).content.decode()
    assert browser(world["hr_b"]).get(url).status_code == 404
    assert EmployerChangeRequest.objects.get().status == "pending"
    assert Employer.objects.get(pk=emp_a.pk).org_type == "institution"


def test_the_change_request_list_is_scoped_to_the_auditors_regions(world):
    browser(world["hr_a"]).post(
        "/employer/profile/change-request/", _registry_form(world["emp_a"], name="甲新", reason="更名")
    )
    assert (
        "甲公司"
        not in browser(world["auditor_b"]).get("/auditor/employers/change-requests/").content.decode()
    )


# --- the acting employer ----------------------------------------------------------------------


@pytest.fixture
def two_hats(make, world):
    """An HR administrator of both 甲 and 乙."""
    user = make.make_employer_user(world["emp_a"])
    user.memberships.create(employer=world["emp_b"], is_admin=True)
    return user


@pytest.mark.parametrize("path", ["/employer/profile/", "/employer/quota/", "/employer/postings/"])
def test_a_member_of_two_employers_is_asked_which_one_first(two_hats, path):
    response = browser(two_hats).get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/employer/choose/?next=")


def test_the_choice_is_remembered_and_decides_what_the_pages_act_for(two_hats, world, make):
    QuotaReport.objects.create(employer=world["emp_b"], created_by=two_hats, data_year=2023)
    client = browser(two_hats)
    chooser = client.get("/employer/choose/?next=/employer/quota/").content.decode()
    assert "甲公司" in chooser and "乙公司" in chooser

    chosen = client.post("/employer/choose/", {"employer": world["emp_b"].pk, "next": "/employer/quota/"})
    assert chosen.status_code == 302 and chosen["Location"] == "/employer/quota/"
    reports = client.get("/employer/quota/")
    assert reports.status_code == 200 and reports.context["employer"] == world["emp_b"]
    assert [r.employer for r in reports.context["reports"]] == [world["emp_b"]]
    assert client.get("/employer/profile/").context["employer"] == world["emp_b"]

    client.post("/employer/choose/", {"employer": world["emp_a"].pk})
    assert client.get("/employer/quota/").context["reports"].count() == 0
    assert client.get("/employer/profile/").context["employer"] == world["emp_a"]


def test_the_chooser_refuses_a_foreign_employer_and_an_outside_next(two_hats, world, make):
    other = make.make_employer()
    client = browser(two_hats)
    refused = client.post("/employer/choose/", {"employer": other.pk})
    assert refused.status_code == 200 and "请选择您任职的单位" in refused.content.decode()
    assert client.get("/employer/profile/").status_code == 302  # still no choice
    chosen = client.post(
        "/employer/choose/", {"employer": world["emp_a"].pk, "next": "https://evil.example/"}
    )
    assert chosen["Location"] == "/employer/profile/"


def test_a_choice_that_is_no_longer_valid_is_forgotten(two_hats, world):
    client = browser(two_hats)
    client.post("/employer/choose/", {"employer": world["emp_b"].pk})
    two_hats.memberships.filter(employer=world["emp_b"]).delete()
    page = client.get("/employer/profile/")
    assert page.status_code == 200 and page.context["employer"] == world["emp_a"]


def test_a_one_employer_user_never_sees_the_chooser(world):
    response = browser(world["hr_a"]).get("/employer/quota/")
    assert response.status_code == 200 and response.context["employer"] == world["emp_a"]
