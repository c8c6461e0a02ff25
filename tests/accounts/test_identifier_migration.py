"""Migration accounts 0006: stored identifiers rewritten in their normalised form and blind
indexes rebuilt; rows that turn out to be the same person or employer are reported, not merged."""

import importlib
from datetime import date

import pytest
from django.apps import apps

from backend.accounts.crypto import blind_index, cipher
from backend.accounts.demo import credit_code, resident_id
from backend.accounts.models import Employer, IdentifierFinding, Person
from backend.accounts.selectors import person_find_by_resident_id
from backend.accounts.services import CertificateInput, certificate_index, person_create
from quota.models import RosterLine
from tests.quota.factories import make_report

pytestmark = pytest.mark.django_db

migration = importlib.import_module("backend.accounts.migrations.0006_identifier_normalisation")


def full_width(text: str) -> str:
    return "".join(chr(ord(char) + 0xFEE0) for char in text)


def new_id(seq: int) -> str:
    return resident_id("320585", date(1979, 5, 6), seq)


def registered(seq: int) -> Person:
    rid = new_id(seq)
    return person_create(
        name=f"人员{seq}",
        resident_id=rid,
        certificate=CertificateInput(kind="disability", number=f"{rid}42"),
    )


def store_as_typed(person: Person, rid: str) -> Person:
    """What the old code stored: the number as typed, indexed after ``strip().upper()`` only."""
    number = f"{rid}42"
    person.resident_id_enc = cipher().encrypt(rid, person.aad("resident_id"))
    person.resident_id_bidx = blind_index(rid.strip().upper(), "resident_id")
    person.certificate_enc = cipher().encrypt(number, person.aad("certificate"))
    person.certificate_bidx = blind_index(number.strip().upper(), "certificate:disability")
    person.save()
    return person


def run():
    migration.normalise_identifiers(apps, None)


def test_a_full_width_identifier_is_rewritten_and_found_by_its_ascii_form(make):
    rid, employer = new_id(21), make.make_employer()
    person = store_as_typed(registered(22), full_width(rid))
    old_index = person.certificate_bidx
    line = RosterLine.objects.create(
        report=make_report(employer, by=make.make_employer_user(employer)),
        person=person,
        certificate_bidx=old_index,
        certificate_kind="disability",
        months=[1],
        monthly_wage="5000.00",
    )
    assert person_find_by_resident_id(rid) is None  # the bug: invisible to the ASCII lookup
    run()
    person.refresh_from_db()
    assert person.decrypt("resident_id") == rid
    assert person.decrypt("certificate") == f"{rid}42"
    assert person_find_by_resident_id(rid) == person
    assert person.certificate_bidx == certificate_index("disability", f"{rid}42") != old_index
    line.refresh_from_db()
    assert line.certificate_bidx == person.certificate_bidx  # the 挂靠 check compares these
    assert not IdentifierFinding.objects.exists()


def test_arabic_indic_digits_stored_by_the_old_validator_become_ascii():
    rid = new_id(23)
    person = store_as_typed(registered(24), rid.replace("5", "\u0665"))  # "٥": int() read it as 5
    run()
    person.refresh_from_db()
    assert person.decrypt("resident_id") == rid
    assert person_find_by_resident_id(rid) == person


def test_the_same_person_registered_twice_is_reported_not_merged(capsys):
    first = registered(25)
    rid = first.decrypt("resident_id")
    second = store_as_typed(registered(26), full_width(rid))
    before = (second.resident_id_enc, second.resident_id_bidx, second.certificate_bidx)
    run()
    second.refresh_from_db()
    assert (second.resident_id_enc, second.resident_id_bidx, second.certificate_bidx) == before
    assert Person.objects.count() == 2
    assert person_find_by_resident_id(rid) == first
    found = set(IdentifierFinding.objects.values_list("table", "field", "problem", "record_id", "other_id"))
    assert found == {
        ("person", "resident_id", "duplicate", second.pk, first.pk),
        ("person", "certificate", "duplicate", second.pk, first.pk),
    }
    printed = capsys.readouterr().out
    assert f"person #{second.pk} 的 resident_id 与 #{first.pk} 相同，未合并" in printed
    assert rid not in printed and full_width(rid) not in printed


def test_credit_codes_are_normalised_and_collisions_reported(make):
    first, second, third = (make.make_employer() for _ in range(3))
    code_two = credit_code("enterprise", "320585", 7702)
    Employer.objects.filter(pk=second.pk).update(credit_code=full_width(code_two).lower())
    Employer.objects.filter(pk=third.pk).update(credit_code=full_width(first.credit_code))
    run()
    assert Employer.objects.get(pk=second.pk).credit_code == code_two
    assert Employer.objects.get(pk=third.pk).credit_code == full_width(first.credit_code)  # kept
    finding = IdentifierFinding.objects.get()
    assert (finding.table, finding.field, finding.record_id, finding.other_id) == (
        "employer",
        "credit_code",
        third.pk,
        first.pk,
    )


def test_running_it_again_changes_nothing():
    person = store_as_typed(registered(27), full_width(new_id(28)))
    run()
    person.refresh_from_db()
    after = (person.resident_id_enc, person.certificate_enc)
    run()
    person.refresh_from_db()
    assert (person.resident_id_enc, person.certificate_enc) == after
