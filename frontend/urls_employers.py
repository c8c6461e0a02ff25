"""Employer master data: the employer's change requests and acting-employer chooser; the
auditors' employer details, registry decisions and change requests."""

from django.urls import path

from .views import auditor, employer

urlpatterns = [
    path("employer/choose/", employer.employer_choose, name="employer_choose"),
    path(
        "employer/profile/change-request/", employer.employer_change_request, name="employer_change_request"
    ),
    path("auditor/employers/<int:pk>/", auditor.auditor_employer, name="auditor_employer"),
    path(
        "auditor/employers/<int:pk>/registry/",
        auditor.auditor_employer_registry,
        name="auditor_employer_registry",
    ),
    path(
        "auditor/employers/change-requests/",
        auditor.auditor_change_requests,
        name="auditor_change_requests",
    ),
    path(
        "auditor/employers/change-requests/<int:pk>/",
        auditor.auditor_change_request,
        name="auditor_change_request",
    ),
]
