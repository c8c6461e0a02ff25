"""The public levy calculator and the policy parameters (read-only).

The levy for data year Y (数据年度) is declared and paid in levy year Y+1 (征收年度); policies are
keyed by the levy year.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from backend.accounts.models import Region

from .. import services
from ..filtersets import QuotaPolicyFilterSet
from ..models import QuotaPolicy
from ..services.calculator import policy_and_row, policy_as_dict
from . import calculator_serializers as cs

YEAR_NOTE = "数据年度 Y 的保障金在征收年度 Y+1 申报缴纳；政策参数按征收年度确定。"


class CalculatorView(APIView):
    """Public levy calculator (no login; throttled)."""

    permission_classes = [AllowAny]
    authentication_classes: list = []  # stateless and side-effect free: no session, no CSRF
    throttle_scope = "calculator"

    @extend_schema(
        summary="保障金计算器",
        description="按数据年度的人数、工资和残疾职工情况计算应缴残疾人就业保障金。" + YEAR_NOTE,
        request=cs.CalculatorRequestSerializer,
        responses={200: cs.CalculationResponseSerializer},
        auth=[],
    )
    def post(self, request):
        data = cs.CalculatorRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        calculation = services.levy_calculation(
            data_year=v["data_year"],
            region_code=v["region"],
            org_type=v["org_type"],
            employee_count=v.get("employee_count"),
            monthly_headcounts=v.get("monthly_headcounts"),
            total_wages=v["total_wages"],
            social_average_wage=v.get("social_average_wage"),
            disabled_employees=v.get("disabled_employees", []),
        )
        return Response(services.calculation_as_dict(calculation))


class QuotaPolicyViewSet(viewsets.ReadOnlyModelViewSet):
    """Policy parameters by region and levy-year period (read-only; administrators edit them in
    the admin, with history)."""

    serializer_class = cs.QuotaPolicySerializer
    filterset_class = QuotaPolicyFilterSet
    permission_classes = [IsAuthenticated]
    queryset = QuotaPolicy.objects.select_related("region")
    ordering_fields = ["levy_year_from"]

    @extend_schema(
        summary="某地区某年度适用的政策",
        description="按 县 → 市 → 省 的顺序查找，最具体地区的参数生效。" + YEAR_NOTE,
        parameters=[
            OpenApiParameter("region", str, description="区划代码，默认 320585（太仓市）"),
            OpenApiParameter("levy_year", int, description="征收年度（与 data_year 二选一）"),
            OpenApiParameter("data_year", int, description="数据年度（征收年度 = 数据年度 + 1）"),
        ],
        responses={200: cs.PolicyResolvedSerializer},
    )
    @action(detail=False, methods=["get"], filterset_class=None, pagination_class=None)
    def current(self, request):
        region = Region.objects.filter(code=request.query_params.get("region", "320585")).first()
        if region is None:
            raise ValidationError({"region": "区划代码不存在"})
        levy_year = _year(request.query_params.get("levy_year"), "levy_year")
        data_year = _year(request.query_params.get("data_year"), "data_year")
        if (levy_year is None) == (data_year is None):
            message = "请给出征收年度 levy_year 或数据年度 data_year（二选一）"
            raise ValidationError({"levy_year": [message], "data_year": [message]})
        field = "levy_year" if levy_year is not None else "data_year"
        policy, row = policy_and_row(region, levy_year or data_year + 1, field=field)
        return Response(policy_as_dict(policy, row))


def _year(value, field: str) -> int | None:
    if value in (None, ""):
        return None
    if not str(value).isdigit() or not 2000 <= int(value) <= 2100:
        raise ValidationError({field: ["年度应为2000至2100之间的整数"]})
    return int(value)
