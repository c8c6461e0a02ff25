"""Job-fair API routes, mounted at /api/v1/."""

from backend.api.routers import OptionalSlashRouter

from . import views

router = OptionalSlashRouter()
router.include_root_view = False  # the registry's router already serves the API root
router.register("job-fairs", views.JobFairViewSet, basename="job-fair")
router.register("job-fair-booths", views.BoothViewSet, basename="job-fair-booth")
router.register("job-fair-registrations", views.RegistrationViewSet, basename="job-fair-registration")
router.register("job-fair-results", views.ResultViewSet, basename="job-fair-result")

urlpatterns = router.urls
