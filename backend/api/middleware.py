"""Refuse NUL characters in what a request sends before any view or lookup sees them.

PostgreSQL text cannot hold NUL (0x00): a query with one in a string raises DataError, so a NUL
in any parameter that reaches a lookup (``?region=%00``) was a 500. Nothing legitimate contains
NUL, so it is refused here for every route at once: the path, every query parameter (name and
value), header values (RFC 9110 forbids NUL there; gunicorn refuses it, an in-process call does
not) and url-encoded form fields. JSON and multipart text goes through DRF/Django form fields,
which refuse NUL themselves (ProhibitNullCharactersValidator).

A cookie is different: a quoted value may spell NUL as ``\\000``, which Django decodes; such a
cookie cannot be one of ours (a session id with it was a 500 on PostgreSQL), so it is dropped and
the request goes on without it.

A request under /api/ gets the API's error shape naming the field; a page gets the 400 page.
"""

from django.core.exceptions import BadRequest
from django.http import JsonResponse, QueryDict
from django.urls import Resolver404, resolve

NUL = "\x00"
FORM = "application/x-www-form-urlencoded"


def _bad_name(items) -> str | None:
    for key, values in items:
        if NUL in key or any(NUL in value for value in values):
            return key.replace(NUL, "\\x00")
    return None


def _bad_path_part(path: str) -> str:
    """The URL parameter (e.g. ``code``) that holds the NUL, else "path"."""
    try:
        kwargs = resolve(path).kwargs
    except Resolver404:
        return "path"
    return next((name for name, value in kwargs.items() if NUL in str(value)), "path")


def _form(request) -> QueryDict:
    if request.method == "POST":
        return request.POST
    return QueryDict(request.body, encoding=request.encoding)


def _refusal(request) -> tuple[str, str] | None:
    """(where, name) of the first NUL in the request, or None."""
    if NUL in request.path_info:
        return "网址", _bad_path_part(request.path_info)
    if name := _bad_name(request.GET.lists()):
        return "查询参数", name
    headers = ((key, [value]) for key, value in request.headers.items() if key != "Cookie")
    if name := _bad_name(headers):
        return "请求头", name
    if (
        request.content_type == FORM
        and request.method not in ("GET", "HEAD")
        and (name := _bad_name(_form(request).lists()))
    ):
        return "表单字段", name
    return None


class RejectNulMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        for key in [key for key, value in request.COOKIES.items() if NUL in key or NUL in value]:
            del request.COOKIES[key]
        refusal = _refusal(request)
        if refusal is None:
            return self.get_response(request)
        where, name = refusal
        detail = f"{where} {name} 含有空字符（NUL），请删除后重试。"
        if request.path.startswith("/api/"):
            errors = {name: ["不能包含空字符（NUL）。"]}
            return JsonResponse(
                {"detail": detail, "errors": errors}, status=400, json_dumps_params={"ensure_ascii": False}
            )
        raise BadRequest(detail)
