"""Only the employer's own staff move its applications on; administrators read applications but
never take the hiring decision (三员分立) — through the service and through the API."""

import pytest
from django.core.exceptions import PermissionDenied
from rest_framework.test import APIClient

from backend.accounts.choices import Role
from backend.accounts.models import User
from matching.models import Application, Employment
from matching.services import application_create, application_transition

from .factories import make_employer_user, make_person, make_posting, make_profile, make_seeker_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def offered():
    hr = make_employer_user()
    posting = make_posting(user=hr, title="包装工")
    seeker = make_seeker_user(make_person(4, 2))
    make_profile(seeker.person)
    application = application_create(user=seeker, posting=posting)
    for status in ("viewed", "interview", "offer"):
        application = application_transition(user=hr, application=application, status=status)
    admin = User.objects.create_user(username="sysadmin", password="x" * 12, role=Role.ADMIN, is_staff=True)
    return hr, admin, application


def test_an_administrator_cannot_move_an_application_to_hired(offered):
    _, admin, application = offered
    with pytest.raises(PermissionDenied, match="三员分立"):
        application_transition(user=admin, application=application, status="hired")
    application.refresh_from_db()
    assert application.status == "offer" and not Employment.objects.exists()


def test_the_api_refuses_the_administrator_and_lets_the_employers_staff_hire(offered):
    hr, admin, application = offered
    url = f"/api/v1/applications/{application.pk}/transition"
    client = APIClient()
    client.force_authenticate(admin)

    refused = client.post(url, {"status": "hired"}, format="json")

    assert refused.status_code == 403 and refused.json()["errors"] == {}
    assert Application.objects.get(pk=application.pk).status == "offer"
    assert not Employment.objects.exists()
    client.force_authenticate(hr)
    hired = client.post(url, {"status": "hired"}, format="json")
    assert hired.status_code == 200 and hired.json()["status"] == "hired"
    assert Employment.objects.get().employer_id == application.posting.employer_id


def test_staff_of_another_employer_cannot_hire(offered):
    _, _, application = offered
    with pytest.raises(PermissionDenied, match="只有招聘单位可以处理这份申请"):
        application_transition(user=make_employer_user(), application=application, status="hired")
