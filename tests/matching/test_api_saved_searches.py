"""/api/v1/saved-searches/ and the 不合适 list with undo (/api/v1/feedback/): own rows only."""

import pytest

from matching.models import MatchFeedback, SavedSearch
from matching.services import feedback_record, saved_search_create
from tests.conftest import client_for

from .factories import make_employer_user, make_person, make_posting, make_seeker_user

pytestmark = pytest.mark.django_db

URL = "/api/v1/saved-searches/"


@pytest.fixture
def seeker():
    return make_seeker_user()


@pytest.fixture
def other():
    return make_seeker_user(make_person())


def test_seeker_saves_lists_pauses_and_deletes_a_search(seeker):
    api = client_for(seeker)
    created = api.post(URL, {"name": "客服", "query": {"q": "客服", "hours": ["part_time"]}}, format="json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["query"] == {"q": "客服", "hours": ["part_time"]}
    assert body["summary"] == "“客服” · 兼职"
    assert body["url"] == "/jobs/?q=%E5%AE%A2%E6%9C%8D&hours=part_time"

    assert [row["name"] for row in api.get(URL).json()["results"]] == ["客服"]
    paused = api.patch(f"{URL}{body['id']}/", {"active": False, "frequency": "weekly"}, format="json")
    assert paused.status_code == 200
    assert (paused.json()["active"], paused.json()["frequency"]) == (False, "weekly")
    assert api.delete(f"{URL}{body['id']}/").status_code == 204
    assert not SavedSearch.objects.exists()


def test_a_bad_query_is_a_400_in_the_one_error_shape(seeker):
    response = client_for(seeker).post(URL, {"query": {"pay_min": "很多"}}, format="json")
    assert response.status_code == 400
    assert "月薪不低于" in response.json()["errors"]["query"][0]
    assert not SavedSearch.objects.exists()


def test_another_seekers_search_is_not_found(seeker, other):
    mine = saved_search_create(user=seeker, query={"q": "客服"})
    api = client_for(other)
    assert api.get(URL).json()["results"] == []
    assert api.get(f"{URL}{mine.pk}/").status_code == 404
    assert api.patch(f"{URL}{mine.pk}/", {"active": False}, format="json").status_code == 404
    assert api.delete(f"{URL}{mine.pk}/").status_code == 404
    mine.refresh_from_db()
    assert mine.active


def test_employers_may_not_use_saved_searches():
    response = client_for(make_employer_user()).post(URL, {"query": {"q": "客服"}}, format="json")
    assert response.status_code == 403


def test_seeker_lists_and_undoes_their_not_suitable_marks(seeker, other):
    posting = make_posting(title="包装工")
    feedback = feedback_record(user=seeker, posting=posting, reason="too_far", text="单程一个半小时")
    api = client_for(seeker)
    (row,) = api.get("/api/v1/feedback/").json()
    assert (row["posting_title"], row["reason_label"], row["text"]) == ("包装工", "太远", "单程一个半小时")

    assert client_for(other).delete(f"/api/v1/feedback/{feedback.pk}/").status_code == 404
    assert client_for(other).get("/api/v1/feedback/").json() == []
    assert MatchFeedback.objects.filter(pk=feedback.pk).exists()

    assert api.delete(f"/api/v1/feedback/{feedback.pk}/").status_code == 204
    assert not MatchFeedback.objects.exists()
