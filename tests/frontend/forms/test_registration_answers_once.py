"""The registration pages answer once (issue 14): one submit reports every problem, keeps what
was typed (except the password, with a hint that says so), and reads phone numbers as people
write them."""

from datetime import date

import pytest
from django.test import Client

from backend.accounts.demo import credit_code, resident_id
from backend.accounts.models import Employer, Person, User

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-enough-pass"


def seeker_form(**overrides) -> dict:
    rid = resident_id("320585", date(1988, 3, 4), 31)
    data = {
        "username": "wangfang88",
        "password": PASSWORD,
        "name": "王芳",
        "resident_id": rid,
        "phone": "13900000001",
        "region": "320585100",
        "certificate_kind": "disability",
        "certificate_no": f"{rid}42",
    }
    return {**data, **overrides}


def errors_of(response) -> str:
    return response.content.decode()


def test_seeker_registration_reports_every_format_problem_in_one_submit():
    response = Client().post(
        "/register/seeker/",
        seeker_form(name="", resident_id="12345", phone="139-1234", username="a", password="123"),
    )
    text = errors_of(response)
    assert response.status_code == 200
    assert "请填写姓名" in text  # the form's own required check …
    assert "身份证号" in text and 'id="id_resident_id-error"' in text  # … and the service's formats
    assert 'id="id_phone-error"' in text
    assert 'id="id_username-error"' in text
    assert 'id="id_password-error"' in text
    assert not User.objects.filter(username="a").exists()


def test_seeker_registration_keeps_typed_values_but_not_the_password():
    response = Client().post("/register/seeker/", seeker_form(name="", phone="139 1234 5678"))
    text = errors_of(response)
    assert 'value="wangfang88"' in text
    assert 'value="139 1234 5678"' in text
    assert PASSWORD not in text
    assert "页面退回时不保留密码，请重新输入" in text


def test_seeker_phone_written_with_hyphens_or_spaces_is_stored_as_eleven_digits():
    response = Client().post("/register/seeker/", seeker_form(phone="139-1234-5678"))
    assert response.status_code == 302
    person = User.objects.get(username="wangfang88").person
    assert person.phone == "13912345678"
    assert Person.objects.count() == 1


def employer_form(**overrides) -> dict:
    data = {
        "employer_name": "太仓示例制造有限公司",
        "credit_code": credit_code("enterprise", "320585", 71),
        "org_type": "enterprise",
        "region": "320585100",
        "contact_name": "李红",
        "contact_phone": "0512 5371 2345",
        "username": "hr_lihong",
        "password": PASSWORD,
    }
    return {**data, **overrides}


def test_employer_registration_reports_credit_code_phone_and_password_together():
    response = Client().post(
        "/register/employer/",
        employer_form(credit_code="123", contact_phone="12", password="123", org_type=""),
    )
    text = errors_of(response)
    for field in ("credit_code", "contact_phone", "password", "org_type"):
        assert f'id="id_{field}-error"' in text, field
    assert 'value="太仓示例制造有限公司"' in text
    assert not Employer.objects.filter(name="太仓示例制造有限公司").exists()
    assert not User.objects.filter(username="hr_lihong").exists()


def test_employer_registration_with_a_spaced_landline_is_saved():
    response = Client().post("/register/employer/", employer_form())
    assert response.status_code == 302
    assert Employer.objects.get(name="太仓示例制造有限公司").contact_phone == "0512-53712345"
