"""Indicators API routes, mounted at /api/v1/indicators/."""

from django.urls import re_path

from backend.api.routers import OptionalSlashRouter

from . import views

router = OptionalSlashRouter()
router.register("training-records", views.TrainingRecordViewSet, basename="training-record")

urlpatterns = [
    re_path(r"^plan/?$", views.PlanIndicatorsView.as_view(), name="indicators-plan"),
    *router.urls,
]
