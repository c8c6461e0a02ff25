"""One error shape for the whole API: {"detail": str, "errors": {field: [str, ...]}}.

Messages are Chinese (DRF ships zh-Hans translations; our own validators speak Chinese).
Anything a view lets slip — a model ValidationError, an IntegrityError from a constraint —
becomes a 400 instead of a 500, so bad input never shows a server error.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

NON_FIELD = "non_field_errors"
PARSE_ERROR = "请求内容无法解析，请检查格式（例如 JSON 是否完整、编码是否为 UTF-8）。"


def _flatten(detail, prefix: str = "") -> dict[str, list[str]]:
    """Turn DRF's nested error detail into {"field.sub.0": ["msg"]}."""
    out: dict[str, list[str]] = {}
    if isinstance(detail, dict):
        for key, value in detail.items():
            name = str(key) if not prefix else f"{prefix}.{key}"
            for k, v in _flatten(value, name).items():
                out.setdefault(k, []).extend(v)
    elif isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            out[prefix or NON_FIELD] = [str(item) for item in detail]
        else:
            for index, item in enumerate(detail):
                name = f"{prefix}.{index}" if prefix else str(index)
                for k, v in _flatten(item, name).items():
                    out.setdefault(k, []).extend(v)
    else:
        out[prefix or NON_FIELD] = [str(detail)]
    return out


def error_response(errors: dict[str, list[str]], *, detail: str = "提交的内容有误，请按提示修改。", code=400):
    return Response({"detail": detail, "errors": errors}, status=code)


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "message_dict"):
            exc = exceptions.ValidationError(exc.message_dict)
        else:
            exc = exceptions.ValidationError({NON_FIELD: exc.messages})
    elif isinstance(exc, IntegrityError):
        exc = exceptions.ValidationError({NON_FIELD: ["数据与已有记录冲突（例如重复提交），请刷新后重试。"]})
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound("未找到。")
    elif isinstance(exc, DjangoPermissionDenied):
        # The services' own Chinese reason ("须由另一名审核人员复核", "税务的审核人员不能…") tells
        # the caller what to do; views have already answered 404 for objects out of scope.
        reason = exc.args[0] if exc.args and isinstance(exc.args[0], str) else None
        exc = exceptions.PermissionDenied(reason)
    elif isinstance(exc, exceptions.ParseError):
        # DRF's parsers raise untranslated English with the parser's own words
        # ("JSON parse error - Expecting property name ..."): say it in Chinese instead.
        exc = exceptions.ParseError(PARSE_ERROR)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = {"detail": "提交的内容有误，请按提示修改。", "errors": _flatten(exc.detail)}
    else:
        detail = response.data.get("detail") if isinstance(response.data, dict) else response.data
        response.data = {"detail": str(detail), "errors": {}}
    if response.status_code == status.HTTP_429_TOO_MANY_REQUESTS:
        response.data["detail"] = "请求过于频繁，请稍后再试。"
    return response
