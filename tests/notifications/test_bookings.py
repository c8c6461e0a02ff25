"""手语视频 bookings: validation against a frozen clock, own lists, the service desk."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from notifications.choices import BookingStatus, NotificationKind
from notifications.models import Notification, SignLanguageBooking
from tests import factories as f
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

# Monday 7 December 2026, 10:00 in Taicang.
MONDAY = datetime(2026, 12, 7, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(MONDAY, tick=False):
        yield


def _body(**overrides):
    return {
        "wanted_date": "2026-12-09",
        "slot": "morning",
        "topic": "想问怎样申请岗位",
        "contact_method": "text",
        "contact_detail": "wx-zhang",
        **overrides,
    }


def test_api_creates_a_booking_for_the_caller():
    seeker = f.make_seeker()
    response = client_for(seeker).post("/api/v1/sign-language-bookings/", _body(), format="json")
    assert response.status_code == 201, response.json()
    booking = SignLanguageBooking.objects.get()
    assert (booking.requester, booking.wanted_date, booking.status) == (seeker, date(2026, 12, 9), "pending")


@pytest.mark.parametrize(
    ("wanted", "message"),
    [
        ("2026-12-07", "今天之后"),  # today
        ("2026-12-06", "今天之后"),  # yesterday
        ("2026-12-12", "工作日"),  # Saturday
        ("2027-03-01", "60天以内"),
    ],
)
def test_date_must_be_a_future_working_day_within_sixty_days(wanted, message):
    response = client_for(f.make_seeker()).post(
        "/api/v1/sign-language-bookings/", _body(wanted_date=wanted), format="json"
    )
    assert response.status_code == 400
    assert message in response.json()["errors"]["wanted_date"][0]
    assert not SignLanguageBooking.objects.exists()


def test_each_user_lists_only_their_own_bookings_and_auditors_all():
    a, b = f.make_seeker(), f.make_employer_user()
    client_for(a).post("/api/v1/sign-language-bookings/", _body(topic="甲的事"), format="json")
    client_for(b).post("/api/v1/sign-language-bookings/", _body(topic="乙的事"), format="json")
    assert [r["topic"] for r in client_for(a).get("/api/v1/sign-language-bookings/").json()["results"]] == [
        "甲的事"
    ]
    assert [r["topic"] for r in client_for(b).get("/api/v1/sign-language-bookings/").json()["results"]] == [
        "乙的事"
    ]
    auditor = f.make_auditor()
    assert len(client_for(auditor).get("/api/v1/sign-language-bookings/").json()["results"]) == 2


def test_only_the_service_desk_marks_a_booking_handled_and_the_requester_is_told():
    seeker = f.make_seeker()
    client_for(seeker).post("/api/v1/sign-language-bookings/", _body(), format="json")
    booking = SignLanguageBooking.objects.get()
    url = f"/api/v1/sign-language-bookings/{booking.pk}/handle/"
    assert client_for(seeker).post(url).status_code == 403
    assert client_for(f.make_employer_user()).post(url).status_code == 403
    auditor = f.make_auditor()
    response = client_for(auditor).post(url)
    assert response.status_code == 200 and response.json()["status"] == BookingStatus.HANDLED
    assert client_for(auditor).post(url).status_code == 400  # not twice
    note = Notification.objects.get(recipient=seeker)
    assert note.kind == NotificationKind.ACCOUNT and "12月09日" in note.title


def test_booking_page_reports_every_problem_at_once_and_keeps_input():
    client = Client()
    client.force_login(f.make_seeker())
    response = client.post(
        "/sign-language/", {"wanted_date": "2026-12-05", "topic": "", "contact_detail": "138"}
    )
    body = response.content.decode()
    assert response.status_code == 200
    for message in ("今天之后", "请选择上午或下午时段", "请简单写下想咨询的事情", "请选择联系方式"):
        assert message in body
    assert 'value="138"' in body
    assert not SignLanguageBooking.objects.exists()


def test_booking_page_confirms_and_lists_the_booking():
    client = Client()
    client.force_login(f.make_seeker())
    response = client.post("/sign-language/", _body(contact_method="video", contact_detail="13900000000"))
    assert response.status_code == 302 and response["Location"] == "/sign-language/done/"
    done = client.get("/sign-language/done/").content.decode()
    assert "预约已提交" in done and "手语视频通话" in done and "2026年12月9日" in done
    assert "想问怎样申请岗位" in client.get("/sign-language/mine/").content.decode()


def test_footer_links_to_the_booking_page(client):
    assert 'href="/sign-language/"' in client.get("/").content.decode()


def test_service_desk_page_marks_handled():
    seeker = f.make_seeker()
    client_for(seeker).post("/api/v1/sign-language-bookings/", _body(), format="json")
    booking = SignLanguageBooking.objects.get()
    desk = Client()
    desk.force_login(f.make_auditor())
    assert "想问怎样申请岗位" in desk.get("/auditor/sign-language/").content.decode()
    assert desk.post(f"/auditor/sign-language/{booking.pk}/handle/").status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.HANDLED
    other = Client()
    other.force_login(seeker)
    assert other.get("/auditor/sign-language/").status_code == 404
