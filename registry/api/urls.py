"""Registry API routes, mounted at /api/v1/registry/."""

from backend.api.routers import OptionalSlashRouter

from . import views

router = OptionalSlashRouter()
router.register("imports", views.DataImportViewSet, basename="registry-import")

urlpatterns = router.urls
