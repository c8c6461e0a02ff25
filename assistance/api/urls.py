"""就业援助 API routes, mounted at /api/v1/assistance/."""

from backend.api.routers import OptionalSlashRouter

from . import views

router = OptionalSlashRouter()
router.include_root_view = False  # the registry's router already serves the API root
router.register("seekers", views.SeekerViewSet, basename="assistance-seeker")
router.register("cases", views.CaseViewSet, basename="assistance-case")
router.register("assessments", views.AssessmentViewSet, basename="assistance-assessment")

urlpatterns = router.urls
