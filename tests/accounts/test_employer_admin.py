"""The admin site keeps employers' contact details and status, but not their master data (三员分立):
read-only on the change form, refused if posted anyway, no revert from the history. A new
employer's credit code is normalised by the one identifier function wherever it enters."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from backend.accounts.demo import credit_code
from backend.accounts.models import Employer
from backend.accounts.services import employer_register, employer_registry_change

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_browser(make):
    client = Client()
    client.force_login(make.make_admin())
    return client


def _change_form(employer, **overrides) -> dict:
    values = {
        "name": employer.name,
        "credit_code": employer.credit_code,
        "org_type": employer.org_type,
        "region": employer.region_id,
        "industry": employer.industry,
        "address": employer.address,
        "contact_name": employer.contact_name,
        "contact_phone": employer.contact_phone,
        "status": employer.status,
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    values.update(overrides)
    return values


def test_master_data_is_read_only_on_the_admin_change_form(admin_browser, make):
    employer = make.make_employer(org_type="institution")
    url = f"/admin/accounts/employer/{employer.pk}/change/"
    page = admin_browser.get(url).content.decode()
    assert 'name="contact_name"' in page
    for field in ("name", "credit_code", "org_type", "region", "sheltered"):
        assert f'name="{field}"' not in page

    response = admin_browser.post(url, _change_form(employer, org_type="enterprise", contact_name="王芳"))
    assert response.status_code == 302
    fresh = Employer.objects.get(pk=employer.pk)
    assert (fresh.org_type, fresh.contact_name) == ("institution", "王芳")


def test_reverting_master_data_from_the_history_is_refused(admin_browser, make):
    employer = make.make_employer(org_type="institution")
    old_version = employer.history.get().history_id
    auditor = make.make_auditor("320585")
    employer_registry_change(
        employer=employer, changes={"org_type": "government"}, reason="划为机关", by=auditor
    )
    url = f"/admin/accounts/employer/{employer.pk}/history/{old_version}/"
    response = admin_browser.post(url, _change_form(employer, org_type="institution"))
    assert response.status_code == 403
    assert Employer.objects.get(pk=employer.pk).org_type == "government"


def test_an_employer_added_in_the_admin_gets_a_normalised_credit_code(admin_browser, make):
    code = credit_code("enterprise", "320585", 9301)
    # Full-width and lower case (NFKC, GB 32100-2015 upper case); dashes are refused, see below.
    messy = " " + "".join(chr(ord(c) + 0xFEE0) for c in code.lower()) + " "
    response = admin_browser.post(
        "/admin/accounts/employer/add/",
        _change_form(
            Employer(
                name="新单位", credit_code=messy, org_type="enterprise", region=make.region("320585100")
            ),
            status="pending",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Employer.objects.get(name="新单位").credit_code == code


def test_a_bad_credit_code_in_the_admin_is_refused_on_its_field(admin_browser, make):
    response = admin_browser.post(
        "/admin/accounts/employer/add/",
        _change_form(
            Employer(
                name="新单位", credit_code="91320585MA0000000X", org_type="enterprise", region=make.region()
            ),
        ),
    )
    assert response.status_code == 200
    assert "统一社会信用代码校验位不正确" in response.content.decode()
    assert not Employer.objects.filter(name="新单位").exists()


def test_self_registration_finds_a_duplicate_written_differently(make):
    code = credit_code("enterprise", "320585", 9302)
    kwargs = dict(
        password="a-long-enough-pass", employer_name="甲", org_type="enterprise", region=make.region()
    )
    employer_register(username="hr1", credit_code=code, **kwargs)
    with pytest.raises(ValidationError) as refused:
        full_width = "".join(chr(ord(c) + 0xFEE0) for c in code.lower())  # NFKC gives the code back
        employer_register(username="hr2", credit_code=full_width, **kwargs)
    assert refused.value.message_dict["credit_code"] == [
        "该统一社会信用代码已注册，请联系本单位管理员为您开通账号"
    ]
    assert Employer.objects.count() == 1


def test_a_registry_decision_normalises_the_new_credit_code(make):
    employer = make.make_employer()
    code = credit_code("enterprise", "320585", 9303)
    employer_registry_change(
        employer=employer,
        changes={
            "credit_code": f"{code[:9]}{chr(ord(code[9]) + 0xFEE0)}{code[10:]}".lower()
        },  # a full-width character
        reason="换发营业执照",
        by=make.make_auditor("320585"),
    )
    assert Employer.objects.get(pk=employer.pk).credit_code == code


def test_a_dash_in_a_credit_code_is_refused_by_name(make):
    employer = make.make_employer()
    code = credit_code("enterprise", "320585", 9304)
    with pytest.raises(ValidationError) as refused:
        employer_registry_change(
            employer=employer,
            changes={"credit_code": f"{code[:9]}－{code[9:]}"},  # a full-width dash: NFKC gives "-"
            reason="换发营业执照",
            by=make.make_auditor("320585"),
        )
    assert refused.value.message_dict["credit_code"] == [
        "统一社会信用代码只能包含数字和大写字母（不用I、O、Z、S、V），第10位“-”不是"
    ]
