"""drf-spectacular schema defaults: every operation declares the error responses it can give.

schemathesis only tries what the schema declares, so 400/401/403/404/429 are declared on every
operation with the shared error shape rather than view by view.
"""

import copy

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="给人看的中文说明")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="按字段列出的错误消息；嵌套字段用点号连接，例如 disabled_employees.0.monthly_wage",
    )


ERROR = OpenApiResponse(ErrorSerializer, description="错误")


def _model_field(field):
    """The model field behind a ModelSerializer field (following a dotted source), or None."""
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    source = getattr(field, "source", None)
    if model is None or not source or source == "*":
        return None
    found = None
    for part in source.split("."):
        if model is None:
            return None
        try:
            found = model._meta.get_field(part)
        except FieldDoesNotExist:
            return None
        model = found.related_model
    return found


class AutoSchema(SpectacularAutoSchema):
    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        # A ModelSerializer drops allow_blank from read-only fields, so a choice field that is
        # blank=True in the model ("" for "not given") was declared as its choices only and a
        # real "" answer broke the schema (found by schemathesis: auditor_kind, education).
        if (
            isinstance(field, serializers.ChoiceField)
            and field.read_only
            and not field.allow_blank
            and getattr(_model_field(field), "blank", False)
        ):
            field = copy.copy(field)
            field.allow_blank = True
        return super()._map_serializer_field(field, direction, bypass_extensions)

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        # Lists answer 400 for bad filter values and 404 for a page out of range, so every
        # operation can give all five.
        codes = {
            "400": "输入有误（字段或查询参数）",
            "401": "未登录",
            "403": "无权限",
            "404": "不存在、不在您的权限范围内，或页码超出范围",
            "429": "请求过于频繁",
        }
        if self.method.upper() in {"POST", "PUT", "PATCH"}:
            codes["415"] = "请求体的格式不受支持（请用 JSON 或表单）"
        for code, description in codes.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=description), code, direction=direction
                )
        return responses
