"""Issue 13 B: a "不合适" with its reason lasts. It is a database row, not part of the index, so a
from-scratch rebuild of the match index (and a fresh process loading that snapshot) must keep the
posting hidden and keep it on the 不合适 page with its reason; undo brings it back."""

import shutil
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from matching.models import IndexVersion, MatchFeedback
from matching.services import feedback_record
from matching.services.index import index_reset_process_state

from .factories import make_employer_user, make_person, make_posting, make_profile, make_seeker_user

pytestmark = pytest.mark.django_db


def _page(user, name, **kwargs):
    client = Client()
    client.force_login(user)
    return client, client.get(reverse(f"frontend:{name}", kwargs=kwargs)).content.decode()


def _rebuild_from_scratch():
    """What an operator does after a crash: drop the stored index, rebuild it from the database,
    and let a new process (no in-memory state) load the new snapshot."""
    shutil.rmtree(settings.MATCHING_INDEX_DIR, ignore_errors=True)
    IndexVersion.objects.all().delete()
    index_reset_process_state()
    call_command("rebuild_match_index", stdout=StringIO())
    index_reset_process_state()


def test_not_suitable_with_reason_survives_a_rebuild_from_scratch_and_undo_restores_it():
    hr = make_employer_user()
    dismissed = make_posting(user=hr, title="包装工（夜班）")
    kept = make_posting(user=hr, title="贴标包装工")
    seeker = make_seeker_user(make_person(4, 3))
    make_profile(seeker.person, skills=["包装", "贴标"])
    _, before = _page(seeker, "matched_jobs")
    assert dismissed.title in before and kept.title in before  # both suggested to start with

    feedback_record(user=seeker, posting=dismissed, reason="too_far", text="单程一个半小时")
    _rebuild_from_scratch()

    _, matched = _page(seeker, "matched_jobs")
    assert dismissed.title not in matched and kept.title in matched
    client, listed = _page(seeker, "not_suitable")
    assert dismissed.title in listed and "太远：单程一个半小时" in listed

    feedback = MatchFeedback.objects.get(posting=dismissed)
    response = client.post(reverse("frontend:not_suitable_undo", args=[feedback.pk]))
    assert response.status_code == 302

    _, matched = _page(seeker, "matched_jobs")
    assert dismissed.title in matched
    _, listed = _page(seeker, "not_suitable")
    assert dismissed.title not in listed and "单程一个半小时" not in listed


def test_a_rebuild_does_not_lift_one_seekers_mark_for_another_or_drop_it_over_a_second_rebuild():
    hr = make_employer_user()
    posting = make_posting(user=hr, title="包装工（夜班）")
    a, b = make_seeker_user(make_person(4, 3)), make_seeker_user(make_person(4, 3))
    make_profile(a.person)
    make_profile(b.person)
    feedback_record(user=a, posting=posting, reason="low_pay", text="")

    _rebuild_from_scratch()
    _rebuild_from_scratch()

    assert posting.title not in _page(a, "matched_jobs")[1]
    assert posting.title in _page(b, "matched_jobs")[1]
    assert "工资低" in _page(a, "not_suitable")[1]
