"""Registry services validate identifiers and refuse duplicates with Chinese, field-keyed messages."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from backend.accounts.choices import CertificateKind
from backend.accounts.models import Employer, Person, User
from backend.accounts.selectors import person_disability
from backend.accounts.services import (
    CertificateInput,
    employer_activate,
    employer_register,
    person_create,
    seeker_register,
)

pytestmark = pytest.mark.django_db


def _errors(exc_info):
    return exc_info.value.message_dict


def test_valid_resident_id_derives_birth_date_and_sex():
    person = person_create(name="王芳", resident_id="11010519491231002X")
    assert person.birth_date == date(1949, 12, 31)
    assert person.sex == "F"


def test_changed_check_character_is_rejected_on_the_field():
    with pytest.raises(ValidationError) as exc:
        person_create(name="王芳", resident_id="110105194912310021")
    assert "校验位" in _errors(exc)["resident_id"][0]
    assert Person.objects.count() == 0


def test_certificate_category_and_grade_are_derived():
    person = person_create(
        name="李明",
        resident_id="11010519491231002X",
        certificate=CertificateInput(kind=CertificateKind.DISABILITY, number="11010519491231002X42"),
    )
    assert person_disability(person) == {"category": 4, "grade": 2}


@pytest.mark.parametrize(
    ("number", "fragment"),
    [
        ("11010519491231002X4", "20位"),  # wrong length
        ("11010519491231002X82", "类别"),  # bad category digit
        ("11010519491231002X45", "等级"),  # bad grade digit
        ("11010519491231002142", "校验位"),  # bad ID part
    ],
)
def test_bad_certificate_numbers_are_rejected(number, fragment):
    with pytest.raises(ValidationError) as exc:
        person_create(
            name="李明",
            resident_id="11010519491231002X",
            certificate=CertificateInput(kind=CertificateKind.DISABILITY, number=number),
        )
    assert fragment in _errors(exc)["certificate_no"][0]


def test_certificate_must_belong_to_the_holder(make):
    other = make.make_resident_id()
    with pytest.raises(ValidationError) as exc:
        person_create(
            name="李明",
            resident_id="11010519491231002X",
            certificate=CertificateInput(kind=CertificateKind.DISABILITY, number=f"{other}11"),
        )
    assert "一致" in _errors(exc)["certificate_no"][0]


def test_veteran_certificate_needs_a_grade_from_1_to_8():
    with pytest.raises(ValidationError) as exc:
        person_create(
            name="赵军",
            resident_id="11010519491231002X",
            certificate=CertificateInput(
                kind=CertificateKind.VETERAN, number="JS2019001234", veteran_grade=9
            ),
        )
    assert "1至8" in _errors(exc)["veteran_grade"][0]
    person = person_create(
        name="赵军",
        resident_id="11010519491231002X",
        certificate=CertificateInput(kind=CertificateKind.VETERAN, number="JS2019001234", veteran_grade=3),
    )
    assert person_disability(person) == {"category": None, "grade": 3}


def test_the_same_resident_id_cannot_register_twice():
    person_create(name="王芳", resident_id="11010519491231002X")
    with pytest.raises(ValidationError) as exc:
        person_create(name="王芳", resident_id="11010519491231002x")
    assert "已经登记" in _errors(exc)["resident_id"][0]
    assert Person.objects.count() == 1


def test_credit_codes_are_normalised_and_checked(make):
    region = make.region("320585100")
    user = employer_register(
        username="hr1",
        password="a-long-enough-pass",
        employer_name="测试公司",
        credit_code=" ９１１１００００６０００３７３４１l ",  # full-width, lower case: NFKC and upper-cased
        org_type="enterprise",
        region=region,
    )
    assert Employer.objects.get().credit_code == "91110000600037341L"
    assert not user.is_active
    with pytest.raises(ValidationError) as exc:
        employer_register(
            username="hr2",
            password="a-long-enough-pass",
            employer_name="另一家",
            credit_code="91350100M000100Y44",
            org_type="enterprise",
            region=region,
        )
    assert "credit_code" in _errors(exc)
    employer_register(
        username="hr3",
        password="a-long-enough-pass",
        employer_name="另一家",
        credit_code="91350100m000100y43",
        org_type="enterprise",
        region=region,
    )
    assert Employer.objects.count() == 2


def test_employer_activation_activates_its_staff(make):
    region = make.region("320585100")
    user = employer_register(
        username="hr1",
        password="a-long-enough-pass",
        employer_name="测试公司",
        credit_code="91110000600037341L",
        org_type="enterprise",
        region=region,
    )
    employer_activate(employer=Employer.objects.get(), by=make.make_auditor())
    user.refresh_from_db()
    assert user.is_active and Employer.objects.get().status == "active"


def test_weak_passwords_are_refused_and_nothing_is_saved():
    with pytest.raises(ValidationError) as exc:
        seeker_register(username="newbie", password="12345678", name="王芳", resident_id="11010519491231002X")
    assert "password" in _errors(exc)
    assert User.objects.filter(username="newbie").count() == 0
    assert Person.objects.count() == 0
