from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from . import health

api_v1 = [
    path("", include("backend.accounts.api.urls")),
    path("quota/", include("quota.api.urls")),
    path("", include("matching.api.urls")),
    path("indicators/", include("indicators.api.urls")),
    path("registry/", include("registry.api.urls")),
    path("", include("notifications.api.urls")),
    path("assistance/", include("assistance.api.urls")),
    path("", include("jobfairs.api.urls")),
    path("", include("daycentres.api.urls")),
    path("", include("training.api.urls")),
]

urlpatterns = [
    # For probes, public, JSON; answered by backend.health.HealthMiddleware before sessions.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves its initialiser as a separate script, so the CSP needs no inline JS.
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path("", include("frontend.urls")),
]

# Chinese error pages in the site's layout; /api/ keeps the JSON error shape (frontend/views/errors.py).
handler400 = "frontend.views.errors.bad_request"
handler403 = "frontend.views.errors.permission_denied"
handler404 = "frontend.views.errors.page_not_found"
handler500 = "frontend.views.errors.server_error"
