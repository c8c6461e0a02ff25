"""A deaf applicant's 文字联系 preference (the ``text_channel`` need of the seeker profile) is on
the employer's application page, where contact happens, when the applicant shares it. Needs reveal
the disability, so they follow the sharing consent (matching/models/seekers.py): not shared,
not shown."""

import pytest
from django.test import Client
from django.urls import reverse

from matching.services import application_create
from tests.matching import factories as mf

pytestmark = pytest.mark.django_db


def _application_page(share: bool) -> str:
    posting = mf.make_posting(title="在线客服")
    hr = posting.employer.memberships.get().user
    seeker = mf.make_seeker_user(mf.make_person(category=2, grade=3))
    mf.make_profile(seeker.person, needs=["text_channel"])
    application = application_create(user=seeker, posting=posting, share_disability=share)
    client = Client()
    client.force_login(hr)
    return client.get(reverse("frontend:employer_application", args=[application.pk])).content.decode()


def test_text_contact_preference_is_shown_to_the_employer_when_shared():
    assert "需要的支持：文字沟通" in _application_page(share=True)


def test_text_contact_preference_stays_private_when_not_shared():
    html = _application_page(share=False)
    assert "文字沟通" not in html
    assert "求职者没有选择展示" in html
