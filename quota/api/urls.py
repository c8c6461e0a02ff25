"""Quota API routes, mounted at /api/v1/quota/ (quota-audit adds its routes from quota/audit/api/urls.py)."""

from django.urls import include, path, re_path

from backend.api.routers import OptionalSlashRouter

from . import calculator_views, views

router = OptionalSlashRouter()
router.register("policies", calculator_views.QuotaPolicyViewSet, basename="quota-policy")
router.register("reports", views.QuotaReportViewSet, basename="quota-report")
router.register("roster-lines", views.RosterLineViewSet, basename="quota-roster-line")

urlpatterns = [
    re_path(r"^calculate/?$", calculator_views.CalculatorView.as_view(), name="quota-calculate"),
    *router.urls,
    path("", include("quota.audit.api.urls")),
]
