"""The one place that decides how much of an identifier a masked value shows.

A masked value is shown without an access-log entry, so it must not let anyone rebuild the
number or read what it encodes:

* a resident ID (GB 11643-1999) shows its first 4 and last 4 characters. The 8 hidden digits
  in the middle are the birth date, so a masked ID is never shown beside the birth date
  (``PersonSerializer`` carries neither the birth date nor an age; the full values come only from
  the logged reveal) — with the birth date and the region an auditor rebuilt whole IDs;
* a 第二代残疾人证号 is the holder's resident ID followed by the category digit, the grade digit
  and sometimes a reissue suffix. Its first 18 characters are masked exactly like the resident
  ID (so the two masks together show nothing more than one), and everything after them — the
  category and the grade, sensitive personal information (个人信息保护法 第二十八条) — is hidden;
* a 残疾军人证号 has no national format; it shows its first 2 and last 2 characters at most;
* anything else shows nothing.

Pages, serializers and exports call these functions (``crypto.mask_identifier`` forwards to
``mask_any`` for older callers).
"""

import re

from .choices import CertificateKind

_RESIDENT_ID = re.compile(r"\d{17}[\dXx]")
_DISABILITY_CERTIFICATE = re.compile(r"\d{17}[\dXx]\d{2}[0-9A-Za-z]{0,2}")
SHOWN_AT_START = 4
SHOWN_AT_END = 4


def _stars(n: int) -> str:
    return "*" * max(n, 0)


def mask_resident_id(value: str) -> str:
    """ "32058519800101123X" → "3205**********123X" (the birth date is hidden)."""
    value = (value or "").strip()
    if not value:
        return ""
    if len(value) <= SHOWN_AT_START + SHOWN_AT_END:
        return _stars(len(value))
    return value[:SHOWN_AT_START] + _stars(len(value) - SHOWN_AT_START - SHOWN_AT_END) + value[-SHOWN_AT_END:]


def mask_disability_certificate(value: str) -> str:
    """The resident-ID part masked as ``mask_resident_id``; category, grade and suffix hidden:
    "32058519800101123X42" → "3205**********123X**"."""
    value = (value or "").strip()
    if not value:
        return ""
    if len(value) < 18:
        return _stars(len(value))
    return mask_resident_id(value[:18]) + _stars(len(value) - 18)


def mask_veteran_certificate(value: str) -> str:
    """First 2 and last 2 characters of a 残疾军人证号 (all hidden when shorter than 7)."""
    value = (value or "").strip()
    if len(value) < 7:
        return _stars(len(value))
    return value[:2] + _stars(len(value) - 4) + value[-2:]


def mask_certificate(value: str, kind: str = CertificateKind.DISABILITY) -> str:
    """A certificate number of ``kind`` (CertificateKind or the roster's certificate kind)."""
    if not value:
        return ""
    if kind == CertificateKind.VETERAN:
        return mask_veteran_certificate(value)
    return mask_disability_certificate(value)


def mask_any(value: str) -> str:
    """An identifier of unknown kind (free text, older callers): recognised by its shape, and
    never more shown than the strictest mask of a kind it could be."""
    value = (value or "").strip()
    if _RESIDENT_ID.fullmatch(value):
        return mask_resident_id(value)
    if _DISABILITY_CERTIFICATE.fullmatch(value):
        return mask_disability_certificate(value)
    return mask_veteran_certificate(value)
