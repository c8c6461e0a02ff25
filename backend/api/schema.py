"""drf-spectacular schema defaults: every operation declares the error responses it can give.

schemathesis only tries what the schema declares, so 400/401/403/404/429 are declared on every
operation with the shared error shape rather than view by view.
"""

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


class AutoSchema(SpectacularAutoSchema):
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
