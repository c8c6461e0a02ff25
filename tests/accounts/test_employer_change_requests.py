"""Registry decisions and change requests through the API: the employer files, an auditor of its
region decides, the history shows who, when, why and which fields; two-user (BOLA) checks on
every endpoint."""

import pytest
from django.utils import timezone

from backend.accounts.choices import AuditorKind
from backend.accounts.demo import credit_code
from backend.accounts.models import Employer, EmployerChangeRequest

from ..conftest import client_for

pytestmark = pytest.mark.django_db

REQUESTS = "/api/v1/employer-change-requests/"


@pytest.fixture
def world(make):
    emp_a = make.make_employer(region_code="320585100", name="甲公司", org_type="institution")
    emp_b = make.make_employer(region_code="320585101", name="乙公司")
    return {
        "emp_a": emp_a,
        "emp_b": emp_b,
        "hr_a": make.make_employer_user(emp_a),
        "member_a": make.make_employer_user(emp_a, is_admin=False),
        "hr_b": make.make_employer_user(emp_b),
        "auditor_a": make.make_auditor("320585100"),  # 城厢镇
        "auditor_b": make.make_auditor("320585101"),
        "auditor_city": make.make_auditor("320585", kind=AuditorKind.HRSS),
        "tax": make.make_auditor("320585", kind=AuditorKind.TAX),
        "admin": make.make_admin(),
    }


def _file(user, body):
    return client_for(user).post(REQUESTS, body, format="json")


def _history(user, employer):
    return client_for(user).get(f"/api/v1/employers/{employer.pk}/history/")


# --- the journey -------------------------------------------------------------------------


def test_employer_files_the_auditor_approves_and_the_history_says_who_when_why(world):
    emp_a, hr_a, auditor = world["emp_a"], world["hr_a"], world["auditor_a"]
    auditor.first_name = "李审核"
    auditor.save()
    new_code = credit_code("enterprise", "320585", 9001)

    filed = _file(hr_a, {"name": "甲科技有限公司", "credit_code": new_code.lower(), "reason": "改制为企业"})
    assert filed.status_code == 201, filed.json()
    body = filed.json()
    assert body["status"] == "pending"
    assert body["changes"] == {"name": "甲科技有限公司", "credit_code": new_code}  # normalised
    assert body["previous"] == {"name": "甲公司", "credit_code": emp_a.credit_code}
    assert Employer.objects.get(pk=emp_a.pk).name == "甲公司"  # nothing changes before the decision

    before = timezone.now()
    decided = client_for(auditor).post(
        f"{REQUESTS}{body['id']}/approve/", {"reason": "已核对新营业执照"}, format="json"
    )
    assert decided.status_code == 200, decided.json()
    assert decided.json()["status"] == "approved"
    assert decided.json()["decided_by"] == "李审核"

    fresh = Employer.objects.get(pk=emp_a.pk)
    assert (fresh.name, fresh.credit_code) == ("甲科技有限公司", new_code)

    # The employer sees the outcome, and the history (employer and auditor alike).
    seen = client_for(hr_a).get(f"{REQUESTS}{body['id']}/").json()
    assert (seen["status"], seen["decision_reason"]) == ("approved", "已核对新营业执照")
    for reader in (hr_a, auditor):
        latest = _history(reader, emp_a).json()[0]
        assert latest["by"] == "李审核（残联审核人员）"
        assert latest["reason"] == f"批准变更申请（第{body['id']}号）：已核对新营业执照"
        assert latest["registry"] is True
        assert {(c["label"], c["old"], c["new"]) for c in latest["changes"]} == {
            ("单位名称", "甲公司", "甲科技有限公司"),
            ("统一社会信用代码", emp_a.credit_code, new_code),
        }
        assert latest["at"] >= before.isoformat()[:19]


def test_the_auditor_rejects_with_a_reason_and_nothing_changes(world):
    filed = _file(world["hr_a"], {"org_type": "enterprise", "reason": "我们其实是企业"}).json()
    no_reason = client_for(world["auditor_a"]).post(f"{REQUESTS}{filed['id']}/reject/", {}, format="json")
    assert no_reason.status_code == 400 and "reason" in no_reason.json()["errors"]

    rejected = client_for(world["auditor_a"]).post(
        f"{REQUESTS}{filed['id']}/reject/", {"reason": "事业单位法人证书仍有效"}, format="json"
    )
    assert rejected.status_code == 200 and rejected.json()["status"] == "rejected"
    assert Employer.objects.get(pk=world["emp_a"].pk).org_type == "institution"
    mine = client_for(world["hr_a"]).get(REQUESTS).json()["results"]
    assert [(r["status"], r["decision_reason"]) for r in mine] == [("rejected", "事业单位法人证书仍有效")]
    again = client_for(world["auditor_a"]).post(
        f"{REQUESTS}{filed['id']}/approve/", {"reason": "改主意"}, format="json"
    )
    assert again.status_code == 400
    assert Employer.objects.get(pk=world["emp_a"].pk).org_type == "institution"


def test_a_request_needs_a_reason_and_a_real_change(world):
    hr_a = world["hr_a"]
    assert set(_file(hr_a, {"org_type": "enterprise"}).json()["errors"]) == {"reason"}
    same = _file(hr_a, {"name": "甲公司", "reason": "x"})
    assert same.status_code == 400 and "changes" in same.json()["errors"]
    bad = _file(hr_a, {"credit_code": "123", "region": "320585", "reason": "x"})
    assert bad.status_code == 400
    assert set(bad.json()["errors"]) == {"credit_code", "region"}  # 320585 is the county, not a town
    taken = _file(hr_a, {"credit_code": world["emp_b"].credit_code, "reason": "x"})
    assert taken.status_code == 400 and "credit_code" in taken.json()["errors"]
    assert not EmployerChangeRequest.objects.exists()


def test_one_open_request_at_a_time(world):
    assert _file(world["hr_a"], {"name": "甲一", "reason": "更名"}).status_code == 201
    second = _file(world["hr_a"], {"name": "甲二", "reason": "再更名"})
    assert second.status_code == 400 and "changes" in second.json()["errors"]
    assert EmployerChangeRequest.objects.count() == 1


def test_approval_checks_the_values_again(world):
    code = credit_code("enterprise", "320585", 9002)
    filed = _file(world["hr_a"], {"credit_code": code, "reason": "换证"}).json()
    # Meanwhile another employer got that code by a registry decision.
    client_for(world["auditor_city"]).post(
        f"/api/v1/employers/{world['emp_b'].pk}/registry-change/",
        {"credit_code": code, "reason": "更正录入错误"},
        format="json",
    )
    response = client_for(world["auditor_a"]).post(
        f"{REQUESTS}{filed['id']}/approve/", {"reason": "核对"}, format="json"
    )
    assert response.status_code == 400 and "credit_code" in response.json()["errors"]
    assert EmployerChangeRequest.objects.get().status == "pending"
    assert Employer.objects.get(pk=world["emp_a"].pk).credit_code != code


# --- who may do what (two users) ---------------------------------------------------------


def test_only_the_employers_administrator_files_for_it(world):
    body = {"name": "乙改名", "reason": "x", "employer": world["emp_b"].pk}
    assert _file(world["hr_a"], body).status_code == 404
    assert _file(world["member_a"], {"name": "甲改名", "reason": "x"}).status_code == 403
    assert _file(world["auditor_city"], {"name": "甲改名", "reason": "x"}).status_code == 403
    assert _file(world["admin"], {"name": "甲改名", "reason": "x"}).status_code == 403
    assert not EmployerChangeRequest.objects.exists()


def test_requests_are_seen_and_decided_only_within_scope(world):
    filed = _file(world["hr_a"], {"org_type": "enterprise", "reason": "改制"}).json()
    url = f"{REQUESTS}{filed['id']}/"
    assert client_for(world["hr_b"]).get(url).status_code == 404
    assert client_for(world["hr_b"]).get(REQUESTS).json()["results"] == []
    assert client_for(world["auditor_b"]).get(url).status_code == 404
    assert (
        client_for(world["auditor_b"]).post(f"{url}approve/", {"reason": "x"}, format="json").status_code
        == 404
    )
    # The tax office does not keep the registry; administrators take no decisions (三员分立).
    assert client_for(world["tax"]).post(f"{url}approve/", {"reason": "x"}, format="json").status_code == 403
    assert client_for(world["admin"]).get(url).status_code == 200
    assert (
        client_for(world["admin"]).post(f"{url}approve/", {"reason": "x"}, format="json").status_code == 403
    )
    assert client_for(world["hr_a"]).post(f"{url}approve/", {"reason": "x"}, format="json").status_code == 403
    assert EmployerChangeRequest.objects.get().status == "pending"
    assert Employer.objects.get(pk=world["emp_a"].pk).org_type == "institution"


# --- registry decisions without a request -------------------------------------------------


def _decide(user, employer, body):
    return client_for(user).post(f"/api/v1/employers/{employer.pk}/registry-change/", body, format="json")


def test_an_auditor_changes_master_data_by_a_decision_with_a_reason(world):
    emp_a = world["emp_a"]
    assert set(_decide(world["auditor_a"], emp_a, {"sheltered": True}).json()["errors"]) == {"reason"}
    response = _decide(world["auditor_a"], emp_a, {"sheltered": True, "reason": "民政局认定为集中安置单位"})
    assert response.status_code == 200 and response.json()["sheltered"] is True
    latest = _history(world["hr_a"], emp_a).json()[0]
    assert latest["reason"] == "登记信息变更决定：民政局认定为集中安置单位"
    assert latest["changes"] == [{"label": "集中安置单位认定", "old": "否", "new": "是"}]


def test_registry_decisions_are_refused_outside_scope_and_to_other_roles(world):
    emp_a = world["emp_a"]
    body = {"org_type": "enterprise", "reason": "x"}
    assert _decide(world["hr_a"], emp_a, body).status_code == 403
    assert _decide(world["admin"], emp_a, body).status_code == 403
    assert _decide(world["tax"], emp_a, body).status_code == 403
    assert _decide(world["auditor_b"], emp_a, body).status_code == 404
    assert Employer.objects.get(pk=emp_a.pk).org_type == "institution"


def test_a_town_auditor_cannot_hand_an_employer_to_another_town(world):
    emp_a = world["emp_a"]
    body = {"region": "320585101", "reason": "迁址"}
    assert _decide(world["auditor_a"], emp_a, body).status_code == 403
    assert Employer.objects.get(pk=emp_a.pk).region.code == "320585100"
    assert _decide(world["auditor_city"], emp_a, body).status_code == 200
    assert Employer.objects.visible_to(world["auditor_b"]).filter(pk=emp_a.pk).exists()
    assert not Employer.objects.visible_to(world["auditor_a"]).filter(pk=emp_a.pk).exists()


def test_history_is_scoped_like_the_employer(world):
    assert _history(world["hr_b"], world["emp_a"]).status_code == 404
    assert _history(world["auditor_b"], world["emp_a"]).status_code == 404
    first = _history(world["hr_a"], world["emp_a"]).json()
    assert [e["reason"] for e in first] == ["单位注册"]


def test_contact_changes_are_in_the_history_too(world):
    client_for(world["hr_a"]).patch(
        f"/api/v1/employers/{world['emp_a'].pk}/", {"contact_name": "王芳"}, format="json"
    )
    latest = _history(world["auditor_a"], world["emp_a"]).json()[0]
    assert latest["reason"] == "单位更新联系信息" and latest["registry"] is False
    assert latest["changes"] == [{"label": "联系人", "old": "（空）", "new": "王芳"}]


def test_activation_is_in_the_history_in_chinese_with_who_did_it(world, make):
    pending = make.make_employer(region_code="320585100", status="pending")
    client_for(world["auditor_a"]).post(f"/api/v1/employers/{pending.pk}/activate/")
    latest = _history(world["auditor_a"], pending).json()[0]
    assert latest["reason"] == "注册审核通过，激活单位"
    assert latest["by"].endswith("（残联审核人员）")
    assert latest["changes"] == [{"label": "状态", "old": "待审核", "new": "已激活"}]
