"""Django-side wrappers of the pure identifier validators: Chinese ValidationErrors keyed by field."""

from django.core.exceptions import ValidationError

from quota.core.credit_code import validate_credit_code
from quota.core.errors import IdentifierError
from quota.core.identifiers import CertificateInfo, ResidentIdInfo, parse_certificate_no, validate_resident_id


def clean_resident_id(value: str, field: str = "resident_id") -> ResidentIdInfo:
    try:
        return validate_resident_id(value)
    except IdentifierError as exc:
        raise ValidationError({field: exc.message}) from exc


def clean_certificate_no(value: str, field: str = "certificate_no") -> CertificateInfo:
    try:
        return parse_certificate_no(value)
    except IdentifierError as exc:
        raise ValidationError({field: exc.message}) from exc


def clean_credit_code(value: str, field: str = "credit_code") -> str:
    try:
        return validate_credit_code(value)
    except IdentifierError as exc:
        raise ValidationError({field: exc.message}) from exc
