"""Django-side wrappers of the pure identifier validators (``identifiers.core``): Chinese
ValidationErrors keyed by field. Every validator normalises first (NFKC, ASCII only)."""

from django.core.exceptions import ValidationError

from identifiers.core import (
    CertificateInfo,
    IdentifierError,
    ResidentIdInfo,
    parse_certificate_no,
    validate_credit_code,
    validate_resident_id,
    validate_veteran_certificate_no,
)


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


def clean_veteran_certificate_no(value: str, field: str = "certificate_no") -> str:
    try:
        return validate_veteran_certificate_no(value)
    except IdentifierError as exc:
        raise ValidationError({field: exc.message}) from exc


def clean_credit_code(value: str, field: str = "credit_code") -> str:
    try:
        return validate_credit_code(value)
    except IdentifierError as exc:
        raise ValidationError({field: exc.message}) from exc
