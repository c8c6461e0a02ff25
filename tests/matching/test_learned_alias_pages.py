"""The staff page of learned aliases (/service/learned-aliases/): the list with occupation names
and counts, revoking with and without a reason, and who is refused."""

import pytest
from django.test import Client

from backend.accounts.choices import Role
from matching.models import LearnedAlias
from matching.services import occupation_confirm
from tests import factories as base

from .factories import make_employer_user, make_seeker_user

pytestmark = pytest.mark.django_db

TITLE = "急招电子厂普工（包吃住）"
KEY = "电子厂普工"
ASSEMBLER = "6-25-04-07"  # 电子设备装接工 in the shipped classification


def confirm(code: str, title: str = TITLE):
    hr = make_employer_user()
    occupation_confirm(by=hr, employer=hr.memberships.get().employer, title=title, code=code)


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def alias() -> LearnedAlias:
    return LearnedAlias.objects.get(title_key=KEY)


def test_the_list_shows_title_code_occupation_counts_and_status():
    confirm(ASSEMBLER), confirm(ASSEMBLER)

    page = client_for(base.make_user(Role.SERVICE)).get("/service/learned-aliases/")

    text = page.content.decode()
    assert page.status_code == 200
    assert "共 1 条，其中生效 1 条" in text
    assert KEY in text and ASSEMBLER in text and "电子设备装接工" in text
    assert '<td class="num">2</td>' in text and "生效于" in text
    assert f'id="alias-{alias().pk}-reason"' in text


def test_revoking_without_a_reason_is_refused_on_the_field_and_with_a_reason_done():
    confirm(ASSEMBLER), confirm(ASSEMBLER)
    staff = base.make_user(Role.SERVICE)
    client = client_for(staff)
    url = f"/service/learned-aliases/{alias().pk}/revoke/"

    refused = client.post(url, {"reason": "  "})

    text = refused.content.decode()
    assert refused.status_code == 400 and alias().status == "active"
    assert "<title>错误：" in text and f'href="#alias-{alias().pk}-reason"' in text
    assert "撤销原因：请填写撤销原因" in text

    done = client.post(url, {"reason": "普工岗位工种不唯一"})

    assert done.status_code == 302 and done["Location"] == "/service/learned-aliases/"
    revoked = alias()
    assert (revoked.status, revoked.revoked_by, revoked.revoke_reason) == (
        "revoked",
        staff,
        "普工岗位工种不唯一",
    )
    text = client.get("/service/learned-aliases/").content.decode()
    assert "已撤销（原因：普工岗位工种不唯一）" in text and "其中生效 0 条" in text
    assert f'id="alias-{revoked.pk}-reason"' not in text  # no form on a revoked row


def test_the_administrator_revokes_too():
    confirm(ASSEMBLER), confirm(ASSEMBLER)
    client = client_for(base.make_admin())

    assert (
        client.post(f"/service/learned-aliases/{alias().pk}/revoke/", {"reason": "不对"}).status_code == 302
    )
    assert alias().status == "revoked"


@pytest.mark.parametrize("role", ["seeker", "employer", "auditor"])
def test_seekers_employers_and_auditors_can_neither_list_nor_revoke(role):
    confirm(ASSEMBLER), confirm(ASSEMBLER)
    user = {"seeker": make_seeker_user, "employer": make_employer_user, "auditor": base.make_auditor}[role]()
    client = client_for(user)

    assert client.get("/service/learned-aliases/").status_code == 404
    assert (
        client.post(f"/service/learned-aliases/{alias().pk}/revoke/", {"reason": "不对"}).status_code == 404
    )
    assert alias().status == "active"
