"""400/403/404/500 are Chinese pages in the site's layout (also in 长辈版); /api/ keeps its JSON."""

import pytest
from django.test import Client

from frontend.views import errors

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.frontend.error_urls")]

HEADINGS = {
    400: "<h1>请求有误</h1>",
    403: "<h1>没有权限访问此页面</h1>",
    404: "<h1>找不到这个页面</h1>",
    500: "<h1>系统出现错误</h1>",
}
PATHS = {400: "/test-errors/400/", 403: "/test-errors/403/", 404: "/no-such-page/", 500: "/test-errors/500/"}


def quiet_client(**kwargs) -> Client:
    # The test client re-raises view exceptions by default; a browser sees the 500 page instead.
    return Client(raise_request_exception=False, **kwargs)


@pytest.mark.parametrize("status", [400, 403, 404, 500])
def test_error_pages_are_chinese_pages_in_the_layout_with_a_way_back(status):
    response = quiet_client().get(PATHS[status])
    body = response.content.decode()
    assert response.status_code == status
    assert response["Content-Type"].startswith("text/html")
    assert '<html lang="zh-CN">' in body and HEADINGS[status] in body
    assert '<a class="skip-link" href="#main">跳到主要内容</a>' in body  # the site's layout
    assert '<a href="/">返回首页</a>' in body and "服务热线 0512-53520000" in body
    assert f"错误代码 {status}" in body
    assert "Not Found" not in body and "Server Error" not in body and "Forbidden" not in body


@pytest.mark.parametrize("status", [403, 404, 500])
def test_error_pages_keep_the_elder_theme(status):
    client = quiet_client()
    client.cookies["elder_mode"] = "1"
    body = client.get(PATHS[status]).content.decode()
    assert '<body class="elder">' in body and HEADINGS[status] in body


def test_a_signed_in_user_keeps_the_menu_and_is_not_offered_the_login_link(make):
    client = quiet_client()
    client.force_login(make.make_seeker())
    body = client.get("/no-such-page/").content.decode()
    assert "已登录：" in body and '<a href="/login/">登录</a></li>' not in body


def test_a_refused_csrf_check_explains_itself_in_chinese():
    response = Client(enforce_csrf_checks=True).post("/login/", {"username": "x", "password": "y"})
    body = response.content.decode()
    assert response.status_code == 403
    assert HEADINGS[403] in body and "请刷新页面后重新提交" in body


@pytest.mark.parametrize(
    "path, status, detail",
    [
        ("/api/v1/no-such-thing/", 404, "未找到。"),
        ("/api/v1/test-errors/500/", 500, "服务器内部错误，请稍后再试。"),
    ],
)
def test_api_errors_keep_the_json_shape(path, status, detail):
    response = quiet_client().get(path)
    assert response.status_code == status
    assert response.json() == {"detail": detail, "errors": {}}


def test_the_500_page_survives_a_broken_layout(monkeypatch):
    def broken(request):
        raise RuntimeError("the database is down")

    monkeypatch.setattr(errors, "layout", broken)
    response = quiet_client().get(PATHS[500])
    body = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="zh-CN">' in body and HEADINGS[500] in body and "服务热线 0512-53520000" in body
