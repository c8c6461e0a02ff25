"""就业援助 pages (issue 15): 就业服务专员 and the seeker's own."""

from django.urls import path

from .views import assistance_seeker, assistance_staff

urlpatterns = [
    path("service/seekers/", assistance_staff.service_seekers, name="service_seekers"),
    path(
        "service/seekers/<int:person_pk>/open/", assistance_staff.service_case_open, name="service_case_open"
    ),
    path("service/cases/", assistance_staff.service_cases, name="service_cases"),
    path("service/cases/<int:pk>/", assistance_staff.service_case, name="service_case"),
    path(
        "service/cases/<int:pk>/assessment/",
        assistance_staff.service_assessment_new,
        name="service_assessment_new",
    ),
    path("assessments/<int:pk>/plan/", assistance_staff.assessment_plan, name="assessment_plan"),
    path("me/assistance/", assistance_seeker.my_assistance, name="my_assistance"),
    path("me/assistance/assessments/<int:pk>/", assistance_seeker.my_assessment, name="my_assessment"),
]
