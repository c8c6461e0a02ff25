"""残疾人之家 and individual-subsidy pages (issue 15)."""

from django.urls import path

from .views import daycentres as views

urlpatterns = [
    path("day-centres/", views.day_centres, name="day_centres"),
    path("day-centres/<int:pk>/", views.day_centre, name="day_centre"),
    path(
        "day-centres/<int:pk>/subsidy/", views.day_centre_propose_subsidy, name="day_centre_propose_subsidy"
    ),
    path("me/subsidies/", views.my_subsidies, name="my_subsidies"),
    path("auditor/subsidies/", views.audit_subsidies, name="audit_subsidies"),
    path("auditor/subsidies/<int:pk>/propose/", views.audit_subsidy_propose, name="audit_subsidy_propose"),
]
