"""Who may take a decision: the role checks shared by the audit and decision services.

Views already scope querysets with ``visible_to`` (out of scope → 404); these checks are the
service-level backstop, so a command or task cannot bypass separation of duties (三员分立:
administrators read decisions but never take them).
"""

from django.core.exceptions import PermissionDenied

from backend.accounts.choices import Role
from backend.accounts.models import Employer, EmployerMembership, User


def require_auditor_for(by: User, employer: Employer) -> None:
    """The actor must be an auditor whose regions include the employer."""
    if by.role != Role.AUDITOR:
        raise PermissionDenied("只有审核人员可以作出该决定")
    if not Employer.objects.visible_to(by).filter(pk=employer.pk).exists():
        raise PermissionDenied("该单位不在您负责的区域内")


def require_staff_of(by: User, employer: Employer) -> None:
    """The actor must be staff of the employer."""
    if by.role != Role.EMPLOYER or not EmployerMembership.objects.filter(user=by, employer=employer).exists():
        raise PermissionDenied("只有本单位的工作人员可以提出")
