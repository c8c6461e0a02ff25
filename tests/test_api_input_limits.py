"""Input the application cannot store or parse is a 400 in the one error shape, never a 500.

Regression tests for server errors found by fuzzing (tests/test_api_fuzz.py): deeply nested JSON
(RecursionError in the parser) and NUL characters in parameters (PostgreSQL rejects NUL in text;
SQLite does not, so these assert the 400 on both).
"""

import re

import pytest

from backend.api.parsers import MAX_DEPTH, nesting_exceeds

from .conftest import client_for

pytestmark = pytest.mark.django_db
CALCULATE = "/api/v1/quota/calculate/"
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def assert_refused(response, field: str | None = None) -> dict:
    assert response.status_code == 400, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"detail", "errors"}
    assert isinstance(body["detail"], str) and CHINESE.search(body["detail"]), body
    assert isinstance(body["errors"], dict)
    if field is not None:
        assert field in body["detail"], body
        assert list(body["errors"]) == [field], body
        assert all(CHINESE.search(message) for message in body["errors"][field]), body
    return body


# --- deeply nested JSON --------------------------------------------------------------


@pytest.mark.parametrize("opening", ["[", '{"a":'], ids=["arrays", "objects"])
def test_json_nested_100000_levels_is_a_400_not_a_recursion_error(api, opening):
    body = opening * 100_000
    response = api.post(CALCULATE, body, content_type="application/json")
    assert_refused(response)


def test_json_nested_just_beyond_the_limit_is_refused_and_at_the_limit_is_parsed(api):
    too_deep = "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    assert_refused(api.post(CALCULATE, too_deep, content_type="application/json"))
    # At the limit the body parses; the calculator then names the fields it is missing.
    at_limit = '{"data_year": ' + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "}"
    body = assert_refused(api.post(CALCULATE, at_limit, content_type="application/json"))
    assert "data_year" in body["errors"]


def test_view_with_its_own_json_parser_refuses_deep_nesting_too(make):
    """The roster-line view declares parser_classes itself; it must use the limited parser."""
    client = client_for(make.make_employer_user())
    response = client.post("/api/v1/quota/roster-lines/", "[" * 100_000, content_type="application/json")
    assert_refused(response)


def test_nesting_is_measured_without_recursion():
    deep: list = []
    for _ in range(100_000):
        deep = [deep]
    assert nesting_exceeds(deep, MAX_DEPTH)
    four_levels = {"a": [1, {"b": [2]}], "c": "x"}
    assert not nesting_exceeds(four_levels, 4)
    assert nesting_exceeds(four_levels, 3)
    assert not nesting_exceeds("plain", 0)


# --- NUL characters --------------------------------------------------------------


def test_nul_in_a_query_parameter_is_a_400_naming_it(make):
    client = client_for(make.make_seeker())
    response = client.get("/api/v1/quota/policies/current/", {"region": "\x00", "data_year": 2024})
    assert_refused(response, "region")


@pytest.mark.parametrize(
    ("url", "params", "field"),
    [
        ("/api/v1/jobs/", {"q": "包装\x00工"}, "q"),
        ("/api/v1/quota/policies/", {"region": "3205\x0085"}, "region"),
        ("/api/v1/regions/", {"ordering": "\x00"}, "ordering"),
        ("/api/v1/quota/policies/current/", {"re\x00gion": "320585"}, "re\\x00gion"),
    ],
)
def test_nul_is_refused_in_every_query_parameter(make, url, params, field):
    client = client_for(make.make_auditor())
    assert_refused(client.get(url, params), field)


def test_nul_in_a_query_parameter_is_refused_before_authentication(api):
    assert_refused(api.get("/api/v1/quota/policies/current/", {"region": "\x00"}), "region")


def test_nul_in_a_path_parameter_is_a_400_naming_it(api):
    assert_refused(api.get("/api/v1/regions/%00/"), "code")


def test_nul_in_a_url_encoded_form_field_is_a_400_naming_it(api):
    response = api.post(
        "/api/v1/auth/login", "username=a%00b&password=x", content_type="application/x-www-form-urlencoded"
    )
    assert_refused(response, "username")


def test_nul_in_a_header_is_a_400_naming_it(api):
    """gunicorn refuses NUL in a header; an in-process call reached the token lookup (a 500)."""
    response = api.get("/api/v1/auth/me", HTTP_AUTHORIZATION="Token \x00abcdefghijklmnop")
    assert_refused(response, "Authorization")


def test_a_cookie_that_decodes_to_nul_is_ignored(client):
    """A quoted cookie may spell NUL as \\000; a session id with it was a 500 on PostgreSQL."""
    client.cookies["sessionid"] = "\x00abcdefgh12345"
    assert '"\\000abcdefgh12345"' in client.cookies.output()
    assert client.get("/api/v1/auth/me").status_code == 401
    assert client.get("/").status_code == 200


def test_nul_in_a_page_query_is_the_chinese_400_page(client):
    response = client.get("/", {"next": "\x00"})
    assert response.status_code == 400
    assert "请求有误" in response.content.decode()


def test_nul_free_parameters_pass(make):
    client = client_for(make.make_seeker())
    response = client.get("/api/v1/quota/policies/current/", {"region": "320585", "data_year": 2024})
    assert response.status_code == 200, response.content[:300]


# --- ids beyond BIGINT in filters ------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/employer-change-requests/", "employer"),
        ("/api/v1/quota/reports/", "employer"),
        ("/api/v1/quota/roster-lines/", "report"),
        ("/api/v1/jobs/", "employer"),
        ("/api/v1/applications/", "posting"),
    ],
)
def test_an_id_filter_beyond_bigint_is_a_400_naming_it(make, url, field):
    """SQLite raised OverflowError (a 500) for ?employer=<20 digits> (found by the fuzzer)."""
    client = client_for(make.make_auditor())
    response = client.get(url, {field: "9" * 20})
    assert response.status_code == 400, response.content[:300]
    assert field in response.json()["errors"]
    assert CHINESE.search(response.json()["errors"][field][0])
    assert client.get(url, {field: "1"}).status_code == 200
