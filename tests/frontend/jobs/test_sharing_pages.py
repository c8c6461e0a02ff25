"""The seeker switches showing their disability to one employer on and off from 我的申请."""

import pytest
from django.urls import reverse

from backend.accounts.models import AccessLog
from matching.models import Application

from .factories import make_application, make_employer_user, make_posting, make_profile, make_seeker

pytestmark = pytest.mark.django_db


@pytest.fixture
def hr():
    return make_employer_user()


def _employer_view(client_for, hr, application) -> str:
    return (
        client_for(hr).get(reverse("frontend:employer_application", args=[application.pk])).content.decode()
    )


def test_the_seeker_turns_sharing_on_and_off_for_one_application(client_for, hr):
    seeker = make_seeker(category=2, grade=2)
    make_profile(seeker)
    application = make_application(seeker, make_posting(hr))
    assert "听力残疾" not in _employer_view(client_for, hr, application)

    page = client_for(seeker).get(reverse("frontend:my_applications")).content.decode()
    assert "这家单位看不到" in page and "让这家单位看到残疾信息" in page
    url = reverse("frontend:my_application_sharing", args=[application.pk])
    assert client_for(seeker).post(url, {"share": "1"}).status_code == 302
    assert Application.objects.get(pk=application.pk).share_disability is True
    assert "听力残疾，二级" in _employer_view(client_for, hr, application)
    page = client_for(seeker).get(reverse("frontend:my_applications")).content.decode()
    assert "这家单位可以看到您的残疾类别" in page and "不再让这家单位看到残疾信息" in page

    client_for(seeker).post(url, {"share": "0"})

    assert "听力残疾" not in _employer_view(client_for, hr, application)
    assert AccessLog.objects.filter(actor=hr).count() == 1  # only the one view while shared


def test_another_seeker_cannot_switch_my_sharing(client_for, hr):
    mine = make_application(make_seeker(), make_posting(hr))
    other = make_seeker()
    url = reverse("frontend:my_application_sharing", args=[mine.pk])
    assert client_for(other).post(url, {"share": "1"}).status_code == 404
    assert Application.objects.get(pk=mine.pk).share_disability is False


def test_sharing_cannot_be_switched_on_for_a_withdrawn_application(client_for, hr):
    seeker = make_seeker()
    application = make_application(seeker, make_posting(hr))
    Application.objects.filter(pk=application.pk).update(status="withdrawn")
    client = client_for(seeker)
    response = client.post(
        reverse("frontend:my_application_sharing", args=[application.pk]), {"share": "1"}, follow=True
    )
    assert "这份申请已撤回" in response.content.decode()
    assert Application.objects.get(pk=application.pk).share_disability is False
