"""Employers' confirmations of occupation codes teach the coder (issue 13): promotion at two
employers, contradiction, revocation by 残联 staff, the coder and the suggestions using a learned
alias, the page and API paths recording a confirmation, and who may list or revoke."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from backend.accounts.choices import Role
from matching.core.aliases import SHIPPED_CLASSIFICATION
from matching.core.occupations import OccupationCoder, load_minor_groups_csv
from matching.models import LearnedAlias, Occupation, OccupationConfirmation
from matching.reference import learned_aliases_active, occupations_loaded_or_shipped
from matching.selectors import occupation_suggest
from matching.services import index_rebuild, learned_alias_revoke, occupation_confirm
from tests import factories as base
from tests.conftest import client_for as api_client_for

from .factories import make_employer_user, make_posting, make_seeker_user

pytestmark = pytest.mark.django_db

TITLE = "急招电子厂普工（包吃住）"  # key 电子厂普工; the shipped coder abstains on it
KEY = "电子厂普工"
ASSEMBLER, TESTER = "6-25-04-07", "6-25-04-08"  # 电子设备装接工, 电子设备调试工


def confirm(code: str, title: str = TITLE, hr=None):
    hr = hr or make_employer_user()
    return occupation_confirm(by=hr, employer=hr.memberships.get().employer, title=title, code=code)


def service_user():
    return base.make_user(Role.SERVICE)


def alias(code: str = ASSEMBLER) -> LearnedAlias:
    return LearnedAlias.objects.get(title_key=KEY, code=code)


# ------------------------------------------------------------------ promotion


def test_one_employer_teaches_nothing_two_employers_make_an_active_alias():
    first = confirm(ASSEMBLER)
    assert (first.title_key, first.code) == (KEY, ASSEMBLER)
    assert not LearnedAlias.objects.exists()

    confirm(ASSEMBLER, title="电子厂普工 长白班")

    assert (alias().status, alias().supporters, alias().dissenters) == ("active", 2, 0)
    assert learned_aliases_active() == {KEY: ASSEMBLER}


def test_the_same_employer_confirming_again_is_still_one_employer():
    hr = make_employer_user()
    confirm(ASSEMBLER, hr=hr)
    confirm(ASSEMBLER, title="电子厂普工（长白班）", hr=hr)
    make_posting(user=hr, title=TITLE, occupation_code=ASSEMBLER)

    assert OccupationConfirmation.objects.count() == 1
    assert not LearnedAlias.objects.exists()


def test_a_majority_for_another_code_lapses_the_alias_and_a_tie_teaches_nothing():
    confirm(ASSEMBLER), confirm(ASSEMBLER)
    confirm(TESTER)
    assert alias().status == "active"  # 2 against 1

    confirm(TESTER)  # 2 against 2: contradicted
    assert alias().status == "lapsed" and not LearnedAlias.objects.filter(status="active").exists()

    confirm(TESTER)  # 3 against 2: the other code is learned instead
    assert alias().status == "lapsed"
    assert (alias(TESTER).status, alias(TESTER).supporters, alias(TESTER).dissenters) == ("active", 3, 2)


def test_an_employer_changing_its_answer_moves_its_vote():
    hr = make_employer_user()
    confirm(ASSEMBLER, hr=hr), confirm(ASSEMBLER)
    assert alias().status == "active"

    confirm(TESTER, hr=hr)

    assert alias().status == "lapsed" and OccupationConfirmation.objects.filter(code=TESTER).count() == 1


def test_titles_naming_no_occupation_and_codes_outside_the_classification_are_not_recorded():
    assert confirm(ASSEMBLER, title="包吃住 急招") is None
    assert confirm("9-99-99-99") is None
    assert not OccupationConfirmation.objects.exists()


# ------------------------------------------------------------------ revocation


def test_service_staff_revoke_an_alias_for_good():
    confirm(ASSEMBLER), confirm(ASSEMBLER)
    staff = service_user()

    with pytest.raises(ValidationError) as error:
        learned_alias_revoke(by=staff, alias=alias(), reason=" ")
    assert error.value.message_dict == {"reason": ["请填写撤销原因"]}

    revoked = learned_alias_revoke(by=staff, alias=alias(), reason="普工不分行业，不能都编为装接工")

    assert (revoked.status, revoked.revoked_by, revoked.revoke_reason) == (
        "revoked",
        staff,
        "普工不分行业，不能都编为装接工",
    )
    assert learned_aliases_active() == {}
    confirm(ASSEMBLER)  # more confirmations do not bring it back
    assert alias().status == "revoked" and alias().supporters == 3


@pytest.mark.parametrize("role", ["seeker", "employer", "auditor"])
def test_only_service_staff_and_administrators_may_revoke(role):
    confirm(ASSEMBLER), confirm(ASSEMBLER)
    user = {
        "seeker": make_seeker_user,
        "employer": make_employer_user,
        "auditor": base.make_auditor,
    }[role]()

    with pytest.raises(PermissionDenied):
        learned_alias_revoke(by=user, alias=alias(), reason="不对")
    assert alias().status == "active"
    assert learned_alias_revoke(by=base.make_admin(), alias=alias(), reason="不对").status == "revoked"


# ------------------------------------------------------------------ the coder uses it


def test_the_coder_rebuilt_with_learned_aliases_codes_the_title_and_similar_ones():
    groups = load_minor_groups_csv(SHIPPED_CLASSIFICATION)
    before = OccupationCoder(occupations_loaded_or_shipped(), groups=groups)
    assert before.assign(TITLE).abstained

    confirm(ASSEMBLER), confirm(ASSEMBLER)
    after = OccupationCoder(occupations_loaded_or_shipped(), groups=groups)

    for title in (TITLE, "电子厂普工", "【城厢】电子厂普工 长白班 五险一金"):
        answer = after.assign(title)
        assert (answer.code, answer.level) == (ASSEMBLER, 4), title


def test_suggestions_put_the_learned_code_first_at_once_and_drop_it_when_revoked():
    Occupation.objects.create(code=ASSEMBLER, name="电子设备装接工", level=4)
    Occupation.objects.create(code=TESTER, name="电子设备调试工", level=4)
    Occupation.objects.create(code="6-31-05-00", name="包装工", level=4)
    index_rebuild()
    assert occupation_suggest(title=TITLE)[0]["code"] == ASSEMBLER  # the coder's own guess

    confirm(TESTER), confirm(TESTER)  # employers say otherwise; no rebuild in between

    first = occupation_suggest(title="电子厂普工（包吃住）")[0]
    assert (first["code"], first["name"], first["learned"]) == (TESTER, "电子设备调试工", True)
    learned_alias_revoke(by=service_user(), alias=alias(TESTER), reason="不对")
    assert occupation_suggest(title=TITLE)[0]["code"] == ASSEMBLER


# ------------------------------------------------------------------ recorded by the page and the API


def test_the_posting_page_records_the_employers_choice_with_what_was_offered(client):
    Occupation.objects.create(code=ASSEMBLER, name="电子设备装接工", level=4, aliases=["电子厂普工"])
    Occupation.objects.create(code=TESTER, name="电子设备调试工", level=4)
    index_rebuild()
    hr = make_employer_user()
    client.force_login(hr)
    details = {
        "title": TITLE,
        "description": "流水线插件，坐姿作业。",
        "skills": "",
        "employment_form": "competitive",
        "region": "320585100",
        "address": "",
        "hours": "full_time",
        "pay_min": "4000",
        "pay_max": "5000",
        "education": "none",
        "headcount": "3",
        "opens_on": "",
        "closes_on": "",
    }
    client.post(reverse("frontend:posting_new"), details)
    page = client.get(reverse("frontend:posting_new_checklist")).content.decode()
    assert "帮助平台为名称相近的岗位编码" in page

    client.post(reverse("frontend:posting_new_checklist"), {"demands": [], "occupation_code": TESTER})

    row = OccupationConfirmation.objects.get()
    assert (row.title_key, row.code, row.title, row.confirmed_by) == (KEY, TESTER, TITLE, hr)
    assert row.suggested[0] == ASSEMBLER and TESTER in row.suggested and row.chose_suggested is True


def test_the_api_records_a_confirmation_when_a_posting_is_created_or_its_code_changed():
    hr = make_employer_user()
    body = {
        "title": TITLE,
        "region": "320585100",
        "employment_form": "competitive",
        "hours": "full_time",
        "occupation_code": ASSEMBLER,
    }

    response = api_client_for(hr).post("/api/v1/jobs/", body, format="json")

    assert response.status_code == 201, response.json()
    row = OccupationConfirmation.objects.get()
    assert (row.code, row.posting_id, row.suggested, row.chose_suggested) == (
        ASSEMBLER,
        response.json()["id"],
        [],
        None,
    )
    api_client_for(hr).patch(f"/api/v1/jobs/{row.posting_id}/", {"occupation_code": TESTER}, format="json")
    assert OccupationConfirmation.objects.get().code == TESTER
    api_client_for(hr).patch(f"/api/v1/jobs/{row.posting_id}/", {"headcount": 2}, format="json")
    assert OccupationConfirmation.objects.get().code == TESTER


# ------------------------------------------------------------------ who may list and revoke (API)


def test_service_staff_list_and_revoke_learned_aliases_through_the_api():
    confirm(ASSEMBLER), confirm(ASSEMBLER)
    client = api_client_for(service_user())

    rows = client.get("/api/v1/learned-aliases/").json()["results"]
    assert [(r["title_key"], r["code"], r["status"], r["supporters"]) for r in rows] == [
        (KEY, ASSEMBLER, "active", 2)
    ]
    assert client.post(f"/api/v1/learned-aliases/{alias().pk}/revoke/", {}, format="json").status_code == 400

    response = client.post(f"/api/v1/learned-aliases/{alias().pk}/revoke/", {"reason": "不对"}, format="json")

    assert response.status_code == 200 and response.json()["status"] == "revoked"


@pytest.mark.parametrize("role", ["seeker", "employer", "auditor"])
def test_seekers_employers_and_auditors_can_neither_list_nor_revoke(role):
    hr = make_employer_user()
    confirm(ASSEMBLER, hr=hr), confirm(ASSEMBLER)
    user = {"seeker": make_seeker_user, "employer": lambda: hr, "auditor": base.make_auditor}[role]()
    client = api_client_for(user)

    assert client.get("/api/v1/learned-aliases/").status_code == 403
    response = client.post(f"/api/v1/learned-aliases/{alias().pk}/revoke/", {"reason": "不对"}, format="json")
    assert response.status_code == 403
    assert alias().status == "active"
    assert api_client_for(None).get("/api/v1/learned-aliases/").status_code in (401, 403)


def test_the_administrator_revokes_in_the_admin_with_the_reason_recorded(client):
    confirm(ASSEMBLER), confirm(ASSEMBLER)
    admin_user = base.make_admin()
    client.force_login(admin_user)

    response = client.post(
        reverse("admin:matching_learnedalias_changelist"),
        {"action": "revoke", "_selected_action": [alias().pk]},
    )

    assert response.status_code == 302
    assert (alias().status, alias().revoked_by, alias().revoke_reason) == (
        "revoked",
        admin_user,
        "管理员在后台撤销",
    )
