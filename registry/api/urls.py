"""Registry API routes, mounted at /api/v1/registry/."""

from backend.api.routers import OptionalSlashRouter

from . import confirmation_views, views

router = OptionalSlashRouter()
router.register("imports", views.DataImportViewSet, basename="registry-import")
router.register("confirmations", confirmation_views.ConfirmationViewSet, basename="registry-confirmation")

urlpatterns = router.urls
