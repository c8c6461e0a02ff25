"""Resident IDs and certificate numbers are encrypted at rest and found through a blind index."""

import base64

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from backend.accounts.checks import encryption_keys_check
from backend.accounts.crypto import DecryptionError, mask_identifier
from backend.accounts.keycheck import verify_encryption_keys
from backend.accounts.models import Person
from backend.accounts.selectors import person_disability, person_find_by_resident_id

pytestmark = pytest.mark.django_db

OTHER_KEY = "other:" + base64.b64encode(b"a-completely-different-key-32-b!").decode()


def _raw_rows():
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_person")
        return [" ".join(str(value) for value in row) for row in cursor.fetchall()]


def test_raw_columns_hold_no_plaintext_identifiers(make):
    person = make.make_person(category=1, grade=2)
    rid = person.decrypt("resident_id")
    cert = person.decrypt("certificate")
    assert len(rid) == 18 and cert == rid + "12"
    dump = " ".join(_raw_rows())
    assert rid not in dump
    assert rid[:17] not in dump  # not even without the check character
    assert cert not in dump
    assert '"category"' not in dump


def test_lookup_by_resident_id_uses_the_blind_index(make):
    person = make.make_person()
    rid = person.decrypt("resident_id")
    assert person_find_by_resident_id(rid) == person
    assert person_find_by_resident_id(rid.lower()) == person
    assert person_find_by_resident_id("11010519491231002X") is None


def test_disability_details_are_encrypted_and_derived_from_the_certificate(make):
    person = make.make_person(category=5, grade=3)
    assert person_disability(person) == {"category": 5, "grade": 3}
    assert person.disability_enc.startswith("v1:")


def test_ciphertext_moved_to_another_row_does_not_decrypt(make):
    first, second = make.make_person(), make.make_person()
    Person.objects.filter(pk=second.pk).update(resident_id_enc=first.resident_id_enc)
    second.refresh_from_db()
    with pytest.raises(DecryptionError):
        second.decrypt("resident_id")


def test_wrong_key_fails_loudly_at_start_up(make, settings):
    make.make_person()
    verify_encryption_keys()  # the right key passes
    settings.FIELD_ENCRYPTION_KEYS = {"other": base64.b64decode(OTHER_KEY.split(":")[1])}
    settings.FIELD_ENCRYPTION_CURRENT_KEY = "other"
    with pytest.raises(ImproperlyConfigured, match="Encryption key check failed"):
        verify_encryption_keys()
    errors = encryption_keys_check(None, databases=["default"])
    assert [e.id for e in errors] == ["accounts.E001"]


def test_key_rotation_keeps_old_values_readable(make, settings):
    person = make.make_person()
    old = dict(settings.FIELD_ENCRYPTION_KEYS)
    settings.FIELD_ENCRYPTION_KEYS = {"new": b"n" * 32, **old}
    settings.FIELD_ENCRYPTION_CURRENT_KEY = "new"
    assert len(person.decrypt("resident_id")) == 18
    newer = make.make_person()
    assert newer.resident_id_enc.startswith("v1:new:")


def test_mask_identifier_keeps_only_the_ends():
    assert mask_identifier("320585199001011234") == "3205**********1234"
