"""URLs of the audit and decision API (included by quota/api/urls.py, under /api/v1/quota/)."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from quota.api import credit_views as credit
from quota.audit.api import decision_views as decisions
from quota.audit.api import views as audit

router = DefaultRouter(trailing_slash="/?")
router.include_root_view = False
router.include_format_suffixes = False  # as backend.api.routers.OptionalSlashRouter: JSON only
router.register("audits", audit.AuditRunViewSet, basename="quota-audit")
router.register("notices", decisions.LevyNoticeViewSet, basename="quota-notice")
router.register("payments", decisions.LevyPaymentViewSet, basename="quota-payment")
router.register("adjustments", decisions.LevyAdjustmentViewSet, basename="quota-adjustment")
router.register("ledger", decisions.LedgerEntryViewSet, basename="quota-ledger")
router.register("credit-flags", decisions.CreditFlagViewSet, basename="quota-credit-flag")
router.register("credit-cases", credit.CreditCaseViewSet, basename="quota-credit-case")

urlpatterns = [
    path("audits/<int:pk>/results/", audit.AuditResultListView.as_view(), name="quota-audit-results"),
    path("audits/<int:pk>/findings/", audit.AuditFindingListView.as_view(), name="quota-audit-findings"),
    *router.urls,
]
