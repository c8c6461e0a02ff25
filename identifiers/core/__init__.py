"""Pure identifier parsing shared by the registry and the quota engine.

Standard library only, no Django (tests/test_core_purity.py). Every identifier is normalised
first (NFKC, ASCII digits and upper-case letters only), then validated; every function raises
:class:`IdentifierError` with a stable ``code`` and a Chinese message.
"""

from .certificate import (
    CATEGORY_NAMES,
    CertificateInfo,
    certificate_number,
    certificate_person_key,
    parse_certificate_no,
    validate_veteran_certificate_no,
)
from .credit_code import validate_credit_code
from .errors import IdentifierError
from .normalize import CREDIT_CODE_ALPHABET, KINDS, fold_identifier, normalize_identifier
from .resident_id import ResidentIdInfo, validate_resident_id

__all__ = [
    "CATEGORY_NAMES",
    "CREDIT_CODE_ALPHABET",
    "KINDS",
    "CertificateInfo",
    "IdentifierError",
    "ResidentIdInfo",
    "certificate_number",
    "certificate_person_key",
    "fold_identifier",
    "normalize_identifier",
    "parse_certificate_no",
    "validate_credit_code",
    "validate_resident_id",
    "validate_veteran_certificate_no",
]
