"""The one authorisation module: predicates and requirements (backend/accounts/permissions.py)."""

import pytest
from django.core.exceptions import PermissionDenied

from backend.accounts import permissions as perms
from backend.accounts.choices import AuditorKind
from backend.accounts.permissions import Decision

pytestmark = pytest.mark.django_db


def test_staff_and_employer_admin_are_per_employer(make):
    mine, other = make.make_employer(), make.make_employer()
    hr_admin = make.make_employer_user(mine)
    clerk = make.make_employer_user(mine, is_admin=False)
    assert perms.is_staff_of(hr_admin, mine) and perms.is_employer_admin(hr_admin, mine)
    assert perms.is_staff_of(clerk, mine) and not perms.is_employer_admin(clerk, mine)
    assert not perms.is_staff_of(hr_admin, other) and not perms.is_employer_admin(hr_admin, other)
    with pytest.raises(PermissionDenied, match="只有本单位的管理员可以办理"):
        perms.require_employer_admin(clerk, mine)


def test_an_auditor_covers_the_subtree_of_their_regions_only(make):
    town = make.make_auditor("320585100")
    city = make.make_auditor("320585")
    inside = make.make_employer(region_code="320585100")
    outside = make.make_employer(region_code="320585101")
    assert perms.auditor_covers_employer(town, inside) and not perms.auditor_covers_employer(town, outside)
    assert perms.auditor_covers_employer(city, outside)
    assert not perms.auditor_covers(make.make_admin(), inside.region)


@pytest.mark.parametrize(
    "kind, decision, allowed",
    [
        (AuditorKind.DPF, Decision.REPORT_REVIEW, True),
        (AuditorKind.TAX, Decision.REPORT_REVIEW, False),
        (AuditorKind.TAX, Decision.LEVY_NOTICE, True),
        (AuditorKind.HRSS, Decision.LEVY_NOTICE, False),
        (AuditorKind.HRSS, Decision.CREDIT_DECIDE, True),
        (AuditorKind.TAX, Decision.CREDIT_DECIDE, False),
    ],
)
def test_the_auditor_kind_decides_which_decisions_they_take(make, kind, decision, allowed):
    auditor = make.make_auditor("320585", kind=kind)
    assert perms.may_decide(auditor, decision) is allowed


def test_an_administrator_takes_no_decision_and_an_auditor_only_in_region(make):
    employer = make.make_employer(region_code="320585101")
    with pytest.raises(PermissionDenied, match="三员分立"):
        perms.require_decision(make.make_admin(), Decision.LEDGER_APPROVE, employer=employer)
    with pytest.raises(PermissionDenied, match="不在您负责的区域内"):
        perms.require_decision(make.make_auditor("320585100"), Decision.LEDGER_APPROVE, employer=employer)
    with pytest.raises(PermissionDenied, match="税务的审核人员不能复核批准补贴、奖励"):
        perms.require_decision(
            make.make_auditor(kind=AuditorKind.TAX), Decision.LEDGER_APPROVE, employer=employer
        )
    perms.require_decision(make.make_auditor("320585"), Decision.LEDGER_APPROVE, employer=employer)


def test_four_eyes_refuses_the_proposer(make):
    first, second = make.make_auditor(), make.make_auditor()
    with pytest.raises(PermissionDenied, match="提出人不能自己批准"):
        perms.require_second_person(first, first, what="补贴发放")
    perms.require_second_person(second, first, what="补贴发放")


def test_a_refusal_is_the_message_the_requirement_would_raise(make):
    employer = make.make_employer(region_code="320585101")
    proposer, reviewer = make.make_auditor(), make.make_auditor(kind=AuditorKind.HRSS)
    tax = make.make_auditor(kind=AuditorKind.TAX)
    assert perms.decision_refusal(reviewer, Decision.LEDGER_APPROVE, employer=employer, first=proposer) == ""
    assert perms.decision_refusal(
        proposer, Decision.LEDGER_APPROVE, employer=employer, first=proposer, what="补贴、奖励的批准"
    ) == ("补贴、奖励的批准须由另一名审核人员复核，提出人不能自己批准")
    assert perms.decision_refusal(tax, Decision.CREDIT_DECIDE, employer=employer) == (
        "税务的审核人员不能作出失信认定或信用修复决定"
    )
    assert "三员分立" in perms.decision_refusal(make.make_admin(), Decision.LEDGER_PAY, employer=employer)
