"""Training API routes, mounted at /api/v1/: training/courses/ and me/training-records/."""

from django.urls import re_path

from backend.api.routers import OptionalSlashRouter

from . import views

router = OptionalSlashRouter()
router.include_root_view = False  # the registry's router already serves the API root
router.register("training/courses", views.TrainingCourseViewSet, basename="training-course")

urlpatterns = [
    re_path(r"^me/training-records/?$", views.MyTrainingRecordsView.as_view(), name="my-training-records"),
    *router.urls,
]
