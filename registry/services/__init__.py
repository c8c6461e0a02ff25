"""Writes of the registry app: the two imports and the re-check hook they call."""

from .confirmations import certificate_confirm
from .files import UPLOAD_MAX_BYTES, FileProblem
from .imports import (
    ImportCheck,
    ImportRefused,
    certificates_import,
    insurance_import,
    registry_import,
    registry_import_check,
)
from .recheck import rosters_recheck_after_import

__all__ = [
    "UPLOAD_MAX_BYTES",
    "certificate_confirm",
    "FileProblem",
    "ImportCheck",
    "ImportRefused",
    "certificates_import",
    "insurance_import",
    "registry_import",
    "registry_import_check",
    "rosters_recheck_after_import",
]
