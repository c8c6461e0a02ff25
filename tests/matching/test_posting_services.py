"""Posting, profile and reference services: validation, demands, scoping, expiry."""

from datetime import date, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError

from backend.accounts.choices import EmployerStatus
from matching.admin import FitRuleForm
from matching.models import FitRule, IndexVersion, JobPosting
from matching.reference import fit_rules_current
from matching.selectors.matching import display_name
from matching.services import posting_close_expired, posting_create, posting_update
from matching.services.reference import fit_rule_save

from .factories import make_employer, make_employer_user, make_posting, make_seeker_user

pytestmark = pytest.mark.django_db


def test_demands_are_derived_from_the_text_until_the_employer_confirms_them():
    hr = make_employer_user()
    posting = make_posting(user=hr, title="仓库搬运工", description="负责货物装卸，需要上夜班。")
    assert (posting.demands, posting.demands_confirmed) == (["heavy_physical", "night_shift"], False)

    posting = posting_update(user=hr, posting=posting, demands=["heavy_physical"])
    assert (posting.demands, posting.demands_confirmed) == (["heavy_physical"], True)

    posting = posting_update(user=hr, posting=posting, description="负责货物装卸，可安排白班。需要操作叉车。")
    assert (posting.demands, posting.demands_confirmed) == (["heavy_physical", "heights_machinery"], False)


def test_negated_demands_are_not_derived():
    posting = make_posting(title="包装工", description="坐着工作，无需久站，不用上夜班。")

    assert posting.demands == []


def test_only_the_employers_staff_may_write_its_postings():
    hr_a, hr_b = make_employer_user(), make_employer_user()
    posting = make_posting(user=hr_a)

    with pytest.raises(PermissionDenied):
        posting_update(user=hr_b, posting=posting, title="改名")
    with pytest.raises(PermissionDenied):
        posting_create(user=make_seeker_user(), employer=hr_a.memberships.get().employer, title="x")
    posting.refresh_from_db()
    assert posting.title == "包装工"


def test_an_employer_awaiting_activation_cannot_publish():
    employer = make_employer(status=EmployerStatus.PENDING)
    hr = make_employer_user(employer)

    with pytest.raises(ValidationError) as error:
        posting_create(user=hr, employer=employer, title="普工")
    assert error.value.message_dict == {"employer": ["单位尚未通过审核，暂不能发布岗位"]}


def test_a_posting_needs_a_region_unless_it_is_home_based():
    hr = make_employer_user()
    with pytest.raises(ValidationError) as error:
        make_posting(user=hr, region=None)
    assert "region" in error.value.message_dict

    assert make_posting(user=hr, region=None, employment_form="home").region is None


def test_unknown_fields_are_refused():
    posting = make_posting()
    with pytest.raises(ValidationError) as error:
        posting_update(user=make_employer_user(posting.employer), posting=posting, status="closed")
    assert error.value.message_dict == {"status": ["该字段不能修改"]}


def test_every_posting_change_is_logged_for_the_index():
    hr = make_employer_user()
    posting = make_posting(user=hr)
    posting_update(user=hr, posting=posting, title="包装工（长白班）")

    assert list(IndexVersion.objects.order_by("id").values_list("kind", "job_ids")) == [
        ("delta", [posting.pk]),
        ("delta", [posting.pk]),
    ]


def test_expired_postings_are_closed_with_history():
    with time_machine.travel(date(2025, 3, 1)):
        expiring = make_posting(opens_on=date(2025, 3, 1), closes_on=date(2025, 3, 10))
        lasting = make_posting(opens_on=date(2025, 3, 1), closes_on=date(2025, 4, 10))
    with time_machine.travel(date(2025, 3, 11) + timedelta(hours=12)):
        assert list(JobPosting.objects.currently_open()) == [lasting]
        assert posting_close_expired() == 1
        assert posting_close_expired() == 0
    expiring.refresh_from_db()
    assert expiring.status == "closed"
    assert expiring.history.first().history_change_reason == "已过截止日期，自动关闭"


def test_a_fit_rule_edit_is_validated_and_used():
    rule = FitRule.objects.get(demand="night_shift")
    rule.keywords = [*rule.keywords, "晚班"]
    fit_rule_save(rule=rule)

    assert "晚班" in next(r for r in fit_rules_current() if r.demand == "night_shift").keywords
    assert make_posting(description="需要上晚班。").demands == ["night_shift"]

    rule.effects = {"9": {"level": "exclude"}}
    with pytest.raises(ValidationError):
        fit_rule_save(rule=rule)


def test_the_admin_form_refuses_a_broken_rule():
    rule = FitRule.objects.get(demand="phone")
    form = FitRuleForm(
        instance=rule,
        data={
            "demand": "phone",
            "label": "接听电话",
            "keywords": '["电话"]',
            "effects": '{"2": {"level": "never"}}',
            "position": 1,
        },
    )

    assert not form.is_valid()
    assert "规则格式有误" in form.errors["__all__"][0]


@pytest.mark.parametrize("name, shown", [("王小明", "王**"), ("李四", "李*"), ("", "求职者")])
def test_candidate_names_are_masked(name, shown):
    assert display_name(name) == shown


def test_posting_problems_of_every_field_are_reported_together():
    hr = make_employer_user()
    with pytest.raises(ValidationError) as caught:
        posting_create(
            user=hr,
            employer=hr.memberships.get().employer,
            title=" ",
            headcount=0,
            pay_min="6,000",
            pay_max="abc",
            employment_form="competitive",
        )
    assert set(caught.value.message_dict) == {"title", "headcount", "pay_max"}
    assert not JobPosting.objects.exists()


def test_posting_validate_checks_the_rules_between_fields_without_writing():
    from matching.services.postings import posting_validate

    with pytest.raises(ValidationError) as caught:
        posting_validate(
            title="客服", pay_min="6,000", pay_max="3000", employment_form="competitive", region=None
        )
    assert caught.value.message_dict == {
        "pay_max": ["月薪上限不能低于下限"],
        "region": ["请选择工作所在区镇（居家就业可不填）"],
    }
    posting_validate(title="客服", pay_min="3,000", pay_max="6000", employment_form="home", region=None)
    assert not JobPosting.objects.exists()
