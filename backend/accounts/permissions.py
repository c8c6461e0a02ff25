"""Who may see and do what: the one place where roles, memberships, regions and auditor kinds
become yes or no (style.md §15).

Services take the acting user (``by=``) and call ``require_*`` here; querysets scope with
``visible_to``; API views and pages only translate the answer (403/404). Nothing else in the
code base re-implements a membership, region or role check.

三员分立 (security.md): administrators keep the system running and read what they must, but they
take no audit, money or credit decision — ``may_decide`` is False for them whatever the action.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models

from .choices import AuditorKind, Role


class Decision(models.TextChoices):
    """The decisions an auditor takes; which auditor kind may take which is ``DECISIONS_BY_KIND``."""

    REPORT_REVIEW = "report_review", "审核按比例就业申报"
    AUDIT_RUN = "audit_run", "运行年度审核"
    CERTIFICATE_CONFIRM = "certificate_confirm", "人工核验残疾人证"
    LEVY_NOTICE = "levy_notice", "开具和调整保障金缴款通知"
    LEDGER_PROPOSE = "ledger_propose", "提出补贴、奖励发放"
    LEDGER_APPROVE = "ledger_approve", "复核批准补贴、奖励"
    LEDGER_PAY = "ledger_pay", "登记补贴、奖励已发放"
    CREDIT_PROPOSE = "credit_propose", "发起失信认定（告知）"
    CREDIT_DECIDE = "credit_decide", "作出失信认定或信用修复决定"
    REGISTRY_CHANGE = "registry_change", "变更单位登记信息"
    REGISTRATION_REVIEW = "registration_review", "核实与已登记人员重复的求职者注册"
    EMPLOYMENT_RECORD = "employment_record", "录入实名制就业记录"
    EMPLOYMENT_CORRECT = "employment_correct", "更正实名制就业记录"


# [A] The rules doc names the agencies but not a split of duties between them, so this table is
# the platform's convention, kept in one place: the 残联 employment-service agency certifies
# rosters (63号) and reviews reports; the tax office issues levy notices and records payments
# (方案: the levy is declared and paid at the tax office); 人社局 and 残联 propose and approve
# levy-fund spending (72号 Art.19–21); credit decisions are taken by 人社局 or 残联 and any agency
# may start one. A second person is still required wherever a service asks for four eyes.
DECISIONS_BY_KIND: dict[str, frozenset[str]] = {
    AuditorKind.DPF: frozenset(
        {
            Decision.REPORT_REVIEW,
            Decision.AUDIT_RUN,
            Decision.CERTIFICATE_CONFIRM,
            Decision.LEVY_NOTICE,
            Decision.LEDGER_PROPOSE,
            Decision.LEDGER_APPROVE,
            Decision.LEDGER_PAY,
            Decision.CREDIT_PROPOSE,
            Decision.CREDIT_DECIDE,
            Decision.REGISTRY_CHANGE,
            # The 残联 keeps the disability registry (一人一档): it checks who a registration is.
            Decision.REGISTRATION_REVIEW,
            # 实名制就业 records off the platform are entered by the 残联 employment service
            # (issue 10 §6); corrections by the agencies that review rosters.
            Decision.EMPLOYMENT_RECORD,
            Decision.EMPLOYMENT_CORRECT,
        }
    ),
    AuditorKind.HRSS: frozenset(
        {
            Decision.REPORT_REVIEW,
            Decision.AUDIT_RUN,
            Decision.LEDGER_PROPOSE,
            Decision.LEDGER_APPROVE,
            Decision.CREDIT_PROPOSE,
            Decision.CREDIT_DECIDE,
            Decision.REGISTRY_CHANGE,
            Decision.EMPLOYMENT_CORRECT,
        }
    ),
    AuditorKind.TAX: frozenset(
        {Decision.AUDIT_RUN, Decision.LEVY_NOTICE, Decision.LEDGER_PAY, Decision.CREDIT_PROPOSE}
    ),
}


# --- predicates: plain yes/no, no exceptions ---


def is_seeker(user) -> bool:
    return bool(user and user.is_authenticated and user.role == Role.SEEKER)


def is_auditor(user) -> bool:
    return bool(user and user.is_authenticated and user.role == Role.AUDITOR)


def is_service_staff(user) -> bool:
    """残联 就业服务专员 (issue 15): a role of its own, never an auditor."""
    return bool(user and user.is_authenticated and user.role == Role.SERVICE)


def service_covers(user, region) -> bool:
    """The service staff member's regions (``User.regions``) include ``region``."""
    if region is None or not is_service_staff(user):
        return False
    return any(region.path.startswith(path) for path in user.regions.values_list("path", flat=True))


def may_organise_fair(user, region) -> bool:
    """The user organises 就业专场招聘会 in ``region`` (issue 15): the 就业服务专员 whose regions
    cover it, and administrators (running a fair is a service, not an audit decision)."""
    return is_admin(user) or service_covers(user, region)


def may_curate_aliases(user) -> bool:
    """The user reads and revokes the title aliases employers taught the occupation coder (issue
    13): the 残联 就业服务专员, who answer for how postings are coded, and administrators (keeping
    reference data is running the system, not an audit decision)."""
    return is_service_staff(user) or is_admin(user)


def may_manage_courses(user, region) -> bool:
    """The user keeps the training course catalogue of ``region`` (issue 13, 职业技能培训): the
    就业服务专员 whose regions cover it, and administrators (a catalogue is a service, not an
    audit decision)."""
    return is_admin(user) or service_covers(user, region)


def is_admin(user) -> bool:
    return bool(user and user.is_authenticated and user.role == Role.ADMIN)


def may_import_registry(user) -> bool:
    """The user loads and reads the verification data (残疾人证核验数据, 社保缴费明细): auditors of
    any kind and administrators, who run the imports as the extracts arrive (issue 10). Loading a
    government extract is keeping the system's data, not an audit decision, so 三员分立 allows it."""
    return is_auditor(user) or is_admin(user)


def is_staff_of(user, employer) -> bool:
    """The user works for the employer (any membership)."""
    if not (user and user.is_authenticated and user.role == Role.EMPLOYER and employer is not None):
        return False
    return user.memberships.filter(employer_id=_pk(employer)).exists()


def is_employer_admin(user, employer) -> bool:
    """The user is an HR administrator (单位管理员) of the employer."""
    if not (user and user.is_authenticated and user.role == Role.EMPLOYER and employer is not None):
        return False
    return user.memberships.filter(employer_id=_pk(employer), is_admin=True).exists()


def owns_person(user, person) -> bool:
    """The user is the person themselves: the login they registered with their own ID. A login
    an administrator attached the person to is not (its reads are logged like anyone else's)."""
    if not (user and user.is_authenticated and person is not None):
        return False
    return user.person_id == _pk(person) and user.person_linked_by_id is None


def auditor_region_paths(user) -> list[str]:
    if not is_auditor(user):
        return []
    return list(user.regions.values_list("path", flat=True))


def auditor_covers(user, region) -> bool:
    """The auditor's regions include ``region`` (a Region, or None for "no region": never)."""
    if region is None or not is_auditor(user):
        return False
    return any(region.path.startswith(path) for path in auditor_region_paths(user))


def auditor_covers_employer(user, employer) -> bool:
    return employer is not None and auditor_covers(user, employer.region)


def otp_applies_to(user) -> bool:
    """The account signs in with a TOTP code as well as its password once the second factor is
    required: the roles in OTP_REQUIRED_ROLES (auditors and administrators, security.md) and
    anyone who can open the admin site. Such users may enrol a device at any time."""
    if not (user and user.is_authenticated):
        return False
    return user.role in settings.OTP_REQUIRED_ROLES or user.is_staff or user.is_superuser


def otp_required(user) -> bool:
    """The second factor is switched on (OTP_REQUIRED, production) and applies to ``user``."""
    return bool(settings.OTP_REQUIRED) and otp_applies_to(user)


def may_decide(user, decision: str) -> bool:
    """The user is an auditor whose kind may take ``decision`` (administrators never may)."""
    if not is_auditor(user):
        return False
    return decision in DECISIONS_BY_KIND.get(user.auditor_kind, frozenset())


# --- requirements: the same questions, raising a Chinese PermissionDenied ---


def require_staff_of(user, employer, *, message: str = "只有本单位的工作人员可以办理") -> None:
    if not is_staff_of(user, employer):
        raise PermissionDenied(message)


def require_employer_admin(user, employer, *, message: str = "只有本单位的管理员可以办理") -> None:
    if not is_employer_admin(user, employer):
        raise PermissionDenied(message)


def require_alias_curator(user) -> None:
    if not may_curate_aliases(user):
        raise PermissionDenied("只有就业服务专员或系统管理员可以管理单位确认的岗位别名")


def require_registry_import(user) -> None:
    if not may_import_registry(user):
        raise PermissionDenied("只有审核人员或系统管理员可以导入和查看核验数据")


def require_decision(user, decision: str, *, employer=None, region=None) -> None:
    """The actor is an auditor of a kind that may take ``decision`` and, when an employer or a
    region is given, whose regions cover it."""
    if is_admin(user):
        raise PermissionDenied("系统管理员不能作出审核、资金或信用决定（三员分立）")
    if not is_auditor(user):
        raise PermissionDenied("只有审核人员可以作出该决定")
    if not may_decide(user, decision):
        kind = AuditorKind(user.auditor_kind).label if user.auditor_kind else "未设置机构"
        raise PermissionDenied(f"{kind}的审核人员不能{Decision(decision).label}")
    target_region = region if region is not None else getattr(employer, "region", None)
    if (employer is not None or region is not None) and not auditor_covers(user, target_region):
        raise PermissionDenied("该单位不在您负责的区域内")


def require_second_person(by, first, *, what: str) -> None:
    """Four eyes: the person who confirms is not the person who proposed."""
    if first is not None and getattr(by, "pk", None) == getattr(first, "pk", first):
        raise PermissionDenied(f"{what}须由另一名审核人员复核，提出人不能自己批准")


def decision_refusal(user, decision: str, *, employer=None, first=None, what: str = "") -> str:
    """Why ``user`` may not take ``decision`` (on ``employer``, after ``first`` proposed it):
    the message ``require_decision`` / ``require_second_person`` would raise, or "" when they
    may. Pages use it to explain instead of offering a form that can only fail; the services
    still call the ``require_*`` functions themselves."""
    try:
        require_decision(user, decision, employer=employer)
        require_second_person(user, first, what=what or Decision(decision).label)
    except PermissionDenied as refused:
        return str(refused.args[0]) if refused.args else "您不能作出该决定"
    return ""


def _pk(obj):
    return getattr(obj, "pk", obj)


# --- 残疾人之家 (issue 15) ---


def manages_centres_in(user, region) -> bool:
    """就业服务专员 run the 残疾人之家 of their regions (members, orders, income); auditors only
    read them and decide the money, administrators only read (三员分立)."""
    return service_covers(user, region)


def require_centre_manager(user, region) -> None:
    if not manages_centres_in(user, region):
        raise PermissionDenied("只有负责该区镇的就业服务专员可以办理残疾人之家的事务")
