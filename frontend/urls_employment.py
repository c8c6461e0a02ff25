"""实名制就业记录 pages (issue 10 §6)."""

from django.urls import path

from .views import employment_records as views

urlpatterns = [
    path(
        "employer/employment-records/", views.employer_employment_records, name="employer_employment_records"
    ),
    path("me/employment-records/", views.my_employment_records, name="my_employment_records"),
    path("auditor/employment-records/", views.auditor_employment_records, name="auditor_employment_records"),
    path(
        "auditor/employment-records/new/",
        views.auditor_employment_record_new,
        name="auditor_employment_record_new",
    ),
    path(
        "auditor/employment-records/<int:pk>/",
        views.auditor_employment_record,
        name="auditor_employment_record",
    ),
]
