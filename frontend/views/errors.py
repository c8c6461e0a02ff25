"""Chinese error pages (400/403/404/500 and a refused CSRF check) in the site's layout.

Requests under /api/ keep the API's one JSON error shape (backend/api/errors.py) instead: a
machine client must never have to parse an HTML page.
"""

import logging

from django.http import Http404, HttpResponse, JsonResponse
from django.template import loader

from ..context_processors import layout

logger = logging.getLogger(__name__)

HELP_LINE = "0512-53520000"

PAGES = {
    400: ("请求有误", "页面收到的内容无法处理。请返回上一页，检查填写的内容后再试。"),
    403: ("没有权限访问此页面", "您当前登录的账号不能查看或操作这个页面。如需访问，请用有权限的账号登录。"),
    404: ("找不到这个页面", "您要访问的页面不存在，或已被删除。请检查网址，或从首页重新进入。"),
    500: ("系统出现错误", "很抱歉，系统暂时无法完成您的请求，您填写的内容没有被保存。请稍后再试。"),
}
CSRF_REASON = "页面已过期或打开时间太长，为保护您的账号，本次提交没有被处理。请刷新页面后重新提交。"
API_DETAIL = {
    400: "请求有误。",
    403: "您没有执行该操作的权限。",
    404: "未找到。",
    500: "服务器内部错误，请稍后再试。",
}

# The last resort when even the layout cannot be rendered (e.g. the database is down): no
# template, no context processor, no database — still Chinese, still with a way back.
FALLBACK_500 = (
    '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    "<title>系统出现错误 - 太仓市残疾人就业服务平台</title></head><body><main>"
    "<h1>系统出现错误</h1><p>很抱歉，系统暂时无法完成您的请求，您填写的内容没有被保存。请稍后再试。</p>"
    f'<p><a href="/">返回首页</a> · 服务热线 {HELP_LINE}（工作日 8:30–17:00）</p>'
    "</main></body></html>"
)


class NotFoundExplained(Http404):
    """A 404 whose page says why in plain Chinese (e.g. a job not published yet) instead of the
    generic "找不到这个页面". Only views raise it, with words meant for the user."""

    def __init__(self, title: str, explanation: str):
        super().__init__(title)
        self.title = title
        self.explanation = explanation


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def _page(request, status: int, *, reason: str = "", words: tuple[str, str] | None = None) -> HttpResponse:
    if _is_api(request):
        return JsonResponse({"detail": API_DETAIL[status], "errors": {}}, status=status)
    title, explanation = words or PAGES[status]
    context = {"status": status, "title": title, "explanation": explanation, "reason": reason}
    context["help_line"] = HELP_LINE
    context.update(layout(request))
    body = loader.render_to_string("frontend/errors/error.html", context, request=request)
    return HttpResponse(body, status=status)


def bad_request(request, exception=None):
    return _page(request, 400)


def permission_denied(request, exception=None):
    return _page(request, 403)


def page_not_found(request, exception=None):
    if isinstance(exception, NotFoundExplained):
        return _page(request, 404, words=(exception.title, exception.explanation))
    return _page(request, 404)


def csrf_failure(request, reason=""):
    return _page(request, 403, reason=CSRF_REASON)


def server_error(request):
    try:
        return _page(request, 500)
    except Exception:  # the error page must never raise: fall back to a page that needs nothing
        logger.exception("the 500 page could not be rendered; serving the static fallback")
        if _is_api(request):
            return JsonResponse({"detail": API_DETAIL[500], "errors": {}}, status=500)
        return HttpResponse(FALLBACK_500, status=500)
