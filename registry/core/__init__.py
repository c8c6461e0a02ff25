"""Pure parsing of the two verified-fact imports (issue 10 §2, §3): one row of cells in, a frozen
dataclass or a list of Chinese errors out. Standard library and ``identifiers.core`` only (no
Django: tests/test_core_purity.py); reading files and writing rows is ``registry.services``.
"""

from .certificates import CERTIFICATE_COLUMNS, STATUS_BY_TEXT, CertificateRow, parse_certificate_row
from .errors import MAX_ERRORS, RowError
from .header import header_columns
from .insurance import INSURANCE_COLUMNS, INSURANCE_TYPES, InsuranceRow, parse_insurance_row, parse_types

__all__ = [
    "CERTIFICATE_COLUMNS",
    "INSURANCE_COLUMNS",
    "INSURANCE_TYPES",
    "MAX_ERRORS",
    "STATUS_BY_TEXT",
    "CertificateRow",
    "InsuranceRow",
    "RowError",
    "header_columns",
    "parse_certificate_row",
    "parse_insurance_row",
    "parse_types",
]
