"""An auditor's recorded confirmation of a roster line's certificate (人工核验).

The registry extract is the first source (63号 联网认证); a certificate it does not list — a
残疾军人证, which the 残联 extract never holds, or a 残疾人证 issued after the last extract — is
verified by a 残联 auditor who checked the original, with a reason and the evidence recorded.
A certificate the extract lists as 注销/死亡/迁出/过期 cannot be confirmed by hand: the extract
must be corrected at its source.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from backend.accounts.models import User
from backend.accounts.permissions import Decision, require_decision
from quota.models import RosterLine
from quota.services.recheck import rosters_recheck_years

from ..choices import CertificateStatus
from ..models import CertificateConfirmation, CertificateRecord

TEXT_MAX = 300


def _text(value: str, field: str, label: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError({field: f"请填写{label}"})
    if len(text) > TEXT_MAX:
        raise ValidationError({field: f"{label}不能超过{TEXT_MAX}个字（现有{len(text)}个字）"})
    return text


@transaction.atomic
def certificate_confirm(
    *,
    line: RosterLine,
    by: User,
    valid_from: date,
    valid_until: date | None,
    reason: str,
    evidence: str,
) -> CertificateConfirmation:
    """Record that ``by`` checked the certificate of ``line`` and found it valid from
    ``valid_from`` to ``valid_until`` (inclusive; None: no end date on the certificate)."""
    require_decision(by, Decision.CERTIFICATE_CONFIRM, employer=line.report.employer)
    errors = {}
    if not isinstance(valid_from, date):
        errors["valid_from"] = "请填写核验有效起始日（证件发证日期或本次核验确认的起始日）"
    elif valid_until is not None and valid_until < valid_from:
        errors["valid_until"] = "核验有效截止日不能早于起始日"
    for field, value, label in (
        ("reason", reason, "核验理由"),
        ("evidence", evidence, "核验依据（材料名称、编号）"),
    ):
        try:
            _text(value, field, label)
        except ValidationError as error:
            errors.update(error.message_dict)
    record = CertificateRecord.objects.filter(certificate_bidx=line.certificate_bidx).first()
    if record is not None and record.status != CertificateStatus.VALID:
        errors["valid_from"] = (
            f"核验库中该证状态为“{record.get_status_display()}”，不能人工核验；"
            "如核验库有误，请由残联更正核验库后重新导入"
        )
    if errors:
        raise ValidationError(errors)
    confirmation = CertificateConfirmation(
        certificate_bidx=line.certificate_bidx,
        certificate_kind=line.certificate_kind,
        valid_from=valid_from,
        valid_until=valid_until,
        reason=reason.strip(),
        evidence=evidence.strip(),
        confirmed_by=by,
    )
    confirmation.full_clean()
    confirmation.save()
    # The auditors' tables follow: re-check the years whose filed rosters carry this certificate.
    years = RosterLine.objects.filter(certificate_bidx=line.certificate_bidx).values_list(
        "report__data_year", flat=True
    )
    rosters_recheck_years(years=set(years), reason="人工核验残疾人证")
    return confirmation
