"""残疾人之家 and individual-subsidy pages (issue 15)."""

from django.urls import path

from .views import daycentres as views
from .views import daycentres_manage as manage

urlpatterns = [
    path("day-centres/", views.day_centres, name="day_centres"),
    path("day-centres/<int:pk>/", views.day_centre, name="day_centre"),
    path(
        "day-centres/<int:pk>/subsidy/", views.day_centre_propose_subsidy, name="day_centre_propose_subsidy"
    ),
    path("day-centres/<int:pk>/members/", manage.member_add, name="day_centre_member_add"),
    path("day-centres/<int:pk>/members/leave/", manage.member_leave, name="day_centre_member_leave"),
    path("day-centres/<int:pk>/orders/", manage.order_new, name="day_centre_order_new"),
    path("day-centres/<int:pk>/orders/<int:order_pk>/", manage.order_detail, name="day_centre_order"),
    path(
        "day-centres/<int:pk>/orders/<int:order_pk>/income/",
        manage.order_income,
        name="day_centre_order_income",
    ),
    path(
        "day-centres/<int:pk>/orders/<int:order_pk>/distribute/",
        manage.order_distribute,
        name="day_centre_order_distribute",
    ),
    path(
        "day-centres/<int:pk>/orders/<int:order_pk>/status/",
        manage.order_status,
        name="day_centre_order_status",
    ),
    path("service/subsidies/", views.service_subsidies, name="service_subsidies"),
    path("me/subsidies/", views.my_subsidies, name="my_subsidies"),
    path("auditor/subsidies/", views.audit_subsidies, name="audit_subsidies"),
    path("auditor/subsidies/<int:pk>/propose/", views.audit_subsidy_propose, name="audit_subsidy_propose"),
]
