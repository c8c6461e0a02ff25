"""Routes mounted at /api/v1/: day-centres/ and subsidies/applications/."""

from backend.api.routers import OptionalSlashRouter

from . import views

router = OptionalSlashRouter()
router.include_root_view = False  # the registry's router already serves the API root
router.register("day-centres", views.DayCentreViewSet, basename="day-centre")
router.register("subsidies/applications", views.SubsidyApplicationViewSet, basename="subsidy-application")

urlpatterns = router.urls
